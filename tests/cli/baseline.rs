//! `psyscore baseline`: the participants' characteristics by group ("Table 1").
//!
//! `baseline/characteristics.csv`: 22 caregivers, P01–P11 intervention and P12–P22 control, and
//! P23 without a group; P04's age is `NA` and P16's gender blank; no one has the declared
//! education level `college`; every diagnosis is `lung cancer`. The reference values come from
//! R 4.2 on the sheet with P23 left out (`d <- read.csv("characteristics.csv", na.strings =
//! c("NA", "")); d <- d[!is.na(d$group), ]; g <- factor(d$group, c("intervention",
//! "control"))`); each test names its call.
#![allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]

use crate::util::{json, psyscore};

const SHEET: &str = "baseline/characteristics.csv";
const LEVELS: &str = "intervention,control";

fn assert_close(actual: &serde_json::Value, expected: f64, tolerance: f64, what: &str) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: {actual}"));
    assert!(
        (actual - expected).abs() <= tolerance * expected.abs().max(1e-300),
        "{what}: {actual} vs R's {expected}"
    );
}

#[test]
fn a_categorical_column_of_too_many_values_is_refused_naming_it() {
    psyscore()
        .args([
            "baseline",
            "--group",
            "group",
            "--categorical",
            "hospital_record",
            "baseline/many_values.csv",
        ])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            "error: baseline/many_values.csv: column hospital_record holds 200 different values \
             (R1000, R1007, R1014, R1021, R1028, R1035, R1042, R1049, R1056, R1063 and 190 more), \
             too many for a table of categories (at most 30); if it holds numbers such as age, \
             describe it as continuous (--continuous hospital_record); if it is free text, group \
             its answers into categories first\n",
        );
}

#[test]
fn text_in_a_continuous_column_is_refused_naming_the_column_rows_and_values() {
    psyscore()
        .args([
            "baseline",
            "--group",
            "group",
            "--continuous",
            "age",
            "--categorical",
            "gender",
            "baseline/age_text.csv",
        ])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            "error: baseline/age_text.csv: 2 invalid cells:\n  \
             row 3, column age: \"52岁\" is not valid (expected a number)\n  \
             row 5, column age: \"about 40\" is not valid (expected a number)\n  \
             hint: column age is a continuous characteristic, so each cell must be a number: \
             write the numbers alone (45, not 45岁), or describe the column as categories \
             (--categorical age)\n",
        );
}

#[test]
fn values_outside_the_ordered_levels_are_refused_each_named_once() {
    psyscore()
        .args([
            "baseline",
            "--group",
            "group",
            "--ordered",
            "education=primary,college",
            SHEET,
        ])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            "error: baseline/characteristics.csv: column education holds values not among its \
             ordered levels (primary, college): \"senior secondary\" (5 rows, the first row 2), \
             \"junior secondary\" (6 rows, the first row 4); name every value the column holds, \
             lowest first, as written in the sheet, or describe it as categories without an \
             order (--categorical education)\n",
        );
}

#[test]
fn missing_columns_are_named_with_the_option_that_asked_for_them() {
    psyscore()
        .args([
            "baseline",
            "--group",
            "group",
            "--categorical",
            "genedr",
            "--continuous",
            "agee",
            SHEET,
        ])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            "error: baseline/characteristics.csv: 2 required columns are not found:\n  \
             genedr (needed by --categorical); closest existing column: gender\n  \
             agee (needed by --continuous); closest existing column: age\n  \
             columns in the file: id, group, gender, age, relation, education, months, diagnosis\n",
        );
}

#[test]
fn options_that_name_no_characteristic_or_one_twice_are_usage_errors() {
    for (args, message) in [
        (
            vec![],
            "error: name the characteristics to describe: --categorical COL (e.g. gender), \
             --ordered COL=LOW,...,HIGH (e.g. education) or --continuous COL (e.g. age), each \
             repeatable\n",
        ),
        (
            vec!["--categorical", "gender", "--continuous", "gender"],
            "error: column gender is named twice among --categorical, --ordered and \
             --continuous; name each characteristic once, with its kind\n",
        ),
        (
            vec!["--categorical", "group"],
            "error: --categorical group: group is the --group column; a characteristic \
             describes the people in the groups\n",
        ),
        (
            vec!["--id", "id", "--continuous", "id"],
            "error: --continuous id: id is the --id column; a characteristic describes the \
             people in the groups\n",
        ),
    ] {
        psyscore()
            .args(["baseline", "--group", "group"])
            .args(&args)
            .arg(SHEET)
            .assert()
            .code(2)
            .stdout("")
            .stderr(message);
    }
    psyscore()
        .args(["baseline", "--group", "group", "--ordered", "education=primary", SHEET])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "write COL=LOW,...,HIGH, e.g. education=primary,secondary,college (two levels or more, none empty)",
        ));
    psyscore()
        .args([
            "baseline",
            "--group",
            "group",
            "--ordered",
            "education=a,b,a",
            SHEET,
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("level a is named twice"));
}

