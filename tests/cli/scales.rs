//! `psyscore scales list | show | check` through the real binary: every output format, the
//! error messages and the exit codes.

use std::process::{Command, Output, Stdio};

use predicates::prelude::*;
use predicates::str::{contains, starts_with};
use serde_json::Value as Json;

use crate::util::{data_dir, psyscore, stdout_of, success_stdout};

/// The built-in ids, in the order `scales list` gives them (sorted).
const BUILTIN_IDS: [&str; 14] = [
    "cbi",
    "cdrisc10",
    "cdrisc25",
    "cdrisc25-zh",
    "gad7",
    "k10",
    "mspss",
    "phq9",
    "pss10",
    "psss",
    "rses",
    "sas",
    "sds",
    "ssrs",
];

const LIST_HEADER: &str = "id,name,name_zh,items,subscales,range,method";

fn json_of(args: &[&str]) -> Json {
    let text = stdout_of(args);
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("not JSON ({err}):\n{text}"))
}

#[test]
fn list_as_csv_has_one_row_per_builtin() {
    let csv = stdout_of(&["scales", "list", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], LIST_HEADER);
    assert_eq!(
        lines[1],
        "cbi,Caregiver Burden Inventory,照顾者负担量表,24,\"time, developmental, physical, social, emotional\",0 to 4,sum"
    );
    let ids: Vec<&str> = lines[1..]
        .iter()
        .map(|line| line.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, BUILTIN_IDS);
    assert!(csv.ends_with('\n'));
    // Into a pipe, the default format is CSV.
    assert_eq!(stdout_of(&["scales", "list"]), csv);
}

#[test]
fn list_as_json_describes_every_builtin() {
    let list = json_of(&["scales", "list", "--format", "json"]);
    let entries = list.as_array().expect("a JSON array");
    assert_eq!(entries.len(), 14);
    let ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, BUILTIN_IDS);
    let keys: Vec<&String> = entries[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys.len(),
        LIST_HEADER.split(',').count(),
        "one key per CSV column: {keys:?}"
    );
    let cbi = &entries[0];
    assert_eq!(cbi["name"], "Caregiver Burden Inventory");
    assert_eq!(cbi["name_zh"], "照顾者负担量表");
    assert_eq!(cbi["items"], 24);
    assert_eq!(
        cbi["subscales"],
        "time, developmental, physical, social, emotional"
    );
    assert_eq!(cbi["range"], "0 to 4");
    assert_eq!(cbi["method"], "sum");
    let ssrs = entries.iter().find(|e| e["id"] == "ssrs").unwrap();
    assert_eq!(ssrs["range"], "1 to 4 (some items differ)");
}

#[test]
fn list_as_markdown_and_table() {
    let md = stdout_of(&["scales", "list", "--format", "md"]);
    assert!(
        md.starts_with(
            "| id | name | name_zh | items | subscales | range | method |\n|---|---|---|---|---|---|---|\n\
             | cbi | Caregiver Burden Inventory | 照顾者负担量表 | 24 | time, developmental, physical, social, emotional | 0 to 4 | sum |\n"
        ),
        "{md}"
    );
    assert_eq!(md.lines().count(), 2 + 14);
    let table = stdout_of(&["scales", "list", "--format", "table"]);
    assert!(table.contains("│ cbi "), "{table}");
    assert!(table.contains("│ ssrs "), "{table}");
}

