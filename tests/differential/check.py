#!/usr/bin/env python3
"""psyscore's statistics against R on many random data sets.

The unit tests hold a few hand-picked reference values each; this script looks for the cases
nobody picked. Each generator (paired.R, groups.R, ancova.R, mixed.R, oneway.R,
contingency.R, describe.R, reliability.R, lmm.R) draws
random data sets (integer scores with many ties and zeros, and one-decimal scores), writes each
as CSV, reads it back so that R analyses exactly the numbers psyscore will read, and prints R's
results at full precision. This script runs the matching `psyscore compare ...`, `describe` or
`reliability` (`compare repeated` or `mixed` for mixed.R, `compare groups` of three to five for oneway.R, `baseline` for contingency.R, `compare lmm` for lmm.R) with `--format json` on every set and compares value by value: 1e-9 relative for
statistics, 1e-6 for p-values and noncentral-t limits (docs/validation.md); 1e-5 and 1e-4 for
the mixed models of lmm.R, whose reference (lme4) stops its search near 1e-6. It prints the
largest error seen per value and every value out of tolerance, and exits with status 1 if there
is one.

Confidence limits of d and d_z are checked against an exact inversion of R's `pt` by `uniroot`
(tol 1e-15), not against `effectsize`, whose `optim` stops up to 1e-3 short of the root on some
data sets.

Usage: python3 tests/differential/check.py [--psyscore target/release/psyscore] [--sets 150]
       [--seed 1] [--only mixed ...]
Needs R with the packages coin, car, emmeans, psych, afex, effectsize and rstatix (apt-get
install r-base-core r-cran-coin r-cran-car r-cran-emmeans r-cran-psych r-cran-afex
r-cran-effectsize r-cran-rstatix; lme4 and lmerTest for lmm.R). Not part of `cargo test`.
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

STAT_TOL = 1e-9
P_TOL = 1e-6


def paired(result):
    t, w, e = result["t_test"], result["wilcoxon"], result["effect"]
    values = {
        "t": t["t"],
        "t_p": t["p"],
        "t_ci_low": t["ci_low"],
        "t_ci_high": t["ci_high"],
        "dz": e["cohen_dz"],
        "dz_ci_low": e["dz_ci_low"],
        "dz_ci_high": e["dz_ci_high"],
        f"wilcoxon_{w['method']}_p": w["p"],
    }
    if result.get("normality"):
        values["shapiro_w"] = result["normality"]["w"]
        values["shapiro_p"] = result["normality"]["p"]
    return values


def groups(result):
    s, w, m, e = result["student"], result["welch"], result["mann_whitney"], result["effect"]
    return {
        "student_t": s["t"],
        "student_p": s["p"],
        "student_ci_low": s["ci_low"],
        "student_ci_high": s["ci_high"],
        "welch_t": w["t"],
        "welch_df": w["df"],
        "welch_p": w["p"],
        "welch_ci_low": w["ci_low"],
        "welch_ci_high": w["ci_high"],
        "d_ci_low": e["d_ci_low"],
        "d_ci_high": e["d_ci_high"],
        f"mann_whitney_{m['method']}_p": m["p"],
        "levene_p": result["levene"]["p"],
        "levene_mean_p": result["levene_mean"]["p"],
    }


def ancova(result):
    effect, diff = result["group_effect"], result["adj_diff"]
    slopes, gain = result["slopes_homogeneity"], result["gain_welch"]
    return {
        "f": effect["f"],
        "p": effect["p"],
        "partial_eta2": effect["partial_eta2"],
        "adj_mean_a": result["groups"][0]["adj_mean"],
        "adj_mean_b": result["groups"][1]["adj_mean"],
        "adj_diff": diff["estimate"],
        "adj_diff_ci_low": diff["ci_low"],
        "adj_diff_ci_high": diff["ci_high"],
        "slopes_f": slopes["f"],
        "slopes_p": slopes["p"],
        "gain_t": gain["t"],
        "gain_df": gain["df"],
        "gain_p": gain["p"],
    }


def mixed(result):
    values = {}
    tests = {"within": result.get("within") or result.get("anova"),
             "between": result.get("between"), "interaction": result.get("interaction")}
    for name, test in tests.items():
        if not test:
            continue
        values[f"{name}_f"] = test["f"]
        values[f"{name}_p"] = test["p"]
        values[f"{name}_ges"] = test["generalized_eta2"]
        values[f"{name}_pes"] = test["partial_eta2"]
        for key in ["eps_gg", "p_gg", "eps_hf", "p_hf"]:
            if test.get(key) is not None:
                values[f"{name}_{key}"] = test[key]
    if result.get("sphericity"):
        values["mauchly_w"] = result["sphericity"]["w"]
        values["mauchly_p"] = result["sphericity"]["p"]
    if result.get("friedman"):
        values["friedman_chi2"] = result["friedman"]["chi2"]
        values["friedman_p"] = result["friedman"]["p"]
    return values


def mixed_arguments(folder):
    waves, groups = (folder / "design.txt").read_text().split()
    common = ["--id", "id", "--time", "t", "--waves", waves, "-m", "x"]
    if "," in groups:
        return ["compare", "mixed", *common, "--group", "g", "--levels", groups,
                folder / "data.csv"]
    return ["compare", "repeated", *common, folder / "data.csv"]


def lmm(result):
    values = {}
    for key in ["fixed", "anova", "emmeans", "contrasts"]:
        for index, row in enumerate(result[key], start=1):
            for name, value in row.items():
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    values[f"{key}_{name}_{index}"] = value
    for key in ["random", "fit"]:
        for name, value in (result.get(key) or {}).items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                values[f"{key}_{name}"] = value
    return values


def lmm_arguments(folder):
    waves, groups, covariate, method = (folder / "design.txt").read_text().split()
    arguments = ["compare", "lmm", "--id", "id", "--time", "t", "--waves", waves, "-m", "x"]
    if "," in groups:
        arguments += ["--group", "g", "--levels", groups]
    if covariate != "-":
        arguments += ["--covariate", covariate]
    if method == "ml":
        arguments.append("--ml")
    return [*arguments, folder / "data.csv"]


def oneway(result):
    """R's pairs are b − a; psyscore's a − b: differences, limits and Dunn's z turn round."""
    values = {
        "anova_f": result["anova"]["f"],
        "anova_p": result["anova"]["p"],
        "eta2": result["anova"]["eta2"],
        "omega2": result["anova"]["omega2"],
        "welch_f": result["welch_anova"]["f"],
        "welch_df2": result["welch_anova"]["df2"],
        "welch_p": result["welch_anova"]["p"],
        "kruskal_h": result["kruskal"]["h"],
        "kruskal_p": result["kruskal"]["p"],
        "epsilon2": result["kruskal"]["epsilon2"],
    }
    negated = lambda v: None if v is None else -v
    for pair in result["posthoc"]:
        name = f"{pair['a']}_{pair['b']}"
        values[f"diff_{name}"] = negated(pair["diff"])
        values[f"tukey_lwr_{name}"] = negated(pair["ci_high"])
        values[f"tukey_upr_{name}"] = negated(pair["ci_low"])
        values[f"tukey_p_{name}"] = pair["tukey_p"]
        values[f"gh_p_{name}"] = pair["games_howell_p"]
        values[f"gh_low_{name}"] = negated(pair["games_howell_ci_high"])
        values[f"gh_high_{name}"] = negated(pair["games_howell_ci_low"])
        values[f"dunn_z_{name}"] = negated(pair["dunn_z"])
        values[f"dunn_p_adj_{name}"] = pair["dunn_p_adj"]
    return {k: v for k, v in values.items() if v is not None}


