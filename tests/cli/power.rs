//! `psyscore power paired|groups|anova` through the real binary: every solve direction, the
//! JSON fields, the table, and the refusals with their exact messages and exit codes. The
//! numbers themselves are checked against R's pwr in `src/stats/power/tests.rs`; here the R
//! values are repeated where a command prints them.

#![allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]

use crate::util::{close, json, psyscore, stdout_of};

/// R's pwr values are matched to 1e-6 relative.
const REL: f64 = 1e-6;

/// The keys of a JSON object, in order.
fn keys_of(object: &serde_json::Value) -> Vec<&str> {
    object
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect()
}

/// Asserts `psyscore ARGS` fails with `code` and exactly `message` on standard error.
#[track_caller]
fn refused(args: &[&str], code: i32, message: &str) {
    psyscore()
        .args(args)
        .assert()
        .code(code)
        .stdout("")
        .stderr(format!("error: {message}\n"));
}

#[test]
fn paired_sample_size_power_and_effect() {
    // R: pwr.t.test(d=.5, power=.8, type="paired")$n is 33.37: 34 pairs, with
    // pwr.t.test(n=34, d=.5, type="paired")$power
    let n = json(&["power", "paired", "--d", "0.5", "--power", "0.8"]);
    assert_eq!(n["test"], "paired");
    assert_eq!(n["solve_for"], "n");
    assert_eq!(n["alpha"], 0.05);
    assert_eq!(n["alternative"], "two-sided");
    assert_eq!(n["power"], 0.8);
    assert_eq!(n["n"], 34);
    assert_eq!(n["effect"], 0.5);
    close(&n["achieved_power"], 0.80777750127944004, REL);
    close(&n["noncentrality"], 0.5 * 34f64.sqrt(), REL);
    // R: qt(.975, 33)
    close(&n["critical"], 2.0345152974493383, REL);
    assert_eq!(n["df"], 33);
    assert_eq!(
        keys_of(&n),
        [
            "test",
            "solve_for",
            "alpha",
            "alternative",
            "power",
            "n",
            "effect",
            "achieved_power",
            "noncentrality",
            "critical",
            "df"
        ]
    );

    // R: pwr.t.test(n=20, d=.5, type="paired", alternative="greater")$power
    let power = json(&[
        "power",
        "paired",
        "--n",
        "20",
        "--d",
        "0.5",
        "--alternative",
        "greater",
    ]);
    assert_eq!(power["solve_for"], "power");
    close(&power["power"], 0.69514933824465752, REL);
    close(&power["achieved_power"], 0.69514933824465752, REL);

    // R: root(function(d) pwr.t.test(n=20, d=d, type="paired", alternative="less")$power - .8,
    // -10, -1e-7) with root <- function(f, lo, hi) uniroot(f, c(lo, hi), tol = 1e-15)$root
    let effect = json(&[
        "power",
        "paired",
        "--n",
        "20",
        "--power",
        "0.8",
        "--alternative",
        "less",
    ]);
    assert_eq!(effect["solve_for"], "effect");
    close(&effect["effect"], -0.57691700133812274, REL);
    assert!(effect["critical"].as_f64().unwrap() < 0.0);
}

#[test]
fn groups_with_unequal_sizes_and_an_allocation_ratio() {
    // R: pwr.t2n.test(n1=8, n2=9, d=.8)$power
    let power = json(&["power", "groups", "--n", "8,9", "--d", "0.8"]);
    assert_eq!(
        (power["n1"].clone(), power["n2"].clone()),
        (8.into(), 9.into())
    );
    close(&power["power"], 0.3380209142193138, REL);
    assert_eq!(power["df"], 15);
    // R: root(function(d) pwr.t2n.test(n1=8, n2=9, d=d)$power - .8, 1e-7, 10)
    let effect = json(&["power", "groups", "--n", "8,9", "--power", "0.8"]);
    close(&effect["effect"], 1.456699373332365, REL);
    // R: pwr.t.test(d=.5, power=.8)$n is 63.77: 64 each, pwr.t.test(n=64, d=.5)$power
    let equal = json(&["power", "groups", "--d", "0.5", "--power", "0.8"]);
    assert_eq!(
        (equal["n1"].clone(), equal["n2"].clone()),
        (64.into(), 64.into())
    );
    close(&equal["achieved_power"], 0.80145955792232759, REL);
    // R: the smallest n1 with pwr.t2n.test(n1=n1, n2=ceiling(2*n1), d=.5)$power >= .8 is 48
    let ratio = json(&[
        "power", "groups", "--d", "0.5", "--power", "0.8", "--ratio", "2",
    ]);
    assert_eq!(
        (ratio["n1"].clone(), ratio["n2"].clone()),
        (48.into(), 96.into())
    );
    close(&ratio["achieved_power"], 0.80213954966780909, REL);
}

