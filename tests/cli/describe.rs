//! `psyscore describe` and `psyscore change` through the real binary, checked against R and
//! against hand computation.

#![allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them with %.17g"
)]

use serde_json::Value;

use crate::util::{json, psyscore, stdout_despite_warnings};

#[track_caller]
fn close(actual: &Value, expected: f64) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{actual} is not a number"));
    let error = (actual - expected).abs() / expected.abs().max(1e-300);
    assert!(
        error <= 1e-9,
        "{actual} vs R {expected}: relative error {error:e}"
    );
}

#[test]
fn describe_by_group_matches_psych_describe() {
    let report = json(&[
        "describe",
        "--measure",
        "cbi_total",
        "--by",
        "group",
        "compare/total_pre.csv",
    ]);
    assert_eq!(report["quantiles"], "r7");
    let results = report["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(
        results[0]["groups"],
        serde_json::json!({"group": "intervention"})
    );
    // R: x <- d$cbi_total[d$group == "intervention"]; psych::describe(x, type = 2);
    //    quantile(x, c(.25, .75)); SPSS SEs: ses <- sqrt(6n(n-1)/((n-2)(n+1)(n+3))),
    //    sek <- 2 ses sqrt((n^2-1)/((n-3)(n+5)))
    let r = &results[0];
    assert_eq!(r["n"], 8);
    assert_eq!(r["missing"], 0);
    close(&r["mean"], 48.527173913043477);
    close(&r["sd"], 7.0305239933342065);
    close(&r["se"], 2.4856655954906715);
    close(&r["median"], 48.0);
    close(&r["q1"], 45.0);
    close(&r["q3"], 50.804347826086953);
    close(&r["min"], 39.0);
    close(&r["max"], 62.0);
    close(&r["skew"], 0.7633418277311671);
    close(&r["kurtosis"], 1.2089793040541839);
    close(&r["skew_se"], 0.75210143309035493);
    close(&r["kurtosis_se"], 1.4808804789742462);
    let r = &results[1];
    assert_eq!(r["groups"], serde_json::json!({"group": "control"}));
    close(&r["mean"], 50.777777777777779);
    close(&r["sd"], 8.2124566631699452);
    close(&r["skew"], -0.6169341619968387);
    close(&r["kurtosis"], -1.5751900922128002);
    close(&r["kurtosis_se"], 1.3997084244475302);
    // quantile(x, c(.25, .75), type = 6): SPSS's definition.
    let spss = json(&[
        "describe",
        "--measure",
        "cbi_total",
        "--by",
        "group",
        "--quantiles",
        "spss",
        "compare/total_pre.csv",
    ]);
    assert_eq!(spss["quantiles"], "spss6");
    close(&spss["results"][1]["q1"], 41.5);
    close(&spss["results"][1]["q3"], 57.5);
}

#[test]
fn describe_counts_bands_for_each_input() {
    let report = json(&[
        "describe",
        "--scale",
        "cbi",
        "--label",
        "pre",
        "--label",
        "post",
        "../../examples/cbi_pre.csv",
        "../../examples/cbi_post.csv",
    ]);
    let totals: Vec<&Value> = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["measure"] == "total")
        .collect();
    assert_eq!(totals[0]["groups"], serde_json::json!({"label": "pre"}));
    assert_eq!(
        totals[0]["bands"],
        serde_json::json!([
            {"label": "mild", "count": 0, "percent": 0.0},
            {"label": "moderate", "count": 17, "percent": 100.0},
            {"label": "severe", "count": 0, "percent": 0.0}
        ])
    );
    // After the sessions five caregivers of the intervention group are in the mild band.
    assert_eq!(totals[1]["bands"][0]["count"], 5);
    let social_post = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["measure"] == "social" && r["groups"]["label"] == "post")
        .unwrap();
    assert_eq!(social_post["missing"], 1);
    psyscore()
        .args([
            "describe",
            "--scale",
            "cbi",
            "--label",
            "pre",
            "../../examples/cbi_pre.csv",
            "../../examples/cbi_post.csv",
        ])
        .assert()
        .code(2)
        .stderr("error: give one --label per input: 2 inputs, 1 labels\n");
}

