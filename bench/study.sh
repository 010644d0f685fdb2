#!/usr/bin/env bash
# `psyscore study` on a long file of PEOPLE respondents (default 10,000) in two groups, before
# and after: builds the release binary, writes the pre and post answers with the seeded
# examples/generate_cbi.rs (two seeds), joins them into one long sheet with time and group
# columns, and times the whole study (scoring, every analysis, report, tables, figures).
#
#   bench/study.sh            # PEOPLE=50000 bench/study.sh for a bigger run
set -euo pipefail

cd "$(dirname "$0")/.."
people=${PEOPLE:-10000}
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin psyscore --example generate_cbi
"$target/release/examples/generate_cbi" --rows "$people" --seed 1 --out "$work/pre.csv"
"$target/release/examples/generate_cbi" --rows "$people" --seed 2 --out "$work/post.csv"
# id,cbi_1..24 -> id,time,group,cbi_1..24; odd rows intervention, even rows control.
{
    head -n 1 "$work/pre.csv" | sed 's/^id,/id,time,group,/'
    for time in pre post; do
        tail -n +2 "$work/$time.csv" |
            awk -F, -v OFS=, -v time="$time" '{ $1 = $1 "," time "," (NR % 2 ? "intervention" : "control"); print }'
    done
} >"$work/long.csv"
cat >"$work/study.toml" <<'TOML'
title = "Benchmark: CBI, two groups, long file"
[data]
file = "long.csv"
time = "time"
id = "id"
[groups]
column = "group"
intervention = "intervention"
control = "control"
[[scales]]
scale = "cbi"
TOML

echo "input: $people people x 2 times, $(du -h "$work/long.csv" | cut -f1)"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs 5 "$target/release/psyscore study $work/study.toml -o $work/out"
else
    time "$target/release/psyscore" study "$work/study.toml" -o "$work/out"
fi
if /usr/bin/time -f '%M' true 2>/dev/null; then
    /usr/bin/time -f 'peak RSS: %M KB' "$target/release/psyscore" study "$work/study.toml" -o "$work/out"
fi
ls -la "$work/out"
