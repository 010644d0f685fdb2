//! Who an analysis leaves out, and the id mistakes that would pair the wrong people: a person in
//! two groups is an error in every command that pairs, an id column of row numbers is a
//! warning, and everyone left out is named with the reason (JSON, human formats, the report).

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::{data_dir, excluded_lines, json, psyscore};

/// The warning for the WJX sheets, whose `序号` column numbers the submissions 1, 2, 3, …
fn row_number_warning(post: &str) -> String {
    format!(
        "warning: the id column 序号 holds exactly the row numbers 1, 2, 3, … in pairing/wjx_pre.csv and pairing/{post}: it looks like a submission number (such as WJX's 序号), not a person's id; rows are paired by it, so unless the same person is on the same row of every sheet, name the column that identifies people\n"
    )
}

/// The error for the WJX sheets whose post-test was submitted in another order.
fn conflict_error(sources: &str) -> String {
    format!(
        "error: 4 people are in a different group at different times, by the id column 序号 of {sources}:
  1: intervention at pre, control at post
  3: intervention at pre, control at post
  4: control at pre, intervention at post
  6: control at pre, intervention at post
  a person keeps one group throughout: check that 序号 identifies people, with the same value for the same person in every sheet (a submission number such as WJX's 序号 does not)
"
    )
}

const WJX: [&str; 6] = [
    "--scale",
    "cbi",
    "--id",
    "序号",
    "--pre",
    "pairing/wjx_pre.csv",
];

#[test]
fn a_person_in_two_groups_is_a_data_error_in_every_command_that_pairs() {
    let shuffled = ["--post", "pairing/wjx_post_shuffled.csv"];
    let expected = format!(
        "{}{}",
        row_number_warning("wjx_post_shuffled.csv"),
        conflict_error("pairing/wjx_pre.csv and pairing/wjx_post_shuffled.csv")
    );
    for command in [
        vec!["compare", "paired", "--only", "group=intervention"],
        vec![
            "compare",
            "ancova",
            "--group",
            "group",
            "--levels",
            "intervention,control",
        ],
        vec!["change", "--only", "group=control", "--better", "lower"],
    ] {
        psyscore()
            .args(&command)
            .args(WJX)
            .args(shuffled)
            .assert()
            .code(4)
            .stdout("")
            .stderr(expected.clone());
    }
}

#[test]
fn a_person_in_two_groups_stops_a_study_wide_or_long() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_dir().join("pairing");
    let wide = write_study(
        dir.path(),
        "wide.toml",
        &format!(
            "[data]\npre = \"{}\"\npost = \"{}\"\nid = \"序号\"\n",
            data.join("wjx_pre.csv").display(),
            data.join("wjx_post_shuffled.csv").display()
        ),
    );
    let sources = format!(
        "{} and {}",
        data.join("wjx_pre.csv").display(),
        data.join("wjx_post_shuffled.csv").display()
    );
    let out = dir.path().join("out");
    psyscore()
        .args(["study", &wide, "-o", &out.display().to_string()])
        .assert()
        .code(4)
        .stdout("")
        .stderr(conflict_error(&sources));
    assert!(!out.exists(), "no report on the wrong people");

    let long = write_study(
        dir.path(),
        "long.toml",
        &format!(
            "[data]\nfile = \"{}\"\ntime = \"time\"\nid = \"id\"\n",
            data.join("long_conflict.csv").display()
        ),
    );
    psyscore()
        .args(["study", &long, "-o", &out.display().to_string()])
        .assert()
        .code(4)
        .stdout("")
        .stderr(format!(
            "error: 1 person is in a different group at different times, by the id column id of {}:
  C02: intervention at pre, control at post
  a person keeps one group throughout: check that id identifies people, with the same value for the same person in every sheet (a submission number such as WJX's 序号 does not)
",
            data.join("long_conflict.csv").display()
        ));
}

/// Writes a two-group CBI study file whose `[data]` section is `data`; returns its path.
fn write_study(dir: &Path, name: &str, data: &str) -> String {
    let path = dir.join(name);
    fs::write(
        &path,
        format!(
            "{data}[groups]\ncolumn = \"group\"\nintervention = \"intervention\"\ncontrol = \"control\"\n[[scales]]\nscale = \"cbi\"\n"
        ),
    )
    .unwrap();
    path.display().to_string()
}

#[test]
fn an_id_column_of_row_numbers_is_a_warning_and_the_dropout_is_named() {
    let output = psyscore()
        .args(["compare", "paired", "--format", "json"])
        .args(WJX)
        .args(["--post", "pairing/wjx_post_same_order.csv"])
        .assert()
        .success()
        .stderr(row_number_warning("wjx_post_same_order.csv"));
    let report: Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(
        excluded_lines(&report),
        ["6 [missing_time]: only at pre (row 7 of pairing/wjx_pre.csv)"]
    );
    assert_eq!(
        report["excluded"][0]["rows"],
        serde_json::json!([{"time": "pre", "source": "pairing/wjx_pre.csv", "row": 7}])
    );
    assert_eq!(
        report["excluded"][0]["missing_at"],
        serde_json::json!(["post"])
    );
    // Ids that are not 1, 2, 3, … in order are people's, whatever they look like.
    psyscore()
        .args(["compare", "paired", "--format", "json"])
        .args(WJX)
        .args(["--post", "pairing/wjx_post_shuffled.csv"])
        .assert()
        .success()
        .stderr(row_number_warning("wjx_post_shuffled.csv"));
    psyscore()
        .args(["compare", "paired", "--scale", "cbi", "--id", "id"])
        .args([
            "--pre",
            "pairing/pre_ids.csv",
            "--post",
            "pairing/post_blank_group.csv",
        ])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn the_study_warns_about_row_number_ids_in_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let data = data_dir().join("pairing");
    let study = write_study(
        dir.path(),
        "study.toml",
        &format!(
            "[data]\npre = \"{}\"\npost = \"{}\"\nid = \"序号\"\n",
            data.join("wjx_pre.csv").display(),
            data.join("wjx_post_same_order.csv").display()
        ),
    );
    let out = dir.path().join("out");
    for lang in ["en", "zh"] {
        psyscore()
            .args(["study", &study, "--lang", lang, "-o", &out.display().to_string()])
            .assert()
            .success()
            .stderr(format!(
                "warning: the id column 序号 holds exactly the row numbers 1, 2, 3, … in {} and {}: it looks like a submission number (such as WJX's 序号), not a person's id; rows are paired by it, so unless the same person is on the same row of every sheet, name the column that identifies people\n",
                data.join("wjx_pre.csv").display(),
                data.join("wjx_post_same_order.csv").display()
            ));
        let report = fs::read_to_string(out.join("report.md")).unwrap();
        let (warning, left_out) = match lang {
            "en" => (
                "- **Check the ids.** The id column 序号 holds exactly the row numbers 1, 2, 3, … of the data",
                format!(
                    "- 6: only at pre (row 7 of {})",
                    data.join("wjx_pre.csv").display()
                ),
            ),
            _ => (
                "- **请核对编号。** 编号列 序号 恰为数据的行号 1、2、3……",
                format!(
                    "- 6：仅有前测的记录（{} 第 7 行）",
                    data.join("wjx_pre.csv").display()
                ),
            ),
        };
        assert!(report.contains(warning), "{report}");
        assert!(report.contains(&left_out), "{report}");
    }
    let results: Value =
        serde_json::from_str(&fs::read_to_string(out.join("results.json")).unwrap()).unwrap();
    assert_eq!(results["scales"][0]["sample"]["ids_are_row_numbers"], true);
}

#[test]
fn a_group_left_blank_at_one_time_is_taken_from_the_other_and_said() {
    let output = psyscore()
        .args(["compare", "ancova", "--scale", "cbi", "--id", "id", "--format", "json"])
        .args(["--pre", "pairing/pre_ids.csv", "--post", "pairing/post_blank_group.csv"])
        .args(["--group", "group", "--levels", "intervention,control"])
        .assert()
        .success()
        .stderr(
            "note: 1 person has no group at some times; the group given at the other times is used: C02 (intervention; blank at post)\n",
        );
    let report: Value = serde_json::from_slice(&output.get_output().stdout).unwrap();
    assert_eq!(report["results"][0]["groups"][0]["n"], 3);
    assert_eq!(excluded_lines(&report), Vec::<String>::new());
}

#[test]
fn describe_and_change_name_everyone_left_out() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let (pre, post) = (
        examples.join("cbi_pre.csv").display().to_string(),
        examples.join("cbi_post.csv").display().to_string(),
    );
    let describe = [
        "describe", "--scale", "cbi", &pre, &post, "--label", "pre", "--label", "post",
    ];
    let report = json(&describe);
    assert_eq!(
        excluded_lines(&report),
        [format!(
            "C12 (social) [missing_score]: no score at post (row 13 of {post})"
        )]
    );
    let table = psyscore()
        .args(describe)
        .args(["--format", "md"])
        .assert()
        .success();
    let table = String::from_utf8(table.get_output().stdout.clone()).unwrap();
    assert!(
        table.ends_with(&format!(
            "\nLeft out:\n- C12 (social): no score at post (row 13 of {post})\n"
        )),
        "{table}"
    );
    let change = psyscore()
        .args([
            "change", "--scale", "cbi", "--id", "id", "--pre", &pre, "--post", &post,
        ])
        .args(["--sd", "7", "--reliability", "0.9", "--format", "table"])
        .assert()
        .success();
    let change = String::from_utf8(change.get_output().stdout.clone()).unwrap();
    assert!(
        change.ends_with("\nLeft out:\n  C12 (social): no post score\n"),
        "{change}"
    );
}

