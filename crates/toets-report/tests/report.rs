//! The Markdown assessment report on a small inline rule set: its sections
//! in the order of a DPIA or IAMA, actions with articles and Algoritmekader
//! ids, an empty record per judgement, and headings in Dutch and English.
#![allow(clippy::panic, missing_docs)]

mod common;

use toets_engine::model::Lang;

const FACTS: &str = "  personal: true\n  score: true\n  special: false\n  dpia.done: false\n  high_risk_use: true\n";

fn headings(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with("## ")).collect()
}

#[test]
fn the_report_is_pinned_in_english() {
    let v = common::verdict(FACTS);
    insta::assert_snapshot!("report-inline-en", toets_report::markdown(&v, Lang::En));
}

#[test]
fn sections_come_in_the_order_of_an_assessment_in_both_languages() {
    let v = common::verdict(FACTS);
    assert_eq!(
        headings(&toets_report::markdown(&v, Lang::En)),
        [
            "## 1. Summary",
            "## 2. Findings: what this system is",
            "## 3. Duties per law",
            "## 4. Actions",
            "## 5. Judgements to record",
            "## 6. Open questions",
            "## 7. Norms not in force",
            "## 8. Answers this assessment rests on",
            "## Annex A: full trace",
            "## Provenance",
        ]
    );
    let nl = toets_report::markdown(&v, Lang::Nl);
    assert_eq!(
        headings(&nl),
        [
            "## 1. Samenvatting",
            "## 2. Bevindingen: wat dit systeem is",
            "## 3. Verplichtingen per wet",
            "## 4. Acties",
            "## 5. Vast te leggen oordelen",
            "## 6. Open vragen",
            "## 7. Normen die niet in werking zijn",
            "## 8. Antwoorden waarop deze toets rust",
            "## Bijlage A: volledige afleiding",
            "## Herkomst",
        ]
    );
    assert!(nl.starts_with("# Toetsingsrapport: Testsysteem\n"), "{nl}");
}

#[test]
fn actions_carry_the_article_and_the_algoritmekader_id_where_the_rules_give_one() {
    let md = toets_report::markdown(&common::verdict(FACTS), Lang::En);
    let actions: Vec<&str> = md
        .lines()
        .skip_while(|l| *l != "## 4. Actions")
        .take_while(|l| *l != "## 5. Judgements to record")
        .collect();
    let dpia = actions.iter().find(|l| l.contains("**DPIA required**"));
    assert!(
        dpia.is_some_and(
            |l| l.contains("GDPR Art. 35(1); Algoritmekader urn:nl:ak:ver:avg-13")
                && l.contains("dpia.done = no")
        ),
        "{actions:#?}"
    );
    // An undetermined duty asks its question; a duty without an id says none.
    let review = actions.iter().find(|l| l.contains("**Human review**"));
    assert!(
        review.is_some_and(|l| l.contains("(GDPR Art. 22(1))")
            && l.contains("Does a person assess each case? (`review`)")),
        "{actions:#?}"
    );
    assert!(
        actions
            .iter()
            .any(|l| l.contains("the others have none in the rules"))
    );
}

#[test]
fn each_judgement_has_an_empty_record_to_fill_in() {
    let md = toets_report::markdown(&common::verdict(FACTS), Lang::En);
    let section: Vec<&str> = md
        .lines()
        .skip_while(|l| *l != "## 5. Judgements to record")
        .take_while(|l| *l != "## 6. Open questions")
        .collect();
    assert!(
        section.contains(&"### 5.1 Is the processing fair?"),
        "{section:#?}"
    );
    for row in [
        "| Who decided (name, role) | |",
        "| When | |",
        "| Burdens weighed | |",
        "| Group effects weighed | |",
        "| Outcome | |",
    ] {
        assert!(section.contains(&row), "{row} missing: {section:#?}");
    }
    // Once recorded, nothing waits.
    let settled = common::verdict(&format!(
        "{FACTS}  review: meaningful\n  balancing:\n    outcome: fair\n"
    ));
    let md = toets_report::markdown(&settled, Lang::En);
    assert!(
        md.contains("## 5. Judgements to record\n\nNo judgement is waiting.\n"),
        "{md}"
    );
}

#[test]
fn the_answers_table_lists_each_given_fact_once_with_its_source() {
    let md = toets_report::markdown(&common::verdict(FACTS), Lang::En);
    assert!(
        md.contains("| `dpia.done` | no | `facts.dpia.done`, line 8, column 14 |"),
        "{md}"
    );
    assert_eq!(md.matches("| `personal` |").count(), 1, "{md}");
    // Unknown facts are questions, not answers.
    assert!(!md.contains("| `review` |"), "{md}");
}
