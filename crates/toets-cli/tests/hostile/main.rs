//! Hostile inputs (issue 15): each test builds its input, runs the `toets`
//! binary under a memory bound, and asserts the exit code, the message
//! (insta) and the time taken, which it prints.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

mod big_files;
mod long_lines;
mod output;
mod reads;
mod silent;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Address space a run of `toets` may use (`ulimit -v`, KiB): 1 GiB, which
/// covers the debug binary, its mapped libraries and the thread stacks.
const MEMORY_KIB: u64 = 1024 * 1024;
/// Processor time (user + system) a run may take. Generous: the tests run
/// the debug build; the release build is about ten times faster. Processor
/// time, not wall time, so that a loaded machine does not fail the test;
/// `ulimit -t` stops a runaway run at six times the bound.
const TIME: Duration = Duration::from_secs(10);

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A fresh empty directory for one test.
pub fn tempdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("toets-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The outcome of one bounded run.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

/// Runs `toets args` in `dir` with `stdin`, under [`MEMORY_KIB`], and checks
/// that it ended by itself (no signal, no panic) within [`TIME`].
pub fn toets_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>, what: &str) -> Run {
    toets_with(dir, args, stdin.map(Stdin::Bytes), what)
}

/// What a run reads on standard input.
pub enum Stdin<'a> {
    /// These bytes, through a pipe.
    Bytes(&'a [u8]),
    /// This file (or device).
    File(&'a Path),
}

/// [`toets_in`] with any [`Stdin`].
pub fn toets_with(dir: &Path, args: &[&str], stdin: Option<Stdin<'_>>, what: &str) -> Run {
    let times = std::env::temp_dir().join(format!(
        "toets-hostile-times-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let script = format!(
        "ulimit -v {MEMORY_KIB} && ulimit -t {} && \"$0\" \"$@\"; code=$?; times > '{}'; exit $code",
        TIME.as_secs() * 6,
        times.display()
    );
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_toets"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("RUST_BACKTRACE", "0")
        .stdin(match &stdin {
            None => Stdio::null(),
            Some(Stdin::Bytes(_)) => Stdio::piped(),
            Some(Stdin::File(path)) => std::fs::File::open(path).unwrap().into(),
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    if let Some(Stdin::Bytes(bytes)) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        // The reader may stop early (a size limit): a broken pipe is fine.
        let _ = pipe.write_all(bytes);
    }
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    let wall = start.elapsed();
    let took = cpu_time(&std::fs::read_to_string(&times).unwrap_or_default());
    let _ = std::fs::remove_file(&times);
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    println!(
        "{what}: {took:.2?} processor time ({wall:.2?} wall), exit {:?}",
        status.code()
    );
    // The shell reports a child killed by signal N as exit code 128 + N.
    assert!(
        status.code().is_some_and(|c| c < 128),
        "{what}: killed by a signal: {status:?}\n{}",
        head(&stderr)
    );
    assert_ne!(
        status.code(),
        Some(101),
        "{what}: panicked\n{}",
        head(&stderr)
    );
    assert!(!stderr.contains("panicked"), "{what}: {}", head(&stderr));
    assert!(took < TIME, "{what}: took {took:?}, more than {TIME:?}");
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
        took,
    }
}

/// The children's user + system time from the second line of the shell's
/// `times` (`0m1.47s 0m0.11s`).
fn cpu_time(times: &str) -> Duration {
    let seconds = |t: &str| -> f64 {
        let (m, s) = t
            .trim_end_matches('s')
            .split_once('m')
            .unwrap_or(("0", "0"));
        m.parse::<f64>().unwrap_or(0.0) * 60.0 + s.parse::<f64>().unwrap_or(0.0)
    };
    let line = times.lines().nth(1).unwrap_or_default();
    Duration::from_secs_f64(line.split_whitespace().map(seconds).sum())
}

/// [`toets_in`] in `dir` without stdin.
pub fn toets(dir: &Path, args: &[&str], what: &str) -> Run {
    toets_in(dir, args, None, what)
}

/// The start of a long text, for assertion messages.
pub fn head(text: &str) -> &str {
    let mut end = text.len().min(2000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A small valid rule file to build on.
pub const RULES: &str = r#"law avg "A" / "A" {}
fact x: bool ask nl "X?" en "X?"
norm avg.n "N" / "N" cites avg art 1 requires x
"#;