#[test]
fn the_study_report_has_a_participants_section_in_both_languages() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let study = examples.join("cbi_study.toml").display().to_string();
    for (lang, expected) in [
        (
            "en",
            "### Participants

The descriptive statistics use every row at each time; the reliability uses the pre-test rows with every item of a score answered; the baseline comparison uses every pre-test row of the two groups; the pre/post comparisons, the ANCOVA, the individual change and the band transitions use the people with a row at both times, on each measure those with a score at both.

Table 2. Participants

| group | pre | post | both |
| --- | ---: | ---: | ---: |
| intervention | 8 | 8 | 8 |
| control | 9 | 9 | 9 |
| total | 17 | 17 | 17 |

*Note.* Rows in the data at each time, and people with a row at both times.

Left out of the comparisons over time, and why:

- C12 (Social burden): no post score
",
        ),
        (
            "zh",
            "### 研究对象

描述统计使用各时间点的全部记录；信度分析使用前测中该分数全部条目均作答的记录；基线比较使用两组的全部前测记录；前后测比较、协方差分析、个体变化、等级变化使用前后测均有记录者，且每个指标仅纳入前后测均有该指标得分者。

表 2 研究对象

| 组别 | 前测 | 后测 | 前后测均有 |
| --- | ---: | ---: | ---: |
| 干预组 | 8 | 8 | 8 |
| 对照组 | 9 | 9 | 9 |
| 合计 | 17 | 17 | 17 |

*注：*各时间点的记录数，以及前后测均有记录的人数。

未纳入前后测分析的记录及原因：

- C12（社交性负担）：缺少后测得分
",
        ),
    ] {
        psyscore()
            .args(["study", &study, "--lang", lang, "-o", &out.display().to_string()])
            .assert()
            .success();
        let report = fs::read_to_string(out.join("report.md")).unwrap();
        assert!(report.contains(expected), "{report}");
    }
}
