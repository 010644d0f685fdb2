//! `psyscore compare lmm`: the linear mixed model over the waves, against lme4 1.1, lmerTest 3.1
//! and emmeans 1.8 on tests/data/lmm (the full comparisons with R are unit tests in
//! src/compare/lmm_tests.rs; here the command's reading, exclusions, messages and exit codes).
#![allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]

use serde_json::Value;

use crate::util::{close, excluded_lines, json, psyscore};

const LONG: [&str; 9] = [
    "compare",
    "lmm",
    "lmm/dropout.csv",
    "--id",
    "id",
    "--time",
    "time",
    "--waves",
    "pre,post,followup",
];

const WIDE: [&str; 10] = [
    "compare",
    "lmm",
    "--id",
    "id",
    "--wave",
    "pre=lmm/pre.csv",
    "--wave",
    "post=lmm/post.csv",
    "--wave",
    "followup=lmm/followup.csv",
];

fn args<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = base.to_vec();
    args.extend(extra);
    args
}

#[test]
fn dropouts_with_a_covariate_match_lmertest() {
    let report = json(&args(
        &LONG,
        &[
            "--group",
            "group",
            "--control",
            "control",
            "-m",
            "score",
            "--covariate",
            "age",
        ],
    ));
    assert_eq!(report["analysis"], "lmm");
    assert_eq!(
        report["groups"],
        serde_json::json!(["control", "intervention", "waitlist"])
    );
    let r = &report["results"][0];
    assert_eq!(r["n_persons"], 30);
    assert_eq!(r["n_observations"], 73);
    // Rscript tests/data/lmm/reference.R dropout.csv "score ~ group * time + age + (1 | id)" TRUE
    close(&r["fixed"][5]["estimate"], 0.0290613332683, 1e-5);
    assert_eq!(r["fixed"][5]["term"], "age");
    close(&r["fixed"][5]["df"], 25.592282084, 1e-4);
    let anova: Vec<&str> = r["anova"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["term"].as_str().unwrap())
        .collect();
    assert_eq!(anova, ["group", "time", "age", "group:time"]);
    close(&r["anova"][3]["f"], 2.51904379531, 1e-5);
    close(&r["anova"][3]["df2"], 38.472582608, 1e-4);
    close(&r["random"]["intercept_var"], 21.7134074638, 1e-5);
    close(&r["fit"]["reml"], 395.426175469, 1e-5);
    close(&r["emmeans"][0]["emmean"], 52.9678170155, 1e-5);
    close(&r["contrasts"][4]["p_adj"], 0.00218812585597, 1e-4);
    assert_eq!(r["contrasts"][4]["group"], "intervention");
    assert_eq!(r["notes"], serde_json::json!([]));
}

#[test]
fn control_is_the_reference_level_whatever_the_order() {
    let report = json(&args(
        &LONG,
        &[
            "--group",
            "group",
            "--levels",
            "waitlist,intervention,control",
            "--control",
            "control",
            "-m",
            "score",
        ],
    ));
    assert_eq!(
        report["groups"],
        serde_json::json!(["control", "waitlist", "intervention"])
    );
    assert_eq!(report["control"], "control");
    let r = &report["results"][0];
    assert_eq!(r["fixed"][1]["term"], "group[waitlist]");
    // Rscript tests/data/lmm/reference.R dropout.csv "score ~ group * time + (1 | id)" TRUE:
    // groupwaitlist
    close(&r["fixed"][1]["estimate"], -0.653000000001, 1e-5);
    close(&r["anova"][0]["f"], 1.82833145589, 1e-5);
}

#[test]
fn wide_sheets_keep_a_person_seen_at_one_later_wave_and_name_who_lacks_the_covariate() {
    let report = json(&args(&WIDE, &["--group", "group", "-m", "score"]));
    let r = &report["results"][0];
    assert_eq!(
        (r["n_persons"].as_u64(), r["n_observations"].as_u64()),
        (Some(31), Some(74))
    );
    assert_eq!(excluded_lines(&report), Vec::<String>::new());
    let report = json(&args(
        &WIDE,
        &[
            "--group",
            "group",
            "--control",
            "control",
            "-m",
            "score",
            "--covariate",
            "age",
        ],
    ));
    assert_eq!(
        excluded_lines(&report),
        [
            "d05 [missing_covariate]: no age (row 6 of lmm/pre.csv), a covariate of the model",
            "d99 [missing_covariate]: no row at pre, whose sheet holds the covariate age"
        ]
    );
    let r = &report["results"][0];
    assert_eq!(r["n_persons"], 29);
    // The data of dropout.csv without d05: lmer(score ~ group * time + age + (1 | id),
    // d[d$id != "d05", ]); anova(m, type = 3) and VarCorr(m).
    close(&r["anova"][0]["f"], 1.81829200428, 1e-5);
    close(&r["anova"][0]["df2"], 24.6567634375, 1e-4);
    close(&r["anova"][3]["df2"], 36.5181000646, 1e-4);
    close(&r["random"]["residual_var"], 9.81821432775, 1e-5);
}

#[test]
fn a_covariate_that_is_not_a_number_is_a_data_error_naming_its_row() {
    psyscore()
        .args([
            "compare", "lmm", "--id", "id", "--wave", "pre=lmm/pre_bad_age.csv", "--wave",
            "post=lmm/post.csv", "-m", "score", "--covariate", "age",
        ])
        .assert()
        .code(4)
        .stderr("error: lmm/pre_bad_age.csv, row 4: the covariate age is \"forty\", not a number; correct it, or leave the cell empty to leave the person out\n");
}

