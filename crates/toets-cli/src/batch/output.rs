//! Checking one input of a batch, and its line of output: the verdict (or
//! the error) in an envelope that says which input it is, as compact JSON
//! or as one line of text; and the tally of the run that gives the exit
//! code.

use miette::Diagnostic;
use serde::Serialize;
use toets_engine::{Overall, Verdict};
use toets_register::RegisterError;

use super::{Args, Input, Text};
use crate::{Failure, input};

/// Where an input came from: the part of the envelope that matches an
/// output line to its input.
pub(crate) enum Origin {
    /// A line of NDJSON, numbered from 1.
    Line(usize),
    /// A file of a folder.
    File(String),
    /// An entry of a register export, numbered from 1, with its id.
    Entry { entry: usize, id: Option<String> },
}

/// What is wrong with one input: the first error, where it is, and how many
/// there are.
#[derive(Debug, Serialize)]
pub(crate) struct Problem {
    message: String,
    /// One-based line in the batch file (NDJSON) or in the input's own file.
    line: Option<usize>,
    /// One-based column, in characters.
    column: Option<usize>,
    /// How many errors the input has (the first is `message`).
    count: usize,
    #[serde(skip)]
    diagnostics: Option<String>,
}

impl Problem {
    pub(crate) fn at(message: String, line: Option<usize>, column: Option<usize>) -> Self {
        Problem {
            message,
            line,
            column,
            count: 1,
            diagnostics: None,
        }
    }

    pub(crate) fn register(e: &RegisterError) -> Self {
        let (line, column) = e.line_column().unzip();
        let mut p = Problem::at(e.to_string(), line, column);
        p.diagnostics = Some(input::render(e));
        p
    }

    /// The problem of a description that did not load. `first_line` is the
    /// line of the batch file that the text starts on (1 for a file).
    fn description(e: &toets_engine::DescriptionErrors, text: &str, first_line: usize) -> Self {
        let first = e.0.first();
        let at = first
            .and_then(|d| d.labels())
            .and_then(|mut labels| labels.next())
            .map(|label| position(text, label.offset()));
        Problem {
            message: first.map_or_else(|| e.to_string(), ToString::to_string),
            line: at.map(|(line, _)| first_line + line - 1),
            column: at.map(|(_, column)| column),
            count: e.0.len().max(1),
            diagnostics: Some(input::render_errors(e)),
        }
    }

    /// The problem of an input that could not be read, from its message.
    fn unreadable(Failure(text): crate::Failure) -> Self {
        let first = text.lines().next().unwrap_or_default();
        let message = first.strip_prefix("error: ").unwrap_or(first).to_owned();
        let mut p = Problem::at(message, None, None);
        p.diagnostics = Some(text);
        p
    }
}

/// One-based line and column (in characters) of byte `offset` of `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = text.get(..end).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(start..).unwrap_or_default().chars().count() + 1;
    (line, column)
}

/// How an input came out, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// It could not be read or loaded.
    Bad,
    /// A norm is violated.
    Violations,
    /// No violation, but questions or judgements are open.
    Open,
    /// No violation and nothing open.
    Clean,
}

/// A checked input: its output line, its diagnostics for stderr, its status.
pub(crate) struct Done {
    pub(crate) line: String,
    pub(crate) diagnostics: Option<String>,
    pub(crate) status: Status,
}

/// The envelope of one JSON output line.
#[derive(Serialize)]
struct Envelope<'a> {
    index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verdict: Option<&'a Verdict>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a Problem>,
}

/// Loads, evaluates and presents one input.
pub(crate) fn check(args: &Args<'_>, input: Input) -> Done {
    let first_line = match input.origin {
        Origin::Line(n) => n,
        Origin::File(_) | Origin::Entry { .. } => 1,
    };
    let verdict = input
        .text
        .and_then(|text| match text {
            Text::Here(t) => Ok(t),
            Text::File(path) => {
                input::read_text(&path, input::Kind::Description).map_err(Problem::unreadable)
            }
        })
        .and_then(|text| {
            let description = args
                .rules
                .load_description(&input.name, &text)
                .map_err(|e| Problem::description(&e, &text, first_line))?;
            args.rules
                .evaluate(&description, args.options)
                .map_err(|e| Problem::at(e.to_string(), None, None))
        });
    let status = match &verdict {
        Err(_) => Status::Bad,
        Ok(v) => match v.overall {
            Overall::Violations => Status::Violations,
            Overall::Undetermined | Overall::NeedsJudgement => Status::Open,
            Overall::NoViolations => Status::Clean,
        },
    };
    let diagnostics = verdict.as_ref().err().and_then(|p| p.diagnostics.clone());
    let line = if args.json {
        json_line(input.index, &input.origin, &verdict)
    } else {
        text_line(args, &input.origin, &verdict)
    };
    Done {
        line,
        diagnostics,
        status,
    }
}

