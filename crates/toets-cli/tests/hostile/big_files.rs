//! Class 2: `fmt` on long files that `check` and `test` handle (it
//! overflowed its stack at about 75,000 comment lines).

use crate::{RULES, tempdir, toets, toets_in};

#[test]
fn fmt_of_75000_comment_lines() {
    let dir = tempdir("comments");
    let text = format!("{RULES}{}", "// c\n".repeat(75_000));
    let run = toets_in(
        &dir,
        &["fmt", "-"],
        Some(text.as_bytes()),
        "fmt of 75,000 comment lines",
    );
    assert_eq!(run.code, Some(0), "{}", crate::head(&run.stderr));
    assert_eq!(run.stdout.lines().filter(|l| *l == "// c").count(), 75_000);
}

#[test]
fn fmt_of_a_condition_of_20000_operands() {
    let dir = tempdir("condition");
    let condition = vec!["x"; 20_000].join(" and ");
    let text = format!("{RULES}concept c = {condition}\n");
    std::fs::write(dir.join("r.toets"), &text).unwrap();
    let run = toets(
        &dir,
        &["fmt", "r.toets"],
        "fmt of a 20,000-operand condition",
    );
    assert_eq!(run.code, Some(0), "{}", crate::head(&run.stderr));
    assert_eq!(run.stdout, "formatted r.toets\n");
    let out = std::fs::read_to_string(dir.join("r.toets")).unwrap();
    assert_eq!(out.matches("and x").count(), 19_999);
}
