//! The built-in rules compile, their test blocks pass, and every norm is
//! pinned by tests on both sides: at least one case where it is met or not
//! applicable, and one where it is violated or undetermined.
#![expect(clippy::expect_used, reason = "test code")]

use std::collections::BTreeMap;
use toets_engine::model::Expected;

use toets_engine::{Outcome, RuleSet};
use toets_syntax::SourceFile;

fn rules() -> RuleSet {
    let sources = toets_rules::BUILTIN
        .iter()
        .map(|(name, text)| SourceFile::new(*name, *text))
        .collect();
    RuleSet::compile(sources).expect("the built-in rules compile")
}

#[test]
fn every_test_block_passes() {
    let rules = rules();
    let report = rules.run_tests(jiff::civil::date(2026, 11, 23));
    let failed: Vec<String> = report
        .results
        .iter()
        .filter(|r| !r.failures.is_empty())
        .map(|r| format!("{} ({})", r.name, r.location))
        .collect();
    assert!(failed.is_empty(), "failing rule tests: {failed:#?}");
    assert!(
        report.passed() >= 100,
        "only {} rule tests",
        report.passed()
    );
}

#[test]
fn every_norm_is_tested_on_both_sides() {
    let rules = rules();
    // norm id -> (passes somewhere, fails somewhere)
    let mut sides: BTreeMap<&str, (bool, bool)> = rules
        .norms()
        .iter()
        .map(|n| (n.id.as_str(), (false, false)))
        .collect();
    for test in rules.tests() {
        for expectation in &test.expectations {
            let Expected::Norm(id, outcome) = expectation.expected else {
                continue;
            };
            let Some(norm) = rules.norms().get(id.index()) else {
                continue;
            };
            let entry = sides.entry(norm.id.as_str()).or_default();
            match outcome {
                Outcome::Met | Outcome::NotApplicable => entry.0 = true,
                Outcome::Violated | Outcome::NotFollowed | Outcome::Undetermined => entry.1 = true,
                Outcome::NeedsJudgement | Outcome::NotInForce => {}
            }
        }
    }
    let missing: Vec<String> = sides
        .iter()
        .filter(|(_, (pass, fail))| !pass || !fail)
        .map(|(id, (pass, fail))| {
            let mut lacks = Vec::new();
            if !pass {
                lacks.push("met/not_applicable");
            }
            if !fail {
                lacks.push("violated/undetermined");
            }
            format!("{id}: no {} test", lacks.join(" and no "))
        })
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
    assert!(
        rules.norms().len() >= 70,
        "only {} norms",
        rules.norms().len()
    );
}
