#!/usr/bin/env bash
# Builds toets for the browser: the engine as WebAssembly (release, size-
# optimised), its JavaScript bindings for the page (`--target web`) and for
# Node (`--target nodejs`, used by the API tests), shrinks it with wasm-opt
# when that is installed, and assembles the static page in target/wasm-site/.
#
# Needs: the wasm32-unknown-unknown target, wasm-bindgen-cli at the version
# of wasm-bindgen in Cargo.lock, and `npm ci` in wasm/ (for the graph
# library). wasm/test.sh installs all of these.
set -euo pipefail
cd "$(dirname "$0")/.."

site=target/wasm-site
node_pkg=target/wasm-node
raw=target/wasm32-unknown-unknown/release/toets_wasm.wasm

# A small, fast module: optimise for size, whole-program LTO. Set here (not
# in the workspace's release profile) so host builds are unaffected.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=s
export CARGO_PROFILE_RELEASE_LTO=fat
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_STRIP=debuginfo

start=$(date +%s)
cargo build --locked --release --target wasm32-unknown-unknown -p toets-wasm
echo "cargo build (wasm32, release): $(( $(date +%s) - start )) s"

rm -rf "$site" "$node_pkg"
mkdir -p "$site/pkg" "$site/vendor" "$node_pkg" target/wasm-opt

# wasm-opt runs before wasm-bindgen: Debian's binaryen (108) breaks the
# externref table of wasm-bindgen's output when run after it.
module="$raw"
if command -v wasm-opt >/dev/null 2>&1; then
  start=$(date +%s)
  wasm-opt -Os --strip-debug --strip-producers \
    --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int --enable-reference-types --enable-multivalue \
    -o target/wasm-opt/toets_wasm.wasm "$raw"
  module=target/wasm-opt/toets_wasm.wasm
  echo "wasm-opt: $(( $(date +%s) - start )) s"
else
  echo "wasm-opt not found (Debian package binaryen): the module is not shrunk further"
fi
wasm-bindgen --target web --no-typescript --out-dir "$site/pkg" "$module"
wasm-bindgen --target nodejs --out-dir "$node_pkg" "$module"

# The page: our static files, the generated types, and the graph library
# copied from node_modules so that the page needs no network.
cp wasm/site/* "$site/"
node wasm/tools/examples.mjs examples "$site/examples.js"
cp "$node_pkg/toets_wasm.d.ts" "$site/pkg/toets_wasm.d.ts"
graphviz=wasm/node_modules/@hpcc-js/wasm-graphviz/dist/index.js
if [ -f "$graphviz" ]; then
  cp "$graphviz" "$site/vendor/graphviz.js"
  cp wasm/node_modules/@hpcc-js/wasm-graphviz/LICENSE* "$site/vendor/" 2>/dev/null || true
else
  echo "warning: $graphviz missing (run npm ci in wasm/): the page shows no graph picture" >&2
fi

# The Markdown renderer for the printed report, likewise copied.
marked=wasm/node_modules/marked/lib/marked.esm.js
if [ -f "$marked" ]; then
  cp "$marked" "$site/vendor/marked.js"
  cp wasm/node_modules/marked/LICENSE* "$site/vendor/LICENSE.marked" 2>/dev/null || true
else
  echo "error: $marked missing (run npm ci in wasm/): the page needs it" >&2
  exit 1
fi

wasm="$site/pkg/toets_wasm_bg.wasm"
printf 'toets_wasm_bg.wasm: %s bytes raw, %s bytes gzipped (gzip -9)\n' \
  "$(wc -c <"$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
echo "page assembled in $site"
