//! The one place where byte offsets of the engine meet LSP positions (line
//! and UTF-16 column), and where file paths meet URIs.

use lsp_types::{Position, Range, Uri};
use toets_syntax::{SourceFile, Span};

/// Line starts of one text, to turn byte offsets into LSP positions and back.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    source: SourceFile,
    /// Byte offset of the start of each line; the first is 0.
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the text of `source`.
    pub(crate) fn new(source: &SourceFile) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(source.text().match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            source: source.clone(),
            starts,
        }
    }

    fn text(&self) -> &str {
        self.source.text()
    }

    /// The position of byte `offset`, clamped to the text and moved back to
    /// the start of a character if it falls inside one.
    pub(crate) fn position(&self, offset: usize) -> Position {
        let text = self.text();
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column: usize = text
            .get(start..offset)
            .unwrap_or_default()
            .chars()
            .map(char::len_utf16)
            .sum();
        Position::new(to_u32(line), to_u32(column))
    }

    /// The range of a span.
    pub(crate) fn range(&self, span: Span) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position; `None` if its line is past the end.
    /// A column past the end of its line means the end of the line.
    pub(crate) fn offset(&self, position: Position) -> Option<usize> {
        let text = self.text();
        let line = usize::try_from(position.line).ok()?;
        let start = *self.starts.get(line)?;
        let end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |next| next.saturating_sub(1));
        let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
        let mut units = 0;
        for (i, c) in text.get(start..end).unwrap_or_default().char_indices() {
            if units >= wanted {
                return Some(start + i);
            }
            units += c.len_utf16();
        }
        Some(end)
    }

    /// The byte offset of a position, clamped to the end of the text.
    pub(crate) fn offset_clamped(&self, position: Position) -> usize {
        self.offset(position).unwrap_or(self.text().len())
    }

    /// The range of the whole text.
    pub(crate) fn full_range(&self) -> Range {
        Range::new(Position::new(0, 0), self.position(self.text().len()))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The file path of a `file:` URI, percent-decoded.
pub(crate) fn uri_to_path(uri: &Uri) -> Option<std::path::PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` (empty authority) or `file://localhost/path`.
    let path = rest.strip_prefix("localhost").unwrap_or(rest);
    if !path.starts_with('/') {
        return None;
    }
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(decoded) = hex {
                out.push(decoded);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).ok().map(std::path::PathBuf::from)
}

/// The `file:` URI of an absolute path, percent-encoded.
pub(crate) fn path_to_uri(path: &std::path::Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut out = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_units_and_round_trip() {
        let source = SourceFile::new("t.toets", "ab\n€𝄞x\n");
        let index = LineIndex::new(&source);
        // `€` is 3 bytes and 1 UTF-16 unit; `𝄞` is 4 bytes and 2 units.
        assert_eq!(index.position(3), Position::new(1, 0));
        assert_eq!(index.position(6), Position::new(1, 1));
        assert_eq!(index.position(10), Position::new(1, 3));
        assert_eq!(index.position(7), Position::new(1, 1), "inside a character");
        assert_eq!(index.position(999), Position::new(2, 0), "past the end");
        assert_eq!(index.offset(Position::new(1, 3)), Some(10));
        assert_eq!(index.offset(Position::new(1, 99)), Some(11), "end of line");
        assert_eq!(index.offset(Position::new(9, 0)), None, "no such line");
    }

    #[test]
    fn paths_and_uris_round_trip() {
        let path = std::path::Path::new("/tmp/my rules/avg €.toets");
        let uri = path_to_uri(path);
        assert_eq!(
            uri.as_ref().map(|u| u.as_str().to_owned()),
            Some("file:///tmp/my%20rules/avg%20%E2%82%AC.toets".to_owned())
        );
        assert_eq!(uri.and_then(|u| uri_to_path(&u)).as_deref(), Some(path));
    }
}
