//! The interview, simulated on the examples (issue 12's measure): start from
//! the system's metadata alone, answer each question from the example file,
//! or "don't know" where the example lacks the fact, and go on until nothing
//! unasked is open. Prints, per example, the questions until the
//! classification is decided (the six findings issue 12 names:
//! [`CLASSIFICATION`]), until every finding is decided, and until the verdict
//! equals the example's own; asserts that every example's own verdict is
//! reached.
//!
//! `cargo test -p toets-rules --test interview -- --nocapture` prints the table.
#![expect(clippy::expect_used, clippy::panic, reason = "test code")]

use std::path::Path;

use toets_engine::interview::{Next, Session, next};
use toets_engine::{Description, EvalOptions, Outcome, RuleSet, Verdict};
use toets_syntax::SourceFile;

fn rules() -> RuleSet {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    RuleSet::compile(sources).expect("the built-in rules compile")
}

/// The classification issue 12 measures: AVG scope, profiling, AI system,
/// prohibited practice, high-risk and the standard of review.
const CLASSIFICATION: [&str; 6] = [
    "avg.data_protection_law",
    "avg.profiling",
    "aia.ai_system",
    "aia.prohibited",
    "aia.high_risk",
    "prop.standard",
];

/// Each finding's id, value and case.
type Findings = Vec<(String, Option<bool>, Option<String>)>;

/// What a reader is told: each finding's value and case, each norm's outcome.
fn state(v: &Verdict) -> (Findings, Vec<(String, Outcome)>) {
    (
        v.findings
            .iter()
            .map(|f| (f.id.clone(), f.value, f.case.as_ref().map(|c| c.id.clone())))
            .collect(),
        v.norms.iter().map(|n| (n.id.clone(), n.outcome)).collect(),
    )
}

/// The simulated interview of one example.
struct Run {
    name: String,
    facts: usize,
    asked: usize,
    until_classification: usize,
    until_findings: usize,
    until_verdict: usize,
}

fn simulate(rules: &RuleSet, path: &Path) -> Run {
    let text = std::fs::read_to_string(path).expect("example reads");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sheet = rules.load_description(&name, &text).expect("example loads");
    let options = EvalOptions::on(jiff::civil::date(2026, 11, 23));
    let own = rules.evaluate(&sheet, &options).expect("evaluates");
    let (own_findings, own_norms) = state(&own);
    let facts = (0..rules.facts().len())
        .filter(|i| {
            rules
                .facts()
                .get(*i)
                .and_then(|f| rules.fact_id(&f.id))
                .is_some_and(|id| sheet.value(id).is_some())
        })
        .count();
    let empty = rules
        .load_description(&name, "facts: {}")
        .expect("empty loads");
    let mut session = Session::new(rules, empty, options);
    session.set_system(sheet.system().clone());
    // TOETS_INTERVIEW_TRACE=welfare prints each question of the examples whose
    // file name contains `welfare`, with the findings still open.
    let trace = std::env::var("TOETS_INTERVIEW_TRACE").ok();
    let mut asked = 0;
    let mut until_classification = None;
    let mut until_findings = None;
    let mut until_verdict = None;
    let classification = |f: &Findings| -> Findings {
        f.iter()
            .filter(|(id, _, _)| CLASSIFICATION.contains(&id.as_str()))
            .cloned()
            .collect()
    };
    let own_classification = classification(&own_findings);
    assert_eq!(
        own_classification.len(),
        CLASSIFICATION.len(),
        "every classification finding is declared"
    );
    for _ in 0..=rules.facts().len() {
        let verdict = session.verdict().expect("evaluates");
        let (findings, norms) = state(&verdict);
        if until_classification.is_none() && classification(&findings) == own_classification {
            until_classification = Some(asked);
        }
        if until_findings.is_none() && findings == own_findings {
            until_findings = Some(asked);
        }
        if until_verdict.is_none() && findings == own_findings && norms == own_norms {
            until_verdict = Some(asked);
        }
        let question = match next(&verdict, |f| session.is_skipped(f)) {
            Next::Question(q) | Next::Record(_, q) => q.fact.clone(),
            Next::Done => break,
        };
        let id = rules.fact_id(&question).expect("questions are about facts");
        if trace.as_deref().is_some_and(|t| name.contains(t)) {
            let open: Vec<&str> = findings
                .iter()
                .filter(|(_, v, _)| v.is_none())
                .map(|(id, _, _)| id.as_str())
                .collect();
            println!(
                "{name} Q{}: {question} = {:?}; open: {open:?}",
                asked + 1,
                sheet.value(id)
            );
        }
        session.answer(id, sheet.value(id).cloned());
        asked += 1;
    }
    let Some(until_verdict) = until_verdict else {
        let end = session.verdict().expect("evaluates");
        let (findings, norms) = state(&end);
        let differ: Vec<String> = norms
            .iter()
            .zip(&own_norms)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("{}: {:?} instead of {:?}", a.0, a.1, b.1))
            .chain(
                findings
                    .iter()
                    .zip(&own_findings)
                    .filter(|(a, b)| a != b)
                    .map(|(a, b)| format!("{}: {:?} instead of {:?}", a.0, a, b)),
            )
            .collect();
        panic!("{name}: the interview does not reach the example's own verdict:\n{differ:#?}");
    };
    Run {
        name,
        facts,
        asked,
        until_classification: until_classification.unwrap_or(asked),
        until_findings: until_findings.unwrap_or(asked),
        until_verdict,
    }
}

#[test]
fn the_interview_reaches_each_examples_verdict() {
    let rules = rules();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("examples/ reads")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 8, "examples: {paths:?}");
    let runs: Vec<Run> = paths.iter().map(|p| simulate(&rules, p)).collect();
    println!(
        "{:<40} {:>6} {:>6} {:>15} {:>13} {:>8}",
        "example", "facts", "asked", "classification", "all findings", "verdict"
    );
    for r in &runs {
        println!(
            "{:<40} {:>6} {:>6} {:>15} {:>13} {:>8}",
            r.name, r.facts, r.asked, r.until_classification, r.until_findings, r.until_verdict
        );
    }
    let n = runs.len() as f64;
    let mean = |f: fn(&Run) -> usize| runs.iter().map(f).sum::<usize>() as f64 / n;
    println!(
        "mean: facts {:.1}, asked {:.1}, until classification {:.1}, until all findings {:.1}, \
         until verdict {:.1}",
        mean(|r| r.facts),
        mean(|r| r.asked),
        mean(|r| r.until_classification),
        mean(|r| r.until_findings),
        mean(|r| r.until_verdict)
    );
    let over: Vec<&str> = runs
        .iter()
        .filter(|r| r.until_verdict > r.facts)
        .map(|r| r.name.as_str())
        .collect();
    println!("examples needing more questions than they have facts: {over:?}");
}

/// The empty description is a valid start: the interview asks something.
#[test]
fn an_empty_description_is_asked_about() {
    let rules = rules();
    let empty: Description = rules
        .load_description("e.yaml", "facts: {}")
        .expect("loads");
    let verdict = rules
        .evaluate(&empty, &EvalOptions::on(jiff::civil::date(2026, 11, 23)))
        .expect("evaluates");
    assert!(matches!(next(&verdict, |_| false), Next::Question(_)));
}
