//! Completion: the values of a listed fact after `in`, `contains` and
//! `==`; otherwise the ids of facts, concepts, norms and findings, and the
//! keywords.

use lsp_types::{CompletionItem, CompletionItemKind, CompletionTextEdit, Range, TextEdit};
use toets_engine::RuleSet;
use toets_engine::model::Ground;

use crate::workspace::{File, FileSet};

/// The keywords of the grammar (`keyword` in grammar/toets.pest).
pub(crate) const KEYWORDS: &[&str] = &[
    "in_force",
    "asking",
    "one",
    "and",
    "or",
    "not",
    "in",
    "contains",
    "any",
    "all",
    "is",
    "true",
    "false",
    "law",
    "fact",
    "concept",
    "finding",
    "norm",
    "test",
    "cites",
    "cite",
    "case",
    "applies",
    "when",
    "requires",
    "unless",
    "judgement",
    "rests",
    "on",
    "settled",
    "by",
    "given",
    "expect",
    "ask",
    "help",
    "see",
    "guidance",
    "checked",
    "until",
    "of",
    "set",
    "nl",
    "en",
    "abbrev",
    "art",
    "annex",
    "recital",
    "follows",
    "today",
];

/// How far back the context of a completion is looked for.
const CONTEXT_BYTES: usize = 400;

/// The completions at byte `offset` of `file`.
pub(crate) fn complete(set: &FileSet, file: &File, offset: usize) -> Vec<CompletionItem> {
    let text = file.source.text();
    let mut start = offset.min(text.len());
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = text.get(..start).unwrap_or_default();
    let typed = trailing_word(before);
    let before = before.get(..before.len() - typed.len()).unwrap_or_default();
    let range = Range::new(
        file.index.position(start - typed.len()),
        file.index.position(start),
    );
    let context = before
        .get(before.len().saturating_sub(CONTEXT_BYTES)..)
        .unwrap_or(before);
    let rules = set.rules();
    if let Some(fact) = value_context(context) {
        let Some(f) = rules.and_then(|r| r.facts().get(r.fact_id(fact)?.index())) else {
            return Vec::new();
        };
        return f
            .ty
            .variants()
            .iter()
            .filter(|v| v.starts_with(typed))
            .map(|v| {
                let detail = f.value_label(v, toets_engine::model::Lang::En);
                item(v, CompletionItemKind::ENUM_MEMBER, Some(detail), range)
            })
            .collect();
    }
    let mut items = ids(set, rules, typed, range);
    items.extend(
        KEYWORDS
            .iter()
            .filter(|k| k.starts_with(typed))
            .map(|k| item(k, CompletionItemKind::KEYWORD, None, range)),
    );
    items
}

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: Option<&str>,
    range: Range,
) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: detail.map(str::to_owned),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range,
            label.to_owned(),
        ))),
        ..CompletionItem::default()
    }
}

/// The declared ids that start with what was typed, sorted.
fn ids(set: &FileSet, rules: Option<&RuleSet>, typed: &str, range: Range) -> Vec<CompletionItem> {
    let Some(analysis) = &set.analysis else {
        return Vec::new();
    };
    let mut out: Vec<CompletionItem> = analysis
        .references
        .names
        .iter()
        .filter(|r| r.declaration)
        .filter_map(|r| {
            let name = set.reference_text(r)?;
            if !name.starts_with(typed) {
                return None;
            }
            let (kind, detail) = match r.target {
                Ground::Fact(_) => (
                    CompletionItemKind::FIELD,
                    rules
                        .and_then(|rs| rs.facts().get(rs.fact_id(name)?.index()))
                        .map(|f| f.ty.describe()),
                ),
                Ground::Concept(_) => (
                    CompletionItemKind::FUNCTION,
                    rules
                        .and_then(|rs| rs.concepts().get(rs.concept_id(name)?.index()))
                        .and_then(|c| c.labels.as_ref().map(|l| l.en.clone())),
                ),
                Ground::Norm(_) => (
                    CompletionItemKind::STRUCT,
                    rules
                        .and_then(|rs| rs.norms().get(rs.norm_id(name)?.index()))
                        .map(|n| n.labels.en.clone()),
                ),
                Ground::Finding(_) => (
                    CompletionItemKind::EVENT,
                    rules
                        .and_then(|rs| rs.findings().iter().find(|f| f.id == name))
                        .map(|f| f.labels.en.clone()),
                ),
            };
            Some(item(name, kind, detail.as_deref(), range))
        })
        .collect();
    out.sort_by(|a, b| a.label.cmp(&b.label));
    out
}

/// The name being typed: the letters, digits, `_` and `.` before the cursor.
fn trailing_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
        .last()
        .map_or(s.len(), |(i, _)| i);
    s.get(start..).unwrap_or_default()
}

/// The fact whose values fit here: after `FACT in {`, `FACT contains`,
/// `FACT contains any {`, `FACT == ` (and after values already listed).
fn value_context(before: &str) -> Option<&str> {
    let mut rest = before.trim_end();
    let mut braced = false;
    loop {
        if let Some(r) = rest.strip_suffix(',') {
            let r = r.trim_end();
            let word = trailing_word(r);
            if word.is_empty() {
                return None;
            }
            rest = r.get(..r.len() - word.len())?.trim_end();
        } else if let Some(r) = rest.strip_suffix('{') {
            rest = r.trim_end();
            braced = true;
            break;
        } else {
            break;
        }
    }
    if let Some(r) = rest.strip_suffix("==").or_else(|| rest.strip_suffix("!=")) {
        if braced {
            return None;
        }
        let fact = trailing_word(r.trim_end());
        return (!fact.is_empty()).then_some(fact);
    }
    let mut word = trailing_word(rest);
    if braced && matches!(word, "any" | "all") {
        rest = rest.get(..rest.len() - word.len())?.trim_end();
        word = trailing_word(rest);
    }
    if !matches!(word, "in" | "contains") {
        return None;
    }
    let r = rest.get(..rest.len() - word.len())?;
    if !r.ends_with(char::is_whitespace) {
        return None;
    }
    let fact = trailing_word(r.trim_end());
    (!fact.is_empty()).then_some(fact)
}

#[cfg(test)]
mod tests {
    use super::value_context;

    #[test]
    fn value_contexts_name_their_fact() {
        assert_eq!(value_context("role in { "), Some("role"));
        assert_eq!(value_context("x and role in {provider, "), Some("role"));
        assert_eq!(value_context("purpose contains "), Some("purpose"));
        assert_eq!(value_context("purpose contains any { a,"), Some("purpose"));
        assert_eq!(value_context("a.role == "), Some("a.role"));
        assert_eq!(value_context("requires a and "), None);
        assert_eq!(value_context("fact x: one of { "), None);
        assert_eq!(value_context("main { "), None);
    }
}
