//! End-to-end tests of `toets check --batch`: NDJSON from a file and from
//! standard input, a folder, a register export, bad inputs among good ones,
//! empty inputs and the exit codes. Outputs are pinned with insta; a JSON
//! verdict in a batch is checked to be the one `toets check --format json`
//! gives for the same description.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

const DATE: &str = "2026-11-23";
/// Route planner (clean), automated benefits decision (violations), citizen
/// chatbot (open questions): the examples as JSON, one per line.
const THREE: &str = "crates/toets-cli/tests/batch/three.ndjson";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn toets_in(dir: &Path, args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    let mut cmd = Command::cargo_bin("toets").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1").args(args);
    if let Some(input) = stdin {
        cmd.write_stdin(input);
    }
    cmd.output().unwrap()
}

fn toets(args: &[&str], stdin: Option<Vec<u8>>) -> Output {
    toets_in(&root(), args, stdin)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit code, stdout and stderr, for a snapshot.
fn shown(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    )
}

fn lines(n: usize) -> Vec<String> {
    std::fs::read_to_string(root().join(THREE))
        .unwrap()
        .lines()
        .take(n)
        .map(str::to_owned)
        .collect()
}

/// The JSON lines of a run; each must be one complete object.
fn json_lines(out: &Output) -> Vec<Value> {
    text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect(l))
        .collect()
}

/// A JSON line without the verdict's body: the envelope, the overall result
/// and the system's name; error lines whole.
fn envelope(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(verdict) = v.get_mut("verdict") {
        *verdict = serde_json::json!({
            "overall": verdict["overall"],
            "system.name": verdict["system"]["name"],
        });
    }
    v
}

