//! `psyscore score` through the real binary: outputs, options, every bad-input case with its
//! message and exit code.

use predicates::prelude::*;
use predicates::str::contains;

use crate::util::{data_dir, psyscore, stdout_despite_warnings, stdout_of};

/// Output of the demo scale (named items, means, no total) on `demo.csv`, by hand:
/// p1: agree (7−1, 5, 6) / 3 = 17/3; consc (4, 4, 7−2) / 3 = 13/3.
/// p2: agree from A1 alone (7 − 6 = 1; 2 of 3 missing is allowed); consc all missing: empty.
/// p3: agree (7 − 2 + 3) / 2 = 4.
const DEMO_CSV: &str = "\
id,demo_agree,demo_consc,demo_answered,demo_status,demo_notes
p1,5.666666666666667,4.333333333333333,6,ok,
p2,1,,1,incomplete,A2 missing; A3 missing; C1 missing; C2 missing; C3 missing
p3,4,,2,incomplete,A3 missing; C1 missing; C2 missing; C3 missing
";

#[test]
fn scores_the_demo_scale_exactly() {
    // Standard error is a pipe here: no progress counter, no noise.
    psyscore()
        .args(["score", "--scale", "scales/demo.toml", "demo.csv"])
        .assert()
        .success()
        .stdout(DEMO_CSV)
        .stderr("");
}

#[test]
fn reads_standard_input() {
    let input = std::fs::read(data_dir().join("demo.csv")).unwrap();
    psyscore()
        .args(["score", "--scale", "scales/demo.toml", "-"])
        .write_stdin(input.clone())
        .assert()
        .success()
        .stdout(DEMO_CSV);
    psyscore()
        .args(["score", "--scale", "scales/demo.toml"])
        .write_stdin(input)
        .assert()
        .success()
        .stdout(DEMO_CSV);
}

#[test]
fn keeps_columns_and_falls_back_to_row_numbers() {
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "demo.csv", "--keep", "age", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "id,age,demo_agree,demo_consc,demo_answered,demo_status,demo_notes\np1,34,5.666666666666667,",
        ));
    psyscore()
        .args([
            "score",
            "-s",
            "scales/demo.toml",
            "demo.csv",
            "--keep-all",
            "--id",
            "age",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("age,id,demo_agree,")
                .and(contains("\n34,p1,5.666666666666667,")),
        );
    // Without an id column the row number (header = row 1) identifies each row.
    psyscore()
        .args(["score", "-s", "cbi", "input_bom_crlf.csv", "--keep-all"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("id,cbi_time"));
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "errors/no_id.csv"])
        .assert()
        .success()
        .stdout("row,demo_agree,demo_consc,demo_answered,demo_status,demo_notes\n2,5.666666666666667,4.333333333333333,6,ok,\n");
}

#[test]
fn several_scales_from_one_sheet_with_column_templates() {
    // CBI in Q1–Q24, CD-RISC-10 in Q25–Q34. r2's CBI items run 0,1,2,3,4 four times then
    // 4,4,4,4: time 10, developmental 10, physical 0+1+2+3 = 6, social 4+0+1+2+3 = 10,
    // emotional 20, total 56; CD-RISC-10 has 9 answers of 4: 36 × 10 / 9 = 40.
    psyscore()
        .args(["score", "-s", "cbi", "-s", "cdrisc10", "--columns", "cbi=Q{n}"])
        .args(["--columns", "cdrisc10=Q{n+24}", "--id", "ID", "--keep", "sex", "multi.csv"])
        .assert()
        .success()
        .stdout(
            "ID,sex,cbi_time,cbi_developmental,cbi_physical,cbi_social,cbi_emotional,cbi_total,cbi_total_band,cbi_answered,cbi_status,cbi_notes,cdrisc10_total,cdrisc10_answered,cdrisc10_status,cdrisc10_notes\n\
             r1,女,10,10,8,10,10,48,moderate,24,ok,,30,10,ok,\n\
             r2,男,10,10,6,10,20,56,moderate,24,ok,,40,9,prorated,Q34 missing\n",
        );
}

