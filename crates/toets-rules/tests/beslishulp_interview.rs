//! The interview against the Beslishulp decision tree (issue 12's measure):
//! on every path of the tree, toets's interview starts from nothing, answers
//! each question from the path's facts (or "don't know" where the path has no
//! answer), and the questions until toets's AI Act classification (kind, whether
//! the Act applies, role, prohibited, high-risk, transparency, general-purpose
//! model) equals the one the path's facts give are counted and compared with
//! the length of the path in the tree.
//!
//! `cargo test --release -p toets-rules --test beslishulp_interview -- --nocapture`
#![expect(
    clippy::panic,
    clippy::expect_used,
    reason = "a test reports a broken tree or rule set by failing"
)]

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use toets_engine::interview::{Next, Session, next};
use toets_engine::{Description, EvalOptions, RuleSet, Value};
use toets_syntax::SourceFile;

#[path = "beslishulp_shared/mod.rs"]
mod shared;
use shared::*;

/// What the interview shows and asks in one state (the answers so far):
/// its classification and its next question (`None`: it ends).
type Step = (ToetsView, Option<String>);

/// Questions until the classification is final, or `None` if the interview
/// ends before. `memo` holds the steps of states already seen: paths that
/// agree on every answer asked so far share them, so the tree of interview
/// states is evaluated once, not once per path.
fn questions_until_classified(
    rules: &RuleSet,
    translator: &Translator<'_>,
    options: &EvalOptions,
    sheet: &BTreeMap<String, Value>,
    memo: &mut HashMap<String, Step>,
    trace: bool,
) -> (usize, Option<usize>) {
    let values: Vec<_> = sheet
        .iter()
        .map(|(name, v)| (translator.id(name), v.clone()))
        .collect();
    let full = rules
        .evaluate(&Description::from_values(rules, &values), options)
        .expect("evaluates");
    let target = ToetsView::read(&full, sheet);
    let mut session = Session::new(rules, Description::from_values(rules, &[]), options.clone());
    let mut given: BTreeMap<String, Value> = BTreeMap::new();
    let mut state = String::new();
    let mut asked = 0;
    for _ in 0..=rules.facts().len() {
        let (view, fact) = match memo.get(&state) {
            Some(step) => step.clone(),
            None => {
                let verdict = session.verdict().expect("evaluates");
                let fact = match next(&verdict, |f| session.is_skipped(f)) {
                    Next::Question(q) | Next::Record(_, q) => Some(q.fact.clone()),
                    Next::Done => None,
                };
                let step = (ToetsView::read(&verdict, &given), fact);
                memo.insert(state.clone(), step.clone());
                step
            }
        };
        if view == target {
            return (asked, Some(asked));
        }
        let Some(fact) = fact else {
            return (asked, None);
        };
        let value = sheet.get(&fact).cloned();
        if trace {
            println!("  {}. {fact} = {value:?}", asked + 1);
        }
        if let Some(v) = &value {
            given.insert(fact.clone(), v.clone());
        }
        state.push_str(&match &value {
            Some(v) => format!("{fact}={v};"),
            None => format!("{fact}=?;"),
        });
        session.answer(translator.id(&fact), value);
        asked += 1;
    }
    (asked, None)
}

#[test]
fn the_interview_classifies_within_the_trees_path_length() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let file = root.join("../shared/peers/beslishulp/decision-tree.yaml");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let text = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if !ci => {
            println!("skipped: the Beslishulp decision tree is not available ({e})");
            return;
        }
        Err(e) => panic!("CI=true and the Beslishulp decision tree is missing: {e}"),
    };
    let tree = Tree::parse(&text);
    let paths = tree.paths();
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    let rules = RuleSet::compile(sources).expect("the built-in rules compile");
    let translator = Translator::new(&rules);
    let date: jiff::civil::Date = EVALUATION_DATE.parse().expect("a date");
    let mut options = EvalOptions::on(date);
    options.laws = vec!["aia".to_owned()];

    // Paths with the same facts give the same interview: run each once, on all cores.
    let sheets: Vec<(String, BTreeMap<String, Value>)> = paths
        .iter()
        .map(|p| {
            let facts = translator.facts(p);
            let key = facts
                .iter()
                .map(|(n, v)| format!("{n}={v}"))
                .collect::<Vec<_>>()
                .join(";");
            (key, facts)
        })
        .collect();
    let jobs: BTreeMap<&str, &BTreeMap<String, Value>> =
        sheets.iter().map(|(k, f)| (k.as_str(), f)).collect();
    let jobs: Vec<(&str, &BTreeMap<String, Value>)> = jobs.into_iter().collect();
    let started = std::time::Instant::now();
    let mut memo = HashMap::new();
    // TOETS_TRACE=N prints the questions asked on the N-th distinct sheet.
    let trace: Option<usize> = std::env::var("TOETS_TRACE")
        .ok()
        .and_then(|v| v.parse().ok());
    let counts: HashMap<&str, (usize, Option<usize>)> = jobs
        .iter()
        .enumerate()
        .map(|(i, (k, f))| {
            if trace == Some(i) {
                println!("sheet {i}: {k}");
            }
            (
                *k,
                questions_until_classified(
                    &rules,
                    &translator,
                    &options,
                    f,
                    &mut memo,
                    trace == Some(i),
                ),
            )
        })
        .collect();
    println!(
        "{} distinct sheets, {} interview states evaluated in {:.1} s",
        jobs.len(),
        memo.len(),
        started.elapsed().as_secs_f64()
    );

    let mut toets: Vec<usize> = Vec::new();
    let mut tree_len: Vec<usize> = Vec::new();
    let mut not_classified = 0usize;
    let mut at_most_tree = 0usize;
    let mut by_family: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (path, (key, _)) in paths.iter().zip(&sheets) {
        let (asked, classified) = counts.get(key.as_str()).copied().expect("counted");
        let n = classified.unwrap_or(asked);
        if classified.is_none() {
            not_classified += 1;
        }
        let len = path.answers.len();
        if n <= len {
            at_most_tree += 1;
        }
        toets.push(n);
        tree_len.push(len);
        let family = path
            .conclusion
            .split('.')
            .take(2)
            .collect::<Vec<_>>()
            .join(".");
        let e = by_family.entry(family).or_default();
        e.0 += 1;
        e.1 += n;
        e.2 += len;
    }
    let mean = |v: &[usize]| v.iter().sum::<usize>() as f64 / v.len().max(1) as f64;
    let median = |v: &[usize]| {
        let mut s = v.to_vec();
        s.sort_unstable();
        s.get(s.len() / 2).copied().unwrap_or(0)
    };
    println!(
        "Beslishulp interview: {} paths; toets asks {:.1} questions on average (median {}) until its AI Act classification is decided, the tree {:.1} (median {}); toets needs no more than the tree on {at_most_tree} paths ({:.1}%); on {not_classified} paths the interview ends before",
        paths.len(),
        mean(&toets),
        median(&toets),
        mean(&tree_len),
        median(&tree_len),
        100.0 * at_most_tree as f64 / paths.len().max(1) as f64,
    );
    for (family, (n, t, l)) in &by_family {
        println!(
            "  conclusions {family}.*: {n} paths, toets {:.1}, tree {:.1}",
            *t as f64 / *n as f64,
            *l as f64 / *n as f64
        );
    }
    assert_eq!(
        not_classified, 0,
        "the interview ended before the classification on {not_classified} paths"
    );
}
