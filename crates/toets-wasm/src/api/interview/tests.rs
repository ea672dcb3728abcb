//! The interview through the API, on a small rule set of its own
//! (`wasm/tests/fixtures/mini.toets`, also used by the Node tests): findings,
//! the next step, skipping, judgement records, labels, the system.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde_json::{Value as Json, json};
use toets_engine::Outcome;
use toets_engine::verdict::QuestionStage;

use crate::api::{CheckOptions, Engine, NextStep, RuleFile, Summary, SystemOption};

const MINI: &str = include_str!("../../../../../wasm/tests/fixtures/mini.toets");

fn mini() -> Engine {
    Engine::compile(vec![RuleFile {
        name: "mini.toets".to_owned(),
        text: MINI.to_owned(),
    }])
    .expect("the mini rules compile")
}

fn summary(e: &Engine, answers: Json, skipped: &[&str]) -> Summary {
    let answers: BTreeMap<String, Json> = serde_json::from_value(answers).expect("answers");
    let options = CheckOptions {
        date: Some("2026-11-23".to_owned()),
        answers,
        skipped: skipped.iter().map(|s| (*s).to_owned()).collect(),
        ..CheckOptions::default()
    };
    e.summary("{}", &options, Date::constant(2026, 11, 23))
        .unwrap_or_else(|f| panic!("{:?}", f.diagnostics))
}

fn next_fact(s: &Summary) -> Option<&str> {
    match &s.next {
        NextStep::Question { question } | NextStep::Record { question, .. } => {
            Some(question.fact.fact.as_str())
        }
        NextStep::Done => None,
    }
}

#[test]
fn the_interview_classifies_first_and_findings_say_why() {
    let e = mini();
    let s = summary(&e, json!({}), &[]);
    assert_eq!(s.findings.len(), 2);
    assert!(s.findings.iter().all(|f| f.value.is_none()));
    let NextStep::Question { question } = &s.next else {
        panic!("a question first, got {:?}", s.next);
    };
    assert_eq!(question.fact.fact, "personal");
    assert_eq!(question.stage, QuestionStage::Finding);
    assert!(question.findings.contains(&"avg.scope".to_owned()));
    // The next step is the first open question, as the engine orders them.
    assert_eq!(s.questions[0].fact.fact, "personal");

    let s = summary(
        &e,
        json!({"personal": true, "profiling.systematic": true}),
        &[],
    );
    let dpia = s
        .findings
        .iter()
        .find(|f| f.id == "avg.dpia_trigger")
        .unwrap();
    assert_eq!(dpia.value, Some(true));
    assert!(!dpia.because.is_empty(), "a decided finding says why");
    assert_eq!(s.findings[0].value, Some(true));
}

#[test]
fn a_skipped_fact_is_not_asked_again_and_the_counts_agree() {
    let e = mini();
    let all = summary(&e, json!({}), &[]);
    let skipped = summary(&e, json!({}), &["personal"]);
    assert_ne!(next_fact(&skipped), Some("personal"));
    assert_eq!(skipped.remaining + 1, all.remaining);
    // Still open: a skipped fact stays unknown.
    assert!(skipped.questions.iter().any(|q| q.fact.fact == "personal"));

    // Skipping everything ends the interview with nothing left to ask.
    let facts: Vec<String> = all.questions.iter().map(|q| q.fact.fact.clone()).collect();
    let refs: Vec<&str> = facts.iter().map(String::as_str).collect();
    let done = summary(&e, json!({}), &refs);
    assert!(matches!(done.next, NextStep::Done));
    assert_eq!(done.remaining, 0);
}

#[test]
fn a_pending_judgement_is_asked_as_its_record() {
    let e = mini();
    let facts = json!({
        "personal": true, "profiling.systematic": true, "dpia.performed": true,
        "purpose": ["fraud"], "review": "meaningful", "high_risk_use": false
    });
    let s = summary(&e, facts.clone(), &[]);
    let NextStep::Record {
        judgement,
        question,
    } = &s.next
    else {
        panic!("the judgement's record, got {:?}", s.next);
    };
    assert_eq!(judgement.norm, "avg.balance");
    assert_eq!(judgement.label.en, "Is the use proportionate?");
    assert!(judgement.rests_on_facts.iter().any(|f| f.fact == "review"));
    assert_eq!(question.fact.fact, "balance.outcome");
    assert_eq!(question.stage, QuestionStage::Judgement);
    assert!(question.fact.help.is_some());
    assert_eq!(s.remaining, 1);
    let norm = |s: &Summary| {
        s.norms
            .iter()
            .find(|n| n.id == "avg.balance")
            .unwrap()
            .outcome
    };
    assert_eq!(norm(&s), Outcome::NeedsJudgement);

    let mut recorded = facts;
    recorded["balance.outcome"] = json!("proportionate");
    let s = summary(&e, recorded, &[]);
    assert!(matches!(s.next, NextStep::Done));
    assert_eq!(s.remaining, 0);
    assert_eq!(norm(&s), Outcome::Met);
}

#[test]
fn listed_values_carry_their_labels_and_facts_what_they_presuppose() {
    let e = mini();
    let info = e.info();
    let purpose = info.facts.iter().find(|f| f.fact == "purpose").unwrap();
    assert_eq!(purpose.options, ["fraud", "planning"]);
    let labels: Vec<(&str, &str, &str)> = purpose
        .choices
        .iter()
        .map(|c| (c.value.as_str(), c.label.nl.as_str(), c.label.en.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            ("fraud", "Fraudeopsporing", "Fraud detection"),
            ("planning", "Planning van diensten", "Service planning")
        ]
    );
    let systematic = info
        .facts
        .iter()
        .find(|f| f.fact == "profiling.systematic")
        .unwrap();
    assert_eq!(systematic.presupposes, ["personal"]);
    let personal = info.facts.iter().find(|f| f.fact == "personal").unwrap();
    assert!(personal.presupposes.is_empty());
}

#[test]
fn a_duty_not_yet_in_force_says_from_when_and_whether_it_would_apply() {
    let e = mini();
    let s = summary(&e, json!({"high_risk_use": true}), &[]);
    let n = s.norms.iter().find(|n| n.id == "aia.oversight").unwrap();
    assert_eq!(n.outcome, Outcome::NotInForce);
    assert_eq!(n.applies_from.as_deref(), Some("2027-12-02"));
    assert_eq!(n.would_apply, Some(Some(true)));
    let s = summary(&e, json!({"high_risk_use": false}), &[]);
    let n = s.norms.iter().find(|n| n.id == "aia.oversight").unwrap();
    assert_eq!(n.would_apply, Some(Some(false)));
}

#[test]
fn the_interview_gives_the_system_its_name() {
    let e = mini();
    let options = CheckOptions {
        system: Some(SystemOption {
            name: Some("Risicomodel".to_owned()),
            organisation: Some("  ".to_owned()),
            ..SystemOption::default()
        }),
        ..CheckOptions::default()
    };
    let text = "system:\n  name: Oud\n  organisation: Gemeente\nfacts: {}\n";
    let s = e
        .summary(text, &options, Date::constant(2026, 11, 23))
        .expect("checks");
    assert_eq!(s.system.name.as_deref(), Some("Risicomodel"));
    assert_eq!(
        s.system.organisation.as_deref(),
        Some("Gemeente"),
        "blank keeps"
    );
    let merged = e.merged_description(text, &options).expect("merges");
    assert!(merged.contains("Risicomodel"));
}
