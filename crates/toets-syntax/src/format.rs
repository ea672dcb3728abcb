//! `toets fmt`: prints a syntax tree back as text in one canonical layout.
//!
//! The formatter is lossless: every `//` comment and every doc comment comes
//! back, and re-parsing the output gives the same tree (spans aside). Layout
//! is done by the Wadler-style printer of the `pretty` crate: a construct
//! stays on one line when it fits in [`WIDTH`] columns and breaks at its
//! natural points otherwise (`and`/`or`, list commas, label pairs).
//!
//! Comments are not part of the tree, so they are woven back in by position:
//! the printer walks the tree in source order and, at every point where a new
//! line may start, first prints the comments that stood before that point. A
//! comment that followed code on its line stays at the end of the line.

mod expr;
mod items;

use pretty::{Arena, DocAllocator, DocBuilder};

use crate::ast::{Citation, CiteKind, ExpectedOutcome, File, Item, Labels, LawDecl, Name, Text};
use crate::source::Span;
use crate::{Limits, SourceFile};

/// The width the formatter aims to stay within.
pub const WIDTH: usize = 100;

/// Why a rule file was not formatted.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum FormatError {
    /// A property is given twice; the tree keeps one, so printing it would
    /// drop the other.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Repeated(Box<Repeated>),
    /// The formatted text would not mean the same as the input. This is a
    /// bug in the formatter; the file is left alone.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Unfaithful(Box<Unfaithful>),
}

/// A law property or a fact's `ask`/`help` given more than once.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("cannot format `{name}`: {what} is given more than once")]
#[diagnostic(
    code(toets::fmt::repeated),
    help("remove the extra one first: toets fmt would keep only one of them")
)]
pub struct Repeated {
    /// The file, for the report.
    #[source_code]
    pub src: miette::NamedSource<std::sync::Arc<str>>,
    /// The repeated property.
    #[label("repeated here")]
    pub span: miette::SourceSpan,
    /// The declaration's name.
    pub name: String,
    /// What is repeated.
    pub what: &'static str,
}

/// The formatter's output failed its own check.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("internal error: formatting `{file}` would {problem}; the file was left unchanged")]
#[diagnostic(
    code(toets::fmt::unfaithful),
    help("this is a bug in toets fmt; please report it with this file")
)]
pub struct Unfaithful {
    /// The file's name.
    pub file: String,
    /// What went wrong.
    pub problem: &'static str,
}

/// Documents live in an arena, freed at once: a file of 100,000 items or
/// comments makes a document chain that long, and dropping reference-counted
/// documents one by one would recurse that deep and overflow the stack.
type Doc<'f> = DocBuilder<'f, Arena<'f>>;

/// Formats a parsed rule file, and checks the result before returning it:
/// the output must parse to the same tree (spans aside), keep every comment
/// in order, and be its own formatting.
///
/// # Errors
/// A law property or a fact's `ask`/`help` given twice: the tree keeps only
/// one of them, so the file cannot be printed without losing the other. Or
/// the check failed, which is a bug in the formatter.
pub fn format(file: &File) -> Result<String, FormatError> {
    let out = print(file)?;
    let unfaithful = |problem| {
        FormatError::Unfaithful(Box::new(Unfaithful {
            file: file.source.name().to_owned(),
            problem,
        }))
    };
    // The output may be a little longer than the input; only its size is
    // allowed to exceed the usual limit.
    let limits = Limits {
        max_file_bytes: usize::MAX,
        ..Limits::default()
    };
    let reparsed =
        crate::parse_with_limits(&SourceFile::new(file.source.name(), out.as_str()), &limits)
            .map_err(|_| unfaithful("produce text that does not parse"))?;
    if shape(file) != shape(&reparsed) {
        return Err(unfaithful("change its meaning"));
    }
    if !same_comments(file, &reparsed) {
        return Err(unfaithful("lose or reorder a comment"));
    }
    if print(&reparsed)? != out {
        return Err(unfaithful(
            "not be stable (formatting twice gives a different text)",
        ));
    }
    Ok(out)
}

