//! The default text verdict: summary first, on about one screen.
//!
//! In this order: the system and its provenance on one line; the overall
//! result; the findings; per law one line of counts and only the norms that
//! need attention (violated, needs judgement, undetermined), with the duties
//! not yet in force summarised by date; the most deciding open questions.
//! `--trace` gives every norm's full tree instead ([`crate::text`]).

use std::collections::BTreeMap;

use anstyle::Style;
use toets_engine::model::Lang;
use toets_engine::verdict::{FindingResult, NormResult, Question};
use toets_engine::{Outcome, Verdict};

use crate::escape;
use crate::text::{TextOptions, outcome_style};
use crate::words::{self, tr};
use crate::{symbol, text};

/// How many open questions the summary lists unless all are asked for.
pub const TOP_QUESTIONS: usize = 10;

/// How many deciding questions a finding or norm names before `and N more`.
const MAX_DECIDING: usize = 4;

/// How many reasons a finding's line gives on each level; the rest are
/// counted, and the trace has them all.
const MAX_REASONS: usize = 3;

struct Out<'a> {
    buf: String,
    opts: &'a TextOptions,
    verdict: &'a Verdict,
}

impl Out<'_> {
    fn line(&mut self, text: &str) {
        self.buf.push_str(text);
        self.buf.push('\n');
    }

    fn styled(&self, style: Style, text: &str) -> String {
        if self.opts.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }

    fn badge(&self, o: Outcome) -> String {
        self.styled(outcome_style(o).bold(), symbol(o))
    }

    fn heading(&self, text: &str) -> String {
        self.styled(Style::new().bold(), text)
    }

    fn tr(&self, en: &'static str, nl: &'static str) -> &'static str {
        tr(self.opts.lang, en, nl)
    }

    /// `fact (#N)` for each fact, numbering those in the list shown; at
    /// most [`MAX_DECIDING`] of them, then how many more.
    fn questions(&self, facts: &[String]) -> String {
        let shown = self.shown_questions();
        let mut list = facts
            .iter()
            .take(MAX_DECIDING)
            .map(|f| {
                match self
                    .verdict
                    .open_questions
                    .iter()
                    .take(shown)
                    .position(|q| &q.fact == f)
                {
                    Some(i) => format!("{f} (#{})", i + 1),
                    None => f.clone(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        if let Some(more) = facts.len().checked_sub(MAX_DECIDING).filter(|n| *n > 0) {
            list.push_str(&format!(
                " {} {more} {}",
                self.tr("and", "en"),
                self.tr("more", "meer")
            ));
        }
        list
    }

    fn shown_questions(&self) -> usize {
        if self.opts.all_questions {
            self.verdict.open_questions.len()
        } else {
            TOP_QUESTIONS
        }
    }

    fn finding(&mut self, f: &FindingResult) {
        let lang = self.opts.lang;
        let cites = words::short_citations(&f.citations, lang);
        let (mark, value) = match (&f.case, f.value) {
            (Some(case), _) => (
                self.styled(outcome_style(Outcome::Met).bold(), "◆"),
                case.label.get(lang).to_owned(),
            ),
            (None, Some(v)) => (
                self.styled(
                    outcome_style(if v {
                        Outcome::Met
                    } else {
                        Outcome::NotApplicable
                    })
                    .bold(),
                    if v { "●" } else { "○" },
                ),
                words::yes_no(Some(v), lang).to_owned(),
            ),
            (None, None) => (
                self.badge(Outcome::Undetermined),
                self.tr("open", "open").to_owned(),
            ),
        };
        let mut line = format!("  {mark} {} ({cites}): {value}", f.label.get(lang),);
        if !f.because.is_empty() {
            line.push_str(&format!(
                ", {} {}",
                self.tr("because", "omdat"),
                words::reasons_capped(&f.because, lang, self.verdict, MAX_REASONS)
            ));
        }
        if f.value.is_none() && !f.open_questions.is_empty() {
            line.push_str(&format!(
                "; {} {}",
                self.tr("decided by", "te beslissen met"),
                self.questions(&f.open_questions)
            ));
        }
        self.line(&line);
    }

    /// `  ✗ id (first citation) — label`.
    fn norm_head(&self, n: &NormResult) -> String {
        let lang = self.opts.lang;
        let cite = n
            .citations
            .first()
            .map_or_else(String::new, |c| format!(" ({})", c.text.get(lang)));
        format!(
            "  {} {}{cite} — {}",
            self.badge(n.outcome),
            n.id,
            n.label.get(lang)
        )
    }

    fn attention(&mut self, n: &NormResult) {
        let lang = self.opts.lang;
        let head = self.norm_head(n);
        if n.outcome == Outcome::Undetermined {
            // One line: the norm and the questions that decide it.
            let line = format!(
                "{head} · {}: {}",
                self.tr("decided by", "te beslissen met"),
                self.questions(&n.open_questions)
            );
            self.line(&line);
            return;
        }
        self.line(&head);
        match n.outcome {
            Outcome::Violated | Outcome::NotFollowed => {
                let why = if n.because.is_empty() {
                    self.tr("its requirement is not met", "het vereiste is niet vervuld")
                        .to_owned()
                } else {
                    words::reasons(&n.because, lang, self.verdict)
                };
                let line = format!("      {}: {why}", self.tr("fails on", "faalt op"));
                self.line(&line);
                if !n.guidance.is_empty() {
                    let line = format!(
                        "      {}: {}",
                        self.tr(
                            "rests on guidance, not on a statute",
                            "rust op beleid of richtsnoeren, niet op de wet"
                        ),
                        n.guidance
                            .iter()
                            .map(|g| crate::escape::plain(g))
                            .collect::<Vec<_>>()
                            .join("; ")
                    );
                    self.line(&line);
                }
            }
            Outcome::NeedsJudgement => self.judgement(n),
            Outcome::Undetermined | Outcome::Met | Outcome::NotApplicable | Outcome::NotInForce => {
            }
        }
    }

    fn judgement(&mut self, n: &NormResult) {
        let lang = self.opts.lang;
        let Some(j) = &n.judgement else {
            if !n.awaiting_judgement.is_empty() {
                let line = format!(
                    "      {} {}",
                    self.tr("waits for the judgement of", "wacht op het oordeel van"),
                    n.awaiting_judgement.join(", ")
                );
                self.line(&line);
            }
            return;
        };
        let line = format!(
            "      {}: {}",
            self.tr("judge", "te oordelen"),
            j.label.get(lang)
        );
        self.line(&line);
        let mut rests: Vec<String> = j
            .rests_on_facts
            .iter()
            .filter(|f| f.value.is_some())
            .map(|f| words::fact(f, lang))
            .collect();
        rests.extend(j.rests_on_concepts.iter().map(|c| {
            let label = self
                .verdict
                .concepts
                .iter()
                .find(|x| x.id == c.concept)
                .and_then(|x| x.label.as_ref())
                .map_or(c.concept.as_str(), |l| l.get(lang));
            format!("{label}: {}", words::yes_no(c.value, lang))
        }));
        rests.extend(
            j.rests_on_norms
                .iter()
                .map(|r| format!("{} {}", r.norm, words::outcome(r.outcome, lang))),
        );
        if !rests.is_empty() {
            let line = format!(
                "      {}: {}",
                self.tr("rests on", "rust op"),
                rests.join("; ")
            );
            self.line(&line);
        }
        let missing: Vec<&str> = self
            .verdict
            .judgements
            .iter()
            .filter(|s| s.norm == n.id)
            .flat_map(|s| s.record.iter().map(|q| q.fact.as_str()))
            .collect();
        if !missing.is_empty() {
            let line = format!(
                "      {}: {}",
                self.tr("record missing", "vastlegging ontbreekt"),
                missing.join(", ")
            );
            self.line(&line);
        }
    }

    /// The duties of a law not yet in force, as what is coming and when.
    fn coming(&mut self, norms: &[&NormResult]) {
        let lang = self.opts.lang;
        // (date, whether it would apply) -> the duties, in date order.
        let mut groups: BTreeMap<(&str, Coming), Vec<&NormResult>> = BTreeMap::new();
        let mut ended = Vec::new();
        for n in norms {
            let coming = match n.would_apply {
                Some(Some(true)) => Coming::Applies,
                Some(None) | None => Coming::Open,
                Some(Some(false)) => Coming::NotHere,
            };
            match &n.applies_from {
                Some(d) => groups.entry((d, coming)).or_default().push(n),
                None => ended.push(n.id.as_str()),
            }
        }
        let mark = self.badge(Outcome::NotInForce);
        let mut not_here: Vec<String> = Vec::new();
        for ((d, kind), ns) in &groups {
            let when = words::date(d, lang);
            let duties = words::count(ns.len(), lang, ("duty", "plicht"), ("duties", "plichten"));
            if *kind == Coming::NotHere {
                not_here.push(format!("{duties} {} {when}", self.tr("from", "vanaf")));
                continue;
            }
            // A few duties by name and article, many by article only.
            let cites: Vec<String> = ns
                .iter()
                .map(|n| {
                    let cite = n.citations.first().map_or("", |c| c.text.get(lang));
                    if ns.len() <= 3 {
                        format!("{} ({cite})", n.label.get(lang))
                    } else {
                        cite.to_owned()
                    }
                })
                .collect();
            let one = ns.len() == 1;
            let what = match (*kind == Coming::Applies, one) {
                (true, true) => self.tr(
                    "would apply to this system on these facts",
                    "zou op deze feiten voor dit systeem gelden",
                ),
                (true, false) => self.tr(
                    "would apply to this system on these facts",
                    "zouden op deze feiten voor dit systeem gelden",
                ),
                (false, true) => self.tr(
                    "may apply to this system (open)",
                    "kan voor dit systeem gaan gelden (open)",
                ),
                (false, false) => self.tr(
                    "may apply to this system (open)",
                    "kunnen voor dit systeem gaan gelden (open)",
                ),
            };
            let line = format!(
                "  {mark} {} {when}: {duties} {what}: {}",
                self.tr("from", "vanaf"),
                cites.join(", ")
            );
            self.line(&line);
        }
        if !not_here.is_empty() {
            let line = format!(
                "  {mark} {}: {}",
                self.tr(
                    "coming, but not for this system on these facts and the law on the evaluation date",
                    "komend, maar op deze feiten en het recht op de toetsdatum niet voor dit systeem"
                ),
                not_here.join(", ")
            );
            self.line(&line);
        }
        if !ended.is_empty() {
            let line = format!(
                "  {mark} {}: {}",
                self.tr("no longer in force", "niet meer in werking"),
                ended.join(", ")
            );
            self.line(&line);
        }
    }

    fn question(&mut self, i: usize, q: &Question) {
        let lang = self.opts.lang;
        let decides = words::count(
            q.decides.len() + q.findings.len(),
            lang,
            ("result", "uitkomst"),
            ("results", "uitkomsten"),
        );
        let line = format!(
            "  {}. {} [{}: {}] · {} {decides}",
            i + 1,
            q.ask.get(lang),
            q.fact,
            words::answers(q, lang),
            self.tr("decides", "beslist"),
        );
        self.line(&line);
    }
}

/// Whether a duty not yet in force would apply to this system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Coming {
    /// On the facts and the law of the evaluation date, it would.
    Applies,
    /// That is open.
    Open,
    /// It would not.
    NotHere,
}

/// The one-line title: the system, its organisation and the provenance.
pub(crate) fn title(verdict: &Verdict, lang: Lang) -> String {
    let sys = &verdict.system;
    let name = sys.name.as_deref().map_or_else(
        || tr(lang, "unnamed system", "naamloos systeem").to_owned(),
        |n| escape::plain(n).into_owned(),
    );
    let org = sys
        .organisation
        .as_ref()
        .map_or_else(String::new, |o| format!(" ({})", escape::plain(o)));
    let p = &verdict.provenance;
    format!(
        "{name}{org} · {} {} · toets {} · {} {} · {} {}",
        tr(lang, "evaluated on", "getoetst op"),
        p.evaluation_date,
        p.toets_version,
        tr(lang, "rules", "regels"),
        p.rules_sha256.get(..12).unwrap_or(&p.rules_sha256),
        tr(lang, "description", "beschrijving"),
        p.description_sha256
            .get(..12)
            .unwrap_or(&p.description_sha256)
    )
}

/// The summary-first verdict (the default of `toets check`).
pub fn summary(verdict: &Verdict, opts: &TextOptions) -> String {
    if opts.trace {
        return text::text(verdict, opts);
    }
    let lang = opts.lang;
    let mut out = Out {
        buf: String::new(),
        opts,
        verdict,
    };
    let head = out.heading(&title(verdict, lang));
    out.line(&head);
    let overall = out.styled(
        Style::new().bold(),
        &format!(
            "{}: {}",
            out.tr("Overall", "Uitkomst"),
            words::overall(verdict.overall, lang)
        ),
    );
    out.line(&overall);

    if !verdict.findings.is_empty() {
        out.line("");
        let h = out.heading(out.tr("What this system is", "Wat dit systeem is"));
        out.line(&h);
        for f in &verdict.findings {
            out.finding(f);
        }
    }

    out.line("");
    let h = out.heading(out.tr(
        "Per law: what needs attention",
        "Per wet: wat aandacht vraagt",
    ));
    out.line(&h);
    for law in verdict
        .laws
        .iter()
        .filter(|l| l.counts.values().any(|n| *n > 0))
    {
        let count = |o: Outcome| law.counts.get(o.as_str()).copied().unwrap_or(0);
        let counts: Vec<String> = [Outcome::Met, Outcome::NotApplicable, Outcome::NotInForce]
            .into_iter()
            .map(|o| format!("{} {}", count(o), words::outcome(o, lang)))
            .collect();
        let line = format!("{}: {}", law.abbrev.get(lang), counts.join(" · "));
        let line = out.styled(Style::new().underline(), &line);
        out.line(&line);
        for o in [
            Outcome::Violated,
            Outcome::NeedsJudgement,
            Outcome::Undetermined,
            Outcome::NotFollowed,
        ] {
            for n in verdict
                .norms
                .iter()
                .filter(|n| n.law == law.law && n.outcome == o)
            {
                out.attention(n);
            }
        }
        let later: Vec<&NormResult> = verdict
            .norms
            .iter()
            .filter(|n| n.law == law.law && n.outcome == Outcome::NotInForce)
            .collect();
        out.coming(&later);
    }

    let total = verdict.open_questions.len();
    if total > 0 {
        let shown = out.shown_questions().min(total);
        out.line("");
        let h = if shown < total {
            format!(
                "{} ({shown} {} {total}; --questions all {})",
                out.tr(
                    "Open questions, most deciding first",
                    "Open vragen, de meest beslissende eerst"
                ),
                out.tr("of", "van"),
                out.tr("lists all", "toont ze alle"),
            )
        } else {
            out.tr(
                "Open questions, most deciding first",
                "Open vragen, de meest beslissende eerst",
            )
            .to_owned()
        };
        let h = out.heading(&h);
        out.line(&h);
        for (i, q) in verdict.open_questions.iter().take(shown).enumerate() {
            out.question(i, q);
        }
    }
    out.line("");
    out.line(out.tr(
        "--trace shows every norm's full tree; `toets explain NORM --description FILE` shows one.",
        "--trace toont de volledige boom van elke norm; `toets explain NORM --description BESTAND` toont er één.",
    ));
    out.buf
}
