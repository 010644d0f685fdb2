//! `psyscore compare repeated` and `compare mixed`: several waves, against afex/car, t.test
//! and coin on the same data (the R calls are in src/stats/repeated.rs and
//! src/compare/repeated.rs, where the same numbers are unit-tested).
#![allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]

use serde_json::Value;

use crate::util::{close, excluded_lines, json, psyscore};

const WIDE: [&str; 8] = [
    "--wave",
    "pre=waves/pre.csv",
    "--wave",
    "post=waves/post.csv",
    "--wave",
    "followup=waves/followup.csv",
    "--wave",
    "followup2=waves/followup2.csv",
];

fn mixed(extra: &[&str]) -> Value {
    let mut args = vec![
        "compare",
        "mixed",
        "--id",
        "id",
        "--group",
        "group",
        "--measure",
        "score",
    ];
    args.extend(extra);
    json(&args)
}

#[test]
fn the_mixed_anova_of_three_unbalanced_groups_over_four_waves_matches_afex() {
    let mut args = WIDE.to_vec();
    args.extend(["--levels", "group work,case work,control"]);
    let report = mixed(&args);
    assert_eq!(report["analysis"], "mixed");
    assert_eq!(
        report["waves"],
        serde_json::json!(["pre", "post", "followup", "followup2"])
    );
    assert_eq!(
        report["groups"],
        serde_json::json!(["group work", "case work", "control"])
    );
    let r = &report["results"][0];
    assert_eq!(r["n"], 15);
    // afex::aov_ez(..., between = "g", within = "t", type = 3); car's corrections.
    close(&r["between"]["f"], 1.4342918386427401, 1e-9);
    close(&r["between"]["p"], 0.27635661748596407, 1e-6);
    close(&r["between"]["generalized_eta2"], 0.185845728367047, 1e-9);
    close(&r["within"]["f"], 154.3168334921106464, 1e-9);
    close(&r["within"]["eps_gg"], 0.73862347319170285, 1e-9);
    close(&r["within"]["p_gg"], 9.1868623311931146e-16, 1e-6);
    close(&r["within"]["eps_hf"], 0.91325839579052615, 1e-9);
    close(&r["interaction"]["f"], 12.0782230806373807, 1e-9);
    close(&r["interaction"]["p_hf"], 6.5366189681258426e-07, 1e-6);
    close(&r["interaction"]["partial_eta2"], 0.668108974358975, 1e-9);
    close(&r["sphericity"]["w"], 0.59475965076610426, 1e-9);
    close(&r["sphericity"]["chi2"], 5.5712441857892587, 1e-9);
    assert_eq!(r["sphericity"]["df"], 5.0);
    close(&r["sphericity"]["p"], 0.3519645274958661, 1e-6);
    // Simple effects: time within "case work" (its own error term), group at the last wave.
    assert_eq!(r["simple_time"][1]["group"], "case work");
    close(&r["simple_time"][1]["f"], 93.076923076922967, 1e-9);
    close(&r["simple_time"][1]["p_adj"], 1.9205715278791318e-09, 1e-6);
    assert_eq!(r["simple_group"][3]["time"], "followup2");
    close(&r["simple_group"][3]["f"], 3.5116092874299523, 1e-9);
    close(&r["simple_group"][3]["p_adj"], 0.2520249167773258, 1e-6);
    assert_eq!(r["cells"][4]["group"], "case work");
    assert_eq!(r["cells"][4]["time"], "pre");
    assert_eq!(r["cells"][4]["n"], 6);
    // Everyone not analysed is named: another group, a dropout, a missing score.
    assert_eq!(
        excluded_lines(&report),
        [
            "P98 [other_group]: row 18 of waves/pre.csv: group is \"x\", not one of the compared (group work, case work, control)",
            "P99 [missing_time]: not at followup or followup2; at pre (row 17 of waves/pre.csv), at post (row 17 of waves/post.csv)",
            "P97 (score) [missing_score]: no followup score",
        ]
    );
}

