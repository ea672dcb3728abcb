//! Formatting through the formatter of `toets fmt` (toets-syntax).

use lsp_types::TextEdit;

use crate::workspace::File;

/// Why a file was not formatted.
#[derive(Debug, thiserror::Error)]
#[error("cannot format this file: {reason}")]
pub(crate) struct FormatFailed {
    reason: String,
}

/// The edit that formats `file`: none if it is formatted already.
pub(crate) fn format(file: &File) -> Result<Vec<TextEdit>, FormatFailed> {
    match toets_syntax::format_source(&file.source) {
        Ok(text) if text == file.source.text() => Ok(Vec::new()),
        Ok(text) => Ok(vec![TextEdit::new(file.index.full_range(), text)]),
        Err(reports) => Err(FormatFailed {
            reason: reports
                .first()
                .map_or_else(|| "it does not parse".to_owned(), ToString::to_string),
        }),
    }
}
