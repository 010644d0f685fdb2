//! `psyscore compare` through the real binary on the bundled CBI example (8 intervention and
//! 9 control caregivers, pre and post), checked against R.
//!
//! The R reference values come from scoring the examples with psyscore
//! (`psyscore score -s cbi examples/cbi_pre.csv --keep group -o pre.csv`, likewise post) and
//! then, in R 4.2.2 with effectsize 0.8.3, coin 1.4.2 and car 3.1.1:
//! ```r
//! pre <- read.csv("pre.csv"); post <- read.csv("post.csv")
//! m <- merge(pre, post, by = "id", suffixes = c(".pre", ".post"))
//! ```
//! with each statistic's call next to its value below (`sprintf("%.17g", ...)`).

#![allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them with %.17g"
)]

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{excluded_lines, json, psyscore, result_of};

/// Relative tolerance for t, F, df, CIs and effect sizes.
const TOL_STAT: f64 = 1e-9;
/// Relative tolerance for p-values and noncentral-t CIs.
const TOL_P: f64 = 1e-6;

#[track_caller]
fn close(actual: &Value, expected: f64, tolerance: f64) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{actual} is not a number"));
    let error = (actual - expected).abs() / expected.abs().max(1e-300);
    assert!(
        error <= tolerance,
        "{actual} vs R {expected}: relative error {error:e}"
    );
}

fn total(report: &Value) -> &Value {
    result_of(report, "total")
}

#[test]
fn paired_pre_post_matches_r() {
    let report = json(&[
        "compare",
        "paired",
        "--scale",
        "cbi",
        "--id",
        "id",
        "--pre",
        "../../examples/cbi_pre.csv",
        "--post",
        "../../examples/cbi_post.csv",
    ]);
    assert_eq!(report["analysis"], "paired");
    let measures: Vec<&str> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["measure"].as_str().unwrap())
        .collect();
    assert_eq!(
        measures,
        [
            "time",
            "developmental",
            "physical",
            "social",
            "emotional",
            "total"
        ]
    );
    let r = total(&report);
    assert_eq!(r["n"], 17);
    // tt <- t.test(m$cbi_total.post, m$cbi_total.pre, paired = TRUE)
    close(&r["t_test"]["t"], -3.6097164756242597, TOL_STAT);
    close(&r["t_test"]["df"], 16.0, TOL_STAT);
    close(&r["t_test"]["p"], 0.0023504660179261552, TOL_P);
    close(&r["t_test"]["ci_low"], -14.577414926056466, TOL_STAT);
    close(&r["t_test"]["ci_high"], -3.7904065108186797, TOL_STAT);
    // coin::wilcoxsign_test(post ~ pre, distribution = "exact", zero.method = "Wilcoxon")
    close(&r["wilcoxon"]["v"], 11.0, TOL_STAT);
    close(&r["wilcoxon"]["p"], 0.001617431640625, TOL_P);
    assert_eq!(r["wilcoxon"]["method"], "exact");
    // effectsize::cohens_d(post - pre, ci = 0.95)
    close(&r["effect"]["cohen_dz"], -0.87548484161947893, TOL_STAT);
    close(&r["effect"]["dz_ci_low"], -1.428303548211082, TOL_P);
    close(&r["effect"]["dz_ci_high"], -0.30319547209513459, TOL_P);
    // shapiro.test(post - pre)
    close(&r["normality"]["w"], 0.95138542511968505, TOL_STAT);
    close(&r["normality"]["p"], 0.47879861353333686, TOL_P);
    // Five intervention caregivers moved from moderate to mild burden.
    assert_eq!(
        r["transitions"],
        serde_json::json!([
            {"from": "moderate", "to": "mild", "count": 5},
            {"from": "moderate", "to": "moderate", "count": 12}
        ])
    );
    // C12 has no post-test social score: left out of that measure only, and said so.
    assert_eq!(
        excluded_lines(&report),
        ["C12 (social) [missing_score]: no post score"]
    );
    assert_eq!(
        report["excluded"][0]["missing_at"],
        serde_json::json!(["post"])
    );
    // Holm across the six measures: the total's adjusted p is at least its p.
    assert!(r["t_test"]["p_adj"].as_f64().unwrap() >= r["t_test"]["p"].as_f64().unwrap());
}

