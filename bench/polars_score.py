#!/usr/bin/env python3
"""Scores a CBI sheet with polars the way `psyscore score --scale cbi` does, for bench/compare.sh.

    python3 bench/polars_score.py IN.csv OUT.csv
    python3 bench/polars_score.py IN.csv OUT.csv --check PSYSCORE_OUT.csv

Rules of scales/cbi.toml: five dimensions (items 1-5, 6-10, 11-14, 15-19, 20-24) and a total
over all 24 items, each a sum; a score with at most floor(0.2 k) blank items is prorated as
sum * k / answered, otherwise empty. Total band: mild < 33 <= moderate < 65 <= severe. Answered
count; status ok (all answered), prorated (some blank, every score computed) or incomplete.
Not written: psyscore's free-text `cbi_notes` column. With --check, OUT is compared with
psyscore's output (scores to 1e-9, bands, answered and statuses equal) and the script exits 1
on any difference.
"""
import sys

import polars as pl

ITEMS = [f"cbi_{i}" for i in range(1, 25)]
DIMENSIONS = {
    "time": range(1, 6),
    "developmental": range(6, 11),
    "physical": range(11, 15),
    "social": range(15, 20),
    "emotional": range(20, 25),
}
SCORES = [f"cbi_{d}" for d in DIMENSIONS] + ["cbi_total"]


def prorated_sum(items):
    """sum * k / answered when at most floor(0.2 k) items are blank, else null."""
    cols = [pl.col(c) for c in items]
    k = len(items)
    answered = pl.sum_horizontal(c.is_not_null() for c in cols)
    allowed = int(0.2 * k)
    total = pl.sum_horizontal(cols).cast(pl.Float64) * k / answered
    return pl.when(k - answered <= allowed).then(total).otherwise(None)


def score(path_in, path_out):
    lf = pl.scan_csv(path_in, schema_overrides={c: pl.Int64 for c in ITEMS})
    dims = {f"cbi_{d}": prorated_sum([f"cbi_{i}" for i in r]) for d, r in DIMENSIONS.items()}
    total = pl.col("cbi_total")
    answered = pl.col("cbi_answered")
    (
        lf.select(
            "id",
            *(e.alias(n) for n, e in dims.items()),
            prorated_sum(ITEMS).alias("cbi_total"),
            pl.sum_horizontal(pl.col(c).is_not_null() for c in ITEMS).alias("cbi_answered"),
        )
        .with_columns(
            pl.when(total < 33).then(pl.lit("mild"))
            .when(total < 65).then(pl.lit("moderate"))
            .when(total.is_not_null()).then(pl.lit("severe"))
            .alias("cbi_total_band"),
            pl.when(pl.any_horizontal(pl.col(c).is_null() for c in SCORES)).then(pl.lit("incomplete"))
            .when(answered < len(ITEMS)).then(pl.lit("prorated"))
            .otherwise(pl.lit("ok"))
            .alias("cbi_status"),
        )
        .select("id", *SCORES, "cbi_total_band", "cbi_answered", "cbi_status")
        .sink_csv(path_out)
    )


def check(ours, theirs):
    a = pl.read_csv(ours, infer_schema_length=0)
    b = pl.read_csv(theirs, infer_schema_length=0)
    if a.height != b.height or not a["id"].equals(b["id"]):
        print(f"check FAILED: {a.height} vs {b.height} rows or ids differ")
        return False
    problems = []
    for c in SCORES:
        x, y = a[c].cast(pl.Float64), b[c].cast(pl.Float64)
        bad = (x.is_null() != y.is_null()) | ((x - y).abs() > 1e-9).fill_null(False)
        if bad.any():
            problems.append(f"{c}: {bad.sum()} rows differ")
    for c in ["cbi_total_band", "cbi_answered", "cbi_status"]:
        bad = a[c].fill_null("") != b[c].fill_null("")
        if bad.any():
            problems.append(f"{c}: {bad.sum()} rows differ")
    counts = dict(b["cbi_status"].value_counts().iter_rows())
    if problems:
        print("check FAILED: " + "; ".join(problems))
        return False
    print(f"check OK: {a.height} rows, {len(SCORES)} scores within 1e-9, bands, answered and "
          f"statuses equal (statuses: {counts})")
    return True


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) not in (2, 4) or (len(args) == 4 and args[2] != "--check"):
        sys.exit(__doc__)
    score(args[0], args[1])
    if len(args) == 4 and not check(args[1], args[3]):
        sys.exit(1)
