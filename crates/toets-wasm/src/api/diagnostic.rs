//! Diagnostics as values: the engine's `miette` diagnostics converted to
//! what a page shows next to the line they concern.

use serde::Serialize;
use toets_syntax::SourceFile;

/// An error or problem, as a value a page can show next to the line it
/// concerns. Converted from the engine's `miette` diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable code, e.g. `toets::description::wrong_type`.
    pub code: Option<String>,
    /// What is wrong (one line, lowercase).
    pub message: String,
    /// The label at the span, e.g. `not declared`.
    pub label: Option<String>,
    /// What to do about it.
    pub hint: Option<String>,
    /// The file or description the position is in.
    pub source_name: Option<String>,
    /// One-based line of the start of the span.
    pub line: Option<usize>,
    /// One-based column (in characters) of the start of the span.
    pub column: Option<usize>,
    /// One-based line of the end of the span.
    pub end_line: Option<usize>,
    /// One-based column (in characters) just past the end of the span.
    pub end_column: Option<usize>,
}

impl Diagnostic {
    /// A diagnostic of this crate's own, with no position.
    pub fn plain(code: &str, message: impl Into<String>, hint: Option<&str>) -> Self {
        Diagnostic {
            code: Some(code.to_owned()),
            message: message.into(),
            label: None,
            hint: hint.map(str::to_owned),
            source_name: None,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
        }
    }

    /// Converts a `miette` diagnostic. `texts` are the sources the spans may
    /// point into, by name, so that columns count characters, not bytes.
    pub fn from_miette(d: &dyn miette::Diagnostic, texts: &[(&str, &str)]) -> Self {
        let first = d.labels().and_then(|mut labels| labels.next());
        let label = first.as_ref().and_then(|l| l.label().map(str::to_owned));
        let span = first.map(|l| *l.inner());
        let contents = match (d.source_code(), span) {
            (Some(src), Some(span)) => src.read_span(&span, 0, 0).ok(),
            _ => None,
        };
        let source_name = contents.as_ref().and_then(|c| c.name().map(str::to_owned));
        let text = source_name
            .as_deref()
            .and_then(|n| texts.iter().find(|(name, _)| *name == n))
            .map(|(name, text)| SourceFile::new(*name, *text));
        let mut out = Diagnostic {
            code: d.code().map(|c| c.to_string()),
            message: d.to_string(),
            label,
            hint: d.help().map(|h| h.to_string()),
            source_name,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
        };
        match (span, text, contents) {
            (Some(span), Some(file), _) => {
                let (line, column) = file.line_col(span.offset());
                let (end_line, end_column) = file.line_col(span.offset() + span.len());
                out.line = Some(line);
                out.column = Some(column);
                out.end_line = Some(end_line);
                out.end_column = Some(end_column);
            }
            (Some(_), None, Some(c)) => {
                // A source we do not hold: miette's position (columns in bytes).
                out.line = Some(c.line() + 1);
                out.column = Some(c.column() + 1);
                out.end_line = out.line;
                out.end_column = out.column;
            }
            _ => {}
        }
        out
    }
}