#[test]
fn paired_long_form_equals_wide_form() {
    let wide = json(&[
        "compare",
        "paired",
        "--measure",
        "cbi_total",
        "--id",
        "id",
        "--pre",
        "compare/total_pre.csv",
        "--post",
        "compare/total_post.csv",
    ]);
    let long = json(&[
        "compare",
        "paired",
        "--measure",
        "cbi_total",
        "--id",
        "id",
        "--time",
        "wave",
        "--levels",
        "before,after",
        "compare/total_long.csv",
    ]);
    assert_eq!(wide["results"][0]["t_test"], long["results"][0]["t_test"]);
    assert_eq!(long["levels"], serde_json::json!(["before", "after"]));
    assert_eq!(
        excluded_lines(&long),
        [
            "C99 [other_time]: row 37 of compare/total_long.csv: wave is \"follow-up\", none of before, after",
            "C18 [missing_time]: only at before (row 36 of compare/total_long.csv)"
        ]
    );
}

#[test]
fn groups_after_the_intervention_match_r() {
    let report = json(&[
        "compare",
        "groups",
        "--scale",
        "cbi",
        "--group",
        "group",
        "../../examples/cbi_post.csv",
    ]);
    assert_eq!(
        report["levels"],
        serde_json::json!(["intervention", "control"])
    );
    let r = total(&report);
    // x <- post$cbi_total[post$group == "intervention"]; y <- ...[== "control"]
    // t.test(x, y, var.equal = TRUE)
    close(&r["student"]["t"], -3.7628857053913589, TOL_STAT);
    close(&r["student"]["df"], 15.0, TOL_STAT);
    close(&r["student"]["p"], 0.0018807043915188176, TOL_P);
    close(&r["student"]["ci_low"], -28.581599262581591, TOL_STAT);
    close(&r["student"]["ci_high"], -7.9108249798426531, TOL_STAT);
    // t.test(x, y)
    close(&r["welch"]["t"], -3.7180420030024326, TOL_STAT);
    close(&r["welch"]["df"], 13.65115535823989, TOL_STAT);
    close(&r["welch"]["p"], 0.0023867791343003342, TOL_P);
    close(&r["welch"]["ci_low"], -28.796997116244256, TOL_STAT);
    close(&r["welch"]["ci_high"], -7.6954271261799958, TOL_STAT);
    // wilcox.test(x, y)$statistic; coin::wilcox_test(c(x, y) ~ g, distribution = "exact")
    assert_eq!(r["mann_whitney"]["u"], 8.0);
    close(&r["mann_whitney"]["p"], 0.0049362402303578766, TOL_P);
    // effectsize::cohens_d(x, y); effectsize::hedges_g(x, y)
    close(&r["effect"]["cohen_d"], -1.8284337944948366, TOL_STAT);
    close(&r["effect"]["d_ci_low"], -2.9598948971383701, TOL_P);
    close(&r["effect"]["d_ci_high"], -0.65551745262928685, TOL_P);
    close(&r["effect"]["hedges_g"], -1.7351975435637197, TOL_STAT);
    close(&r["effect"]["g_ci_low"], -2.8089627145292804, TOL_P);
    close(&r["effect"]["g_ci_high"], -0.62209103604964988, TOL_P);
    // car::leveneTest(c(x, y) ~ g) and center = mean
    close(&r["levene"]["f"], 0.53147076899169698, TOL_STAT);
    close(&r["levene"]["p"], 0.47721859904223707, TOL_P);
    close(&r["levene_mean"]["f"], 0.51973261957209549, TOL_STAT);
    close(&r["levene_mean"]["p"], 0.48204141758512453, TOL_P);
    assert_eq!(r["favoured"]["test"], "student");
}