#[test]
fn gbk_and_bom_tab_crlf_sheets_score_the_same() {
    let gbk = psyscore()
        .args(["score", "-s", "cbi", "input_gbk.csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // Respondent 1 answers 0,1,2,3,4 repeated: time 10, dev 10, physical 0+1+2+3 = 6,
    // social 4+0+1+2+3 = 10, emotional 4+0+1+2+3 = 10, total 46.
    let expected_first = "1,10,10,6,10,10,46,moderate,24,ok,";
    assert!(String::from_utf8_lossy(&gbk).contains(expected_first));
    let bom = psyscore()
        .args(["score", "-s", "cbi", "input_bom_crlf.csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(gbk, bom);
    psyscore()
        .args(["score", "-s", "cbi", "input_gbk.csv", "--keep", "姓名"])
        .assert()
        .success()
        .stdout(contains("1,张三,10,10,6,10,10,46,"));
    psyscore()
        .args(["score", "-s", "cbi", "input_gbk.csv", "--encoding", "utf8"])
        .assert()
        .code(4)
        .stderr(contains(
            "is not valid UTF-8; if the file is in GBK or GB18030, use --encoding gb18030",
        ));
}

/// Scores `input` (a path, or bytes written to a file first) into a file with `-o`, which reads
/// the file as UTF-8 at once and judges its encoding only if that fails; returns the exit code,
/// the output file (if written) and standard error.
fn score_to_file(
    dir: &std::path::Path,
    input: &std::path::Path,
    extra: &[&str],
) -> (i32, Option<String>, String) {
    let out = dir.join("out.csv");
    let _ = std::fs::remove_file(&out);
    let output = psyscore()
        .args(["score", "-s", "cbi"])
        .arg(input)
        .arg("-o")
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        std::fs::read_to_string(&out).ok(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The same run with the output on standard output, where the encoding is judged first.
fn score_to_stdout(input: &std::path::Path, extra: &[&str]) -> (i32, Option<String>, String) {
    let output = psyscore()
        .args(["score", "-s", "cbi"])
        .arg(input)
        .args(extra)
        .output()
        .unwrap();
    let code = output.status.code().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    (
        code,
        (code == 0).then_some(stdout),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn an_output_file_gets_what_judging_the_encoding_first_gives() {
    let dir = tempfile::tempdir().unwrap();
    let gbk_bytes = std::fs::read(data_dir().join("input_gbk.csv")).unwrap();
    // The header line as it is (with its GBK column name), and the first row's answers.
    let header_end = gbk_bytes.iter().position(|&byte| byte == b'\n').unwrap();
    let header = &gbk_bytes[..=header_end];
    let first_row = String::from_utf8_lossy(&gbk_bytes[header_end + 1..]);
    let answers = first_row
        .lines()
        .next()
        .unwrap()
        .splitn(3, ',')
        .nth(2)
        .unwrap();
    // A GBK name only in the last of 20,000 rows: reading it as UTF-8 fails late, after
    // several chunks were scored, and the file is scored again as GB18030.
    let mut late = header.to_vec();
    for row in 0..20_000 {
        late.extend(format!("{row},x,{answers}\n").into_bytes());
    }
    late.extend(b"20000,\xd5\xc5\xc8\xfd,");
    late.extend(answers.as_bytes());
    late.push(b'\n');
    let late_path = dir.path().join("late_gbk.csv");
    std::fs::write(&late_path, &late).unwrap();
    // A UTF-8 sheet with an invalid cell: the failure is UTF-8's, reported as such.
    let invalid_path = dir.path().join("invalid.csv");
    let utf8 =
        String::from_utf8(std::fs::read(data_dir().join("input_bom_crlf.csv")).unwrap()).unwrap();
    std::fs::write(&invalid_path, utf8.replacen("\t3\t", "\t9\t", 1)).unwrap();

    for (input, extra) in [
        (data_dir().join("input_gbk.csv"), &[][..]),
        (late_path.clone(), &["--keep", "姓名"][..]),
        (data_dir().join("input_bom_crlf.csv"), &[][..]),
        (invalid_path, &[][..]),
    ] {
        let to_file = score_to_file(dir.path(), &input, extra);
        let to_stdout = score_to_stdout(&input, extra);
        assert_eq!(to_file.0, to_stdout.0, "{}", input.display());
        assert_eq!(to_file.1, to_stdout.1, "{}", input.display());
        assert_eq!(to_file.2, to_stdout.2, "{}", input.display());
    }
    let (code, scored, stderr) = score_to_file(dir.path(), &late_path, &["--keep", "姓名"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        scored
            .unwrap()
            .ends_with("20000,张三,10,10,6,10,10,46,moderate,24,ok,\n")
    );
    let (code, _, stderr) = score_to_file(dir.path(), &dir.path().join("invalid.csv"), &[]);
    assert_eq!(code, 4);
    assert!(stderr.contains("\"9\" is not valid"), "{stderr}");
}

#[test]
fn reads_xlsx_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("responses.xlsx");
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Cover").unwrap();
    sheet.write_string(0, 0, "not the data").unwrap();
    let sheet = workbook.add_worksheet().set_name("Responses").unwrap();
    for (column, name) in ["id", "A1", "A2", "A3", "C1", "C2", "C3"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, column as u16, *name).unwrap();
    }
    sheet.write_string(1, 0, "p1").unwrap();
    for (column, value) in [1.0, 5.0, 6.0, 4.0, 4.0, 2.0].iter().enumerate() {
        sheet.write_number(1, column as u16 + 1, *value).unwrap();
    }
    workbook.save(&path).unwrap();
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "--sheet", "Responses"])
        .arg(&path)
        .assert()
        .success()
        .stdout("id,demo_agree,demo_consc,demo_answered,demo_status,demo_notes\np1,5.666666666666667,4.333333333333333,6,ok,\n");
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "--sheet", "Nope"])
        .arg(&path)
        .assert()
        .code(4)
        .stderr(contains(
            "has no worksheet named \"Nope\"; its worksheets are \"Cover\", \"Responses\"",
        ));
}

#[test]
fn output_formats_carry_the_same_numbers() {
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "demo.csv", "--format", "json"])
        .assert()
        .success()
        .stdout(contains(r#"{"id": "p1", "demo_agree": 5.666666666666667, "demo_consc": 4.333333333333333, "demo_answered": 6, "demo_status": "ok", "demo_notes": ""}"#)
            .and(contains(r#""demo_consc": null"#)));
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "demo.csv", "--format", "md"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "| id | demo_agree | demo_consc | demo_answered | demo_status | demo_notes |\n|---|---|---|---|---|---|\n| p1 | 5.666666666666667 | 4.333333333333333 | 6 | ok |  |\n",
        ));
    psyscore()
        .args([
            "score",
            "-s",
            "scales/demo.toml",
            "demo.csv",
            "--format",
            "table",
        ])
        .assert()
        .success()
        .stdout(contains("│ p1 ┆ 5.666666666666667 ┆ 4.333333333333333 ┆"));
}

#[test]
fn writes_an_output_file_only_on_success() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("scores.json");
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "demo.csv", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("[\n  {\"id\": \"p1\""),
        "the extension chose JSON: {text}"
    );
    let failed = dir.path().join("failed.csv");
    psyscore()
        .args([
            "score",
            "-s",
            "scales/demo.toml",
            "errors/invalid.csv",
            "-o",
        ])
        .arg(&failed)
        .assert()
        .code(4);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["scores.json"]);
}

