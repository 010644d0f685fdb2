//! Internal consistency of each subscale and the total in this sample (`psyscore
//! reliability`).

use std::io::{self, Write};

use serde::Serialize;

use super::tables::table_title;
use super::write_report_to;
use crate::data::measures::MeasureSheet;
use crate::output::apa::nonzero_num;
use crate::output::{Format, Value, number_cell, row_writer};
use crate::scale::item_columns;
use crate::scale::{Scale, ScoreSource};
use crate::stats::reliability::reliability;

/// The report: one result per subscale and the total, and warnings.
#[derive(Debug, Serialize)]
pub struct ReliabilityReport {
    /// The questionnaire's id.
    pub scale: String,
    /// Confidence level of alpha's interval.
    pub conf: f64,
    /// One result per measure.
    pub results: Vec<MeasureReliability>,
    /// Items that correlate negatively with the rest, negative alphas.
    pub warnings: Vec<String>,
}

/// The reliability of one measure.
#[derive(Debug, Serialize)]
pub struct MeasureReliability {
    /// Subscale id or `total`.
    pub measure: String,
    /// Respondents who answered every item of the measure.
    pub n: usize,
    /// Respondents left out because an item of the measure is unanswered.
    pub excluded: usize,
    /// Number of items.
    pub k: usize,
    /// Cronbach's alpha (raw, on reverse-keyed items; `psych::alpha` raw_alpha).
    pub alpha: Option<f64>,
    /// Standardized alpha (from the mean inter-item correlation).
    pub alpha_std: Option<f64>,
    /// Feldt's confidence interval of alpha.
    pub alpha_ci_low: Option<f64>,
    /// Feldt's confidence interval of alpha.
    pub alpha_ci_high: Option<f64>,
    /// McDonald's omega total from a one-factor minres model.
    pub omega: Option<f64>,
    /// Mean inter-item correlation.
    pub mean_r: Option<f64>,
    /// Per item statistics.
    pub items: Vec<ItemReliability>,
    /// Whether the one-factor fit behind `omega` is a Heywood case (said in `warnings`).
    #[serde(skip)]
    pub heywood: bool,
}

/// One item's statistics within a measure.
#[derive(Debug, Serialize)]
pub struct ItemReliability {
    /// The item's column.
    pub item: String,
    /// Mean (after reverse keying).
    pub mean: Option<f64>,
    /// SD.
    pub sd: Option<f64>,
    /// Corrected item-total correlation: the item against the sum of the others.
    pub r_drop: Option<f64>,
    /// Alpha of the measure without this item.
    pub alpha_if_deleted: Option<f64>,
}

/// The reliability of every subscale and the total of `scale` in `sheet`, each on the
/// respondents who answered all its items, with warnings about items and alphas.
pub fn reliability_report(scale: &Scale, sheet: &MeasureSheet, conf: f64) -> ReliabilityReport {
    let mut report = ReliabilityReport {
        scale: scale.id.clone(),
        conf,
        results: Vec::new(),
        warnings: Vec::new(),
    };
    for score in &scale.scores {
        let items = score_items(scale, &score.source);
        let (columns, complete) = complete_item_columns(sheet, &items);
        let column_refs: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
        let problem = crate::stats::magnitude_problem(columns.iter().flatten());
        let stats = match &problem {
            Some(problem) => {
                report.warnings.push(format!(
                    "{}: alpha, omega and the item statistics are not computed: {problem}",
                    score.id
                ));
                None
            }
            None => reliability(&column_refs, conf),
        };
        let names: Vec<String> = items
            .iter()
            .map(|&i| item_columns(scale, &scale.items[i], &scale.columns).join("+"))
            .collect();
        let result = MeasureReliability {
            measure: score.id.clone(),
            n: complete,
            excluded: sheet.rows.len() - complete,
            k: items.len(),
            alpha: stats.as_ref().and_then(|s| s.alpha),
            alpha_std: stats.as_ref().and_then(|s| s.alpha_std),
            alpha_ci_low: stats.as_ref().and_then(|s| s.alpha_ci_low),
            alpha_ci_high: stats.as_ref().and_then(|s| s.alpha_ci_high),
            omega: stats.as_ref().and_then(|s| s.omega),
            mean_r: stats.as_ref().and_then(|s| s.mean_r),
            items: names
                .iter()
                .enumerate()
                .map(|(j, name)| {
                    let item = stats.as_ref().map(|s| &s.items[j]);
                    ItemReliability {
                        item: name.clone(),
                        mean: item.map(|i| i.mean),
                        sd: item.map(|i| i.sd),
                        r_drop: item.and_then(|i| i.r_drop),
                        alpha_if_deleted: item.and_then(|i| i.alpha_if_deleted),
                    }
                })
                .collect(),
            heywood: stats.as_ref().is_some_and(|s| s.omega_heywood),
        };
        report
            .warnings
            .extend(warnings(&result).iter().map(|w| w.text(&result.measure)));
        report.results.push(result);
    }
    report
}

