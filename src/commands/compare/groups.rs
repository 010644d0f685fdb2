//! `psyscore compare groups`: two levels, or three and more (arms).

use anyhow::Result;

use super::{choose_arms, render};
use crate::analysis::groups::{arms_report, groups_report, write_arms};
use crate::analysis::report::Settings;
use crate::cli::{AlternativeArg, GroupsArgs, MethodArg};
use crate::commands::measures::MeasureSource;
use crate::commands::write_report;
use crate::error::UsageError;

/// Runs `psyscore compare groups`.
pub fn run(args: &GroupsArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let sheet = source.read(&args.input, &args.measure, None, &[&args.group])?;
    let levels = choose_arms(
        &args.levels,
        sheet.rows.iter().map(|row| row.keys[0].as_str()),
        &args.group,
        &args.input,
    )?;
    let settings = Settings::from(&args.analysis);
    if let [first, second] = levels.as_slice() {
        let levels = [first.clone(), second.clone()];
        let report = groups_report(&sheet, &args.group, levels, settings);
        return render::write(&report, args.analysis.format, &args.analysis.csv);
    }
    if args.analysis.alternative != AlternativeArg::TwoSided {
        return Err(UsageError(format!(
            "--alternative applies to two groups; with {} the ANOVAs and their pairs are two-sided",
            levels.len()
        ))
        .into());
    }
    if args.analysis.method == MethodArg::Exact {
        return Err(UsageError(
            "--method exact applies to two groups' Mann–Whitney test; Kruskal–Wallis and Dunn's test use their large-sample distributions, as R's kruskal.test and rstatix's dunn_test".to_owned(),
        )
        .into());
    }
    let report = arms_report(&sheet, &args.group, levels, settings);
    let written = write_report(args.analysis.format, &args.analysis.csv, |out, format| {
        write_arms(out, &report, format)
    })?;
    render::excluded_note(report.excluded.len(), written);
    Ok(())
}
