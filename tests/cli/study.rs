//! `psyscore study`: the example studies end to end. The report's numbers must be the numbers
//! of the `compare`, `describe`, `reliability` and `change` commands run by hand on the same
//! data, and the HTML must be one well-formed, self-contained file.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{json, psyscore, result_of, stdout_of};

/// The repository's `examples/` folder.
fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn example(name: &str) -> String {
    examples().join(name).display().to_string()
}

/// Runs a study into a fresh folder and returns the folder (kept alive by the TempDir).
pub fn run_study(study: &str, extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    let mut args = vec!["study".to_owned(), example(study), "-o".to_owned()];
    args.push(out.display().to_string());
    args.extend(extra.iter().map(|s| s.to_string()));
    psyscore().args(&args).assert().success();
    (dir, out)
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_cbi_study_reports_what_the_commands_compute() {
    let (_dir, out) = run_study("cbi_study.toml", &[]);
    let results = read_json(&out.join("results.json"));
    assert_eq!(results["design"], "two_groups");
    let cbi = &results["scales"][0];
    assert_eq!(cbi["scale"], "cbi");
    let (pre, post) = (example("cbi_pre.csv"), example("cbi_post.csv"));
    let scale = ["--scale", "cbi"];

    let within = |group: &str| {
        let only = format!("group={group}");
        let mut args = vec![
            "compare", "paired", "--id", "id", "--pre", &pre, "--post", &post,
        ];
        args.extend(scale);
        args.extend(["--only", &only]);
        json(&args)
    };
    assert_eq!(cbi["within"][0]["group"], "intervention");
    assert_eq!(cbi["within"][0]["report"], within("intervention"));
    assert_eq!(cbi["within"][1]["report"], within("control"));

    let levels = ["--group", "group", "--levels", "intervention,control"];
    let mut baseline = vec!["compare", "groups", &pre];
    baseline.extend(scale);
    baseline.extend(levels);
    assert_eq!(cbi["baseline"], json(&baseline));

    let mut ancova = vec![
        "compare", "ancova", "--id", "id", "--pre", &pre, "--post", &post,
    ];
    ancova.extend(scale);
    ancova.extend(levels);
    assert_eq!(cbi["between"], json(&ancova));

    let mut describe = vec![
        "describe", &pre, &post, "--label", "pre", "--label", "post", "--by", "group",
    ];
    describe.extend(scale);
    assert_eq!(cbi["describe"], json(&describe));

    let mut reliability = vec!["reliability", &pre];
    reliability.extend(scale);
    assert_eq!(cbi["reliability"], json(&reliability));

    // The study asks for this sample's SD and alpha for the total's RCI; `change` given the
    // same two numbers must classify every person the same way.
    let total_change = result_of(&cbi["change"], "total");
    let sd = total_change["sd"].as_f64().unwrap().to_string();
    let r = total_change["reliability"].as_f64().unwrap().to_string();
    let mut change = vec![
        "change",
        "--id",
        "id",
        "--pre",
        &pre,
        "--post",
        &post,
        "--sd",
        &sd,
        "--reliability",
        &r,
    ];
    change.extend(scale);
    let by_hand = json(&change);
    let by_hand_total = result_of(&by_hand, "total");
    assert_eq!(total_change["people"], by_hand_total["people"]);
    assert_eq!(total_change["s_diff"], by_hand_total["s_diff"]);

    // The APA sentence of the total in the intervention group, built from `compare paired`.
    let paired = within("intervention");
    let total = result_of(&paired, "total");
    let f = |v: &Value| v.as_f64().unwrap();
    let sentence = format!(
        "*t*({}) = {:.2}, *p* ",
        f(&total["t_test"]["df"]),
        f(&total["t_test"]["t"])
    );
    let interval = format!(
        "*d*<sub>z</sub> = {:.2}, 95% CI [{:.2}, {:.2}]",
        f(&total["effect"]["cohen_dz"]),
        f(&total["effect"]["dz_ci_low"]),
        f(&total["effect"]["dz_ci_high"])
    );
    let markdown = fs::read_to_string(out.join("report.md")).unwrap();
    let line = markdown
        .lines()
        .find(|line| line.starts_with(&format!("- Total burden: {sentence}")))
        .unwrap_or_else(|| panic!("no line \"- Total burden: {sentence}…\" in\n{markdown}"));
    assert!(line.contains(&interval), "{line}\nlacks {interval}");

    // The sample: 8 caregivers in the intervention group, 9 in the control group, all twice.
    assert_eq!(
        fs::read_to_string(out.join("tables/cbi_sample.csv")).unwrap(),
        "group,pre,post,pairs\nintervention,8,8,8\ncontrol,9,9,9\n"
    );

    // Every table is the CSV of its command.
    let mut paired_csv = vec![
        "compare",
        "paired",
        "--id",
        "id",
        "--pre",
        &pre,
        "--post",
        &post,
        "--only",
        "group=control",
        "--format",
        "csv",
    ];
    paired_csv.extend(scale);
    let by_hand = psyscore().args(&paired_csv).assert().success();
    assert_eq!(
        fs::read(out.join("tables/cbi_within_control.csv")).unwrap(),
        by_hand.get_output().stdout
    );

    // The scored data is `psyscore score`'s output.
    let scored = psyscore()
        .args([
            "score", "--scale", "cbi", &pre, "--id", "id", "--keep", "group",
        ])
        .args(["--format", "csv"])
        .assert()
        .success();
    assert_eq!(
        fs::read(out.join("scored/pre.csv")).unwrap(),
        scored.get_output().stdout
    );
}

/// Checks that `html` is well-formed XML (after the doctype) and fetches nothing: no `src`,
/// no `href` but in-page anchors, no `url(` or `@import` in CSS, and no address but the SVG
/// namespace name.
fn assert_self_contained(html: &str) {
    let body = html
        .strip_prefix("<!DOCTYPE html>\n")
        .expect("starts with the doctype");
    let document = roxmltree::Document::parse(body).expect("well-formed");
    for node in document.descendants().filter(|n| n.is_element()) {
        for attribute in node.attributes() {
            match attribute.name() {
                "src" => panic!("external resource: src={}", attribute.value()),
                "href" | "xlink:href" => {
                    assert!(
                        attribute.value().starts_with('#'),
                        "link {}",
                        attribute.value()
                    )
                }
                _ => {}
            }
        }
    }
    assert!(!html.contains("url("), "CSS url()");
    assert!(!html.contains("@import"), "CSS @import");
    let addresses = html.matches("http").count();
    let namespaces = html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count();
    assert_eq!(
        addresses, namespaces,
        "an address other than the SVG namespace"
    );
    assert!(html.contains("<svg"), "figures are inline");
}

#[test]
fn the_html_report_is_one_well_formed_self_contained_file() {
    let (_dir, out) = run_study("cbi_study.toml", &[]);
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert_self_contained(&html);
    // Figures in the Markdown report are the SVG files beside it, each well-formed.
    let markdown = fs::read_to_string(out.join("report.md")).unwrap();
    let figures: Vec<&str> = markdown
        .lines()
        .filter_map(|line| line.split("](").nth(1))
        .map(|rest| rest.trim_end_matches(')'))
        .collect();
    assert!(figures.len() >= 3, "{figures:?}");
    for figure in figures {
        let svg = fs::read_to_string(out.join(figure)).unwrap();
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{figure}: {e}"));
    }
}

#[test]
fn the_report_is_written_in_chinese_with_the_same_numbers() {
    let (_dir, out) = run_study("cbi_study.toml", &["--lang", "zh"]);
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert_self_contained(&html);
    assert!(html.contains("<html lang=\"zh-Hans\">"));
    let markdown = fs::read_to_string(out.join("report.md")).unwrap();
    for words in ["## 方法", "组内前后测比较", "协方差分析", "可靠变化"] {
        assert!(markdown.contains(words), "no {words}");
    }
    let (_dir_en, out_en) = run_study("cbi_study.toml", &[]);
    assert_eq!(
        read_json(&out.join("results.json")),
        read_json(&out_en.join("results.json"))
    );
}

#[test]
fn a_study_file_that_cannot_be_read_exits_3() {
    psyscore()
        .args(["study", "no-such-study.toml"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(predicates::str::starts_with(
            "error: cannot read study file no-such-study.toml: ",
        ));
}

#[test]
fn errors_in_the_study_file_name_the_line_and_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study.toml");
    fs::write(
        &study,
        "[data]\npre = \"a.csv\"\npost = \"b.csv\"\nid = \"id\"\n[[scales]]\nscale = \"cbi\"\nchange.totl = \"sample\"\n",
    )
    .unwrap();
    fs::copy(examples().join("cbi_pre.csv"), dir.path().join("a.csv")).unwrap();
    fs::copy(examples().join("cbi_post.csv"), dir.path().join("b.csv")).unwrap();
    psyscore()
        .args(["study", &study.display().to_string()])
        .args(["-o", &dir.path().join("out").display().to_string()])
        .assert()
        .code(3)
        .stderr(format!(
            "error: {}:7:8: cbi has no measure \"totl\"; its measures are time, developmental, physical, social, emotional, total\n",
            study.display()
        ));
    fs::write(
        &study,
        "[data]\npre = \"a.csv\"\nid = \"id\"\n[[scales]]\nscale = \"cbi\"\n",
    )
    .unwrap();
    psyscore()
        .args(["study", &study.display().to_string()])
        .assert()
        .code(3)
        .stderr(format!(
            "error: {}:1:1: [data] needs either pre and post (one file each), a [data.waves] table (one file per wave), or file and time (one long file with a time column), not a mix\n",
            study.display()
        ));
    // @D places one column per item; the SSRS has items of several columns.
    fs::write(
        &study,
        "[data]\npre = \"a.csv\"\npost = \"b.csv\"\nid = \"id\"\n[[scales]]\nscale = \"ssrs\"\ncolumns = \"@D\"\n",
    )
    .unwrap();
    psyscore()
        .args(["study", &study.display().to_string()])
        .args(["-o", &dir.path().join("out").display().to_string()])
        .assert()
        .code(3)
        .stderr(format!(
            "error: {}:6:9: columns of ssrs: bad column template \"@D\": it places one column \
             per item, but item 5 of ssrs spans several columns; name its columns with a template \
             such as Q{{n}}; a template names the columns with the placeholders {{id}}, {{name}}, \
             {{n}}, {{n+OFFSET}} and {{n-OFFSET}}, or is @ and the first item's column letters (@G)\n",
            study.display()
        ));
}

#[test]
fn a_group_value_no_row_holds_is_an_error_at_its_line_naming_the_values() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study.toml");
    fs::copy(examples().join("cbi_pre.csv"), dir.path().join("a.csv")).unwrap();
    fs::copy(examples().join("cbi_post.csv"), dir.path().join("b.csv")).unwrap();
    let groups = |column: &str, control: &str| {
        format!(
            "[data]\npre = \"a.csv\"\npost = \"b.csv\"\nid = \"id\"\n[groups]\ncolumn = \"{column}\"\nintervention = \"intervention\"\ncontrol = \"{control}\"\n[[scales]]\nscale = \"cbi\"\n"
        )
    };
    let pre = dir.path().join("a.csv").display().to_string();
    let cases = [
        (
            groups("group", "contol"),
            format!(
                "8:11: no pre-test row of {pre} has group = \"contol\"; the column holds \"intervention\", \"control\""
            ),
        ),
        // A column of ids names its first ten values, not every one.
        (
            groups("id", "control"),
            format!(
                "7:16: no pre-test row of {pre} has id = \"intervention\"; the column holds \"C01\", \"C02\", \"C03\", \"C04\", \"C05\", \"C06\", \"C07\", \"C08\", \"C09\", \"C10\" and 7 more"
            ),
        ),
    ];
    for (text, message) in cases {
        fs::write(&study, text).unwrap();
        psyscore()
            .args(["study", &study.display().to_string()])
            .args(["-o", &dir.path().join("out").display().to_string()])
            .assert()
            .code(3)
            .stdout("")
            .stderr(format!("error: {}:{message}\n", study.display()));
    }
}

#[test]
fn a_time_level_no_row_holds_is_an_error_at_its_line_naming_the_values() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study.toml");
    fs::copy(
        examples().join("children_long.csv"),
        dir.path().join("long.csv"),
    )
    .unwrap();
    let long = dir.path().join("long.csv").display().to_string();
    let with_levels = |levels: &str| {
        format!(
            "[data]\nfile = \"long.csv\"\nid = \"id\"\ntime = \"time\"\n{levels}[[scales]]\nscale = \"ssrs\"\n"
        )
    };
    let cases = [
        // A typo in the levels: the error points at them.
        (
            with_levels("levels = [\"pre\", \"pots\"]\n"),
            format!(
                "5:10: no row of {long} has time = \"pots\"; the column holds \"pre\", \"post\""
            ),
        ),
        // Default levels (pre, post) the file does not use: the error points at `time`.
        (
            with_levels("").replace("time = \"time\"", "time = \"child_condition\""),
            format!(
                "4:8: no row of {long} has child_condition = \"pre\"; the column holds \"type 1 diabetes\", \"leukaemia\", \"epilepsy\", \"congenital heart disease\""
            ),
        ),
    ];
    for (text, message) in cases {
        fs::write(&study, text).unwrap();
        psyscore()
            .args(["study", &study.display().to_string()])
            .args(["-o", &dir.path().join("out").display().to_string()])
            .assert()
            .code(3)
            .stdout("")
            .stderr(format!("error: {}:{message}\n", study.display()));
    }
}