/// The result of `variable` in a baseline report.
fn variable<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["variables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["variable"] == name)
        .unwrap_or_else(|| panic!("no variable {name}"))
}

fn two_groups() -> serde_json::Value {
    json(&[
        "baseline",
        "--group",
        "group",
        "--levels",
        LEVELS,
        "--categorical",
        "gender",
        "--categorical",
        "relation",
        "--ordered",
        "education=primary,junior secondary,senior secondary,college",
        "--continuous",
        "age",
        "--continuous",
        "months",
        "--categorical",
        "diagnosis",
        SHEET,
    ])
}

#[test]
fn two_groups_categories_match_r_chisq_and_fisher() {
    let report = two_groups();
    assert_eq!(report["n"], 22);
    assert_eq!(report["excluded"][0]["id"], "P23");
    assert_eq!(report["excluded"][0]["reason"], "other_group");
    // The rows follow the sheet's columns.
    let names: Vec<&str> = report["variables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["variable"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "gender",
            "age",
            "relation",
            "education",
            "months",
            "diagnosis"
        ]
    );

    // 2 × 2, a missing answer: t <- table(d$gender, g)
    let gender = variable(&report, "gender");
    assert_eq!(gender["kind"], "categorical");
    assert_eq!(
        (gender["n"].clone(), gender["missing"].clone()),
        (21.into(), 1.into())
    );
    assert_eq!(gender["missing_by_group"]["control"], 1);
    assert_eq!(gender["levels"][0]["level"], "female");
    assert_eq!(gender["levels"][0]["counts"]["intervention"], 8);
    assert_close(
        &gender["levels"][0]["percent"]["control"],
        80.0,
        1e-12,
        "8 of 10",
    );
    assert_close(
        &gender["levels"][1]["total_percent"],
        500.0 / 21.0,
        1e-12,
        "5 of 21",
    );
    // chisq.test(t, correct = FALSE); chisq.test(t); fisher.test(t)
    assert_close(
        &gender["chi_square"]["statistic"],
        0.15272727272727279,
        1e-9,
        "χ²",
    );
    assert_eq!(gender["chi_square"]["df"], 1.0);
    assert_close(&gender["chi_square"]["p"], 0.69594258499308137, 1e-6, "p");
    // R's Yates statistic is 4.9e-32 here, |O − E| − min(0.5, |O − E|) rounding off zero.
    assert!(gender["chi_square_yates"]["statistic"].as_f64().unwrap() < 1e-12);
    assert_close(&gender["chi_square_yates"]["p"], 1.0, 1e-6, "Yates p");
    assert_close(&gender["fisher"]["p"], 1.0, 1e-6, "Fisher p");
    assert_close(&gender["cramers_v"], 0.085280286542244191, 1e-9, "V");
    assert_close(&gender["min_expected"], 2.3809523809523809, 1e-12, "min E");
    assert_eq!(gender["read"], "fisher");
    assert_eq!(gender["rank_test"], serde_json::Value::Null);

    // 4 × 2, sparse: t <- table(d$relation, g)
    let relation = variable(&report, "relation");
    assert_close(
        &relation["chi_square"]["statistic"],
        2.3999999999999999,
        1e-9,
        "χ²",
    );
    assert_eq!(relation["chi_square"]["df"], 3.0);
    assert_close(&relation["chi_square"]["p"], 0.49363462271172881, 1e-6, "p");
    assert_eq!(relation["chi_square_yates"], serde_json::Value::Null);
    assert_close(
        &relation["fisher"]["p"],
        0.66658728268634271,
        1e-6,
        "Fisher p",
    );
    assert_close(&relation["cramers_v"], 0.33028912953790818, 1e-9, "V");
    assert_close(&relation["min_expected"], 1.0, 1e-12, "min E");

    // Ordered, a declared level no one holds: t <- table(d$education, g) without college;
    // coin::wilcox_test(as.numeric(e) ~ g, distribution = "exact")
    let education = variable(&report, "education");
    assert_eq!(education["ordered"], true);
    assert_eq!(education["levels"][3]["level"], "college");
    assert_eq!(education["levels"][3]["total"], 0);
    assert_close(
        &education["chi_square"]["statistic"],
        7.2727272727272734,
        1e-9,
        "χ²",
    );
    assert_eq!(education["chi_square"]["df"], 2.0);
    assert_close(
        &education["chi_square"]["p"],
        0.026347980814448724,
        1e-6,
        "p",
    );
    assert_close(
        &education["fisher"]["p"],
        0.036802980301431754,
        1e-6,
        "Fisher p",
    );
    assert_close(&education["cramers_v"], 0.57495957457606894, 1e-9, "V");
    assert_eq!(education["rank_test"]["test"], "mann_whitney");
    assert_eq!(education["rank_test"]["statistic"], 95.5);
    assert_eq!(education["rank_test"]["method"], "exact");
    assert_close(
        &education["rank_test"]["p"],
        0.016718833282300775,
        1e-6,
        "MW p",
    );
    assert_eq!(
        education["notes"][0],
        "no one is at college: left out of the tests"
    );

    // One level: no test, said why.
    let diagnosis = variable(&report, "diagnosis");
    assert_eq!(diagnosis["chi_square"], serde_json::Value::Null);
    assert_eq!(diagnosis["fisher"], serde_json::Value::Null);
    assert_eq!(
        diagnosis["notes"][0],
        "every answer is lung cancer: there is nothing to test"
    );
}