#[test]
fn show_cbi_lists_items_subscales_and_bands() {
    let text = stdout_of(&["scales", "show", "cbi", "--format", "md"]);
    assert!(
        text.starts_with(
            "cbi — Caregiver Burden Inventory (照顾者负担量表)\n\
             Citation: Novak M, Guest C. Application of a multidimensional caregiver burden inventory. The Gerontologist. 1989;29(6):798-803.\n"
        ),
        "{text}"
    );
    assert!(text.contains("\nBetter: lower scores\n"), "{text}");
    // Text answers shared by every item are shown once, in the order of their values.
    assert!(
        text.contains(
            "\nText answers: never=0, 从不=0, rarely=1, 很少=1, sometimes=2, 有时=2, quite frequently=3, 经常=3, nearly always=4, 总是=4\n"
        ),
        "{text}"
    );
    assert!(text.contains("\nNotes:\n  24 items scored 0-4"), "{text}");
    assert!(
        text.contains(
            "\n\nItems\n| item | column | range | reverse | kind |\n|---|---|---|---|---|\n\
             | 1 | cbi_1 | 0 to 4 |  | single answer |\n| 2 | cbi_2 | 0 to 4 |  | single answer |\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("\n| 24 | cbi_24 | 0 to 4 |  | single answer |\n\nScores\n"),
        "{text}"
    );
    let scores = text.split("\nScores\n").nth(1).expect("a Scores section");
    assert_eq!(
        scores,
        "| score | name | made of | method | weight | range | missing allowed | bands | transform | norms |\n\
         |---|---|---|---|---|---|---|---|---|---|\n\
         | time | Time-dependence burden | items 1-5 | sum | 1 | 0 to 20 | 1 of 5 (20%, rounded down) |  |  |  |\n\
         | developmental | Developmental burden | items 6-10 | sum | 1 | 0 to 20 | 1 of 5 (20%, rounded down) |  |  |  |\n\
         | physical | Physical burden | items 11-14 | sum | 1 | 0 to 16 | 0 of 4 (20%, rounded down) |  |  |  |\n\
         | social | Social burden | items 15-19 | sum | 1 | 0 to 20 | 1 of 5 (20%, rounded down) |  |  |  |\n\
         | emotional | Emotional burden | items 20-24 | sum | 1 | 0 to 20 | 1 of 5 (20%, rounded down) |  |  |  |\n\
         | total | Total burden | items 1-24 | sum | 1 | 0 to 96 | 4 of 24 (20%, rounded down) | mild from 0; moderate from 33; severe from 65 |  |  |\n"
    );
    // Built-in ids are matched ignoring case.
    assert_eq!(
        stdout_of(&["scales", "show", "CBI", "--format", "md"]),
        text
    );
}

#[test]
fn show_cbi_as_json_round_trips_the_definition() {
    let cbi = json_of(&["scales", "show", "cbi", "--format", "json"]);
    assert_eq!(cbi["id"], "cbi");
    assert_eq!(cbi["name"], "Caregiver Burden Inventory");
    assert_eq!(cbi["better"], "lower");
    assert_eq!(cbi["numbered"], true);
    assert_eq!(cbi["columns"], "{id}_{n}");
    let items = cbi["items"].as_array().unwrap();
    assert_eq!(items.len(), 24);
    for (index, item) in items.iter().enumerate() {
        assert_eq!(item["name"], (index + 1).to_string());
        assert_eq!(item["number"], index + 1);
        assert_eq!(
            (item["min"].as_f64(), item["max"].as_f64()),
            (Some(0.0), Some(4.0))
        );
        assert_eq!(item["reverse"], false);
        assert_eq!(item["kind"]["kind"], "single");
        assert_eq!(item["labels"]["从不"], 0.0);
        assert_eq!(item["labels"]["nearly always"], 4.0);
    }
    let scores = cbi["scores"].as_array().unwrap();
    assert_eq!(scores.len(), 6);
    let ids: Vec<&str> = scores.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "time",
            "developmental",
            "physical",
            "social",
            "emotional",
            "total"
        ]
    );
    // `source` holds 0-based indices into `items`: physical is items 11-14.
    assert_eq!(
        scores[2]["source"],
        serde_json::json!({ "items": [11, 12, 13, 14] })
    );
    let total = &scores[5];
    assert_eq!(total["is_total"], true);
    assert_eq!(total["source"]["items"].as_array().unwrap().len(), 24);
    assert_eq!(total["method"], "sum");
    assert_eq!(
        total["missing"],
        serde_json::json!({ "max_missing_fraction": 0.2 })
    );
    let bands: Vec<(&str, &str, f64)> = total["bands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["label"].as_str().unwrap(),
                b["label_zh"].as_str().unwrap(),
                b["min"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bands,
        [
            ("mild", "轻度", 0.0),
            ("moderate", "中度", 33.0),
            ("severe", "重度", 65.0)
        ]
    );
    assert!(
        scores[..5]
            .iter()
            .all(|s| s["is_total"] == false && s["bands"] == serde_json::json!([]))
    );
}