#[test]
fn a_study_whose_sheets_share_no_id_exits_4_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study.toml");
    fs::write(
        &study,
        "[data]\npre = \"a.csv\"\npost = \"b.csv\"\nid = \"id\"\n[[scales]]\nscale = \"cbi\"\n",
    )
    .unwrap();
    fs::copy(examples().join("cbi_pre.csv"), dir.path().join("a.csv")).unwrap();
    // The post sheet written with lower-case ids: c01 is not C01.
    let post = fs::read_to_string(examples().join("cbi_post.csv"))
        .unwrap()
        .replace("\nC", "\nc");
    fs::write(dir.path().join("b.csv"), post).unwrap();
    let out = dir.path().join("out");
    let pre_path = dir.path().join("a.csv").display().to_string();
    let post_path = dir.path().join("b.csv").display().to_string();
    psyscore()
        .args(["study", &study.display().to_string()])
        .args(["-o", &out.display().to_string()])
        .assert()
        .code(4)
        .stdout("")
        .stderr(format!(
            "error: no id has both a pre and a post row, so nothing can be paired
  pre ids ({pre_path}): C01, C02, C03, C04, C05, C06, C07, C08, C09, C10 and 7 more
  post ids ({post_path}): c01, c02, c03, c04, c05, c06, c07, c08, c09, c10 and 7 more
  ids are compared as text (trimmed): check the id column, and that e.g. 7 is not written 007 in one sheet
"
        ));
    assert!(!out.exists(), "no report for data that cannot be paired");
}