def oneway_arguments(folder):
    lines = (folder / "data.csv").read_text().splitlines()[1:]
    levels = sorted({line.split(",")[1].strip('"') for line in lines if line})
    return ["compare", "groups", "--group", "g", "--levels", ",".join(levels), "-m", "x",
            folder / "data.csv"]


def contingency(result):
    """The table's tests; Fisher's p only where psyscore computed it (else it says why)."""
    chi, yates = result["chi_square"] or {}, result["chi_square_yates"] or {}
    values = {
        "chi2": chi.get("statistic"),
        "chi2_df": chi.get("df"),
        "chi2_p": chi.get("p"),
        "yates_chi2": yates.get("statistic"),
        "yates_p": yates.get("p"),
        "cramers_v": result["cramers_v"],
        "min_expected": result["min_expected"],
        "fisher_p": (result["fisher"] or {}).get("p"),
    }
    if result["fisher"] is None and any(
        note.startswith("Fisher's exact test is not computed") for note in result["notes"]
    ):
        values["fisher_not_computed"] = 1
    return {k: v for k, v in values.items() if v is not None}


def contingency_arguments(folder):
    lines = (folder / "data.csv").read_text().splitlines()[1:]
    groups = sorted({line.split(",")[1].strip('"') for line in lines if line})
    levels = (folder / "levels.txt").read_text().strip()
    return ["baseline", "--group", "g", "--levels", ",".join(groups),
            "--ordered", f"x={levels}", folder / "data.csv"]


