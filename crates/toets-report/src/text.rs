//! The verdict as a text tree a lawyer can follow from outcome to article
//! to fact.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use toets_engine::model::Lang;
use toets_engine::verdict::{ConceptResult, ConditionTrace, FactUse, NormResult};
use toets_engine::{Outcome, Overall, Verdict};

use crate::symbol;
use crate::words::{self, tr};

/// How to render text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Language of labels and questions.
    pub lang: Lang,
    /// Emit ANSI colours (the CLI strips them when `NO_COLOR` is set or the
    /// output is not a terminal).
    pub color: bool,
    /// [`crate::summary`]: print every norm's full tree instead of the summary.
    pub trace: bool,
    /// [`crate::summary`]: list every open question, not only the first
    /// [`crate::TOP_QUESTIONS`].
    pub all_questions: bool,
}

/// How deep concept definitions are unfolded under a clause.
const MAX_UNFOLD: usize = 6;

struct Out<'a> {
    buf: String,
    opts: TextOptions,
    concepts: &'a [ConceptResult],
    /// Concepts already unfolded in the current law's section: later
    /// mentions show the concept's value only, so the trace stays readable.
    unfolded: std::collections::HashSet<String>,
}

pub(crate) fn outcome_style(o: Outcome) -> Style {
    let color = match o {
        Outcome::Violated => AnsiColor::Red,
        Outcome::NotFollowed => AnsiColor::BrightYellow,
        Outcome::Met => AnsiColor::Green,
        Outcome::Undetermined => AnsiColor::Yellow,
        Outcome::NeedsJudgement => AnsiColor::Magenta,
        Outcome::NotApplicable | Outcome::NotInForce => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(color.into()))
}

fn truth(t: Option<bool>, lang: Lang) -> &'static str {
    match t {
        Some(true) => tr(lang, "true", "waar"),
        Some(false) => tr(lang, "false", "onwaar"),
        None => tr(lang, "unknown", "onbekend"),
    }
}

