//! The summary-first text verdict on small inline rule sets: findings first,
//! only what needs attention per law, duties not yet in force by date, the
//! deciding questions; in English and Dutch.
#![allow(clippy::panic, missing_docs)]

mod common;

use expect_test::{Expect, expect};
use toets_engine::model::Lang;
use toets_report::TextOptions;

fn check(facts: &str, lang: Lang, expect: Expect) {
    let v = common::verdict(facts);
    let opts = TextOptions {
        lang,
        ..TextOptions::default()
    };
    expect.assert_eq(&toets_report::summary(&v, &opts));
}

const PROFILING: &str = "  personal: true\n  score: true\n  special: false\n";

#[test]
fn findings_come_first_and_a_violation_says_which_fact_failed() {
    check(
        &format!("{PROFILING}  dpia.done: false\n  review: none\n  high_risk_use: true\n"),
        Lang::En,
        expect![[r#"
            Testsysteem (Gemeente Test) · evaluated on 2026-11-23 · toets 0.1.0 · rules d99fc1edab41 · description 40cb55ff226e
            Overall: violations found

            What this system is
              ● AVG applies (GDPR Art. 2(1)): yes, because personal = yes
              ● Profiling (GDPR Art. 4(4)): yes, because personal = yes; score = yes
              ● High-risk AI system (AI Act Art. 6(2)): yes, because high_risk_use = yes
              ◆ Standard (GDPR Art. 9(1)): Ordinary test, because personal = yes

            Per law: what needs attention
            GDPR: 1 met · 0 not applicable · 0 not in force
              ✗ avg.art35.dpia (GDPR Art. 35(1)) — DPIA required
                  fails on: dpia.done = no
              ✗ avg.art22.review (GDPR Art. 22(1)) — Human review
                  fails on: review = No review
              ⚖ avg.art5.fair (GDPR Art. 5(1)(a)) — Fair
                  judge: Is the processing fair?
                  rests on: review = No review; Profiling: yes
                  record missing: balancing.outcome
              ⚖ avg.art6_3.prop (GDPR Art. 6(3)) — Proportionate
                  waits for the judgement of avg.art5.fair
            AI Act: 0 met · 0 not applicable · 3 not in force
              ◷ from 2 December 2027: 2 duties would apply to this system on these facts: Deployer duties (AI Act Art. 26(1)), Fundamental rights impact assessment (AI Act Art. 27(1))
              ◷ coming, but not for this system on these facts and the law on the evaluation date: 1 duty from 2 August 2028

            --trace shows every norm's full tree; `toets explain NORM --description FILE` shows one.
        "#]],
    );
}

#[test]
fn the_summary_reads_fully_in_dutch() {
    check(
        &format!("{PROFILING}  dpia.done: false\n  review: none\n  high_risk_use: true\n"),
        Lang::Nl,
        expect![[r#"
            Testsysteem (Gemeente Test) · getoetst op 2026-11-23 · toets 0.1.0 · regels d99fc1edab41 · beschrijving 40cb55ff226e
            Uitkomst: schendingen gevonden

            Wat dit systeem is
              ● AVG van toepassing (AVG art. 2(1)): ja, omdat personal = ja
              ● Profilering (AVG art. 4(4)): ja, omdat personal = ja; score = ja
              ● Hoog-risico-AI-systeem (AI-verordening art. 6(2)): ja, omdat high_risk_use = ja
              ◆ Maatstaf (AVG art. 9(1)): Gewone toets, omdat personal = ja

            Per wet: wat aandacht vraagt
            AVG: 1 voldaan · 0 niet van toepassing · 0 niet in werking
              ✗ avg.art35.dpia (AVG art. 35(1)) — DPIA verplicht
                  faalt op: dpia.done = nee
              ✗ avg.art22.review (AVG art. 22(1)) — Menselijke beoordeling
                  faalt op: review = Geen beoordeling
              ⚖ avg.art5.fair (AVG art. 5(1)(a)) — Behoorlijk
                  te oordelen: Is de verwerking behoorlijk?
                  rust op: review = Geen beoordeling; Profilering: ja
                  vastlegging ontbreekt: balancing.outcome
              ⚖ avg.art6_3.prop (AVG art. 6(3)) — Evenredig
                  wacht op het oordeel van avg.art5.fair
            AI-verordening: 0 voldaan · 0 niet van toepassing · 3 niet in werking
              ◷ vanaf 2 december 2027: 2 plichten zouden op deze feiten voor dit systeem gelden: Plichten van de gebruiksverantwoordelijke (AI-verordening art. 26(1)), Grondrechteneffectbeoordeling (AI-verordening art. 27(1))
              ◷ komend, maar op deze feiten en het recht op de toetsdatum niet voor dit systeem: 1 plicht vanaf 2 augustus 2028

            --trace toont de volledige boom van elke norm; `toets explain NORM --description BESTAND` toont er één.
        "#]],
    );
}

#[test]
fn open_findings_and_undetermined_norms_name_the_questions_that_decide_them() {
    check(
        "  personal: true\n",
        Lang::En,
        expect![[r#"
            Testsysteem (Gemeente Test) · evaluated on 2026-11-23 · toets 0.1.0 · rules d99fc1edab41 · description 60f9723f5435
            Overall: undetermined: open questions remain

            What this system is
              ● AVG applies (GDPR Art. 2(1)): yes, because personal = yes
              ? Profiling (GDPR Art. 4(4)): open; decided by score (#1)
              ? High-risk AI system (AI Act Art. 6(2)): open; decided by high_risk_use (#2)
              ? Standard (GDPR Art. 9(1)): open; decided by special (#3)

            Per law: what needs attention
            GDPR: 0 met · 0 not applicable · 0 not in force
              ⚖ avg.art5.fair (GDPR Art. 5(1)(a)) — Fair
                  judge: Is the processing fair?
                  rests on: Profiling: open
                  record missing: balancing.outcome
              ⚖ avg.art6_3.prop (GDPR Art. 6(3)) — Proportionate
                  waits for the judgement of avg.art5.fair
              ? avg.art35.dpia (GDPR Art. 35(1)) — DPIA required · decided by: score (#1), dpia.done (#4)
              ? avg.art9.special (GDPR Art. 9(1)) — Special categories · decided by: special (#3)
              ? avg.art22.review (GDPR Art. 22(1)) — Human review · decided by: score (#1), review (#5)
            AI Act: 0 met · 0 not applicable · 3 not in force
              ◷ from 2 December 2027: 2 duties may apply to this system (open): Deployer duties (AI Act Art. 26(1)), Fundamental rights impact assessment (AI Act Art. 27(1))
              ◷ from 2 August 2028: 1 duty may apply to this system (open): Conformity assessment (AI Act Art. 43(1))

            Open questions, most deciding first
              1. Does it score each person? [score: yes / no] · decides 3 results
              2. Is the use high-risk? [high_risk_use: yes / no] · decides 1 result
              3. Special categories of data? [special: yes / no] · decides 2 results
              4. Has a DPIA been done? [dpia.done: yes / no] · decides 1 result
              5. Does a person assess each case? [review: No review / Meaningful review] · decides 1 result

            --trace shows every norm's full tree; `toets explain NORM --description FILE` shows one.
        "#]],
    );
}

#[test]
fn a_recorded_judgement_and_met_duties_leave_only_the_counts() {
    check(
        &format!(
            "{PROFILING}  dpia.done: true\n  review: meaningful\n  high_risk_use: false\n  balancing:\n    outcome: fair\n"
        ),
        Lang::En,
        expect![[r#"
            Testsysteem (Gemeente Test) · evaluated on 2026-11-23 · toets 0.1.0 · rules d99fc1edab41 · description 6d39dda56f35
            Overall: no violations found

            What this system is
              ● AVG applies (GDPR Art. 2(1)): yes, because personal = yes
              ● Profiling (GDPR Art. 4(4)): yes, because personal = yes; score = yes
              ○ High-risk AI system (AI Act Art. 6(2)): no, because high_risk_use = no
              ◆ Standard (GDPR Art. 9(1)): Ordinary test, because personal = yes

            Per law: what needs attention
            GDPR: 5 met · 0 not applicable · 0 not in force
            AI Act: 0 met · 0 not applicable · 3 not in force
              ◷ from 2 August 2028: 1 duty would apply to this system on these facts: Conformity assessment (AI Act Art. 43(1))
              ◷ coming, but not for this system on these facts and the law on the evaluation date: 2 duties from 2 December 2027

            --trace shows every norm's full tree; `toets explain NORM --description FILE` shows one.
        "#]],
    );
}

#[test]
fn all_questions_are_listed_on_request_and_ten_by_default() {
    let v = common::builtin_empty();
    assert!(v.open_questions.len() > toets_report::TOP_QUESTIONS);
    let top = toets_report::summary(&v, &TextOptions::default());
    let all = toets_report::summary(
        &v,
        &TextOptions {
            all_questions: true,
            ..TextOptions::default()
        },
    );
    let numbered = |s: &str| {
        s.lines()
            .filter(|l| {
                l.trim_start()
                    .split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<usize>().is_ok())
            })
            .count()
    };
    assert_eq!(numbered(&all), v.open_questions.len());
    // A norm decided by many questions names four, then how many more.
    let long = top
        .lines()
        .find(|l| l.contains("decided by:") && l.ends_with(" more"))
        .unwrap_or_else(|| panic!("no capped list:\n{top}"));
    let named = long.split("decided by: ").nth(1).unwrap_or_default();
    assert_eq!(named.matches(", ").count(), 3, "{long}");
    assert_eq!(numbered(&top), toets_report::TOP_QUESTIONS);
    assert!(
        top.contains(&format!(
            "({} of {}; --questions all lists all)",
            toets_report::TOP_QUESTIONS,
            v.open_questions.len()
        )),
        "{top}"
    );
}

#[test]
fn trace_gives_every_norms_tree_instead() {
    let v = common::verdict(PROFILING);
    let trace = toets_report::summary(
        &v,
        &TextOptions {
            trace: true,
            ..TextOptions::default()
        },
    );
    assert_eq!(trace, toets_report::text(&v, &TextOptions::default()));
    for n in &v.norms {
        assert!(trace.contains(&n.id), "{} missing from the trace", n.id);
    }
    let one = toets_report::norm_tree(&v, "avg.art22.review", &TextOptions::default());
    let one = one.unwrap_or_default();
    assert!(
        one.contains("avg.art22.review") && !one.contains("avg.art35.dpia"),
        "{one}"
    );
    assert!(toets_report::norm_tree(&v, "avg.nothing", &TextOptions::default()).is_none());
}