#[test]
fn two_groups_numbers_match_r_t_tests_and_mann_whitney() {
    let report = two_groups();
    // a <- d$age; ok <- !is.na(a); t.test(a[ok] ~ g[ok], var.equal = TRUE); t.test(a[ok] ~ g[ok]);
    // coin::wilcox_test(a[ok] ~ g[ok], distribution = "exact"); quantile(a[ok & g == "intervention"])
    let age = variable(&report, "age");
    assert_eq!(age["kind"], "continuous");
    assert_eq!(
        (age["n"].clone(), age["missing"].clone()),
        (21.into(), 1.into())
    );
    let group = &age["groups"][0];
    assert_eq!(group["n"], 10);
    assert_close(&group["mean"], 53.899999999999999, 1e-12, "mean");
    assert_close(&group["sd"], 15.954449048602225, 1e-12, "sd");
    assert_close(&group["q1"], 41.0, 1e-12, "q1");
    assert_close(&group["median"], 55.0, 1e-12, "median");
    assert_close(&group["q3"], 67.75, 1e-12, "q3");
    assert_close(&age["groups"][1]["q1"], 44.5, 1e-12, "control q1");
    assert_close(&age["student"]["t"], 0.50194486061012078, 1e-9, "t");
    assert_eq!(age["student"]["df"], 19.0);
    assert_close(&age["student"]["p"], 0.62147333733079835, 1e-6, "p");
    assert_close(&age["welch"]["t"], 0.49840983716434228, 1e-9, "Welch t");
    assert_close(&age["welch"]["df"], 17.962982632262001, 1e-9, "Welch df");
    assert_close(&age["welch"]["p"], 0.62424283193501862, 1e-6, "Welch p");
    assert_close(&age["mann_whitney"]["p"], 0.52138547726783013, 1e-6, "MW p");
    // car::leveneTest(a[ok] ~ g[ok]) p = 0.2519: Student's test is shown.
    assert_eq!(age["read"], "student");
    assert_eq!(age["anova"], serde_json::Value::Null);
    let months = variable(&report, "months");
    assert_close(&months["welch"]["df"], 19.176743914114695, 1e-9, "Welch df");
    assert_close(
        &months["mann_whitney"]["p"],
        0.91021955340840788,
        1e-6,
        "MW p",
    );
}

