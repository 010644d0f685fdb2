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
