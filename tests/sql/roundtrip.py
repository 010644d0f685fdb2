#!/usr/bin/env python3
"""The round trip of `psyscore sql` through DuckDB, PostgreSQL and Spark SQL.

For every built-in scale (`psyscore scales list --format json`) and every fixture scale in
tests/data/sql/ and tests/data/scales/, this script generates a sheet of answers (seeded, so every
run sees the same sheet) with blanks, missing codes, text answers, odd but valid spellings of
numbers, text answers in letters beyond ASCII and invalid cells; scores it with `psyscore score
--invalid missing --format csv`; loads the same sheet into each engine as text columns (blank
cells as '' or NULL, at random); runs the query of `psyscore sql --dialect ENGINE` on it; and
compares every column, row by row (an invalid cell's note without its value and the answers
allowed, which the query leaves out). The engines are those of
tests/sql/engines.py: DuckDB in process, a throw-away PostgreSQL cluster, one local Spark session.

Numbers must be equal as doubles, exactly (psyscore writes the shortest text that reads back as
the same double, so parsing its CSV recovers the exact value); text must be equal; an empty CSV
cell must be NULL. Any difference is printed, with the row's input cells, and the script exits
with status 1.

A few cases number the answer options otherwise (`--coded-from`), with sheets generated so.

Usage: python3 tests/sql/roundtrip.py [--psyscore target/debug/psyscore] [--rows 200]
                                      [--engine duckdb] [--engine postgres] [--engine spark]
Needs the `duckdb`, `psycopg` and `pyspark` packages for those engines (python3 -m pip install
duckdb psycopg[binary] pyspark), PostgreSQL's server (Debian: apt-get install postgresql) and,
for Spark, Java 17 or later.
"""

import argparse
import csv
import io
import json
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import engines

ROOT = Path(__file__).resolve().parents[2]

# Cells psyscore reads as missing: blank, white space only (ASCII, no-break and ideographic
# spaces) and the missing codes, 问卷星's skipped-question mark among them.
MISSING = [
    "", " ", "  ", "\u3000", "\u00a0", "NA", "na", "N/A", "n/a", "#N/A", ".", "-", " NA ",
    "(跳过)", " （跳过） ",
]

# Spellings of a valid answer `v` psyscore accepts: surrounding Unicode white space, a sign,
# leading zeros, a decimal point, an exponent.
VALID_SPELLINGS = [
    " {v}",
    "{v} ",
    "\t{v}",
    "\u3000{v}\u00a0",
    "\u2003{v}\u0085",
    "{v}.0",
    "{v}.",
    "0{v}",
    "{v}e0",
    "{v}0e-1",
    "{v}.000000000000000001",
]

# Cells that are never valid for a whole-number item in a small range.
INVALID = [
    "x",
    "99",
    "-99",
    "2.5",
    "1e400",
    "inf",
    "-Infinity",
    "NaN",
    "1_0",
    "0x1",
    "++1",
    "1.2.3",
    "\uff13",  # a full-width digit 3
    "\u00bd",
    "1 2",
    "e5",
]


STATUSES = ["ok", "prorated", "incomplete", "invalid"]

# What `psyscore score` notes of an invalid cell beyond `{column} invalid`.
INVALID_NOTE = re.compile(r' invalid value "(?:[^"\\]|\\.)*" \(allowed .*?\)(?=; |$)')


@dataclass
class Case:
    """One scale to round-trip, with the options given to both commands."""

    name: str
    scale: str
    columns: str | None = None
    id_column: str = "id"
    rows: int = 200
    # A committed sheet to use instead of a generated one.
    sheet: str | None = None
    # Load the item columns as numbers (alternately BIGINT and DOUBLE), not text.
    numeric: bool = False
    # `--coded-from N` for both commands: the sheet numbers each item's options from N, so the
    # generated answers of single items and of the parts of sums are shifted to start at N.
    coded_from: int | None = None


def run(command: list[str]) -> str:
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(f"`{' '.join(command)}` failed ({result.returncode}):\n{result.stderr}")
    return result.stdout


def expand(template: str, scale_id: str, number: int, name: str) -> str:
    """A column template: {id}, {name}, {n}, {n+K}, {n-K}."""

    def placeholder(match: re.Match) -> str:
        text = match.group(1)
        if text == "id":
            return scale_id
        if text == "name":
            return name
        offset = re.fullmatch(r"n(?:([+-])(\d+))?", text)
        if not offset:
            sys.exit(f"cannot expand {{{text}}} in template {template!r}")
        value = number
        if offset.group(1):
            value += int(offset.group(2)) * (1 if offset.group(1) == "+" else -1)
        return str(value)

    return re.sub(r"\{([^}]*)\}", placeholder, template)


