//! `toets test --mutate` and `--coverage` on a tiny fixture rule set
//! (`tests/mutate/`), their reports pinned with insta snapshots.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use common::{text, toets};

const FIXTURE: &str = "crates/toets-cli/tests/mutate";

/// The report without its last line, the time it took.
fn without_time(report: &str) -> String {
    report
        .lines()
        .filter(|l| !l.starts_with("time "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn text_report() {
    let out = toets(&[
        "test",
        FIXTURE,
        "--date",
        "2026-11-23",
        "--mutate",
        "--jobs",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.contains("\ntime "), "{report}");
    assert!(report.contains("mutants/s · 2 threads"), "{report}");
    insta::assert_snapshot!(without_time(&report));
}

#[test]
fn json_report() {
    let out = toets(&[
        "test",
        FIXTURE,
        "--date",
        "2026-11-23",
        "--mutate",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let object = value.as_object_mut().unwrap();
    assert!(object.remove("seconds").unwrap().is_f64());
    assert!(object.remove("jobs").unwrap().is_u64());
    let totals = object.get("totals").unwrap().clone();
    insta::assert_json_snapshot!("json_totals", totals);
    let first = value["mutants"][0].clone();
    insta::assert_json_snapshot!("json_first_mutant", first);
}

#[test]
fn only_one_norm_and_a_score_to_reach() {
    let out = toets(&[
        "test",
        FIXTURE,
        "--date",
        "2026-11-23",
        "--mutate",
        "--only",
        "avg.follow_up",
        "--fail-under",
        "90",
    ]);
    let report = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.starts_with("mutation testing: 5 mutants, 3 tests\n"),
        "{report}"
    );
    assert!(!report.contains("high_risk"), "{report}");
}

#[test]
fn unknown_names_are_refused() {
    let out = toets(&["test", FIXTURE, "--mutate", "--only", "avg.dpa"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("there is no norm, concept or finding `avg.dpa`"),
        "{err}"
    );
    assert!(err.contains("did you mean `avg.dpia`?"), "{err}");

    let out = toets(&["test", FIXTURE, "--mutate", "--files", "rules/avg.toets"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("`rules/avg.toets` is not one of the rule files"),
        "{err}"
    );

    let out = toets(&["test", FIXTURE, "--only", "avg.dpia"]);
    assert_eq!(out.status.code(), Some(2), "--only needs --mutate");
}

#[test]
fn changed_files_limit_the_mutants_not_the_tests() {
    let run = |file: &str| {
        let out = toets(&[
            "test",
            FIXTURE,
            "--date",
            "2026-11-23",
            "--mutate",
            "--files",
            &format!("{FIXTURE}/{file}"),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join("\n")
    };
    // The tests stand in the other file, and they still kill.
    insta::assert_snapshot!("files_rules", run("tiny.toets"));
    insta::assert_snapshot!("files_tests", run("tiny-tests.toets"));
}

#[test]
fn coverage_report() {
    let out = toets(&["test", FIXTURE, "--date", "2026-11-23", "--coverage"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!(text(&out.stdout));

    let out = toets(&[
        "test",
        FIXTURE,
        "--date",
        "2026-11-23",
        "--coverage",
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["tests"], 3);
    assert_eq!(value["points"].as_array().map(Vec::len), Some(14));
}