fn json_line(index: usize, origin: &Origin, result: &Result<Verdict, Problem>) -> String {
    let mut envelope = Envelope {
        index,
        line: None,
        file: None,
        entry: None,
        id: None,
        verdict: result.as_ref().ok(),
        error: result.as_ref().err(),
    };
    match origin {
        Origin::Line(n) => envelope.line = Some(*n),
        Origin::File(name) => envelope.file = Some(name),
        Origin::Entry { entry, id } => {
            envelope.entry = Some(*entry);
            envelope.id = id.as_deref();
        }
    }
    serde_json::to_string(&envelope).unwrap_or_else(|e| {
        // Serialising plain data cannot fail; keep the line valid JSON if it ever does.
        format!(
            "{{\"index\":{index},\"error\":{{\"message\":{},\"line\":null,\"column\":null,\"count\":1}}}}",
            serde_json::Value::from(e.to_string())
        )
    })
}

fn text_line(args: &Args<'_>, origin: &Origin, result: &Result<Verdict, Problem>) -> String {
    let which = match origin {
        Origin::Line(n) => format!("line {n}"),
        Origin::File(name) => toets_report::plain(name).into_owned(),
        Origin::Entry {
            entry,
            id: Some(id),
        } => {
            format!("entry {entry} ({})", toets_report::plain(id))
        }
        Origin::Entry { entry, id: None } => format!("entry {entry}"),
    };
    match result {
        Ok(verdict) => format!("{which}: {}", toets_report::one_line(verdict, args.lang)),
        Err(p) => {
            let mut line = format!("{which}: error: {}", toets_report::plain(&p.message));
            // A line of NDJSON is named before the colon already.
            match (p.line, p.column, matches!(origin, Origin::Line(_))) {
                (_, Some(c), true) => line.push_str(&format!(" (column {c})")),
                (Some(l), Some(c), false) => line.push_str(&format!(" (line {l}, column {c})")),
                (Some(l), None, false) => line.push_str(&format!(" (line {l})")),
                _ => {}
            }
            if p.count > 1 {
                line.push_str(&format!(" and {} more", p.count - 1));
            }
            line
        }
    }
}

/// How many inputs came out how.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub(crate) bad: usize,
    violations: usize,
    open: usize,
    clean: usize,
}

impl Tally {
    pub(crate) fn add(&mut self, status: Status) {
        match status {
            Status::Bad => self.bad += 1,
            Status::Violations => self.violations += 1,
            Status::Open => self.open += 1,
            Status::Clean => self.clean += 1,
        }
    }

    pub(crate) fn total(&self) -> usize {
        self.bad + self.violations + self.open + self.clean
    }

    /// The exit code of the run: 2 if any input is bad, else 1 if any has a
    /// violation, else 3 if any has open questions or judgements, else 0
    /// (also for an empty input).
    pub(crate) fn code(&self) -> u8 {
        if self.bad > 0 {
            2
        } else if self.violations > 0 {
            1
        } else if self.open > 0 {
            3
        } else {
            0
        }
    }

    /// One line for stderr: how many inputs came out how.
    pub(crate) fn summary(&self) -> String {
        format!(
            "{} input{}: {} with violations · {} with open questions or judgements · {} clean · {} bad",
            self.total(),
            if self.total() == 1 { "" } else { "s" },
            self.violations,
            self.open,
            self.clean,
            self.bad
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Status, Tally, position};

    #[test]
    fn the_exit_code_puts_bad_input_first() {
        let code = |statuses: &[Status]| {
            let mut t = Tally::default();
            for s in statuses {
                t.add(*s);
            }
            t.code()
        };
        assert_eq!(code(&[]), 0);
        assert_eq!(code(&[Status::Clean, Status::Clean]), 0);
        assert_eq!(code(&[Status::Clean, Status::Open]), 3);
        assert_eq!(code(&[Status::Open, Status::Violations, Status::Clean]), 1);
        assert_eq!(code(&[Status::Violations, Status::Bad, Status::Open]), 2);
    }

    #[test]
    fn positions_count_characters() {
        assert_eq!(position("abc", 0), (1, 1));
        assert_eq!(position("ab\ncd", 4), (2, 2));
        assert_eq!(position("é:x", 3), (1, 3));
        assert_eq!(position("ab", 99), (1, 3));
    }
}
