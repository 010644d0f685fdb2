//! `psyscore compare paired | groups | ancova | summary`: read the measures, pair or group the
//! rows, run the comparison per measure, adjust p-values across measures, write the report.

mod ancova;
mod groups;
mod lmm;
mod paired;
mod render;
mod summary;
mod waves;

use anyhow::Result;

use crate::analysis::report::Settings;
use crate::cli::{AdjustArg, AnalysisArgs, CompareCommand, MethodArg};
use crate::compare::Options;
use crate::data::measures::{distinct_values, value_list};
use crate::error::{DataError, UsageError};
use crate::stats::adjust::Adjust;
use crate::stats::rank::MethodChoice;

/// Runs a `compare` subcommand.
pub fn run(command: &CompareCommand) -> Result<()> {
    match command {
        CompareCommand::Paired(args) => paired::run(args),
        CompareCommand::Groups(args) => groups::run(args),
        CompareCommand::Ancova(args) => ancova::run(args),
        CompareCommand::Repeated(args) => waves::run_repeated(args),
        CompareCommand::Mixed(args) => waves::run_mixed(args),
        CompareCommand::Lmm(args) => lmm::run(args),
        CompareCommand::Summary(command) => summary::run(command),
    }
}

impl From<&AnalysisArgs> for Options {
    fn from(args: &AnalysisArgs) -> Options {
        Options {
            conf: args.conf,
            alternative: args.alternative.into(),
            method: match args.method {
                MethodArg::Auto => MethodChoice::Auto,
                MethodArg::Exact => MethodChoice::Exact,
                MethodArg::Normal => MethodChoice::Normal,
            },
        }
    }
}

/// The adjustment asked for on the command line.
pub fn adjust_method(arg: AdjustArg) -> Adjust {
    match arg {
        AdjustArg::Holm => Adjust::Holm,
        AdjustArg::Bonferroni => Adjust::Bonferroni,
        AdjustArg::Bh => Adjust::Bh,
        AdjustArg::By => Adjust::By,
        AdjustArg::None => Adjust::None,
    }
}

impl From<&AnalysisArgs> for Settings {
    fn from(args: &AnalysisArgs) -> Settings {
        Settings {
            options: Options::from(args),
            adjust: adjust_method(args.adjust),
        }
    }
}

/// The most groups `compare groups` compares at once: the pairs grow as g², and a column with
/// more distinct values is more likely not a group at all.
pub const MAX_ARMS: usize = 20;

/// The two levels to compare: as given (exactly two, each held by some row), or the two values
/// in order of appearance, with a warning on standard error (the order decides the sign of
/// every difference); more than two without `--levels` is a usage error naming them, fewer than
/// two a data error naming the `file` and the column.
pub fn choose_levels<'a>(
    given: &[String],
    values: impl Iterator<Item = &'a str>,
    column: &str,
    file: &str,
) -> Result<[String; 2]> {
    if !given.is_empty() && !matches!(given, [first, second] if first != second) {
        return Err(UsageError(format!(
            "--levels needs two different values, e.g. --levels intervention,control; got {}",
            given.join(",")
        ))
        .into());
    }
    let levels = choose_groups(given, values, column, file, "choose two with --levels A,B")?;
    Ok([levels[0].clone(), levels[1].clone()])
}

/// The groups to compare, two or up to [`MAX_ARMS`]: as given (different values, each held by
/// some row), or, when the column holds exactly two values, those in order of appearance with a
/// warning on standard error. More than two values without `--levels` is a usage error naming
/// them (which are arms and which stray values only the researcher knows), fewer than two a
/// data error naming the `file` and the column.
pub fn choose_arms<'a>(
    given: &[String],
    values: impl Iterator<Item = &'a str>,
    column: &str,
    file: &str,
) -> Result<Vec<String>> {
    if !given.is_empty() {
        let distinct = distinct_values(given.iter().map(String::as_str));
        if given.len() < 2 || distinct.len() < given.len() {
            return Err(UsageError(format!(
                "--levels needs two or more different values, e.g. --levels intervention,control or --levels group,case,control; got {}",
                given.join(",")
            ))
            .into());
        }
        if given.len() > MAX_ARMS {
            return Err(UsageError(format!(
                "--levels names {} groups; psyscore compares at most {MAX_ARMS} at once",
                given.len()
            ))
            .into());
        }
    }
    choose_groups(
        given,
        values,
        column,
        file,
        "choose the groups to compare with --levels, in the order differences are taken: two (--levels A,B) or more (--levels A,B,C)",
    )
}

/// `given` checked against the values of `column`, or the column's two values; `choose` ends
/// the error for a column of more than two values without `--levels`.
fn choose_groups<'a>(
    given: &[String],
    values: impl Iterator<Item = &'a str>,
    column: &str,
    file: &str,
    choose: &str,
) -> Result<Vec<String>> {
    let seen = distinct_values(values);
    if !given.is_empty() {
        require_levels(given, &seen, column)?;
        return Ok(given.to_vec());
    }
    match seen.as_slice() {
        [first, second] => {
            eprintln!(
                "warning: --levels not given: {column} is compared as {first} − {second}, the order in which the rows first show them; every difference and effect size changes sign with this order, so give --levels {first},{second} (or {second},{first}) to fix it"
            );
            Ok(vec![first.to_string(), second.to_string()])
        }
        [] => Err(DataError(format!(
            "{file}: column {column} is empty in every row, so there are no groups to compare; is it the right column?"
        ))
        .into()),
        [only] => Err(DataError(format!(
            "{file}: column {column} holds one group only ({only}); comparing groups needs two: is it the right column, and the sheet of both groups?"
        ))
        .into()),
        _ => Err(UsageError(format!(
            "column {column} holds {} groups ({}); {choose}",
            seen.len(),
            value_list(&seen)
        ))
        .into()),
    }
}

/// Refuses a level of `--levels` that no row holds in `column` (whose values are `seen`): a
/// mistyped level would otherwise compare an empty group and succeed.
pub fn require_levels(levels: &[String], seen: &[&str], column: &str) -> Result<()> {
    match levels.iter().find(|level| !seen.contains(&level.as_str())) {
        None => Ok(()),
        Some(level) => Err(UsageError(format!(
            "--levels {}: no row holds {level} in column {column}; its values are {}",
            levels.join(","),
            value_list(seen)
        ))
        .into()),
    }
}
