//! Rule files given with `--rules` are compiled once and then loaded from the
//! cache; a damaged or foreign entry is ignored, and the cache can be off.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use std::path::Path;

use assert_cmd::Command;

const RULES: &str = r#"law avg "AVG" / "GDPR" {
  in_force 2018-05-25
}
fact a: bool ask nl "A?" en "A?"
norm avg.x "X" / "X" cites avg art 5(1) requires a
test "a holds" {
  given {
    a = true
  }
  expect avg.x met
}
"#;

fn run(cache: &Path, rules: &Path) -> (String, i32) {
    let out = Command::cargo_bin("toets")
        .unwrap()
        .env("NO_COLOR", "1")
        .env("TOETS_CACHE_DIR", cache)
        .args(["test", "--date", "2026-11-23"])
        .arg(rules)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).replace(&rules.display().to_string(), "R");
    (text, out.status.code().unwrap_or(-1))
}

fn entries(cache: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(cache)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[test]
fn compiled_rules_are_cached_and_a_bad_entry_is_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("r.toets");
    std::fs::write(&rules, RULES).unwrap();
    let cache = dir.path().join("cache");

    let first = run(&cache, &rules);
    assert_eq!(first.1, 0, "{}", first.0);
    assert!(first.0.contains("1 passed, 0 failed"), "{}", first.0);
    let stored = entries(&cache);
    assert_eq!(stored.len(), 1, "{stored:?}");
    let entry = stored.first().unwrap();
    assert!(entry.to_string_lossy().ends_with(".rules"), "{entry:?}");
    let bytes = std::fs::read(entry).unwrap();
    assert!(bytes.starts_with(b"TOETSRS"));

    assert_eq!(run(&cache, &rules), first, "loaded from the cache");

    std::fs::write(entry, b"TOETSRS garbage").unwrap();
    assert_eq!(
        run(&cache, &rules),
        first,
        "a damaged entry is compiled again"
    );
    assert_eq!(std::fs::read(entry).unwrap(), bytes, "and written again");

    // Changed rules have another key: the old entry is not used for them.
    std::fs::write(&rules, RULES.replace("a = true", "a = false")).unwrap();
    let changed = run(&cache, &rules);
    assert_eq!(changed.1, 1, "{}", changed.0);
    assert_eq!(entries(&cache).len(), 2);
}

#[test]
fn the_cache_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let rules = dir.path().join("r.toets");
    std::fs::write(&rules, RULES).unwrap();
    let out = Command::cargo_bin("toets")
        .unwrap()
        .current_dir(dir.path())
        .env("TOETS_CACHE_DIR", "off")
        .env("HOME", dir.path())
        .env_remove("XDG_CACHE_HOME")
        .args(["test", "--date", "2026-11-23"])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(!dir.path().join(".cache").exists());
}