#[test]
fn the_one_group_long_study_reports_what_compare_paired_computes() {
    let (_dir, out) = run_study("children_study.toml", &[]);
    let results = read_json(&out.join("results.json"));
    assert_eq!(results["design"], "one_group");
    assert!(results["scales"][0].get("between").is_none());
    let long = example("children_long.csv");
    for (index, scale) in ["sas", "ssrs"].into_iter().enumerate() {
        let by_hand = json(&[
            "compare", "paired", "--id", "id", "--time", "time", "--levels", "pre,post", &long,
            "--scale", scale,
        ]);
        assert_eq!(
            results["scales"][index]["within"][0]["report"], by_hand,
            "{scale}"
        );
    }
    assert_self_contained(&fs::read_to_string(out.join("report.html")).unwrap());
}

#[test]
fn the_single_case_gets_its_reliable_change_from_the_given_sd_and_alpha() {
    let (_dir, out) = run_study("case_study.toml", &[]);
    let results = read_json(&out.join("results.json"));
    assert_eq!(results["design"], "single_case");
    assert_eq!(
        results["analyses"],
        serde_json::json!(["describe", "change", "transitions"])
    );
    let person = &results["scales"][0]["change"]["results"][0]["people"][0];
    // K01: CD-RISC-10 total 20 before, 32 after; RCI = 12 / (√2 · 5.4 · √(1 − 0.85)).
    assert_eq!(
        (person["pre"].as_f64(), person["post"].as_f64()),
        (Some(20.0), Some(32.0))
    );
    let expected = 12.0 / (2f64.sqrt() * 5.4 * 0.15f64.sqrt());
    assert!((person["rci"].as_f64().unwrap() - expected).abs() < 1e-12);
    assert_eq!(person["change"], "improved");
    let markdown = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(markdown.contains("| Resilience | K01 | 20.00 | 32.00 | 12.00 | 4.06 | improved |"));
    assert!(!markdown.contains("*t*("), "no tests on one person");
}

