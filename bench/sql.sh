#!/usr/bin/env bash
# The query of `psyscore sql --scale cbi` against a plain hand-written query and against
# `psyscore score`, in one run (bench/sql.py): builds the release binaries, writes ROWS rows
# (default 1,000,000, about 57 MB) with the seeded examples/generate_cbi.rs, loads them into
# DuckDB with every column read as text, and prints the median of RUNS runs (default 5) of the
# generated query, the plain one and `psyscore score`, and the ratio generated / plain (the
# target is at most 1.5); then the same two queries in a throw-away PostgreSQL cluster on the
# first POSTGRES_ROWS rows (default 100,000). Installs duckdb and psycopg with pip if missing;
# needs PostgreSQL's server (Debian: apt-get install postgresql), or NO_POSTGRES=1.
#
#   bench/sql.sh                   # ROWS=200000 RUNS=3 bench/sql.sh for a quick run
set -euo pipefail

cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for module in duckdb psycopg; do
  package=$module
  [ "$module" = psycopg ] && package="psycopg[binary]"
  python3 -c "import $module" 2>/dev/null \
    || python3 -m pip install --quiet "$package" \
    || python3 -m pip install --quiet --break-system-packages "$package"
done
cargo build --release --quiet --bin psyscore --example generate_cbi
"$target/release/examples/generate_cbi" --rows "$rows" --out "$work/cbi.csv"
echo "input: $rows rows, $(du -b "$work/cbi.csv" | cut -f1) bytes"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
options=(--psyscore "$target/release/psyscore" --sheet "$work/cbi.csv" --runs "${RUNS:-5}")
options+=(--postgres-rows "${POSTGRES_ROWS:-100000}")
[ -n "${NO_POSTGRES:-}" ] && options+=(--no-postgres)
python3 bench/sql.py "${options[@]}"