#[test]
fn ancova_matches_r() {
    let report = json(&[
        "compare",
        "ancova",
        "--scale",
        "cbi",
        "--id",
        "id",
        "--group",
        "group",
        "--pre",
        "../../examples/cbi_pre.csv",
        "--post",
        "../../examples/cbi_post.csv",
    ]);
    let r = total(&report);
    // fit <- lm(post ~ pre + group) with group levels intervention, control;
    // an <- car::Anova(fit, type = 2)
    close(&r["group_effect"]["f"], 22.161812288307583, TOL_STAT);
    close(&r["group_effect"]["df1"], 1.0, TOL_STAT);
    close(&r["group_effect"]["df2"], 14.0, TOL_STAT);
    close(&r["group_effect"]["p"], 0.00033630104125943755, TOL_P);
    // effectsize::eta_squared(an, partial = TRUE)
    close(
        &r["group_effect"]["partial_eta2"],
        0.61285126175695837,
        TOL_STAT,
    );
    // -coef(fit)["groupcontrol"], -confint(fit)["groupcontrol", 2:1]
    close(&r["adj_diff"]["estimate"], -16.083075962328756, TOL_STAT);
    close(&r["adj_diff"]["ci_low"], -23.410487476245372, TOL_STAT);
    close(&r["adj_diff"]["ci_high"], -8.7556644484121389, TOL_STAT);
    // predict(fit, newdata = data.frame(pre = mean(pre), group = levels))
    close(&r["groups"][0]["adj_mean"], 32.020189731173545, TOL_STAT);
    close(&r["groups"][1]["adj_mean"], 48.103265693502301, TOL_STAT);
    // anova(fit, lm(post ~ pre * group))
    close(
        &r["slopes_homogeneity"]["f"],
        0.061459130829169283,
        TOL_STAT,
    );
    close(&r["slopes_homogeneity"]["p"], 0.80807715966354865, TOL_P);
}

#[test]
fn small_samples_give_null_with_a_note_and_duplicates_are_listed() {
    // Three complete pairs with no change: every test is undefined, nothing is NaN.
    let report = json(&[
        "compare",
        "paired",
        "--measure",
        "score",
        "--id",
        "id",
        "--pre",
        "compare/tiny_pre.csv",
        "--post",
        "compare/tiny_post.csv",
    ]);
    assert_eq!(
        excluded_lines(&report),
        [
            "d [duplicate_id]: the id occurs more than once at post (rows 5, 6 of compare/tiny_post.csv)"
        ]
    );
    let r = &report["results"][0];
    assert_eq!(r["n"], 3);
    assert_eq!(r["diff"]["sd"], 0.0);
    for path in [
        ["t_test", "t"],
        ["t_test", "p"],
        ["wilcoxon", "v"],
        ["effect", "cohen_dz"],
        ["normality", "w"],
    ] {
        assert!(
            r[path[0]][path[1]].is_null(),
            "{path:?} should be null: {r}"
        );
    }
    let notes = r["notes"].to_string();
    assert!(
        notes.contains("the paired t-test and d_z are undefined here"),
        "{notes}"
    );
    assert!(notes.contains("every difference is zero"), "{notes}");
}

#[test]
fn group_levels_are_chosen_explicitly_when_there_are_more_than_two() {
    psyscore()
        .args([
            "compare",
            "groups",
            "--measure",
            "score",
            "--group",
            "group",
            "compare/three_groups_clean.csv",
        ])
        .assert()
        .code(2)
        .stderr("error: column group holds 3 groups (x, y, z); choose the groups to compare with --levels, in the order differences are taken: two (--levels A,B) or more (--levels A,B,C)\n");
    // A column of ids names its first ten values, not every one.
    psyscore()
        .args([
            "compare",
            "groups",
            "--measure",
            "cbi_total",
            "--group",
            "id",
        ])
        .arg("compare/total_post.csv")
        .assert()
        .code(2)
        .stderr(
            "error: column id holds 17 groups (C01, C02, C03, C04, C05, C06, C07, C08, C09, C10 \
             and 7 more); choose the groups to compare with --levels, in the order differences \
             are taken: two (--levels A,B) or more (--levels A,B,C)\n",
        );
    let report = json(&[
        "compare",
        "groups",
        "--measure",
        "score",
        "--group",
        "group",
        "--levels",
        "y,x",
        "compare/three_groups_clean.csv",
    ]);
    assert_eq!(report["levels"], serde_json::json!(["y", "x"]));
    assert_eq!(
        excluded_lines(&report),
        [
            "3 [other_group]: row 4 of compare/three_groups_clean.csv: group is \"z\", not one of the compared (y, x)",
            "4 (score) [missing_score]: no score (row 5 of compare/three_groups_clean.csv)"
        ]
    );
    // y = (6, 4), x = (5, 9): the difference is y − x.
    assert_eq!(report["results"][0]["groups"][0]["mean"], 5.0);
    assert_eq!(report["results"][0]["groups"][1]["mean"], 7.0);
}

