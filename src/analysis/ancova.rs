//! The post-test between two groups adjusted for the pre-test, every measure: `psyscore compare
//! ancova`.

use super::report::{Report, Settings};
use crate::compare::{AncovaResult, adjust_family, compare_ancova};
use crate::data::measures::{MeasureRow, MeasureSheet};
use crate::data::pairing::{Excluded, RowRef, pair_by_id};

/// Pairs `pre` and `post` by id and compares the post scores of the two `levels` of the group
/// (the first key of each pre row, agreed across the times by [`crate::data::pairing::agree_groups`]; `column` names
/// it in messages) adjusted for the pre scores, every measure, with the p-values adjusted
/// across measures.
pub fn ancova_report(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    times: [&str; 2],
    column: &str,
    levels: [String; 2],
    settings: Settings,
) -> Report<AncovaResult> {
    let mut report = Report::new("ancova", settings, levels.to_vec());
    let pairs = pair_by_id(pre, post, times, &mut report.excluded);
    let group_of = |key: &str| levels.iter().position(|level| level == key);
    let mut grouped = Vec::new();
    for &(a, b) in &pairs {
        let row = &pre.rows[a];
        match group_of(&row.keys[0]) {
            Some(group) => grouped.push((a, b, group)),
            None => report.excluded.push(other_group(
                row,
                Some(times[0]),
                &pre.source,
                column,
                &levels,
            )),
        }
    }
    for (m, measure) in pre.measures.iter().enumerate() {
        let mut before: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        let mut after: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        for &(a, b, group) in &grouped {
            match (pre.rows[a].values[m], post.rows[b].values[m]) {
                (Some(x), Some(y)) => {
                    before[group].push(x);
                    after[group].push(y);
                }
                (x, y) => report.excluded.push(Excluded::missing_score(
                    &pre.rows[a].id,
                    &measure.name,
                    &times,
                    &[x.is_none(), y.is_none()],
                )),
            }
        }
        report.results.push(compare_ancova(
            &measure.name,
            [&levels[0], &levels[1]],
            [&before[0], &before[1]],
            [&after[0], &after[1]],
            settings.options,
        ));
    }
    let method = report.adjust;
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.group_effect.p, &mut r.group_effect.p_adj)),
        method,
    );
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.adj_diff.p, &mut r.adj_diff.p_adj)),
        method,
    );
    report
}

/// A row (at `time`, if any) whose group, its first key, is blank or none of the `levels`
/// compared.
pub fn other_group(
    row: &MeasureRow,
    time: Option<&str>,
    source: &str,
    column: &str,
    levels: &[String],
) -> Excluded {
    Excluded::other_group(
        &row.id,
        RowRef::new(time, source, row.row),
        column,
        &row.keys[0],
        levels,
    )
}
