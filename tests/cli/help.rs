//! The help text is part of the product: each `--help` output is compared byte for byte with its
//! committed snapshot in `tests/data/help/`. After a deliberate change of wording,
//! `PSYSCORE_BLESS=1 cargo test --test cli help` rewrites the snapshots; review the diff before
//! committing.

use crate::util::{data_dir, psyscore};

/// Environment variable that makes the snapshot tests rewrite their snapshots.
const BLESS: &str = "PSYSCORE_BLESS";

/// Runs `psyscore ARGS`, expecting success, with colours off whatever the environment says.
fn help_of(args: &[&str]) -> String {
    let output = psyscore()
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .env("NO_COLOR", "1")
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output).expect("help is UTF-8")
}

/// Compares `psyscore ARGS` with `tests/data/help/{snapshot}.txt`, or rewrites the file when
/// `PSYSCORE_BLESS` is set.
fn assert_matches_snapshot(args: &[&str], snapshot: &str) {
    let actual = help_of(args);
    let path = data_dir().join("help").join(format!("{snapshot}.txt"));
    if std::env::var_os(BLESS).is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "cannot read {}: {err}; run with {BLESS}=1 to create it",
            path.display()
        )
    });
    assert!(
        actual == expected,
        "`psyscore {}` differs from {}; if the change is intended, rerun with {BLESS}=1 and \
         review the diff\n--- expected\n{expected}\n--- actual\n{actual}",
        args.join(" "),
        path.display()
    );
}

#[test]
fn top_level_help() {
    assert_matches_snapshot(&["--help"], "psyscore");
}

#[test]
fn score_help() {
    assert_matches_snapshot(&["score", "--help"], "score");
}

#[test]
fn scales_help() {
    assert_matches_snapshot(&["scales", "--help"], "scales");
}

#[test]
fn compare_help() {
    assert_matches_snapshot(&["compare", "--help"], "compare");
    assert_matches_snapshot(&["compare", "paired", "--help"], "compare-paired");
    assert_matches_snapshot(&["compare", "groups", "--help"], "compare-groups");
    assert_matches_snapshot(&["compare", "ancova", "--help"], "compare-ancova");
    assert_matches_snapshot(
        &["compare", "summary", "paired", "--help"],
        "compare-summary-paired",
    );
    assert_matches_snapshot(
        &["compare", "summary", "groups", "--help"],
        "compare-summary-groups",
    );
}

#[test]
fn reliability_describe_change_help() {
    assert_matches_snapshot(&["reliability", "--help"], "reliability");
    assert_matches_snapshot(&["describe", "--help"], "describe");
    assert_matches_snapshot(&["change", "--help"], "change");
}

#[test]
fn study_help() {
    assert_matches_snapshot(&["study", "--help"], "study");
}

#[test]
fn scales_subcommands_help() {
    assert_matches_snapshot(&["scales", "list", "--help"], "scales-list");
    assert_matches_snapshot(&["scales", "show", "--help"], "scales-show");
    assert_matches_snapshot(&["scales", "check", "--help"], "scales-check");
}

#[test]
fn help_subcommand_and_short_flag_agree_with_long_help() {
    assert_eq!(help_of(&["help"]), help_of(&["--help"]));
    assert_eq!(help_of(&["help", "score"]), help_of(&["score", "--help"]));
    assert_eq!(
        help_of(&["help", "scales", "show"]),
        help_of(&["scales", "show", "--help"])
    );
    // `-h` is the summary: the first line of each option's help, no value lists.
    let short = help_of(&["score", "-h"]);
    assert!(
        short.starts_with("Score a sheet of questionnaire answers"),
        "{short}"
    );
    assert!(!short.contains("Possible values"), "{short}");
}

#[test]
fn version() {
    psyscore()
        .arg("--version")
        .assert()
        .success()
        .stdout("psyscore 0.1.0\n");
    psyscore()
        .arg("-V")
        .assert()
        .success()
        .stdout("psyscore 0.1.0\n");
}

#[test]
fn no_command_prints_the_usage_and_exits_2() {
    psyscore()
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("Usage: psyscore <COMMAND>"));
}

/// clap turns a literal `{n}` in help text into a line break, so the `--columns` help gives its
/// examples with offsets (`Q{n+0}`), which clap leaves alone.
#[test]
fn columns_help_shows_template_examples_intact() {
    let help = help_of(&["score", "--help"]);
    assert!(
        help.contains("Q{n+12} reads item 1 from column Q13, Q{n+0} from Q1"),
        "{help}"
    );
}
