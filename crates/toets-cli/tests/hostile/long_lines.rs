//! Class 1: diagnostics far along a line (past column 65,535, where miette's
//! renderer panics) are drawn from a bounded excerpt of the line.

use crate::{RULES, tempdir, toets};

/// Checks a refused input: exit 2, the message pinned, stderr small.
fn refused(run: &crate::Run, snapshot: &str) {
    assert_eq!(run.code, Some(2), "{}", crate::head(&run.stderr));
    assert!(
        run.stderr.len() < 4096,
        "{snapshot}: {} bytes on stderr",
        run.stderr.len()
    );
    insta::assert_snapshot!(snapshot, run.stderr);
}

#[test]
fn a_typo_at_the_end_of_minified_json() {
    let dir = tempdir("minified");
    let name = "a".repeat(70_000);
    let json = format!(r#"{{"system":{{"name":"{name}"}},"facts":{{"publc_body":true}}}}"#);
    std::fs::write(dir.join("d.json"), json).unwrap();
    let run = toets(
        &dir,
        &["check", "d.json"],
        "minified JSON, typo at column 70,032",
    );
    refused(&run, "minified-json-typo");
}

#[test]
fn a_key_of_65536_characters() {
    let dir = tempdir("long-key");
    let key = "k".repeat(65_536);
    std::fs::write(dir.join("d.yaml"), format!("facts:\n  {key}: true\n")).unwrap();
    let run = toets(&dir, &["check", "d.yaml"], "65,536-character key");
    refused(&run, "long-key");
}

#[test]
fn an_undeclared_name_at_the_end_of_a_long_condition() {
    let dir = tempdir("long-condition");
    let condition = vec!["x"; 20_000].join(" and ");
    let rules =
        format!("{RULES}norm avg.m \"M\" / \"M\" cites avg art 1 requires {condition} and y\n");
    std::fs::write(dir.join("r.toets"), rules).unwrap();
    let run = toets(
        &dir,
        &["test", "r.toets"],
        "undeclared name at column 120,047",
    );
    refused(&run, "long-condition-undeclared");
}

#[test]
fn a_syntax_error_after_a_long_label_in_check_test_and_fmt() {
    let dir = tempdir("long-label");
    let label = "L".repeat(70_000);
    std::fs::write(
        dir.join("r.toets"),
        format!("law avg \"{label}\" / \"A\" {{ }} @\n"),
    )
    .unwrap();
    std::fs::write(dir.join("d.yaml"), "facts: {}\n").unwrap();
    let check = toets(&dir, &["check", "--rules", "r.toets", "d.yaml"], "check");
    refused(&check, "long-label-syntax-error");
    let test = toets(&dir, &["test", "r.toets"], "test");
    let fmt = toets(&dir, &["fmt", "r.toets"], "fmt");
    for run in [&test, &fmt] {
        assert_eq!(run.code, Some(2));
        assert!(run.stderr.starts_with(check.stderr.lines().next().unwrap()));
        assert!(run.stderr.contains("r.toets:1:70022"), "{}", run.stderr);
    }
}

#[test]
fn the_size_limit_error_does_not_copy_the_line() {
    let dir = tempdir("size-limit");
    // One line of 8.5 MB: over the 8 MiB limit of a description.
    let json = format!(r#"{{"facts":{{"x":"{}"}}}}"#, "v".repeat(8_500_000));
    std::fs::write(dir.join("d.json"), json).unwrap();
    let run = toets(&dir, &["check", "d.json"], "8.5 MB one-line description");
    refused(&run, "size-limit-one-line");
    // And the same for a rule file over 4 MiB.
    let rules = format!("law avg \"{}\" / \"A\" {{}}\n", "L".repeat(4_300_000));
    std::fs::write(dir.join("r.toets"), rules).unwrap();
    let run = toets(&dir, &["test", "r.toets"], "4.3 MB one-line rule file");
    refused(&run, "size-limit-one-line-rules");
}
