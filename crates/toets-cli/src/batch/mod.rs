//! `toets check --batch`: many descriptions in one run.
//!
//! The input is NDJSON (one description as JSON per line, from a file or
//! standard input), a folder of description files, or an Algoritmeregister
//! export (a file whose first non-blank line starts with `[`). The rules are
//! compiled once and shared; the inputs are checked in parallel, in chunks
//! (see [`ordered`]), and written in input order: one line per input, a
//! verdict or an error. One bad input does not stop the others. The exit code
//! sums the run up (see [`Tally::code`]). The output is documented in
//! `docs/batch.md`.

mod lines;
mod ordered;
#[cfg(test)]
mod ordered_tests;
mod output;

use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};

use toets_engine::model::Lang;
use toets_engine::{EvalOptions, MAX_DESCRIPTION_BYTES, RuleSet};

use crate::{Failure, input};
use lines::{LineError, Lines};
use ordered::{Chunks, map_ordered};
use output::{Done, Origin, Problem, Tally};

/// Inputs checked in parallel at a time, at most.
const CHUNK_ITEMS: usize = 256;
/// Bytes of input text read ahead at a time, at most (plus one line).
const CHUNK_BYTES: usize = 32 * 1024 * 1024;
/// Bad inputs whose diagnostics are drawn on stderr in text format; the
/// rest are counted.
const DRAWN: usize = 10;

/// What `toets check --batch` was given.
pub(crate) struct Args<'a> {
    /// A NDJSON file, `-`, a folder or a register export.
    pub(crate) source: &'a Path,
    pub(crate) rules: &'a RuleSet,
    pub(crate) options: &'a EvalOptions,
    /// One JSON object per line instead of one line of text.
    pub(crate) json: bool,
    pub(crate) lang: Lang,
}

/// One input: where it came from and its text, or why there is none.
pub(crate) struct Input {
    index: usize,
    origin: Origin,
    /// The name the description's diagnostics carry.
    name: String,
    text: Result<Text, Problem>,
}

/// The text of an input, or the file to read it from (in parallel).
enum Text {
    Here(String),
    File(PathBuf),
}

impl Input {
    fn weight(&self) -> usize {
        match &self.text {
            Ok(Text::Here(t)) => t.len(),
            Ok(Text::File(_)) | Err(_) => 1,
        }
    }
}

/// Why the run stopped before the end of the input.
enum Stop {
    /// The input could not be read further.
    Read(std::io::Error),
    /// Standard output was closed (`| head`): nobody reads the rest.
    Closed,
    /// Standard output could not be written.
    Write(std::io::Error),
}

/// Runs the batch and returns the exit code.
pub(crate) fn run(args: &Args<'_>) -> Result<u8, Failure> {
    let shown = if args.source.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        args.source.display().to_string()
    };
    let mut run = Run {
        args,
        tally: Tally::default(),
        out: std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock()),
        drawn: 0,
    };
    let stopped = if args.source.as_os_str() == "-" {
        let stdin = std::io::stdin().lock();
        run.stream(Lines::new(stdin, MAX_DESCRIPTION_BYTES), &shown)?
    } else if std::fs::metadata(args.source).is_ok_and(|m| m.is_dir()) {
        let files = folder(args.source)?;
        let inputs = files.into_iter().enumerate().map(|(index, path)| {
            let name = path.display().to_string();
            Ok(Input {
                index,
                origin: Origin::File(name.clone()),
                name,
                text: Ok(Text::File(path)),
            })
        });
        run.check_all(inputs)
    } else {
        let file = input::open_regular(args.source, input::Kind::Description)?;
        let reader = BufReader::with_capacity(1 << 16, file);
        run.stream(Lines::new(reader, MAX_DESCRIPTION_BYTES), &shown)?
    };
    let flushed = run.out.flush();
    match stopped {
        Err(Stop::Read(e)) => {
            return Err(Failure(format!(
                "error: cannot read `{shown}` past input {}: {e}\n  help: the inputs before it were checked; the exit code is 2\n",
                run.tally.total()
            )));
        }
        Err(Stop::Write(e)) => return Err(write_failure(&e)),
        Err(Stop::Closed) | Ok(()) => {}
    }
    if let Err(e) = flushed
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(write_failure(&e));
    }
    let mut err = anstream::stderr();
    if run.tally.total() == 0 {
        let _ = writeln!(err, "note: no descriptions in `{shown}`");
    } else if !args.json {
        if run.drawn < run.tally.bad {
            let _ = writeln!(
                err,
                "… and {} more bad inputs not drawn (only the first {DRAWN} are)",
                run.tally.bad - run.drawn
            );
        }
        let _ = writeln!(err, "{}", run.tally.summary());
    }
    Ok(run.tally.code())
}

fn write_failure(e: &std::io::Error) -> Failure {
    Failure(format!(
        "error: could not write the output: {e}\n  help: the output is incomplete; check \
         the disk or the file it is redirected to\n"
    ))
}

/// The description files of a folder (`.yaml`, `.yml`, `.json`), sorted by
/// name; subfolders are not entered.
fn folder(path: &Path) -> Result<Vec<PathBuf>, Failure> {
    let entries = std::fs::read_dir(path).map_err(|e| {
        Failure(format!(
            "error: cannot read directory `{}`: {e}\n",
            path.display()
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x == "yaml" || x == "yml" || x == "json")
                && !p.is_dir()
        })
        .collect();
    files.sort();
    Ok(files)
}

struct Run<'a, W> {
    args: &'a Args<'a>,
    tally: Tally,
    out: W,
    drawn: usize,
}

