//! Asking one question: the kinds of answer, and the two ways to ask. On a
//! terminal the prompts are inquire's (arrow keys, multi-select, help under
//! the question); on a pipe, plain lines, so the interview can be scripted
//! and tested.

use std::fmt;
use std::io::{BufRead, Read as _, Write};

use inquire::error::InquireError;
use inquire::validator::Validation;
use toets_engine::Value;
use toets_engine::model::Lang;
use toets_engine::verdict::AnswerOption;

use super::words::Words;
use crate::Failure;

/// The answer a question expects.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind<'a> {
    Bool,
    Number,
    Date,
    Text,
    OneOf(&'a [AnswerOption]),
    SetOf(&'a [AnswerOption]),
}

/// One question as put to the user.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Prompt<'a> {
    pub text: &'a str,
    pub help: Option<&'a str>,
    pub kind: Kind<'a>,
    /// Whether "don't know" is offered (not for the system's name).
    pub can_skip: bool,
}

/// What the user answered.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Reply {
    Value(Value),
    DontKnow,
    Back,
    Stop,
}

/// A way to ask questions and tell the user things.
pub(crate) trait Prompter {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Reply, Failure>;
    fn say(&mut self, text: &str);
}

/// The longest answer line read; longer input is refused, not buffered.
const MAX_LINE: u64 = 64 * 1024;

/// Questions as lines on a pipe: the answer is typed, checked, and asked
/// again with a hint if it does not fit. End of input stops the interview.
pub(crate) struct Lines<R, W> {
    input: R,
    output: W,
    words: Words,
}

impl<R: BufRead, W: Write> Lines<R, W> {
    pub(crate) fn new(input: R, output: W, lang: Lang) -> Self {
        Lines {
            input,
            output,
            words: Words::new(lang),
        }
    }

    fn read_line(&mut self) -> Result<Option<String>, Failure> {
        let mut line = String::new();
        let read = (&mut self.input)
            .take(MAX_LINE)
            .read_line(&mut line)
            .map_err(|e| Failure(format!("error: cannot read the answer: {e}\n")))?;
        if read == 0 {
            return Ok(None);
        }
        if !line.ends_with('\n') && read as u64 == MAX_LINE {
            return Err(Failure(format!(
                "error: an answer is longer than {MAX_LINE} bytes\n  help: answer on one line\n"
            )));
        }
        Ok(Some(line.trim().to_owned()))
    }

    fn options(&mut self, options: &[AnswerOption], set: bool) {
        let w = self.words;
        for (i, o) in options.iter().enumerate() {
            let _ = writeln!(self.output, "    {}. {}", i + 1, o.label.get(w.lang));
        }
        if set {
            let _ = writeln!(self.output, "    0. {}", w.none_of_these);
        }
    }
}

impl<R: BufRead, W: Write> Prompter for Lines<R, W> {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Reply, Failure> {
        let w = self.words;
        let _ = writeln!(self.output, "  {}", prompt.text);
        match prompt.kind {
            Kind::OneOf(options) => self.options(options, false),
            Kind::SetOf(options) => self.options(options, true),
            Kind::Bool | Kind::Number | Kind::Date | Kind::Text => {}
        }
        loop {
            let _ = write!(
                self.output,
                "  {} ",
                w.line_hint(prompt.kind, prompt.can_skip)
            );
            let _ = self.output.flush();
            let Some(line) = self.read_line()? else {
                let _ = writeln!(self.output);
                return Ok(Reply::Stop);
            };
            let _ = writeln!(self.output, "{line}");
            match w.command(&line, prompt.can_skip) {
                Some(Command::Help) => {
                    let help = prompt.help.unwrap_or(w.no_help);
                    let _ = writeln!(self.output, "  {help}");
                    continue;
                }
                Some(Command::Reply(reply)) => return Ok(reply),
                None => {}
            }
            match parse(prompt.kind, &line, w) {
                Ok(v) => return Ok(Reply::Value(v)),
                Err(hint) => {
                    let _ = writeln!(self.output, "  {hint}");
                }
            }
        }
    }

    fn say(&mut self, text: &str) {
        let _ = writeln!(self.output, "{text}");
    }
}

/// A typed command instead of an answer.
pub(crate) enum Command {
    Help,
    Reply(Reply),
}

/// Reads a typed answer of `kind`, or says what was expected.
pub(crate) fn parse(kind: Kind<'_>, line: &str, w: Words) -> Result<Value, String> {
    let line = line.trim();
    if line.is_empty() {
        return Err(w.empty.to_owned());
    }
    match kind {
        Kind::Bool => match line.to_lowercase().as_str() {
            "y" | "yes" | "j" | "ja" | "true" => Ok(Value::Bool(true)),
            "n" | "no" | "nee" | "false" => Ok(Value::Bool(false)),
            _ => Err(w.expected_bool.to_owned()),
        },
        Kind::Number => match line.replace('_', "").parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(Value::Number(n)),
            _ => Err(w.expected_number.to_owned()),
        },
        Kind::Date => parse_date(line).ok_or_else(|| w.expected_date.to_owned()),
        Kind::Text => Ok(Value::Text(line.to_owned())),
        Kind::OneOf(options) => pick(options, line, w)
            .map(|o| Value::Text(o.value.clone()))
            .ok_or_else(|| w.expected_choice(options.len())),
        Kind::SetOf(options) => {
            if matches!(line, "0") || w.is_none(line) {
                return Ok(Value::Set(Vec::new()));
            }
            let mut chosen = Vec::new();
            for part in line.split([',', ' ']).filter(|p| !p.is_empty()) {
                match pick(options, part, w) {
                    Some(o) => chosen.push(o.value.clone()),
                    None => return Err(w.expected_set(options.len(), part)),
                }
            }
            chosen.sort();
            chosen.dedup();
            Ok(Value::Set(chosen))
        }
    }
}

