#!/usr/bin/env bash
# The aim of issue 16: `toets check --batch` over 2,000 descriptions takes
# less wall time than 50 runs of `toets --help`. Builds the release binary,
# makes 2,000 JSON lines from the nine examples (each renamed `#i ...`),
# and prints both wall times and their ratio. Exits 1 if the aim is missed.
#   bash scripts/batch-wall-time.sh [COUNT] [HELP_RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
help_runs=${2:-50}

cargo build -q --release --locked -p toets-cli
toets=${CARGO_TARGET_DIR:-target}/release/toets
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v n="$count" '{ l[NR] = $0 } END {
  for (i = 0; i < n; i++) { s = l[i % NR + 1]; sub(/"name":"/, "\"name\":\"#" i " ", s); print s }
}' crates/toets-cli/benches/examples.ndjson > "$dir/batch.ndjson"

now() { date +%s%N; }
# Once each first, so neither pays for a cold disk cache.
"$toets" --help > /dev/null
"$toets" check --batch "$dir/batch.ndjson" --date 2026-11-23 --format json > /dev/null || true

start=$(now)
for _ in $(seq "$help_runs"); do "$toets" --help > /dev/null; done
help_ns=$(( $(now) - start ))

start=$(now)
"$toets" check --batch "$dir/batch.ndjson" --date 2026-11-23 --format json > "$dir/out.ndjson" || true
batch_ns=$(( $(now) - start ))

lines=$(wc -l < "$dir/out.ndjson")
[ "$lines" -eq "$count" ] || { echo "expected $count output lines, got $lines" >&2; exit 2; }
awk -v b="$batch_ns" -v h="$help_ns" -v n="$count" -v r="$help_runs" -v t="$(nproc)" 'BEGIN {
  printf "toets check --batch, %d descriptions (%d cores): %.0f ms (%.0f descriptions/s)\n", n, t, b / 1e6, n / (b / 1e9)
  printf "%d runs of toets --help: %.0f ms (%.1f ms each)\n", r, h / 1e6, h / 1e6 / r
  printf "ratio batch / help runs: %.2f (%s)\n", b / h, (b < h ? "aim met" : "aim missed")
  exit (b < h ? 0 : 1)
}'
