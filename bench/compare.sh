#!/usr/bin/env bash
# psyscore against a polars pipeline doing the same CBI scoring (bench/polars_score.py) and
# against merely parsing the sheet (examples/parse_only.rs: the sheet opened as psyscore opens
# it, every record read by the csv crate, on one thread), side by side in one run: builds the
# release binaries, writes ROWS rows (default 1,000,000, about 57 MB) with the seeded
# examples/generate_cbi.rs, installs polars with pip if missing, checks on the first 10,000 rows
# that polars computes what psyscore does, then times the three under hyperfine (RUNS runs each,
# default 10, after a warm-up; medians), or best of 3 without it, and prints rows/s, MB/s, peak
# RSS (GNU time), and the ratios: polars / psyscore (the target is at least 4) and psyscore /
# parse only (the target is at most 2).
#
#   bench/compare.sh               # ROWS=100000 bench/compare.sh for a quick run
set -euo pipefail

cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
runs=${RUNS:-10}
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin psyscore --example generate_cbi --example parse_only
psyscore=$target/release/psyscore
sheet=$work/cbi.csv
"$target/release/examples/generate_cbi" --rows "$rows" --out "$sheet"
bytes=$(du -b "$sheet" | cut -f1)

if ! python3 -c 'import polars' 2>/dev/null; then
    python3 -m pip install --quiet polars 2>/dev/null ||
        python3 -m pip install --quiet --break-system-packages polars
fi

echo "input: $rows rows, $bytes bytes"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "polars $(python3 -c 'import polars; print(polars.__version__)'), $(python3 --version)"

# Same results? First 10,000 rows of the sheet, scored by both.
head -n 10001 "$sheet" >"$work/sample.csv"
"$psyscore" score --scale cbi "$work/sample.csv" -o "$work/sample_psyscore.csv"
python3 bench/polars_score.py "$work/sample.csv" "$work/sample_polars.csv" \
    --check "$work/sample_psyscore.csv"

names=(psyscore polars "parse only")
cmds=(
    "$(printf '%q ' "$psyscore" score --scale cbi "$sheet" -o "$work/out_psyscore.csv")"
    "$(printf '%q ' python3 bench/polars_score.py "$sheet" "$work/out_polars.csv")"
    "$(printf '%q ' "$target/release/examples/parse_only" "$sheet")"
)
declare -A secs
if command -v hyperfine >/dev/null; then
    args=()
    for i in "${!cmds[@]}"; do args+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
    hyperfine --warmup 1 --runs "$runs" --export-json "$work/times.json" "${args[@]}"
    while read -r name median; do secs[$name]=$median; done < <(python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"].replace(" ", "_"), r["median"])' "$work/times.json")
else
    echo "hyperfine not found (apt-get install hyperfine); best of 3 runs" >&2
    for i in "${!cmds[@]}"; do
        best=
        for _ in 1 2 3; do
            start=$(date +%s.%N)
            eval "${cmds[$i]}" >/dev/null
            best=$(awk -v t="$(date +%s.%N)" -v s="$start" -v b="$best" \
                'BEGIN { t -= s; print (b == "" || t < b) ? t : b }')
        done
        secs[${names[$i]// /_}]=$best
    done
fi

peak_rss() {  # KB, or "n/a" without GNU time
    if [[ -x /usr/bin/time ]]; then
        eval "/usr/bin/time -v ${1}" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'
    else
        echo n/a
    fi
}
[[ -x /usr/bin/time ]] || echo "GNU time not found (apt-get install time); peak RSS not measured" >&2

echo
printf '%-10s %9s %12s %9s %14s\n' "" "time (s)" "rows/s" "MB/s" "peak RSS (MB)"
for i in "${!cmds[@]}"; do
    key=${names[$i]// /_}
    rss=$(peak_rss "${cmds[$i]}")
    awk -v n="${names[$i]}" -v t="${secs[$key]}" -v r="$rows" -v b="$bytes" -v k="$rss" \
        'BEGIN { printf "%-10s %9.3f %12.0f %9.1f %14s\n", n, t, r / t, b / 1e6 / t,
                 (k == "n/a" ? k : sprintf("%.1f", k / 1024)) }'
done
echo
awk -v p="${secs[polars]}" -v s="${secs[psyscore]}" -v o="${secs[parse_only]}" 'BEGIN {
    printf "polars / psyscore time:     %.2f (target: at least 4)\n", p / s
    printf "psyscore / parse-only time: %.2f (target: at most 2)\n", s / o }'
