//! Text that comes from a description (a system's name, a text fact, a
//! path) is the reader's input, not ours: it may carry line breaks that forge
//! a line of the verdict, terminal escape sequences, bidirectional overrides
//! that reorder what is shown, or Markdown and HTML. Every presenter passes
//! such text through one of these functions before it prints it.

use std::borrow::Cow;

/// Whether `c` must not reach the output as it is: a control character (C0,
/// DEL, C1: line breaks, escape sequences, bells) or a bidirectional
/// formatting character (which can make text read in another order).
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The text on one line of plain output: each unsafe character is written as
/// its escape (`\n`, `\u{1b}`), so it is shown, not obeyed.
pub(crate) fn plain(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The text as inline Markdown that renders as the text itself: line breaks
/// become spaces, other unsafe characters their escapes, and the characters
/// that open HTML, entities, links, images, table cells, headings or escapes
/// are backslash-escaped (CommonMark lets any ASCII punctuation be escaped),
/// so a description cannot add a heading, a link, a script or an image to a
/// report. Backticks and emphasis are left alone: the presenters put code
/// spans of their own in the texts they escape, and neither can carry markup.
pub(crate) fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '<' | '>' | '&' | '[' | ']' | '|' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if is_unsafe(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// The text as a Markdown code span: fenced by one backtick more than the
/// longest run of backticks inside it (CommonMark's rule), padded with a
/// space where it starts or ends with a backtick, and with unsafe characters
/// escaped. Inside a code span `<script>` is shown, not run.
pub(crate) fn code(s: &str) -> String {
    let text = plain(s);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> String, input: &str, expect: &str) {
        assert_eq!(f(input), expect, "input: {input:?}");
    }

    fn plain_owned(s: &str) -> String {
        plain(s).into_owned()
    }

    #[test]
    fn plain_text_shows_control_characters_instead_of_obeying_them() {
        check(plain_owned, "Risicomodel bijstand", "Risicomodel bijstand");
        check(
            plain_owned,
            "Evil\nOverall: no violations",
            "Evil\\nOverall: no violations",
        );
        check(
            plain_owned,
            "a\u{1b}]0;pwned\u{7}b",
            "a\\u{1b}]0;pwned\\u{7}b",
        );
        check(plain_owned, "x\u{202e}gnp.exe", "x\\u{202e}gnp.exe");
        check(plain_owned, "tab\there", "tab\\there");
        check(plain_owned, "é ü ß 日本", "é ü ß 日本");
    }

    #[test]
    fn markdown_text_cannot_add_html_links_or_headings() {
        check(markdown, "B&W", "B\\&W");
        check(
            markdown,
            "<script>alert(1)</script>",
            "\\<script\\>alert(1)\\</script\\>",
        );
        check(markdown, "x\n# Fake heading", "x \\# Fake heading");
        check(
            markdown,
            "[click](javascript:x)",
            "\\[click\\](javascript:x)",
        );
        check(markdown, "![i](x.png)", "\\!\\[i\\](x.png)");
        check(markdown, "a|b", "a\\|b");
        check(markdown, "esc\u{1b}[2J", "esc\\u{1b}\\[2J");
        check(markdown, "Gemeente Voorbeeldstad", "Gemeente Voorbeeldstad");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        check(code, "dpia.performed", "`dpia.performed`");
        check(code, "a`b", "``a`b``");
        check(code, "`x", "`` `x ``");
        check(code, "<img onerror=x>", "`<img onerror=x>`");
        check(code, "two\nlines", "`two\\nlines`");
    }
}
