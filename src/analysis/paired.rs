//! Pre vs post in one group, every measure: `psyscore compare paired`.

use super::report::{Report, Settings};
use crate::compare::{PairedResult, adjust_family, compare_paired};
use crate::data::measures::MeasureSheet;
use crate::data::pairing::{Excluded, pair_by_id};
use crate::data::waves::split_by_times;

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
pub fn adjust(report: &mut Report<PairedResult>) {
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
