#!/usr/bin/env bash
# psyscore against a polars pipeline doing the same CBI scoring (bench/polars_score.py) and
# against merely parsing the sheet (examples/parse_only.rs: the sheet opened as psyscore opens
# it, every record read by the csv crate, on one thread), side by side in one run: builds the
# release binaries, writes ROWS rows (default 1,000,000, about 57 MB) with the seeded
# examples/generate_cbi.rs, installs polars with pip if missing, checks on the first 10,000 rows
# that polars computes what psyscore does, then times the three interleaved: ROUNDS rounds
# (default 5), each running the three in turn under hyperfine (RUNS runs each, default 3, after
# a warm-up), or once each timed with `date` without it. Prints the ratios of each round, then
# whether the timed output equals the output of one thread, byte for byte, then each command's
# median over all runs as rows/s and MB/s, its peak RSS (GNU time), and the ratios of the
# medians: polars / psyscore (the target is at least 4) and psyscore / parse only (the target
# is at most 2).
#
#   bench/compare.sh               # ROWS=100000 ROUNDS=2 bench/compare.sh for a quick run
set -euo pipefail

cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
rounds=${ROUNDS:-5}
runs=${RUNS:-3}
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
# Interleaved: ROUNDS rounds, each timing the three commands one after another (RUNS runs
# each under hyperfine, after a warm-up; one run each without it), so that a slow spell of a
# shared machine falls on all three alike. Each command's time is its median over all runs.
declare -A secs
timings=$work/timings.txt
: >"$timings"
if ! command -v hyperfine >/dev/null; then
    echo "hyperfine not found (apt-get install hyperfine); timing with date, one run per round" >&2
fi
for round in $(seq "$rounds"); do
    if command -v hyperfine >/dev/null; then
        args=()
        for i in "${!cmds[@]}"; do args+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
        # Its warnings about outliers are what the rounds are for; its errors are shown.
        if ! hyperfine --style none --warmup 1 --runs "$runs" \
            --export-json "$work/round.json" "${args[@]}" >/dev/null 2>"$work/hyperfine.err"; then
            cat "$work/hyperfine.err" >&2
            exit 1
        fi
        python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    for t in r["times"]:
        print(sys.argv[2], r["command"].replace(" ", "_"), t)' "$work/round.json" "$round" >>"$timings"
    else
        for i in "${!cmds[@]}"; do
            start=$(date +%s.%N)
            eval "${cmds[$i]}" >/dev/null
            echo "$round ${names[$i]// /_} $(awk -v t="$(date +%s.%N)" -v s="$start" \
                'BEGIN { print t - s }')" >>"$timings"
        done
    fi
    echo "round $round of $rounds done" >&2
done
while read -r name median; do secs[$name]=$median; done < <(python3 -c '
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    _, name, t = line.split()
    times.setdefault(name, []).append(float(t))
for name, ts in times.items():
    print(name, statistics.median(ts))' "$timings")
# The ratios round by round, to show how much the machine moved them.
python3 -c '
import statistics, sys
rounds = {}
for line in open(sys.argv[1]):
    r, name, t = line.split()
    rounds.setdefault(r, {}).setdefault(name, []).append(float(t))
polars, parse = [], []
for r in rounds.values():
    m = {name: statistics.median(ts) for name, ts in r.items()}
    polars.append(m["polars"] / m["psyscore"])
    parse.append(m["psyscore"] / m["parse_only"])
print("per round, polars / psyscore:     " + " ".join(f"{x:.2f}" for x in polars))
print("per round, psyscore / parse-only: " + " ".join(f"{x:.2f}" for x in parse))' "$timings"

peak_rss() {  # KB, or "n/a" without GNU time
    if [[ -x /usr/bin/time ]]; then
        eval "/usr/bin/time -v ${1}" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'
    else
        echo n/a
    fi
}
[[ -x /usr/bin/time ]] || echo "GNU time not found (apt-get install time); peak RSS not measured" >&2

# The timed output came from one worker thread per CPU; one thread must write the same bytes.
"$psyscore" score --scale cbi --threads 1 "$sheet" -o "$work/out_one_thread.csv"
if cmp -s "$work/out_psyscore.csv" "$work/out_one_thread.csv"; then
    echo "output on $(nproc) threads and on 1 thread: identical ($(du -b "$work/out_psyscore.csv" | cut -f1) bytes)"
else
    echo "output on $(nproc) threads differs from the output on 1 thread" >&2
    exit 1
fi

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