impl<W: std::io::Write> Run<'_, W> {
    /// Checks NDJSON lines, or a register export if the first non-blank
    /// line starts with `[`.
    fn stream<R: BufRead>(
        &mut self,
        mut lines: Lines<R>,
        shown: &str,
    ) -> Result<Result<(), Stop>, Failure> {
        // The first non-blank line decides what the input is.
        let first = loop {
            match lines.next() {
                None => return Ok(Ok(())),
                Some(Err(e)) => return Ok(Err(Stop::Read(e))),
                Some(Ok(line)) if line.text.as_ref().is_ok_and(|t| t.trim().is_empty()) => {}
                Some(Ok(line)) => break line,
            }
        };
        if let Ok(text) = &first.text
            && text.trim_start().starts_with('[')
        {
            return self.register(first.number, text, lines, shown);
        }
        let mut index = 0usize;
        let inputs = std::iter::once(Ok(first))
            .chain(lines)
            .filter(|l| {
                !l.as_ref()
                    .is_ok_and(|l| l.text.as_ref().is_ok_and(|t| t.trim().is_empty()))
            })
            .map(|line| {
                let line = line.map_err(Stop::Read)?;
                let i = index;
                index += 1;
                Ok(Input {
                    index: i,
                    origin: Origin::Line(line.number),
                    name: format!("{shown}, line {}", line.number),
                    text: line
                        .text
                        .map(Text::Here)
                        .map_err(|e| line_problem(line.number, &e)),
                })
            });
        Ok(self.check_all(inputs))
    }

    /// Checks every entry of a register export whose first non-blank line
    /// (number `number`) is `first`.
    fn register<R: BufRead>(
        &mut self,
        number: usize,
        first: &str,
        lines: Lines<R>,
        shown: &str,
    ) -> Result<Result<(), Stop>, Failure> {
        let limit = toets_register::MAX_REGISTER_BYTES;
        // The blank lines before keep the line numbers of syntax errors.
        let mut text = "\n".repeat(number.saturating_sub(1));
        text.push_str(first);
        text.push('\n');
        let rest = match lines.rest(limit.saturating_sub(text.len())) {
            Ok(Some(rest)) => rest,
            Ok(None) => {
                return Err(Failure(format!(
                    "error: `{shown}` is more than the limit of {limit} bytes ({} MiB) for a register file; it was not read to the end\n  help: export fewer entries per file\n",
                    limit / (1024 * 1024)
                )));
            }
            Err(e) => return Ok(Err(Stop::Read(e))),
        };
        text.push_str(&String::from_utf8(rest).map_err(|_| {
            Failure(format!(
                "error: `{shown}` is not UTF-8 text\n  help: save the file as UTF-8\n"
            ))
        })?);
        let entries = toets_register::from_register_each(&text)
            .map_err(|e| Failure(format!("{}in `{shown}`\n", input::render(&e))))?;
        let inputs = entries.into_iter().enumerate().map(|(index, mapped)| {
            let entry = index + 1;
            let id = mapped.as_ref().ok().and_then(|m| m.id.clone());
            Ok(Input {
                index,
                origin: Origin::Entry { entry, id },
                name: format!("{shown} (entry {entry}, as a description)"),
                text: mapped
                    .map(|m| Text::Here(m.description_text()))
                    .map_err(|e| Problem::register(&e)),
            })
        });
        Ok(self.check_all(inputs))
    }

    /// Checks `inputs` in parallel and writes their lines in order.
    fn check_all(&mut self, inputs: impl Iterator<Item = Result<Input, Stop>>) -> Result<(), Stop> {
        let args = self.args;
        let chunks = Chunks {
            max_items: CHUNK_ITEMS,
            max_weight: CHUNK_BYTES,
        };
        map_ordered(
            inputs,
            chunks,
            Input::weight,
            |i| output::check(args, i),
            |done| self.write(done),
        )
    }

    fn write(&mut self, done: Done) -> Result<(), Stop> {
        self.tally.add(done.status);
        if let Some(diagnostics) = done.diagnostics
            && !self.args.json
            && self.drawn < DRAWN
        {
            self.drawn += 1;
            let _ = write!(anstream::stderr(), "{diagnostics}");
        }
        let written = self
            .out
            .write_all(done.line.as_bytes())
            .and_then(|()| self.out.write_all(b"\n"));
        match written {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Stop::Closed),
            Err(e) => Err(Stop::Write(e)),
        }
    }
}

/// The problem of a line that has no text.
fn line_problem(number: usize, e: &LineError) -> Problem {
    match e {
        LineError::TooLong { bytes } => Problem::at(
            format!(
                "the line is {bytes} bytes, more than the limit of {MAX_DESCRIPTION_BYTES} bytes ({} MiB) for a description; it was skipped",
                MAX_DESCRIPTION_BYTES / (1024 * 1024)
            ),
            Some(number),
            None,
        ),
        LineError::NotUtf8 { column } => Problem::at(
            "the line is not UTF-8 text".to_owned(),
            Some(number),
            Some(*column),
        ),
    }
}
