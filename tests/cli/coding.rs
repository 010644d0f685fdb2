//! How a sheet numbers the answer options: `--coded-from N` on every command that scores and
//! `coded_from = N` in a study file, the error and the warning that suggest it, and 问卷星's
//! skipped-question mark. The fixtures in `tests/data/wjx/` are the example CBI answers (0 to 4)
//! written by option number, 1 to 5, as 问卷星 (WJX) exports them:
//!
//! - `cbi_pre_wjx.csv`: `survey_export.csv` (question-text headers, items from column D) so
//!   written, C03's blank item 7 as `(跳过)`; three answers are 5;
//! - `cbi_pre_plus1.csv`, `cbi_post_plus1.csv`: `examples/cbi_pre.csv` and `cbi_post.csv` so
//!   written;
//! - `cbi_no_top.csv`: the 15 people of `examples/cbi_pre.csv` who never answered 4, so written:
//!   answers 1 to 4, no 5 and no invalid cell.

use std::fs;

use crate::util::{data_dir, json, psyscore, stdout_of};

/// The note `--coded-from 1` gives for the CBI on standard error.
const CBI_FROM_1: &str = "note: cbi: the sheet numbers the answer options from 1 (--coded-from \
                          1): its 1 to 5 are read as 0 to 4; text answers keep their values\n";

/// The standard output of `psyscore ARGS`, which must succeed with exactly `stderr`.
fn stdout_with(args: &[&str], stderr: &str) -> String {
    let output = psyscore()
        .args(args)
        .assert()
        .success()
        .stderr(stderr.to_owned());
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

/// `examples/NAME`, from the test data folder.
fn example(name: &str) -> String {
    format!("../../examples/{name}")
}

#[test]
fn coded_from_1_scores_a_wjx_export_as_the_questionnaire_scores_its_answers() {
    // The same answers written 0 to 4 under the same headers.
    let args = [
        "score",
        "-s",
        "cbi",
        "--columns",
        "@D",
        "--id",
        "序号",
        "--keep",
        "组别",
    ];
    let expected = stdout_of(&[&args[..], &["survey_export.csv"]].concat());
    let coded = stdout_with(
        &[&args[..], &["--coded-from", "1", "wjx/cbi_pre_wjx.csv"]].concat(),
        CBI_FROM_1,
    );
    assert_eq!(coded, expected);
    // The skipped item is missing, and named as the questionnaire names it, not by position.
    assert!(
        coded.contains(
            "\nC03,干预组,13,10,11,11,8,53.21739130434783,moderate,23,prorated,cbi_7 missing\n"
        ),
        "{coded}"
    );
}

#[test]
fn invalid_answers_all_one_above_the_range_suggest_coded_from_1() {
    let labels = "nearly always, never, quite frequently, rarely, sometimes, 从不, 很少, 总是, \
                  有时, 经常";
    psyscore()
        .args(["score", "-s", "cbi", "--columns", "@D", "--id", "序号"])
        .arg("wjx/cbi_pre_wjx.csv")
        .assert()
        .code(4)
        .stdout("")
        .stderr(format!(
            "error: wjx/cbi_pre_wjx.csv: 3 invalid cells:\n  \
             row 5, column J (cbi_7): \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
             row 5, column L (cbi_9): \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
             row 18, column H (cbi_5): \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
             hint: every invalid answer to cbi is 5 (one above the range 0 to 4) and no answer is \
             0: the sheet seems to number the options from 1, as 问卷星/WJX exports do; if so, \
             add --coded-from 1\n"
        ));
    // The analysis commands say the same.
    psyscore()
        .args(["describe", "-s", "cbi", "wjx/cbi_pre_plus1.csv"])
        .assert()
        .code(4)
        .stderr(format!(
            "error: wjx/cbi_pre_plus1.csv: 3 invalid cells:\n  \
             row 5, column cbi_7: \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
             row 5, column cbi_9: \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
             row 18, column cbi_5: \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
             hint: every invalid answer to cbi is 5 (one above the range 0 to 4) and no answer is \
             0: the sheet seems to number the options from 1, as 问卷星/WJX exports do; if so, \
             add --coded-from 1\n"
        ));
    // An invalid cell of another kind, or an answer at the lowest value, and no hint is given.
    let sheet = "id,A1,A2,A3,C1,C2,C3\np1,7,2,3,4,5,6\np2,1,2,3,4,0,6\n";
    psyscore()
        .args(["score", "-s", "scales/demo.toml"])
        .write_stdin(sheet)
        .assert()
        .code(4)
        .stderr(
            "error: <stdin>: 2 invalid cells:\n  \
             row 2, column A1: \"7\" is not valid (expected whole numbers 1 to 6)\n  \
             row 3, column C2: \"0\" is not valid (expected whole numbers 1 to 6)\n  \
             (use --invalid missing to treat them as unanswered and report them instead)\n",
        );
    psyscore()
        .args(["score", "-s", "scales/demo.toml"])
        .write_stdin("id,A1,A2,A3,C1,C2,C3\np1,7,2,3,4,5,6\np2,1,2,3,4,5,6\n")
        .assert()
        .code(4)
        .stderr(
            "error: <stdin>: 1 invalid cell:\n  \
             row 2, column A1: \"7\" is not valid (expected whole numbers 1 to 6)\n  \
             (use --invalid missing to treat them as unanswered and report them instead)\n",
        );
}

#[test]
fn invalid_cells_of_a_coded_sheet_say_what_the_sheet_numbers_mean() {
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "--coded-from", "0"])
        .write_stdin("id,A1,A2,A3,C1,C2,C3\np1,6,1,2,3,4,5\n")
        .assert()
        .code(4)
        .stderr(
            "error: <stdin>: 1 invalid cell:\n  \
             row 2, column A1: \"6\" is not valid (expected whole numbers 0 to 5, read as 1 to 6)\n  \
             (use --invalid missing to treat them as unanswered and report them instead)\n",
        );
    // Read as 1 to 6: A1 0 → 1, reversed 6; A2 2, A3 3; C1 4, C2 5; C3 5 → 6, reversed 1.
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "--coded-from", "0"])
        .write_stdin("id,A1,A2,A3,C1,C2,C3\np1,0,1,2,3,4,5\n")
        .assert()
        .success()
        .stdout(
            "id,demo_agree,demo_consc,demo_answered,demo_status,demo_notes\n\
             p1,3.6666666666666665,3.3333333333333335,6,ok,\n",
        )
        .stderr(
            "note: demo: the sheet numbers the answer options from 0 (--coded-from 0): its 0 to \
             5 are read as 1 to 6\n",
        );
}