#[test]
fn reliable_change_by_hand() {
    // CD-RISC-10 norms in the scale file carry no reliability, so they come from the command
    // line: SD 5.4, r = .85 → S_diff = √2 · 5.4 · √0.15 = 2.957634…; a gain of 7 points is
    // RCI = 7 / 2.9576 = 2.3668 > 1.96: reliably improved (higher resilience is better).
    let report = json(&[
        "change",
        "--scale",
        "cdrisc10",
        "--id",
        "id",
        "--sd",
        "5.4",
        "--reliability",
        "0.85",
        "--pre",
        "change/case_pre.csv",
        "--post",
        "change/case_post.csv",
    ]);
    let r = &report["results"][0];
    assert_eq!(r["measure"], "total");
    assert_eq!(r["better"], "higher");
    assert_eq!(r["source"], "command line (--sd, --reliability)");
    let s_diff = 2f64.sqrt() * 5.4 * 0.15f64.sqrt();
    close(&r["s_diff"], s_diff);
    let person = &r["people"][0];
    assert_eq!(person["id"], "F07");
    close(&person["pre"], 18.0);
    close(&person["post"], 25.0);
    close(&person["rci"], 7.0 / s_diff);
    assert_eq!(person["change"], "improved");
    assert_eq!(
        r["summary"],
        serde_json::json!({"improved": 1, "unchanged": 0, "deteriorated": 0})
    );
}

#[test]
fn change_without_reference_values_says_what_is_missing() {
    psyscore()
        .args(["change", "--scale", "cdrisc10", "--id", "id"])
        .args(["--pre", "change/case_pre.csv", "--post", "change/case_post.csv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: no reliable change index can be computed:
  total: no SD and reliability to use: the scale has no norms with a reliability, and this sample (1 before) is smaller than 30 to use its own by default
  give --sd SD --reliability R from the scale's manual or a norm sample, or --sd sample to use this sample's own pre-test SD and Cronbach's alpha
",
        );
    psyscore()
        .args(["change", "--measure", "score", "--id", "id", "--sd", "5", "--reliability", "0.8"])
        .args(["--pre", "compare/tiny_pre.csv", "--post", "compare/tiny_post.csv"])
        .assert()
        .code(2)
        .stderr("error: say which direction is better with --better lower|higher (the scale does not say)\n");
}

#[test]
fn change_with_sd_sample_uses_the_pre_test_sd_and_alpha() {
    let args = [
        "change",
        "--scale",
        "cbi",
        "--id",
        "id",
        "--sd",
        "sample",
        "--pre",
        "../../examples/cbi_pre.csv",
        "--post",
        "../../examples/cbi_post.csv",
    ];
    let report = json(&args);
    let time = &report["results"][0];
    assert_eq!(time["measure"], "time");
    // R: d <- read.csv("examples/cbi_pre.csv"); t <- rowSums(d[, paste0("cbi_", 1:5)])
    //    sprintf("%.17g", sd(t))  "1.8391174353957038"
    //    psych::alpha(d[, paste0("cbi_", 1:5)])$total$raw_alpha  0.74184782608695654
    //    sprintf("%.17g", sqrt(2) * sd(t) * sqrt(1 - 0.74184782608695654))  "1.3214853496773109"
    close(&time["sd"], 1.8391174353957038);
    close(&time["reliability"], 0.74184782608695654);
    close(&time["s_diff"], 1.3214853496773109);
    assert_eq!(
        time["source"],
        "this sample: pre-test SD (n = 17) and Cronbach's alpha (n = 17, fewer than 30: imprecise)"
    );
    assert_eq!(time["notes"], serde_json::json!([]));
    // A column of scores has no items for alpha; one person has no SD.
    let cases: [(&[&str], &str); 2] = [
        (
            &["--measure", "score", "--better", "lower", "--pre", "compare/tiny_pre.csv", "--post", "compare/tiny_post.csv"],
            "error: no reliable change index can be computed:
  score: a column of scores has no items to compute Cronbach's alpha from (--scale scores the items)
  give --sd SD --reliability R from the scale's manual or a norm sample
",
        ),
        (
            &["--scale", "cdrisc10", "--pre", "change/case_pre.csv", "--post", "change/case_post.csv"],
            "error: no reliable change index can be computed:
  total: this sample's pre-test SD needs two scores or more (it has 1), and Cronbach's alpha cannot be computed from this sample (1 complete respondent; it needs two or more whose items vary)
  give --sd SD --reliability R from the scale's manual or a norm sample
",
        ),
    ];
    for (args, message) in cases {
        psyscore()
            .args(["change", "--id", "id", "--sd", "sample"])
            .args(args)
            .assert()
            .code(4)
            .stdout("")
            .stderr(message);
    }
}

#[test]
fn reliability_matches_psych_alpha() {
    // R: d <- read.csv("examples/cbi_pre.csv"); x <- na.omit(d[, paste0("cbi_", 1:24)])
    //    a <- psych::alpha(x, check.keys = FALSE)
    let report = json(&[
        "reliability",
        "--scale",
        "cbi",
        "../../examples/cbi_pre.csv",
    ]);
    assert_eq!(report["scale"], "cbi");
    let total = report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["measure"] == "total")
        .unwrap();
    // C03 left item 7 blank: listwise, 16 of 17 respondents.
    assert_eq!(total["n"], 16);
    assert_eq!(total["excluded"], 1);
    assert_eq!(total["k"], 24);
    close(&total["alpha"], 0.89115844762182661);
    close(&total["alpha_std"], 0.89283925633682704);
    close(&total["mean_r"], 0.2576961937714124);
    // Feldt: 1 - (1 - alpha) * qf(c(.975, .025), n - 1, (n - 1) * (k - 1))
    close(&total["alpha_ci_low"], 0.79633006984543075);
    close(&total["alpha_ci_high"], 0.95499726889926762);
    // a$item.stats$r.drop[1], a$alpha.drop$raw_alpha[1]
    close(&total["items"][0]["r_drop"], 0.46833482807782867);
    close(&total["items"][0]["alpha_if_deleted"], 0.88727923821925614);
    // psych::omega(x, nfactors = 1, flip = FALSE)$omega.tot = 0.89699709539973316; psych's
    // optimizer stops short of the exact minres solution psyscore finds (here by about 1e-8).
    let omega = total["omega"].as_f64().unwrap();
    assert!((omega - 0.89699709539973316).abs() < 1e-6, "{omega}");
    // A subscale, on all 17 respondents (nobody left a time item blank):
    // R: t <- psych::alpha(d[, paste0("cbi_", 1:5)]); t$total$raw_alpha, t$item.stats$r.drop[3]
    let time = &report["results"][0];
    assert_eq!(time["n"], 17);
    close(&time["alpha"], 0.74184782608695654);
    close(&time["items"][2]["r_drop"], 0.42597852519521728);
    // The example's items all correlate positively with the rest of their dimension.
    assert_eq!(report["warnings"], serde_json::json!([]));
}

