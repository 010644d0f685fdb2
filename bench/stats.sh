#!/usr/bin/env bash
# Times the statistics at scale: `compare paired` on ROWS pairs (default 100,000; two CBI
# sheets from examples/generate_cbi.rs with different seeds, paired by id: six measures, each
# with the paired t test, Wilcoxon signed rank (normal approximation beyond 50 pairs), d_z and
# its noncentral-t interval, Shapiro-Wilk and band transitions), and `reliability` on ROWS
# respondents x 25 items (the CD-RISC-25 read from the generated CBI sheet plus a 25th column,
# through --columns "cbi_{n}": alpha with its Feldt interval, standardized alpha, omega and the
# item statistics), and `baseline` on ROWS respondents (item 24's answers as five groups, item 1
# as categories, item 2 as ordered categories, item 3 as a number: counts, chi-squared, Fisher's
# test up to its limits, Kruskal-Wallis, the ANOVAs). Prints each time (hyperfine medians, or one run with GNU time without it)
# and peak RSS.
#
#   bench/stats.sh                 # ROWS=10000 bench/stats.sh for a quick run
set -euo pipefail

cd "$(dirname "$0")/.."
rows=${ROWS:-100000}
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin psyscore --example generate_cbi
psyscore=$target/release/psyscore
"$target/release/examples/generate_cbi" --rows "$rows" --seed 1 --out "$work/pre.csv"
"$target/release/examples/generate_cbi" --rows "$rows" --seed 2 --out "$work/post.csv"
# A 25th item: a copy of the first, enough to time 25 columns.
awk -F, -v OFS=, 'NR == 1 { print $0, "cbi_25"; next } { print $0, $2 }' \
    "$work/pre.csv" >"$work/items25.csv"
echo "input: $rows pairs; $rows x 25 items; $rows people in five groups"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

names=("compare paired" "reliability" "baseline")
cmds=(
    "$(printf '%q ' "$psyscore" compare paired --scale cbi --id id \
        --pre "$work/pre.csv" --post "$work/post.csv" --format json)"
    "$(printf '%q ' "$psyscore" reliability --scale cdrisc25 --columns 'cbi_{n}' \
        "$work/items25.csv" --format json)"
    "$(printf '%q ' "$psyscore" baseline --group cbi_24 --levels 0,1,2,3,4 \
        --categorical cbi_1 --ordered cbi_2=0,1,2,3,4 --continuous cbi_3 \
        "$work/pre.csv" --format json)"
)
if command -v hyperfine >/dev/null; then
    args=()
    for i in "${!cmds[@]}"; do args+=(--command-name "${names[$i]}" "${cmds[$i]}"); done
    hyperfine --warmup 1 --runs 5 --output=null "${args[@]}"
else
    echo "hyperfine not found (apt-get install hyperfine); one run each" >&2
fi
if [[ -x /usr/bin/time ]]; then
    for i in "${!cmds[@]}"; do
        eval "/usr/bin/time -f '${names[$i]}: %e s, peak RSS %M KB' ${cmds[$i]}" 2>&1 >/dev/null
    done
else
    echo "GNU time not found (apt-get install time); peak RSS not measured" >&2
fi
