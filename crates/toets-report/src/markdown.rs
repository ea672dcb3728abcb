//! The verdict as a Markdown report.

use std::fmt::Write as _;

use toets_engine::model::Lang;
use toets_engine::verdict::FactUse;
use toets_engine::{Outcome, Verdict};

use crate::symbol;

fn esc(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn fact(f: &FactUse) -> String {
    let value = f
        .value
        .as_ref()
        .map_or_else(|| "*unknown*".to_owned(), |v| format!("`{v}`"));
    let at = f
        .source
        .as_ref()
        .map_or_else(String::new, |s| format!(" (line {})", s.line));
    format!("`{}` = {value}{at}", f.fact)
}

/// The verdict as Markdown, for a report.
pub fn markdown(verdict: &Verdict, lang: Lang) -> String {
    let mut o = String::new();
    let sys = &verdict.system;
    let _ = writeln!(
        o,
        "# toets verdict: {}\n",
        sys.name.as_deref().unwrap_or("unnamed system")
    );
    for (k, v) in [
        ("Organisation", &sys.organisation),
        ("Purpose", &sys.purpose),
        ("Contact", &sys.contact),
    ] {
        if let Some(v) = v {
            let _ = writeln!(o, "- **{k}:** {}", esc(v));
        }
    }
    let p = &verdict.provenance;
    let _ = writeln!(
        o,
        "- **Evaluated on:** {} with toets {}",
        p.evaluation_date, p.toets_version
    );
    let _ = writeln!(o, "- **Rules SHA-256:** `{}`", p.rules_sha256);
    let _ = writeln!(o, "- **Description SHA-256:** `{}`\n", p.description_sha256);
    let _ = writeln!(o, "**Overall: {}**\n", verdict.overall.label());

    let _ = writeln!(o, "## Summary per law\n");
    let _ = write!(o, "| Law |");
    for out in Outcome::ALL {
        let _ = write!(o, " {} |", out.label());
    }
    let _ = write!(o, "\n|---|");
    for _ in Outcome::ALL {
        let _ = write!(o, "---:|");
    }
    let _ = writeln!(o);
    for law in verdict
        .laws
        .iter()
        .filter(|l| l.counts.values().any(|n| *n > 0))
    {
        let _ = write!(o, "| {} |", law.abbrev.get(lang));
        for out in Outcome::ALL {
            let _ = write!(
                o,
                " {} |",
                law.counts.get(out.as_str()).copied().unwrap_or(0)
            );
        }
        let _ = writeln!(o);
    }

    let _ = writeln!(o, "\n## Norms\n");
    for n in &verdict.norms {
        let _ = writeln!(
            o,
            "### {} {} — `{}`\n",
            symbol(n.outcome),
            n.label.get(lang),
            n.id
        );
        let cites: Vec<&str> = n.citations.iter().map(|c| c.text.get(lang)).collect();
        let _ = writeln!(o, "- **Outcome:** {}", n.outcome.label());
        let _ = writeln!(o, "- **Cites:** {}", cites.join("; "));
        if let Some(note) = &n.in_force_note {
            let _ = writeln!(o, "- **In force:** {note}");
        }
        for c in &n.conditions {
            let mut used: Vec<String> = c.facts.iter().map(fact).collect();
            used.extend(c.concepts.iter().map(|s| format!("concept `{s}`")));
            used.extend(
                c.norms
                    .iter()
                    .map(|r| format!("norm `{}` ({})", r.norm, r.outcome.label())),
            );
            let clause = crate::clause_name(c, lang);
            let clause = clause.get(..1).map_or_else(String::new, str::to_uppercase)
                + clause.get(1..).unwrap_or_default();
            let _ = writeln!(
                o,
                "- **{clause}:** {} — {}",
                toets_engine::truth_word(c.value),
                used.join(", ")
            );
        }
        if let Some(e) = &n.exception {
            let cs: Vec<&str> = e.citations.iter().map(|c| c.text.get(lang)).collect();
            let _ = writeln!(
                o,
                "- **Exception applied:** {} ({})",
                e.label.get(lang),
                cs.join("; ")
            );
        }
        if let Some(j) = &n.judgement {
            let state = match j.settled {
                Some(true) => "settled: proportionate on the recorded judgement",
                Some(false) => "settled: not justified on the recorded judgement",
                None => "needs human judgement",
            };
            let mut rests: Vec<String> = j.rests_on_facts.iter().map(fact).collect();
            rests.extend(j.rests_on_concepts.iter().map(|c| {
                format!(
                    "concept `{}` = {}",
                    c.concept,
                    toets_engine::truth_word(c.value)
                )
            }));
            rests.extend(
                j.rests_on_norms
                    .iter()
                    .map(|r| format!("norm `{}` ({})", r.norm, r.outcome.label())),
            );
            let _ = writeln!(
                o,
                "- **Judgement “{}”:** {state}; rests on {}",
                j.label.get(lang),
                rests.join(", ")
            );
        }
        if !n.open_questions.is_empty() {
            let _ = writeln!(
                o,
                "- **Open questions:** {}",
                n.open_questions
                    .iter()
                    .map(|q| format!("`{q}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        let _ = writeln!(o);
    }
    if !verdict.open_questions.is_empty() {
        let _ = writeln!(o, "## Open questions\n");
        for (i, q) in verdict.open_questions.iter().enumerate() {
            let _ = writeln!(
                o,
                "{}. **{}** (`{}`, {}) — decides {}",
                i + 1,
                esc(q.ask.get(lang)),
                q.fact,
                esc(&q.ty),
                q.decides
                    .iter()
                    .map(|d| format!("`{d}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    o
}