#[test]
fn anova_in_every_direction() {
    // R: pwr.anova.test(k=3, n=20, f=.25)$power; qf(.95, 2, 57)
    let power = json(&[
        "power", "anova", "--groups", "3", "--n", "20", "--f", "0.25",
    ]);
    assert_eq!(power["test"], "anova");
    assert!(power.get("alternative").is_none());
    assert_eq!(power["groups"], 3);
    close(&power["power"], 0.37443107631934985, REL);
    close(&power["critical"], 3.1588427192606447, REL);
    assert_eq!(power["df"], serde_json::json!([2, 57]));
    close(&power["noncentrality"], 3.75, REL);
    // R: pwr.anova.test(k=3, f=.25, power=.8)$n is 52.4: 53, pwr.anova.test(k=3, n=53, f=.25)$power
    let n = json(&[
        "power", "anova", "--groups", "3", "--f", "0.25", "--power", "0.8",
    ]);
    assert_eq!(n["n"], 53);
    close(&n["achieved_power"], 0.8048872853634701, REL);
    // R: root(function(f) pwr.anova.test(k=4, n=10, f=f)$power - .8, 1e-7, 10)
    let f = json(&[
        "power", "anova", "--groups", "4", "--n", "10", "--power", "0.8",
    ]);
    close(&f["effect"], 0.55132591351735838, REL);
}

#[test]
fn table_for_the_screen() {
    let table = stdout_of(&[
        "power", "paired", "--d", "0.5", "--power", "0.8", "--format", "table",
    ]);
    assert!(
        table.contains("│ n (pairs)       ┆ 34            │"),
        "{table}"
    );
    assert!(
        table.contains("│ achieved power  ┆ 0.8078        │"),
        "{table}"
    );
    // Into a pipe: CSV with every digit.
    let csv = stdout_of(&[
        "power", "anova", "--groups", "3", "--n", "20", "--f", "0.25",
    ]);
    assert!(
        csv.starts_with("quantity,value\ntest,one-way ANOVA\nsolved for,power\n"),
        "{csv}"
    );
}