#[test]
fn an_excel_sheet_gives_the_same_study_as_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let study = dir.path().join("study.toml");
    let text = fs::read_to_string(examples().join("cbi_study.toml"))
        .unwrap()
        .replace(
            "pre = \"cbi_pre.csv\"",
            &format!("pre = {:?}\nsheet = \"Responses\"", example("cbi_pre.xlsx")),
        )
        .replace(
            "post = \"cbi_post.csv\"",
            &format!("post = {:?}", example("cbi_post.csv")),
        );
    fs::write(&study, text).unwrap();
    let out = dir.path().join("out");
    psyscore()
        .args([
            "study",
            &study.display().to_string(),
            "-o",
            &out.display().to_string(),
        ])
        .assert()
        .success();
    let (_dir, csv_out) = run_study("cbi_study.toml", &[]);
    assert_eq!(
        read_json(&out.join("results.json")),
        read_json(&csv_out.join("results.json"))
    );
    // The workbook, parsed once, is read again from memory to write its scored copy.
    let scored = |dir: &Path| fs::read_to_string(dir.join("scored").join("pre.csv")).unwrap();
    assert_eq!(scored(&out), scored(&csv_out));
    assert!(scored(&out).starts_with("id,group,cbi_time,"));
}

#[test]
fn with_bom_every_csv_table_and_scored_sheet_starts_with_a_byte_order_mark() {
    let (_plain_dir, plain) = run_study("cbi_study.toml", &[]);
    let (_marked_dir, marked) = run_study("cbi_study.toml", &["--bom"]);
    let mut csv_files = 0;
    for folder in ["tables", "scored"] {
        for entry in fs::read_dir(plain.join(folder)).unwrap() {
            let name = entry.unwrap().file_name();
            let plain_bytes = fs::read(plain.join(folder).join(&name)).unwrap();
            let marked_bytes = fs::read(marked.join(folder).join(&name)).unwrap();
            assert_eq!(
                marked_bytes,
                [b"\xEF\xBB\xBF".as_slice(), &plain_bytes].concat(),
                "{folder}/{name:?}"
            );
            csv_files += 1;
        }
    }
    assert!(csv_files >= 10, "{csv_files} CSV files");
    for name in ["report.md", "report.html", "results.json"] {
        assert_eq!(
            fs::read(plain.join(name)).unwrap(),
            fs::read(marked.join(name)).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn the_template_is_the_documented_study_file_and_runs_as_it_is() {
    let template = crate::util::stdout_of(&["study", "--template"]);
    let docs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs");
    assert_eq!(
        template,
        fs::read_to_string(docs.join("study-template.toml")).unwrap()
    );
    let format = fs::read_to_string(docs.join("study-format.md")).unwrap();
    assert!(
        format.contains(&format!("```toml\n{template}```\n")),
        "docs/study-format.md shows the template"
    );
    // Every key a study file may hold is in it, set or commented out with its explanation.
    for key in [
        "title",
        "lang",
        "p_style",
        "alpha",
        "conf",
        "adjust",
        "analyses",
        "pre",
        "post",
        "file",
        "time",
        "levels",
        "id",
        "sheet",
        "encoding",
        "invalid_as_missing",
        "column",
        "intervention",
        "control",
        "categorical",
        "ordered",
        "continuous",
        "scale",
        "columns",
        "coded_from",
        "change.total",
        "test",
        "effect",
        "power",
        "dropout",
        "alternative",
    ] {
        assert!(
            template.lines().any(|line| line
                .trim_start_matches("# ")
                .starts_with(&format!("{key} = "))),
            "{key} is missing from the template"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("study.toml"), &template).unwrap();
    for data in ["cbi_pre.csv", "cbi_post.csv"] {
        fs::copy(examples().join(data), dir.path().join(data)).unwrap();
    }
    let out = dir.path().join("out");
    psyscore()
        .args([
            "study",
            &dir.path().join("study.toml").display().to_string(),
        ])
        .args(["-o", &out.display().to_string()])
        .assert()
        .success();
    assert!(out.join("report.html").exists());
    psyscore()
        .args(["study", "--template", "study.toml"])
        .assert()
        .code(2);
}

#[test]
fn a_missing_reliable_change_index_is_explained_by_its_own_reason() {
    // Five random respondents: this sample's alpha of the physical dimension is negative.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let study = crate::util::data_dir().join("study_rci").join("study.toml");
    for (lang, expected, usual) in [
        (
            "en",
            "No reliable change index for Physical burden: this sample's Cronbach's alpha (-2.04) is not a reliability from 0 up to 1.",
            "Social burden, Emotional burden and Total burden: the questionnaire has no norms",
        ),
        (
            "zh",
            "生理性负担未计算可靠变化指数（本样本的 Cronbach's α（-2.04）不在 0 至 1 之间，不能作为信度）。",
            "社交性负担、情感性负担、总负担未计算可靠变化指数：量表没有含信度的常模",
        ),
    ] {
        psyscore()
            .args(["study", &study.display().to_string(), "--lang", lang])
            .args(["-o", &out.display().to_string()])
            .assert()
            .success();
        let report = fs::read_to_string(out.join("report.md")).unwrap();
        assert!(report.contains(expected), "{report}");
        // The usual reason (no norms, fewer than 30 people) keeps its advice, without physical.
        assert!(report.contains(usual), "{report}");
    }
}

/// Every file the example studies write, in both languages, as `study lang path bytes hash`:
/// the outputs of the study files that exist are to stay byte for byte what they were (the study
/// code is reorganised around them). `PSYSCORE_BLESS=1` rewrites the list after a deliberate
/// change; the diff then shows which files changed.
#[test]
fn the_example_studies_write_exactly_the_recorded_files() {
    let mut lines = Vec::new();
    for study in ["cbi_study", "children_study", "case_study"] {
        for lang in ["en", "zh"] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("report");
            psyscore()
                .args([
                    "study",
                    &format!("../../examples/{study}.toml"),
                    "--lang",
                    lang,
                ])
                .args(["-o", &out.display().to_string()])
                .assert()
                .success();
            let mut files = Vec::new();
            collect_files(&out, &out, &mut files);
            files.sort();
            for (name, bytes) in files {
                let bytes = font_free(&name, bytes);
                lines.push(format!(
                    "{study} {lang} {name} {} {:016x}",
                    bytes.len(),
                    fnv1a(&bytes)
                ));
            }
        }
    }
    let actual = format!("{}\n", lines.join("\n"));
    let path = crate::util::data_dir().join("study_outputs.txt");
    crate::util::assert_matches_snapshot(&actual, &path, "study (the example studies)");
}

/// What of a file does not depend on the installed fonts: a PNG figure's header (its size), and
/// of report.docx every part but the pictures, with the pictures' names.
fn font_free(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    if name.ends_with(".png") {
        bytes[..24].to_vec()
    } else if name.ends_with(".docx") {
        let mut parts: Vec<_> = crate::docx::unzip(Path::new(name), bytes)
            .into_iter()
            .collect();
        parts.sort();
        parts
            .into_iter()
            .flat_map(|(part, content)| {
                let content = if part.starts_with("word/media/") {
                    Vec::new()
                } else {
                    content
                };
                [part.into_bytes(), content].concat()
            })
            .collect()
    } else {
        bytes
    }
}

/// Every file under `dir`, by its path relative to `root` (with `/`), with its bytes.
fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(root, &path, out);
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, fs::read(&path).unwrap()));
        }
    }
}