impl Out<'_> {
    fn styled(&self, style: Style, text: &str) -> String {
        if self.opts.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }

    fn line(&mut self, indent: &str, text: &str) {
        let _ = writeln!(self.buf, "{indent}{text}");
    }

    fn fact(&self, f: &FactUse) -> String {
        let value = f.value.as_ref().map_or_else(
            || {
                self.styled(
                    outcome_style(Outcome::Undetermined),
                    tr(self.opts.lang, "unknown", "onbekend"),
                )
            },
            |v| crate::escape::plain(&v.to_string()).into_owned(),
        );
        let source = f.source.as_ref().map_or_else(String::new, |s| {
            self.styled(
                Style::new().dimmed(),
                &format!(
                    "  ({}, {} {}, {} {})",
                    crate::escape::plain(&s.path),
                    tr(self.opts.lang, "line", "regel"),
                    s.line,
                    tr(self.opts.lang, "column", "kolom"),
                    s.column
                ),
            )
        });
        format!("fact {} = {value}{source}", f.fact)
    }

    fn children(&mut self, prefix: &str, items: Vec<Child<'_>>, depth: usize) {
        let n = items.len();
        for (i, item) in items.into_iter().enumerate() {
            let last = i + 1 == n;
            let (branch, cont) = if last {
                ("└─ ", "   ")
            } else {
                ("├─ ", "│  ")
            };
            let head = format!("{prefix}{branch}");
            let next = format!("{prefix}{cont}");
            match item {
                Child::Fact(f) => {
                    let s = self.fact(f);
                    self.line(&head, &s);
                }
                Child::Norm(id, o) => {
                    let s = format!(
                        "norm {id}: {}",
                        self.styled(outcome_style(o), words::outcome(o, self.opts.lang))
                    );
                    self.line(&head, &s);
                }
                Child::Concept(id) => {
                    let concept = self.concepts.iter().find(|c| c.id == id);
                    let value = truth(concept.and_then(|c| c.value), self.opts.lang);
                    let label = concept
                        .and_then(|c| c.label.as_ref())
                        .map_or_else(String::new, |l| format!(" ({})", l.get(self.opts.lang)));
                    let cites = concept.map_or_else(String::new, |c| {
                        let cs: Vec<&str> = c
                            .citations
                            .iter()
                            .map(|x| x.text.get(self.opts.lang))
                            .collect();
                        if cs.is_empty() {
                            String::new()
                        } else {
                            format!(" [{}]", cs.join(", "))
                        }
                    });
                    let again = !self.unfolded.insert(id.to_owned());
                    let note = if again && concept.is_some() {
                        tr(
                            self.opts.lang,
                            " (unfolded above)",
                            " (hierboven uitgevouwen)",
                        )
                    } else {
                        ""
                    };
                    self.line(
                        &head,
                        &format!("concept {id}{label} = {value}{cites}{note}"),
                    );
                    if let Some(c) = concept
                        && depth < MAX_UNFOLD
                        && !again
                    {
                        let kids = concept_children(c);
                        self.children(&next, kids, depth + 1);
                    }
                }
            }
        }
    }

    fn condition(&mut self, prefix: &str, last: bool, c: &ConditionTrace) {
        let name = crate::clause_name(c, self.opts.lang);
        let (branch, cont) = if last {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        self.line(
            &format!("{prefix}{branch}"),
            &format!("{name}: {}", truth(c.value, self.opts.lang)),
        );
        let mut kids: Vec<Child<'_>> = c.facts.iter().map(Child::Fact).collect();
        kids.extend(c.concepts.iter().map(|s| Child::Concept(s.as_str())));
        kids.extend(
            c.norms
                .iter()
                .map(|n| Child::Norm(n.norm.as_str(), n.outcome)),
        );
        self.children(&format!("{prefix}{cont}"), kids, 0);
    }

    fn norm(&mut self, n: &NormResult) {
        let lang = self.opts.lang;
        let badge = self.styled(
            outcome_style(n.outcome).bold(),
            &format!("{} {}", symbol(n.outcome), words::outcome(n.outcome, lang)),
        );
        self.line("  ", &format!("{badge}  {} — {}", n.id, n.label.get(lang)));
        let cites: Vec<&str> = n.citations.iter().map(|c| c.text.get(lang)).collect();
        self.line(
            "      ",
            &format!("{} {}", tr(lang, "cites", "citeert"), cites.join("; ")),
        );
        if let Some(note) = words::in_force_note(n, lang) {
            self.line(
                "      ",
                &format!(
                    "{}: {note}",
                    tr(
                        lang,
                        "not in force on the evaluation date",
                        "niet in werking op de toetsdatum"
                    )
                ),
            );
        }
        let count = n.conditions.len();
        for (i, c) in n.conditions.iter().enumerate() {
            self.condition("      ", i + 1 == count, c);
        }
        if let Some(e) = &n.exception {
            let cs: Vec<&str> = e.citations.iter().map(|c| c.text.get(lang)).collect();
            self.line(
                "      ",
                &format!(
                    "{}: “{}” ({})",
                    tr(lang, "exception applies", "uitzondering geldt"),
                    e.label.get(lang),
                    cs.join("; ")
                ),
            );
        }
        if let Some(j) = &n.judgement {
            let state = match j.settled {
                Some(true) => tr(
                    lang,
                    "settled: the recorded judgement holds it proportionate",
                    "beslist: het vastgelegde oordeel acht het evenredig",
                )
                .to_owned(),
                Some(false) => tr(
                    lang,
                    "settled: the recorded judgement finds it not justified",
                    "beslist: het vastgelegde oordeel acht het niet gerechtvaardigd",
                )
                .to_owned(),
                None => self.styled(
                    outcome_style(Outcome::NeedsJudgement),
                    tr(lang, "needs human judgement", "menselijk oordeel nodig"),
                ),
            };
            self.line(
                "      ",
                &format!(
                    "{} “{}”: {state}",
                    tr(lang, "judgement", "oordeel"),
                    j.label.get(lang)
                ),
            );
            let mut kids: Vec<Child<'_>> = j.rests_on_facts.iter().map(Child::Fact).collect();
            kids.extend(
                j.rests_on_concepts
                    .iter()
                    .map(|c| Child::Concept(c.concept.as_str())),
            );
            kids.extend(
                j.rests_on_norms
                    .iter()
                    .map(|r| Child::Norm(r.norm.as_str(), r.outcome)),
            );
            if !kids.is_empty() {
                self.line("      ", tr(lang, "rests on:", "rust op:"));
                self.children("      ", kids, MAX_UNFOLD);
            }
            if !j.record.is_empty() {
                self.line(
                    "      ",
                    tr(lang, "recorded judgement:", "vastgelegd oordeel:"),
                );
                let kids = j.record.iter().map(Child::Fact).collect();
                self.children("      ", kids, MAX_UNFOLD);
            }
        }
        if !n.awaiting_judgement.is_empty() {
            self.line(
                "      ",
                &format!(
                    "{}: {}",
                    tr(
                        lang,
                        "waits for the judgement of",
                        "wacht op het oordeel van"
                    ),
                    n.awaiting_judgement.join(", ")
                ),
            );
        }
        if !n.open_questions.is_empty() {
            self.line(
                "      ",
                &format!(
                    "{}: {}",
                    tr(lang, "open questions", "open vragen"),
                    n.open_questions.join(", ")
                ),
            );
        }
        for s in &n.see {
            self.line("      ", &format!("{} {s}", tr(lang, "see", "zie")));
        }
    }
}