def item_columns(scale: dict, item: dict, template: str) -> list[str]:
    """The sheet columns an item reads, as psyscore's `item_columns`."""
    base = item["column"] or expand(template, scale["id"], item["number"], item["name"])
    kind = item["kind"]
    if kind["kind"] == "sum":
        return [base + part for part in kind["parts"]]
    if kind["kind"] == "count" and kind["layout"] == "columns":
        return [base + option for option in kind["options"]]
    return [base]


def number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def answer_cell(
    rng: random.Random, item: dict, sparse: bool, numeric: bool, coded_from: int | None = None
) -> str:
    """One answer cell of a single item or of a part of a sum item; with `numeric`, only
    blanks and whole numbers, some out of range. With `coded_from`, numbers are option numbers
    counted from it (text answers keep their values)."""
    roll = rng.random()
    shift = 0 if coded_from is None else coded_from - item["min"]
    low, high = item["min"] + shift, item["max"] + shift
    if roll < (0.5 if sparse else 0.05):
        return "" if numeric else rng.choice(MISSING)
    if roll < 0.065 and not sparse:
        return str(int(high) + 5) if numeric else rng.choice(INVALID)
    if numeric:
        return str(rng.randint(int(low), int(high)))
    if item["decimals"] and rng.random() < 0.5:
        return number_text(round(rng.uniform(low, high), rng.choice([1, 2, 3])))
    value = rng.randint(int(low), int(high))
    labels = [label for label, v in item["labels"].items() if v == value - shift]
    if labels and rng.random() < 0.3:
        label = rng.choice(labels)
        if rng.random() < 0.2:
            return rng.choice(case_pairs(label))
        return rng.choice([label, label.upper(), label.title(), f"  {label}\u3000"])
    if roll < 0.14:
        return rng.choice(VALID_SPELLINGS).format(v=value)
    return str(value)


def case_pairs(label: str) -> list[str]:
    """Spellings of a label that differ in letters beyond ASCII, which every engine must treat
    as psyscore does (only A-Z fold): the Turkish dotted capital İ and dotless ı for i, the
    Kelvin sign for k, Unicode's own lower and upper case."""
    return [
        label.replace("i", "\u0130"),
        label.upper().replace("I", "\u0130"),
        label.replace("i", "\u0131"),
        label.replace("k", "\u212a"),
        label.lower(),
        label.upper(),
        label.swapcase(),
    ]


def option_cells(rng: random.Random, count: int, sparse: bool, numeric: bool) -> list[str]:
    """The 0/1 cells of a multi-select item laid out in columns."""
    roll = rng.random()
    if roll < (0.5 if sparse else 0.05):
        return [rng.choice([""] if numeric else ["", " ", "NA"]) for _ in range(count)]
    if numeric:
        return [rng.choices(["", "0", "1", "2"], [4, 45, 50, 1])[0] for _ in range(count)]
    cells = []
    for _ in range(count):
        pick = rng.random()
        if pick < 0.06:
            cells.append("")
        elif pick < 0.08:
            cells.append(rng.choice(["2", "x", "0.5", "-1", "yes", "1e400"]))
        elif pick < 0.14:
            cells.append(rng.choice(["1.0", " 1", "1e0", "+0", "-0", "0.", "\u30001"]))
        else:
            cells.append(rng.choice(["0", "1"]))
    return cells


def generate_sheet(case: Case, scale: dict) -> tuple[list[str], list[list[str]]]:
    """A deterministic sheet: the id column, then every item's columns."""
    rng = random.Random(zlib.crc32(case.name.encode()))
    template = case.columns or scale["columns"]
    header = [case.id_column]
    for item in scale["items"]:
        header.extend(item_columns(scale, item, template))
    rows = []
    for index in range(case.rows):
        # About one row in ten leaves half its answers out, so scores go empty.
        sparse = rng.random() < 0.1
        row = [f"r{index + 1:04d}"]
        for item in scale["items"]:
            kind = item["kind"]
            if kind["kind"] == "single":
                row.append(answer_cell(rng, item, sparse, case.numeric, case.coded_from))
            elif kind["kind"] == "sum":
                row.extend(
                    answer_cell(rng, item, sparse, case.numeric, case.coded_from)
                    for _ in kind["parts"]
                )
            else:
                row.extend(option_cells(rng, len(kind["options"]), sparse, case.numeric))
        rows.append(row)
    return header, rows