/// The 64-bit FNV-1a hash: enough to tell two files apart, with no dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[test]
fn a_follow_up_study_reports_what_the_wave_commands_compute() {
    let (_dir, out) = run_study("cbi_followup_study.toml", &[]);
    let results = read_json(&out.join("results.json"));
    assert_eq!(results["design"], "two_groups");
    assert_eq!(
        results["time_levels"],
        serde_json::json!(["pre", "post", "followup"])
    );
    let cbi = &results["scales"][0];
    assert_eq!(
        cbi["sample"]["groups"][0],
        serde_json::json!({"group": "intervention", "waves": [8, 8, 7], "complete": 7})
    );
    let waves: Vec<String> = ["pre", "post", "followup"]
        .iter()
        .map(|wave| format!("{wave}={}", example(&format!("cbi_{wave}.csv"))))
        .collect();
    let mut wave_args = vec!["--id", "id", "--scale", "cbi"];
    for wave in &waves {
        wave_args.extend(["--wave", wave]);
    }
    for (index, group) in ["intervention", "control"].iter().enumerate() {
        let only = format!("group={group}");
        let mut args = vec!["compare", "repeated"];
        args.extend(&wave_args);
        args.extend(["--only", &only]);
        assert_eq!(cbi["repeated"][index]["group"], *group);
        assert_eq!(
            cbi["repeated"][index]["report"]["results"],
            json(&args)["results"]
        );
    }
    let mut args = vec!["compare", "mixed"];
    args.extend(&wave_args);
    args.extend(["--group", "group", "--levels", "intervention,control"]);
    args.extend(["--control", "control"]);
    assert_eq!(cbi["mixed"], json(&args));
    // Two people miss the follow-up: the mixed model of everyone is the main analysis, the
    // numbers of `compare lmm` (REML, the control group the reference).
    let mut args = vec!["compare", "lmm"];
    args.extend(&wave_args);
    args.extend(["--group", "group", "--levels", "intervention,control"]);
    args.extend(["--control", "control"]);
    assert_eq!(cbi["lmm"], json(&args));
    assert_eq!(cbi["lmm"]["results"][5]["n_persons"], 17);
    args.extend(["--format", "csv"]);
    assert_eq!(
        fs::read_to_string(out.join("tables/cbi_lmm.csv")).unwrap(),
        stdout_of(&args),
        "tables/cbi_lmm.csv is the command's CSV"
    );
    // Each later wave against the first: the ANCOVA and the reliable change of that pair.
    let (pre, followup) = (example("cbi_pre.csv"), example("cbi_followup.csv"));
    assert_eq!(cbi["between_waves"][1]["wave"], "followup");
    let ancova = json(&[
        "compare",
        "ancova",
        "--scale",
        "cbi",
        "--id",
        "id",
        "--group",
        "group",
        "--levels",
        "intervention,control",
        "--pre",
        &pre,
        "--post",
        &followup,
    ]);
    assert_eq!(
        cbi["between_waves"][1]["report"]["results"],
        ancova["results"]
    );
    assert_eq!(
        crate::util::excluded_lines(&cbi["between_waves"][1]["report"]),
        [
            format!("C06 [missing_time]: only at pre (row 7 of {pre})"),
            format!("C15 [missing_time]: only at pre (row 16 of {pre})"),
        ]
    );
    assert_eq!(cbi["change_waves"][0]["wave"], "post");
    assert_eq!(cbi["transitions_waves"][1]["from"], "post");
    assert_eq!(cbi["transitions_waves"][1]["to"], "followup");
    for table in [
        "cbi_repeated_intervention.csv",
        "cbi_mixed.csv",
        "cbi_between_followup.csv",
        "cbi_change_followup.csv",
        "cbi_transitions.csv",
    ] {
        assert!(out.join("tables").join(table).exists(), "{table}");
    }
    for scored in ["pre.csv", "post.csv", "followup.csv"] {
        assert!(out.join("scored").join(scored).exists(), "{scored}");
    }
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    // The mixed model opens the analyses of change; the ANOVAs follow as its sensitivity
    // analysis.
    let main = report
        .find("### Change over the waves: linear mixed model (main analysis)")
        .unwrap();
    let sensitivity = report
        .find("### Groups over the waves — people with every wave (sensitivity analysis)")
        .unwrap();
    assert!(main < sensitivity);
    for line in [
        "Of the 17 people with a score at some wave, 2 lack a score at a wave (the largest number over the measures); the mixed ANOVA keeps only those with every wave, and so leaves out the people most affected by dropout.",
        "| Total burden | 17 | 17 | 17 | 15 | 61.12 | 17.98 | .77 |",
        "|  | group × time | 16.18 (2, 28.16) | < .001 |",
        "| Total burden | intervention | 48.53 (3.14) | 30.87 (3.14) | 35.37 (3.22) |",
        "|  | intervention | followup − pre | -13.16 | 2.23 | -5.91 (28.24) | < .001 | < .001 |",
        "![Figure 24. Total burden: the linear mixed model's estimated mean of each group at each wave with its 95% CI (everyone with a score at some wave).](figures/cbi_total_lmm.svg)",
    ] {
        assert!(report.contains(line), "{line}\nnot in the report");
    }
    for line in [
        "Design: 2 groups (intervention and control, control the control group), each measured at 3 waves (pre, post and followup). 15 people answered at every wave: 7 in intervention and 8 in control.",
        "| intervention | 8 | 8 | 7 | 7 |",
        "- Total burden: *F*(2, 12) = 25.19, *p* < .001, η²<sub>G</sub> = .44 (sphericity holds: Mauchly *W* = .70, *p* = .417); Friedman χ²(2) = 12.07, *p* = .002, *W* = .86",
        "### Groups over the waves",
        "Scores at followup adjusted for pre (ANCOVA)",
    ] {
        assert!(report.contains(line), "{line}\nnot in the report");
    }
}

