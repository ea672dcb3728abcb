//! The verdict as a text tree a lawyer can follow from outcome to article
//! to fact.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use toets_engine::model::Lang;
use toets_engine::verdict::{ConceptResult, ConditionTrace, FactUse, NormResult};
use toets_engine::{Outcome, Overall, Verdict};

use crate::symbol;

/// How to render text.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextOptions {
    /// Language of labels and questions.
    pub lang: Lang,
    /// Emit ANSI colours (the CLI strips them when `NO_COLOR` is set or the
    /// output is not a terminal).
    pub color: bool,
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

fn outcome_style(o: Outcome) -> Style {
    let color = match o {
        Outcome::Violated => AnsiColor::Red,
        Outcome::Met => AnsiColor::Green,
        Outcome::Undetermined => AnsiColor::Yellow,
        Outcome::NeedsJudgement => AnsiColor::Magenta,
        Outcome::NotApplicable | Outcome::NotInForce => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(color.into()))
}

fn truth(t: Option<bool>) -> &'static str {
    toets_engine::truth_word(t)
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
            || self.styled(outcome_style(Outcome::Undetermined), "unknown"),
            ToString::to_string,
        );
        let source = f.source.as_ref().map_or_else(String::new, |s| {
            self.styled(
                Style::new().dimmed(),
                &format!("  ({}, line {}, column {})", s.path, s.line, s.column),
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
                    let s = format!("norm {id}: {}", self.styled(outcome_style(o), o.label()));
                    self.line(&head, &s);
                }
                Child::Concept(id) => {
                    let concept = self.concepts.iter().find(|c| c.id == id);
                    let value = concept.map_or("unknown", |c| truth(c.value));
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
                        " (unfolded above)"
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
            &format!("{name}: {}", truth(c.value)),
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
            &format!("{} {}", symbol(n.outcome), n.outcome.label()),
        );
        self.line("  ", &format!("{badge}  {} — {}", n.id, n.label.get(lang)));
        let cites: Vec<&str> = n.citations.iter().map(|c| c.text.get(lang)).collect();
        self.line("      ", &format!("cites {}", cites.join("; ")));
        if let Some(note) = &n.in_force_note {
            self.line(
                "      ",
                &format!("not in force on the evaluation date: {note}"),
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
                    "exception applies: “{}” ({})",
                    e.label.get(lang),
                    cs.join("; ")
                ),
            );
        }
        if let Some(j) = &n.judgement {
            let state = match j.settled {
                Some(true) => "settled: the recorded judgement holds it proportionate".to_owned(),
                Some(false) => "settled: the recorded judgement finds it not justified".to_owned(),
                None => self.styled(
                    outcome_style(Outcome::NeedsJudgement),
                    "needs human judgement",
                ),
            };
            self.line(
                "      ",
                &format!("judgement “{}”: {state}", j.label.get(lang)),
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
                self.line("      ", "rests on:");
                self.children("      ", kids, MAX_UNFOLD);
            }
            if !j.record.is_empty() {
                self.line("      ", "recorded judgement:");
                let kids = j.record.iter().map(Child::Fact).collect();
                self.children("      ", kids, MAX_UNFOLD);
            }
        }
        if !n.awaiting_judgement.is_empty() {
            self.line(
                "      ",
                &format!(
                    "waits for the judgement of: {}",
                    n.awaiting_judgement.join(", ")
                ),
            );
        }
        if !n.open_questions.is_empty() {
            self.line(
                "      ",
                &format!("open questions: {}", n.open_questions.join(", ")),
            );
        }
        for s in &n.see {
            self.line("      ", &format!("see {s}"));
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

/// The verdict as a text tree.
pub fn text(verdict: &Verdict, opts: &TextOptions) -> String {
    let mut out = Out {
        buf: String::new(),
        opts: *opts,
        concepts: &verdict.concepts,
        unfolded: std::collections::HashSet::new(),
    };
    let lang = opts.lang;
    let sys = &verdict.system;
    let title = match (&sys.name, &sys.organisation) {
        (Some(n), Some(o)) => format!("{n} ({o})"),
        (Some(n), None) => n.clone(),
        (None, Some(o)) => o.clone(),
        (None, None) => "unnamed system".to_owned(),
    };
    out.line(
        "",
        &out.styled(Style::new().bold(), &format!("toets verdict: {title}")),
    );
    let p = &verdict.provenance;
    out.line(
        "",
        &format!(
            "evaluated on {} with toets {} · rules sha256 {} · description sha256 {}",
            p.evaluation_date,
            p.toets_version,
            p.rules_sha256.get(..12).unwrap_or(&p.rules_sha256),
            p.description_sha256
                .get(..12)
                .unwrap_or(&p.description_sha256)
        ),
    );
    out.line("", "");
    let overall_style = match verdict.overall {
        Overall::Violations => outcome_style(Outcome::Violated),
        Overall::Undetermined => outcome_style(Outcome::Undetermined),
        Overall::NeedsJudgement => outcome_style(Outcome::NeedsJudgement),
        Overall::NoViolations => outcome_style(Outcome::Met),
    };
    let overall = out.styled(overall_style.bold(), verdict.overall.label());
    out.line("", &format!("overall: {overall}"));
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
                (n > 0).then(|| format!("{n} {}", o.label()))
            })
            .collect();
        out.unfolded.clear();
        out.line("", "");
        let head = out.styled(
            Style::new().bold().underline(),
            &format!("{} — {title}", law.abbrev.get(lang)),
        );
        out.line("", &head);
        out.line(
            "  ",
            &if counts.is_empty() {
                "no norms".to_owned()
            } else {
                counts.join(", ")
            },
        );
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
                "open questions (answering these decides the undetermined norms):",
            ),
        );
        for (i, q) in verdict.open_questions.iter().enumerate() {
            out.line(
                "  ",
                &format!("{}. {} — {}", i + 1, q.fact, q.ask.get(lang)),
            );
            out.line(
                "     ",
                &format!("answer: {} · decides {}", q.ty, q.decides.join(", ")),
            );
            if let Some(h) = &q.help {
                out.line("     ", h.get(lang));
            }
        }
    }
    out.buf
}