/// The tree without spans, as JSON, so that two parses can be compared.
fn shape(file: &File) -> serde_json::Value {
    fn strip(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                map.retain(|key, _| !key.ends_with("span") && key != "repeated");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(file).unwrap_or(serde_json::Value::Null);
    strip(&mut value);
    value
}

fn same_comments(a: &File, b: &File) -> bool {
    a.comments.len() == b.comments.len()
        && a.comments
            .iter()
            .zip(&b.comments)
            .all(|(x, y)| x.text == y.text)
}

/// Prints the tree in the canonical layout, unchecked.
fn print(file: &File) -> Result<String, FormatError> {
    refuse_repeated(file)?;
    let arena = Arena::new();
    let mut printer = Printer {
        text: file.source.text(),
        comments: &file.comments,
        next: 0,
        a: &arena,
    };
    let doc = printer.file(file).into_doc();
    Ok(tidy(&doc.pretty(WIDTH).to_string()))
}

fn refuse_repeated(file: &File) -> Result<(), FormatError> {
    let error = |name: &Name, span: &Span, what| {
        FormatError::Repeated(Box::new(Repeated {
            src: file.source.named_source(),
            span: (*span).into(),
            name: name.text.clone(),
            what,
        }))
    };
    for item in &file.items {
        match item {
            Item::Law(d) => {
                if let Some(span) = d.repeated.first() {
                    return Err(error(&d.id, span, "a law property"));
                }
            }
            Item::Fact(d) => {
                if let Some(span) = d.repeated.first() {
                    return Err(error(&d.id, span, "`ask`, `help` or `follows`"));
                }
            }
            Item::Concept(_) | Item::Finding(_) | Item::Norm(_) | Item::Test(_) => {}
        }
    }
    Ok(())
}

/// Removes trailing spaces and ends the text with exactly one newline.
fn tidy(out: &str) -> String {
    let mut tidy = String::with_capacity(out.len());
    for line in out.lines() {
        tidy.push_str(line.trim_end());
        tidy.push('\n');
    }
    let trimmed = tidy.trim_end_matches('\n');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("{trimmed}\n")
    }
}

/// Formats rule text: parse, then [`format`]. A convenience for tools.
///
/// # Errors
/// The syntax errors of the text, or the [`FormatError`].
pub fn format_source(source: &SourceFile) -> Result<String, Vec<miette::Report>> {
    let file = crate::parse(source).map_err(|errors| {
        errors
            .into_iter()
            .map(miette::Report::new)
            .collect::<Vec<_>>()
    })?;
    format(&file).map_err(|e| vec![miette::Report::new(e)])
}

struct Printer<'f> {
    text: &'f str,
    comments: &'f [crate::ast::Comment],
    /// The first comment not printed yet.
    next: usize,
    a: &'f Arena<'f>,
}