#[test]
fn invalid_cells_are_all_listed_with_exit_code_4() {
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "errors/invalid.csv"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            "error: errors/invalid.csv: 3 invalid cells:\n  \
             row 3, column A1: \"7\" is not valid (expected whole numbers 1 to 6)\n  \
             row 4, column A3: \"x\" is not valid (expected whole numbers 1 to 6)\n  \
             row 4, column C2: \"0\" is not valid (expected whole numbers 1 to 6)\n  \
             (use --invalid missing to treat them as unanswered and report them instead)\n",
        );
}

#[test]
fn an_answer_typed_in_full_width_digits_is_invalid_and_the_message_says_why() {
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "errors/full_width.csv"])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            "error: errors/full_width.csv: 2 invalid cells:\n  \
             row 2, column A1: \"３\" is not valid (expected whole numbers 1 to 6); it is typed \
             in full-width characters, not read as \"3\"\n  \
             row 3, column C2: \"５．０\" is not valid (expected whole numbers 1 to 6); it is \
             typed in full-width characters, not read as \"5.0\"\n  \
             (use --invalid missing to treat them as unanswered and report them instead)\n",
        );
}

#[test]
fn invalid_cells_can_be_scored_as_missing_and_noted() {
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "errors/invalid.csv", "--invalid", "missing"])
        .assert()
        .success()
        .stdout(
            "id,demo_agree,demo_consc,demo_answered,demo_status,demo_notes\n\
             p1,3.6666666666666665,3.3333333333333335,6,ok,\n\
             p2,2.5,3.3333333333333335,5,invalid,\"A1 invalid value \"\"7\"\" (allowed whole numbers 1 to 6)\"\n\
             p3,4,2.5,4,invalid,\"A3 invalid value \"\"x\"\" (allowed whole numbers 1 to 6); C2 invalid value \"\"0\"\" (allowed whole numbers 1 to 6)\"\n",
        );
}

