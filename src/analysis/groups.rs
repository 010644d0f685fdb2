//! Independent groups, every measure: `psyscore compare groups` with two levels (t-tests and
//! Mann–Whitney) or three and more (ANOVAs, Kruskal–Wallis and the pairs of arms).

use std::io::{self, Write};

use super::ancova::other_group;
use super::render::write_results_csv;
use super::report::{Report, Settings};
use super::tables::{
    PAIRS_OF_GROUPS, arm_pair_cells, arm_pair_header, df_text, f_cell_of, table_title, write_table,
};
use super::{write_excluded, write_report_to};
use crate::compare::{ArmsResult, GroupsResult, adjust_family, compare_arms, compare_groups};
use crate::data::measures::MeasureSheet;
use crate::data::pairing::{Excluded, RowRef};
use crate::output::Format;
use crate::output::apa::{conf_label, mean_sd, num, p_value};

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
    for (name, values) in values_by_group(sheet, column, &levels, &mut report.excluded) {
        report.results.push(compare_groups(
            &name,
            [&levels[0], &levels[1]],
            &values[0],
            &values[1],
            settings.options,
        ));
    }
    adjust(&mut report);
    report
}

/// Compares every measure between the `levels` (three or more) of the group held in each row's
/// first key, as [`groups_report`] does for two: the omnibus p-values are adjusted across
/// measures, the pairs within each measure by their own methods.
pub fn arms_report(
    sheet: &MeasureSheet,
    column: &str,
    levels: Vec<String>,
    settings: Settings,
) -> Report<ArmsResult> {
    let mut report = Report::new("groups", settings, levels);
    let names: Vec<&str> = report.levels.iter().map(String::as_str).collect();
    let mut excluded = Vec::new();
    let mut results = Vec::new();
    for (name, values) in values_by_group(sheet, column, &report.levels, &mut excluded) {
        let groups: Vec<&[f64]> = values.iter().map(Vec::as_slice).collect();
        results.push(compare_arms(&name, &names, &groups, settings.options.conf));
    }
    report.excluded = excluded;
    report.results = results;
    let method = report.adjust;
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.anova.p, &mut r.anova.p_adj)),
        method,
    );
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.welch_anova.p, &mut r.welch_anova.p_adj)),
        method,
    );
    adjust_family(
        report
            .results
            .iter_mut()
            .map(|r| (&r.kruskal.p, &mut r.kruskal.p_adj)),
        method,
    );
    report
}

/// Each measure's values split by `levels`, in level order; rows of other groups and rows
/// without a score are added to `excluded`.
fn values_by_group(
    sheet: &MeasureSheet,
    column: &str,
    levels: &[String],
    excluded: &mut Vec<Excluded>,
) -> Vec<(String, Vec<Vec<f64>>)> {
    let group_of = |key: &str| levels.iter().position(|level| level == key);
    for row in &sheet.rows {
        if group_of(&row.keys[0]).is_none() {
            excluded.push(other_group(row, None, &sheet.source, column, levels));
        }
    }
    sheet
        .measures
        .iter()
        .enumerate()
        .map(|(m, measure)| {
            let mut values = vec![Vec::new(); levels.len()];
            for row in &sheet.rows {
                let Some(group) = group_of(&row.keys[0]) else {
                    continue;
                };
                match row.values[m] {
                    Some(value) => values[group].push(value),
                    None => excluded.push(Excluded::no_score(
                        &row.id,
                        &measure.name,
                        RowRef::new(None, &sheet.source, row.row),
                    )),
                }
            }
            (measure.name.clone(), values)
        })
        .collect()
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

/// Writes an arms report in `format`: JSON whole, CSV one row per measure (pairs numbered), or
/// for people the omnibus table, the pairs, the notes and what was left out.
pub fn write_arms(
    out: &mut dyn Write,
    report: &Report<ArmsResult>,
    format: Format,
) -> io::Result<()> {
    write_report_to(out, report, format, |out, format, human| {
        if human {
            write_arms_human(report, out, format)
        } else {
            write_results_csv(&report.results, out)
        }
    })
}

fn write_arms_human(
    report: &Report<ArmsResult>,
    out: &mut dyn Write,
    format: Format,
) -> io::Result<()> {
    let mut header = vec!["measure".to_owned()];
    header.extend(report.levels.iter().map(|l| format!("{l} n, M (SD)")));
    header.extend(
        [
            "F (df1, df2)",
            "p",
            "η²",
            "ω²",
            "Welch F (df1, df2)",
            "p (Welch)",
            "H (df)",
            "p (H)",
            "ε²",
            "Levene p",
        ]
        .map(str::to_owned),
    );
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .map(|r| {
            let mut cells = vec![r.measure.clone()];
            cells.extend(
                r.groups
                    .iter()
                    .map(|g| format!("{}, {}", g.n, mean_sd(g.mean, g.sd))),
            );
            cells.extend([
                f_cell_of(r.anova.f, r.anova.df1, r.anova.df2),
                p_value(r.anova.p),
                num(r.anova.eta2, 3),
                num(r.anova.omega2, 3),
                f_cell_of(r.welch_anova.f, r.welch_anova.df1, r.welch_anova.df2),
                p_value(r.welch_anova.p),
                match (r.kruskal.h, r.kruskal.df) {
                    (Some(h), Some(df)) => format!("{} ({})", num(Some(h), 2), df_text(df)),
                    _ => "—".to_owned(),
                },
                p_value(r.kruskal.p),
                num(r.kruskal.epsilon2, 3),
                p_value(r.levene.p),
            ]);
            cells
        })
        .collect();
    write_table(out, format, &header, &rows)?;
    let ci = conf_label(report.conf);
    table_title(
        out,
        format,
        &format!("Pairs of groups ({PAIRS_OF_GROUPS}):"),
    )?;
    let rows: Vec<Vec<String>> = report
        .results
        .iter()
        .flat_map(|r| {
            r.posthoc
                .iter()
                .map(|pair| arm_pair_cells(vec![r.measure.clone()], pair))
        })
        .collect();
    write_table(out, format, &arm_pair_header(&["measure"], &ci), &rows)?;
    let bullet = if format == Format::Md { "- " } else { "  " };
    let notes: Vec<String> = report
        .results
        .iter()
        .flat_map(|r| {
            std::iter::once(format!("{}: {}", r.measure, r.favoured.reason))
                .chain(r.notes.iter().map(|n| format!("{}: {n}", r.measure)))
        })
        .collect();
    writeln!(out, "\nNotes:")?;
    for note in notes {
        writeln!(out, "{bullet}{note}")?;
    }
    write_excluded(out, &report.excluded, bullet)
}