impl<'f> Printer<'f> {
    fn text(&self, s: impl Into<String>) -> Doc<'f> {
        self.a.text(s.into())
    }

    fn nil(&self) -> Doc<'f> {
        self.a.nil()
    }

    /// The source text of a span, as written.
    fn slice(&self, span: Span) -> Doc<'f> {
        self.text(self.text.get(span.start..span.end).unwrap_or_default())
    }

    fn name(&self, name: &Name) -> Doc<'f> {
        self.text(name.text.clone())
    }

    fn string(&self, text: &Text) -> Doc<'f> {
        self.slice(text.span)
    }

    /// Whether code stands before the comment on its line.
    fn is_trailing(&self, comment: &crate::ast::Comment) -> bool {
        let before = self.text.get(..comment.span.start).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        !before
            .get(line_start..)
            .unwrap_or_default()
            .trim()
            .is_empty()
    }

    /// Whether a comment starts after some indentation on its line.
    fn is_indented(&self, comment: &crate::ast::Comment) -> bool {
        let before = self.text.get(..comment.span.start).unwrap_or_default();
        before.ends_with(' ') || before.ends_with('\t')
    }

    fn pending(&self, before: usize) -> bool {
        self.comments
            .get(self.next)
            .is_some_and(|c| c.span.start < before)
    }

    /// The comments that stood before `before`: a trailing one at the end
    /// of the current line, the others each on a line of their own.
    fn flush(&mut self, before: usize) -> Doc<'f> {
        let mut doc = self.nil();
        if let Some(first) = self.comments.get(self.next)
            && first.span.start < before
            && self.is_trailing(first)
        {
            doc = doc.append(self.text(format!(" //{}", first.text)));
            self.next += 1;
        }
        while let Some(comment) = self.comments.get(self.next)
            && comment.span.start < before
        {
            doc = doc
                .append(self.a.hardline())
                .append(self.text(format!("//{}", comment.text)));
            self.next += 1;
        }
        doc
    }

    /// A line break before the construct at `before`, after the comments
    /// that stood before it.
    fn newline(&mut self, before: usize) -> Doc<'f> {
        self.flush(before).append(self.a.hardline())
    }

    /// A break that is a space when the group fits, or a [`Self::newline`]
    /// when comments stand before `before`.
    fn soft_line(&mut self, before: usize) -> Doc<'f> {
        if self.pending(before) {
            self.newline(before)
        } else {
            self.a.line()
        }
    }

    /// Where the code of a span ends. Spans from the parser may run on over
    /// the whitespace and comments after the last token; those belong to
    /// whatever follows.
    fn code_end(&self, start: usize, end: usize) -> usize {
        let mut end = end;
        loop {
            let code = self.text.get(start..end).unwrap_or_default();
            end = start + code.trim_end().len();
            let i = self.comments.partition_point(|c| c.span.end < end);
            match self.comments.get(i) {
                Some(c) if c.span.start < end && c.span.start >= start => end = c.span.start,
                _ => return end,
            }
        }
    }

    /// Whether the source has an empty line between `from` and `to`.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        let gap = self.text.get(from..to).unwrap_or_default();
        let mut newlines = 0;
        for c in gap.chars() {
            match c {
                '\n' => {
                    newlines += 1;
                    if newlines >= 2 {
                        return true;
                    }
                }
                c if c.is_whitespace() => {}
                _ => newlines = 0,
            }
        }
        false
    }

    fn file(&mut self, file: &File) -> Doc<'f> {
        let mut doc = self.nil();
        let mut end = 0usize;
        let mut first = true;
        for item in &file.items {
            let start = item.span().start;
            doc = doc.append(self.top_comments(&mut end, start, &mut first));
            if !first {
                doc = doc.append(self.a.hardline());
                if self.blank_between(end, start) {
                    doc = doc.append(self.a.hardline());
                }
            }
            first = false;
            doc = doc.append(self.item(item));
            end = self.code_end(start, item.span().end);
        }
        doc.append(self.top_comments(&mut end, usize::MAX, &mut first))
    }

    /// Comments between top-level items, keeping one empty line where the
    /// source had one or more.
    fn top_comments(&mut self, end: &mut usize, before: usize, first: &mut bool) -> Doc<'f> {
        let mut doc = self.nil();
        while let Some(comment) = self.comments.get(self.next)
            && comment.span.start < before
        {
            let blank = self.blank_between(*end, comment.span.start);
            if !*first && !blank && self.is_trailing(comment) {
                doc = doc.append(self.text(format!(" //{}", comment.text)));
            } else {
                if !*first {
                    doc = doc.append(self.a.hardline());
                    if blank {
                        doc = doc.append(self.a.hardline());
                    }
                }
                // An indented comment right under a declaration continues it.
                let indent = if !*first && !blank && self.is_indented(comment) {
                    "  "
                } else {
                    ""
                };
                doc = doc.append(self.text(format!("{indent}//{}", comment.text)));
            }
            *first = false;
            *end = comment.span.end;
            self.next += 1;
        }
        doc
    }

    fn item(&mut self, item: &Item) -> Doc<'f> {
        match item {
            Item::Law(d) => self.law(d),
            Item::Fact(d) => self.fact(d),
            Item::Concept(d) => self.concept(d),
            Item::Finding(d) => self.finding(d),
            Item::Norm(d) => self.norm(d),
            Item::Test(d) => self.test(d),
        }
    }

    fn docs(&self, docs: &[String]) -> Doc<'f> {
        self.a.concat(docs.iter().map(|line| {
            let text = if line.is_empty() {
                "///".to_owned()
            } else {
                format!("/// {line}")
            };
            self.text(text).append(self.a.hardline())
        }))
    }

    /// `"nl" / "en"`, breaking before the `/` when too long.
    fn labels(&self, labels: &Labels) -> Doc<'f> {
        self.string(&labels.nl)
            .append(self.a.line())
            .append(self.text("/ "))
            .append(self.string(&labels.en))
    }

    /// `keyword id "nl" / "en"`: the labels go on their own lines when the
    /// header does not fit.
    fn header(&self, keyword: &str, id: &Name, labels: Option<&Labels>, tail: &str) -> Doc<'f> {
        let head = self.text(format!("{keyword} ")).append(self.name(id));
        let Some(labels) = labels else {
            return head.append(self.text(tail.to_owned()));
        };
        head.append(
            self.a
                .line()
                .append(self.labels(labels).group())
                .append(self.text(tail.to_owned()))
                .nest(2),
        )
        .group()
    }

    fn law(&mut self, d: &LawDecl) -> Doc<'f> {
        let mut props: Vec<(usize, Doc<'f>)> = Vec::new();
        if let Some(l) = &d.abbrev {
            props.push((
                l.nl.span.start,
                self.text("abbrev ").append(self.labels(l).group()),
            ));
        }
        if let Some(t) = &d.cite {
            props.push((t.span.start, self.text("cite ").append(self.string(t))));
        }
        if let Some(date) = &d.in_force {
            props.push((
                date.span.start,
                self.text(format!("in_force {}", date.text)),
            ));
        }
        if let Some(date) = &d.until {
            props.push((date.span.start, self.text(format!("until {}", date.text))));
        }
        for t in &d.see {
            props.push((t.span.start, self.text("see ").append(self.string(t))));
        }
        props.sort_by_key(|(start, _)| *start);

        let mut doc = self.docs(&d.docs);
        let start = d.id.span.start;
        doc = doc.append(self.newline_if_pending(start));
        doc = doc.append(self.header("law", &d.id, Some(&d.title), " {"));
        if props.is_empty() && !self.pending(d.span.end) {
            return doc.append(self.text(" }"));
        }
        let mut body = self.nil();
        for (start, prop) in props {
            body = body.append(self.newline(start)).append(prop);
        }
        let end = self.flush(d.span.end.saturating_sub(1));
        doc.append(body.append(end).nest(2))
            .append(self.a.hardline())
            .append(self.text("}"))
    }

    /// Comments between an item's doc comment and its keyword.
    fn newline_if_pending(&mut self, before: usize) -> Doc<'f> {
        let mut doc = self.nil();
        while let Some(comment) = self.comments.get(self.next)
            && comment.span.start < before
        {
            doc = doc
                .append(self.text(format!("//{}", comment.text)))
                .append(self.a.hardline());
            self.next += 1;
        }
        doc
    }

    /// A comma-separated list that fills each line before breaking.
    fn fill(&self, items: impl Iterator<Item = Doc<'f>>) -> Doc<'f> {
        self.a
            .intersperse(items, self.text(",").append(self.a.softline()))
    }

    fn citations(&self, cites: &[Citation]) -> Doc<'f> {
        self.fill(cites.iter().map(|c| self.text(citation(c))))
            .align()
    }
}

/// A citation in its one written form: `avg art 35(3)(a)`.
fn citation(c: &Citation) -> String {
    let kind = match c.kind {
        CiteKind::Article => "art",
        CiteKind::Annex => "annex",
        CiteKind::Recital => "recital",
    };
    let mut text = format!("{} {kind} {}", c.law.text, c.number);
    for part in &c.parts {
        text.push('(');
        text.push_str(part);
        text.push(')');
    }
    text
}

fn outcome(outcome: ExpectedOutcome) -> &'static str {
    match outcome {
        ExpectedOutcome::Met => "met",
        ExpectedOutcome::Violated => "violated",
        ExpectedOutcome::NotFollowed => "not_followed",
        ExpectedOutcome::NotApplicable => "not_applicable",
        ExpectedOutcome::Undetermined => "undetermined",
        ExpectedOutcome::NeedsJudgement => "needs_judgement",
        ExpectedOutcome::NotInForce => "not_in_force",
        ExpectedOutcome::True => "true",
        ExpectedOutcome::False => "false",
        ExpectedOutcome::Case => "case",
    }
}

#[cfg(test)]
mod long_files;
#[cfg(test)]
mod tests;