#[test]
fn a_sheet_without_any_lowest_answer_is_warned_about_and_scored_right_when_declared() {
    let warning = "warning: wjx/cbi_no_top.csv: none of the 359 answers to cbi is 0, its lowest \
                   answer; if the sheet numbers the options from 1 (as 问卷星/WJX exports do), \
                   every score is too high: add --coded-from 1; if 0 is simply unused, add \
                   --coded-from 0 to say so\n";
    // Read as written: every item one point too high, exit 0, and the warning.
    let as_written = stdout_with(&["score", "-s", "cbi", "wjx/cbi_no_top.csv"], warning);
    assert!(
        as_written.starts_with("id,cbi_time,cbi_developmental,cbi_physical,cbi_social,cbi_emotional,cbi_total,cbi_total_band,cbi_answered,cbi_status,cbi_notes\nC01,18,16,15,13,12,74,severe,24,ok,\n"),
        "{as_written}"
    );
    // Declared: the scores of the same people in the example sheet.
    let coded = stdout_with(
        &[
            "score",
            "-s",
            "cbi",
            "--coded-from",
            "1",
            "wjx/cbi_no_top.csv",
        ],
        CBI_FROM_1,
    );
    let original = stdout_of(&["score", "-s", "cbi", &example("cbi_pre.csv")]);
    let ids: Vec<&str> = coded
        .lines()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let same_people: Vec<&str> = original
        .lines()
        .filter(|line| ids.contains(&line.split(',').next().unwrap()))
        .collect();
    assert_eq!(coded.lines().collect::<Vec<_>>(), same_people);
    assert_eq!(same_people.len(), 16);
    // Declared as written: no warning, and the note says nothing is recoded.
    assert_eq!(
        stdout_with(
            &[
                "score",
                "-s",
                "cbi",
                "--coded-from",
                "0",
                "wjx/cbi_no_top.csv"
            ],
            "note: cbi: the sheet numbers the answer options from 0 (--coded-from 0), as the \
             questionnaire scores them: nothing is recoded\n",
        ),
        as_written
    );
    // The analysis commands warn too.
    psyscore()
        .args([
            "describe",
            "-s",
            "cbi",
            "wjx/cbi_no_top.csv",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stderr(warning);
    // Fewer than 10 answers per item on average: no warning (9 people answered all 24 items).
    let nine: String = fs::read_to_string(data_dir().join("wjx/cbi_no_top.csv"))
        .unwrap()
        .lines()
        .take(10)
        .map(|line| format!("{line}\n"))
        .collect();
    psyscore()
        .args(["score", "-s", "cbi"])
        .write_stdin(nine)
        .assert()
        .success()
        .stderr("");
}

#[test]
fn every_command_that_scores_takes_coded_from() {
    let (pre, post) = (example("cbi_pre.csv"), example("cbi_post.csv"));
    let (pre1, post1) = ("wjx/cbi_pre_plus1.csv", "wjx/cbi_post_plus1.csv");
    let coded = ["-s", "cbi", "--coded-from", "1"];
    let json_with_note = |args: &[&str]| -> serde_json::Value {
        let stdout = stdout_with(&[args, &["--format", "json"]].concat(), CBI_FROM_1);
        serde_json::from_str(&stdout).unwrap()
    };
    for command in [
        &["compare", "paired", "--id", "id"][..],
        &[
            "compare",
            "ancova",
            "--id",
            "id",
            "--group",
            "group",
            "--levels",
            "intervention,control",
        ],
        &[
            "change",
            "--id",
            "id",
            "--better",
            "lower",
            "--sd",
            "9",
            "--reliability",
            "0.9",
        ],
    ] {
        assert_eq!(
            json_with_note(&[command, &coded, &["--pre", pre1, "--post", post1]].concat()),
            json(&[command, &["-s", "cbi", "--pre", &pre, "--post", &post]].concat()),
            "{command:?}"
        );
    }
    for command in [
        &[
            "compare",
            "groups",
            "--group",
            "group",
            "--levels",
            "intervention,control",
        ][..],
        &["describe"],
        &["reliability"],
    ] {
        assert_eq!(
            json_with_note(&[command, &coded, &[pre1]].concat()),
            json(&[command, &["-s", "cbi", &pre]].concat()),
            "{command:?}"
        );
    }
    // With several scales, SCALE=N names the one whose sheet is numbered otherwise.
    let multi = [
        "score",
        "-s",
        "cbi",
        "-s",
        "cdrisc10",
        "--columns",
        "cbi=Q{n}",
        "--columns",
        "cdrisc10=Q{n+24}",
        "--id",
        "ID",
        "multi.csv",
    ];
    assert_eq!(
        stdout_with(
            &[&multi[..], &["--coded-from", "cdrisc10=0"]].concat(),
            "note: cdrisc10: the sheet numbers the answer options from 0 (--coded-from 0), as \
             the questionnaire scores them: nothing is recoded\n",
        ),
        stdout_of(&multi)
    );
}

#[test]
fn a_coding_that_makes_no_sense_is_refused() {
    let refused = |args: &[&str], message: &str| {
        psyscore()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(format!("error: {message}\n"));
    };
    let decimals = "--coded-from 1: item 1 of vas accepts decimals, a measured answer rather \
                    than a chosen option, so its cells are not option numbers; leave the coding \
                    out for this questionnaire";
    for command in [
        &["score", "demo.csv"][..],
        &["reliability", "demo.csv"],
        &["sql", "--table", "t"],
    ] {
        let args = [command, &["-s", "wjx/vas.toml", "--coded-from", "1"]].concat();
        refused(&args, decimals);
    }
    let ticks = tempfile::NamedTempFile::with_suffix(".toml").unwrap();
    fs::write(
        ticks.path(),
        "id = \"ticks\"\nname = \"T\"\nmin = 0\nmax = 1\nitems = 1\n\
         [item.1]\nkind = \"count\"\nparts = [\"a\", \"b\"]\n",
    )
    .unwrap();
    refused(
        &[
            "score",
            "-s",
            ticks.path().to_str().unwrap(),
            "--coded-from",
            "1",
            "demo.csv",
        ],
        "--coded-from 1: every item of ticks counts ticked options, which are read as written, \
         so there is no option number to recode",
    );
    let whole = "the code of the first answer option must be a whole number, such as 1 (as \
                 问卷星/WJX numbers the options) or 0, not 0.5";
    refused(
        &["score", "-s", "cbi", "--coded-from", "0.5", "demo.csv"],
        &format!("--coded-from 0.5: {whole}"),
    );
    refused(
        &["describe", "-s", "cbi", "--coded-from", "0.5", "demo.csv"],
        &format!(
            "invalid value '0.5' for '--coded-from <N>': {whole}\n\nFor more information, try '--help'."
        ),
    );
    refused(
        &["describe", "-m", "total", "--coded-from", "1", "demo.csv"],
        "--coded-from 1 reads a questionnaire's item answers, which --scale scores; --measure \
         columns hold scores already computed and are read as written",
    );
    refused(
        &[
            "score",
            "-s",
            "cbi",
            "-s",
            "phq9",
            "--coded-from",
            "1",
            "demo.csv",
        ],
        "--coded-from 1: with several scales write SCALE=N, e.g. --coded-from cbi=1",
    );
    refused(
        &[
            "score",
            "-s",
            "cbi",
            "-s",
            "phq9",
            "--coded-from",
            "gad7=1",
            "demo.csv",
        ],
        "--coded-from gad7=1: no --scale has the id `gad7`",
    );
    refused(
        &[
            "score",
            "-s",
            "cbi",
            "--coded-from",
            "1",
            "--coded-from",
            "cbi=0",
            "demo.csv",
        ],
        "--coded-from is given twice for scale `cbi`",
    );
}

#[test]
fn the_sql_query_reads_numbers_as_the_coding_says_and_names_it() {
    let query = stdout_of(&[
        "sql",
        "-s",
        "sql/mood.toml",
        "--table",
        "answers",
        "--coded-from",
        "1",
    ]);
    let plain = stdout_of(&["sql", "-s", "sql/mood.toml", "--table", "answers"]);
    assert!(
        query.contains(
            "-- (text or number) in the column named below, matched as a quoted identifier.\n\
             -- mood: the sheet numbers the answer options from 1 (--coded-from 1): its 1 to 4 \
             are read as 0 to 3; text answers keep their values.\n\
             -- Gives the columns"
        ),
        "{query}"
    );
    // Each number has 1 taken off, in the lookup of the usual texts and in the general rule,
    // which compares the shifted number with the range (the plain query looks the number up).
    for item in 1..=3 {
        let lookup: String = (0..4)
            .map(|value| format!("\n      WHEN '{}' THEN {value}", value + 1))
            .collect();
        assert!(
            query.contains(&format!("    CASE _cell_{item}{lookup}\n      ELSE CASE\n")),
            "{query}"
        );
        let cast = format!("TRY_CAST(trim(_cell_{item}, _white_space) AS DOUBLE)");
        assert!(
            query.contains(&format!("THEN CASE WHEN ({cast}) - 1 BETWEEN 0 AND 3 AND")),
            "{query}"
        );
        assert!(
            plain.contains(&format!(
                "THEN _number_values_1[list_position(_numbers_1, {cast}) + 1]"
            )),
            "{plain}"
        );
    }
    assert!(!query.contains("_numbers_1"), "{query}");
    assert_eq!(
        query.matches("    CASE _cell_").count(),
        plain.matches("    CASE _cell_").count()
    );
}

#[test]
fn a_skipped_question_is_missing() {
    // A1 6 reversed is 1; C2 5; C3 1 reversed is 6.
    let sheet = "id,A1,A2,A3,C1,C2,C3\np1,6,(跳过),（跳过）, (跳过) ,5,1\n";
    psyscore()
        .args(["score", "-s", "scales/demo.toml"])
        .write_stdin(sheet)
        .assert()
        .success()
        .stderr("")
        .stdout(
            "id,demo_agree,demo_consc,demo_answered,demo_status,demo_notes\n\
             p1,1,5.5,3,prorated,A2 missing; A3 missing; C1 missing\n",
        );
}

#[test]
fn a_study_file_declares_the_coding_per_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let run = |study: &str| {
        let out = dir.path().join(study);
        let assert = psyscore()
            .args(["study", &format!("wjx/{study}"), "-o"])
            .arg(&out)
            .assert();
        (out, assert)
    };
    let (coded, assert) = run("coded_study.toml");
    assert.success().stderr("");
    let (example_out, assert) = {
        let out = dir.path().join("example");
        let assert = psyscore()
            .args(["study", &example("cbi_study.toml"), "-o"])
            .arg(&out)
            .assert();
        (out, assert)
    };
    assert.success();
    // The results, with the coded sheets' names as the example's (where rows are named).
    let results = |out: &std::path::Path| -> serde_json::Value {
        let text = fs::read_to_string(out.join("results.json"))
            .unwrap()
            .replace("wjx/cbi_pre_plus1.csv", &example("cbi_pre.csv"))
            .replace("wjx/cbi_post_plus1.csv", &example("cbi_post.csv"));
        serde_json::from_str(&text).unwrap()
    };
    let (mut coded_results, example_results) = (results(&coded), results(&example_out));
    let note = "cbi: the sheet numbers the answer options from 1 (coded_from = 1): its 1 to 5 \
                are read as 0 to 4; text answers keep their values";
    let notes = coded_results["scales"][0]["notes"].as_array_mut().unwrap();
    assert_eq!(notes.remove(0), note);
    // Every number as in the example study, whose sheets hold the same answers 0 to 4 (the
    // example's participants' characteristics are columns the coded sheets do not have).
    coded_results["title"] = example_results["title"].clone();
    assert_eq!(coded_results["participants"], serde_json::Value::Null);
    coded_results["participants"] = example_results["participants"].clone();
    assert_eq!(coded_results, example_results);
    let report = fs::read_to_string(coded.join("report.md")).unwrap();
    assert!(report.contains(&format!("\n- {note}\n")), "{report}");
    for scored in ["pre.csv", "post.csv"] {
        assert_eq!(
            fs::read_to_string(coded.join("scored").join(scored)).unwrap(),
            fs::read_to_string(example_out.join("scored").join(scored)).unwrap(),
        );
    }

    // Not declared, the 5s are invalid and the hint says how to declare the coding.
    let (_, assert) = run("undeclared_study.toml");
    let labels = "nearly always, never, quite frequently, rarely, sometimes, 从不, 很少, 总是, \
                  有时, 经常";
    assert.code(4).stderr(format!(
        "error: wjx/cbi_pre_plus1.csv: 3 invalid cells:\n  \
         row 5, column cbi_7: \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
         row 5, column cbi_9: \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
         row 18, column cbi_5: \"5\" is not valid (expected whole numbers 0 to 4 or one of: {labels})\n  \
         hint: every invalid answer to cbi is 5 (one above the range 0 to 4) and no answer is 0: \
         the sheet seems to number the options from 1, as 问卷星/WJX exports do; if so, add \
         coded_from = 1 in the [[scales]] entry of cbi\n"
    ));

    // No answer at the lowest value: a warning per sheet, and the report's notes carry it.
    let (no_top, assert) = run("no_top_study.toml");
    let warning = "wjx/cbi_no_top.csv: none of the 359 answers to cbi is 0, its lowest answer; \
                   if the sheet numbers the options from 1 (as 问卷星/WJX exports do), every \
                   score is too high: add coded_from = 1 in the [[scales]] entry of cbi; if 0 \
                   is simply unused, add coded_from = 0 in the [[scales]] entry of cbi to say so";
    assert
        .success()
        .stderr(format!("warning: {warning}\nwarning: {warning}\n"));
    assert_eq!(
        results(&no_top)["scales"][0]["notes"],
        serde_json::json!([warning, warning])
    );
    let report = fs::read_to_string(no_top.join("report.md")).unwrap();
    assert!(report.contains(&format!("\n- {warning}\n")), "{report}");
}

#[test]
fn a_coding_the_study_file_cannot_have_is_an_error_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let study = |coded_from: &str, scale: &str| {
        let path = dir.path().join("s.toml");
        let wjx = data_dir().join("wjx");
        fs::write(
            &path,
            format!(
                "[data]\npre = \"{0}/cbi_pre_plus1.csv\"\npost = \"{0}/cbi_post_plus1.csv\"\n\
                 id = \"id\"\n\n[[scales]]\nscale = \"{scale}\"\ncoded_from = {coded_from}\n",
                wjx.display()
            ),
        )
        .unwrap();
        let out = dir.path().join("out");
        let assert = psyscore()
            .arg("study")
            .arg(&path)
            .arg("-o")
            .arg(&out)
            .assert();
        (path.display().to_string(), assert)
    };
    let (path, assert) = study("1.5", "cbi");
    assert.code(3).stderr(format!(
        "error: {path}:8:14: wrong kind of value: decimal number 1.5, expected a whole number\n"
    ));
    let (path, assert) = study("2000000", "cbi");
    assert.code(3).stderr(format!(
        "error: {path}:8:14: coded_from is the sheet's code of each item's lowest answer, a \
         whole number such as 1 (as 问卷星/WJX numbers the options); not 2000000\n"
    ));
    let vas = data_dir().join("wjx/vas.toml").display().to_string();
    let (path, assert) = study("1", &vas);
    assert.code(3).stderr(format!(
        "error: {path}:8:14: coded_from = 1: item 1 of vas accepts decimals, a measured answer \
         rather than a chosen option, so its cells are not option numbers; leave the coding out \
         for this questionnaire\n"
    ));
}