#[test]
fn three_groups_match_r_chisq_fisher_anova_and_kruskal_wallis() {
    // d <- read.csv("examples/cbi_arms_pre.csv"); g <- factor(d$arm, c("group work",
    // "case work", "control"))
    let report = json(&[
        "baseline",
        "--group",
        "arm",
        "--levels",
        "group work,case work,control",
        "--categorical",
        "gender",
        "--categorical",
        "relation",
        "--ordered",
        "education=primary,junior secondary,senior secondary,college",
        "--continuous",
        "age",
        "../../examples/cbi_arms_pre.csv",
    ]);
    assert_eq!(report["n"], 28);
    // 2 × 3: t <- table(d$gender, g); chisq.test(t, correct = FALSE); fisher.test(t)
    let gender = variable(&report, "gender");
    assert_close(
        &gender["chi_square"]["statistic"],
        1.6879772079772082,
        1e-9,
        "χ²",
    );
    assert_eq!(gender["chi_square"]["df"], 2.0);
    assert_close(&gender["chi_square"]["p"], 0.42999203058539925, 1e-6, "p");
    assert_close(
        &gender["fisher"]["p"],
        0.45386996904024868,
        1e-6,
        "Fisher p",
    );
    assert_close(&gender["cramers_v"], 0.24552983583446694, 1e-9, "V");
    assert_close(&gender["min_expected"], 4.1785714285714288, 1e-12, "min E");
    // 4 × 3 with empty cells
    let relation = variable(&report, "relation");
    assert_close(
        &relation["chi_square"]["statistic"],
        11.134786324786324,
        1e-9,
        "χ²",
    );
    assert_eq!(relation["chi_square"]["df"], 6.0);
    assert_close(
        &relation["chi_square"]["p"],
        0.084298962293435309,
        1e-6,
        "p",
    );
    assert_close(
        &relation["fisher"]["p"],
        0.053942261803346894,
        1e-6,
        "Fisher p",
    );
    assert_close(&relation["cramers_v"], 0.44590971068756741, 1e-9, "V");
    // 4 × 3 ordered: kruskal.test(as.numeric(factor(d$education, levels = …)) ~ g)
    let education = variable(&report, "education");
    assert_close(
        &education["chi_square"]["statistic"],
        12.501010101010101,
        1e-9,
        "χ²",
    );
    assert_close(
        &education["fisher"]["p"],
        0.024936789087673845,
        1e-6,
        "Fisher p",
    );
    assert_eq!(education["rank_test"]["test"], "kruskal_wallis");
    assert_close(
        &education["rank_test"]["statistic"],
        2.2819842947749818,
        1e-9,
        "H",
    );
    assert_eq!(education["rank_test"]["df"], 2.0);
    assert_close(
        &education["rank_test"]["p"],
        0.31950187156525123,
        1e-6,
        "H p",
    );
    // summary(aov(d$age ~ g)); oneway.test(d$age ~ g); kruskal.test(d$age ~ g)
    let age = variable(&report, "age");
    assert_eq!(age["student"], serde_json::Value::Null);
    assert_close(&age["anova"]["f"], 5.2593251910288705, 1e-9, "F");
    assert_eq!(
        (age["anova"]["df1"].clone(), age["anova"]["df2"].clone()),
        (2.0.into(), 25.0.into())
    );
    assert_close(&age["anova"]["p"], 0.012403504731539217, 1e-6, "p");
    assert_close(
        &age["welch_anova"]["f"],
        5.7805398574352003,
        1e-9,
        "Welch F",
    );
    assert_close(
        &age["welch_anova"]["df2"],
        16.107398319497729,
        1e-9,
        "Welch df2",
    );
    assert_close(
        &age["welch_anova"]["p"],
        0.012814565235881131,
        1e-6,
        "Welch p",
    );
    assert_close(&age["kruskal"]["h"], 8.5000000000000053, 1e-9, "H");
    assert_close(&age["kruskal"]["p"], 0.014264233908999217, 1e-6, "H p");
    // car::leveneTest(d$age ~ g) p = 0.727: the one-way ANOVA is shown.
    assert_eq!(age["read"], "anova");
}

// ---------------------------------------------------------------------------------------------
// In a study: `[participants]`

/// The folder of the example studies.
fn example(name: &str) -> String {
    crate::util::data_dir()
        .join("../../examples")
        .join(name)
        .display()
        .to_string()
}

