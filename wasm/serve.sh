#!/usr/bin/env bash
# Builds the page and serves it on http://127.0.0.1:8080/ (or the port given).
# Needs what wasm/test.sh installs (wasm32 target, wasm-bindgen-cli, npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d wasm/node_modules ]; then (cd wasm && npm ci --no-audit --no-fund); fi
bash wasm/build.sh
exec node wasm/tools/serve.mjs target/wasm-site "${1:-8080}"
