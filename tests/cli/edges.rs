//! The edges of the numbers and of the output: option values that are not numbers a study can
//! have, extreme values in the data, huge samples, and output that cannot be written.

use crate::util::psyscore;

/// Runs each command and requires exit code 2, no output and exactly its message on stderr.
fn assert_usage_errors(cases: &[(&[&str], &str)]) {
    for (args, message) in cases {
        psyscore()
            .args(*args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(message.to_string());
    }
}

/// clap's refusal of one option value, as it prints it.
fn invalid(value: &str, option: &str, reason: &str) -> String {
    format!(
        "error: invalid value '{value}' for '{option}': {reason}\n\nFor more information, try '--help'.\n"
    )
}

#[test]
fn numeric_options_refuse_what_is_not_a_finite_number_in_range() {
    let groups = ["compare", "summary", "groups", "--n", "8,9"];
    let paired = ["compare", "summary", "paired", "--n", "8"];
    let change = [
        "change",
        "--scale",
        "cdrisc10",
        "--id",
        "id",
        "--pre",
        "change/case_pre.csv",
        "--post",
        "change/case_post.csv",
    ];
    let finite = |value: &str| format!("write a finite number such as 45.2, not {value}");
    let sd =
        |value: &str| format!("an SD is a finite number of 0 or more, such as 9.8, not {value}");
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            [&groups[..], &["--mean", "nan,1", "--sd", "1,1"]].concat(),
            invalid("nan", "--mean <M1,M2>", &finite("nan")),
        ),
        (
            [&groups[..], &["--mean", "inf,1", "--sd", "1,1"]].concat(),
            invalid("inf", "--mean <M1,M2>", &finite("inf")),
        ),
        (
            [&groups[..], &["--mean", "1,2", "--sd", "-1,1"]].concat(),
            invalid("-1", "--sd <SD1,SD2>", &sd("-1")),
        ),
        (
            [&groups[..], &["--mean", "1,2", "--sd", "1e400"]].concat(),
            invalid("1e400", "--sd <SD1,SD2>", &sd("1e400")),
        ),
        (
            ["compare", "summary", "groups", "--n", "0,9", "--mean", "1,2", "--sd", "1,1"].to_vec(),
            invalid(
                "0",
                "--n <N1,N2>",
                "a number of people is a whole number of at least 1, such as 12, not 0",
            ),
        ),
        (
            [&paired[..], &["--mean", "1,-inf", "--sd", "1,1", "--r", "0.5"]].concat(),
            invalid("-inf", "--mean <PRE,POST>", &finite("-inf")),
        ),
        (
            [&paired[..], &["--mean", "1,2", "--sd", "1,NaN", "--r", "0.5"]].concat(),
            invalid("NaN", "--sd <PRE,POST>", &sd("NaN")),
        ),
        (
            [&paired[..], &["--mean", "1,2", "--sd", "1,1", "--r", "nan"]].concat(),
            "error: --r must be a correlation between -1 and 1, not NaN\n".to_owned(),
        ),
        (
            [&groups[..], &["--mean", "1,2", "--sd", "1,1", "--conf", "nan"]].concat(),
            invalid(
                "nan",
                "--conf <CONF>",
                "the confidence level must be a number between 0 and 1, such as 0.95, not nan",
            ),
        ),
        (
            [&change[..], &["--sd", "inf", "--reliability", "0.8"]].concat(),
            invalid(
                "inf",
                "--sd <SD|sample>",
                "write the reference SD, a finite number above 0 such as 5.4, or `sample`, not inf",
            ),
        ),
        (
            [&change[..], &["--sd", "-5", "--reliability", "0.8"]].concat(),
            invalid(
                "-5",
                "--sd <SD|sample>",
                "write the reference SD, a finite number above 0 such as 5.4, or `sample`, not -5",
            ),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "1"]].concat(),
            invalid(
                "1",
                "--reliability <R>",
                "a reliability is a number from 0 up to but not including 1, such as 0.85, not 1",
            ),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "nan"]].concat(),
            invalid(
                "nan",
                "--reliability <R>",
                "a reliability is a number from 0 up to but not including 1, such as 0.85, not nan",
            ),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "0.8", "--criterion", "-1"]].concat(),
            invalid(
                "-1",
                "--criterion <CRITERION>",
                "the criterion is a finite number above 0, such as 1.96, not -1",
            ),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "0.8", "--cutoff", "a", "--dysfunctional", "20,inf"]].concat(),
            invalid("inf", "--dysfunctional <MEAN,SD>", &finite("inf")),
        ),
        (
            [&change[..], &["--sd", "5", "--reliability", "0.8", "--cutoff", "a", "--dysfunctional", "20,-5"]].concat(),
            "error: --dysfunctional: the SD must be above 0, not -5; write MEAN,SD, e.g. --dysfunctional 31.8,5.4\n".to_owned(),
        ),
        (
            [&change[..], &["--sd", "5"]].concat(),
            "error: --sd needs --reliability too (the measure's alpha or test–retest r from the same source), or write --sd sample to use this sample's pre-test SD and alpha\n".to_owned(),
        ),
        (
            [&change[..], &["--reliability", "0.8"]].concat(),
            "error: --reliability needs --sd too (the measure's SD in the same reference population)\n".to_owned(),
        ),
        (
            [&change[..], &["--sd", "sample", "--reliability", "0.8"]].concat(),
            "error: --sd sample takes the reliability from the sample too (Cronbach's alpha before); leave out --reliability, or give --sd a number\n".to_owned(),
        ),
        (
            ["reliability", "--scale", "cbi", "--conf", "inf", "../../examples/cbi_pre.csv"].to_vec(),
            invalid(
                "inf",
                "--conf <CONF>",
                "the confidence level must be a number between 0 and 1, such as 0.95, not inf",
            ),
        ),
    ];
    let cases: Vec<(&[&str], &str)> = cases
        .iter()
        .map(|(args, message)| (args.as_slice(), message.as_str()))
        .collect();
    assert_usage_errors(&cases);
}

#[test]
fn negative_means_and_correlations_are_numbers_not_options() {
    let report = crate::util::json(&[
        "compare", "summary", "paired", "--n", "8", "--mean", "-1,2", "--sd", "1,1", "--r", "-0.3",
    ]);
    assert_eq!(report["results"][0]["diff"]["mean"], 3.0);
    // √(1 + 1 + 2 · 0.3) = √2.6
    assert_eq!(report["results"][0]["diff"]["sd"], 2.6f64.sqrt());
}

#[test]
fn a_group_column_with_one_group_is_a_data_error_naming_file_and_column() {
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "compare",
                "groups",
                "--measure",
                "score",
                "--group",
                "group",
                "compare/one_group.csv",
            ],
            "error: compare/one_group.csv: column group holds one group only (control); comparing groups needs two: is it the right column, and the sheet of both groups?\n",
        ),
        (
            &[
                "compare",
                "groups",
                "--measure",
                "score",
                "--group",
                "group",
                "compare/no_group.csv",
            ],
            "error: compare/no_group.csv: column group is empty in every row, so there are no groups to compare; is it the right column?\n",
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
                "--only",
                "group=control",
                "--pre",
                "compare/total_pre.csv",
                "--post",
                "compare/total_post.csv",
            ],
            "error: compare/total_pre.csv: column group holds one group only (control); comparing groups needs two: is it the right column, and the sheet of both groups?\n",
        ),
    ];
    for (args, message) in cases {
        psyscore()
            .args(args)
            .assert()
            .code(4)
            .stdout("")
            .stderr(message);
    }
}