#[test]
fn a_singular_fit_says_so_under_the_tables() {
    let out = crate::util::stdout_of(&[
        "compare",
        "lmm",
        "lmm/singular.csv",
        "--id",
        "id",
        "--time",
        "time",
        "--waves",
        "pre,post,followup",
        "--group",
        "group",
        "-m",
        "score",
        "--format",
        "table",
    ]);
    assert!(
        out.contains("\nNotes:\n  score: boundary (singular) fit: the between-person variance is estimated as 0 (θ = σ_b/σ below 1e-4, as lme4's isSingular); the persons' averages differ no more than the residual variation alone makes them differ; the df are lmerTest's at the boundary\n"),
        "{out}"
    );
}

#[test]
fn an_empty_cell_is_named_and_the_measure_left_unfitted() {
    let report = json(&[
        "compare",
        "lmm",
        "lmm/empty_cell.csv",
        "--id",
        "id",
        "--time",
        "time",
        "--waves",
        "pre,post,followup",
        "--group",
        "group",
        "-m",
        "score",
    ]);
    let r = &report["results"][0];
    assert_eq!(
        r["notes"],
        serde_json::json!([
            "nobody in group intervention has a score at wave followup: that cell of group × time is empty, so the interaction cannot be estimated and the model is not fitted"
        ])
    );
    assert_eq!(r["fixed"], serde_json::json!([]));
    assert_eq!(r["fit"], Value::Null);
    assert_eq!(r["n_observations"], 40);
}

#[test]
fn usage_errors_exit_2() {
    psyscore()
        .args(args(
            &LONG,
            &["--group", "group", "--control", "placebo", "-m", "score"],
        ))
        .assert()
        .code(2)
        .stderr(
            "error: --control placebo: not one of the groups (intervention, waitlist, control)\n",
        );
    psyscore()
        .args(args(&LONG, &["--levels", "a,b", "-m", "score"]))
        .assert()
        .code(2);
}

#[test]
fn csv_is_one_row_per_measure() {
    let out = crate::util::stdout_of(&args(&LONG, &["-m", "score", "--format", "csv"]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("measure,n_persons,n_observations,per_wave_1_time,per_wave_1_n,"),
        "{}",
        lines[0]
    );
}

#[test]
fn csv_keeps_the_columns_of_a_measure_left_unfitted_aligned() {
    let out = crate::util::stdout_of(&[
        "compare",
        "lmm",
        "lmm/two_measures.csv",
        "--id",
        "id",
        "--time",
        "time",
        "--waves",
        "pre,post,followup",
        "--group",
        "group",
        "-m",
        "score",
        "-m",
        "score2",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|row| row.len() == header.len()));
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[1][column("measure")], "score2");
    assert_eq!(&rows[1][column("fixed_1_estimate")], "");
    assert!(
        rows[1][column("notes")]
            .starts_with("nobody in group intervention has a score at wave followup")
    );
    let intercept: f64 = rows[0][column("fixed_1_estimate")].parse().unwrap();
    assert!((intercept - 50.9025).abs() < 1e-10, "{intercept}");
}

#[test]
fn a_constant_covariate_is_named_as_the_likely_cause() {
    let report = json(&[
        "compare",
        "lmm",
        "lmm/dropout_constant.csv",
        "--id",
        "id",
        "--time",
        "time",
        "--waves",
        "pre,post,followup",
        "--group",
        "group",
        "-m",
        "score",
        "--covariate",
        "constant",
    ]);
    assert_eq!(
        report["results"][0]["notes"],
        serde_json::json!([
            "the fixed effects are not estimable from the data (X'V⁻¹X is singular); the model is not fitted: is a covariate constant, or a copy or sum of others?"
        ])
    );
}

/// `compare lmm` on a long sheet of tests/data/lmm with groups: the result of its one measure.
fn long_result(file: &str, extra: &[&str]) -> Value {
    let mut arguments = vec![
        "compare",
        "lmm",
        file,
        "--id",
        "id",
        "--time",
        "time",
        "--waves",
        "pre,post,followup",
        "-m",
        "score",
    ];
    arguments.extend(extra);
    json(&arguments)["results"][0].clone()
}

#[test]
fn a_group_of_one_person_is_fitted_with_a_note() {
    let r = long_result(
        "lmm/one_person_group.csv",
        &[
            "--group",
            "group",
            "--levels",
            "control,intervention,waitlist",
        ],
    );
    assert_eq!(
        r["notes"],
        serde_json::json!([
            "group waitlist has one person only: its means and changes rest on that person alone"
        ])
    );
    assert_eq!(r["n_persons"], 17);
    assert!(r["fit"]["reml"].is_number());
}

#[test]
fn a_wave_nobody_answered_is_named_and_nothing_fitted() {
    let r = long_result("lmm/empty_wave.csv", &["--group", "group"]);
    assert_eq!(
        r["notes"],
        serde_json::json!([
            "nobody has a score at wave followup, so its effect cannot be estimated and the model is not fitted; leave the wave out of --wave/--waves, or check that sheet"
        ])
    );
    assert_eq!(r["per_wave"][2]["n"], 0);
}

#[test]
fn everyone_seen_once_is_too_few_observations_for_the_model() {
    let r = long_result("lmm/once.csv", &[]);
    assert_eq!(
        r["notes"],
        serde_json::json!([
            "no person has two or more observations, so the between-person and residual variances cannot be told apart; the model is not fitted"
        ])
    );
    assert_eq!(r["n_observations"], 16);
}