/// Runs an example study into a fresh folder; returns its results, its Markdown report and its
/// `tables/participants.csv` (without the byte-order mark a report in Chinese starts it with).
fn run_study(study: &str, lang: &str) -> (serde_json::Value, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    psyscore()
        .args(["study", &example(study), "--lang", lang, "-o"])
        .arg(&out)
        .assert()
        .success();
    let results = std::fs::read_to_string(out.join("results.json")).unwrap();
    let report = std::fs::read_to_string(out.join("report.md")).unwrap();
    let csv = std::fs::read_to_string(out.join("tables/participants.csv")).unwrap();
    // A report in Chinese starts its CSV with a byte-order mark for Excel.
    let csv = match lang {
        "zh" => csv
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark")
            .to_owned(),
        _ => csv,
    };
    (serde_json::from_str(&results).unwrap(), report, csv)
}

/// Asserts that the cbi study's `tables/participants.csv` is `psyscore baseline`'s CSV.
fn assert_is_the_commands_csv(csv: &str) {
    // CSV has no room for the notes: the command says them on standard error.
    let command_csv = crate::util::stdout_despite_warnings(&[
        "baseline",
        "--group",
        "group",
        "--levels",
        LEVELS,
        "--categorical",
        "gender",
        "--categorical",
        "relation",
        "--ordered",
        "education=primary,junior secondary,senior secondary,college",
        "--continuous",
        "age",
        "--format",
        "csv",
        &example("cbi_pre.csv"),
    ]);
    assert_eq!(
        csv, command_csv,
        "tables/participants.csv is the command's CSV"
    );
}

#[test]
fn the_study_opens_its_results_with_what_psyscore_baseline_computes() {
    let (results, report, csv) = run_study("cbi_study.toml", "en");
    assert_is_the_commands_csv(&csv);
    let command = json(&[
        "baseline",
        "--group",
        "group",
        "--levels",
        LEVELS,
        "--categorical",
        "gender",
        "--categorical",
        "relation",
        "--ordered",
        "education=primary,junior secondary,senior secondary,college",
        "--continuous",
        "age",
        &example("cbi_pre.csv"),
    ]);
    assert_eq!(results["participants"], command);
    // Table 1, before every questionnaire's results, in a thesis's layout.
    let table = report
        .split("## Results: participants' characteristics\n\n")
        .nth(1)
        .expect("the section");
    assert!(
        report.find("## Results: participants").unwrap()
            < report.find("## Results: Caregiver").unwrap()
    );
    assert!(
        table.starts_with(
            "Table 1. Participants' characteristics by group\n\n\
         | Characteristic |  | intervention (n = 8) | control (n = 9) | statistic | *p* |\n\
         | --- | ---: | ---: | ---: | ---: | ---: |\n\
         | gender | n (%) |  |  | Fisher's exact test | 1.000 |\n\
         |  | female | 5 (62.5%) | 6 (66.7%) |  |  |\n\
         |  | male | 3 (37.5%) | 3 (33.3%) |  |  |\n\
         | age | M (SD) | 56.62 (12.77) | 51.11 (14.99) | t(15) = 0.81 | .430 |\n\
         |  | Mdn [Q1, Q3] | 58.00 [51.50, 64.75] | 49.00 [41.00, 65.00] | U = 44.5 | .438 |\n"
        ),
        "{table}"
    );
    for line in [
        "|  | ranks |  |  | U = 41.5 | .614 |",
        "*Note.* Everyone with a row at pre. n (%): people at each level, percent of the group's answers (missing left out);",
        "- education: the smallest expected count is 0.94, below 5: read Fisher's exact test, not χ²",
        "The participants' characteristics are compared between the groups with Pearson's χ² test, or Fisher's exact test where an expected count is below 5, and the t-test and the Mann–Whitney U test (Table 1).",
        "Table 2. Participants",
    ] {
        assert!(report.contains(line), "{line}\nnot in\n{report}");
    }
}

