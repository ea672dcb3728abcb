#!/usr/bin/env bash
# Runs each fuzz target for a bounded time (default 600 s each) with the
# seed corpora from rules/ and examples/, and prints executions and crashes
# per target. Not part of CI: fuzzing needs nightly and minutes per target.
#
#   bash fuzz/run.sh            # 600 s per target
#   SECONDS_PER_TARGET=60 bash fuzz/run.sh rules format
set -euo pipefail
cd "$(dirname "$0")"
seconds="${SECONDS_PER_TARGET:-600}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(rules description evaluate format)

rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz

# Seed corpora: every rule file (and bad rule file) for the text targets,
# every description (and bad description) for the description target.
for target in rules format; do
  mkdir -p "corpus/$target"
  cp ../rules/*.toets ../tests/bad-input/rules/*.toets "corpus/$target/" 2>/dev/null || true
done
mkdir -p corpus/description corpus/evaluate
cp ../examples/*.yaml ../tests/bad-input/descriptions/* corpus/description/ 2>/dev/null || true

cargo +nightly fuzz build -O 2>&1 | tail -n 3
for target in "${targets[@]}"; do
  log="artifacts/$target.log"
  mkdir -p artifacts
  echo "== $target: ${seconds}s"
  set +e
  cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1
  status=$?
  set -e
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -n 1)
  crashes=$(find "artifacts/$target" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) 2>/dev/null | wc -l)
  echo "$target: exit $status, ${execs:-?} executions, $crashes crashes/timeouts (log: fuzz/$log)"
done