/// The values of `items` of the respondents who answered all of them, one column per item,
/// and how many such respondents there are.
pub fn complete_item_columns(sheet: &MeasureSheet, items: &[usize]) -> (Vec<Vec<f64>>, usize) {
    let complete: Vec<Vec<f64>> = sheet
        .rows
        .iter()
        .filter_map(|row| {
            items
                .iter()
                .map(|&i| row.items[i])
                .collect::<Option<Vec<f64>>>()
        })
        .collect();
    let columns = (0..items.len())
        .map(|j| complete.iter().map(|row| row[j]).collect())
        .collect();
    (columns, complete.len())
}

/// The items of a score: its own, or those of the subscales a total is made of.
pub fn score_items(scale: &Scale, source: &ScoreSource) -> Vec<usize> {
    match source {
        ScoreSource::Items(items) => items.clone(),
        ScoreSource::Subscales(subscales) => subscales
            .iter()
            .flat_map(|&s| score_items(scale, &scale.scores[s].source))
            .collect(),
    }
}

/// A correlation or alpha this close to zero is zero: rounding leaves values like −2e-17 where
/// the exact value is 0, and they say nothing about keying.
const ROUNDING_NOISE: f64 = 1e-9;

/// What looks wrong in a measure's reliability.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// An item correlates negatively with the rest (its r.drop, rounded).
    NegativeItem {
        /// The item's column(s).
        item: String,
        /// Its r.drop, as printed.
        r: String,
    },
    /// Alpha is negative (as printed).
    NegativeAlpha(String),
    /// Fewer than two complete respondents.
    FewComplete,
    /// The one-factor fit behind omega is a Heywood case.
    Heywood,
}

impl Warning {
    /// The warning in English, about `measure`.
    pub fn text(&self, measure: &str) -> String {
        match self {
            Warning::NegativeItem { item, r } => format!(
                "{measure}: item {item} correlates negatively with the rest (r.drop = {r}); is its reverse keying right?"
            ),
            Warning::NegativeAlpha(alpha) => format!(
                "{measure}: alpha is negative ({alpha}): the items do not measure one thing as keyed"
            ),
            Warning::FewComplete => format!("{measure}: fewer than two complete respondents"),
            Warning::Heywood => format!(
                "{measure}: an item's loading reached 1 in the one-factor model (a Heywood case); omega is unstable in this sample"
            ),
        }
    }
}

/// The warnings of one measure's reliability, in the order `ReliabilityReport::warnings` says
/// them.
pub fn warnings(result: &MeasureReliability) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for item in &result.items {
        if let Some(r) = item.r_drop.filter(|r| *r < -ROUNDING_NOISE) {
            warnings.push(Warning::NegativeItem {
                item: item.item.clone(),
                r: nonzero_num(r, 2),
            });
        }
    }
    if let Some(alpha) = result.alpha.filter(|a| *a < -ROUNDING_NOISE) {
        warnings.push(Warning::NegativeAlpha(nonzero_num(alpha, 2)));
    }
    if result.n < 2 {
        warnings.push(Warning::FewComplete);
    }
    if result.heywood {
        warnings.push(Warning::Heywood);
    }
    warnings
}

