//! `psyscore compare paired | groups | ancova | summary`: read the measures, pair or group the
//! rows, run the comparison per measure, adjust p-values across measures, write the report.

mod ancova;
mod groups;
mod paired;
mod render;
mod summary;
mod waves;

pub use ancova::{ancova_report, other_group};
pub use groups::groups_report;
pub use paired::{paired_report, split_by_time};
pub use render::{write_excluded, write_to};

use anyhow::Result;
use serde::Serialize;

use super::measures::MeasureSource;
use crate::cli::{AdjustArg, AlternativeArg, AnalysisArgs, CompareCommand, MethodArg};
use crate::compare::Options;
use crate::data::measures::{distinct_values, value_list};
use crate::data::pairing::{Excluded, pair_by_id};
use crate::error::{DataError, UsageError};
use crate::stats::Alternative;
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
        CompareCommand::Summary(command) => summary::run(command),
    }
}

/// The report of one command: its settings, what was left out and why, and one result per
/// measure. Serialized as the JSON output contract.
#[derive(Debug, Serialize)]
pub struct Report<R> {
    /// `paired`, `groups` or `ancova`.
    pub analysis: &'static str,
    /// Confidence level.
    pub conf: f64,
    /// Alternative hypothesis.
    pub alternative: Alternative,
    /// p-value adjustment across measures.
    pub adjust: Adjust,
    /// What was asked of rank tests (each result says which ran).
    pub method: MethodChoice,
    /// The two levels compared, first − second (groups and ANCOVA), or pre, post.
    pub levels: Vec<String>,
    /// Every row or person left out of one measure or all, with the reason.
    pub excluded: Vec<Excluded>,
    /// One result per measure.
    pub results: Vec<R>,
}

impl From<&AnalysisArgs> for Options {
    fn from(args: &AnalysisArgs) -> Options {
        Options {
            conf: args.conf,
            alternative: match args.alternative {
                AlternativeArg::TwoSided => Alternative::TwoSided,
                AlternativeArg::Less => Alternative::Less,
                AlternativeArg::Greater => Alternative::Greater,
            },
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

/// What every comparison is asked: the test options and the p-value adjustment across the
/// measures of one report.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Confidence level, alternative, rank-test method.
    pub options: Options,
    /// Adjustment across measures.
    pub adjust: Adjust,
}

impl From<&AnalysisArgs> for Settings {
    fn from(args: &AnalysisArgs) -> Settings {
        Settings {
            options: Options::from(args),
            adjust: adjust_method(args.adjust),
        }
    }
}

impl<R> Report<R> {
    fn new(analysis: &'static str, settings: Settings, levels: Vec<String>) -> Report<R> {
        let options = settings.options;
        Report {
            analysis,
            conf: options.conf,
            alternative: options.alternative,
            adjust: settings.adjust,
            method: options.method,
            levels,
            excluded: Vec::new(),
            results: Vec::new(),
        }
    }
}

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
    let seen = distinct_values(values);
    if !given.is_empty() {
        return match given {
            [first, second] if first != second => {
                require_levels(given, &seen, column)?;
                Ok([first.clone(), second.clone()])
            }
            _ => Err(UsageError(format!(
                "--levels needs two different values, e.g. --levels intervention,control; got {}",
                given.join(",")
            ))
            .into()),
        };
    }
    match seen.as_slice() {
        [first, second] => {
            eprintln!(
                "warning: --levels not given: {column} is compared as {first} − {second}, the order in which the rows first show them; every difference and effect size changes sign with this order, so give --levels {first},{second} (or {second},{first}) to fix it"
            );
            Ok([first.to_string(), second.to_string()])
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
            "column {column} holds {} groups ({}); choose two with --levels A,B",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Format;
    use crate::compare::{compare_ancova, compare_groups, compare_paired};
    use proptest::prelude::*;

    /// Values of every size a sheet can hold, ordinary ones among them.
    fn value() -> impl Strategy<Value = f64> {
        prop_oneof![
            -100.0..100.0_f64,
            -1.7e308..1.7e308_f64,
            -1e-300..1e-300_f64,
            Just(1.7e308),
            Just(-1.7e308),
            Just(0.0),
        ]
    }

    /// Every human and program format of a report, which must hold no NaN or inf.
    fn assert_clean<R: Serialize + render::HumanRow>(
        report: &Report<R>,
    ) -> Result<(), TestCaseError> {
        for format in [Format::Csv, Format::Json, Format::Md, Format::Table] {
            let mut out = Vec::new();
            write_to(&mut out, report, format).unwrap();
            let text = String::from_utf8(out).unwrap();
            let bad = text.contains("NaN")
                || text
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|word| word.eq_ignore_ascii_case("inf"));
            prop_assert!(!bad, "{:?}:\n{}", format, text);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn no_comparison_prints_nan_or_inf(
            pairs in proptest::collection::vec((value(), value()), 0..9),
            split in 0usize..9,
        ) {
            let settings = Settings { options: Options::default(), adjust: Adjust::Holm };
            let pre: Vec<f64> = pairs.iter().map(|p| p.0).collect();
            let post: Vec<f64> = pairs.iter().map(|p| p.1).collect();
            let cut = split.min(pre.len());
            let levels = vec!["a".to_owned(), "b".to_owned()];
            let mut paired = Report::new("paired", settings, levels.clone());
            paired.results.push(compare_paired("m", &pre, &post, &[], settings.options));
            assert_clean(&paired)?;
            let mut groups = Report::new("groups", settings, levels.clone());
            groups.results.push(compare_groups("m", ["a", "b"], &pre[..cut], &pre[cut..], settings.options));
            assert_clean(&groups)?;
            let mut ancova = Report::new("ancova", settings, levels);
            ancova.results.push(compare_ancova(
                "m",
                ["a", "b"],
                [&pre[..cut], &pre[cut..]],
                [&post[..cut], &post[cut..]],
                settings.options,
            ));
            assert_clean(&ancova)?;
        }
    }
}