def describe(result):
    names = ["mean", "sd", "se", "median", "q1", "q3", "min", "max", "skew", "kurtosis",
             "skew_se", "kurtosis_se"]
    return {name: result[name] for name in names}


def reliability(result):
    values = {"alpha": result["alpha"], "alpha_std": result["alpha_std"], "mean_r": result["mean_r"]}
    for number, item in enumerate(result["items"], start=1):
        values[f"r_drop_{number}"] = item["r_drop"]
        values[f"alpha_if_deleted_{number}"] = item["alpha_if_deleted"]
    return values


# Each analysis: its generator, the psyscore arguments for one set's folder, how to pick the
# compared result out of the JSON, and how to name its values as the generator does.
ANALYSES = {
    "paired": (
        lambda d: ["compare", "paired", "--id", "id", "-m", "x",
                   "--pre", d / "pre.csv", "--post", d / "post.csv"],
        lambda j: j["results"][0],
        paired,
    ),
    "groups": (
        lambda d: ["compare", "groups", "--group", "g", "--levels", "a,b", "-m", "x",
                   d / "data.csv"],
        lambda j: j["results"][0],
        groups,
    ),
    "ancova": (
        lambda d: ["compare", "ancova", "--id", "id", "--group", "g", "--levels", "a,b",
                   "-m", "x", "--pre", d / "pre.csv", "--post", d / "post.csv"],
        lambda j: j["results"][0],
        ancova,
    ),
    "mixed": (mixed_arguments, lambda j: j["results"][0], mixed),
    "oneway": (oneway_arguments, lambda j: j["results"][0], oneway),
    "lmm": (lmm_arguments, lambda j: j["results"][0], lmm),
    "contingency": (contingency_arguments, lambda j: j["variables"][0], contingency),
    "describe": (
        lambda d: ["describe", "-m", "x", d / "data.csv"],
        lambda j: j["results"][0],
        describe,
    ),
    "reliability": (
        lambda d: ["reliability", "--scale", "k10", d / "data.csv"],
        lambda j: next(r for r in j["results"] if r["measure"] == "total"),
        reliability,
    ),
}


# lme4's optimizer stops near 1e-6 in the variance ratio (psyscore solves to full precision):
# its fits are compared at the tolerances.
LMM_STAT_TOL = 1e-5
LMM_P_TOL = 1e-4


def tolerance(name, analysis=None):
    if analysis == "lmm":
        return LMM_P_TOL if "_p" in name or "_df" in name else LMM_STAT_TOL
    is_p = name.endswith("_p") or name == "p" or "_p_" in name
    is_ncp_limit = name.startswith(("d_ci", "dz_ci"))
    is_studentized_limit = name.startswith(STUDENTIZED_LIMITS)
    return P_TOL if is_p or is_ncp_limit or is_studentized_limit else STAT_TOL


