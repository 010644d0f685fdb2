//! The summary table of Chinese theses (M ± SD per wave and group, the within-group test and
//! the between-group test at each wave) and the study file's `p_style`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::psyscore;

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// Runs `study` (a file in `dir`) into `dir/out` and returns the Markdown report.
fn report_of(study: &Path, extra: &[&str]) -> String {
    fs::read_to_string(run_into(study, "out", extra).join("report.md")).unwrap()
}

/// A copy of a bundled study in a fresh folder, its sheets beside it, with `head` put first.
fn bundled_study(name: &str, head: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for sheet in ["cbi_pre.csv", "cbi_post.csv", "cbi_followup.csv"] {
        fs::copy(examples().join(sheet), dir.path().join(sheet)).unwrap();
    }
    let text = fs::read_to_string(examples().join(name)).unwrap();
    let study = dir.path().join(name);
    fs::write(&study, format!("{head}{text}")).unwrap();
    (dir, study)
}

/// The lines of the table whose caption contains `caption`, up to its note.
fn table_lines(report: &str, caption: &str) -> Vec<String> {
    let start = report
        .find(caption)
        .unwrap_or_else(|| panic!("no table {caption}"));
    report[start..]
        .lines()
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_chinese_report_prints_the_theses_table_of_both_groups_before_and_after() {
    let (_dir, study) = bundled_study("cbi_study.toml", "");
    let report = report_of(&study, &["--lang", "zh"]);
    let table = table_lines(&report, "两组干预前后各维度得分比较（x̄ ± s）");
    // R: pre$time <- rowSums(pre[, paste0("cbi_", 1:5)]) (the same for post);
    //   aggregate(time ~ group, pre, function(x) c(mean(x), sd(x)))
    //     intervention 12.750000 1.488048, control 12.444444 2.185813 (post 7.375 2.263846,
    //     13.111111 1.763834);
    //   t.test(time ~ group, data = post): t = 5.7758 (control − intervention), p = 6.011e-05;
    //   t.test(time ~ group, data = pre): t = -0.3425 (intervention − control 0.34), p = 0.7386;
    //   intervention merged by id: t.test(post, pre, paired = TRUE): t = -6.9109, p = 0.0002291.
    assert_eq!(
        table[..6],
        [
            "| 指标 | 组别 | *n* | 前测 | 后测 | *t* | *P* |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
            "| 时间依赖性负担 | 干预组 | 8 | 12.75 ± 1.49 | 7.38 ± 2.26 | -6.91 | <0.001 |",
            "|  | 对照组 | 9 | 12.44 ± 2.19 | 13.11 ± 1.76 | 0.74 | 0.479 |",
            "|  | *t* |  | 0.34 | -5.78 |  |  |",
            "|  | *P* |  | 0.739 | <0.001 |  |  |",
        ]
    );
    assert!(report.contains(
        "*注：*n 为前后测均有数据者；组内比较（最后两列）为配对 *t* 检验。各时间点组间比较（*t* 与 *P* 行）为 Welch *t* 检验。x̄ ± s 与组间比较纳入各时间点的全部测量者，人数可能多于 n。"
    ));
    // The sentences write P as theses do too, and the significance level with them.
    assert!(report.contains("*t*(7) = -6.91, *P* < 0.001"), "{report}");
    assert!(report.contains("显著性水平 α = 0.05"), "{report}");
}

#[test]
fn with_three_waves_the_table_reads_the_repeated_measures_f_and_the_t_at_each_wave() {
    let (_dir, study) = bundled_study("cbi_followup_study.toml", "");
    let report = report_of(&study, &["--lang", "zh"]);
    let table = table_lines(&report, "两组各时间点各维度得分比较（x̄ ± s）");
    // R, the intervention group's 7 people at every wave, time-dependence burden:
    //   summary(aov(time ~ w + Error(id/w), data = long)): F(2, 12) = 22.47, p = 8.76e-05;
    //   t.test(time ~ group, data = followup): t = 3.6879 (control − intervention), p = 0.002817.
    assert_eq!(
        table[2..6],
        [
            "| 时间依赖性负担 | 干预组 | 7 | 12.75 ± 1.49 | 7.38 ± 2.26 | 8.14 ± 1.95 | 22.47 | <0.001 |",
            "|  | 对照组 | 8 | 12.44 ± 2.19 | 13.11 ± 1.76 | 11.88 ± 1.96 | 1.65 | 0.228 |",
            "|  | *t* |  | 0.34 | -5.78 | -3.69 |  |  |",
            "|  | *P* |  | 0.739 | <0.001 | 0.003 |  |  |",
        ]
    );
}

#[test]
fn p_style_writes_the_p_values_of_either_language_either_way() {
    let (_dir, study) = bundled_study("cbi_study.toml", "");
    let english = report_of(&study, &[]);
    let table = table_lines(&english, "Scores of the groups at each wave (*M* ± *SD*)");
    // The measure is named by the scale file (Time-dependence burden); the numbers are these.
    assert!(
        table[2].ends_with("| intervention | 8 | 12.75 ± 1.49 | 7.38 ± 2.26 | -6.91 | < .001 |"),
        "{}",
        table[2]
    );
    assert!(english.contains("*t*(7) = -6.91, *p* < .001"));
    let (_dir, study) = bundled_study("cbi_study.toml", "p_style = \"zh\"\n");
    let english = report_of(&study, &[]);
    assert!(english.contains("*t*(7) = -6.91, *P* < 0.001"));
    // Every heading and note that names p-values uses the style's symbol.
    for heading in ["| *P* adj. |", "| *P* (*U*) |", "| *P* (slopes) |"] {
        assert!(english.contains(heading), "{heading}");
    }
    assert!(english.contains("*Note.* *P* adj.: adjusted across the measures with"));
    assert!(!english.contains("*p*"), "{english}");
    let (_dir, study) = bundled_study("cbi_study.toml", "p_style = \"apa\"\n");
    let chinese = report_of(&study, &["--lang", "zh"]);
    assert!(chinese.contains("*t*(7) = -6.91, *p* < .001"));
    assert!(chinese.contains("|  | *p* |  | .739 | < .001 |  |  |"));
}

#[test]
fn an_unknown_p_style_is_an_error_at_its_line() {
    let (_dir, study) = bundled_study("cbi_study.toml", "p_style = \"APA\"\n");
    psyscore()
        .args(["study", &study.display().to_string()])
        .assert()
        .code(3)
        .stderr(format!(
            "error: {}:1:11: p_style must be \"apa\" (p = .032) or \"zh\" (P = 0.032), not \"APA\"\n",
            study.display()
        ));
}

#[test]
fn the_html_report_prints_on_a4_and_keeps_short_chinese_names_on_one_line() {
    let (_dir, study) = bundled_study("cbi_study.toml", "");
    report_of(&study, &["--lang", "zh"]);
    let html = fs::read_to_string(study.parent().unwrap().join("out/report.html")).unwrap();
    assert!(html.contains("@page { size: A4 portrait; margin: 2.5cm; }"));
    // The measure column holds names such as 总分: they break at spaces only, never between
    // two Chinese characters.
    assert!(
        html.contains(
            "td:first-child, td:last-child { white-space: normal; word-break: keep-all; }"
        )
    );
    assert!(html.contains("<td>总负担</td>"));
}

/// The folder of a study run into `dir/NAME` with `extra` arguments.
fn run_into(study: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let out = study.parent().unwrap().join(name);
    psyscore()
        .args(["study", &study.display().to_string(), "-o"])
        .arg(&out)
        .args(extra)
        .assert()
        .success();
    out
}

#[test]
fn tables_xlsx_holds_every_report_table_as_printed() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let (_dir, study) = bundled_study("cbi_study.toml", "");
    let out = run_into(&study, "zh", &["--lang", "zh"]);
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    let captions: Vec<&str> = report
        .lines()
        .filter(|line| {
            line.starts_with("表 ")
                && line
                    .split(' ')
                    .nth(1)
                    .is_some_and(|n| n.parse::<u32>().is_ok())
        })
        .collect();
    let mut workbook: Xlsx<_> = open_workbook(out.join("tables.xlsx")).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(names.len(), captions.len());
    for (name, caption) in names.iter().zip(&captions) {
        assert!(name.chars().count() <= 31, "{name}");
        assert!(
            !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{name}"
        );
        let number = caption.split(' ').take(2).collect::<Vec<_>>().join(" ");
        assert!(
            name.starts_with(&format!("{number} ")),
            "{name} for {caption}"
        );
    }
    let summary = names
        .iter()
        .find(|name| name.contains("两组干预前后各维度得分比较"))
        .unwrap()
        .clone();
    let range = workbook.worksheet_range(&summary).unwrap();
    let cell = |row: u32, column: u32| range.get_value((row, column)).cloned().unwrap();
    assert_eq!(
        cell(0, 0),
        Data::String("表 9 两组干预前后各维度得分比较（x̄ ± s）".to_owned())
    );
    assert_eq!(cell(1, 6), Data::String("P".to_owned()));
    // The first measure's intervention row: M ± SD as printed, t and P rounded as printed.
    assert_eq!(cell(2, 1), Data::String("干预组".to_owned()));
    assert_eq!(cell(2, 2), Data::Float(8.0));
    assert_eq!(cell(2, 3), Data::String("12.75 ± 1.49".to_owned()));
    assert_eq!(cell(2, 5), Data::Float(-6.91));
    assert_eq!(cell(2, 6), Data::String("<0.001".to_owned()));
    assert_eq!(cell(3, 6), Data::Float(0.479));
    // The columns fit the table, not its caption or note (fitted to the note, the first was
    // 255 characters wide, a page in print), and 总负担 takes six characters' width.
    let bytes = fs::read(out.join("tables.xlsx")).unwrap();
    let parts = crate::docx::unzip(&out.join("tables.xlsx"), bytes);
    let sheet = String::from_utf8(parts["xl/worksheets/sheet1.xml"].clone()).unwrap();
    let first_column = sheet
        .split("<col min=\"1\" max=\"1\" width=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|width| width.parse::<f64>().unwrap());
    assert!(
        first_column.is_some_and(|width| (7.0..=30.0).contains(&width)),
        "{first_column:?}"
    );
}

#[test]
fn a_chinese_report_writes_csv_with_a_byte_order_mark_unless_asked_not_to() {
    let (_dir, study) = bundled_study("cbi_study.toml", "");
    let chinese = run_into(&study, "zh", &["--lang", "zh"]);
    let unmarked = run_into(&study, "zh-plain", &["--lang", "zh", "--no-bom"]);
    let english = run_into(&study, "en", &[]);
    for name in ["tables/cbi_within_intervention.csv", "scored/pre.csv"] {
        let marked = fs::read(chinese.join(name)).unwrap();
        let plain = fs::read(unmarked.join(name)).unwrap();
        assert_eq!(
            marked,
            [b"\xEF\xBB\xBF".as_slice(), &plain].concat(),
            "{name}"
        );
        assert!(
            !fs::read(english.join(name))
                .unwrap()
                .starts_with(b"\xEF\xBB\xBF")
        );
    }
    psyscore()
        .args(["study", &study.display().to_string(), "--bom", "--no-bom"])
        .assert()
        .code(2);
}

#[test]
fn groups_keep_the_study_files_order_and_people_are_listed_by_group_then_id() {
    let (dir, study) = bundled_study("cbi_study.toml", "");
    // Both sheets with their rows upside down: the control group's C17 comes first.
    for sheet in ["cbi_pre.csv", "cbi_post.csv"] {
        let text = fs::read_to_string(examples().join(sheet)).unwrap();
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        fs::write(dir.path().join(sheet), lines.join("\n") + "\n").unwrap();
    }
    let report = report_of(&study, &[]);
    let describe = table_lines(&report, ". Descriptive statistics");
    let groups: Vec<(&str, &str)> = describe[2..6]
        .iter()
        .map(|row| {
            let cells: Vec<&str> = row.split(" | ").collect();
            (cells[1], cells[2])
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("pre", "intervention"),
            ("pre", "control"),
            ("post", "intervention"),
            ("post", "control")
        ]
    );
    let people = table_lines(&report, ". Each person's change\n");
    let ids: Vec<&str> = people[2..]
        .iter()
        .map(|row| row.split(" | ").nth(1).unwrap())
        .collect();
    let expected: Vec<String> = (1..=17).map(|n| format!("C{n:02}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn a_single_case_gets_no_descriptive_table_of_one_value() {
    let out = tempfile::tempdir().unwrap();
    psyscore()
        .args([
            "study",
            &examples().join("case_study.toml").display().to_string(),
            "-o",
        ])
        .arg(out.path())
        .assert()
        .success();
    let report = fs::read_to_string(out.path().join("report.md")).unwrap();
    assert!(!report.contains("Descriptive statistics"), "{report}");
    // Nor does the participants paragraph speak of descriptive statistics.
    assert!(!report.contains("descriptive statistics"), "{report}");
    assert!(report.contains(
        "The individual change and the band transitions use the people with a row at both times"
    ));
    // The person's scores are in the table of their change.
    assert!(report.contains("Table 1. Participants"));
    assert!(report.contains("Table 3. Each person's change"), "{report}");
}

#[test]
fn a_study_without_p_adjustment_says_so_in_plain_words() {
    let (_dir, study) = bundled_study("cbi_followup_study.toml", "adjust = \"none\"\n");
    let english = report_of(&study, &[]);
    for said in [
        "*p*-values are not adjusted across the subscales and total of each questionnaire, and intervals are 95% CIs.",
        "(no adjustment within each family)",
        "paired *t*-tests and Wilcoxon signed-rank tests, *p* not adjusted.",
    ] {
        assert!(english.contains(said), "{said}");
    }
    assert!(!english.contains("with no adjustment"), "{english}");
    let chinese = report_of(&study, &["--lang", "zh"]);
    for said in [
        "各量表的维度与总分的 *P* 值不作校正；",
        "（每类效应内不作校正）",
        "*P* 值在两两比较间不作校正。",
    ] {
        assert!(chinese.contains(said), "{said}");
    }
    assert!(!chinese.contains("方法为 不校正"), "{chinese}");
    // The pre/post table's note.
    let (_dir, study) = bundled_study("cbi_study.toml", "adjust = \"none\"\n");
    let english = report_of(&study, &[]);
    assert!(english.contains("*Note.* *p* adj.: not adjusted (equal to *p*)."));
    let chinese = report_of(&study, &["--lang", "zh"]);
    assert!(chinese.contains("*注：*校正 *P* 未作校正（等于 *P*）。"));
}