#[test]
fn missing_columns_are_listed_together_with_the_closest_names() {
    psyscore()
        .args([
            "score",
            "-s",
            "scales/demo.toml",
            "errors/missing_column.csv",
            "--keep",
            "agee",
        ])
        .assert()
        .code(4)
        .stderr(
            "error: errors/missing_column.csv: 2 required columns are not found:\n  \
             C3 (needed by demo); closest existing column: A3\n  \
             agee (needed by --keep)\n  \
             columns in the file: id, A1, A2, A3, C1, C2\n",
        );
    psyscore()
        .args(["score", "-s", "cdrisc10", "demo.csv"])
        .assert()
        .code(4)
        .stderr(contains("10 required columns are not found")
            .and(contains("hint: no item column of `cdrisc10` was found; if the sheet names them differently, give a template, e.g. --columns \"Q{n}\"")));
}

#[test]
fn malformed_sheets_are_data_errors_naming_the_row() {
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "errors/duplicate_column.csv"])
        .assert()
        .code(4)
        .stderr("error: errors/duplicate_column.csv: column 8 (\"a2\") has the same name as column 3 (\"A2\"); column names must be unique, ignoring case\n");
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "errors/ragged.csv"])
        .assert()
        .code(4)
        .stderr(contains(
            "error: errors/ragged.csv: row 3 has 6 fields but the header has 7",
        ));
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "errors/empty.csv"])
        .assert()
        .code(4)
        .stdout("")
        .stderr("error: errors/empty.csv has no header row: the file is empty\n");
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "no/such/file.csv"])
        .assert()
        .code(4)
        .stderr(contains(
            "cannot open no/such/file.csv: No such file or directory",
        ));
}

#[test]
fn scale_problems_exit_with_3() {
    psyscore()
        .args(["score", "-s", "errors/typo.toml", "demo.csv"])
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with(
            "error: errors/typo.toml:6:1: unknown field `revers`, expected one of `id`, `name`,",
        ));
    psyscore()
        .args(["score", "-s", "cdrisc", "demo.csv"])
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with(
            "error: unknown scale `cdrisc`: no built-in scale has this id and no such file exists; did you mean `cdrisc10`, `cdrisc25` or `cdrisc25-zh`?",
        ));
}