#[test]
fn three_groups_are_compared_as_arms_at_each_wave_and_over_the_waves() {
    let dir = tempfile::tempdir().unwrap();
    let data = crate::util::data_dir().join("waves");
    let study = dir.path().join("study.toml");
    let text = format!(
        "[data]\nfile = \"{}\"\ntime = \"wave\"\nlevels = [\"pre\", \"post\", \"followup\"]\nid = \"id\"\n[groups]\ncolumn = \"group\"\nlevels = [\"group work\", \"case work\", \"control\"]\ncontrol = \"control\"\n[[scales]]\nscale = \"{}\"\n",
        data.join("long_items.csv").display(),
        data.join("score.toml").display()
    );
    fs::write(&study, &text).unwrap();
    let out = dir.path().join("out");
    psyscore()
        .args([
            "study",
            &study.display().to_string(),
            "-o",
            &out.display().to_string(),
        ])
        .assert()
        .success();
    let results = read_json(&out.join("results.json"));
    assert_eq!(results["design"], "several_groups");
    assert_eq!(
        results["groups"],
        serde_json::json!({"column": "group", "levels": ["group work", "case work", "control"], "control": "control"})
    );
    assert_eq!(
        results["analyses"],
        serde_json::json!([
            "describe",
            "reliability",
            "baseline",
            "lmm",
            "within",
            "mixed",
            "between",
            "change",
            "transitions"
        ])
    );
    let scale = &results["scales"][0];
    // The same F as `compare mixed` on these data (tests/cli/waves.rs, against afex).
    assert_eq!(scale["mixed"]["results"][0]["n"], 15);
    // Baseline and each later wave: exactly what `compare groups` prints for that wave's rows.
    let arms_at = |wave: &str| {
        let only = format!("wave={wave}");
        let mut report = json(&[
            "compare",
            "groups",
            "--scale",
            "waves/score.toml",
            "--group",
            "group",
            "--levels",
            "group work,case work,control",
            "--only",
            &only,
            "waves/long_items.csv",
        ]);
        report["excluded"] = serde_json::Value::Null;
        report["results"].take()
    };
    assert_eq!(scale["baseline"]["results"], arms_at("pre"));
    assert!(scale["baseline"]["results"][0]["posthoc"][2]["tukey_p"].is_number());
    let later = scale["between_arms"].as_array().unwrap();
    let waves: Vec<&str> = later.iter().map(|l| l["wave"].as_str().unwrap()).collect();
    assert_eq!(waves, ["post", "followup"]);
    assert_eq!(later[1]["report"]["results"], arms_at("followup"));
    assert!(scale.get("between_waves").is_none());
    // The mixed ANOVA's simple effects of group are followed by the pairs of groups.
    let at_pre = &scale["mixed"]["results"][0]["simple_group"][0];
    assert_eq!(at_pre["pairs"].as_array().unwrap().len(), 3);
    for table in [
        "sc_baseline.csv",
        "sc_between_post.csv",
        "sc_between_followup.csv",
    ] {
        assert!(out.join("tables").join(table).exists(), "{table}");
    }
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    for words in [
        "### Baseline equivalence",
        "The groups at pre",
        "### The groups at each later wave (one-way ANOVA)",
        "The groups at followup",
        "Pairs of groups",
        "Kruskal–Wallis *H*(2)",
    ] {
        assert!(report.contains(words), "{words} in\n{report}");
    }
}