# R's qtukey stops at about 4 decimals ("accurate to the 4th decimal place", ?qtukey), and its
# ptukey gives upper tails as 1 - P, about 1e-10 off in absolute terms: Tukey and Games–Howell
# limits are compared relative to the interval's half-width, their p-values relative or (tiny
# p) to 1e-9 absolute, where the upper tail psyscore integrates directly is the better value.
STUDENTIZED_LIMITS = ("tukey_lwr_", "tukey_upr_", "gh_low_", "gh_high_")
STUDENTIZED_P = ("tukey_p_", "gh_p_")


def studentized_range_error(name, actual, expected, expected_all):
    if name.startswith(STUDENTIZED_LIMITS):
        pair = name.split("_", 2)[2]
        half_width = abs(expected - expected_all[f"diff_{pair}"])
        return abs(actual - expected) / half_width
    if name.startswith(STUDENTIZED_P):
        return min(relative_error(actual, expected), abs(actual - expected) / 1e-9 * P_TOL)
    return None


def relative_error(actual, expected):
    if abs(expected) < 1e-8:
        return abs(actual - expected)
    return abs(actual - expected) / abs(expected)


def check(analysis, psyscore, sets, seed, work):
    arguments, pick, values_of = ANALYSES[analysis]
    generated = subprocess.run(
        ["Rscript", f"{analysis}.R", str(work), str(sets), str(seed)],
        cwd=HERE, capture_output=True, text=True, check=True,
    ).stdout
    failures, worst, compared = [], {}, 0
    for line in generated.splitlines():
        set_name, *pairs = line.split()
        expected = {k: float(v) for k, v in (p.split("=", 1) for p in pairs)}
        command = [psyscore, *arguments(work / set_name), "--format", "json"]
        run = subprocess.run([str(c) for c in command], capture_output=True, text=True)
        if run.returncode != 0:
            failures.append(f"{set_name}: exit {run.returncode}: {run.stderr.strip()}")
            continue
        actual = values_of(pick(json.loads(run.stdout)))
        for name, value in expected.items():
            if name == "fisher_p" and actual.get("fisher_not_computed"):
                continue  # beyond Fisher's budget: psyscore says so instead of a p-value
            if name not in actual:
                # The other of an exact/normal pair: psyscore reports the one it chose; the
                # Games–Howell df is R's working, not part of psyscore's output.
                if name.startswith(("wilcoxon_", "mann_whitney_", "gh_df_")):
                    continue
                failures.append(f"{set_name}: {name} missing from psyscore's JSON")
                continue
            error = studentized_range_error(name, actual[name], value, expected)
            if error is None:
                error = relative_error(actual[name], value)
            worst[name] = max(worst.get(name, 0.0), error)
            if error > tolerance(name, analysis):
                failures.append(
                    f"{set_name}: {name} psyscore {actual[name]!r} R {value!r} (error {error:.1e})"
                )
        compared += 1
    print(f"{analysis}: {compared} data sets; largest error per value:")
    for name, error in worst.items():
        print(f"  {name:22} {error:.1e}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--psyscore", default=ROOT / "target" / "release" / "psyscore", type=Path)
    parser.add_argument("--sets", default=150, type=int, help="data sets per analysis")
    parser.add_argument("--seed", default=1, type=int)
    parser.add_argument("--only", nargs="*", choices=list(ANALYSES), help="these analyses only")
    options = parser.parse_args()
    failures = []
    with tempfile.TemporaryDirectory() as temp:
        for analysis in options.only or ANALYSES:
            work = Path(temp) / analysis
            work.mkdir()
            failures += check(analysis, options.psyscore.resolve(), options.sets, options.seed, work)
    for failure in failures:
        print(failure)
    print(f"differential: {len(failures)} values out of tolerance")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
