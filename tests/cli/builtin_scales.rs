//! The built-in instrument library in `scales/`.
//!
//! Each built-in scores its fixture `tests/data/builtin/{id}.csv` to exactly
//! `tests/data/builtin/{id}.expected.csv`. The expected values were worked out by hand; the
//! arithmetic is in `tests/data/builtin/{id}.md`.

use crate::util::{data_dir, psyscore};

/// Every built-in scale id; `scales/{id}.toml` defines it.
const BUILTINS: [&str; 14] = [
    "cbi",
    "cdrisc10",
    "cdrisc25",
    "cdrisc25-zh",
    "ssrs",
    "mspss",
    "psss",
    "sas",
    "sds",
    "pss10",
    "phq9",
    "gad7",
    "rses",
    "k10",
];

/// Runs `psyscore score --scale {id} builtin/{id}.csv --format csv` and compares its output byte
/// for byte with `builtin/{id}.expected.csv`.
fn assert_scores_match_expected(id: &str) {
    let expected_path = data_dir()
        .join("builtin")
        .join(format!("{id}.expected.csv"));
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", expected_path.display()));
    let sheet = format!("builtin/{id}.csv");
    psyscore()
        .args(["score", "--scale", id, &sheet, "--format", "csv"])
        .assert()
        .success()
        .stdout(expected);
}

#[test]
fn cbi_scores_its_fixture() {
    assert_scores_match_expected("cbi");
}

#[test]
fn cdrisc10_scores_its_fixture() {
    assert_scores_match_expected("cdrisc10");
}

#[test]
fn cdrisc25_scores_its_fixture() {
    assert_scores_match_expected("cdrisc25");
}

#[test]
fn cdrisc25_zh_scores_its_fixture() {
    assert_scores_match_expected("cdrisc25-zh");
}

#[test]
fn ssrs_scores_its_fixture() {
    assert_scores_match_expected("ssrs");
}

#[test]
fn mspss_scores_its_fixture() {
    assert_scores_match_expected("mspss");
}

#[test]
fn psss_scores_its_fixture() {
    assert_scores_match_expected("psss");
}

#[test]
fn sas_scores_its_fixture() {
    assert_scores_match_expected("sas");
}

#[test]
fn sds_scores_its_fixture() {
    assert_scores_match_expected("sds");
}

#[test]
fn pss10_scores_its_fixture() {
    assert_scores_match_expected("pss10");
}

#[test]
fn phq9_scores_its_fixture() {
    assert_scores_match_expected("phq9");
}

#[test]
fn gad7_scores_its_fixture() {
    assert_scores_match_expected("gad7");
}

#[test]
fn rses_scores_its_fixture() {
    assert_scores_match_expected("rses");
}

#[test]
fn k10_scores_its_fixture() {
    assert_scores_match_expected("k10");
}

#[test]
fn every_builtin_file_passes_scales_check() {
    let files: Vec<String> = BUILTINS
        .iter()
        .map(|id| format!("../../scales/{id}.toml"))
        .collect();
    psyscore()
        .args(["scales", "check"])
        .args(&files)
        .assert()
        .success();
}

/// A new file in `scales/` must come with a fixture and a test here.
#[test]
fn builtin_list_matches_the_scales_folder() {
    let scales_dir = data_dir().join("../../scales");
    let mut on_disk: Vec<String> = std::fs::read_dir(&scales_dir)
        .unwrap_or_else(|err| panic!("cannot list {}: {err}", scales_dir.display()))
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .map(|path| {
            path.file_stem()
                .expect("a .toml file has a stem")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = BUILTINS.iter().map(|id| id.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}
