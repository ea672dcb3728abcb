//! Equivalent-mutant markers: `// toets: equivalent OPERATOR — REASON` on
//! the line before a clause says that mutants of that operator on the next
//! line of code change nothing a test could see, and why.

use toets_syntax::ast::File;

use super::{Operator, Warning};

/// One marker.
#[derive(Debug, Clone)]
pub(crate) struct Marker {
    /// `file:line:col` of the comment.
    pub location: String,
    /// The line of code it marks (1-based).
    pub line: usize,
    pub operator: Operator,
    pub reason: String,
    /// Byte offset of the comment, to decide whether it is in scope.
    pub offset: usize,
}

/// The markers of a file, and warnings for comments that look like a
/// marker but are not one.
pub(crate) fn find(file: &File) -> (Vec<Marker>, Vec<Warning>) {
    let source = &file.source;
    let lines: Vec<&str> = source.text().lines().collect();
    let mut markers = Vec::new();
    let mut warnings = Vec::new();
    for comment in &file.comments {
        let Some(rest) = comment.text.trim().strip_prefix("toets:") else {
            continue;
        };
        let (line, col) = source.line_col(comment.span.start);
        let location = format!("{}:{line}:{col}", source.name());
        let warn = |message: String| Warning {
            location: location.clone(),
            message,
        };
        let Some(rest) = rest.trim_start().strip_prefix("equivalent") else {
            warnings.push(warn(
                "unknown `toets:` comment; the only one is `toets: equivalent OPERATOR — REASON`"
                    .to_owned(),
            ));
            continue;
        };
        let rest = rest.trim_start();
        let (word, reason) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        let Some(operator) = Operator::from_name(word) else {
            warnings.push(warn(format!(
                "`{word}` is not a mutation operator; the operators are: {}",
                Operator::ALL.map(Operator::name).join(", ")
            )));
            continue;
        };
        let reason = reason
            .trim_start()
            .trim_start_matches(['—', '–', '-', ':'])
            .trim();
        if reason.is_empty() {
            warnings.push(warn(
                "an equivalent marker needs a reason: `toets: equivalent OPERATOR — REASON`"
                    .to_owned(),
            ));
            continue;
        }
        // The next line that holds code, skipping blank and comment lines.
        let next = lines
            .iter()
            .enumerate()
            .skip(line)
            .find(|(_, l)| {
                let t = l.trim();
                !t.is_empty() && !t.starts_with("//")
            })
            .map(|(i, _)| i + 1);
        let Some(next) = next else {
            warnings.push(warn(
                "the equivalent marker stands before no code".to_owned(),
            ));
            continue;
        };
        markers.push(Marker {
            location,
            line: next,
            operator,
            reason: reason.to_owned(),
            offset: comment.span.start,
        });
    }
    (markers, warnings)
}