#[test]
fn show_a_scale_file() {
    let text = stdout_of(&["scales", "show", "scales/demo.toml", "--format", "md"]);
    assert_eq!(
        text,
        "demo — Demo personality short form\n\
         \n\
         Items\n\
         | item | column | range | reverse | kind |\n\
         |---|---|---|---|---|\n\
         | A1 | A1 | 1 to 6 | yes | single answer |\n\
         | A2 | A2 | 1 to 6 |  | single answer |\n\
         | A3 | A3 | 1 to 6 |  | single answer |\n\
         | C1 | C1 | 1 to 6 |  | single answer |\n\
         | C2 | C2 | 1 to 6 |  | single answer |\n\
         | C3 | C3 | 1 to 6 | yes | single answer |\n\
         \n\
         Scores\n\
         | score | name | made of | method | weight | range | missing allowed | bands | transform | norms |\n\
         |---|---|---|---|---|---|---|---|---|---|\n\
         | agree |  | items A1, A2, A3 | mean | 1 | 1 to 6 | 2 of 3 |  |  |  |\n\
         | consc |  | items C1, C2, C3 | mean | 1 | 1 to 6 | 2 of 3 |  |  |  |\n"
    );
    let demo = json_of(&["scales", "show", "scales/demo.toml", "--format", "json"]);
    assert_eq!(demo["numbered"], false);
    assert_eq!(demo["columns"], "{name}");
    assert_eq!(demo["scores"].as_array().unwrap().len(), 2, "no total");
}

#[test]
fn show_reports_weights_norms_transforms_and_totals_of_subscales() {
    let text = stdout_of(&["scales", "show", "scales/features.toml", "--format", "md"]);
    assert_eq!(
        text,
        "feat — Feature tour (功能示例)\n\
         Better: higher scores\n\
         \n\
         Items\n\
         | item | column | range | reverse | kind | text answers |\n\
         |---|---|---|---|---|---|\n\
         | 1 | feat_1 | 1 to 5 |  | single answer |  |\n\
         | 2 | feat_2 | 1 to 5 | yes | single answer |  |\n\
         | 3 | feat_3 | 1 to 5 |  | single answer |  |\n\
         | 4 | feat_4 | 1 to 5 |  | single answer |  |\n\
         | 5 | feat_5 | 1 to 5 |  | single answer |  |\n\
         | 6 | feat_6 | 0 to 10 |  | single answer | none=0, all=10 |\n\
         \n\
         Scores\n\
         | score | name | made of | method | weight | range | missing allowed | bands | transform | norms |\n\
         |---|---|---|---|---|---|---|---|---|---|\n\
         | first | First half | items 1-3 | sum | 2 | 6 to 30 | 1 of 3 |  |  |  |\n\
         | second |  | items 4-6 | mean | 1 | 0.6666666666666666 to 6.666666666666667 | 1 of 3 |  |  | mean 3, SD 0.5 (Made up (2024)) |\n\
         | total |  | subscales first, second | sum | 1 | 6.666666666666667 to 36.666666666666664 (index 8 to 46) | none: needs every subscale | low from 0; high from 20 | index = score × 1.25 + 0, rounded |  |\n"
    );
}

