//! A Chinese report is Chinese: every run of Latin letters in report.md and in the figures' text
//! is a statistical symbol, a method's or author's name, a name the user gave (the study file,
//! the data, the scale files) or on the allow-list below.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::util::psyscore;

/// Words a Chinese report may write in Latin letters: statistical symbols and abbreviations,
/// the names of methods and their authors, and the program's name.
const ALLOWED: &[&str] = &[
    // symbols and abbreviations
    "t",
    "p",
    "P",
    "M",
    "SD",
    "n",
    "N",
    "d",
    "z",
    "F",
    "df",
    "U",
    "V",
    "H",
    "W",
    "r",
    "R",
    "Q",
    "Mdn",
    "CI",
    "RCI",
    "ICC",
    "REML",
    "lme",
    "Satterthwaite",
    "lmerTest",
    "emmeans",
    "S",
    "x", // x̄ and s: the mean and SD as Chinese theses write them
    "s",
    "diff",
    "G",
    "SE",
    "HSD",
    "II",
    "III",
    "CSV",
    // R's name of a statistic, and its quantile type
    "drop",
    "type",
    // methods and their authors
    "Cronbach",
    "Cronbach's",
    "McDonald",
    "McDonald's",
    "Kendall's",
    "Cohen's",
    "Heywood",
    "Wilcoxon",
    "Shapiro",
    "Wilk",
    "Welch",
    "Fisher",
    "Holm",
    "Bonferroni",
    "Benjamini",
    "Hochberg",
    "Yekutieli",
    "Mann",
    "Whitney",
    "Tukey",
    "Games",
    "Howell",
    "Dunn",
    "Friedman",
    "Mauchly",
    "Power", // G*Power, the software whose sensitivity analysis the discussion follows
    "Greenhouse",
    "Geisser",
    "Kruskal",
    "Wallis",
    "Levene",
    "Feldt",
    "Pearson",
    "Cohen",
    "Jacobson",
    "Truax",
    // the program
    "psyscore",
];

/// Values a Chinese report names in Chinese even though the user wrote them (前测, 干预组...).
const TRANSLATED: &[&str] = &["pre", "post", "followup", "intervention", "control"];

/// The Latin words of `text`.
fn latin_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        if c.is_ascii_alphabetic() || (!word.is_empty() && c == '\'') {
            word.push(c);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word).trim_end_matches('\'').to_owned());
        }
    }
    words
}

/// Every key and string of a TOML value (not its comments).
fn toml_strings(value: &toml::Value, text: &mut String) {
    match value {
        toml::Value::String(s) => text.push_str(s),
        toml::Value::Array(values) => values.iter().for_each(|v| toml_strings(v, text)),
        toml::Value::Table(table) => {
            for (key, v) in table {
                text.push_str(key);
                text.push(' ');
                toml_strings(v, text);
            }
        }
        _ => {}
    }
    text.push(' ');
}

/// The words the user wrote: every key and string of the study file, the data sheets, and the
/// scale files' names and citations.
fn user_words(study: &Path, scales: &[&str]) -> BTreeSet<String> {
    let mut text = String::new();
    let parsed: toml::Value = toml::from_str(&fs::read_to_string(study).unwrap()).unwrap();
    toml_strings(&parsed, &mut text);
    for entry in fs::read_dir(study.parent().unwrap()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            text.push_str(&fs::read_to_string(&path).unwrap());
        }
        text.push_str(&path.display().to_string());
    }
    for scale in scales {
        let shown = psyscore()
            .args(["scales", "show", scale, "--format", "json"])
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
        for key in ["id", "name", "name_zh", "citation"] {
            text.push_str(json[key].as_str().unwrap_or(""));
            text.push(' ');
        }
        for score in json["scores"].as_array().unwrap() {
            if let Some(norms) = score["norms"].as_object() {
                text.push_str(norms["source"].as_str().unwrap_or(""));
                text.push_str(norms["population"].as_str().unwrap_or(""));
            }
        }
    }
    latin_words(&text)
        .into_iter()
        .filter(|word| !TRANSLATED.contains(&word.as_str()))
        .collect()
}

