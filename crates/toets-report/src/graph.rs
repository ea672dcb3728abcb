//! The norm graph as Graphviz DOT or Mermaid, optionally coloured by the
//! outcomes of a verdict; and `explain`, one norm with its neighbours.

use std::fmt::Write as _;

use toets_engine::model::{Ground, Lang};
use toets_engine::{Outcome, RuleSet, Verdict};

fn node_id(rules: &RuleSet, g: Ground) -> String {
    let prefix = match g {
        Ground::Fact(_) => "f",
        Ground::Concept(_) => "c",
        Ground::Norm(_) => "n",
        Ground::Finding(_) => "g",
    };
    let name: String = rules
        .node_name(g)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("{prefix}_{name}")
}

fn color(o: Outcome) -> &'static str {
    match o {
        Outcome::Violated => "#f4a6a6",
        Outcome::NotFollowed => "#f7c98b",
        Outcome::Met => "#b7e4b0",
        Outcome::Undetermined => "#ffe08a",
        Outcome::NeedsJudgement => "#d8b4f0",
        Outcome::NotApplicable | Outcome::NotInForce => "#e0e0e0",
    }
}

fn outcome_of(verdict: Option<&Verdict>, id: &str) -> Option<Outcome> {
    verdict.and_then(|v| v.norm(id)).map(|n| n.outcome)
}

/// The nodes of the norm graph: every fact, concept and norm that takes part
/// in a dependency, and every norm; sorted and without duplicates.
pub fn graph_nodes(rules: &RuleSet) -> Vec<Ground> {
    let mut used: Vec<Ground> = rules
        .edges()
        .into_iter()
        .flat_map(|(a, b)| [a, b])
        .collect();
    used.extend(
        (0..rules.norms().len())
            .filter_map(|i| rules.norm_id(&rules.norms().get(i)?.id).map(Ground::Norm)),
    );
    used.sort_unstable();
    used.dedup();
    used
}

/// The norm graph in Graphviz DOT. With a verdict, norms are filled by outcome.
pub fn graph_dot(rules: &RuleSet, verdict: Option<&Verdict>) -> String {
    let mut o = String::from(
        "digraph toets {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=10];\n",
    );
    for g in graph_nodes(rules) {
        let name = rules.node_name(g);
        let (shape, fill) = match g {
            Ground::Fact(_) => ("note", "#ffffff".to_owned()),
            Ground::Concept(_) => ("ellipse", "#eef3fb".to_owned()),
            Ground::Finding(_) => ("hexagon", "#dbeafe".to_owned()),
            Ground::Norm(_) => (
                "box",
                outcome_of(verdict, name)
                    .map_or("#f7f7f7", color)
                    .to_owned(),
            ),
        };
        let label = match (g, outcome_of(verdict, name)) {
            (Ground::Norm(_), Some(out)) => format!("{name}\\n{}", out.label()),
            _ => name.to_owned(),
        };
        let _ = writeln!(
            o,
            "  {} [label=\"{label}\", shape={shape}, style=filled, fillcolor=\"{fill}\"];",
            node_id(rules, g)
        );
    }
    for (a, b) in rules.edges() {
        let _ = writeln!(o, "  {} -> {};", node_id(rules, a), node_id(rules, b));
    }
    o.push_str("}\n");
    o
}

/// The norm graph in Mermaid flowchart syntax.
pub fn graph_mermaid(rules: &RuleSet, verdict: Option<&Verdict>) -> String {
    let mut o = String::from("flowchart LR\n");
    for g in graph_nodes(rules) {
        let name = rules.node_name(g);
        let label = match (g, outcome_of(verdict, name)) {
            (Ground::Norm(_), Some(out)) => format!("{name}<br/>{}", out.label()),
            _ => name.to_owned(),
        };
        let shape = match g {
            Ground::Fact(_) => format!("[/\"{label}\"/]"),
            Ground::Concept(_) => format!("([\"{label}\"])"),
            Ground::Finding(_) => format!("{{{{\"{label}\"}}}}"),
            Ground::Norm(_) => format!("[\"{label}\"]"),
        };
        let _ = writeln!(o, "  {}{shape}", node_id(rules, g));
    }
    for (a, b) in rules.edges() {
        let _ = writeln!(o, "  {} --> {}", node_id(rules, a), node_id(rules, b));
    }
    for g in graph_nodes(rules) {
        if let (Ground::Norm(_), Some(out)) = (g, outcome_of(verdict, rules.node_name(g))) {
            let _ = writeln!(o, "  style {} fill:{}", node_id(rules, g), color(out));
        }
    }
    o
}

/// A norm explained: labels, citations, conditions' sources, what it reads
/// and what reads it. `None` if there is no such norm.
pub fn explain(rules: &RuleSet, id: &str, lang: Lang) -> Option<String> {
    let nid = rules.norm_id(id)?;
    let norm = rules.norms().iter().find(|n| n.id == id)?;
    let law = rules.law(norm.law)?;
    let mut o = String::new();
    let _ = writeln!(o, "norm {} — {}", norm.id, norm.labels.get(lang));
    let _ = writeln!(o, "  ({} / {})", norm.labels.nl, norm.labels.en);
    let _ = writeln!(o, "law: {} — {}", law.abbrev.get(lang), law.title.get(lang));
    let cites: Vec<&str> = norm.cites.iter().map(|c| c.text.get(lang)).collect();
    let _ = writeln!(o, "cites: {}", cites.join("; "));
    if let Some(d) = norm.in_force {
        let _ = writeln!(o, "in force from: {d}");
    }
    for s in &norm.see {
        let _ = writeln!(o, "see: {s}");
    }
    if !norm.docs.is_empty() {
        let _ = writeln!(o, "\n{}", norm.docs.join("\n"));
    }
    if let Some(src) = rules.sources().get(norm.origin.file) {
        let (line, col) = src.line_col(norm.origin.span.start);
        let _ = writeln!(o, "\ndeclared at {}:{line}:{col}", src.name());
    }
    for ex in &norm.exceptions {
        let cs: Vec<&str> = ex.cites.iter().map(|c| c.text.get(lang)).collect();
        let _ = writeln!(o, "exception: {} ({})", ex.labels.get(lang), cs.join("; "));
    }
    if let Some(j) = &norm.judgement {
        let _ = writeln!(o, "judgement step: {}", j.labels.get(lang));
    }
    let list = |gs: &[Ground]| -> String {
        if gs.is_empty() {
            return "  (nothing)\n".to_owned();
        }
        gs.iter()
            .map(|&g| {
                let kind = match g {
                    Ground::Fact(_) => "fact",
                    Ground::Concept(_) => "concept",
                    Ground::Norm(_) => "norm",
                    Ground::Finding(_) => "finding",
                };
                format!("  {kind} {}\n", rules.node_name(g))
            })
            .collect()
    };
    let _ = write!(
        o,
        "\ndepends on:\n{}",
        list(rules.dependencies(Ground::Norm(nid)))
    );
    let _ = write!(
        o,
        "\ndepended on by:\n{}",
        list(rules.dependents(Ground::Norm(nid)))
    );
    Some(o)
}