#[test]
fn a_measure_that_is_not_a_number_is_a_data_error() {
    psyscore()
        .args([
            "compare",
            "groups",
            "--measure",
            "score",
            "--group",
            "group",
            "--levels",
            "x,y",
            "compare/three_groups.csv",
        ])
        .assert()
        .code(4)
        .stderr(
            "error: compare/three_groups.csv: 1 invalid cell:\n  \
             row 6, column score: \"abc\" is not valid (expected a number)\n  \
             (use --invalid missing to treat them as unanswered and report them instead)\n",
        );
    psyscore()
        .args(["compare", "paired", "--measure", "score", "--id", "person"])
        .args([
            "--pre",
            "compare/tiny_pre.csv",
            "--post",
            "compare/tiny_post.csv",
        ])
        .assert()
        .code(4)
        .stderr(predicates::str::contains("person (needed by --id)"));
}

#[test]
fn summary_statistics_give_the_raw_data_results() {
    // The post-test totals of the example: intervention n = 8, control n = 9. From their
    // means and SDs (as a published table would give them), the t-tests and d, g must equal
    // the raw-data results.
    let raw = json(&[
        "compare",
        "groups",
        "--scale",
        "cbi",
        "--group",
        "group",
        "../../examples/cbi_post.csv",
    ]);
    let r = total(&raw);
    let stat = |g: usize, key: &str| r["groups"][g][key].as_f64().unwrap().to_string();
    let args = [
        "compare".to_owned(),
        "summary".to_owned(),
        "groups".to_owned(),
        "--n".to_owned(),
        "8,9".to_owned(),
        "--mean".to_owned(),
        format!("{},{}", stat(0, "mean"), stat(1, "mean")),
        "--sd".to_owned(),
        format!("{},{}", stat(0, "sd"), stat(1, "sd")),
        "--levels".to_owned(),
        "intervention,control".to_owned(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let summary = json(&args);
    let s = &summary["results"][0];
    for (test, key) in [
        ("student", "t"),
        ("student", "p"),
        ("welch", "t"),
        ("welch", "df"),
        ("welch", "ci_low"),
    ] {
        close(&s[test][key], r[test][key].as_f64().unwrap(), 1e-12);
    }
    for key in ["cohen_d", "d_ci_low", "d_ci_high", "hedges_g", "g_ci_high"] {
        close(&s["effect"][key], r["effect"][key].as_f64().unwrap(), 1e-9);
    }
    assert!(s["mann_whitney"]["u"].is_null());
}

#[test]
fn paired_summary_matches_r() {
    // n = 8, pre 45.2 (6.3), post 28.1 (5.1), r = 0.62: s_d = sqrt(6.3² + 5.1² − 2·0.62·6.3·5.1).
    // R: sd <- sqrt(6.3^2 + 5.1^2 - 2*0.62*6.3*5.1); t <- (28.1 - 45.2) / (sd / sqrt(8));
    //    sprintf("%.17g", c(t, 2 * pt(-abs(t), 7)))
    let report = json(&[
        "compare",
        "summary",
        "paired",
        "--n",
        "8",
        "--mean",
        "45.2,28.1",
        "--sd",
        "6.3,5.1",
        "--r",
        "0.62",
    ]);
    let r = &report["results"][0];
    close(&r["t_test"]["t"], -9.5112351773235684, TOL_STAT);
    close(&r["t_test"]["p"], 2.9739805632152679e-05, TOL_P);
}

#[test]
fn one_person_is_analysed_without_panic_or_nan() {
    for format in ["json", "csv", "md", "table"] {
        psyscore()
            .args([
                "compare",
                "paired",
                "--measure",
                "s",
                "--id",
                "id",
                "--format",
                format,
            ])
            .args([
                "--pre",
                "compare/one_pre.csv",
                "--post",
                "compare/one_post.csv",
            ])
            .assert()
            .success()
            .stdout(
                predicates::str::contains("NaN")
                    .not()
                    .and(predicates::str::contains("inf").not()),
            );
        psyscore()
            .args([
                "compare",
                "groups",
                "--measure",
                "s",
                "--group",
                "g",
                "--format",
                format,
            ])
            .arg("compare/one_each.csv")
            .assert()
            .success()
            .stdout(predicates::str::contains("NaN").not());
    }
    let report = json(&[
        "compare",
        "paired",
        "--measure",
        "s",
        "--id",
        "id",
        "--pre",
        "compare/one_pre.csv",
        "--post",
        "compare/one_post.csv",
    ]);
    assert!(report["results"][0]["t_test"]["t"].is_null());
    assert!(report["results"][0]["pre"]["sd"].is_null());
}

#[test]
fn csv_has_one_row_per_measure_with_every_number() {
    let output = psyscore()
        .args(["compare", "paired", "--scale", "cbi", "--id", "id", "--format", "csv"])
        .args(["--pre", "../../examples/cbi_pre.csv", "--post", "../../examples/cbi_post.csv"])
        .assert()
        .success()
        .stderr("note: 1 row was left out of some or all measures; --format json or table lists them with the reason\n")
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with(
        "measure,n,pre_n,pre_mean,pre_sd,pre_median,post_n,post_mean,post_sd,post_median,diff_mean,diff_sd,t_test_t,t_test_df,t_test_p,"
    ));
    let total = lines.find(|line| line.starts_with("total,")).unwrap();
    // The t of the total, as in R: t.test(post, pre, paired = TRUE)$statistic.
    let t: f64 = total.split(',').nth(12).unwrap().parse().unwrap();
    assert!((t - -3.6097164756242597).abs() < 1e-12);
    assert!(
        total.contains(",moderate -> mild: 5; moderate -> moderate: 12,"),
        "{total}"
    );
}

#[test]
fn a_level_or_only_value_no_row_holds_is_a_usage_error_listing_the_values() {
    // A typo would otherwise compare an empty group and succeed.
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "compare",
                "groups",
                "--measure",
                "cbi_total",
                "--group",
                "group",
                "--levels",
                "intervention,contol",
                "compare/total_post.csv",
            ],
            "error: --levels intervention,contol: no row holds contol in column group; its values are intervention, control\n",
        ),
        (
            &[
                "compare",
                "ancova",
                "--measure",
                "cbi_total",
                "--id",
                "id",
                "--group",
                "group",
                "--levels",
                "Intervention,control",
                "--pre",
                "compare/total_pre.csv",
                "--post",
                "compare/total_post.csv",
            ],
            "error: --levels Intervention,control: no row holds Intervention in column group; its values are intervention, control\n",
        ),
        (
            &[
                "compare",
                "paired",
                "--measure",
                "cbi_total",
                "--id",
                "id",
                "--time",
                "wave",
                "--levels",
                "before,afer",
                "compare/total_long.csv",
            ],
            "error: --levels before,afer: no row holds afer in column wave; its values are before, after, follow-up\n",
        ),
        (
            &[
                "describe",
                "--measure",
                "cbi_total",
                "--only",
                "group=controls",
                "compare/total_post.csv",
            ],
            "error: --only group=controls: no row of compare/total_post.csv holds controls in column group; its values are intervention, control\n",
        ),
        (
            &[
                "compare",
                "groups",
                "--measure",
                "cbi_total",
                "--group",
                "id",
                "--levels",
                "C01,C99",
                "compare/total_post.csv",
            ],
            "error: --levels C01,C99: no row holds C99 in column id; its values are C01, C02, C03, C04, C05, C06, C07, C08, C09, C10 and 7 more\n",
        ),
    ];
    assert_usage_errors(&cases);
}