fn envelopes(out: &Output) -> String {
    json_lines(out)
        .iter()
        .map(|v| envelope(v).to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn ndjson_file_as_text() {
    let out = toets(&["check", "--batch", THREE, "--date", DATE], None);
    insta::assert_snapshot!("batch-ndjson-text", shown(&out));
}

#[test]
fn ndjson_stdin_as_json_matches_single_checks() {
    let input = format!("{}\n", lines(3).join("\n"));
    let out = toets(
        &["check", "--batch", "-", "--date", DATE, "--format", "json"],
        Some(input.into_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let got = json_lines(&out);
    insta::assert_snapshot!("batch-ndjson-json", envelopes(&out));
    // Each verdict is the one `toets check --format json` gives for the same
    // description in a file of its own.
    let dir = tempfile::tempdir().unwrap();
    for (v, line) in got.iter().zip(lines(3)) {
        let path = dir.path().join("one.json");
        std::fs::write(&path, &line).unwrap();
        let single = toets(
            &[
                "check",
                path.to_str().unwrap(),
                "--date",
                DATE,
                "--format",
                "json",
            ],
            None,
        );
        let single: Value = serde_json::from_slice(&single.stdout).unwrap();
        assert_eq!(v["verdict"], single, "{line}");
    }
    // Compact: one line per verdict, no pretty-printing.
    assert_eq!(text(&out.stdout).lines().count(), 3);
}

#[test]
fn folder_of_descriptions_in_name_order() {
    let out = toets(&["check", "--batch", "examples", "--date", DATE], None);
    insta::assert_snapshot!("batch-folder-text", shown(&out));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("b.json"), lines(1)[0].as_bytes()).unwrap();
    std::fs::write(
        dir.path().join("a.yml"),
        "system: { name: A }\nfacts: { nope: 1 }\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("c.txt"), "not read").unwrap();
    std::fs::create_dir(dir.path().join("d.yaml")).unwrap();
    let out = toets_in(
        dir.path(),
        &["check", "--batch", ".", "--date", DATE, "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("batch-folder-json", envelopes(&out));
}

#[test]
fn register_export_entry_by_entry() {
    // The three examples' entries in one list, and a bad entry among them.
    let mut entries: Vec<Value> = Vec::new();
    for name in ["contec", "gemeente-amsterdam", "xxllnc"] {
        let file = root().join(format!("examples/register/{name}.json"));
        let list: Vec<Value> = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        entries.extend(list);
    }
    entries.insert(1, serde_json::json!({"name": "Kapot", "status": 3}));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.json");
    std::fs::write(&path, serde_json::to_string_pretty(&entries).unwrap()).unwrap();
    let path = path.to_str().unwrap();
    let out = toets_in(
        dir.path(),
        &["check", "--batch", "export.json", "--date", DATE],
        None,
    );
    insta::assert_snapshot!("batch-register-text", shown(&out));
    let out = toets(
        &["check", "--batch", path, "--date", DATE, "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("batch-register-json", envelopes(&out));
    // A register file that is not JSON is an error for the whole run.
    let out = toets(
        &["check", "--batch", "-"],
        Some(b"[{\"name\": \"A\"},\n".to_vec()),
    );
    insta::assert_snapshot!("batch-register-broken", shown(&out));
}

/// A bad line in the middle: the others are still checked, in order.
fn mixed_input() -> Vec<u8> {
    let good = lines(3);
    let mut input = Vec::new();
    input.extend_from_slice(good[0].as_bytes());
    input.extend_from_slice(
        b"\n\n{\"system\": {\"name\": \"Typo\"}, \"facts\": {\"dpia\": {\"performd\": true}}}\n",
    );
    input.extend_from_slice(good[1].as_bytes());
    input.extend_from_slice(b"\r\n{\"system\": \"broken\n");
    input.extend_from_slice(b"{\"system\": {\"name\": \"caf\xe9\"}}\n");
    input.extend(std::iter::repeat_n(
        b' ',
        toets_engine::MAX_DESCRIPTION_BYTES + 1,
    ));
    input.extend_from_slice(b"{}\n");
    input.extend_from_slice(good[2].as_bytes());
    input
}

#[test]
fn bad_lines_among_good_ones_as_text() {
    let out = toets(
        &["check", "--batch", "-", "--date", DATE],
        Some(mixed_input()),
    );
    insta::assert_snapshot!("batch-bad-lines-text", shown(&out));
}

#[test]
fn bad_lines_among_good_ones_as_json() {
    let out = toets(
        &["check", "--batch", "-", "--date", DATE, "--format", "json"],
        Some(mixed_input()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    insta::assert_snapshot!("batch-bad-lines-json", envelopes(&out));
}

#[test]
fn empty_inputs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.ndjson"), "").unwrap();
    let cases: [(&[&str], Option<Vec<u8>>); 4] = [
        (&["check", "--batch", "-"], Some(Vec::new())),
        (
            &["check", "--batch", "-", "--format", "json"],
            Some(b"\n  \n\r\n".to_vec()),
        ),
        (&["check", "--batch", "empty.ndjson"], None),
        (&["check", "--batch", "."], None),
    ];
    let mut all = String::new();
    for (args, stdin) in cases {
        let out = toets_in(dir.path(), args, stdin);
        all.push_str(&format!("$ toets {}\n{}\n", args.join(" "), shown(&out)));
    }
    insta::assert_snapshot!("batch-empty", all);
}

#[test]
fn exit_codes_sum_the_run_up() {
    let good = lines(3);
    let (clean, violations, open) = (&good[0], &good[1], &good[2]);
    let bad = "{\"facts\": {\"nope\": 1}}";
    for (input, code) in [
        (vec![clean, clean], 0),
        (vec![clean, open], 3),
        (vec![open, violations, clean], 1),
        (vec![violations, &bad.to_owned(), open], 2),
    ] {
        let input = input
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let out = toets(
            &["check", "--batch", "-", "--date", DATE, "--format", "json"],
            Some(input.into_bytes()),
        );
        assert_eq!(out.status.code(), Some(code), "{}", text(&out.stdout));
    }
}

/// More inputs than one chunk holds: every output line is in its place.
#[test]
fn order_is_kept_across_chunks() {
    let good = lines(3);
    let n = 700;
    let input: String = (0..n)
        .map(|i| {
            if i % 97 == 5 {
                "{\"facts\": {\"nope\": 1}}\n".to_owned()
            } else {
                format!("{}\n", good[i % 3])
            }
        })
        .collect();
    let out = toets(
        &["check", "--batch", "-", "--date", DATE, "--format", "json"],
        Some(input.into_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    let got = json_lines(&out);
    assert_eq!(got.len(), n);
    let names = [
        "Routeplanner afvalinzameling",
        "Automatische beslissing aanvragen meedoenbijdrage",
        "Digitale assistent Gemeente Havenstad",
    ];
    for (i, v) in got.iter().enumerate() {
        assert_eq!(v["index"], i, "{v}");
        assert_eq!(v["line"], i + 1, "{v}");
        if i % 97 == 5 {
            assert_eq!(v["error"]["message"], "unknown key `nope` in `facts`");
        } else {
            assert_eq!(v["verdict"]["system"]["name"], names[i % 3]);
        }
    }
}

#[test]
fn usage_errors() {
    let mut all = String::new();
    for args in [
        &["check", "--batch", THREE, "--format", "markdown"][..],
        &["check", "examples/route-planner.yaml", "--batch", THREE],
        &["check", "--batch", THREE, "--trace"],
        &["check", "--batch", "no-such-file.ndjson"],
    ] {
        let out = toets(args, None);
        all.push_str(&format!("$ toets {}\n{}\n", args.join(" "), shown(&out)));
    }
    insta::assert_snapshot!("batch-usage", all);
}
