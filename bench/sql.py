#!/usr/bin/env python3
"""Times the query of `psyscore sql --scale cbi` against a plain hand-written query and
against `psyscore score`, on one generated Caregiver Burden Inventory sheet.

DuckDB: the whole sheet (every column read as text) is loaded into an in-memory table; the
generated query and the plain one (cast each cell, sum, prorate, band: no range checks, no
labels, no invalid answers, no white space beyond ASCII) each materialize their result as a
table, RUNS times in turn (default 5), and the medians are printed with their ratio (the target
is at most 1.5). `psyscore score` scores the CSV file itself, end to end, once per run.
PostgreSQL (unless --no-postgres): the first POSTGRES_ROWS rows (default 100,000) in a
throw-away cluster (tests/sql/engines.py), the generated PostgreSQL query beside a plain one.

Both engines' results are checked against each other first: the generated query and the plain
one must agree on this sheet (it has only whole numbers 0-4 and blanks), so the plain query is
a fair floor.

Usage (bench/sql.sh builds the binaries and writes the sheet):
  python3 bench/sql.py --psyscore target/release/psyscore --sheet cbi.csv [--runs 5]
                       [--postgres-rows 100000] [--no-postgres]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests/sql"))

import engines  # noqa: E402

# The CBI's structure (scales/cbi.toml): five dimensions of items, each prorated when at most
# one item is missing (none for the four physical items), a total of all 24 prorated when at
# most four are missing, and the total's bands.
DIMENSIONS = [
    ("time", range(1, 6), 1),
    ("developmental", range(6, 11), 1),
    ("physical", range(11, 15), 0),
    ("social", range(15, 20), 1),
    ("emotional", range(20, 25), 1),
    ("total", range(1, 25), 4),
]
BANDS = [(65, "severe"), (33, "moderate"), (0, "mild")]


def plain_query(dialect: str) -> str:
    """What one would write by hand: each cell cast to a double (blank as NULL), the answered
    items summed and counted, prorated by the same rule, the total banded."""
    if dialect == "duckdb":
        cast = "TRY_CAST({c} AS DOUBLE)"
    else:
        cast = "CAST(NULLIF(trim({c}), '') AS DOUBLE PRECISION)"
    items = ",\n    ".join(cast.format(c=f"cbi_{n}") + f" AS i{n}" for n in range(1, 25))
    sums = []
    for name, numbers, _ in DIMENSIONS:
        sums.append(" + ".join(f"COALESCE(i{n}, 0)" for n in numbers) + f" AS s_{name}")
        sums.append(" + ".join(f"CASE WHEN i{n} IS NULL THEN 0 ELSE 1 END" for n in numbers) + f" AS n_{name}")
    scores = []
    for name, numbers, allowed in DIMENSIONS:
        k = len(numbers)
        prorated = f" WHEN n_{name} >= {k - allowed} THEN s_{name} * {k} / n_{name}" if allowed else ""
        scores.append(f"CASE WHEN n_{name} = {k} THEN s_{name}{prorated} END AS cbi_{name}")
    band = " ".join(f"WHEN cbi_total >= {low} THEN '{label}'" for low, label in BANDS)
    incomplete = " OR ".join(f"cbi_{name} IS NULL" for name, _, _ in DIMENSIONS)
    sums, scores = ",\n    ".join(sums), ",\n    ".join(scores)
    # PostgreSQL copies a CTE used once into its user, expressions and all: without
    # MATERIALIZED the plain query runs many times slower (the generated one does the same).
    materialized = "MATERIALIZED " if dialect == "postgres" else ""
    return f"""WITH
items AS {materialized}(
  SELECT id,
    {items}
  FROM sheet
),
sums AS {materialized}(
  SELECT id,
    {sums}
  FROM items
),
scores AS {materialized}(
  SELECT id, n_total,
    {scores}
  FROM sums
)
SELECT id, {", ".join(f"cbi_{name}" for name, _, _ in DIMENSIONS)},
  CASE {band} END AS cbi_total_band,
  n_total AS cbi_answered,
  CASE WHEN {incomplete} THEN 'incomplete' WHEN n_total < 24 THEN 'prorated' ELSE 'ok' END AS cbi_status
