//! `psyscore compare paired`.

use anyhow::Result;

use super::{
    Left, MeasureSource, Report, Settings, distinct_values, pair_by_id, render, require_levels,
};
use crate::cli::PairedArgs;
use crate::commands::measures::MeasureSheet;
use crate::commands::pairing::require_common_ids;
use crate::compare::{PairedResult, adjust_family, compare_paired};
use crate::error::UsageError;

/// Runs `psyscore compare paired`.
pub fn run(args: &PairedArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let mut unmatched = Vec::new();
    let (pre, post, levels) = match (&args.pre, &args.post, &args.time, &args.input) {
        (Some(pre), Some(post), _, _) => (
            source.read(pre, &args.measure, Some(&args.id), &[])?,
            source.read(post, &args.measure, Some(&args.id), &[])?,
            ["pre".to_owned(), "post".to_owned()],
        ),
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
            let long = source.read(input, &args.measure, Some(&args.id), &[time])?;
            let times = distinct_values(long.rows.iter().map(|row| row.keys[0].as_str()));
            require_levels(&args.levels, &times, time)?;
            let (pre, post) = split_by_time(long, [&first, &second], time, &mut unmatched);
            (pre, post, [first, second])
        }
        _ => {
            return Err(UsageError(
                "give --pre FILE --post FILE, or --time COL --levels PRE,POST with one INPUT"
                    .to_owned(),
            )
            .into());
        }
    };
    require_common_ids(&pre, &post, [&levels[0], &levels[1]])?;
    let report = paired_report(
        &pre,
        &post,
        levels,
        Settings::from(&args.analysis),
        unmatched,
    );
    render::write(&report, args.analysis.format, &args.analysis.csv)
}

/// Pairs the rows of `pre` and `post` by id and compares every measure pre vs post, with the
/// p-values adjusted across measures. `unmatched` holds rows already left out (e.g. of another
/// time).
pub fn paired_report(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    levels: [String; 2],
    settings: Settings,
    unmatched: Vec<Left>,
) -> Report<PairedResult> {
    let mut report = Report::new("paired", settings, levels.to_vec());
    report.unmatched = unmatched;
    let pairs = pair_by_id(
        pre,
        post,
        [levels[0].as_str(), levels[1].as_str()],
        &mut report.unmatched,
        &mut report.excluded,
    );
    for (m, measure) in pre.measures.iter().enumerate() {
        let (mut before, mut after) = (Vec::new(), Vec::new());
        for &(a, b) in &pairs {
            let id = &pre.rows[a].id;
            match (pre.rows[a].values[m], post.rows[b].values[m]) {
                (Some(x), Some(y)) => {
                    before.push(x);
                    after.push(y);
                }
                (x, y) => report.excluded.push(Left {
                    id: id.clone(),
                    measure: Some(measure.name.clone()),
                    reason: missing_reason(x.is_none(), y.is_none(), &levels),
                }),
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

/// "no pre score", "no post score" or "no pre or post score".
pub(super) fn missing_reason(before: bool, after: bool, levels: &[String; 2]) -> String {
    match (before, after) {
        (true, true) => format!("no {} or {} score", levels[0], levels[1]),
        (true, false) => format!("no {} score", levels[0]),
        _ => format!("no {} score", levels[1]),
    }
}

/// Splits a long sheet whose rows' first key is the time into its pre and post rows, taking
/// the time off the keys; rows of another time are listed.
pub fn split_by_time(
    long: MeasureSheet,
    levels: [&str; 2],
    column: &str,
    unmatched: &mut Vec<Left>,
) -> (MeasureSheet, MeasureSheet) {
    let empty = || MeasureSheet {
        source: long.source.clone(),
        measures: long.measures.clone(),
        rows: Vec::new(),
    };
    let (mut pre, mut post) = (empty(), empty());
    for mut row in long.rows {
        let time = row.keys.remove(0);
        if time == levels[0] {
            pre.rows.push(row);
        } else if time == levels[1] {
            post.rows.push(row);
        } else {
            unmatched.push(Left {
                id: row.id.clone(),
                measure: None,
                reason: format!(
                    "row {}: {column} is \"{time}\", neither {} nor {}",
                    row.row, levels[0], levels[1]
                ),
            });
        }
    }
    (pre, post)
}
