//! Two independent groups, every measure: `psyscore compare groups`.

use super::ancova::other_group;
use super::report::{Report, Settings};
use crate::compare::{GroupsResult, adjust_family, compare_groups};
use crate::data::measures::MeasureSheet;
use crate::data::pairing::{Excluded, RowRef};

/// Compares every measure between the two `levels` of the group held in each row's first key
/// (`column` names it in messages), with the p-values adjusted across measures. Rows of other
/// groups are listed as excluded.
pub fn groups_report(
    sheet: &MeasureSheet,
    column: &str,
    levels: [String; 2],
    settings: Settings,
) -> Report<GroupsResult> {
    let mut report = Report::new("groups", settings, levels.to_vec());
    let group_of = |key: &str| levels.iter().position(|level| level == key);
    for row in &sheet.rows {
        if group_of(&row.keys[0]).is_none() {
            report
                .excluded
                .push(other_group(row, None, &sheet.source, column, &levels));
        }
    }
    for (m, measure) in sheet.measures.iter().enumerate() {
        let mut values: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        for row in &sheet.rows {
            let Some(group) = group_of(&row.keys[0]) else {
                continue;
            };
            match row.values[m] {
                Some(value) => values[group].push(value),
                None => report.excluded.push(Excluded::no_score(
                    &row.id,
                    &measure.name,
                    RowRef::new(None, &sheet.source, row.row),
                )),
            }
        }
        report.results.push(compare_groups(
            &measure.name,
            [&levels[0], &levels[1]],
            &values[0],
            &values[1],
            settings.options,
        ));
    }
    adjust(&mut report);
    report
}

/// Fills the adjusted p-values, one family per test across the measures.
pub fn adjust(report: &mut Report<GroupsResult>) {
    let method = report.adjust;
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.student.p, &mut r.student.p_adj)),
        method,
    );
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.welch.p, &mut r.welch.p_adj)),
        method,
    );
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.mann_whitney.p, &mut r.mann_whitney.p_adj)),
        method,
    );
}
