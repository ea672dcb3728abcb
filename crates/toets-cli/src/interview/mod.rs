//! `toets interview [FILE]`: the engine's questions asked one at a time in
//! its question order (the same order as the JSON and the page), with the
//! findings shown as they become known, and the answers written into the
//! description file after each one.

mod file;
mod prompt;
mod words;

use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::path::PathBuf;

use toets_engine::interview::{Next, Session, next, remaining};
use toets_engine::model::{FactType, Lang};
use toets_engine::verdict::{Question, SystemInfo, Verdict};
use toets_engine::{Description, EvalOptions, Overall, RuleSet, Value};

use crate::{Failure, input};
use file::{Answers, Document};
use prompt::{Kind, Lines, Prompt, Prompter, Reply, Terminal};
use words::Words;

/// What `toets interview` was given.
pub(crate) struct Args {
    pub file: Option<PathBuf>,
    pub rules: Vec<PathBuf>,
    pub date: jiff::civil::Date,
    pub lang: Lang,
}

/// Runs the interview on the terminal, or on plain lines when standard input
/// or output is not a terminal.
pub(crate) fn run(args: Args) -> Result<u8, Failure> {
    let rules = input::rules(&args.rules)?;
    let path = args.file.clone().unwrap_or_else(fresh_path);
    let text = if path.exists() {
        Some(input::read_text(&path, input::Kind::Description)?)
    } else {
        None
    };
    let description = match &text {
        Some(_) => input::description(&rules, &path)?,
        None => Description::from_values(&rules, &[]),
    };
    let document = Document::open(&path, text.as_deref())?;
    let options = EvalOptions::on(args.date);
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        interview(
            &rules,
            description,
            &document,
            options,
            args.lang,
            Terminal::new(args.lang),
        )
    } else {
        let prompter = Lines::new(std::io::stdin().lock(), std::io::stdout(), args.lang);
        interview(&rules, description, &document, options, args.lang, prompter)
    }
}

/// A file name in the current folder that does not exist yet.
fn fresh_path() -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            "system-description.yaml".to_owned()
        } else {
            format!("system-description-{n}.yaml")
        };
        let path = PathBuf::from(name);
        if !path.exists() || n > 999 {
            return path;
        }
        n += 1;
    }
}

/// The interview loop, for any way of asking.
fn interview(
    rules: &RuleSet,
    description: Description,
    document: &Document,
    options: EvalOptions,
    lang: Lang,
    mut prompter: impl Prompter,
) -> Result<u8, Failure> {
    let w = Words::new(lang);
    let path = document.path().to_path_buf();
    prompter.say(&format!("{} {}", w.writes_to, path.display()));
    let mut session = Session::new(rules, description, options);
    let system = if session.description().system().name.is_none() {
        let Some(system) = ask_system(&mut prompter, w)? else {
            prompter.say(w.stopped);
            return Ok(2);
        };
        session.set_system(system.clone());
        Some(system)
    } else {
        None
    };
    let mut shown: BTreeMap<String, (Option<bool>, Option<String>)> = BTreeMap::new();
    let mut announced = String::new();
    let save = |session: &Session<'_>| -> Result<(), Failure> {
        let facts = answered(rules, session);
        let answers = Answers {
            system: system.as_ref(),
            facts: facts
                .iter()
                .map(|(f, v)| (f.as_str(), v.as_ref()))
                .collect(),
        };
        document.save(rules, &answers)
    };
    if system.is_some() {
        save(&session)?;
    }
    let verdict = loop {
        let verdict = session
            .verdict()
            .map_err(|e| Failure(format!("error: {e}\n")))?;
        show_findings(&mut prompter, &verdict, &mut shown, w);
        let skipped = |f: &str| session.is_skipped(f);
        let open = remaining(&verdict, skipped);
        let question = match next(&verdict, skipped) {
            Next::Done => {
                prompter.say(w.done);
                break verdict;
            }
            Next::Question(q) => q,
            Next::Record(step, q) => {
                if announced != step.norm {
                    announced.clone_from(&step.norm);
                    let rests: Vec<String> = step
                        .rests_on_facts
                        .iter()
                        .map(|f| format!("{} = {}", f.fact, fact_text(f, w)))
                        .collect();
                    prompter.say(&format!(
                        "\n{}: {} ({})\n  {}: {}",
                        w.judgement,
                        step.label.get(lang),
                        step.norm_label.get(lang),
                        w.rests_on,
                        rests.join(", ")
                    ));
                }
                q
            }
        };
        let Some(id) = rules.fact_id(&question.fact) else {
            break verdict;
        };
        let decided = verdict
            .findings
            .iter()
            .filter(|f| f.value.is_some())
            .count();
        prompter.say(&format!(
            "\n[{} {decided}/{} · {open} {}] {}",
            w.findings,
            verdict.findings.len(),
            w.left,
            question.fact
        ));
        let ty = rules.facts().get(id.index()).map(|f| &f.ty);
        let prompt = Prompt {
            text: question.ask.get(lang),
            help: question.help.as_ref().map(|h| h.get(lang)),
            kind: kind(ty, question),
            can_skip: true,
        };
        match prompter.ask(&prompt)? {
            Reply::Value(v) => session.answer(id, Some(v)),
            Reply::DontKnow => session.answer(id, None),
            Reply::Back => {
                if !session.back() {
                    prompter.say(w.nothing_back);
                }
            }
            Reply::Stop => {
                prompter.say(w.stopped);
                break session
                    .verdict()
                    .map_err(|e| Failure(format!("error: {e}\n")))?;
            }
        }
        save(&session)?;
    };
    prompter.say(&format!(
        "\n{} {}\n{} {}",
        w.saved,
        path.display(),
        w.next_step,
        path.display()
    ));
    Ok(match verdict.overall {
        Overall::NoViolations => 0,
        Overall::Violations => 1,
        Overall::Undetermined | Overall::NeedsJudgement => 3,
    })
}

