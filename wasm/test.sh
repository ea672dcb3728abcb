#!/usr/bin/env bash
# Builds toets for the browser and runs its tests: the WebAssembly API under
# Node, the TypeScript types, and the page end to end in headless Chromium.
# Installs what it needs itself (the wasm32 target, wasm-bindgen-cli at the
# version in Cargo.lock from a pinned dependency set, Chromium and binaryen
# from Debian, the npm packages), so it passes on a fresh Debian machine with
# Rust and Node. It never downloads a browser: playwright-core drives
# Debian's /usr/bin/chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
sudo=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then sudo=sudo; fi

step "wasm32-unknown-unknown target"
rustup target add wasm32-unknown-unknown

step "wasm-bindgen-cli (the version of wasm-bindgen in Cargo.lock)"
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" = "$want" ]; then
  echo "wasm-bindgen $have is installed"
else
  start=$(date +%s)
  # From a pinned, working dependency set (see the script's header).
  bash wasm/tools/install-wasm-bindgen.sh "$want"
  echo "installed wasm-bindgen-cli $want in $(( $(date +%s) - start )) s"
fi

step "Chromium and binaryen (Debian)"
if ! command -v chromium >/dev/null 2>&1 || ! command -v wasm-opt >/dev/null 2>&1; then
  $sudo apt-get update
  $sudo apt-get install -y --no-install-recommends chromium binaryen
fi
chromium --version 2>/dev/null || true

step "npm ci (wasm/)"
(cd wasm && npm ci --no-audit --no-fund)

step "clippy on wasm32-unknown-unknown (warnings are errors)"
cargo clippy --locked -p toets-wasm --target wasm32-unknown-unknown -- -D warnings

step "build (wasm/build.sh)"
bash wasm/build.sh

step "TypeScript types"
(cd wasm && npx tsc -p tests/tsconfig.json)

step "API tests under Node"
node --test wasm/tests/api.test.mjs

step "browser tests (headless Chromium)"
node --test wasm/tests/e2e.test.mjs
echo "screenshots, the printed report and budgets.json: target/wasm-e2e/"
