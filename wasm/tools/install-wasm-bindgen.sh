#!/usr/bin/env bash
# Installs wasm-bindgen-cli at VERSION from a pinned, working set of
# dependencies: wasm/tools/wasm-bindgen-cli-VERSION.lock is the CLI's own
# Cargo.lock with only what no longer resolves replaced (for 0.2.130: its
# webpki-roots 1.0.11 was yanked; 1.0.10 stands in). `cargo install --locked`
# of the published crate fails on the yanked version, and an install without
# a lock file resolves a new, untested set each time.
#
# To pin a new version: fetch its source as below, copy its Cargo.lock here
# as wasm-bindgen-cli-NEW.lock, and `cargo update -p CRATE --precise V` only
# the entries that no longer resolve.
set -euo pipefail
version=${1:?usage: install-wasm-bindgen.sh VERSION}
here=$(cd "$(dirname "$0")" && pwd)
lock="$here/wasm-bindgen-cli-$version.lock"
if [ ! -f "$lock" ]; then
  echo "error: no pinned dependency set for wasm-bindgen-cli $version ($lock)" >&2
  echo "  help: Cargo.lock asks for wasm-bindgen $version; pin its CLI as the header of this script says" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The crate's source, through the registry: a throwaway package that depends
# on it makes cargo download and unpack it; metadata says where.
mkdir -p "$work/fetch/src"
cat > "$work/fetch/Cargo.toml" <<TOML
[package]
name = "fetch-wasm-bindgen-cli"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
wasm-bindgen-cli = "=$version"
TOML
: > "$work/fetch/src/lib.rs"
manifest=$(cargo metadata --quiet --format-version 1 --manifest-path "$work/fetch/Cargo.toml" \
  | python3 -c 'import json, sys
m = json.load(sys.stdin)
print(next(p["manifest_path"] for p in m["packages"] if p["name"] == "wasm-bindgen-cli"))')
cp -r "$(dirname "$manifest")" "$work/src"
cp "$lock" "$work/src/Cargo.lock"
cargo install --locked --path "$work/src"
