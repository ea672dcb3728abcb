//! Class 3: reads are bounded, and what is not a regular file is refused
//! before it is opened (a FIFO blocks, `/dev/zero` never ends), except
//! standard input given as `-`.

use std::path::Path;
use std::process::Command;

use crate::{RULES, Stdin, tempdir, toets, toets_with};

fn refused(run: &crate::Run) -> String {
    assert_eq!(run.code, Some(2), "{}", crate::head(&run.stderr));
    assert!(run.stderr.len() < 1024, "{}", crate::head(&run.stderr));
    run.stderr.clone()
}

#[test]
fn devices_are_refused_and_stdin_is_bounded() {
    let dir = tempdir("devices");
    std::fs::write(dir.join("d.yaml"), "facts: {}\n").unwrap();
    let check = toets(&dir, &["check", "/dev/zero"], "check /dev/zero");
    let rules = toets(
        &dir,
        &["check", "--rules", "/dev/zero", "d.yaml"],
        "--rules /dev/zero",
    );
    let zero = Stdin::File(Path::new("/dev/zero"));
    let fmt = toets_with(&dir, &["fmt", "-"], Some(zero), "fmt - < /dev/zero");
    let zero = Stdin::File(Path::new("/dev/zero"));
    let stdin = toets_with(&dir, &["check", "-"], Some(zero), "check - < /dev/zero");
    insta::assert_snapshot!(
        "devices",
        [&check, &rules, &fmt, &stdin].map(refused).join("\n")
    );
    // `-` is standard input, and it is read.
    let yaml = b"facts:\n  public_body: maybe\n";
    let run = toets_with(&dir, &["check", "-"], Some(Stdin::Bytes(yaml)), "check -");
    assert!(refused(&run).contains("<stdin>:2:16"), "{}", run.stderr);
}

#[test]
fn fifos_are_refused_even_inside_a_rules_folder() {
    let dir = tempdir("fifo");
    std::fs::create_dir(dir.join("rules")).unwrap();
    std::fs::write(dir.join("rules/a.toets"), RULES).unwrap();
    for fifo in ["d.yaml", "rules/b.toets"] {
        let made = Command::new("mkfifo").arg(dir.join(fifo)).status().unwrap();
        assert!(made.success());
    }
    let description = toets(&dir, &["check", "d.yaml"], "a FIFO as description");
    let folder = toets(&dir, &["test", "rules"], "a FIFO in a rules folder");
    let fmt = toets(&dir, &["fmt", "rules"], "fmt of a folder with a FIFO");
    insta::assert_snapshot!(
        "fifos",
        [&description, &folder, &fmt].map(refused).join("\n")
    );
}

#[test]
fn a_symlink_loop_and_a_file_over_the_limit() {
    let dir = tempdir("loop");
    std::os::unix::fs::symlink("b.yaml", dir.join("a.yaml")).unwrap();
    std::os::unix::fs::symlink("a.yaml", dir.join("b.yaml")).unwrap();
    let looped = toets(&dir, &["check", "a.yaml"], "a symlink loop");
    // 9 MiB in one line: refused after reading 8 MiB + 1 byte.
    let big = format!("facts: {{x: \"{}\"}}\n", "v".repeat(9 * 1024 * 1024));
    std::fs::write(dir.join("big.yaml"), big).unwrap();
    let big = toets(&dir, &["check", "big.yaml"], "a 9 MiB description");
    insta::assert_snapshot!("loop-and-limit", [&looped, &big].map(refused).join("\n"));
}
