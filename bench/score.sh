#!/usr/bin/env bash
# Times the release binary scoring a generated Caregiver Burden Inventory sheet, end to end:
# builds, writes ROWS rows (default 1,000,000, about 57 MB) with examples/generate_cbi.rs, then
# compares `psyscore score --scale cbi FILE -o OUT` with examples/parse_only.rs (reading every
# record with the csv crate, the floor) under hyperfine, and reports the peak RSS from GNU time.
# The same against polars: bench/compare.sh; in process: `cargo bench --bench score`.
#
#   bench/score.sh                 # ROWS=100000 bench/score.sh for a quick run
set -euo pipefail

cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin psyscore --example generate_cbi --example parse_only
psyscore=$target/release/psyscore
"$target/release/examples/generate_cbi" --rows "$rows" --out "$work/cbi.csv"
echo "input: $rows rows, $(du -b "$work/cbi.csv" | cut -f1) bytes"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

score=("$psyscore" score --scale cbi "$work/cbi.csv" -o "$work/out.csv")
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs 5 \
        --command-name "parse only" "$(printf '%q ' "$target/release/examples/parse_only" "$work/cbi.csv")" \
        --command-name "psyscore score" "$(printf '%q ' "${score[@]}")"
else
    echo "hyperfine not found (apt-get install hyperfine); timing one run with GNU time" >&2
fi

if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v "${score[@]}" 2>"$work/time.txt"
    grep -E 'Elapsed \(wall clock\)|Maximum resident set size' "$work/time.txt" | sed 's/^\s*//'
else
    echo "GNU time not found (apt-get install time); peak RSS not measured" >&2
fi
