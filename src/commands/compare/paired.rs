//! `psyscore compare paired`.

use anyhow::Result;

use super::{
    Excluded, MeasureSource, Report, Settings, distinct_values, pair_by_id, render, require_levels,
};
use crate::cli::PairedArgs;
use crate::commands::measures::{note_filled_groups, warn_if_row_number_ids};
use crate::commands::waves::drop_unselected_other_times;
use crate::compare::{PairedResult, adjust_family, compare_paired};
use crate::data::measures::MeasureSheet;
use crate::data::pairing::require_common_ids;
use crate::data::waves::split_by_times;
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

/// Pairs the rows of `pre` and `post` by id and compares every measure pre vs post, with the
/// p-values adjusted across measures. `excluded` holds rows already left out (e.g. of another
/// time).
pub fn paired_report(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    levels: [String; 2],
    settings: Settings,
    excluded: Vec<Excluded>,
) -> Report<PairedResult> {
    let mut report = Report::new("paired", settings, levels.to_vec());
    report.excluded = excluded;
    let times = [levels[0].as_str(), levels[1].as_str()];
    let pairs = pair_by_id(pre, post, times, &mut report.excluded);
    for (m, measure) in pre.measures.iter().enumerate() {
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for &(a, b) in &pairs {
            let id = &pre.rows[a].id;
            match (pre.rows[a].values[m], post.rows[b].values[m]) {
                (Some(x), Some(y)) => {
                    before.push(x);
                    after.push(y);
                }
                (x, y) => report.excluded.push(Excluded::missing_score(
                    id,
                    &measure.name,
                    &times,
                    &[x.is_none(), y.is_none()],
                )),
            }
        }
        report.results.push(compare_paired(
            &measure.name,
            &before,
            &after,
            &measure.bands,
            settings.options,
        ));
    }
    adjust(&mut report);
    report
}

/// Fills the adjusted p-values, one family per test across the measures.
pub(super) fn adjust(report: &mut Report<PairedResult>) {
    let method = report.adjust;
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.t_test.p, &mut r.t_test.p_adj)),
        method,
    );
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.wilcoxon.p, &mut r.wilcoxon.p_adj)),
        method,
    );
}

/// Splits a long sheet whose rows' first key is the time into its pre and post rows, taking
/// the time off the keys; rows of another time are listed.
pub fn split_by_time(
    long: MeasureSheet,
    levels: [&str; 2],
    column: &str,
    excluded: &mut Vec<Excluded>,
) -> (MeasureSheet, MeasureSheet) {
    let mut sheets = split_by_times(long, &levels, column, excluded);
    let post = sheets.pop();
    let pre = sheets.pop();
    match (pre, post) {
        (Some(pre), Some(post)) => (pre, post),
        _ => unreachable!("two levels give two sheets"),
    }
}