enum Child<'a> {
    Fact(&'a FactUse),
    Concept(&'a str),
    Norm(&'a str, Outcome),
}

fn concept_children(c: &ConceptResult) -> Vec<Child<'_>> {
    let mut kids: Vec<Child<'_>> = c.facts.iter().map(Child::Fact).collect();
    kids.extend(c.concepts.iter().map(|s| Child::Concept(s.as_str())));
    kids.extend(
        c.norms
            .iter()
            .map(|n| Child::Norm(n.norm.as_str(), n.outcome)),
    );
    kids
}

/// The verdict as a text tree: every norm of every law with its full trace
/// (`toets check --trace`).
pub fn text(verdict: &Verdict, opts: &TextOptions) -> String {
    let mut out = Out {
        buf: String::new(),
        opts: *opts,
        concepts: &verdict.concepts,
        unfolded: std::collections::HashSet::new(),
    };
    let lang = opts.lang;
    let title = crate::summary::title(verdict, lang);
    out.line("", &out.styled(Style::new().bold(), &title));
    out.line("", "");
    let overall_style = match verdict.overall {
        Overall::Violations => outcome_style(Outcome::Violated),
        Overall::Undetermined => outcome_style(Outcome::Undetermined),
        Overall::NeedsJudgement => outcome_style(Outcome::NeedsJudgement),
        Overall::NoViolations => outcome_style(Outcome::Met),
    };
    let overall = out.styled(overall_style.bold(), words::overall(verdict.overall, lang));
    out.line(
        "",
        &format!("{}: {overall}", tr(lang, "overall", "uitkomst")),
    );
    for law in verdict
        .laws
        .iter()
        .filter(|l| l.counts.values().any(|n| *n > 0))
    {
        let info = verdict.provenance.laws.iter().find(|l| l.id == law.law);
        let title = info.map_or("", |l| l.title.get(lang));
        let counts: Vec<String> = Outcome::ALL
            .iter()
            .filter_map(|o| {
                let n = law.counts.get(o.as_str()).copied().unwrap_or(0);
                (n > 0).then(|| format!("{n} {}", words::outcome(*o, lang)))
            })
            .collect();
        out.unfolded.clear();
        out.line("", "");
        let head = out.styled(
            Style::new().bold().underline(),
            &format!("{} — {title}", law.abbrev.get(lang)),
        );
        out.line("", &head);
        out.line("  ", &counts.join(", "));
        for n in verdict.norms.iter().filter(|n| n.law == law.law) {
            out.line("", "");
            out.norm(n);
        }
    }
    if !verdict.open_questions.is_empty() {
        out.line("", "");
        out.line(
            "",
            &out.styled(
                Style::new().bold(),
                tr(
                    lang,
                    "open questions (answering these decides the undetermined norms):",
                    "open vragen (de antwoorden beslissen de onbesliste normen):",
                ),
            ),
        );
        for (i, q) in verdict.open_questions.iter().enumerate() {
            out.line(
                "  ",
                &format!("{}. {} — {}", i + 1, q.fact, q.ask.get(lang)),
            );
            out.line(
                "     ",
                &format!(
                    "{}: {} · {} {}",
                    tr(lang, "answer", "antwoord"),
                    words::answers(q, lang),
                    tr(lang, "decides", "beslist"),
                    q.decides.join(", ")
                ),
            );
            if let Some(h) = &q.help {
                out.line("     ", h.get(lang));
            }
        }
    }
    out.buf
}

/// One norm's tree on a verdict (`toets explain NORM --description FILE`):
/// the title line, then the norm with every concept unfolded. `None` if the
/// verdict has no such norm.
pub fn norm_tree(verdict: &Verdict, id: &str, opts: &TextOptions) -> Option<String> {
    let n = verdict.norm(id)?;
    let mut out = Out {
        buf: String::new(),
        opts: *opts,
        concepts: &verdict.concepts,
        unfolded: std::collections::HashSet::new(),
    };
    let title = crate::summary::title(verdict, opts.lang);
    out.line("", &out.styled(Style::new().bold(), &title));
    out.line("", "");
    out.norm(n);
    Some(out.buf)
}
