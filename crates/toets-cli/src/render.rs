//! The one place that renders diagnostics for the terminal.
//!
//! miette's graphical handler draws the whole source line of every label and
//! pads the underline with a `format!` width, which panics past column 65,535
//! ("Formatting argument out of range") and copies megabytes of a minified
//! line to stderr. When a label sits on a line longer than [`MAX_LINE`]
//! bytes, the diagnostic is rendered from a bounded excerpt instead: the
//! same message, file, line and column, with at most [`EXCERPT`] bytes of
//! the line either side of the label.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, Severity, SourceCode, SourceSpan, SpanContents,
};

/// Longest source line drawn in full, in bytes.
pub(crate) const MAX_LINE: usize = 400;
/// Bytes of a long line shown either side of a label (and the longest label drawn).
pub(crate) const EXCERPT: usize = 60;
/// The marker of text left out of an excerpt.
const ELLIPSIS: &str = "…";

/// Renders one diagnostic (and its related ones) for stderr.
pub(crate) fn render(diagnostic: &dyn Diagnostic) -> String {
    let color = anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never;
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut out = String::new();
    let rendered = if fits(diagnostic, None) {
        handler.render_report(&mut out, diagnostic)
    } else {
        handler.render_report(&mut out, &Bounded::of(diagnostic, None))
    };
    if rendered.is_err() {
        out = format!("error: {diagnostic}\n");
    }
    out
}

/// Whether every label of `d` (and of its related diagnostics) sits on
/// short lines, so that miette can draw them as they are.
fn fits(d: &dyn Diagnostic, parent: Option<&dyn SourceCode>) -> bool {
    if d.to_string().len() > MAX_LINE || d.help().is_some_and(|h| h.to_string().len() > MAX_LINE) {
        return false;
    }
    let src = d.source_code().or(parent);
    if let (Some(src), Some(labels)) = (src, d.labels()) {
        for label in labels {
            let Ok(ctx) = src.read_span(label.inner(), 1, 1) else {
                return false;
            };
            if ctx
                .data()
                .split(|b| *b == b'\n')
                .any(|l| l.len() > MAX_LINE)
            {
                return false;
            }
        }
    }
    d.related()
        .is_none_or(|mut related| related.all(|r| fits(r, src)))
}

/// A diagnostic copied with its labels clipped to excerpts of their lines.
#[derive(Debug)]
struct Bounded {
    message: String,
    code: Option<String>,
    severity: Option<Severity>,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Window,
    related: Vec<Bounded>,
}

/// Excerpts of source lines, each at its place in the original text.
#[derive(Debug, Default)]
struct Window {
    name: Option<String>,
    segments: Vec<Segment>,
}

#[derive(Debug)]
struct Segment {
    /// Offset in the original text that the first byte of `text` stands for.
    start: usize,
    /// The excerpt, with an ellipsis where text was left out.
    text: String,
    /// Zero-based line of the excerpt.
    line: usize,
    /// Zero-based column (in bytes, as miette counts) of `start`.
    column: usize,
}

impl Segment {
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// A label's place on its line, found in the original source.
struct Placed<'a> {
    label: LabeledSpan,
    name: Option<String>,
    line: usize,
    /// Offset of the start of the line in the original text.
    line_start: usize,
    /// The part of the line to show, as offsets in the original text.
    excerpt_from: usize,
    excerpt_to: usize,
    /// The whole line, borrowed from the source.
    text: &'a str,
}

impl Bounded {
    fn of(d: &dyn Diagnostic, parent: Option<&dyn SourceCode>) -> Self {
        let src = d.source_code().or(parent);
        let mut placed: Vec<Placed> = match (src, d.labels()) {
            (Some(src), Some(labels)) => labels.filter_map(|l| place(src, l)).collect(),
            _ => Vec::new(),
        };
        placed.sort_by_key(|p| p.label.offset());
        let mut source = Window::default();
        let mut labels = Vec::with_capacity(placed.len());
        for p in placed {
            source.name = source.name.or(p.name.clone());
            labels.push(p.label.clone());
            source.add(p);
        }
        Bounded {
            message: shorten(&d.to_string()),
            code: d.code().map(|c| c.to_string()),
            severity: d.severity(),
            help: d.help().map(|h| shorten(&h.to_string())),
            labels,
            source,
            related: d
                .related()
                .map(|r| r.map(|r| Bounded::of(r, src)).collect())
                .unwrap_or_default(),
        }
    }
}