#[test]
fn bad_requests_are_usage_errors() {
    let two_of = "give exactly two of --n, --power and --d: the one left out is solved for (e.g. --d 0.5 --power 0.8 for the sample size)";
    refused(&["power", "paired", "--d", "0.5"], 2, two_of);
    refused(
        &[
            "power", "paired", "--d", "0.5", "--n", "20", "--power", "0.8",
        ],
        2,
        two_of,
    );
    refused(
        &["power", "anova", "--groups", "3", "--f", "0.25"],
        2,
        "give exactly two of --n, --power and --f: the one left out is solved for (e.g. --f 0.5 --power 0.8 for the sample size)",
    );
    refused(
        &["power", "paired", "--d", "0.5", "--power", "1"],
        2,
        "the power 1 cannot be reached: it must lie above α = 0.05 (the power of no effect) and below 1; ask for e.g. 0.8",
    );
    refused(
        &["power", "paired", "--n", "20", "--power", "0.04"],
        2,
        "the power 0.04 cannot be reached: it must lie above α = 0.05 (the power of no effect) and below 1; ask for e.g. 0.8",
    );
    refused(
        &[
            "power", "paired", "--d", "0.5", "--power", "0.8", "--alpha", "1.5",
        ],
        2,
        "the significance level α = 1.5 must lie between 0 and 1 (exclusive); use e.g. 0.05",
    );
    refused(
        &["power", "paired", "--d", "0", "--power", "0.8"],
        2,
        "no sample size reaches a power of 0.8 for an effect of 0: give an effect other than 0, such as d = 0.5",
    );
    refused(
        &[
            "power",
            "groups",
            "--d",
            "-0.3",
            "--power",
            "0.8",
            "--alternative",
            "greater",
        ],
        2,
        "no sample size reaches a power of 0.8 for an effect of -0.3, with the alternative greater: give an effect above 0, such as d = 0.5",
    );
    refused(
        &[
            "power", "anova", "--groups", "3", "--f", "0", "--power", "0.8",
        ],
        2,
        "no sample size reaches a power of 0.8 for an effect of 0: give an effect above 0, such as f = 0.25",
    );
    refused(
        &["power", "paired", "--n", "1", "--d", "0.5"],
        2,
        "a sample size of 1 is too small: each group needs at least 2",
    );
    refused(
        &["power", "groups", "--n", "8,1", "--d", "0.5"],
        2,
        "a sample size of 1 is too small: each group needs at least 2",
    );
    refused(
        &["power", "groups", "--n", "3,4,5", "--d", "0.5"],
        2,
        "--n takes one size per group or two, N1,N2: got 3 numbers",
    );
    refused(
        &["power", "anova", "--groups", "1", "--n", "5", "--f", "0.25"],
        2,
        "an ANOVA of 1 groups is not supported: give between 2 and 100 groups",
    );
    refused(
        &["power", "paired", "--d", "0.0001", "--power", "0.8"],
        2,
        "reaching a power of 0.8 for an effect of 0.0001 needs more than 1000000 per group; check the effect size",
    );
    refused(
        &[
            "power", "anova", "--groups", "100", "--n", "1000000", "--f", "0.01",
        ],
        2,
        "an ANOVA of 100 groups of 1000000 (100000000 people) is beyond the 10000000 in all supported; check the numbers",
    );
    refused(
        &["power", "paired", "--d", "25", "--n", "10"],
        2,
        "an effect size of 25 is beyond ±10, surely a slip; give the standardized effect (e.g. 0.5)",
    );
    refused(
        &[
            "power", "groups", "--d", "0.5", "--power", "0.8", "--ratio", "0",
        ],
        2,
        "the allocation ratio n2/n1 = 0 must lie between 0.01 and 100; use e.g. 1 for equal groups",
    );
    refused(
        &[
            "power", "anova", "--groups", "3", "--n", "10", "--power", "0.8", "--alpha", "0.7",
        ],
        2,
        "the significance level α = 0.7 is above 0.5, which an ANOVA's power does not support; use e.g. 0.05",
    );
    // Not a number: refused by the parser, never printed as NaN.
    psyscore()
        .args(["power", "paired", "--d", "nan", "--n", "10"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid value 'nan' for '--d <D>': write a finite number such as 45.2, not nan",
        ));
    // Clap's own refusals are usage errors too.
    psyscore()
        .args(["power", "groups", "--n", "8", "--ratio", "2", "--d", "0.5"])
        .assert()
        .code(2);
}

