#!/usr/bin/env bash
# Tests of the VS Code extension: install the pinned dependencies, compile and bundle the client,
# load the bundle, run the grammar's assertion and snapshot tests, tokenise every rule file of the
# repository, and package the extension. Needs only node and npm (and the npm registry, for
# `npm ci`). Run from anywhere: bash editors/vscode/test.sh
set -euo pipefail
cd "$(dirname "$0")"
start=$SECONDS
step() { printf '\n== %s (%ss)\n' "$1" "$((SECONDS - start))"; }

step "npm ci"
# --ignore-scripts: nothing here needs an install script; the only ones are vsce's optional
# keytar (a native build that would try to download prebuilt binaries) and the postinstall
# checks of esbuild and vsce-sign, whose platform binaries come as ordinary packages.
npm ci --ignore-scripts --no-audit --no-fund

step "tsc"
npx tsc -p .

step "bundle"
npm run -s bundle

step "load the bundled client"
node test/load-client.js

step "grammar assertions (vscode-tmgrammar-test)"
npx vscode-tmgrammar-test -g syntaxes/toets.tmLanguage.json 'test/assertions/*.toets'

step "grammar snapshots (vscode-tmgrammar-snap; update with: npx vscode-tmgrammar-snap -g syntaxes/toets.tmLanguage.json -u 'test/fixtures/*.toets')"
npx vscode-tmgrammar-snap -g syntaxes/toets.tmLanguage.json 'test/fixtures/*.toets'

step "tokenise ../../rules/*.toets"
node test/check-rules.js

step "vsce package"
rm -f /tmp/toets-vscode.vsix
# The manifest has no repository (the project publishes none); vsce would otherwise ask.
npx vsce package --no-dependencies --allow-missing-repository --out /tmp/toets-vscode.vsix </dev/null
test -s /tmp/toets-vscode.vsix

step "done"
echo "editors/vscode: 6 passed, 0 failed"