/// The text of a report.md without the figures' file names, and of the figures' `<text>`.
fn report_text(out: &Path) -> String {
    let markdown = fs::read_to_string(out.join("report.md")).unwrap();
    let mut text: String = markdown
        .lines()
        .map(|line| match line.find("](figures/") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
        // Subscripts (*d*<sub>z</sub>) are markup, not words.
        .replace("<sub>", "")
        .replace("</sub>", "");
    for entry in fs::read_dir(out.join("figures")).unwrap() {
        let path = entry.unwrap().path();
        // The PNG copies of the figures hold the same text as pixels.
        if path.extension().is_none_or(|ext| ext != "svg") {
            continue;
        }
        let svg = fs::read_to_string(path).unwrap();
        for piece in svg.split("<text").skip(1) {
            let inner = piece.split_once('>').map_or("", |(_, rest)| rest);
            let inner = inner.split("</text>").next().unwrap_or("");
            // The text without the tags inside it (<tspan>).
            let mut in_tag = false;
            text.push('\n');
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
        }
    }
    text
}

#[test]
fn every_bundled_study_in_chinese_has_no_english_words() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut problems = Vec::new();
    for (study, scales) in [
        ("cbi_study.toml", &["cbi"][..]),
        ("cbi_followup_study.toml", &["cbi"]),
        ("cbi_arms_study.toml", &["cbi"]),
        ("children_study.toml", &["sas", "ssrs"]),
        ("case_study.toml", &["cdrisc10"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        let path = examples.join(study);
        psyscore()
            .args(["study", &path.display().to_string(), "--lang", "zh", "-o"])
            .arg(&out)
            .assert()
            .success();
        let allowed = user_words(&path, scales);
        // The title and the files' paths are the user's own, whatever words they hold.
        let mut text = report_text(&out);
        let parsed: toml::Value = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        if let Some(title) = parsed.get("title").and_then(|t| t.as_str()) {
            text = text.replace(title, "");
        }
        for entry in fs::read_dir(&examples).unwrap() {
            text = text.replace(&entry.unwrap().path().display().to_string(), "");
        }
        let mut unexpected: BTreeSet<String> = BTreeSet::new();
        for word in latin_words(&text) {
            if !ALLOWED.contains(&word.as_str()) && !allowed.contains(&word) {
                unexpected.insert(word);
            }
        }
        if !unexpected.is_empty() {
            problems.push(format!("{study}: {unexpected:?}"));
        }
        // A Chinese report writes p-values as *P* (P = 0.032), headings and notes included.
        let markdown = fs::read_to_string(out.join("report.md")).unwrap();
        for apa in ["*p*", " p 值", "p < ."] {
            if markdown.contains(apa) {
                problems.push(format!("{study}: {apa} in the Chinese report"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "English words in Chinese reports:\n{}",
        problems.join("\n")
    );
}

#[test]
fn notes_and_sources_are_said_in_chinese_and_without_toml() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let report = |study: &str, lang: &str| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        psyscore()
            .args(["study", &examples.join(study).display().to_string()])
            .args(["--lang", lang, "-o"])
            .arg(&out)
            .assert()
            .success();
        fs::read_to_string(out.join("report.md")).unwrap()
    };
    let cbi = report("cbi_study.toml", "zh");
    for line in [
        "| 总负担 | 干预组 | 8 | 8 | 0 | 0 | 3.51 | 本样本：前测 SD（*n* = 17）与 Cronbach's α（*n* = 16，少于 30 人，估计不精确） |",
        "时间依赖性负担、发展受限性负担、生理性负担、社交性负担、情感性负担未计算可靠变化指数：量表没有含信度的常模，且样本量小于 30。如需计算，请在研究文件中该量表下为该指标给出参照样本的标准差与信度，或指定使用本样本的数值。",
        "设计：干预组与对照组前后测设计。共 17 人完成前测与后测（干预组 8 人、对照组 9 人）。",
    ] {
        assert!(cbi.contains(line), "{line}\nnot in\n{cbi}");
    }
    let children = report("children_study.toml", "zh");
    for line in [
        "- 客观支持：单因子模型中有条目载荷达到 1（Heywood 现象），本样本的 ω 不稳定",
        "| 标准分 | 前测 | 14 |",
        "| 前测 → 后测 | 正常 | 轻度焦虑 | 中度焦虑 | 重度焦虑 |",
    ] {
        assert!(children.contains(line), "{line}\nnot in\n{children}");
    }
    let english = report("cbi_study.toml", "en");
    assert!(english.contains("To have one, give the SD and reliability of a reference sample for the measure in the study file (its change entry under the questionnaire), or ask there for this sample's own."));
    assert!(!english.contains('`') && !cbi.contains('`'));
    let children = report("children_study.toml", "en");
    assert!(children.contains("- Objective support: an item's loading reached 1 in the one-factor model (a Heywood case); omega is unstable in this sample"));
    assert!(children.contains("| Standard score | pre | 14 |"));
}

#[test]
fn notes_of_results_and_data_are_said_in_chinese() {
    // One person in group a (its t-tests are undefined), a scale file without `better`, answers
    // never at 0 (numbered from 1?) and P12 without an end score.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/study_zh_notes");
    let study = dir.join("study.toml");
    let report = |lang: &str| {
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join("report");
        psyscore()
            .args(["study", &study.display().to_string(), "--lang", lang, "-o"])
            .arg(&path)
            .assert()
            .success();
        (out, path)
    };
    let (_zh_dir, zh) = report("zh");
    let allowed = user_words(&study, &[&dir.join("mini.toml").display().to_string()]);
    // The study file's key a note tells the user to add is written as it is typed.
    let text = report_text(&zh)
        .replace("coded_from", "")
        .replace(&dir.join("pre.csv").display().to_string(), "")
        .replace(&dir.join("post.csv").display().to_string(), "")
        .replace(&dir.display().to_string(), "");
    let unexpected: BTreeSet<String> = latin_words(&text)
        .into_iter()
        .filter(|word| !ALLOWED.contains(&word.as_str()) && !allowed.contains(word))
        .collect();
    assert!(
        unexpected.is_empty(),
        "English words: {unexpected:?}\n{text}"
    );
    let markdown = fs::read_to_string(zh.join("report.md")).unwrap();
    for line in [
        "- 未分析个体变化：量表文件未说明 mini 得分越低越好还是越高越好（请在量表文件中注明）",
        "t 检验无法计算：有一组的数值过少或没有变异",
        "配对 t 检验与 d_z 无法计算（n = 1，或差值没有变异）",
        "个作答中没有一个是最低选项 0；若该表的选项从 1 开始编号（问卷星导出即如此），则每个得分都偏高，请在研究文件中该量表的条目下加上 coded_from = 1；若只是无人选 0，请加上 coded_from = 0 加以说明",
    ] {
        assert!(markdown.contains(line), "{line}\nnot in\n{markdown}");
    }
    // The English report names the waves by their labels; results.json keeps the notes in
    // English.
    let (_en_dir, en) = report("en");
    let english = fs::read_to_string(en.join("report.md")).unwrap();
    assert!(english.contains("no end score"), "{english}");
    assert!(!english.contains("no post score"), "{english}");
    let results = fs::read_to_string(zh.join("results.json")).unwrap();
    assert!(results.contains("a t-test is undefined: a group has too few values or no variation"));
}

#[test]
fn a_declared_coding_is_said_in_chinese() {
    // tests/data/wjx/coded_study.toml: the CBI answers numbered 1 to 5, coded_from = 1.
    let study = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/wjx/coded_study.toml");
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("report");
    psyscore()
        .args(["study", &study.display().to_string(), "--lang", "zh", "-o"])
        .arg(&path)
        .assert()
        .success();
    let markdown = fs::read_to_string(path.join("report.md")).unwrap();
    let line = "- cbi：数据表中各条目的选项编号从 1 开始（研究文件中的 coded_from = 1）：1 至 5 读作 0 至 4；文字作答保持原值\n";
    assert!(markdown.contains(line), "{line}not in\n{markdown}");
    assert!(!markdown.contains("the sheet numbers"), "{markdown}");
    // results.json keeps the English sentence.
    let results = fs::read_to_string(path.join("results.json")).unwrap();
    assert!(results.contains("cbi: the sheet numbers the answer options from 1 (coded_from = 1)"));
}
