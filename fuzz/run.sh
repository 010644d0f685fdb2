#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each, one after another, at the lowest
# priority: the delimited-text reader, the workbook reader, scale files, study files and the
# baseline table's characteristics.
# Each starts from its committed seeds (fuzz/seeds/TARGET, see seeds.sh) and grows its own
# corpus in fuzz/corpus/TARGET; a crash, an input over the memory limit or one slower than
# the timeout stops that target and leaves the input in fuzz/artifacts/TARGET/.
#
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz).
# Usage: fuzz/run.sh SECONDS [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(delimited workbook scale_file study_file baseline)

status=0
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== $target: ${seconds}s from $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  if nice -n 19 cargo +nightly fuzz run "$target" "corpus/$target" "seeds/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1; then
    echo "== $target: ran clean for ${seconds}s, until $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  else
    echo "== $target: FAILED (see fuzz/artifacts/$target/)"
    status=1
  fi
done
exit $status
