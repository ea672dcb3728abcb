//! Classes 6 and 7: text from a description cannot forge or inject output
//! (line breaks, terminal escape sequences, Markdown and HTML), and a failed
//! write to standard output is an error, not a silent success.

use std::process::{Command, Stdio};

use crate::{tempdir, toets};

/// A description whose texts try to forge a verdict line, set the window
/// title, clear the screen, add a heading and run a script.
const FORGED: &str = concat!(
    "system:\n",
    "  name: \"Evil\\nOverall: no violations\\e]0;pwned\\a\"\n",
    "  organisation: \"<script>alert(1)</script>\"\n",
    "  purpose: \"x\\n# Fake heading\\n![i](x.png) [click](javascript:x)\"\n",
    "facts:\n",
    "  public_body: true\n",
    "  balancing.decided_by: \"B&W\\n# Fake\\e[2J<img src=x onerror=alert(1)>\"\n",
);

#[test]
fn description_texts_are_shown_not_obeyed_in_text_output() {
    let dir = tempdir("forged-text");
    std::fs::write(dir.join("d.yaml"), FORGED).unwrap();
    let run = toets(
        &dir,
        &["check", "d.yaml", "--date", "2026-11-23"],
        "forged text",
    );
    assert_eq!(run.code, Some(3), "{}", crate::head(&run.stderr));
    let overall: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.starts_with("Overall:"))
        .collect();
    assert_eq!(overall, ["Overall: undetermined: open questions remain"]);
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\u{7}'));
    let title = run.stdout.lines().next().unwrap();
    assert!(
        title.starts_with("Evil\\nOverall: no violations\\u{1b}]0;pwned\\u{7} (<script>"),
        "{title}"
    );
    // The trace shows the text fact with its escapes too.
    let trace = toets(
        &dir,
        &["check", "d.yaml", "--date", "2026-11-23", "--trace"],
        "forged text, trace",
    );
    assert!(!trace.stdout.contains('\u{1b}'));
    assert!(
        trace.stdout.contains("B&W\\n# Fake\\u{1b}[2J<img"),
        "{}",
        crate::head(&trace.stdout)
    );
}

#[test]
fn description_texts_cannot_add_markup_to_a_report() {
    let dir = tempdir("forged-markdown");
    std::fs::write(dir.join("d.yaml"), FORGED).unwrap();
    let run = toets(
        &dir,
        &[
            "check",
            "d.yaml",
            "--date",
            "2026-11-23",
            "--format",
            "markdown",
        ],
        "forged markdown",
    );
    assert_eq!(run.code, Some(3), "{}", crate::head(&run.stderr));
    let md = &run.stdout;
    assert!(!md.contains('\u{1b}'));
    // No raw HTML, image or link: each opening character is escaped, or the
    // text stands in a code span.
    // Inside a code span (an odd number of backticks before it on its line)
    // the text is shown as it is.
    let raw_markup = |raw: &str| {
        md.lines().any(|line| {
            line.match_indices(raw).any(|(i, _)| {
                let before = &line[..i];
                !before.ends_with('\\') && before.matches('`').count() % 2 == 0
            })
        })
    };
    for raw in ["<script", "</script", "<img", "![i]", "[click]"] {
        assert!(!raw_markup(raw), "unescaped {raw} in the report");
    }
    assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
    // The one level-1 heading is the report's own title.
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(headings.len(), 1, "{headings:?}");
    assert!(headings[0].starts_with("# Assessment report: Evil Overall: no violations"));
}

#[test]
fn a_failed_write_to_standard_output_is_an_error() {
    let dir = tempdir("dev-full");
    std::fs::write(dir.join("d.yaml"), "facts: {}\n").unwrap();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_toets"))
        .args(["check", "d.yaml", "--date", "2026-11-23"])
        .current_dir(&dir)
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: could not write the output: "),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: the output is incomplete"),
        "{stderr}"
    );
}
