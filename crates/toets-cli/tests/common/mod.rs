//! What the end-to-end tests of the `toets` binary share: the repository
//! root and running `toets` in it. Each test file uses what it needs.
#![allow(dead_code, clippy::unwrap_used, reason = "test helpers")]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository's root, where the examples and rules are.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `toets ARGS` in the repository's root, without colour and without the
/// compiled-rules cache.
pub fn toets(args: &[&str]) -> Output {
    Command::cargo_bin("toets")
        .unwrap()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .env("TOETS_CACHE_DIR", "off")
        .args(args)
        .output()
        .unwrap()
}

/// Output bytes as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