#[test]
fn mixed_every_direction_and_term() {
    // R (src/stats/power/mixed_tests.rs): pw(.25, 17, 2, 3, .5, 1, "interaction")
    let power = json(&[
        "power", "mixed", "--waves", "3", "--rho", "0.5", "--n", "8,9", "--f", "0.25",
    ]);
    assert_eq!(power["test"], "mixed");
    assert_eq!(power["term"], "interaction");
    assert_eq!(power["solve_for"], "power");
    assert_eq!(power["groups"], 2);
    assert_eq!(power["waves"], 3);
    assert_eq!(power["rho"], 0.5);
    assert_eq!(power["eps"], 1.0);
    assert_eq!(power["n"], serde_json::json!([8, 9]));
    assert_eq!(power["n_total"], 17);
    close(&power["power"], 0.56589313826452448, 1e-7);
    close(&power["achieved_power"], 0.56589313826452448, 1e-7);
    close(&power["noncentrality"], 6.375, 1e-12);
    close(&power["critical"], 3.3158295010135221, 1e-9);
    assert_eq!(power["df"], serde_json::json!([2, 30]));
    assert_eq!(
        keys_of(&power),
        [
            "test",
            "term",
            "solve_for",
            "alpha",
            "power",
            "groups",
            "waves",
            "rho",
            "eps",
            "n",
            "n_total",
            "effect",
            "achieved_power",
            "noncentrality",
            "critical",
            "df"
        ]
    );
    // The sensitivity of 8 and 9 people: R's uniroot on pw(f, 17, ...) 0.32335764772836989.
    let effect = json(&[
        "power", "mixed", "--waves", "3", "--rho", "0.5", "--n", "8,9", "--power", "0.8",
    ]);
    assert_eq!(effect["solve_for"], "effect");
    close(&effect["effect"], 0.32335764772836989, 1e-7);
    // 14 per group: pw(.25, 28, ...) 0.811560217726922, pw(.25, 26, ...) below .8.
    let n = json(&[
        "power", "mixed", "--waves", "3", "--rho", "0.5", "--f", "0.25", "--power", "0.8",
    ]);
    assert_eq!(n["solve_for"], "n");
    assert_eq!(n["n"], serde_json::json!([14, 14]));
    close(&n["achieved_power"], 0.811560217726922, 1e-7);
    // One group, within, fractional df: pw(.2, 17, 2, 4, .6, .5, "within") with 8 and 9 in
    // two groups; one --n for every group.
    let within = json(&[
        "power", "mixed", "--term", "within", "--waves", "4", "--rho", "0.6", "--eps", "0.5",
        "--n", "8,9", "--f", "0.2",
    ]);
    close(&within["achieved_power"], 0.36129232094602426, 1e-7);
    assert_eq!(within["df"], serde_json::json!([1.5, 22.5]));
    let alone = json(&[
        "power", "mixed", "--term", "within", "--groups", "1", "--waves", "3", "--rho", "0.5",
        "--f", "0.25", "--power", "0.8",
    ]);
    // pw(.25, 28, 1, 3, .5, 1, "within") 0.8124546112328731
    assert_eq!(alone["n"], serde_json::json!([28]));
    close(&alone["achieved_power"], 0.8124546112328731, 1e-7);
    // Between, with no ε: pw(.4, 30, 3, 2, -.5, 1, "between") and its f at power .8.
    let between = json(&[
        "power", "mixed", "--term", "between", "--groups", "3", "--waves", "2", "--rho", "-0.5",
        "--n", "10", "--f", "0.4",
    ]);
    assert_eq!(between["n"], serde_json::json!([10, 10, 10]));
    assert!(between.get("eps").is_none());
    close(&between["achieved_power"], 0.96767907650856999, 1e-7);
    let between = json(&[
        "power", "mixed", "--term", "between", "--groups", "3", "--waves", "2", "--rho", "-0.5",
        "--n", "10", "--power", "0.8",
    ]);
    close(&between["effect"], 0.29984109958955485, 1e-7);
}

#[test]
fn mixed_table() {
    let table = stdout_of(&[
        "power", "mixed", "--waves", "4", "--rho", "0.6", "--eps", "0.5", "--term", "within",
        "--n", "8,9", "--f", "0.2", "--format", "table",
    ]);
    assert!(
        table.contains("│ test                      ┆ mixed ANOVA, within (waves) │"),
        "{table}"
    );
    assert!(
        table.contains("│ n per group               ┆ 8, 9                        │"),
        "{table}"
    );
    assert!(
        table.contains("│ df1                       ┆ 1.500                       │"),
        "{table}"
    );
    assert!(
        table.contains("│ nonsphericity ε           ┆ 0.500                       │"),
        "{table}"
    );
}