def score_with_psyscore(case: Case, psyscore: str, sheet: Path) -> tuple[list[str], dict]:
    command = [psyscore, "score", "--scale", case.scale, "--invalid", "missing"]
    command += ["--format", "csv", "--id", case.id_column, str(sheet)]
    if case.columns:
        command += ["--columns", case.columns]
    if case.coded_from is not None:
        command += ["--coded-from", str(case.coded_from)]
    reader = csv.reader(io.StringIO(run(command)))
    header = next(reader)
    return header, {row[0]: row for row in reader}


def score_in_engine(
    case: Case, psyscore: str, engine, header: list[str], rows: list[list[str]]
) -> tuple[list[str], dict, str]:
    command = [psyscore, "sql", "--scale", case.scale, "--table", "sheet"]
    command += ["--id", case.id_column, "--dialect", engine.dialect]
    if case.columns:
        command += ["--columns", case.columns]
    if case.coded_from is not None:
        command += ["--coded-from", str(case.coded_from)]
    query = run(command)
    rng = random.Random(zlib.crc32(b"null" + case.name.encode()))
    types = ["text"] + [
        ("bigint" if position % 2 else "double") if case.numeric else "text"
        for position in range(1, len(header))
    ]
    if case.numeric:
        loaded = [
            [row[0]]
            + [
                None if cell == "" else int(cell) if kind == "bigint" else float(cell)
                for cell, kind in zip(row[1:], types[1:])
            ]
            for row in rows
        ]
    else:
        # Blank cells go in as '' or as NULL: a warehouse may hold either.
        loaded = [[None if cell == "" and rng.random() < 0.5 else cell for cell in row] for row in rows]
    engine.load(header, types, loaded)
    names, result = engine.run(query)
    return names, {str(row[0]): row for row in result}, query


def same(expected: str, actual) -> bool:
    """psyscore's CSV text against DuckDB's value: empty is NULL, numbers equal as doubles."""
    if expected == "":
        return actual is None
    if actual is None:
        return False
    if isinstance(actual, bool) or not isinstance(actual, (int, float, Decimal)):
        return expected == str(actual)
    try:
        return float(expected) == float(actual)
    except ValueError:
        return False


def check(case: Case, psyscore: str, engine, scale: dict, workdir: Path) -> tuple[str, list[str]]:
    """Compares the two scorings of one case; returns what was compared and the differences."""
    if case.sheet:
        sheet = ROOT / case.sheet
        with sheet.open(newline="", encoding="utf-8") as file:
            header, *rows = list(csv.reader(file))
    else:
        header, rows = generate_sheet(case, scale)
        sheet = workdir / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', case.name)}.csv"
        with sheet.open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(header)
            writer.writerows(rows)
    expected_header, expected = score_with_psyscore(case, psyscore, sheet)
    actual_header, actual, query = score_in_engine(case, psyscore, engine, header, rows)

    problems = []
    notes = f"{scale['id']}_notes"
    wanted = expected_header
    if actual_header != wanted:
        problems.append(f"columns differ:\n  psyscore score: {wanted}\n  psyscore sql:   {actual_header}")
        return "", problems
    if set(expected) != set(actual):
        missing = sorted(set(expected) - set(actual))[:5]
        extra = sorted(set(actual) - set(expected))[:5]
        problems.append(f"rows differ: only in score {missing}, only in sql {extra}")
        return "", problems
    compared = 0
    inputs = {row[0]: row for row in rows}
    for row_id, expected_row in expected.items():
        actual_row = actual[row_id]
        for position, name in enumerate(wanted):
            compared += 1
            expected_cell = expected_row[position]
            if name == notes:
                # The query notes an invalid cell without its value and the answers allowed.
                expected_cell = INVALID_NOTE.sub(" invalid", expected_cell)
            if not same(expected_cell, actual_row[position]):
                cells = ", ".join(f"{h}={c!r}" for h, c in zip(header[1:], inputs[row_id][1:]))
                problems.append(
                    f"row {row_id}, column {name}: psyscore score {expected_row[position]!r}, "
                    f"psyscore sql {actual_row[position]!r}\n    input: {cells}"
                )
    if problems:
        query_file = workdir / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', case.name)}.{engine.name}.sql"
        query_file.write_text(query, encoding="utf-8")
        problems.append(f"sheet: {sheet}\n  query: {query_file}")
    statuses = Counter(row[wanted.index(f"{scale['id']}_status")] for row in expected.values())
    summary = ", ".join(f"{statuses[status]} {status}" for status in STATUSES)
    # Rows whose banded score is exactly a band's lower limit, where `>=` against `>` shows.
    edges = 0
    for score in scale["scores"]:
        limits = {band["min"] for band in score.get("bands") or []}
        # The value banded: the named transform's column, else the score's (`banded_id`).
        banded = (score.get("transform") or {}).get("name") or score["id"]
        column = f"{scale['id']}_{banded}"
        if not limits or column not in wanted:
            continue
        value = wanted.index(column)
        edges += sum(1 for row in expected.values() if row[value] != "" and float(row[value]) in limits)
    summary += f"; {edges} on a band's lower limit"
    return f"{compared} cells equal ({summary})", problems


