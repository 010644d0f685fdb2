//! `psyscore compare summary paired | groups`: the tests from published summary statistics.

use anyhow::Result;

use super::render;
use crate::analysis::groups::adjust as adjust_groups;
use crate::analysis::paired::adjust as adjust_paired;
use crate::analysis::report::{Report, Settings};
use crate::cli::SummaryCommand;
use crate::compare::{Options, compare_groups_from_summary, compare_paired_from_summary};
use crate::error::UsageError;
use crate::stats::ttest::SampleStats;

/// Runs `psyscore compare summary ...`.
pub fn run(command: &SummaryCommand) -> Result<()> {
    match command {
        SummaryCommand::Paired {
            n,
            mean,
            sd,
            r,
            name,
            analysis,
        } => {
            let ([pre_mean, post_mean], [pre_sd, post_sd]) =
                (pair(mean, "--mean")?, pair(sd, "--sd")?);
            if !(-1.0..=1.0).contains(r) {
                return Err(UsageError(format!(
                    "--r must be a correlation between -1 and 1, not {r}"
                ))
                .into());
            }
            let mut report = Report::new(
                "paired",
                Settings::from(analysis),
                vec!["pre".into(), "post".into()],
            );
            report.results.push(compare_paired_from_summary(
                name,
                *n,
                (pre_mean, pre_sd),
                (post_mean, post_sd),
                *r,
                Options::from(analysis),
            ));
            adjust_paired(&mut report);
            render::write(&report, analysis.format, &analysis.csv)
        }
        SummaryCommand::Groups {
            n,
            mean,
            sd,
            levels,
            name,
            analysis,
        } => {
            let ([n1, n2], [m1, m2], [s1, s2]) =
                (pair(n, "--n")?, pair(mean, "--mean")?, pair(sd, "--sd")?);
            let [first, second] = pair(levels, "--levels")?;
            let mut report = Report::new(
                "groups",
                Settings::from(analysis),
                vec![first.clone(), second.clone()],
            );
            report.results.push(compare_groups_from_summary(
                name,
                [&first, &second],
                SampleStats {
                    n: n1,
                    mean: m1,
                    sd: s1,
                },
                SampleStats {
                    n: n2,
                    mean: m2,
                    sd: s2,
                },
                Options::from(analysis),
            ));
            adjust_groups(&mut report);
            render::write(&report, analysis.format, &analysis.csv)
        }
    }
}

/// Exactly two values of a comma-separated option.
fn pair<T: Clone>(values: &[T], option: &str) -> Result<[T; 2]> {
    match values {
        [a, b] => Ok([a.clone(), b.clone()]),
        _ => Err(UsageError(format!(
            "{option} takes two values separated by a comma, e.g. {option} 8,9"
        ))
        .into()),
    }
}