#[test]
fn usage_errors_exit_with_2() {
    psyscore()
        .args([
            "score",
            "-s",
            "scales/demo.toml",
            "demo.csv",
            "--columns",
            "Q{m}",
        ])
        .assert()
        .code(2)
        .stderr(
            "error: bad column template \"Q{m}\": unknown placeholder {m}; a template names the \
             columns with the placeholders {id}, {name}, {n}, {n+OFFSET} and {n-OFFSET}, or is @ \
             and the first item's column letters (@G)\n",
        );
    psyscore()
        .args([
            "score",
            "-s",
            "cbi",
            "-s",
            "cdrisc10",
            "multi.csv",
            "--columns",
            "Q{n}",
        ])
        .assert()
        .code(2)
        .stderr(contains(
            "with several scales write SCALE=TEMPLATE, e.g. --columns cbi=Q{n}",
        ));
    psyscore()
        .args(["score", "-s", "cbi", "-s", "cbi", "multi.csv"])
        .assert()
        .code(2)
        .stderr(contains("scale `cbi` is given twice"));
    psyscore()
        .args(["score", "demo.csv"])
        .assert()
        .code(2)
        .stderr(contains("--scale <SCALE>"));
    psyscore()
        .args(["score", "-s", "cbi", "--format", "xml"])
        .assert()
        .code(2);
    psyscore().args(["frobnicate"]).assert().code(2);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(file, "id,A1,A2,A3,C1,C2,C3").unwrap();
    for i in 0..200_000 {
        writeln!(file, "{i},1,2,3,4,5,6").unwrap();
    }
    file.flush().unwrap();
    drop(file);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("psyscore"))
        .current_dir(data_dir())
        .args(["score", "-s", "scales/demo.toml"])
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is dropped here: the rest of the output goes into a closed pipe.
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        first,
        "id,demo_agree,demo_consc,demo_answered,demo_status,demo_notes\n"
    );
    assert!(
        output.status.success(),
        "{:?}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn the_xlsx_example_scores_like_its_csv() {
    let from_csv = psyscore()
        .args([
            "score",
            "-s",
            "cbi",
            "--keep",
            "group",
            "../../examples/cbi_pre.csv",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    psyscore()
        .args([
            "score",
            "-s",
            "cbi",
            "--keep",
            "group",
            "--sheet",
            "Responses",
        ])
        .arg("../../examples/cbi_pre.xlsx")
        .assert()
        .success()
        .stdout(String::from_utf8(from_csv).unwrap());
}

#[test]
fn a_worksheet_name_needs_a_workbook() {
    psyscore()
        .args([
            "score",
            "-s",
            "scales/demo.toml",
            "demo.csv",
            "--sheet",
            "Responses",
        ])
        .assert()
        .code(4)
        .stderr(
            "error: a worksheet (\"Responses\") was asked for, but demo.csv is delimited text; \
             only workbooks (.xlsx, .xls, .ods, ...) have worksheets\n",
        );
}

#[test]
fn a_workbook_piped_in_as_text_is_a_data_error_that_says_so() {
    let workbook = std::fs::read(data_dir().join("workbooks/demo.xls")).unwrap();
    psyscore()
        .args(["score", "-s", "scales/demo.toml"])
        .write_stdin(workbook)
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            "error: <stdin> is not delimited text: it starts like a workbook (an Excel or \
             OpenDocument file); read it from a file with its own extension (.xlsx, .xls, .ods), \
             or save it as CSV\n",
        );
}

#[test]
fn excel_97_and_opendocument_workbooks_score_like_their_csv() {
    let from_csv = stdout_of(&[
        "score",
        "-s",
        "scales/demo.toml",
        "--keep",
        "age",
        "demo.csv",
    ]);
    assert!(from_csv.contains("\np2,"), "{from_csv}");
    for workbook in ["workbooks/demo.xls", "workbooks/demo.ods"] {
        let scored = stdout_of(&["score", "-s", "scales/demo.toml", "--keep", "age", workbook]);
        assert_eq!(scored, from_csv, "{workbook}");
    }
}

#[test]
fn the_number_of_threads_does_not_change_the_output() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cbi.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(file, "id").unwrap();
    for item in 1..=24 {
        write!(file, ",cbi_{item}").unwrap();
    }
    writeln!(file).unwrap();
    // About 4 MB, so several chunks of text; blanks and a quoted id now and then.
    for row in 0u64..70_000 {
        if row % 1000 == 0 {
            write!(file, "\"R{row},\nquoted\"").unwrap();
        } else {
            write!(file, "R{row}").unwrap();
        }
        for item in 0..24u64 {
            match (row * 31 + item * 7) % 97 {
                0 => write!(file, ",").unwrap(),
                draw => write!(file, ",{}", draw % 5).unwrap(),
            }
        }
        writeln!(file).unwrap();
    }
    file.flush().unwrap();
    drop(file);
    let score = |threads: &str| {
        psyscore()
            .args(["score", "--scale", "cbi", "--threads", threads])
            .arg(&path)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = score("1");
    assert_eq!(
        one.iter().filter(|&&byte| byte == b'\n').count(),
        70_001 + 70
    );
    for threads in ["2", "5"] {
        assert!(
            score(threads) == one,
            "--threads {threads} differs from --threads 1"
        );
    }
    let out = dir.path().join("scores.csv");
    psyscore()
        .args(["score", "--scale", "cbi", "-o"])
        .arg(&out)
        .arg(&path)
        .assert()
        .success();
    assert!(
        std::fs::read(&out).unwrap() == one,
        "-o differs from standard output"
    );
}

#[test]
fn bom_starts_csv_output_with_a_byte_order_mark_for_excel_and_nothing_else() {
    const BOM: &str = "\u{feff}";
    let plain = stdout_of(&[
        "score",
        "-s",
        "scales/demo.toml",
        "--keep",
        "group",
        "chinese_groups.csv",
    ]);
    assert!(plain.starts_with("id,group,demo_agree"), "{plain}");
    let marked = stdout_of(&[
        "score",
        "-s",
        "scales/demo.toml",
        "--keep",
        "group",
        "--bom",
        "chinese_groups.csv",
    ]);
    assert_eq!(marked, format!("{BOM}{plain}"));
    // The same with one thread, and into a file.
    let one_thread = stdout_of(&[
        "score",
        "-s",
        "scales/demo.toml",
        "--keep",
        "group",
        "--bom",
        "--threads",
        "1",
        "chinese_groups.csv",
    ]);
    assert_eq!(one_thread, marked);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("scores.csv");
    psyscore()
        .args([
            "score",
            "-s",
            "scales/demo.toml",
            "--keep",
            "group",
            "--bom",
            "-o",
        ])
        .arg(&file)
        .arg("chinese_groups.csv")
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), marked);
    // psyscore reads its own output back, mark and all: the first column is still `id`.
    let described = psyscore()
        .args([
            "describe",
            "--measure",
            "demo_agree",
            "--by",
            "group",
            "--format",
            "csv",
        ])
        .arg(&file)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let described = String::from_utf8(described).unwrap();
    assert!(
        described.contains("\ndemo_agree,干预组,1,0,3.6666666666666665,"),
        "{described}"
    );
    assert!(
        described.contains("\ndemo_agree,对照组,1,0,3.3333333333333335,"),
        "{described}"
    );
    // Other formats have no byte-order mark.
    let json = stdout_of(&[
        "score",
        "-s",
        "scales/demo.toml",
        "--bom",
        "--format",
        "json",
        "chinese_groups.csv",
    ]);
    assert!(json.starts_with('['), "{json}");
}

