//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// A command running the real `psyscore` binary from the `tests/data` folder.
pub fn psyscore() -> assert_cmd::Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("psyscore");
    cmd.current_dir(data_dir());
    cmd
}

/// The folder of test fixtures.
pub fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
}

/// The JSON a command prints with `--format json` (the command must succeed).
pub fn json(args: &[&str]) -> serde_json::Value {
    let output = psyscore()
        .args(args)
        .args(["--format", "json"])
        .assert()
        .success();
    serde_json::from_slice(&output.get_output().stdout).unwrap()
}

/// The result for `measure` in a report's `results`.
pub fn result_of<'a>(report: &'a serde_json::Value, measure: &str) -> &'a serde_json::Value {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|result| result["measure"] == measure)
        .unwrap_or_else(|| panic!("no result for {measure}"))
}

/// The standard output of `command`, which must succeed without writing to standard error.
pub fn success_stdout(command: &mut assert_cmd::Command) -> String {
    let output = command
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("the output is UTF-8")
}

/// The standard output of `psyscore ARGS`, which must succeed without writing to stderr.
pub fn stdout_of(args: &[&str]) -> String {
    success_stdout(psyscore().args(args))
}

/// The standard output of `psyscore ARGS`, which must succeed; standard error may hold
/// warnings.
pub fn stdout_despite_warnings(args: &[&str]) -> String {
    let output = psyscore().args(args).assert().success();
    String::from_utf8(output.get_output().stdout.clone()).expect("the output is UTF-8")
}

/// Environment variable that makes the snapshot tests rewrite their snapshots.
const BLESS: &str = "PSYSCORE_BLESS";

/// Compares `actual`, the output of `psyscore COMMAND`, with the committed snapshot at `path`,
/// or rewrites the snapshot when `PSYSCORE_BLESS` is set.
pub fn assert_matches_snapshot(actual: &str, path: &Path, command: &str) {
    if std::env::var_os(BLESS).is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|err| {
        panic!(
            "cannot read {}: {err}; run with {BLESS}=1 to create it",
            path.display()
        )
    });
    assert!(
        actual == expected,
        "`psyscore {command}` differs from {}; if the change is intended, rerun with {BLESS}=1 \
         and review the diff\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

/// A report's `excluded` entries, one line each: `id (measure) [reason]: detail`.
pub fn excluded_lines(report: &serde_json::Value) -> Vec<String> {
    report["excluded"]
        .as_array()
        .expect("the report lists what it left out")
        .iter()
        .map(|left| {
            let measure = left["measure"]
                .as_str()
                .map_or_else(String::new, |m| format!(" ({m})"));
            format!(
                "{}{measure} [{}]: {}",
                left["id"].as_str().unwrap(),
                left["reason"].as_str().unwrap(),
                left["detail"].as_str().unwrap()
            )
        })
        .collect()
}

/// Asserts the JSON number `actual` is within `rel` relative error of `expected`.
#[track_caller]
pub fn close(actual: &serde_json::Value, expected: f64, rel: f64) {
    let actual = actual
        .as_f64()
        .unwrap_or_else(|| panic!("{actual} is not a number"));
    assert!(
        (actual - expected).abs() <= rel * expected.abs().max(1e-300),
        "{actual} differs from {expected}"
    );
}
