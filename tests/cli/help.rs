//! The help text is part of the product: each `--help` output is compared byte for byte with its
//! committed snapshot in `tests/data/help/`. After a deliberate change of wording,
//! `PSYSCORE_BLESS=1 cargo test --test cli help` rewrites the snapshots; review the diff before
//! committing.

use crate::util::{assert_matches_snapshot, data_dir, psyscore, success_stdout};

/// Runs `psyscore ARGS`, expecting success, with colours off whatever the environment says.
fn help_of(args: &[&str]) -> String {
    success_stdout(
        psyscore()
            .args(args)
            .env_remove("CLICOLOR_FORCE")
            .env("NO_COLOR", "1"),
    )
}

/// Compares `psyscore ARGS` with `tests/data/help/{snapshot}.txt`, or rewrites the file when
/// `PSYSCORE_BLESS` is set.
fn assert_help_snapshot(args: &[&str], snapshot: &str) {
    let path = data_dir().join("help").join(format!("{snapshot}.txt"));
    assert_matches_snapshot(&help_of(args), &path, &args.join(" "));
}

#[test]
fn top_level_help() {
    assert_help_snapshot(&["--help"], "psyscore");
}

#[test]
fn score_help() {
    assert_help_snapshot(&["score", "--help"], "score");
}

#[test]
fn scales_help() {
    assert_help_snapshot(&["scales", "--help"], "scales");
}

#[test]
fn compare_help() {
    assert_help_snapshot(&["compare", "--help"], "compare");
    assert_help_snapshot(&["compare", "paired", "--help"], "compare-paired");
    assert_help_snapshot(&["compare", "groups", "--help"], "compare-groups");
    assert_help_snapshot(&["compare", "repeated", "--help"], "compare-repeated");
    assert_help_snapshot(&["compare", "mixed", "--help"], "compare-mixed");
    assert_help_snapshot(&["compare", "lmm", "--help"], "compare-lmm");
    assert_help_snapshot(&["compare", "ancova", "--help"], "compare-ancova");
    assert_help_snapshot(
        &["compare", "summary", "paired", "--help"],
        "compare-summary-paired",
    );
    assert_help_snapshot(
        &["compare", "summary", "groups", "--help"],
        "compare-summary-groups",
    );
}

#[test]
fn reliability_describe_baseline_change_help() {
    assert_help_snapshot(&["reliability", "--help"], "reliability");
    assert_help_snapshot(&["describe", "--help"], "describe");
    assert_help_snapshot(&["baseline", "--help"], "baseline");
    assert_help_snapshot(&["change", "--help"], "change");
}

#[test]
fn power_help() {
    assert_help_snapshot(&["power", "--help"], "power");
    assert_help_snapshot(&["power", "paired", "--help"], "power-paired");
    assert_help_snapshot(&["power", "groups", "--help"], "power-groups");
    assert_help_snapshot(&["power", "anova", "--help"], "power-anova");
    assert_help_snapshot(&["power", "mixed", "--help"], "power-mixed");
}

#[test]
fn study_help() {
    assert_help_snapshot(&["study", "--help"], "study");
}

#[test]
fn scales_subcommands_help() {
    assert_help_snapshot(&["scales", "list", "--help"], "scales-list");
    assert_help_snapshot(&["scales", "show", "--help"], "scales-show");
    assert_help_snapshot(&["scales", "check", "--help"], "scales-check");
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