#[test]
fn the_three_arm_example_reports_what_compare_groups_computes() {
    let (_dir, out) = run_study("cbi_arms_study.toml", &[]);
    let results = read_json(&out.join("results.json"));
    assert_eq!(results["design"], "several_groups");
    let cbi = &results["scales"][0];
    let arms_of = |sheet: &str| {
        json(&[
            "compare",
            "groups",
            "--scale",
            "cbi",
            "--group",
            "arm",
            "--levels",
            "group work,case work,control",
            &example(sheet),
        ])
    };
    assert_eq!(cbi["baseline"], arms_of("cbi_arms_pre.csv"));
    assert_eq!(cbi["between_arms"][0]["wave"], "post");
    assert_eq!(
        cbi["between_arms"][0]["report"],
        arms_of("cbi_arms_post.csv")
    );
    // Two waves of three groups: the mixed ANOVA runs, the two-group ANCOVA does not.
    assert!(cbi["mixed"]["results"][0]["interaction"]["f"].is_number());
    assert!(cbi.get("between").is_none());
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    for line in [
        "Design: 3 groups (group work, case work and control, control the control group), each measured at 2 waves (pre and post). 27 people answered at every wave: 10 in group work, 8 in case work and 9 in control. One more row is left out of the comparisons over time (see Participants).",
        "- Total burden: *F*(2, 25) = 0.43, *p* = .653, η² = .03 (Welch *F*(2, 16.07) = 0.44, *p* = .654; Kruskal–Wallis *H*(2) = 1.25, *p* = .537); no two groups differ (Tukey's HSD, every *p* ≥ .05)",
        "- Total burden: *F*(2, 24) = 12.09, *p* < .001, η² = .50 (Welch *F*(2, 15.24) = 9.10, *p* = .003; Kruskal–Wallis *H*(2) = 12.49, *p* = .002); the groups that differ (Tukey's HSD, *p* < .05): group work − control = -22.16 [-33.47, -10.84], *p* < .001; case work − control = -13.81 [-25.77, -1.84], *p* = .022",
        "### The groups at each later wave (one-way ANOVA)",
        "- Total burden: group × time: *F*(2, 24) = 13.22, *p* < .001, η²<sub>G</sub> = .19",
        "- K05: only at pre (row 16 of ",
    ] {
        assert!(report.contains(line), "{line}\nnot in the report");
    }
    let chinese = {
        let (_dir, out) = run_study("cbi_arms_study.toml", &["--lang", "zh"]);
        fs::read_to_string(out.join("report.md")).unwrap()
    };
    for line in [
        "### 各后续时间点各组比较（单因素方差分析）",
        "；差异有统计学意义的组（Tukey HSD，*P* < 0.05）：group work − 对照组 = -22.16 [-33.47, -10.84], *P* < 0.001；",
        "任意两组间差异均无统计学意义（Tukey HSD，*P* 均 ≥ 0.05）",
    ] {
        assert!(chinese.contains(line), "{line}\nnot in the Chinese report");
    }
}

