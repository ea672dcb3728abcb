//! `toets interview` end to end on the built-in rules, with scripted input:
//! the file it writes is a description `toets check` reads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use assert_cmd::Command;

#[test]
fn answers_piped_in_become_a_description_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brief.yaml");
    std::fs::write(
        &path,
        "# Our brief.\nfacts:\n  public_body: true # a municipality\n",
    )
    .unwrap();
    let out = Command::cargo_bin("toets")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["interview", "--date", "2026-11-23", "--lang", "nl"])
        .arg(&path)
        .write_stdin("Risicomodel\nGemeente X\n-\n1\nja\nstop\n")
        .output()
        .unwrap();
    let transcript = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(3), "{transcript}");
    assert!(transcript.contains("Hoe heet het systeem?"), "{transcript}");
    assert!(transcript.contains("Gestopt"), "{transcript}");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.starts_with("# Our brief.\nsystem:\n  name: \"Risicomodel\"\n"),
        "{written}"
    );
    assert!(
        written.contains("  public_body: true # a municipality\n"),
        "{written}"
    );
    assert!(
        written.contains("# answered in `toets interview`"),
        "{written}"
    );
    let check = Command::cargo_bin("toets")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(["check", "--date", "2026-11-23", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let verdict: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(verdict["system"]["name"], "Risicomodel");
    assert_eq!(verdict["system"]["organisation"], "Gemeente X");
}
