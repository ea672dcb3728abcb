//! Hover: a fact's type, question and help; a norm's or concept's labels,
//! citations and dependencies; a citation's official form. Everything shown
//! is read from the checked model.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use toets_engine::RuleSet;
use toets_engine::model::{Bilingual, Citation, Ground};

use crate::workspace::{File, FileSet};

/// The hover at byte `offset` of `file`.
pub(crate) fn hover(set: &FileSet, file: &File, offset: usize) -> Option<Hover> {
    let index = set.analysed_index(file.source.name())?;
    let analysis = set.analysis.as_ref()?;
    let lines = set.analysed.get(index)?;
    if let Some(site) = analysis.references.citation_at(index, offset) {
        return Some(markdown(
            citation(set.rules(), &site.citation),
            lines.range(site.origin.span),
        ));
    }
    let r = analysis.references.at(index, offset)?;
    let name = set.reference_text(r)?;
    let rules = set.rules()?;
    let text = match r.target {
        Ground::Fact(_) => fact(rules, name)?,
        Ground::Concept(_) => concept(rules, name)?,
        Ground::Norm(_) => norm(rules, name)?,
        Ground::Finding(_) => finding(rules, name)?,
    };
    Some(markdown(text, lines.range(r.origin.span)))
}

fn markdown(value: String, range: lsp_types::Range) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range),
    }
}

fn both(b: &Bilingual) -> String {
    format!("nl: {}  \nen: {}", b.nl, b.en)
}

fn docs(lines: &[String]) -> String {
    if lines.is_empty() {
        String::new()
    } else {
        format!("\n\n{}", lines.join("\n"))
    }
}

fn fact(rules: &RuleSet, name: &str) -> Option<String> {
    let f = rules.facts().get(rules.fact_id(name)?.index())?;
    let mut out = format!(
        "**fact** `{}`: `{}`\n\n{}",
        f.id,
        f.ty.describe(),
        both(&f.ask)
    );
    if let Some(help) = &f.help {
        out.push_str(&format!("\n\n**help**  \n{}", both(help)));
    }
    out.push_str(&docs(&f.docs));
    Some(out)
}

fn cites(list: &[Citation]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let nl: Vec<&str> = list.iter().map(|c| c.text.nl.as_str()).collect();
    let en: Vec<&str> = list.iter().map(|c| c.text.en.as_str()).collect();
    format!("\n\n**cites** {} / {}", nl.join(", "), en.join(", "))
}

/// What a node reads and what reads it, from the norm graph.
fn dependencies(rules: &RuleSet, node: Ground) -> String {
    let names = |list: &[Ground]| -> String {
        if list.is_empty() {
            return "nothing".to_owned();
        }
        list.iter()
            .map(|g| format!("`{}`", rules.node_name(*g)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "\n\n**depends on** {}  \n**depended on by** {}",
        names(rules.dependencies(node)),
        names(rules.dependents(node))
    )
}

fn concept(rules: &RuleSet, name: &str) -> Option<String> {
    let id = rules.concept_id(name)?;
    let c = rules.concepts().get(id.index())?;
    let labels = c.labels.as_ref().map(|l| format!("\n\n{}", both(l)));
    Some(format!(
        "**concept** `{}`{}{}{}{}",
        c.id,
        labels.unwrap_or_default(),
        cites(&c.cites),
        dependencies(rules, Ground::Concept(id)),
        docs(&c.docs)
    ))
}

fn norm(rules: &RuleSet, name: &str) -> Option<String> {
    let id = rules.norm_id(name)?;
    let n = rules.norms().get(id.index())?;
    Some(format!(
        "**norm** `{}`\n\n{}{}{}{}",
        n.id,
        both(&n.labels),
        cites(&n.cites),
        dependencies(rules, Ground::Norm(id)),
        docs(&n.docs)
    ))
}

fn finding(rules: &RuleSet, name: &str) -> Option<String> {
    let f = rules.findings().iter().find(|f| f.id == name)?;
    Some(format!(
        "**finding** `{}`\n\n{}{}{}",
        f.id,
        both(&f.labels),
        cites(&f.cites),
        docs(&f.docs)
    ))
}

/// A citation as the law's readers write it, with the law's title and its
/// official citation.
fn citation(rules: Option<&RuleSet>, c: &Citation) -> String {
    let mut out = format!("**{}** / **{}**", c.text.nl, c.text.en);
    if let Some(law) = rules.and_then(|r| r.laws().iter().find(|l| l.id == c.law)) {
        out.push_str(&format!("\n\n{}", both(&law.title)));
        if let Some(cite) = &law.cite {
            out.push_str(&format!("\n\n**official citation** {cite}"));
        }
    }
    out
}
