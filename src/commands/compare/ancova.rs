//! `psyscore compare ancova`.

use anyhow::Result;

use super::{choose_levels, render};
use crate::analysis::ancova::ancova_report;
use crate::analysis::report::Settings;
use crate::cli::AncovaArgs;
use crate::commands::measures::{MeasureSource, note_filled_groups, warn_if_row_number_ids};
use crate::data::pairing::{agree_groups, require_common_ids};

/// Runs `psyscore compare ancova`.
pub fn run(args: &AncovaArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let group = [args.group.as_str()];
    let mut sheets = [
        source.read_time(&args.pre, &args.measure, Some(&args.id), &group, &[])?,
        // A post-test sheet without the group column takes each person's from the pre-test.
        source.read_time(&args.post, &args.measure, Some(&args.id), &group, &group)?,
    ];
    warn_if_row_number_ids(&args.id, &[&sheets[0], &sheets[1]]);
    let times = ["pre", "post"];
    let filled = source.select(&mut sheets, &times, &args.id)?;
    if let Some((column, _)) = source.only() {
        note_filled_groups(&filled, column);
    }
    let filled = agree_groups(&mut sheets, &times, 0, &args.group, &args.id)?;
    let [pre, post] = sheets;
    let levels = choose_levels(
        &args.levels,
        pre.rows.iter().map(|row| row.keys[0].as_str()),
        &args.group,
        &args.pre,
    )?;
    note_filled_groups(&filled, &args.group);
    require_common_ids(&pre, &post, times)?;
    let report = ancova_report(
        &pre,
        &post,
        times,
        &args.group,
        levels,
        Settings::from(&args.analysis),
    );
    render::write(&report, args.analysis.format, &args.analysis.csv)
}
