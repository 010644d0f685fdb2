//! `psyscore compare groups` with three or more levels: the one-way, Welch and Kruskal–Wallis
//! ANOVAs and the pairs of arms, against R on the data of src/compare/arms.rs (there as a, b,
//! c; here group work, case work, control, read from a sheet whose rows mix the arms, with one
//! row of a fourth value and one without a score).
#![allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]

use serde_json::Value;

use crate::util::{
    assert_matches_snapshot, close, data_dir, json, psyscore, stdout_despite_warnings, stdout_of,
};

const SHEET: &str = "arms/three_arms.csv";
const LEVELS: &str = "group work,case work,control";

fn arms(extra: &[&str]) -> Value {
    let mut args = vec![
        "compare",
        "groups",
        "--group",
        "arm",
        "--measure",
        "score",
        "--levels",
        LEVELS,
    ];
    args.extend(extra);
    args.push(SHEET);
    json(&args)
}

#[test]
fn three_arms_get_the_anovas_and_every_pair_as_r_computes_them() {
    let report = arms(&[]);
    assert_eq!(report["analysis"], "groups");
    assert_eq!(
        report["levels"],
        serde_json::json!(["group work", "case work", "control"])
    );
    let r = &report["results"][0];
    let ns: Vec<&Value> = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| &g["n"])
        .collect();
    assert_eq!(ns, [6, 5, 4]);
    // y <- c(12,15,11,18,14,15, 20,17,22,19,15, 13,16,14,12)
    // g <- factor(rep(c("a","b","c"), c(6,5,4))); fit <- aov(y ~ g)
    // summary(fit); effectsize::eta_squared(fit); effectsize::omega_squared(fit)
    close(&r["anova"]["f"], 6.1889992730797188, 1e-9);
    assert_eq!(r["anova"]["df1"], 2.0);
    assert_eq!(r["anova"]["df2"], 12.0);
    close(&r["anova"]["p"], 0.014226536925282925, 1e-6);
    close(&r["anova"]["eta2"], 0.50775286259541985, 1e-9);
    close(&r["anova"]["omega2"], 0.40893684059769891, 1e-9);
    // One measure: adjusting across measures changes nothing.
    assert_eq!(r["anova"]["p_adj"], r["anova"]["p"]);
    // oneway.test(y ~ g, var.equal = FALSE)
    close(&r["welch_anova"]["f"], 5.3868328093903273, 1e-9);
    close(&r["welch_anova"]["df2"], 7.8034668344289413, 1e-9);
    close(&r["welch_anova"]["p"], 0.033904066512789335, 1e-6);
    // kruskal.test(y ~ g); effectsize::rank_epsilon_squared(y ~ g)
    close(&r["kruskal"]["h"], 6.7405535499398344, 1e-9);
    close(&r["kruskal"]["p"], 0.034380120469708488, 1e-6);
    close(&r["kruskal"]["epsilon2"], 0.48146811070998818, 1e-9);
    // car::leveneTest(y ~ g)
    close(&r["levene"]["p"], 0.72090805955161574, 1e-6);
    assert_eq!(r["favoured"]["test"], "anova");
    // TukeyHSD(fit)$g rows b-a, c-a, c-b, turned round to a − b;
    // rstatix::dunn_test(data, y ~ g, p.adjust.method = "holm"), z turned round.
    let expected = [
        (
            "group work",
            "case work",
            -4.43333333333333002,
            -8.30101152408487764,
            -0.56565514258178284,
            0.024985215366491342,
            -2.23998823976783745,
            0.074228430094958692,
        ),
        (
            "group work",
            "control",
            0.41666666666666785,
            -3.70629213783933764,
            4.53962547117267334,
            0.960850085543444976,
            0.23218731804698817,
            0.816392527364196097,
        ),
        (
            "case work",
            "control",
            4.84999999999999787,
            0.56529552384929449,
            9.13470447615070213,
            0.026754640000063556,
            2.24539462716216720,
            0.074228430094958692,
        ),
    ];
    let pairs = r["posthoc"].as_array().unwrap();
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
    // rstatix::games_howell_test(data, y ~ g) (p.adj before rounding): a − b, limits swapped
    close(&pairs[0]["games_howell_p"], 0.051831811198441824, 1e-6);
    close(&pairs[0]["games_howell_ci_low"], -8.9045006600106227, 1e-7);
    close(
        &pairs[0]["games_howell_ci_high"],
        0.037833993343952876,
        1e-7,
    );
    // Who was left out, and why.
    let excluded = report["excluded"].as_array().unwrap();
    let reasons: Vec<(&str, &str)> = excluded
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(reasons, [("P17", "other_group"), ("P16", "missing_score")]);
}