#[test]
fn the_chinese_report_uses_the_usual_wording_and_one_group_gets_no_tests() {
    let (_, report, csv) = run_study("cbi_study.toml", "zh");
    assert_is_the_commands_csv(&csv);
    for line in [
        "## 结果：研究对象一般资料",
        "表 1 研究对象一般资料比较",
        "| 项目 |  | 干预组 (n = 8) | 对照组 (n = 9) | 统计量 | *P* |",
        "| gender | n (%) |  |  | Fisher 确切概率法 | 1.000 |",
        "| age | M (SD) | 56.62 (12.77) | 51.11 (14.99) | t(15) = 0.81 | 0.430 |",
        "|  | 等级 |  |  | U = 41.5 | 0.614 |",
        "- education：最小理论频数为 0.94，小于 5，以 Fisher 确切概率法的结果为准",
        "研究对象一般资料的组间比较，分类资料采用 χ² 检验（理论频数小于 5 时采用 Fisher 确切概率法），计量资料采用 t 检验和 Mann–Whitney U 检验（表 1）。",
    ] {
        assert!(report.contains(line), "{line}\nnot in\n{report}");
    }
    let (results, report, _) = run_study("children_study.toml", "zh");
    assert_eq!(results["participants"]["group"], serde_json::Value::Null);
    assert_eq!(results["participants"]["groups"][0]["n"], 14);
    for line in [
        "表 1 研究对象一般资料\n\n| 项目 |  | 全体 (n = 14) |\n| --- | ---: | ---: |\n| gender | n (%) |  |\n",
        "仅一组，不作组间检验。",
    ] {
        assert!(report.contains(line), "{line}\nnot in\n{report}");
    }
    assert!(!report.contains("研究对象一般资料的组间比较"));
}

#[test]
fn a_study_whose_participants_name_a_missing_column_or_text_among_numbers_stops_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("s.toml");
    for (participants, stderr) in [
        (
            "categorical = [\"gendre\"]",
            "1 required column is not found:\n  gendre (needed by [participants]); closest existing column: gender",
        ),
        (
            "continuous = [\"relation\"]",
            "hint: column relation is a continuous characteristic, so each cell must be a number: write the numbers alone (45, not 45岁), or describe the column as categories (categorical = [\"relation\"] in [participants])",
        ),
    ] {
        std::fs::write(
            &study,
            format!(
                "[data]\npre = {:?}\npost = {:?}\nid = \"id\"\n[groups]\ncolumn = \"group\"\nintervention = \"intervention\"\ncontrol = \"control\"\n[participants]\n{participants}\n[[scales]]\nscale = \"cbi\"\n",
                example("cbi_pre.csv"),
                example("cbi_post.csv")
            ),
        )
        .unwrap();
        psyscore()
            .args(["study", &study.display().to_string(), "-o"])
            .arg(dir.path().join("out"))
            .assert()
            .code(4)
            .stderr(predicates::str::contains(stderr));
    }
}

#[test]
fn a_participant_whose_group_is_blank_at_the_first_wave_is_counted_in_the_later_group_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let pre = std::fs::read_to_string(example("cbi_pre.csv"))
        .unwrap()
        .replacen("C02,intervention,", "C02,,", 1);
    std::fs::write(dir.path().join("pre.csv"), pre).unwrap();
    let study = dir.path().join("s.toml");
    std::fs::write(
        &study,
        format!(
            "[data]\npre = \"pre.csv\"\npost = {:?}\nid = \"id\"\n[groups]\ncolumn = \"group\"\nintervention = \"intervention\"\ncontrol = \"control\"\n[participants]\ncategorical = [\"gender\"]\n[[scales]]\nscale = \"cbi\"\n",
            example("cbi_post.csv")
        ),
    )
    .unwrap();
    let report = |lang: &str| {
        let out = dir.path().join(format!("out_{lang}"));
        psyscore()
            .args(["study", &study.display().to_string(), "--lang", lang, "-o"])
            .arg(&out)
            .assert()
            .success();
        let results: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("results.json")).unwrap())
                .unwrap();
        // C02 is counted in the intervention group, as in every analysis.
        assert_eq!(results["participants"]["groups"][0]["n"], 8);
        std::fs::read_to_string(out.join("report.md")).unwrap()
    };
    let english = report("en");
    let participants = english
        .split("## Results: participants' characteristics")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    assert!(
        participants.contains(
            "The group column is blank at one time for 1 person; the group given at another time is used: C02 (intervention, blank at pre)."
        ),
        "{participants}"
    );
    let chinese = report("zh");
    assert!(
        chinese.contains(
            "1 人在某一时间点的组别列（group）为空，采用其另一时间点的组别：C02 (干预组，空缺于前测)。"
        ),
        "{chinese}"
    );
}
