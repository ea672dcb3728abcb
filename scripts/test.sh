#!/usr/bin/env bash
# Runs every test of toets: formatting, lints, unit and integration tests
# (insta snapshots), the rule files' own test blocks, and a build of the
# benchmarks. Installs what it needs itself, so it passes on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "toolchain components"
rustup component add rustfmt clippy >/dev/null 2>&1 || true

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo test"
# INSTA_UPDATE=no: a changed snapshot fails the run instead of being written.
INSTA_UPDATE=no cargo test --workspace --locked

step "rule files' test blocks"
cargo run -q --locked -p toets-cli -- test rules/ --date 2026-11-23

step "rule files are formatted (toets fmt --check)"
cargo run -q --locked -p toets-cli -- fmt --check rules/

step "VS Code extension: grammar tests on every rule file, client, package"
bash editors/vscode/test.sh

step "toets in the browser: WASM build, Node API tests, browser tests"
bash wasm/test.sh
