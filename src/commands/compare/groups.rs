//! `psyscore compare groups`.

use anyhow::Result;

use super::{choose_levels, render};
use crate::analysis::groups::groups_report;
use crate::analysis::report::Settings;
use crate::cli::GroupsArgs;
use crate::commands::measures::MeasureSource;

/// Runs `psyscore compare groups`.
pub fn run(args: &GroupsArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let sheet = source.read(&args.input, &args.measure, None, &[&args.group])?;
    let levels = choose_levels(
        &args.levels,
        sheet.rows.iter().map(|row| row.keys[0].as_str()),
        &args.group,
        &args.input,
    )?;
    let report = groups_report(&sheet, &args.group, levels, Settings::from(&args.analysis));
    render::write(&report, args.analysis.format, &args.analysis.csv)
}