#[test]
fn an_item_that_correlates_negatively_is_warned_about() {
    // The first, throwaway CBI example sheet, whose answers were drawn independently around
    // each person's level: its time items hang together poorly.
    // R: d <- read.csv("tests/data/reliability_miskeyed.csv");
    //    t <- psych::alpha(d[, paste0("cbi_", 1:5)]); t$total$raw_alpha, t$item.stats$r.drop[3]
    let report = json(&["reliability", "--scale", "cbi", "reliability_miskeyed.csv"]);
    let time = &report["results"][0];
    close(&time["alpha"], 0.031779661016949207);
    close(&time["items"][2]["r_drop"], -0.338501600193165);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("time: item cbi_3 correlates negatively with the rest (r.drop = -0.34); is its reverse keying right?"),
        "{warnings}"
    );
}

#[test]
fn an_item_uncorrelated_with_the_rest_up_to_rounding_is_not_called_negative() {
    // Item 1's covariance with the sum of items 2 and 3 is exactly 0 (in exact arithmetic:
    // Σ (x − 23/5)(y − 10) = 0), so r.drop is 0; floating point leaves about −2e-17.
    let report = json(&[
        "reliability",
        "--scale",
        "scales/nine.toml",
        "reliability_rounding.csv",
    ]);
    let r_drop = report["results"][0]["items"][0]["r_drop"].as_f64().unwrap();
    assert!(r_drop.abs() < 1e-15, "{r_drop}");
    assert_eq!(
        report["warnings"],
        serde_json::json!([
            "total: an item's loading reached 1 in the one-factor model (a Heywood case); omega is unstable in this sample"
        ])
    );
    let table = stdout_despite_warnings(&[
        "reliability",
        "--scale",
        "scales/nine.toml",
        "reliability_rounding.csv",
        "--format",
        "md",
    ]);
    assert!(
        table.contains("| nine_1 | 4.60 | 2.97 | 0.000 | 0.863 |"),
        "{table}"
    );
}