/// The system's name, organisation and purpose; `None` if the user stopped.
fn ask_system(prompter: &mut impl Prompter, w: Words) -> Result<Option<SystemInfo>, Failure> {
    prompter.say(&format!("\n{}", w.about_system));
    let questions = [w.system_name, w.system_organisation, w.system_purpose];
    let mut given: [Option<String>; 3] = [None, None, None];
    let mut i = 0;
    while let Some(text) = questions.get(i) {
        let prompt = Prompt {
            text,
            help: None,
            kind: Kind::Text,
            can_skip: true,
        };
        match prompter.ask(&prompt)? {
            Reply::Value(Value::Text(t)) => {
                if let Some(slot) = given.get_mut(i) {
                    *slot = Some(t);
                }
                i += 1;
            }
            Reply::Value(_) | Reply::DontKnow => i += 1,
            Reply::Back => i = i.saturating_sub(1),
            Reply::Stop => return Ok(None),
        }
    }
    let [name, organisation, purpose] = given;
    Ok(Some(SystemInfo {
        name,
        organisation,
        purpose,
        contact: None,
    }))
}

/// Prints each finding that became known or changed since the last verdict.
fn show_findings(
    prompter: &mut impl Prompter,
    verdict: &Verdict,
    shown: &mut BTreeMap<String, (Option<bool>, Option<String>)>,
    w: Words,
) {
    for f in &verdict.findings {
        let now = (f.value, f.case.as_ref().map(|c| c.id.clone()));
        let before = shown.insert(f.id.clone(), now.clone());
        if before.as_ref() == Some(&now) || (before.is_none() && now.0.is_none()) {
            continue;
        }
        let value = match (&f.case, f.value) {
            (Some(case), _) => case.label.get(w.lang).to_owned(),
            (None, Some(v)) => w.value(v).to_owned(),
            (None, None) => w.open.to_owned(),
        };
        prompter.say(&format!("  ◆ {}: {value}", f.label.get(w.lang)));
    }
}

/// A fact's value as a reader sees it: its label, yes/no, or as written.
fn fact_text(f: &toets_engine::verdict::FactUse, w: Words) -> String {
    if let Some(label) = &f.value_label {
        return label.get(w.lang).to_owned();
    }
    match &f.value {
        Some(Value::Bool(b)) => w.value(*b).to_owned(),
        Some(v) => v.to_string(),
        None => w.unknown.to_owned(),
    }
}

/// The kind of answer a fact takes.
fn kind<'q>(ty: Option<&FactType>, q: &'q Question) -> Kind<'q> {
    match ty {
        Some(FactType::Bool) | None => Kind::Bool,
        Some(FactType::Number) => Kind::Number,
        Some(FactType::Date) => Kind::Date,
        Some(FactType::Text) => Kind::Text,
        Some(FactType::OneOf(_)) => Kind::OneOf(&q.options),
        Some(FactType::SetOf(_)) => Kind::SetOf(&q.options),
    }
}

/// The facts answered in the session, in the order first answered, each with
/// its last answer (`None`: don't know).
fn answered(rules: &RuleSet, session: &Session<'_>) -> Vec<(String, Option<Value>)> {
    let mut out: Vec<(String, Option<Value>)> = Vec::new();
    for a in session.answers() {
        let Some(fact) = rules.facts().get(a.fact.index()) else {
            continue;
        };
        match out.iter_mut().find(|(f, _)| *f == fact.id) {
            Some(slot) => slot.1.clone_from(&a.value),
            None => out.push((fact.id.clone(), a.value.clone())),
        }
    }
    out
}

#[cfg(test)]
mod tests;