#[test]
fn sheets_without_a_common_id_are_a_data_error_not_an_empty_analysis() {
    // The post sheet numbers people 1, 2, 3 where the pre sheet has C01, C02, …
    let message = "error: no id has both a pre and a post row, so nothing can be paired
  pre ids (compare/total_pre.csv): C01, C02, C03, C04, C05, C06, C07, C08, C09, C10 and 7 more
  post ids (compare/renumbered_post.csv): 1, 2, 3
  ids are compared as text (trimmed): check the id column, and that e.g. 7 is not written 007 in one sheet
";
    let sheets = [
        "--pre",
        "compare/total_pre.csv",
        "--post",
        "compare/renumbered_post.csv",
    ];
    let commands: [&[&str]; 3] = [
        &["compare", "paired", "--measure", "cbi_total", "--id", "id"],
        &[
            "compare",
            "ancova",
            "--measure",
            "cbi_total",
            "--id",
            "id",
            "--group",
            "group",
            "--levels",
            "intervention,control",
        ],
        &[
            "change",
            "--measure",
            "cbi_total",
            "--id",
            "id",
            "--better",
            "lower",
            "--sd",
            "10",
            "--reliability",
            "0.9",
        ],
    ];
    for command in commands {
        psyscore()
            .args(command)
            .args(sheets)
            .assert()
            .code(4)
            .stdout("")
            .stderr(message);
    }
}

