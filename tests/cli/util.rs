//! Helpers shared by the integration tests.

use std::path::PathBuf;

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