/// A date written exactly as `YYYY-MM-DD` (the engine's one date form).
pub(crate) fn parse_date(text: &str) -> Option<Value> {
    toets_engine::parse_iso_date(text).map(Value::Date)
}

/// The option a typed number, value name or label stands for.
fn pick<'o>(options: &'o [AnswerOption], typed: &str, w: Words) -> Option<&'o AnswerOption> {
    if let Ok(n) = typed.parse::<usize>() {
        return n.checked_sub(1).and_then(|i| options.get(i));
    }
    let typed = typed.to_lowercase();
    options
        .iter()
        .find(|o| o.value.to_lowercase() == typed || o.label.get(w.lang).to_lowercase() == typed)
}

/// Questions on a terminal, with inquire.
pub(crate) struct Terminal {
    words: Words,
}

impl Terminal {
    pub(crate) fn new(lang: Lang) -> Self {
        Terminal {
            words: Words::new(lang),
        }
    }
}

/// An entry of a choice list.
#[derive(Debug, Clone)]
struct Choice {
    label: String,
    reply: Reply,
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// What inquire's outcome means for the interview: Esc goes back, Ctrl-C
/// stops, anything else is an error of the terminal.
fn settle<T>(
    outcome: Result<T, InquireError>,
    f: impl FnOnce(T) -> Reply,
) -> Result<Reply, Failure> {
    match outcome {
        Ok(v) => Ok(f(v)),
        Err(InquireError::OperationCanceled) => Ok(Reply::Back),
        Err(InquireError::OperationInterrupted) => Ok(Reply::Stop),
        Err(e) => Err(Failure(format!("error: the terminal prompt failed: {e}\n"))),
    }
}

impl Prompter for Terminal {
    fn ask(&mut self, prompt: &Prompt<'_>) -> Result<Reply, Failure> {
        let w = self.words;
        let help = match prompt.help {
            Some(h) => format!("{h}\n{}", w.keys),
            None => w.keys.to_owned(),
        };
        let mut extra = Vec::new();
        if prompt.can_skip {
            extra.push(Choice {
                label: w.dont_know.to_owned(),
                reply: Reply::DontKnow,
            });
        }
        let listed = |options: &[AnswerOption]| -> Vec<Choice> {
            options
                .iter()
                .map(|o| Choice {
                    label: o.label.get(w.lang).to_owned(),
                    reply: Reply::Value(Value::Text(o.value.clone())),
                })
                .collect()
        };
        match prompt.kind {
            Kind::Bool | Kind::OneOf(_) => {
                let mut choices = match prompt.kind {
                    Kind::OneOf(options) => listed(options),
                    _ => vec![
                        Choice {
                            label: w.yes.to_owned(),
                            reply: Reply::Value(Value::Bool(true)),
                        },
                        Choice {
                            label: w.no.to_owned(),
                            reply: Reply::Value(Value::Bool(false)),
                        },
                    ],
                };
                choices.extend(extra);
                let outcome = inquire::Select::new(prompt.text, choices)
                    .with_help_message(&help)
                    .prompt();
                settle(outcome, |c| c.reply)
            }
            Kind::SetOf(options) => {
                let mut choices = listed(options);
                choices.push(Choice {
                    label: w.none_of_these.to_owned(),
                    reply: Reply::Value(Value::Set(Vec::new())),
                });
                choices.extend(extra);
                let n = options.len();
                let words = w;
                let outcome = inquire::MultiSelect::new(prompt.text, choices)
                    .with_help_message(&help)
                    .with_validator(
                        move |chosen: &[inquire::list_option::ListOption<&Choice>]| {
                            let special = chosen.iter().any(|c| c.index >= n);
                            Ok(if chosen.is_empty() {
                                Validation::Invalid(words.choose_explicitly.into())
                            } else if special && chosen.len() > 1 {
                                Validation::Invalid(words.exclusive.into())
                            } else {
                                Validation::Valid
                            })
                        },
                    )
                    .prompt();
                settle(outcome, |chosen| {
                    let mut values = Vec::new();
                    for c in chosen {
                        match c.reply {
                            Reply::Value(Value::Text(v)) => values.push(v),
                            other @ (Reply::DontKnow | Reply::Back | Reply::Stop) => return other,
                            Reply::Value(_) => {}
                        }
                    }
                    values.sort();
                    values.dedup();
                    Reply::Value(Value::Set(values))
                })
            }
            Kind::Number | Kind::Date | Kind::Text => {
                let kind = prompt.kind;
                let can_skip = prompt.can_skip;
                let outcome = inquire::Text::new(prompt.text)
                    .with_help_message(&help)
                    .with_validator(move |typed: &str| {
                        if can_skip && w.is_dont_know(typed) {
                            return Ok(Validation::Valid);
                        }
                        Ok(match parse(kind, typed, w) {
                            Ok(_) => Validation::Valid,
                            Err(hint) => Validation::Invalid(hint.into()),
                        })
                    })
                    .prompt();
                settle(outcome, |typed| {
                    if can_skip && w.is_dont_know(&typed) {
                        return Reply::DontKnow;
                    }
                    parse(kind, &typed, w).map_or(Reply::DontKnow, Reply::Value)
                })
            }
        }
    }

    fn say(&mut self, text: &str) {
        let mut out = anstream::stdout();
        let _ = writeln!(out, "{text}");
    }
}