FROM scores"""


def generated_query(psyscore: str, dialect: str) -> str:
    result = subprocess.run(
        [psyscore, "sql", "--scale", "cbi", "--table", "sheet", "--dialect", dialect],
        capture_output=True, text=True, check=True,
    )
    return result.stdout.rstrip().rstrip(";")


def timed(engine, query: str) -> float:
    """Seconds to run `query` and store its result in a table."""
    engine.run("DROP TABLE IF EXISTS result")
    begin = time.perf_counter()
    engine.run(f"CREATE TABLE result AS {query}")
    return time.perf_counter() - begin


def agree(engine, generated: str, plain: str) -> None:
    """The two queries give the same rows on this sheet (the generated one has more columns
    only in name: the same ones)."""
    columns = "id, cbi_time, cbi_developmental, cbi_physical, cbi_social, cbi_emotional, cbi_total, " \
        "cbi_total_band, cbi_answered, cbi_status"
    _, differing = engine.run(
        f"SELECT count(*) FROM ((SELECT {columns} FROM ({generated}) AS g EXCEPT "
        f"SELECT {columns} FROM ({plain}) AS p) UNION ALL (SELECT {columns} FROM ({plain}) AS p2 "
        f"EXCEPT SELECT {columns} FROM ({generated}) AS g2)) AS d"
    )
    if differing[0][0] != 0:
        sys.exit(f"{engine.name}: the generated and the plain query differ on {differing[0][0]} rows")


def compare(engine, psyscore: str, runs: int, score=None) -> None:
    generated, plain = generated_query(psyscore, engine.dialect), plain_query(engine.dialect)
    agree(engine, generated, plain)
    times = {"psyscore sql": [], "plain query": [], "psyscore score": []}
    for _ in range(runs):
        times["psyscore sql"].append(timed(engine, generated))
        times["plain query"].append(timed(engine, plain))
        if score:
            times["psyscore score"].append(score())
    for name, values in times.items():
        if values:
            print(f"  {name:15} {statistics.median(values):7.3f} s  (runs: "
                  f"{', '.join(f'{v:.3f}' for v in values)})")
    ratio = statistics.median(times["psyscore sql"]) / statistics.median(times["plain query"])
    print(f"  ratio psyscore sql / plain query: {ratio:.2f}")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--psyscore", required=True)
    parser.add_argument("--sheet", required=True, help="the CBI sheet (examples/generate_cbi.rs)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postgres-rows", type=int, default=100_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()

    duckdb = engines.start("duckdb")
    duckdb.run(f"CREATE TABLE sheet AS SELECT * FROM read_csv('{args.sheet}', all_varchar = true)")
    rows = duckdb.run("SELECT count(*) FROM sheet")[1][0][0]
    out = Path(tempfile.mkdtemp(prefix="psyscore-bench-")) / "out.csv"

    def score() -> float:
        begin = time.perf_counter()
        subprocess.run([args.psyscore, "score", "--scale", "cbi", args.sheet, "-o", str(out)],
                       check=True, capture_output=True)
        return time.perf_counter() - begin

    print(f"DuckDB {duckdb.version()}, {rows} rows, every column text:")
    ratio = compare(duckdb, args.psyscore, args.runs, score)
    print(f"  target: at most 1.5 -> {'met' if ratio <= 1.5 else 'NOT MET'}")
    out.unlink(missing_ok=True)
    out.parent.rmdir()
    if not args.no_postgres:
        postgres = engines.start("postgres")
        try:
            header, sample = duckdb.run(f"SELECT * FROM sheet LIMIT {args.postgres_rows}")
            postgres.load(header, ["text"] * len(header), sample)
            print(f"PostgreSQL {postgres.version()}, {len(sample)} rows, every column text:")
            compare(postgres, args.psyscore, args.runs)
        finally:
            postgres.close()
    duckdb.close()
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
