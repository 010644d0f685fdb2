//! `psyscore compare groups`.

use anyhow::Result;

use super::{Left, MeasureSource, Report, choose_levels, render};
use crate::cli::GroupsArgs;
use crate::compare::{GroupsResult, Options, adjust_family, compare_groups};

/// Runs `psyscore compare groups`.
pub fn run(args: &GroupsArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let sheet = source.read(&args.input, &args.measure, None, &[&args.group])?;
    let levels = choose_levels(
        &args.levels,
        sheet.rows.iter().map(|row| row.keys[0].as_str()),
        &args.group,
    )?;
    let mut report = Report::new("groups", &args.analysis, levels.to_vec());
    let group_of = |key: &str| levels.iter().position(|level| level == key);
    for row in &sheet.rows {
        if group_of(&row.keys[0]).is_none() {
            report.unmatched.push(Left {
                id: row.id.clone(),
                measure: None,
                reason: if row.keys[0].is_empty() {
                    format!("row {}: no {}", row.row, args.group)
                } else {
                    format!(
                        "row {}: {} is \"{}\", not one of the two compared",
                        row.row, args.group, row.keys[0]
                    )
                },
            });
        }
    }
    let options = Options::from(&args.analysis);
    for (m, measure) in sheet.measures.iter().enumerate() {
        let mut values: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        for row in &sheet.rows {
            let Some(group) = group_of(&row.keys[0]) else {
                continue;
            };
            match row.values[m] {
                Some(value) => values[group].push(value),
                None => report.excluded.push(Left {
                    id: row.id.clone(),
                    measure: Some(measure.name.clone()),
                    reason: format!("row {}: no score", row.row),
                }),
            }
        }
        report.results.push(compare_groups(
            &measure.name,
            [&levels[0], &levels[1]],
            &values[0],
            &values[1],
            options,
        ));
    }
    adjust(&mut report);
    render::write(&report, args.analysis.format)
}

/// Fills the adjusted p-values, one family per test across the measures.
pub(super) fn adjust(report: &mut Report<GroupsResult>) {
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