/// Writes `report` in `format`.
pub fn write_to(out: &mut dyn Write, report: &ReliabilityReport, format: Format) -> io::Result<()> {
    write_report_to(out, report, format, |out, format, human| {
        let fixed = |value: Option<f64>, decimals: usize| number_cell(value, decimals, human);
        {
            let mut writer = row_writer(format, Box::new(&mut *out));
            let header = [
                "measure",
                "n",
                "excluded",
                "k",
                "alpha",
                "alpha_ci_low",
                "alpha_ci_high",
                "alpha_std",
                "omega",
                "mean_r",
            ];
            writer.header(&header.map(String::from))?;
            for result in &report.results {
                let cells = [
                    result.measure.clone(),
                    result.n.to_string(),
                    result.excluded.to_string(),
                    result.k.to_string(),
                    fixed(result.alpha, 3),
                    fixed(result.alpha_ci_low, 3),
                    fixed(result.alpha_ci_high, 3),
                    fixed(result.alpha_std, 3),
                    fixed(result.omega, 3),
                    fixed(result.mean_r, 3),
                ];
                for cell in &cells {
                    writer.cell(Value::Text(cell))?;
                }
                writer.end_row()?;
            }
            writer.finish()?;
        }
        if human {
            for result in &report.results {
                table_title(out, format, &format!("Items of {}", result.measure))?;
                let mut writer = row_writer(format, Box::new(&mut *out));
                writer.header(
                    &["item", "mean", "sd", "r_drop", "alpha_if_deleted"].map(String::from),
                )?;
                for item in &result.items {
                    for cell in [
                        item.item.clone(),
                        fixed(item.mean, 2),
                        fixed(item.sd, 2),
                        fixed(item.r_drop, 3),
                        fixed(item.alpha_if_deleted, 3),
                    ] {
                        writer.cell(Value::Text(&cell))?;
                    }
                    writer.end_row()?;
                }
                writer.finish()?;
            }
            if !report.warnings.is_empty() {
                writeln!(out, "\nWarnings:")?;
                for warning in &report.warnings {
                    writeln!(out, "  {warning}")?;
                }
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure(r_drops: &[f64], alpha: f64) -> MeasureReliability {
        MeasureReliability {
            measure: "total".to_owned(),
            n: 10,
            excluded: 0,
            k: r_drops.len(),
            alpha: Some(alpha),
            alpha_std: None,
            alpha_ci_low: None,
            alpha_ci_high: None,
            omega: None,
            mean_r: None,
            items: r_drops
                .iter()
                .enumerate()
                .map(|(i, r)| ItemReliability {
                    item: format!("q{}", i + 1),
                    mean: None,
                    sd: None,
                    r_drop: Some(*r),
                    alpha_if_deleted: None,
                })
                .collect(),
            heywood: false,
        }
    }

    fn texts(result: &MeasureReliability) -> Vec<String> {
        warnings(result).iter().map(|w| w.text("total")).collect()
    }

    #[test]
    fn rounding_noise_below_zero_is_not_negative_keying() {
        // r.drop = −2e-17 is a correlation of exactly 0 after rounding: no warning.
        assert_eq!(
            texts(&measure(&[-2e-17, 0.4], -1e-16)),
            Vec::<String>::new()
        );
        // A small but real negative correlation still warns, with the digits that show it.
        assert_eq!(
            texts(&measure(&[-0.003, 0.4], -0.2)),
            [
                "total: item q1 correlates negatively with the rest (r.drop = -0.003); is its reverse keying right?",
                "total: alpha is negative (-0.20): the items do not measure one thing as keyed"
            ]
        );
    }
}
