//! `psyscore compare paired`.

use anyhow::Result;

use super::{distinct_values, render, require_levels};
use crate::analysis::paired::{paired_report, split_by_time};
use crate::analysis::report::Settings;
use crate::cli::PairedArgs;
use crate::commands::measures::{MeasureSource, note_filled_groups, warn_if_row_number_ids};
use crate::commands::waves::drop_unselected_other_times;
use crate::data::pairing::require_common_ids;
use crate::error::UsageError;

/// Runs `psyscore compare paired`.
pub fn run(args: &PairedArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let mut excluded = Vec::new();
    let (mut sheets, levels) = match (&args.pre, &args.post, &args.time, &args.input) {
        (Some(pre), Some(post), _, _) => {
            let sheets = [
                source.read_time(pre, &args.measure, Some(&args.id), &[], &[])?,
                source.read_time(post, &args.measure, Some(&args.id), &[], &[])?,
            ];
            warn_if_row_number_ids(&args.id, &[&sheets[0], &sheets[1]]);
            (sheets, ["pre".to_owned(), "post".to_owned()])
        }
        (_, _, Some(time), Some(input)) => {
            let [first, second] = match args.levels.as_slice() {
                [first, second] if first != second => [first.clone(), second.clone()],
                _ => {
                    return Err(UsageError(
                        "--time needs --levels with the pre and post values, e.g. --levels pre,post".to_owned(),
                    )
                    .into());
                }
            };
            let mut long = source.read_time(input, &args.measure, Some(&args.id), &[time], &[])?;
            let times = distinct_values(long.rows.iter().map(|row| row.keys[0].as_str()));
            require_levels(&args.levels, &times, time)?;
            warn_if_row_number_ids(&args.id, &[&long]);
            drop_unselected_other_times(&source, &mut long, &[&first, &second]);
            let (pre, post) = split_by_time(long, [&first, &second], time, &mut excluded);
            ([pre, post], [first, second])
        }
        _ => {
            return Err(UsageError(
                "give --pre FILE --post FILE, or --time COL --levels PRE,POST with one INPUT"
                    .to_owned(),
            )
            .into());
        }
    };
    let filled = source.select(&mut sheets, &[&levels[0], &levels[1]], &args.id)?;
    if let Some((column, _)) = source.only() {
        note_filled_groups(&filled, column);
    }
    let [pre, post] = sheets;
    require_common_ids(&pre, &post, [&levels[0], &levels[1]])?;
    let report = paired_report(
        &pre,
        &post,
        levels,
        Settings::from(&args.analysis),
        excluded,
    );
    render::write(&report, args.analysis.format, &args.analysis.csv)
}