#[test]
fn malformed_analysis_options_are_usage_errors_that_say_what_to_write() {
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "compare",
                "paired",
                "--measure",
                "score",
                "--id",
                "id",
                "--pre",
                "compare/tiny_pre.csv",
                "--post",
                "compare/tiny_post.csv",
                "--only",
                "group",
            ],
            "error: --only group: write COL=VALUE, e.g. --only group=intervention\n",
        ),
        (
            &[
                "compare",
                "groups",
                "--measure",
                "score",
                "--group",
                "group",
                "--levels",
                "x",
                "compare/three_groups_clean.csv",
            ],
            "error: --levels needs two or more different values, e.g. --levels intervention,control or --levels group,case,control; got x\n",
        ),
        (
            &[
                "compare", "summary", "paired", "--n", "8", "--mean", "1,2", "--sd", "1,1", "--r",
                "1.5",
            ],
            "error: --r must be a correlation between -1 and 1, not 1.5\n",
        ),
        (
            &[
                "compare", "summary", "groups", "--n", "8", "--mean", "1,2", "--sd", "1,1",
            ],
            "error: --n takes two values separated by a comma, e.g. --n 8,9\n",
        ),
        (
            &[
                "compare",
                "paired",
                "--measure",
                "score",
                "--id",
                "id",
                "--time",
                "wave",
                "--levels",
                "before",
                "compare/total_long.csv",
            ],
            "error: --time needs --levels with the pre and post values, e.g. --levels pre,post\n",
        ),
        (
            &[
                "change",
                "--scale",
                "cdrisc10",
                "--id",
                "id",
                "--cutoff",
                "b",
                "--functional",
                "31.8",
                "--pre",
                "change/case_pre.csv",
                "--post",
                "change/case_post.csv",
            ],
            "error: --functional takes MEAN,SD, e.g. --functional 31.8,5.4\n",
        ),
    ];
    assert_usage_errors(&cases);
    psyscore()
        .args([
            "compare",
            "groups",
            "--measure",
            "score",
            "--group",
            "g",
            "--conf",
            "95",
            "compare/one_each.csv",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "the confidence level must be a number between 0 and 1, such as 0.95, not 95",
        ));
}

/// Runs each command and requires exit code 2, no output and exactly its message on stderr.
fn assert_usage_errors(cases: &[(&[&str], &'static str)]) {
    for (args, message) in cases {
        psyscore()
            .args(*args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(*message);
    }
}

#[test]
fn without_levels_the_order_is_warned_about_and_every_output_says_it() {
    let warning = "warning: --levels not given: group is compared as intervention − control, the order in which the rows first show them; every difference and effect size changes sign with this order, so give --levels intervention,control (or control,intervention) to fix it\n";
    let groups = [
        "compare",
        "groups",
        "--measure",
        "cbi_total",
        "--group",
        "group",
    ];
    let output = psyscore()
        .args(groups)
        .args(["compare/total_post.csv", "--format", "md"])
        .assert()
        .success()
        .stderr(warning);
    let table = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(
        table.contains("\nDifferences and effect sizes are intervention − control.\n"),
        "{table}"
    );
    let csv = psyscore()
        .args(groups)
        .args(["compare/total_post.csv", "--format", "csv"])
        .assert()
        .success()
        .stderr(warning);
    let csv = String::from_utf8(csv.get_output().stdout.clone()).unwrap();
    assert!(csv.starts_with("measure,groups_1_level,"), "{csv}");
    assert!(csv.contains("\ncbi_total,intervention,8,"), "{csv}");
    psyscore()
        .args(groups)
        .args(["compare/total_post.csv", "--levels", "control,intervention"])
        .assert()
        .success()
        .stderr("");
    psyscore()
        .args(["compare", "ancova", "--measure", "cbi_total", "--id", "id"])
        .args(["--group", "group", "--pre", "compare/total_pre.csv"])
        .args(["--post", "compare/total_post.csv"])
        .assert()
        .success()
        .stderr(warning);
}