def cases(psyscore: str, rows: int) -> list[Case]:
    builtins = json.loads(run([psyscore, "scales", "list", "--format", "json"]))
    found = [Case(name=scale["id"], scale=scale["id"], rows=rows) for scale in builtins]
    fixtures = sorted((ROOT / "tests/data/sql").glob("*.toml"))
    fixtures += [ROOT / "tests/data/scales" / name for name in ("demo.toml", "features.toml", "three.toml")]
    for path in fixtures:
        if path.name == "cell_layout.toml":  # refused by `psyscore sql`, tested in cargo test
            continue
        found.append(Case(name=path.stem, scale=str(path.relative_to(ROOT)), rows=rows))
    # A column template and an id column whose name needs quoting.
    found.append(
        Case(name="cbi-template", scale="cbi", columns="Q{n+12}", id_column="Respondent ID", rows=rows)
    )
    # Numeric columns, as a warehouse may type them.
    found.append(Case(name="ssrs-numeric", scale="ssrs", rows=rows, numeric=True))
    found.append(Case(name="sas-numeric", scale="sas", rows=rows, numeric=True))
    # Sheets that number the options otherwise (as 问卷星/WJX does, from 1): a scale scored
    # from 0, one with labels, SSRS (sums and counts, items from 1) numbered from 0, and numbers.
    found.append(Case(name="cbi-coded-from-1", scale="cbi", rows=rows, coded_from=1))
    found.append(
        Case(name="mood-coded-from-1", scale="tests/data/sql/mood.toml", rows=rows, coded_from=1)
    )
    found.append(Case(name="ssrs-coded-from-0", scale="ssrs", rows=rows, coded_from=0))
    found.append(
        Case(name="sas-numeric-coded-from-0", scale="sas", rows=rows, numeric=True, coded_from=0)
    )
    # The sheets shown in the README and the docs.
    found.append(Case(name="mood.csv", scale="tests/data/sql/mood.toml", sheet="tests/data/sql/mood.csv"))
    demo = "tests/data/scales/demo.toml"
    found.append(Case(name="demo.csv", scale=demo, sheet="tests/data/demo.csv"))
    found.append(Case(name="invalid.csv", scale=demo, sheet="tests/data/errors/invalid.csv"))
    # Band limits hit exactly (the CBI total; the SAS index after its truncating transform) and
    # proration at and beyond the missing-data rule's limit, which random sheets hit rarely.
    found.append(Case(name="cbi_edges.csv", scale="cbi", sheet="tests/data/sql/cbi_edges.csv"))
    found.append(Case(name="sas_edges.csv", scale="sas", sheet="tests/data/sql/sas_edges.csv"))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--psyscore", default=str(ROOT / "target/debug/psyscore"))
    parser.add_argument("--rows", type=int, default=200, help="rows per generated sheet")
    parser.add_argument(
        "--engine",
        action="append",
        choices=engines.ENGINES,
        help="the engine to run the query in (repeat for several; default duckdb)",
    )
    args = parser.parse_args()
    # Stopped from outside, still stop the engines (the PostgreSQL cluster is a server).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    failed = passed = 0
    # Kept when a case fails, for its sheet and query.
    workdir = Path(tempfile.mkdtemp(prefix="psyscore-sql-"))
    all_cases = cases(args.psyscore, args.rows)
    scales = {
        case.scale: json.loads(run([args.psyscore, "scales", "show", case.scale, "--format", "json"]))
        for case in all_cases
    }
    for name in args.engine or ["duckdb"]:
        engine = engines.start(name)
        began = time.monotonic()
        print(f"== {name} (started in {engine.started_in:.1f} s)")
        try:
            for case in all_cases:
                summary, problems = check(case, args.psyscore, engine, scales[case.scale], workdir)
                if problems:
                    failed += 1
                    print(f"FAIL {name} {case.name}:")
                    for problem in problems[:20]:
                        print(f"  {problem}")
                    if len(problems) > 20:
                        print(f"  ... and {len(problems) - 20} more")
                else:
                    passed += 1
                    print(f"ok   {name} {case.name}: {summary}")
        finally:
            engine.close()
        print(f"== {name}: {len(all_cases)} cases in {time.monotonic() - began:.1f} s")
    if not failed:
        shutil.rmtree(workdir)
    print(f"roundtrip: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
