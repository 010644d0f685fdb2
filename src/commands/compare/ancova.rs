//! `psyscore compare ancova`.

use anyhow::Result;

use super::paired::missing_reason;
use super::{Left, MeasureSource, Report, Settings, choose_levels, pair_by_id, render};
use crate::cli::AncovaArgs;
use crate::commands::measures::MeasureSheet;
use crate::commands::pairing::require_common_ids;
use crate::compare::{AncovaResult, adjust_family, compare_ancova};

/// Runs `psyscore compare ancova`.
pub fn run(args: &AncovaArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let pre = source.read(&args.pre, &args.measure, Some(&args.id), &[&args.group])?;
    let post = source.read(&args.post, &args.measure, Some(&args.id), &[])?;
    let levels = choose_levels(
        &args.levels,
        pre.rows.iter().map(|row| row.keys[0].as_str()),
        &args.group,
        &args.pre,
    )?;
    require_common_ids(&pre, &post, ["pre", "post"])?;
    let report = ancova_report(
        &pre,
        &post,
        &args.group,
        levels,
        Settings::from(&args.analysis),
    );
    render::write(&report, args.analysis.format, &args.analysis.csv)
}

/// Pairs `pre` and `post` by id and compares the post scores of the two `levels` of the group
/// (the first key of each pre row; `column` names it in messages) adjusted for the pre
/// scores, every measure, with the p-values adjusted across measures.
pub fn ancova_report(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    column: &str,
    levels: [String; 2],
    settings: Settings,
) -> Report<AncovaResult> {
    let mut report = Report::new("ancova", settings, levels.to_vec());
    let pairs = pair_by_id(
        pre,
        post,
        ["pre", "post"],
        &mut report.unmatched,
        &mut report.excluded,
    );
    let group_of = |key: &str| levels.iter().position(|level| level == key);
    let mut grouped = Vec::new();
    for &(a, b) in &pairs {
        let row = &pre.rows[a];
        match group_of(&row.keys[0]) {
            Some(group) => grouped.push((a, b, group)),
            None => report.unmatched.push(Left {
                id: row.id.clone(),
                measure: None,
                reason: format!(
                    "row {} of the pre sheet: {column} is \"{}\", not one of the two compared",
                    row.row, row.keys[0]
                ),
            }),
        }
    }
    let names = ["pre".to_owned(), "post".to_owned()];
    for (m, measure) in pre.measures.iter().enumerate() {
        let mut before: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        let mut after: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
        for &(a, b, group) in &grouped {
            match (pre.rows[a].values[m], post.rows[b].values[m]) {
                (Some(x), Some(y)) => {
                    before[group].push(x);
                    after[group].push(y);
                }
                (x, y) => report.excluded.push(Left {
                    id: pre.rows[a].id.clone(),
                    measure: Some(measure.name.clone()),
                    reason: missing_reason(x.is_none(), y.is_none(), &names),
                }),
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
