//! The mapping against the built-in rules: every fact and value it can
//! produce exists, and real register entries map, load and evaluate.
#![allow(missing_docs, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use expect_test::expect_file;
use toets_engine::model::FactType;
use toets_engine::{EvalOptions, RuleSet, Value};
use toets_register::{Mapping, Produces, Rule, from_register, from_register_all};
use toets_syntax::SourceFile;

fn rules() -> RuleSet {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    match RuleSet::compile(sources) {
        Ok(rules) => rules,
        Err(e) => panic!("the built-in rules do not compile: {e:?}"),
    }
}

fn fact_type<'a>(rules: &'a RuleSet, id: &str) -> Option<&'a FactType> {
    rules.facts().iter().find(|f| f.id == id).map(|f| &f.ty)
}

/// Fact ids written in backticks in a text: `decisions.legal_effect`.
fn named_facts(text: &str) -> Vec<&str> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| {
            !t.is_empty()
                && !matches!(*t, "true" | "false")
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
        })
        .collect()
}

#[test]
fn every_fact_and_value_of_the_table_exists_in_the_builtin_rules() {
    let rules = rules();
    let mut problems = Vec::new();
    for rule in Rule::ALL {
        let row = rule.row();
        if let Some(fact) = row.fact {
            match (fact_type(&rules, fact), row.produces) {
                (None, _) => problems.push(format!("{rule:?}: no fact `{fact}`")),
                (Some(_), Produces::Nothing)
                | (Some(FactType::Bool), Produces::Bool(_))
                | (Some(FactType::Date), Produces::Date)
                | (Some(FactType::Text), Produces::Text) => {}
                (Some(FactType::OneOf(values)), Produces::Choice(v)) => {
                    if !values.iter().any(|x| x == v) {
                        problems.push(format!(
                            "{rule:?}: `{fact}` has no value `{v}` (it has {})",
                            values.join(", ")
                        ));
                    }
                }
                (Some(ty), produces) => problems.push(format!(
                    "{rule:?}: `{fact}` is {}, the table writes {produces:?}",
                    ty.describe()
                )),
            }
        }
        // Facts the explanations name must exist too, or the notes mislead.
        for named in named_facts(row.why) {
            if rules.fact_id(named).is_none() {
                problems.push(format!(
                    "{rule:?}: its reason names `{named}`, no such fact"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_row_is_listed_once() {
    for rule in Rule::ALL {
        assert_eq!(
            Rule::ALL.iter().filter(|r| *r == rule).count(),
            1,
            "{rule:?}"
        );
    }
}

#[test]
fn docs_hold_the_current_table() {
    let docs = include_str!("../../../docs/register.md");
    let table = toets_register::table_markdown();
    assert!(
        docs.contains(&table),
        "docs/register.md does not hold the current mapping table; replace it with:\n\n{table}"
    );
}

/// Loads the mapping's description against the built-in rules, checks that
/// every mapped fact arrived with its value, and evaluates it.
fn load_and_evaluate(rules: &RuleSet, name: &str, mapping: &Mapping) {
    let text = mapping.description_text();
    let description = match rules.load_description(name, &text) {
        Ok(d) => d,
        Err(e) => panic!("{name}: the description does not load: {e:?}\n{text}"),
    };
    for (fact, value) in mapping.facts() {
        let id = rules.fact_id(fact);
        let loaded = id.and_then(|id| description.value(id));
        let same = match (loaded, value) {
            (Some(Value::Bool(a)), serde_json::Value::Bool(b)) => a == b,
            (Some(Value::Text(a)), serde_json::Value::String(b)) => a == b,
            (Some(Value::Date(a)), serde_json::Value::String(b)) => a.to_string() == *b,
            _ => false,
        };
        assert!(same, "{name}: {fact} loaded as {loaded:?}, mapped {value}");
    }
    let options = EvalOptions::on(jiff::civil::date(2026, 11, 23));
    if let Err(e) = rules.evaluate(&description, &options) {
        panic!("{name}: {e}");
    }
}

fn templates_dir() -> PathBuf {
    // The repository root is two levels above this crate; the templates are
    // in `../shared` next to it.
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/peers/algoritmeregister/templates")
}

#[test]
fn all_register_templates_map_load_and_evaluate() {
    let dir = templates_dir();
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let Ok(read) = std::fs::read_dir(&dir) else {
        assert!(!ci, "{} is missing (CI=true)", dir.display());
        println!("skipped: {} is absent", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = read
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no templates in {}", dir.display());

    let rules = rules();
    let mut count = 0;
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let mappings = match from_register_all(&text) {
            Ok(m) => m,
            Err(e) => panic!("{name}: {e}"),
        };
        for (i, mapping) in mappings.iter().enumerate() {
            count += 1;
            load_and_evaluate(&rules, &format!("{name}[{i}]"), mapping);
            let facts: Vec<String> = mapping
                .facts()
                .iter()
                .map(|(f, v)| format!("{f}={v}"))
                .collect();
            println!(
                "{name}[{i}] {}: {}",
                mapping.id.as_deref().unwrap_or("?"),
                facts.join(", ")
            );
        }
    }
    // The issue that asked for this crate counted 27 entries in 17 files.
    // Update these numbers when the template set changes.
    assert_eq!((files.len(), count), (17, 27), "files and entries");
}

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/register")
}

#[test]
fn register_examples_map_as_recorded() {
    let rules = rules();
    let mut out = String::new();
    for name in ["contec.json", "gemeente-amsterdam.json", "xxllnc.json"] {
        let text = std::fs::read_to_string(examples_dir().join(name)).unwrap_or_default();
        let mapping = match from_register(&text) {
            Ok(m) => m,
            Err(e) => panic!("{name}: {e}"),
        };
        load_and_evaluate(&rules, name, &mapping);
        out.push_str(&format!("== {name}\n{}\n", mapping.description_text()));
        for note in &mapping.notes {
            out.push_str(&format!("{note}\n"));
        }
        out.push('\n');
    }
    expect_file!["snapshots/register-examples.txt"].assert_eq(&out);
}