#[test]
fn mixed_bad_requests() {
    let base = ["power", "mixed", "--waves", "3", "--rho", "0.5"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> {
        base.iter().chain(extra).copied().collect()
    };
    refused(
        &with(&[
            "--term", "between", "--eps", "0.7", "--n", "8", "--f", "0.2",
        ]),
        2,
        "--eps applies to the within and interaction terms only: the between term has no nonsphericity correction; leave --eps out",
    );
    refused(
        &with(&["--n", "8,9,10", "--f", "0.2"]),
        2,
        "--n takes one size for every group or one per group (N1,N2,...): got 3 numbers for 2 groups",
    );
    refused(
        &with(&["--f", "0.2"]),
        2,
        "give exactly two of --n, --power and --f: the one left out is solved for (e.g. --f 0.5 --power 0.8 for the sample size)",
    );
    refused(
        &[
            "power", "mixed", "--waves", "3", "--rho", "-0.6", "--n", "8", "--f", "0.2",
        ],
        2,
        "the correlation among waves ρ = -0.6 is impossible for 3 waves: it must lie above -0.5 (−1/(waves − 1)) and below 1; use e.g. 0.5",
    );
    refused(
        &[
            "power", "mixed", "--waves", "4", "--rho", "0.5", "--eps", "0.333", "--n", "8", "--f",
            "0.2",
        ],
        2,
        "the nonsphericity correction ε = 0.333 must lie between 1/(waves − 1) = 0.3333333333333333 and 1 for 4 waves; use 1 under sphericity",
    );
    refused(
        &[
            "power", "mixed", "--waves", "1", "--rho", "0.5", "--n", "8", "--f", "0.2",
        ],
        2,
        "a repeated-measures design of 1 waves is not supported: give between 2 and 100 waves",
    );
    refused(
        &with(&["--groups", "1", "--n", "8", "--f", "0.2"]),
        2,
        "the interaction term of a mixed design of 1 groups is not supported: give between 2 and 100 groups",
    );
    refused(
        &with(&["--f", "0", "--power", "0.8"]),
        2,
        "no sample size reaches a power of 0.8 for an effect of 0: give an effect above 0, such as f = 0.25",
    );
    refused(
        &with(&["--n", "8,1", "--f", "0.2"]),
        2,
        "a sample size of 1 is too small: each group needs at least 2",
    );
    refused(
        &with(&["--n", "8,9", "--power", "1"]),
        2,
        "the power 1 cannot be reached: it must lie above α = 0.05 (the power of no effect) and below 1; ask for e.g. 0.8",
    );
    refused(
        &with(&["--n", "8,9", "--power", "0.8", "--alpha", "0.6"]),
        2,
        "the significance level α = 0.6 is above 0.5, which an ANOVA's power does not support; use e.g. 0.05",
    );
}

#[test]
fn rank_tests_every_direction() {
    // R (src/stats/power/rank_tests.rs): pw(.5, 17, 0, 1.5, TRUE), the Laplace signed-rank test
    let power = json(&[
        "power", "paired", "--rank", "laplace", "--n", "17", "--d", "0.5",
    ]);
    assert_eq!(power["test"], "signed-rank");
    assert_eq!(power["parent"], "laplace");
    assert_eq!(power["are"], 1.5);
    assert_eq!(power["n"], 17);
    close(&power["achieved_power"], 0.67904848383526817, REL);
    close(&power["noncentrality"], 0.5 * 25.5f64.sqrt(), 1e-12);
    // ν = 1.5 · 17 − 1, written as it is.
    assert_eq!(power["df"], 24.5);
    assert_eq!(
        keys_of(&power),
        [
            "test",
            "solve_for",
            "alpha",
            "alternative",
            "power",
            "n",
            "parent",
            "are",
            "effect",
            "achieved_power",
            "noncentrality",
            "critical",
            "df"
        ]
    );
    // 35 pairs under a normal parent (the t-test needs 34).
    let n = json(&[
        "power", "paired", "--rank", "normal", "--d", "0.5", "--power", "0.8",
    ]);
    assert_eq!(n["n"], 35);
    close(&n["achieved_power"], 0.8006915493153367, REL);
    // The Mann–Whitney test of 8 and 9, logistic parent: its smallest d at power .8.
    let effect = json(&[
        "power", "groups", "--rank", "logistic", "--n", "8,9", "--power", "0.8",
    ]);
    assert_eq!(effect["test"], "rank-sum");
    assert_eq!(effect["parent"], "logistic");
    assert_eq!(effect["n1"], 8);
    assert_eq!(effect["n2"], 9);
    close(&effect["effect"], 1.3813170858431325, REL);
    let n = json(&[
        "power", "groups", "--rank", "laplace", "--d", "0.5", "--power", "0.8",
    ]);
    assert_eq!((n["n1"].clone(), n["n2"].clone()), (43.into(), 43.into()));
    close(&n["achieved_power"], 0.80454259343076395, REL);
}

#[test]
fn rank_table_names_the_parent() {
    let table = stdout_of(&[
        "power", "groups", "--rank", "normal", "--n", "265", "--d", "0.25", "--format", "table",
    ]);
    assert!(
        table.contains("│ test            ┆ Wilcoxon–Mann–Whitney (A.R.E.) │"),
        "{table}"
    );
    assert!(
        table.contains("│ parent          ┆ normal                         │"),
        "{table}"
    );
    assert!(
        table.contains("│ A.R.E.          ┆ 0.9549                         │"),
        "{table}"
    );
    assert!(
        table.contains("│ df              ┆ 504.113                        │"),
        "{table}"
    );
    psyscore()
        .args([
            "power", "paired", "--rank", "cauchy", "--n", "10", "--d", "0.5",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "invalid value 'cauchy' for '--rank <PARENT>'",
        ));
}
