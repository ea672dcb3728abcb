//! Conformance of the built-in AI Act rules with the "Beslishulp AI-verordening", the AI Act
//! decision aid of the Dutch Ministry of the Interior (MinBZK).
//!
//! The decision tree is read from `../shared/peers/beslishulp/decision-tree.yaml`, relative to
//! the repository root. Every path from the first question to a conclusion is walked; the
//! answers along the path are translated into facts of the AI Act rules (the table
//! [`TRANSLATION`]), the built-in rules are evaluated, and toets's classification (AI system or
//! not, whether the Act applies, the role, prohibited / high-risk / transparency duties, the
//! category of a general-purpose AI model) is compared with the labels and the conclusion the
//! tree reaches. Every difference must be one that `docs/conformance.md` documents, with its
//! legal reason: the set of differing paths must be exactly the documented set, so that a
//! regression in the rules (or a change in the tree) fails the test.
//!
//! Without the tree the test is skipped, unless `CI=true`, where a missing tree fails it.

#![expect(
    clippy::panic,
    reason = "a test reports a broken tree, table or rule set by failing"
)]

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::PathBuf;

use toets_engine::{Description, EvalOptions, RuleSet, Value};
use toets_syntax::SourceFile;

#[path = "beslishulp_shared/mod.rs"]
mod shared;
use shared::*;

// ------------------------------------------------------------------ the test

#[test]
fn beslishulp_conformance() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join("../shared/peers/beslishulp");
    let file = dir.join("decision-tree.yaml");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if !ci => {
            println!(
                "skipped: the Beslishulp decision tree is not available at {} ({e})",
                file.display()
            );
            return;
        }
        Err(e) => panic!(
            "CI=true and the Beslishulp decision tree is missing at {}: {e}",
            file.display()
        ),
    };
    let tree = Tree::parse(&text);
    let paths = tree.paths();
    assert!(
        paths.len() > 100,
        "expected the full tree, found {} paths",
        paths.len()
    );
    check_table_covers_tree(&tree);

    let rules = compile_rules();
    let translator = Translator::new(&rules);
    let date: jiff::civil::Date = EVALUATION_DATE
        .parse()
        .unwrap_or_else(|e| panic!("bad evaluation date: {e}"));
    let mut options = EvalOptions::on(date);
    options.laws = vec!["aia".to_owned()];

    // Translate every path; paths with the same facts are evaluated once, on all cores.
    let given: Vec<(String, BTreeMap<String, Value>)> = paths
        .iter()
        .map(|path| {
            let facts = translator.facts(path);
            let key = facts
                .iter()
                .map(|(name, v)| format!("{name}={v}"))
                .collect::<Vec<_>>()
                .join(";");
            (key, facts)
        })
        .collect();
    let jobs: BTreeMap<&str, &BTreeMap<String, Value>> =
        given.iter().map(|(k, f)| (k.as_str(), f)).collect();
    let jobs: Vec<(&str, &BTreeMap<String, Value>)> = jobs.into_iter().collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let views: HashMap<&str, ToetsView> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(jobs.len().div_ceil(threads).max(1))
            .map(|part| {
                let (rules, translator, options) = (&rules, &translator, &options);
                scope.spawn(move || {
                    part.iter()
                        .map(|(key, facts)| (*key, evaluate(rules, translator, options, facts)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| panic!("an evaluation thread failed"))
            })
            .collect()
    });

    let mut agreeing = 0usize;
    let mut per_conclusion: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut per_cause: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut per_combination: BTreeMap<String, usize> = BTreeMap::new();
    let mut unexplained = String::new();
    let mut over_documented = String::new();
    for (path, (key, _)) in paths.iter().zip(&given) {
        let view = views
            .get(key.as_str())
            .unwrap_or_else(|| panic!("no evaluation for {}", path.describe()));
        let expected = TreeView::of(path);
        let differing = compare(&expected, view);
        let causes = documented(path, &expected);
        let entry = per_conclusion.entry(path.conclusion.clone()).or_default();
        entry.1 += 1;
        if differing.is_empty() {
            agreeing += 1;
            entry.0 += 1;
            if !causes.is_empty() {
                let _ = writeln!(
                    over_documented,
                    "  {causes:?} documented but toets agrees: {}",
                    path.describe()
                );
            }
            continue;
        }
        let allowed: BTreeSet<Dim> = DOCUMENTED
            .iter()
            .filter(|d| causes.contains(&d.id))
            .flat_map(|d| d.dims.iter().copied())
            .collect();
        if causes.is_empty() || !differing.iter().all(|d| allowed.contains(d)) {
            let _ = writeln!(
                unexplained,
                "  {}\n    differs in {differing:?} (documented: {causes:?})\n    tree:  {expected:?}\n    toets: {view:?}",
                path.describe()
            );
        }
        *per_combination
            .entry(format!("{} in {differing:?}", causes.join("+")))
            .or_default() += 1;
        for c in causes {
            *per_cause.entry(c).or_default() += 1;
        }
    }

    let outcomes_agreeing = per_conclusion.values().filter(|(a, n)| a == n).count();
    let outcomes_reached = per_conclusion.values().filter(|(a, _)| *a > 0).count();
    println!(
        "Beslishulp AI-verordening: {agreeing} of {} paths agree ({} evaluations); distinct conclusions: {outcomes_agreeing} of {} agree on every path, {outcomes_reached} of {} on at least one",
        paths.len(),
        views.len(),
        per_conclusion.len(),
        per_conclusion.len()
    );
    for (conclusion, (a, n)) in &per_conclusion {
        if a != n {
            println!("  conclusion {conclusion}: {a} of {n} paths agree");
        }
    }
    for d in DOCUMENTED {
        println!(
            "  documented difference {}: {} paths",
            d.id,
            per_cause.get(d.id).copied().unwrap_or(0)
        );
    }
    for (combination, n) in &per_combination {
        println!("  paths differing for {combination}: {n}");
    }
    assert!(
        unexplained.is_empty(),
        "paths that differ without a documented reason:\n{unexplained}"
    );
    assert!(
        over_documented.is_empty(),
        "paths documented as differing where toets agrees:\n{over_documented}"
    );
    for d in DOCUMENTED {
        let n = per_cause.get(d.id).copied().unwrap_or(0);
        assert_eq!(
            n, d.paths,
            "documented difference {} covers {n} paths, docs/conformance.md says {}",
            d.id, d.paths
        );
    }
}

/// Evaluates the facts of a path and reads toets's classification from the verdict.
fn evaluate(
    rules: &RuleSet,
    translator: &Translator<'_>,
    options: &EvalOptions,
    facts: &BTreeMap<String, Value>,
) -> ToetsView {
    let values: Vec<_> = facts
        .iter()
        .map(|(name, v)| (translator.id(name), v.clone()))
        .collect();
    let description = Description::from_values(rules, &values);
    let verdict = rules
        .evaluate(&description, options)
        .unwrap_or_else(|e| panic!("evaluation failed: {e}"));
    ToetsView::read(&verdict, facts)
}

fn compile_rules() -> RuleSet {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    RuleSet::compile(sources).unwrap_or_else(|e| panic!("the built-in rules do not compile: {e}"))
}