#[test]
fn show_has_no_csv_form() {
    psyscore()
        .args(["scales", "show", "cbi", "--format", "csv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "error: invalid value 'csv' for '--format <FORMAT>'\n  \
             [possible values: table, md, json]\n\n\
             For more information, try '--help'.\n",
        );
}

#[test]
fn show_an_unknown_scale_exits_3() {
    let available = BUILTIN_IDS.join(", ");
    psyscore()
        .args(["scales", "show", "nosuch"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(format!(
            "error: unknown scale `nosuch`: no built-in scale has this id and no such file exists\n  built-in scales: {available}\n"
        ));
    psyscore()
        .args(["scales", "show", "cbx"])
        .assert()
        .code(3)
        .stderr(starts_with(
            "error: unknown scale `cbx`: no built-in scale has this id and no such file exists; did you mean `cbi`?\n",
        ));
    // A name ending in .toml is taken as a path.
    psyscore()
        .args(["scales", "show", "nosuch.toml"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(starts_with(
            "error: cannot read scale file nosuch.toml: No such file or directory",
        ));
}

#[test]
fn show_an_invalid_file_exits_3_with_its_location() {
    psyscore()
        .args(["scales", "show", "scales/invalid_overlap.toml"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(
            "error: scales/invalid_overlap.toml:14:10: item 3 is in subscale \"a\" and in \"b\"; set `overlapping_subscales = true` if that is intended\n",
        );
}

#[test]
fn check_good_files_prints_ok_lines() {
    psyscore()
        .args([
            "scales",
            "check",
            "scales/demo.toml",
            "scales/features.toml",
            "../../scales/cbi.toml",
            "../../scales/ssrs.toml",
        ])
        .assert()
        .success()
        .stderr("")
        .stdout(
            "ok: scales/demo.toml (demo: 6 items, 2 scores)\n\
             ok: scales/features.toml (feat: 6 items, 3 scores)\n\
             ok: ../../scales/cbi.toml (cbi: 24 items, 6 scores)\n\
             ok: ../../scales/ssrs.toml (ssrs: 10 items, 4 scores)\n",
        );
}

#[test]
fn check_every_builtin_file() {
    let files: Vec<String> = BUILTIN_IDS
        .iter()
        .map(|id| format!("../../scales/{id}.toml"))
        .collect();
    let stdout = success_stdout(psyscore().arg("scales").arg("check").args(&files));
    assert_eq!(stdout.lines().count(), 14);
    for (line, id) in stdout.lines().zip(BUILTIN_IDS) {
        assert!(
            line.starts_with(&format!("ok: ../../scales/{id}.toml ({id}: ")),
            "{line}"
        );
    }
}

#[test]
fn check_a_bad_file_exits_3_naming_line_and_column() {
    psyscore()
        .args([
            "scales",
            "check",
            "scales/demo.toml",
            "scales/invalid_overlap.toml",
        ])
        .assert()
        .code(3)
        .stdout("ok: scales/demo.toml (demo: 6 items, 2 scores)\n")
        .stderr(
            "scales/invalid_overlap.toml:14:10: item 3 is in subscale \"a\" and in \"b\"; set `overlapping_subscales = true` if that is intended\n\
             error: 1 of 2 scale files have errors\n",
        );
    // Every file is checked; each error is printed once.
    psyscore()
        .args([
            "scales",
            "check",
            "errors/typo.toml",
            "scales/demo.toml",
            "scales/invalid_overlap.toml",
        ])
        .assert()
        .code(3)
        .stdout("ok: scales/demo.toml (demo: 6 items, 2 scores)\n")
        .stderr(
            starts_with("errors/typo.toml:6:1: unknown field `revers`, expected one of `id`, ")
                .and(contains(
                    "\nscales/invalid_overlap.toml:14:10: item 3 is in subscale \"a\"",
                ))
                .and(predicates::str::ends_with(
                    "\nerror: 2 of 3 scale files have errors\n",
                )),
        );
}

#[test]
fn check_a_missing_file_exits_3() {
    psyscore()
        .args(["scales", "check", "scales/demo.toml", "no/such/scale.toml"])
        .assert()
        .code(3)
        .stdout("ok: scales/demo.toml (demo: 6 items, 2 scores)\n")
        .stderr(
            starts_with("cannot read scale file no/such/scale.toml").and(
                predicates::str::ends_with("\nerror: 1 of 2 scale files have errors\n"),
            ),
        );
}

#[test]
fn check_needs_a_file() {
    psyscore()
        .args(["scales", "check"])
        .assert()
        .code(2)
        .stderr(contains("Usage: psyscore scales check <FILES>..."));
    psyscore()
        .args(["scales", "show"])
        .assert()
        .code(2)
        .stderr(contains("<SCALE>"));
    psyscore()
        .args(["scales", "list", "--format", "xml"])
        .assert()
        .code(2)
        .stderr(contains("[possible values: csv, json, table, md]"));
}

/// Runs `psyscore ARGS` with its standard output a pipe whose reader has already gone.
fn run_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("psyscore"))
        .current_dir(data_dir())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

fn assert_quiet_success(args: &[&str]) {
    let output = run_into_closed_pipe(args);
    assert!(
        output.status.success() && output.stderr.is_empty(),
        "psyscore {}: {:?}, stderr {:?}",
        args.join(" "),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    assert_quiet_success(&["scales", "list"]);
    assert_quiet_success(&["scales", "list", "--format", "json"]);
    assert_quiet_success(&["scales", "show", "ssrs"]);
}

/// Known bug, reported: `serde_json` wraps the broken-pipe error, so `exit_code` does not see
/// it; `psyscore scales show cbi --format json | head` prints "error: Broken pipe" and exits 1.
#[test]

fn a_closed_pipe_is_not_an_error_for_json_show() {
    assert_quiet_success(&["scales", "show", "ssrs", "--format", "json"]);
}
