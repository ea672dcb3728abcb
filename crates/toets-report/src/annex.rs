//! The annex of the Markdown report: every norm's trace, law by law.

use std::fmt::Write as _;

use toets_engine::Verdict;
use toets_engine::model::Lang;
use toets_engine::verdict::{FactUse, NormResult};

use crate::symbol;
use crate::words::{self, tr};

/// Text as inline Markdown that renders as itself (see `escape::markdown`).
pub(crate) fn esc(s: &str) -> String {
    crate::escape::markdown(s)
}

pub(crate) fn fact(f: &FactUse, lang: Lang) -> String {
    let value = match (&f.value_label, &f.value) {
        (Some(l), _) => crate::escape::code(l.get(lang)),
        (None, Some(v)) => crate::escape::code(&v.to_string()),
        (None, None) => format!("*{}*", tr(lang, "unknown", "onbekend")),
    };
    let at = f.source.as_ref().map_or_else(String::new, |s| {
        format!(" ({} {})", tr(lang, "line", "regel"), s.line)
    });
    format!("`{}` = {value}{at}", f.fact)
}

fn truth(t: Option<bool>, lang: Lang) -> &'static str {
    match t {
        Some(true) => tr(lang, "true", "waar"),
        Some(false) => tr(lang, "false", "onwaar"),
        None => tr(lang, "unknown", "onbekend"),
    }
}

fn clause(c: &toets_engine::verdict::ConditionTrace, lang: Lang) -> String {
    use toets_engine::verdict::ClauseKind;
    match c.clause {
        ClauseKind::Applies => tr(lang, "Applies when", "Geldt als").to_owned(),
        ClauseKind::Requires => tr(lang, "Requires", "Vereist").to_owned(),
        ClauseKind::Exception => format!(
            "{} “{}”",
            tr(lang, "Unless", "Tenzij"),
            c.label.as_ref().map_or("", |l| l.get(lang))
        ),
        ClauseKind::Judgement => tr(lang, "Settled by", "Beslist door").to_owned(),
    }
}

fn norm(o: &mut String, n: &NormResult, lang: Lang) {
    let _ = writeln!(
        o,
        "#### {} {} — `{}`\n",
        symbol(n.outcome),
        n.label.get(lang),
        n.id
    );
    let cites: Vec<&str> = n.citations.iter().map(|c| c.text.get(lang)).collect();
    let _ = writeln!(
        o,
        "- **{}:** {}",
        tr(lang, "Outcome", "Uitkomst"),
        words::outcome(n.outcome, lang)
    );
    let _ = writeln!(
        o,
        "- **{}:** {}",
        tr(lang, "Cites", "Citeert"),
        cites.join("; ")
    );
    if let Some(note) = words::in_force_note(n, lang) {
        let _ = writeln!(o, "- **{}:** {note}", tr(lang, "In force", "In werking"));
    }
    for c in &n.conditions {
        let mut used: Vec<String> = c.facts.iter().map(|f| fact(f, lang)).collect();
        used.extend(c.concepts.iter().map(|s| format!("concept `{s}`")));
        used.extend(
            c.norms
                .iter()
                .map(|r| format!("norm `{}` ({})", r.norm, words::outcome(r.outcome, lang))),
        );
        let _ = writeln!(
            o,
            "- **{}:** {} — {}",
            clause(c, lang),
            truth(c.value, lang),
            used.join(", ")
        );
    }
    if let Some(e) = &n.exception {
        let cs: Vec<&str> = e.citations.iter().map(|c| c.text.get(lang)).collect();
        let _ = writeln!(
            o,
            "- **{}:** {} ({})",
            tr(lang, "Exception applied", "Uitzondering toegepast"),
            e.label.get(lang),
            cs.join("; ")
        );
    }
    if let Some(j) = &n.judgement {
        let state = match j.settled {
            Some(true) => tr(
                lang,
                "settled: proportionate on the recorded judgement",
                "beslist: evenredig volgens het vastgelegde oordeel",
            ),
            Some(false) => tr(
                lang,
                "settled: not justified on the recorded judgement",
                "beslist: niet gerechtvaardigd volgens het vastgelegde oordeel",
            ),
            None => tr(lang, "needs human judgement", "menselijk oordeel nodig"),
        };
        let mut rests: Vec<String> = j.rests_on_facts.iter().map(|f| fact(f, lang)).collect();
        rests.extend(
            j.rests_on_concepts
                .iter()
                .map(|c| format!("concept `{}` = {}", c.concept, truth(c.value, lang))),
        );
        rests.extend(
            j.rests_on_norms
                .iter()
                .map(|r| format!("norm `{}` ({})", r.norm, words::outcome(r.outcome, lang))),
        );
        let _ = writeln!(
            o,
            "- **{} “{}”:** {state}; {} {}",
            tr(lang, "Judgement", "Oordeel"),
            j.label.get(lang),
            tr(lang, "rests on", "rust op"),
            rests.join(", ")
        );
    }
    if !n.awaiting_judgement.is_empty() {
        let _ = writeln!(
            o,
            "- **{}:** {}",
            tr(
                lang,
                "Waits for the judgement of",
                "Wacht op het oordeel van"
            ),
            n.awaiting_judgement
                .iter()
                .map(|q| format!("`{q}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !n.open_questions.is_empty() {
        let _ = writeln!(
            o,
            "- **{}:** {}",
            tr(lang, "Open questions", "Open vragen"),
            n.open_questions
                .iter()
                .map(|q| format!("`{q}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let _ = writeln!(o);
}

/// Every norm's trace, under one heading per law.
pub(crate) fn trace(o: &mut String, verdict: &Verdict, lang: Lang) {
    for law in verdict
        .laws
        .iter()
        .filter(|l| l.counts.values().any(|n| *n > 0))
    {
        let title = verdict
            .provenance
            .laws
            .iter()
            .find(|l| l.id == law.law)
            .map_or("", |l| l.title.get(lang));
        let _ = writeln!(o, "### {} — {title}\n", law.abbrev.get(lang));
        for n in verdict.norms.iter().filter(|n| n.law == law.law) {
            norm(o, n, lang);
        }
    }
}
