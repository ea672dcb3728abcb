//! Diagnostics: the parser's and the checker's errors with their help and
//! related locations, and the failed `expect` lines of test runs.

use std::collections::BTreeMap;

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Range, Uri,
};
use miette::Diagnostic as _;
use toets_engine::RuleError;
use toets_syntax::Span;

use crate::workspace::{File, FileSet};

/// The diagnostics of every file of the set that is not built in, by URI.
pub(crate) fn of_set(set: &FileSet) -> Vec<(Uri, Vec<Diagnostic>)> {
    let mut by_name: BTreeMap<&str, Vec<Diagnostic>> = set
        .files
        .iter()
        .filter(|(_, f)| !f.builtin)
        .map(|(name, f)| (name.as_str(), syntax(f)))
        .collect();
    if let Some(Err(errors)) = set.analysis.as_ref().map(|a| &a.rules) {
        for error in &errors.0 {
            match file_of(error) {
                Some(name) => {
                    let current = set.files.get(&name).is_some_and(|f| !f.stale);
                    if let (true, Some(list)) = (current, by_name.get_mut(name.as_str())) {
                        list.push(checker(set, &name, error));
                    }
                }
                // An error of no file (the set declares no norms) is
                // noise while a file does not parse.
                None if set.files.values().any(|f| !f.syntax_errors.is_empty()) => {}
                None => {
                    for (name, list) in by_name.iter_mut() {
                        if set.files.get(*name).is_some_and(|f| f.open) {
                            list.push(checker(set, name, error));
                        }
                    }
                }
            }
        }
    }
    for failure in &set.failures {
        let (Some(file), Some(list)) = (
            set.files.get(&failure.file),
            by_name.get_mut(failure.file.as_str()),
        ) else {
            continue;
        };
        list.push(Diagnostic {
            range: file.index.range(failure.span),
            severity: Some(DiagnosticSeverity::ERROR),
            code: Some(NumberOrString::String("toets::test::failed".to_owned())),
            source: Some("toets".to_owned()),
            message: failure.message.clone(),
            ..Diagnostic::default()
        });
    }
    for hint in &set.hints {
        let (Some(file), Some(list)) = (
            set.files.get(&hint.file),
            by_name.get_mut(hint.file.as_str()),
        ) else {
            continue;
        };
        let start = offset_of(file.source.text(), hint.line, hint.col);
        let end = file
            .source
            .text()
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(file.source.text().len(), |n| start + n);
        list.push(Diagnostic {
            range: file.index.range(Span::new(start, end)),
            severity: Some(DiagnosticSeverity::HINT),
            code: Some(NumberOrString::String(hint.code.to_owned())),
            source: Some("toets".to_owned()),
            message: hint.message.clone(),
            ..Diagnostic::default()
        });
    }
    by_name
        .into_iter()
        .filter_map(|(name, list)| Some((set.files.get(name)?.uri.clone(), list)))
        .collect()
}

/// The syntax errors of a file's current text.
fn syntax(file: &File) -> Vec<Diagnostic> {
    file.syntax_errors
        .iter()
        .map(|e| {
            let span = first_span(e).unwrap_or(Span::new(0, 0));
            diagnostic(e, file.index.range(span), Vec::new())
        })
        .collect()
}

/// A checker error of file `name`.
fn checker(set: &FileSet, name: &str, error: &RuleError) -> Diagnostic {
    let index = set.analysed_index(name).and_then(|i| set.analysed.get(i));
    let range = match (index, first_span(error)) {
        (Some(index), Some(span)) => index.range(span),
        _ => Range::default(),
    };
    let mut related = Vec::new();
    if let (RuleError::Duplicate(_), Some(span), Some(i)) =
        (error, first_span(error), set.analysed_index(name))
    {
        related.extend(first_declaration(set, i, span));
    }
    diagnostic(error, range, related)
}

/// Where the name a duplicate declaration repeats was declared first.
fn first_declaration(
    set: &FileSet,
    file: usize,
    span: Span,
) -> Option<DiagnosticRelatedInformation> {
    let analysis = set.analysis.as_ref()?;
    let name = analysis
        .sources
        .get(file)?
        .text()
        .get(span.start..span.end)?;
    let first = analysis
        .references
        .names
        .iter()
        .find(|r| r.declaration && set.reference_text(r) == Some(name))?;
    Some(DiagnosticRelatedInformation {
        location: set.location(first)?,
        message: format!("`{name}` is first declared here"),
    })
}

/// An LSP diagnostic of a miette diagnostic: its message, help, code, and
/// its other labels and related diagnostics as related information.
fn diagnostic(
    d: &dyn miette::Diagnostic,
    range: Range,
    mut related: Vec<DiagnosticRelatedInformation>,
) -> Diagnostic {
    let mut message = d.to_string();
    if let Some(help) = d.help() {
        message.push_str(&format!("\nhelp: {help}"));
    }
    for label in d.labels().into_iter().flatten().skip(1) {
        if let Some(text) = label.label() {
            message.push_str(&format!("\nnote: {text}"));
        }
    }
    if let Some(children) = d.related() {
        for child in children {
            message.push_str(&format!("\nnote: {child}"));
        }
    }
    related.dedup();
    Diagnostic {
        range,
        severity: Some(DiagnosticSeverity::ERROR),
        code: d.code().map(|c| NumberOrString::String(c.to_string())),
        source: Some("toets".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

/// The span of a diagnostic's first label.
fn first_span(d: &dyn miette::Diagnostic) -> Option<Span> {
    let label = d.labels()?.next()?;
    Some(Span::new(label.offset(), label.offset() + label.len()))
}

/// The name of the file a diagnostic points into.
fn file_of(d: &RuleError) -> Option<String> {
    let label = d.labels()?.next()?;
    let source = d.source_code()?;
    let contents = source.read_span(label.inner(), 0, 0).ok()?;
    contents.name().map(str::to_owned)
}

/// The byte offset of 1-based `line` and character `col` in `text`,
/// clamped to the text.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = text.get(line_start..).unwrap_or_default();
    line_start
        + rest
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(rest.len(), |(i, _)| i)
}