/// A survey export whose headers are the question texts: `--columns @D` reads the items from
/// column D on, and scores exactly as the same answers under the scale's own column names.
#[test]
fn items_can_be_placed_by_column_letters_in_a_survey_export() {
    let by_name = stdout_of(&[
        "score",
        "-s",
        "cbi",
        "--keep",
        "group",
        "../../examples/cbi_pre.csv",
    ]);
    let by_position = stdout_of(&[
        "score",
        "-s",
        "cbi",
        "--columns",
        "@D",
        "--id",
        "序号",
        "--keep",
        "组别",
        "survey_export.csv",
    ]);
    // The same scores and notes row for row (the notes name the item, not its position); only
    // the id and group headers and the group labels differ.
    let plain = |text: &str| {
        text.lines()
            .skip(1)
            .map(|line| {
                let cells: Vec<&str> = line.split(',').collect();
                format!("{},{}", cells[0], cells[2..].join(","))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(plain(&by_position), plain(&by_name));
    assert!(
        by_position.starts_with("序号,组别,cbi_time,"),
        "{by_position}"
    );
    assert!(
        by_position.contains(
            "\nC03,干预组,13,10,11,11,8,53.21739130434783,moderate,23,prorated,cbi_7 missing\n"
        ),
        "{by_position}"
    );

    // Past the sheet's last column.
    psyscore()
        .args([
            "score",
            "-s",
            "cbi",
            "--columns",
            "@F",
            "--id",
            "序号",
            "survey_export.csv",
        ])
        .assert()
        .code(4)
        .stderr(predicates::str::starts_with(
            "error: survey_export.csv: 2 required columns are not found:\n  \
             @AB (needed by cbi); the sheet's last column is AA\n  \
             @AC (needed by cbi); the sheet's last column is AA\n",
        ));
    // An item of several columns cannot be placed by one letter.
    psyscore()
        .args([
            "score",
            "-s",
            "ssrs",
            "--columns",
            "@D",
            "survey_export.csv",
        ])
        .assert()
        .code(2)
        .stderr(
            "error: bad column template \"@D\": it places one column per item, but item 5 of \
             ssrs spans several columns; name its columns with a template such as Q{n}; a \
             template names the columns with the placeholders {id}, {name}, {n}, {n+OFFSET} and \
             {n-OFFSET}, or is @ and the first item's column letters (@G)\n",
        );
    // A scale file names its columns.
    let dir = tempfile::tempdir().unwrap();
    let scale = dir.path().join("placed.toml");
    std::fs::write(
        &scale,
        "id = \"placed\"\nname = \"P\"\nmin = 0\nmax = 4\nitems = 3\ncolumns = \"@D\"\n",
    )
    .unwrap();
    psyscore()
        .args(["score", "-s"])
        .arg(&scale)
        .arg("survey_export.csv")
        .assert()
        .code(3)
        .stdout("")
        .stderr(format!(
            "error: {}:6:11: columns = \"@D\": a scale file names its items' columns; place them \
             by position for one sheet with --columns @D\n",
            scale.display()
        ));
    // A query has no sheet to count columns in.
    psyscore()
        .args(["sql", "-s", "cbi", "--table", "answers", "--columns", "@D"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: --columns @D: a query reads its table's columns by name, so the items' \
             columns must be named (e.g. --columns Q{n}); @ counts the columns of a sheet\n",
        );
}

#[test]
fn the_analysis_commands_place_items_by_column_letters_too() {
    let stdout = stdout_despite_warnings;
    assert_eq!(
        stdout(&[
            "reliability",
            "-s",
            "cbi",
            "--columns",
            "@D",
            "survey_export.csv"
        ]),
        stdout(&["reliability", "-s", "cbi", "../../examples/cbi_pre.csv"])
    );
}

/// `-o FILE.xlsx` writes a workbook whose cells are the CSV output's, numbers as numbers and text
/// as text: ids with leading zeros or 18 digits survive, as they do not when Excel opens a CSV.
#[test]
fn an_xlsx_output_file_holds_the_csv_cells_with_their_types() {
    use calamine::{Data, Reader, Xlsx, open_workbook};

    let csv = stdout_of(&[
        "score",
        "-s",
        "scales/demo.toml",
        "--keep",
        "group",
        "long_ids.csv",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scores.xlsx");
    psyscore()
        .args(["score", "-s", "scales/demo.toml", "--keep", "group", "-o"])
        .arg(&path)
        .arg("long_ids.csv")
        .assert()
        .success()
        .stdout("")
        .stderr("");
    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["scores"]);
    let range = workbook.worksheet_range("scores").unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let cells: Vec<Data> = header
        .iter()
        .map(|name| Data::String(name.to_string()))
        .collect();
    assert_eq!(range.rows().next().unwrap(), cells.as_slice());
    let mut rows = 0;
    for (line, row) in lines.zip(range.rows().skip(1)) {
        let expected: Vec<Data> = line
            .split(',')
            .enumerate()
            .map(|(column, text)| match text.parse::<f64>() {
                _ if text.is_empty() => Data::Empty,
                // Kept and id columns are text as read; scores and counts are numbers.
                Ok(number) if column >= 2 => Data::Float(number),
                _ => Data::String(text.to_owned()),
            })
            .collect();
        assert_eq!(row, expected.as_slice());
        rows += 1;
    }
    assert_eq!(rows, 2);
    assert_eq!(range.get_value((1, 0)), Some(&Data::String("007".into())));
    assert_eq!(
        range.get_value((2, 0)),
        Some(&Data::String("110101199003077777".into()))
    );
}

#[test]
fn on_a_terminal_without_input_score_says_it_reads_standard_input() {
    // `script` (util-linux) runs psyscore on a pseudo-terminal and forwards one Ctrl-D, which
    // must end the input (not one read of it); `timeout` keeps a regression from hanging.
    let binary = assert_cmd::cargo::cargo_bin!("psyscore");
    let command = format!("{} score --scale cbi", binary.display());
    let mut child = std::process::Command::new("timeout")
        .args(["20", "script", "-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("timeout and script run");
    use std::io::Write as _;
    child.stdin.take().unwrap().write_all(b"\x04").unwrap();
    let output = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n");
    // `script -e` exits with psyscore's code: an empty sheet is a data error.
    assert_eq!(output.status.code(), Some(4), "{text}");
    assert_eq!(
        text,
        "reading the sheet from standard input, as no INPUT file is given: paste or type its rows and end with Ctrl-D (Ctrl-Z then Enter on Windows), or press Ctrl-C and name a file\nerror: <stdin> has no header row: the file is empty\n"
    );
}

#[test]
fn text_answers_ignore_the_case_of_ascii_letters_only() {
    // The rule of every engine of `psyscore sql`: A-Z fold, other letters match as written.
    let allowed = "(allowed whole numbers 0 to 4 or one of: never, quite often, très souvent, ÉLEVÉ, \
                   Ölçek, σπάνια)";
    psyscore()
        .args(["score", "-s", "sql/case.toml", "--invalid", "missing"])
        .write_stdin(
            "id,case_1,case_2,case_3,case_4\n\
             p1,QUITE OFTEN,TRèS SOUVENT,ÉLEVÉ,ÉlevÉ\n\
             p2,QUİTE OFTEN,TRÈS SOUVENT,élevé,Σπάνια\n",
        )
        .assert()
        .success()
        .stdout(format!(
            "id,case_total,case_answered,case_status,case_notes\n\
             p1,13,4,ok,\n\
             p2,,0,invalid,\"case_1 invalid value \"\"QUİTE OFTEN\"\" {allowed}; \
             case_2 invalid value \"\"TRÈS SOUVENT\"\" {allowed}; \
             case_3 invalid value \"\"élevé\"\" {allowed}; \
             case_4 invalid value \"\"Σπάνια\"\" {allowed}\"\n"
        ));
}