/// Finds a label's line and clips the label to at most [`EXCERPT`] bytes
/// of that one line.
fn place<'a>(src: &'a dyn SourceCode, label: LabeledSpan) -> Option<Placed<'a>> {
    let ctx = src.read_span(label.inner(), 1, 1).ok()?;
    let base = ctx.span().offset();
    let data = std::str::from_utf8(ctx.data()).ok()?;
    let rel = label.offset().checked_sub(base)?;
    let before = data.get(..rel)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_end = data
        .get(rel..)?
        .find(['\n', '\r'])
        .map_or(data.len(), |i| rel + i);
    let line = ctx.line() + before.matches('\n').count();
    let end = floor(data, (rel + label.len()).min(line_end).min(rel + EXCERPT));
    let from = ceil(data, rel.saturating_sub(EXCERPT).max(line_start));
    let to = floor(data, (end + EXCERPT).min(line_end));
    let clipped = SourceSpan::new((base + rel).into(), end.saturating_sub(rel));
    let label = if label.primary() {
        LabeledSpan::new_primary_with_span(label.label().map(String::from), clipped)
    } else {
        LabeledSpan::new_with_span(label.label().map(String::from), clipped)
    };
    Some(Placed {
        label,
        name: ctx.name().map(String::from),
        line,
        line_start: base + line_start,
        excerpt_from: base + from,
        excerpt_to: base + to,
        text: data.get(line_start..line_end)?,
    })
}

/// Shortens every quoted input (between backticks) of a message that is
/// longer than [`EXCERPT`] bytes to its start and end.
fn shorten(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * MAX_LINE));
    for (i, part) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 && part.len() > EXCERPT {
            let head = floor(part, EXCERPT / 2);
            let tail = ceil(part, part.len() - EXCERPT / 4);
            out.push_str(part.get(..head).unwrap_or_default());
            out.push_str(ELLIPSIS);
            out.push_str(part.get(tail..).unwrap_or_default());
            out.push_str(&format!(" ({} bytes)", part.len()));
        } else {
            out.push_str(part);
        }
    }
    out
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl Window {
    /// Adds the excerpt around a label; excerpts of one line that come close
    /// are merged, so that segments never overlap.
    fn add(&mut self, p: Placed<'_>) {
        let (mut from, mut to) = (p.excerpt_from, p.excerpt_to);
        if let Some(last) = self.segments.last()
            && last.line == p.line
            && from <= last.end() + 2 * EXCERPT
        {
            // INVARIANT: segments are added in the order of their labels, so
            // the last one starts no later than this one.
            from = from.min(last.start + ELLIPSIS.len());
            to = to.max(last.end().saturating_sub(ELLIPSIS.len()));
            self.segments.pop();
        }
        let line_len = p.text.len();
        let (Some(a), Some(b)) = (from.checked_sub(p.line_start), to.checked_sub(p.line_start))
        else {
            return;
        };
        let a = ceil(p.text, a);
        let b = floor(p.text, b.max(a));
        let Some(middle) = p.text.get(a..b) else {
            return;
        };
        let prefix = if a > 0 { ELLIPSIS } else { "" };
        let suffix = if b < line_len { ELLIPSIS } else { "" };
        // The ellipsis stands in front of the excerpt: its bytes take the
        // offsets just before it (when there are that many; else the text
        // starts a little early, which only shifts the drawing).
        let start = (p.line_start + a).saturating_sub(prefix.len());
        self.segments.push(Segment {
            start,
            text: format!("{prefix}{middle}{suffix}"),
            line: p.line,
            column: a.saturating_sub(prefix.len()),
        });
    }
}

impl SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _before: usize,
        _after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let seg = self
            .segments
            .iter()
            .find(|s| s.start <= span.offset() && span.offset() + span.len() <= s.end())
            .ok_or(MietteError::OutOfBounds)?;
        let column = seg.column + (span.offset() - seg.start);
        let span = SourceSpan::new(seg.start.into(), seg.text.len());
        let data = seg.text.as_bytes();
        Ok(Box::new(match &self.name {
            Some(name) => {
                MietteSpanContents::new_named(name.clone(), data, span, seg.line, column, 1)
            }
            None => MietteSpanContents::new(data, span, seg.line, column, 1),
        }))
    }
}

impl fmt::Display for Bounded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Bounded {}

impl Diagnostic for Bounded {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<Severity> {
        self.severity
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
        }
    }
}
