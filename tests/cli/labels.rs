//! The names the report gives waves and groups: labels in the study file, Chinese defaults.

use std::fs;
use std::path::{Path, PathBuf};

use crate::util::psyscore;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// Writes `text` as study.toml beside copies of the example data, returns the study's path.
fn study_file(dir: &Path, text: &str) -> PathBuf {
    for file in [
        "cbi_pre.csv",
        "cbi_post.csv",
        "cbi_followup.csv",
        "children_long.csv",
    ] {
        fs::copy(examples().join(file), dir.join(file)).unwrap();
    }
    let study = dir.join("study.toml");
    fs::write(&study, text).unwrap();
    study
}

fn report(study: &Path, lang: &str) -> String {
    let out = study.parent().unwrap().join(format!("out-{lang}"));
    psyscore()
        .args(["study", &study.display().to_string(), "--lang", lang])
        .args(["-o", &out.display().to_string()])
        .assert()
        .success();
    fs::read_to_string(out.join("report.md")).unwrap()
}

const GROUPS: &str =
    "[groups]\ncolumn = \"group\"\nintervention = \"intervention\"\ncontrol = \"control\"\n";

#[test]
fn waves_and_groups_get_the_labels_of_the_study_file() {
    let dir = tempfile::tempdir().unwrap();
    let study = study_file(
        dir.path(),
        &format!(
            "[data]\npre = {{ file = \"cbi_pre.csv\", label = \"干预前\" }}\npost = {{ file = \"cbi_post.csv\", label = \"干预后\" }}\nid = \"id\"\n{GROUPS}labels = {{ intervention = \"护理干预组\", control = \"常规护理\" }}\n[[scales]]\nscale = \"cbi\"\n"
        ),
    );
    let chinese = report(&study, "zh");
    for line in [
        "| 组别 | 干预前 | 干预后 | 前后测均有 |",
        "| 护理干预组 | 8 | 8 | 8 |",
        "| 常规护理 | 9 | 9 | 9 |",
        " 护理干预组前后测比较\n",
        " 常规护理组前后测比较\n",
        "（护理干预组 8 人、常规护理组 9 人）",
        "| 指标 | *n* | 干预前 *M* (*SD*) | 干预后 *M* (*SD*) |",
        "- C12（社交性负担）：缺少干预后得分",
    ] {
        assert!(chinese.contains(line), "{line}\nnot in\n{chinese}");
    }
    assert!(!chinese.contains("组组"), "{chinese}");
    // The labels are the report's names in every language; the data keep their values.
    let english = report(&study, "en");
    assert!(english.contains("| 护理干预组 | 8 | 8 | 8 |"), "{english}");
    let results = fs::read_to_string(dir.path().join("out-en/results.json")).unwrap();
    assert!(results.contains("\"intervention\""));
    assert!(!results.contains("护理干预组"));
}

#[test]
fn without_labels_a_chinese_report_says_the_usual_words() {
    let dir = tempfile::tempdir().unwrap();
    let study = study_file(
        dir.path(),
        &format!(
            "[data]\nid = \"id\"\n[data.waves]\npre = \"cbi_pre.csv\"\npost = \"cbi_post.csv\"\nfollowup = {{ file = \"cbi_followup.csv\", label = \"三个月随访\" }}\n{GROUPS}[[scales]]\nscale = \"cbi\"\n"
        ),
    );
    let chinese = report(&study, "zh");
    for line in [
        "| 组别 | 前测 | 后测 | 三个月随访 | 全部测量 |",
        "| 干预组 | 8 | 8 | 7 | 7 |",
        " 干预组各时间点重复测量方差分析\n",
    ] {
        assert!(chinese.contains(line), "{line}\nnot in\n{chinese}");
    }
    assert!(!chinese.contains("组组"), "{chinese}");
    let english = report(&study, "en");
    assert!(
        english.contains("| intervention | 8 | 8 | 7 | 7 |"),
        "{english}"
    );
    assert!(english.contains("三个月随访"), "{english}");
}

#[test]
fn a_long_file_labels_its_time_values_in_data() {
    let dir = tempfile::tempdir().unwrap();
    let study = study_file(
        dir.path(),
        "[data]\nfile = \"children_long.csv\"\ntime = \"time\"\nid = \"id\"\nlabels = { post = \"项目结束时\" }\n[[scales]]\nscale = \"sas\"\n",
    );
    let chinese = report(&study, "zh");
    assert!(
        chinese.contains("| 全体 | 14 | 14 | 14 |")
            && chinese.contains("| 组别 | 前测 | 项目结束时 | 前后测均有 |"),
        "{chinese}"
    );
}

#[test]
fn labels_that_name_nothing_or_twice_are_errors_at_their_line() {
    let dir = tempfile::tempdir().unwrap();
    for (text, message) in [
        (
            format!("[data]\npre = \"cbi_pre.csv\"\npost = \"cbi_post.csv\"\nid = \"id\"\n{GROUPS}labels = {{ interventoin = \"干预组\" }}\n[[scales]]\nscale = \"cbi\"\n"),
            "9:12: labels name the group interventoin, which is not one of intervention, control",
        ),
        (
            format!("[data]\npre = \"cbi_pre.csv\"\npost = \"cbi_post.csv\"\nid = \"id\"\n{GROUPS}labels = {{ intervention = \"A\", control = \"A\" }}\n[[scales]]\nscale = \"cbi\"\n"),
            "9:27: the label A is given twice; give each a name of its own",
        ),
        (
            "[data]\npre = { file = \"cbi_pre.csv\", label = \" \" }\npost = \"cbi_post.csv\"\nid = \"id\"\n[[scales]]\nscale = \"cbi\"\n".to_owned(),
            "2:7: the label is empty; leave it out or give the name the report should show",
        ),
        (
            "[data]\npre = \"cbi_pre.csv\"\npost = \"cbi_post.csv\"\nid = \"id\"\nlabels = { pre = \"干预前\" }\n[[scales]]\nscale = \"cbi\"\n".to_owned(),
            "5:10: labels name the values of the time column of a long file (file and time); with one file per wave give each its label there, e.g. pre = { file = \"pre.csv\", label = \"干预前\" }",
        ),
        (
            "[data]\npre = { file = \"cbi_pre.csv\", name = \"干预前\" }\npost = \"cbi_post.csv\"\nid = \"id\"\n[[scales]]\nscale = \"cbi\"\n".to_owned(),
            "2:7: unknown field `name`, expected `file` or `label`",
        ),
    ] {
        let study = study_file(dir.path(), &text);
        psyscore()
            .args(["study", &study.display().to_string()])
            .assert()
            .code(3)
            .stderr(format!("error: {}:{message}\n", study.display()));
    }
}

#[test]
fn a_transform_label_needs_the_transform_s_own_column() {
    let dir = tempfile::tempdir().unwrap();
    let scale = dir.path().join("s.toml");
    fs::write(
        &scale,
        "id = \"s\"\nname = \"S\"\nmin = 1\nmax = 4\nitems = 2\n[total]\ntransform = { label = \"Standard score\", multiply = 1.25, rounding = \"none\" }\n",
    )
    .unwrap();
    psyscore()
        .args(["scales", "check", &scale.display().to_string()])
        .assert()
        .code(3)
        .stderr(format!(
            "{}:7:13: transform: label and label_zh name the transformed score's own column; give it a name too (e.g. name = \"index\") or leave them out\nerror: 1 of 1 scale files have errors\n",
            scale.display()
        ));
}