#[test]
fn positions_name_item_columns_only_and_question_texts_suggest_them() {
    let columns = fs::read_to_string(data_dir().join("survey_export.csv"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .split(',')
        .collect::<Vec<_>>()
        .join(", ");
    psyscore()
        .args([
            "score",
            "-s",
            "cbi",
            "--columns",
            "@D",
            "--id",
            "@B",
            "--keep",
            "@AZ",
        ])
        .arg("survey_export.csv")
        .assert()
        .code(4)
        .stdout("")
        .stderr(format!(
            "error: survey_export.csv: 2 required columns are not found:\n  \
             @B (needed by --id); a position such as @D places item columns only (--columns \
             @D): name this column by its header (column B is headed \"提交答卷时间\")\n  \
             @AZ (needed by --keep); a position such as @D places item columns only (--columns \
             @D): name this column by its header\n  \
             columns in the file: {columns}\n"
        ));
    // No item column found, and the headers read like questions from column D on.
    let items: String = (1..=24)
        .map(|n| format!("  cbi_{n} (needed by cbi)\n"))
        .collect();
    let hint = "  hint: no item column of `cbi` was found; the columns from D on read like \
                question texts: if they hold its items in order, place them by position with \
                --columns @D; else give a template, e.g. --columns \"Q{n}\"\n";
    for command in [&["score"][..], &["reliability"]] {
        psyscore()
            .args(command)
            .args(["-s", "cbi", "wjx/cbi_pre_wjx.csv"])
            .assert()
            .code(4)
            .stderr(format!(
                "error: wjx/cbi_pre_wjx.csv: 24 required columns are not found:\n{items}  \
                 columns in the file: {columns}\n{hint}"
            ));
    }
    // Headers that are variable names get the template hint alone.
    psyscore()
        .args(["score", "-s", "phq9", "demo.csv"])
        .assert()
        .code(4)
        .stderr(predicates::str::ends_with(
            "\n  hint: no item column of `phq9` was found; if the sheet names them differently, \
             give a template, e.g. --columns \"Q{n}\"\n",
        ));
    // Under --invalid missing the notes name the item too, never its position.
    let scored = stdout_with(
        &[
            "score",
            "-s",
            "cbi",
            "--columns",
            "@D",
            "--id",
            "序号",
            "--invalid",
            "missing",
            "wjx/cbi_pre_wjx.csv",
        ],
        "warning: wjx/cbi_pre_wjx.csv: none of the 404 answers to cbi is 0, its lowest answer; \
         if the sheet numbers the options from 1 (as 问卷星/WJX exports do), every score is too \
         high: add --coded-from 1; if 0 is simply unused, add --coded-from 0 to say so\n",
    );
    let labels = "nearly always, never, quite frequently, rarely, sometimes, 从不, 很少, 总是, \
                  有时, 经常";
    assert!(
        scored.contains(&format!(
            "\nC04,19,,16,17,12,82.9090909090909,severe,22,invalid,\"cbi_7 invalid value \"\"5\"\" \
             (allowed whole numbers 0 to 4 or one of: {labels}); cbi_9 invalid value \"\"5\"\" \
             (allowed whole numbers 0 to 4 or one of: {labels})\"\n"
        )),
        "{scored}"
    );
    assert!(!scored.contains('@'), "{scored}");
}
