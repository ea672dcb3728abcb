//! Limits that keep hostile or accidental input from exhausting the stack or
//! the clock. Each is documented in `docs/language.md` and tested at the limit
//! and one past it.

use crate::{SourceFile, Span, SyntaxError, error};

/// Bounds on rule text, checked before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest rule file accepted, in bytes.
    pub max_file_bytes: usize,
    /// Deepest nesting of `(`, `[` and `{` (checked on the raw text) and of
    /// brackets plus runs of `not` in a condition (checked while lowering).
    pub max_nesting: usize,
    /// Longest identifier or dotted path, in bytes.
    pub max_ident_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 4 * 1024 * 1024,
            max_nesting: 64,
            max_ident_len: 128,
        }
    }
}

impl Limits {
    /// Checks size and bracket nesting on the raw text, so that the
    /// recursive-descent parser never sees input that could overflow its stack.
    pub(crate) fn check(&self, source: &SourceFile) -> Result<(), Vec<SyntaxError>> {
        let text = source.text();
        if text.len() > self.max_file_bytes {
            return Err(vec![SyntaxError::TooLarge(error::TooLarge {
                src: source.named_source(),
                span: Span::new(0, 0).into(),
                size: text.len(),
                limit: self.max_file_bytes,
            })]);
        }
        if text.contains('\0') {
            let at = text.find('\0').unwrap_or(0);
            return Err(vec![SyntaxError::Binary(error::Binary {
                src: source.named_source(),
                span: Span::new(at, at + 1).into(),
            })]);
        }
        let mut depth = 0usize;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    // Skip a string literal; an unterminated one is the parser's to report.
                    while let Some((_, c)) = chars.next() {
                        match c {
                            '\\' => {
                                chars.next();
                            }
                            '"' | '\n' => break,
                            _ => {}
                        }
                    }
                }
                '/' if chars.peek().is_some_and(|&(_, c)| c == '/') => {
                    for (_, c) in chars.by_ref() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                '(' | '[' | '{' => {
                    depth += 1;
                    if depth > self.max_nesting {
                        return Err(vec![self.too_deep(source, at)]);
                    }
                }
                ')' | ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        Ok(())
    }

    pub(crate) fn too_deep(&self, source: &SourceFile, at: usize) -> SyntaxError {
        SyntaxError::TooDeep(error::TooDeep {
            src: source.named_source(),
            span: Span::new(at, at + 1).into(),
            limit: self.max_nesting,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::{SourceFile, parse};

    fn errors(text: &str) -> Vec<String> {
        parse(&SourceFile::new("x.toets", text))
            .err()
            .unwrap_or_default()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn brackets_in_texts_and_comments_do_not_count() {
        let deep = "(".repeat(100);
        let text = format!(
            "// {deep}\nlaw avg \"{deep}\" / \"a \\\" {deep}\" {{ }} // {deep}\nfact x: bool ask nl \"?\" en \"?\"\n"
        );
        assert_eq!(errors(&text), Vec::<String>::new());
    }

    #[test]
    fn brackets_after_a_single_slash_still_count() {
        // `/` between labels is not a comment: the braces after it on the
        // same line are counted, and 65 of them are one too many.
        let text = format!(
            "law a \"A\" / \"A\" {{ }} fact f: one of {}",
            "{".repeat(65)
        );
        let found = errors(&text);
        assert!(
            found.iter().any(|e| e.contains("deeper than the limit")),
            "{found:?}"
        );
        let square = format!("test \"t\" {{ given {{ x = {} }} }}", "[".repeat(65));
        assert!(
            errors(&square)
                .iter()
                .any(|e| e.contains("deeper than the limit"))
        );
    }

    #[test]
    fn the_nesting_error_points_at_the_bracket_one_too_deep() {
        use miette::Diagnostic;
        let text = format!("concept c = {}x", "(".repeat(70));
        let found = parse(&SourceFile::new("x.toets", text.as_str()))
            .err()
            .unwrap_or_default();
        let spans: Vec<(usize, usize)> = found
            .iter()
            .flat_map(|e| e.labels().into_iter().flatten())
            .map(|l| (l.offset(), l.len()))
            .collect();
        // `concept c = ` is 12 bytes; the 65th bracket is at offset 12 + 64.
        assert_eq!(spans, [(76, 1)]);
    }
}
