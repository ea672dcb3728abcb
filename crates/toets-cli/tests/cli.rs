//! End-to-end tests of the `toets` binary: verdicts of the examples, exit
//! codes, and the diagnostics of every input in `tests/bad-input/`, each
//! pinned with an insta snapshot.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::PathBuf;
use std::process::Output;

mod common;

use assert_cmd::Command;
use common::{root, text, toets};

const DATE: &str = "2026-11-23";

fn examples() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".json"))
        .collect();
    out.sort();
    out
}

/// The text verdicts and reports of the examples are pinned in
/// `tests/verdicts.rs`.
#[test]
fn example_verdicts_as_json() {
    let examples = examples();
    assert!(
        examples.len() >= 3,
        "expected at least three examples, found {examples:?}"
    );
    for name in examples {
        let path = format!("examples/{name}");
        let out = toets(&["check", &path, "--date", DATE, "--format", "json"]);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // The exit code follows the overall result.
        let expected_code = match json["overall"].as_str().unwrap() {
            "no_violations" => 0,
            "violations" => 1,
            _ => 3,
        };
        assert_eq!(out.status.code(), Some(expected_code), "{name}");
        insta::assert_json_snapshot!(format!("verdict-json-{name}"), json);
    }
}

#[test]
fn json_verdicts_are_byte_identical_across_runs() {
    let a = toets(&[
        "check",
        "examples/welfare-fraud-risk-model.yaml",
        "--date",
        DATE,
        "--format",
        "json",
    ]);
    let b = toets(&[
        "check",
        "examples/welfare-fraud-risk-model.yaml",
        "--date",
        DATE,
        "--format",
        "json",
    ]);
    assert_eq!(a.stdout, b.stdout);

    // The order of rule files on the command line changes nothing either.
    let mut files: Vec<String> = std::fs::read_dir(root().join("rules"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| format!("rules/{}", e.file_name().to_string_lossy()))
        .collect();
    files.sort();
    let run = |files: &[String]| {
        let mut args = vec![
            "check",
            "examples/welfare-fraud-risk-model.yaml",
            "--date",
            DATE,
            "--format",
            "json",
        ];
        for f in files {
            args.extend(["--rules", f.as_str()]);
        }
        toets(&args).stdout
    };
    let forward = run(&files);
    files.reverse();
    assert_eq!(forward, run(&files));
    assert_eq!(
        forward, a.stdout,
        "the built-in rules are the files in rules/"
    );
}

#[test]
fn law_filter_reports_only_that_law_and_rejects_unknown_laws() {
    let out = toets(&[
        "check",
        "examples/welfare-fraud-risk-model.yaml",
        "--date",
        DATE,
        "--format",
        "json",
        "--law",
        "avg",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let laws: Vec<&str> = json["norms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["law"].as_str().unwrap())
        .collect();
    assert!(!laws.is_empty());
    assert!(laws.iter().all(|l| *l == "avg"), "{laws:?}");

    let out = toets(&[
        "check",
        "examples/welfare-fraud-risk-model.yaml",
        "--law",
        "gdpr",
    ]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!(text(&out.stderr));
}

#[test]
fn rule_tests_of_the_built_in_rules_pass() {
    let out = toets(&["test", "rules/", "--date", DATE]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(" 0 failed"), "{stdout}");
}

#[test]
fn a_failing_rule_test_fails_with_exit_code_1() {
    let dir = tempdir();
    let file = dir.join("t.toets");
    std::fs::write(
        &file,
        r#"law avg "A" / "A" {}
fact x: bool ask nl "X?" en "X?"
norm avg.n "N" / "N" cites avg art 1 requires x
test "wrong on purpose" { given { x = true } expect avg.n violated }
"#,
    )
    .unwrap();
    let out = toets(&["test", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("expected violated, got met"), "{stdout}");
}

#[test]
fn schema_graph_and_explain() {
    let out = toets(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["properties"]["facts"]["additionalProperties"], false);
    insta::assert_json_snapshot!("schema", schema);

    let out = toets(&["graph", "--format", "mermaid"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).starts_with("flowchart LR"));
    let out = toets(&[
        "graph",
        "--format",
        "dot",
        "--description",
        "examples/welfare-fraud-risk-model.yaml",
        "--date",
        DATE,
    ]);
    insta::assert_snapshot!("graph-dot-welfare", text(&out.stdout));

    let out = toets(&["explain", "avg.art35.dpia_required"]);
    insta::assert_snapshot!(
        "explain-dpia",
        format!(
            "exit {:?}\n{}{}",
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr)
        )
    );
    let out = toets(&["explain", "avg.art35.dpia_requird"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("did you mean `avg.art35.dpia_required`?"));
}

fn tempdir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "toets-cli-test-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bad_inputs(kind: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("tests/bad-input").join(kind))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

fn assert_clean_failure(name: &str, out: &Output) -> String {
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{name} should be rejected as bad input:\n{stderr}{}",
        text(&out.stdout)
    );
    assert!(!stderr.contains("panicked"), "{name} panicked:\n{stderr}");
    assert!(out.stdout.is_empty(), "{name} printed a verdict");
    stderr
}

#[test]
fn bad_rule_files_get_diagnostics_not_panics() {
    let names = bad_inputs("rules");
    assert!(names.len() >= 30);
    for name in names {
        let path = format!("tests/bad-input/rules/{name}");
        let out = toets(&["test", &path]);
        let stderr = assert_clean_failure(&name, &out);
        insta::assert_snapshot!(format!("bad-rules-{name}"), stderr);
    }
}

#[test]
fn bad_descriptions_get_diagnostics_not_panics() {
    let names = bad_inputs("descriptions");
    assert!(names.len() >= 15);
    for name in names {
        let path = format!("tests/bad-input/descriptions/{name}");
        let out = toets(&["check", &path, "--date", DATE]);
        let stderr = assert_clean_failure(&name, &out);
        insta::assert_snapshot!(format!("bad-description-{name}"), stderr);
    }
}

#[test]
fn huge_and_very_deep_inputs_are_refused_with_a_clear_error() {
    let dir = tempdir();
    let ten_mb = "x".repeat(10 * 1024 * 1024);
    let norm = |condition: String| {
        format!(
            "law avg \"A\" / \"A\" {{}}\nfact x: bool ask nl \"?\" en \"?\"\nnorm avg.n \"N\" / \"N\" cites avg art 1 requires {condition}\n"
        )
    };
    // (file, contents, command, what the message must say)
    let cases = [
        (
            "huge.yaml",
            format!("facts:\n  large_scale: true\n#{ten_mb}\n"),
            "check",
            "more than the limit",
        ),
        (
            "huge.toets",
            format!("// {ten_mb}\n"),
            "test",
            "more than the limit",
        ),
        (
            "deep.toets",
            norm(format!("{}x{}", "(".repeat(10_000), ")".repeat(10_000))),
            "test",
            "nesting is deeper than the limit",
        ),
        (
            "deep-not.toets",
            norm(format!("{}x", "not ".repeat(10_000))),
            "test",
            "nesting is deeper than the limit",
        ),
        (
            "deep.yaml",
            format!("facts: {}{}\n", "[".repeat(10_000), "]".repeat(10_000)),
            "check",
            "deeper than 64 levels",
        ),
    ];
    for (name, contents, command, message) in cases {
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        let out = toets(&[command, path.to_str().unwrap()]);
        let stderr = assert_clean_failure(name, &out);
        assert!(stderr.contains(message), "{name}: {stderr}");
    }
}

#[test]
fn missing_files_and_bad_dates_are_usage_errors() {
    let out = toets(&["check", "examples/does-not-exist.yaml"]);
    assert_clean_failure("missing", &out);
    let out = toets(&[
        "check",
        "examples/welfare-fraud-risk-model.yaml",
        "--date",
        "2026-13-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a date"));
}

#[test]
fn fmt_formats_in_place_and_check_reports_a_diff() {
    let dir = tempdir().join("fmt");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("x.toets");
    let messy = "law avg \"A\" / \"A\" { cite \"x\"   // kept\n}\nnorm avg.n \"N\" / \"N\" cites avg art 1 requires (a) and b\n";
    std::fs::write(&file, messy).unwrap();
    let path = file.to_str().unwrap();

    let out = toets(&["fmt", "--check", path]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("+  requires (a) and b"), "{stdout}");
    assert!(stdout.contains("1 of 1 files not formatted"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        messy,
        "--check wrote"
    );

    let out = toets(&["fmt", path]);
    assert_eq!(out.status.code(), Some(0));
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        formatted,
        "law avg \"A\" / \"A\" {\n  cite \"x\" // kept\n}\nnorm avg.n \"N\" / \"N\"\n  cites avg art 1\n  requires (a) and b\n"
    );
    let out = toets(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("1 files formatted correctly"));

    let out = Command::cargo_bin("toets")
        .unwrap()
        .args(["fmt", "-"])
        .write_stdin(messy)
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout), formatted);
}

#[test]
fn fmt_refuses_what_it_cannot_keep_and_never_panics() {
    for name in bad_inputs("rules") {
        let path = format!("tests/bad-input/rules/{name}");
        let out = toets(&["fmt", "--check", &path]);
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{name} panicked:\n{stderr}");
        assert!(matches!(out.status.code(), Some(0..=2)), "{name}: {stderr}");
    }
    let out = toets(&[
        "fmt",
        "--check",
        "tests/bad-input/rules/question-twice.toets",
    ]);
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("fmt-refuses-repeated", text(&out.stderr));
}

#[test]
fn algoritmeregister_entries_give_a_verdict_with_open_questions() {
    for name in ["contec.json", "gemeente-amsterdam.json", "xxllnc.json"] {
        let path = format!("examples/register/{name}");
        let out = toets(&["check", "--from-register", &path, "--date", DATE]);
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(3), "{name}: {}", text(&out.stderr));
        assert!(
            stdout.starts_with("From the Algoritmeregister entry"),
            "{stdout}"
        );
        insta::assert_snapshot!(format!("register-{name}"), stdout);
    }
    // JSON output stays pure JSON; the notes go to stderr.
    let out = toets(&[
        "check",
        "--from-register",
        "examples/register/xxllnc.json",
        "--format",
        "json",
        "--date",
        DATE,
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["overall"], "undetermined");
    assert!(text(&out.stderr).contains("From the Algoritmeregister entry"));
}

#[test]
fn register_files_with_several_entries_or_bad_json_are_clear_errors() {
    let dir = tempdir().join("register");
    std::fs::create_dir_all(&dir).unwrap();
    let two = dir.join("two.json");
    std::fs::write(
        &two,
        r#"[{"name": "Eerste", "type": "Zelflerend"}, {"name": "Tweede"}]"#,
    )
    .unwrap();
    let out = toets(&["check", "--from-register", two.to_str().unwrap()]);
    let stderr = assert_clean_failure("two.json", &out);
    assert!(stderr.contains("holds 2 entries"), "{stderr}");
    assert!(stderr.contains("--entry 2  Tweede"), "{stderr}");

    let out = toets(&[
        "check",
        "--from-register",
        two.to_str().unwrap(),
        "--entry",
        "1",
        "--date",
        DATE,
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        text(&out.stdout).contains("logic = \"learned_from_data\"  from $[0].type"),
        "{}",
        text(&out.stdout)
    );

    let out = toets(&[
        "check",
        "--from-register",
        two.to_str().unwrap(),
        "--entry",
        "3",
    ]);
    assert!(assert_clean_failure("entry 3", &out).contains("has no entry 3"));

    let broken = dir.join("broken.json");
    std::fs::write(&broken, "[{\"name\": \"x\",}]").unwrap();
    let out = toets(&["check", "--from-register", broken.to_str().unwrap()]);
    let stderr = assert_clean_failure("broken.json", &out);
    assert!(stderr.contains("not valid JSON"), "{stderr}");
    assert!(stderr.contains("line 1"), "{stderr}");
}

#[test]
fn docs_rules_md_is_the_generated_catalogue() {
    let out = toets(&["norms"]);
    assert_eq!(out.status.code(), Some(0));
    let generated = text(&out.stdout);
    let on_disk = std::fs::read_to_string(root().join("docs/rules.md")).unwrap_or_default();
    assert!(
        generated == on_disk,
        "docs/rules.md is out of date: run `cargo run -p toets-cli -- norms > docs/rules.md`"
    );
    assert!(generated.contains("| `avg.art35.dpia_required` |"));
}

#[test]
fn lsp_answers_initialize_and_stops_on_shutdown_and_exit() {
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    let input = [
        frame(r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#),
        frame(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        frame(r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#),
        frame(r#"{"jsonrpc":"2.0","method":"exit"}"#),
    ]
    .concat();
    let out = Command::cargo_bin("toets")
        .unwrap()
        .arg("lsp")
        .write_stdin(input)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(stdout.contains(r#""hoverProvider":true"#), "{stdout}");
    assert!(stdout.contains(r#""id":2,"result":null"#), "{stdout}");
}