#[test]
fn scores_and_bands_are_named_from_the_scale_file() {
    // cbi.toml: `[total] name = "Total burden"`, `name_zh = "总负担"`, bands mild/轻度 ...
    let (_dir, out) = run_study("cbi_study.toml", &[]);
    let english = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(english.contains("| before → after | mild | moderate | severe |"));
    assert!(english.contains("| Total burden | pre | intervention | 8 | 48.53 (7.03) |"));
    assert!(english.contains("mild 0; moderate 8; severe 0"));
    let svg = fs::read_to_string(out.join("figures/cbi_total_lines.svg")).unwrap();
    assert!(svg.contains(">Caregiver Burden Inventory — Total burden</text>"));
    let (_dir, out) = run_study("cbi_study.toml", &["--lang", "zh"]);
    let chinese = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        chinese.contains("| 前测 → 后测 | 轻度 | 中度 | 重度 |"),
        "{chinese}"
    );
    assert!(chinese.contains("轻度 0; 中度 8; 重度 0"));
    assert!(chinese.contains("| 总负担 | "));
    let svg = fs::read_to_string(out.join("figures/cbi_total_transitions.svg")).unwrap();
    assert!(svg.contains(">照顾者负担量表 — 总负担</text>"));
    assert!(svg.contains(">中度</text>"));
}

#[test]
fn a_dropout_between_two_waves_makes_the_mixed_model_the_main_analysis() {
    // K05 of the three-arm example answered only at pre: the mixed model of everyone is the main
    // analysis of change, the mixed ANOVA of the people at both waves its sensitivity analysis.
    let (_dir, out) = run_study("cbi_arms_study.toml", &[]);
    let results = read_json(&out.join("results.json"));
    assert_eq!(results["scales"][0]["lmm"]["results"][5]["n_persons"], 28);
    let report = fs::read_to_string(out.join("report.md")).unwrap();
    assert!(report.contains(
        "Of the 28 people with a score at some wave, 1 lacks a score at a wave (the largest number over the measures); the mixed ANOVA keeps only those with every wave, and so leaves out the people most affected by dropout."
    ));
    assert!(
        report
            .contains("### Groups over the waves — people with every wave (sensitivity analysis)")
    );
    // Every person of the pre/post example has a row at both waves (C12 lacks one subscale's
    // score, which is no dropout): no mixed model.
    let (_dir, out) = run_study("cbi_study.toml", &[]);
    let results = read_json(&out.join("results.json"));
    assert_eq!(results["scales"][0]["lmm"], serde_json::Value::Null);
}