#[test]
fn the_table_names_the_pairs_the_anova_to_read_and_who_was_left_out() {
    let table = stdout_of(&[
        "compare",
        "groups",
        "--group",
        "arm",
        "--measure",
        "score",
        "--levels",
        LEVELS,
        "--format",
        "md",
        SHEET,
    ]);
    let path = data_dir().join("arms").join("three_arms.md");
    assert_matches_snapshot(&table, &path, "compare groups --format md (three arms)");
    assert!(table.contains("| score | group work − case work | -4.43 | [-8.30, -0.57] | .025 |"));
    assert!(table.contains("read the ANOVA and Tukey's HSD"));
}

#[test]
fn csv_numbers_the_pairs() {
    let csv = stdout_despite_warnings(&[
        "compare",
        "groups",
        "--group",
        "arm",
        "--measure",
        "score",
        "--levels",
        LEVELS,
        "--format",
        "csv",
        SHEET,
    ]);
    let header = csv.lines().next().unwrap();
    for column in [
        "anova_f",
        "welch_anova_p_adj",
        "kruskal_epsilon2",
        "favoured_test",
        "posthoc_1_a",
        "posthoc_3_dunn_p_adj",
        "normality_3_w",
    ] {
        assert!(
            header.split(',').any(|c| c == column),
            "{column} in {header}"
        );
    }
}

#[test]
fn more_than_two_groups_must_be_named_and_what_needs_two_is_refused() {
    let cases: [(&[&str], &str); 5] = [
        (
            &[],
            "error: column arm holds 4 groups (case work, group work, control, pilot); choose the groups to compare with --levels, in the order differences are taken: two (--levels A,B) or more (--levels A,B,C)\n",
        ),
        (
            &["--levels", "control,control,case work"],
            "error: --levels needs two or more different values, e.g. --levels intervention,control or --levels group,case,control; got control,control,case work\n",
        ),
        (
            &["--levels", "group work,case work,controls"],
            "error: --levels group work,case work,controls: no row holds controls in column arm; its values are case work, group work, control, pilot\n",
        ),
        (
            &["--levels", LEVELS, "--alternative", "less"],
            "error: --alternative applies to two groups; with 3 the ANOVAs and their pairs are two-sided\n",
        ),
        (
            &["--levels", LEVELS, "--method", "exact"],
            "error: --method exact applies to two groups' Mann–Whitney test; Kruskal–Wallis and Dunn's test use their large-sample distributions, as R's kruskal.test and rstatix's dunn_test\n",
        ),
    ];
    for (extra, message) in cases {
        psyscore()
            .args(["compare", "groups", "--group", "arm", "--measure", "score"])
            .args(extra)
            .arg(SHEET)
            .assert()
            .code(2)
            .stdout("")
            .stderr(message.to_owned());
    }
    let many: Vec<String> = (1..=21).map(|i| format!("g{i}")).collect();
    psyscore()
        .args([
            "compare",
            "groups",
            "--group",
            "arm",
            "--measure",
            "score",
            "--levels",
        ])
        .arg(many.join(","))
        .arg(SHEET)
        .assert()
        .code(2)
        .stderr("error: --levels names 21 groups; psyscore compares at most 20 at once\n");
}

#[test]
fn two_of_three_arms_are_compared_as_two_groups() {
    let report = arms_of_two();
    let r = &report["results"][0];
    assert!(r.get("student").is_some());
    assert!(r.get("anova").is_none());
}

fn arms_of_two() -> Value {
    json(&[
        "compare",
        "groups",
        "--group",
        "arm",
        "--measure",
        "score",
        "--levels",
        "group work,control",
        SHEET,
    ])
}