#[test]
fn three_groups_are_compared_in_pairs_at_each_wave() {
    let report = mixed(&[
        "--wave",
        "pre=waves/pre.csv",
        "--wave",
        "post=waves/post.csv",
        "--wave",
        "followup=waves/followup.csv",
        "--levels",
        "group work,case work,control",
        "--conf",
        "0.95",
    ]);
    assert_eq!(report["conf"], 0.95);
    let at_followup = &report["results"][0]["simple_group"][2];
    assert_eq!(at_followup["time"], "followup");
    // The people at every wave (4, 6, 5), their follow-up scores:
    // TukeyHSD(aov(fu ~ group))$group (rows b-a, turned round to a − b) and
    // rstatix::dunn_test(fu ~ group, p.adjust.method = "holm") (statistic turned round).
    let expected = [
        (
            "group work",
            "case work",
            -2.5000000000000036,
            -5.8643419065073950,
            0.86434190650738829,
            0.15896262688924090,
            -1.71340411942734328,
            0.25991465691288251,
        ),
        (
            "group work",
            "control",
            -1.3000000000000043,
            -4.7963266696623705,
            2.19632666966236245,
            0.59555011057407037,
            -0.68485453586445488,
            0.57122415163597984,
        ),
        (
            "case work",
            "control",
            1.1999999999999993,
            -1.9560324599433359,
            4.35603245994333399,
            0.58223410888295457,
            1.06779703503118517,
            0.57122415163597984,
        ),
    ];
    let pairs = at_followup["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), 3);
    for (pair, (a, b, diff, low, high, p, z, p_dunn)) in pairs.iter().zip(expected) {
        assert_eq!((pair["a"].as_str(), pair["b"].as_str()), (Some(a), Some(b)));
        close(&pair["diff"], diff, 1e-9);
        close(&pair["ci_low"], low, 1e-7);
        close(&pair["ci_high"], high, 1e-7);
        close(&pair["tukey_p"], p, 1e-6);
        close(&pair["dunn_z"], z, 1e-9);
        close(&pair["dunn_p_adj"], p_dunn, 1e-6);
    }
    // Two groups have no pairs to list beyond the F test itself.
    let two = mixed(&[
        "--wave",
        "pre=waves/pre.csv",
        "--wave",
        "post=waves/post.csv",
        "--levels",
        "group work,control",
    ]);
    assert!(two.get("conf").is_none());
    assert!(two["results"][0]["simple_group"][0].get("pairs").is_none());
}

#[test]
fn long_and_wide_waves_give_the_same_mixed_anova() {
    let mut wide = WIDE.to_vec();
    wide.extend(["--levels", "group work,case work,control"]);
    let long = mixed(&[
        "--time",
        "wave",
        "--waves",
        "pre,post,followup,followup2",
        "--levels",
        "group work,case work,control",
        "waves/long.csv",
    ]);
    assert_eq!(mixed(&wide)["results"], long["results"]);
    assert_eq!(
        excluded_lines(&long),
        [
            "P99 [other_time]: row 62 of waves/long.csv: wave is \"midpoint\", none of pre, post, followup, followup2"
        ]
    );
}

#[test]
fn without_levels_the_control_group_comes_last() {
    let mut args = WIDE.to_vec();
    args.extend(["--control", "group work"]);
    let report = mixed(&args);
    assert_eq!(
        report["groups"],
        serde_json::json!(["case work", "control", "x", "group work"])
    );
    assert_eq!(report["control"], "group work");
}

#[test]
fn one_group_over_five_waves_matches_afex_friedman_and_the_pairwise_tests() {
    let report = json(&[
        "compare",
        "repeated",
        "--id",
        "id",
        "--time",
        "wave",
        "--waves",
        "t1,t2,t3,t4,t5",
        "--measure",
        "score",
        "waves/one_group_long.csv",
    ]);
    let r = &report["results"][0];
    assert_eq!(r["n"], 8);
    close(&r["anova"]["f"], 131.74626865671641, 1e-9);
    close(&r["anova"]["p_gg"], 5.2360175644293908e-13, 1e-6);
    close(&r["anova"]["eps_hf"], 1.2184468430288411, 1e-9);
    close(&r["anova"]["generalized_eta2"], 0.468453965698718, 1e-9);
    close(&r["sphericity"]["p"], 0.54223181857804004, 1e-6);
    // friedman.test(y)
    close(&r["friedman"]["chi2"], 31.189873417721518, 1e-9);
    close(&r["friedman"]["p"], 2.800145780808175e-06, 1e-6);
    // t.test(y[, 2] - y[, 1]) and the Holm adjustment across the ten pairs.
    let first = &r["pairwise"][0];
    assert_eq!(
        (first["a"].as_str(), first["b"].as_str()),
        (Some("t1"), Some("t2"))
    );
    close(&first["ci_low"], -2.8226786544716531, 1e-9);
    close(&first["p_adj"], 0.00041950547990516132, 1e-6);
    close(&first["wilcoxon_p_adj"], 0.078125, 1e-6);
    assert_eq!(r["pairwise"].as_array().unwrap().len(), 10);
}

#[test]
fn the_tables_say_how_sphericity_was_judged() {
    let output = psyscore()
        .args([
            "compare",
            "repeated",
            "--id",
            "id",
            "--time",
            "wave",
            "--waves",
            "pre,post,followup",
            "--measure",
            "score",
            "--only",
            "group=control",
            "--format",
            "md",
            "waves/long.csv",
        ])
        .assert()
        .success()
        .stderr("");
    let text = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    for line in [
        "| score | 5 | 20.20 (1.92) | 19.60 (1.52) | 18.80 (1.48) | 18.50 (2, 8) | < .001 | 0.941 | .001 | 0.822 | 0.131 | 8.59 (2) | .014 | 0.859 |",
        "| score | pre → followup | -1.40 [-2.08, -0.72] | -5.72 (4) | .005 | .014 | 0.0 | .188 |",
        "- score: Mauchly's W = .938, χ²(2) = 0.19, p = .908 ≥ .05: sphericity is not rejected; the uncorrected F holds",
        "- P99: row 62 of waves/long.csv: wave is \"midpoint\", none of pre, post, followup",
    ] {
        assert!(text.contains(line), "{line}\nnot in\n{text}");
    }
    // Only the control group's rows of the wave not asked for are listed: the others are
    // outside --only anyway.
    assert!(!text.contains("P01"), "{text}");
}

#[test]
fn wave_options_that_cannot_work_are_usage_errors() {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--wave", "pre=waves/pre.csv"],
            "error: --wave: give at least two waves, in order (got 1)\n",
        ),
        (
            &[
                "--wave",
                "pre=waves/pre.csv",
                "--wave",
                "pre=waves/post.csv",
            ],
            "error: --wave: the wave pre is named twice\n",
        ),
        (
            &["--wave", "pre", "--wave", "post=waves/post.csv"],
            "error: --wave pre: write NAME=FILE, e.g. --wave followup=cbi_followup.csv\n",
        ),
        (
            &["--time", "wave", "--waves", "pre,later", "waves/long.csv"],
            "error: --waves pre,later: no row of waves/long.csv holds later in column wave; its values are pre, post, followup, followup2, midpoint\n",
        ),
        (
            &["--time", "wave", "--waves", "pre", "waves/long.csv"],
            "error: --waves: give at least two waves, in order (got 1)\n",
        ),
    ];
    for (args, message) in cases {
        psyscore()
            .args(["compare", "repeated", "--id", "id", "--measure", "score"])
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(message);
    }
    psyscore()
        .args([
            "compare",
            "mixed",
            "--id",
            "id",
            "--measure",
            "score",
            "--group",
            "group",
        ])
        .args(WIDE)
        .args(["--control", "none"])
        .assert()
        .code(2)
        .stderr(
            "error: --control none: not one of the groups (group work, case work, control, x)\n",
        );
}