#[test]
fn clinical_significance_against_each_cutoff() {
    // Dysfunctional 20 (SD 5), functional 31.8 (SD 5.4), higher is better:
    // a = 20 + 2·5 = 30; b = 31.8 − 2·5.4 = 21; c = (5.4·20 + 5·31.8) / (5 + 5.4) = 267/10.4.
    // F07 moved from 18 to 25, a reliable improvement (RCI 2.37).
    for (criterion, value, recovered) in [
        ("a", 30.0, false),
        ("b", 21.0, true),
        ("c", 267.0 / 10.4, false),
    ] {
        let report = json(&[
            "change",
            "--scale",
            "cdrisc10",
            "--id",
            "id",
            "--sd",
            "5.4",
            "--reliability",
            "0.85",
            "--cutoff",
            criterion,
            "--dysfunctional",
            "20,5",
            "--functional",
            "31.8,5.4",
            "--pre",
            "change/case_pre.csv",
            "--post",
            "change/case_post.csv",
        ]);
        let r = &report["results"][0];
        assert_eq!(r["cutoff"]["criterion"], criterion);
        close(&r["cutoff"]["value"], value);
        assert_eq!(
            r["people"][0]["recovered"], recovered,
            "criterion {criterion}"
        );
        assert_eq!(r["summary"]["recovered"], usize::from(recovered));
    }
    // Without --functional the scale's norms are the functional population.
    let report = json(&[
        "change",
        "--scale",
        "cdrisc10",
        "--id",
        "id",
        "--sd",
        "5.4",
        "--reliability",
        "0.85",
        "--cutoff",
        "c",
        "--dysfunctional",
        "20,5",
        "--pre",
        "change/case_pre.csv",
        "--post",
        "change/case_post.csv",
    ]);
    let cutoff = &report["results"][0]["cutoff"];
    assert_eq!(
        cutoff["functional"],
        serde_json::json!({"mean": 31.8, "sd": 5.4})
    );
    assert!(
        cutoff["source"]
            .as_str()
            .unwrap()
            .contains("functional: norms, Campbell-Sills")
    );
}

#[test]
fn a_heywood_case_is_warned_about() {
    // The three-item data of the Heywood unit test in src/stats/reliability.rs.
    let report = json(&[
        "reliability",
        "--scale",
        "scales/three.toml",
        "reliability_heywood.csv",
    ]);
    assert_eq!(
        report["warnings"],
        serde_json::json!([
            "total: an item's loading reached 1 in the one-factor model (a Heywood case); omega is unstable in this sample"
        ])
    );
}

#[test]
fn the_analysis_commands_start_csv_with_a_byte_order_mark_on_request() {
    let pre = "../../examples/cbi_pre.csv";
    let post = "../../examples/cbi_post.csv";
    let commands: [&[&str]; 5] = [
        &["describe", "--scale", "cbi", pre],
        &["reliability", "--scale", "cbi", pre],
        &[
            "change",
            "--scale",
            "cbi",
            "--id",
            "id",
            "--sd",
            "5",
            "--reliability",
            "0.8",
            "--pre",
            pre,
            "--post",
            post,
        ],
        &[
            "compare", "paired", "--scale", "cbi", "--id", "id", "--pre", pre, "--post", post,
        ],
        &[
            "compare", "groups", "--scale", "cbi", "--group", "group", pre,
        ],
    ];
    // Some of them warn on standard error; only standard output matters here.
    let stdout = stdout_despite_warnings;
    for args in commands {
        let plain = stdout(&[args, &["--format", "csv"]].concat());
        let marked = stdout(&[args, &["--format", "csv", "--bom"]].concat());
        assert_eq!(marked, format!("\u{feff}{plain}"), "{args:?}");
        let json = stdout(&[args, &["--format", "json", "--bom"]].concat());
        assert!(json.starts_with('{'), "{args:?}: {json}");
    }
}

#[test]
fn a_measure_without_a_reliable_change_index_is_named_with_the_reason() {
    // The conscientiousness items of this sheet are all 3 before: no SD, no alpha.
    let args = [
        "change",
        "--scale",
        "scales/demo.toml",
        "--better",
        "higher",
        "--id",
        "id",
        "--sd",
        "sample",
        "--pre",
        "change/partial_pre.csv",
        "--post",
        "change/partial_post.csv",
    ];
    let reason = "no reliable change index: this sample's pre-test scores do not vary (SD 0), and Cronbach's alpha cannot be computed from this sample (4 complete respondents; it needs two or more whose items vary)";
    let output = psyscore()
        .args(args)
        .args(["--format", "table"])
        .assert()
        .success()
        .stderr(format!("warning: consc: {reason}\n"))
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.ends_with(&format!("\nconsc: {reason}\n")), "{text}");
    let report: serde_json::Value = serde_json::from_slice(
        &psyscore()
            .args(args)
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    let consc = &report["results"][1];
    assert_eq!(consc["notes"], serde_json::json!([reason]));
    assert!(consc["s_diff"].is_null() && consc["people"][0]["change"].is_null());
    assert_eq!(consc["summary"]["improved"], 0);
}
