//! `psyscore describe`: the descriptive table of a thesis, per measure, group and time.

use anyhow::Result;
use serde::Serialize;
use serde_json::Map;

use super::measures::{MeasureSheet, MeasureSource};
use super::{write_report, write_report_to};
use crate::cli::{DescribeArgs, Format, QuantileArg};
use crate::error::UsageError;
use crate::output::{Value, number_cell, row_writer};
use crate::scale::{Band, band_index};
use crate::stats::describe::{Description, QuantileType, describe};
use std::io::Write;

/// The report.
#[derive(Debug, Serialize)]
pub struct DescribeReport {
    /// `r7` (R's default) or `spss6` (SPSS's HAVERAGE): how Q1 and Q3 are computed.
    pub quantiles: &'static str,
    /// One result per measure and group.
    pub results: Vec<GroupDescription>,
}

/// One measure in one group.
#[derive(Debug, Serialize)]
pub struct GroupDescription {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// The group: `label` (with several inputs) and each `--by` column's value.
    pub groups: Map<String, serde_json::Value>,
    /// Rows of the group without a value for the measure.
    pub missing: usize,
    /// The statistics (n, mean, SD, SE, median, Q1, Q3, min, max, skew, kurtosis and SEs).
    #[serde(flatten)]
    pub stats: Description,
    /// Count and percentage (of n) in each band, when the measure has bands.
    pub bands: Vec<BandCount>,
}

/// How many were in one band.
#[derive(Debug, Serialize)]
pub struct BandCount {
    /// The band's label.
    pub label: String,
    /// Number of people.
    pub count: usize,
    /// Percentage of the group's n.
    pub percent: Option<f64>,
}

/// Runs `psyscore describe`.
pub fn run(args: &DescribeArgs) -> Result<()> {
    if !args.label.is_empty() && args.label.len() != args.inputs.len() {
        return Err(UsageError(format!(
            "give one --label per input: {} inputs, {} labels",
            args.inputs.len(),
            args.label.len()
        ))
        .into());
    }
    let source = MeasureSource::new(&args.measure)?;
    let by: Vec<&str> = args.by.iter().map(String::as_str).collect();
    let quantile_type = match args.quantiles {
        QuantileArg::R => QuantileType::R7,
        QuantileArg::Spss => QuantileType::Spss6,
    };
    let mut sheets = Vec::new();
    for (index, input) in args.inputs.iter().enumerate() {
        let sheet = source.read(input, &args.measure, None, &by)?;
        sheets.push(LabelledSheet {
            label: args.label.get(index).cloned(),
            sheet,
        });
    }
    let mut names: Vec<String> = Vec::new();
    if !args.label.is_empty() {
        names.push("label".to_owned());
    }
    names.extend(args.by.iter().cloned());
    let report = describe_report(&sheets, &names, quantile_type);
    write(&report, &names, args.format)
}

/// A sheet and the label its rows get (with several inputs, e.g. `pre` and `post`).
pub struct LabelledSheet {
    /// The label, or `None` with one unlabelled input.
    pub label: Option<String>,
    /// The rows; their keys are the `--by` values.
    pub sheet: MeasureSheet,
}

/// Describes every measure in every group, where a group is a label and the rows' key values
/// (named by `names`: `label` first when the sheets are labelled), in order of first
/// appearance.
pub fn describe_report(
    sheets: &[LabelledSheet],
    names: &[String],
    quantile_type: QuantileType,
) -> DescribeReport {
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for LabelledSheet { label, sheet } in sheets {
        for row in &sheet.rows {
            let key: Vec<&str> = label
                .iter()
                .chain(row.keys.iter())
                .map(String::as_str)
                .collect();
            if !groups.contains(&key) {
                groups.push(key);
            }
        }
    }
    let measures = match sheets.first() {
        Some(first) => first.sheet.measures.clone(),
        None => Vec::new(),
    };
    let mut report = DescribeReport {
        quantiles: match quantile_type {
            QuantileType::R7 => "r7",
            QuantileType::Spss6 => "spss6",
        },
        results: Vec::new(),
    };
    for (m, measure) in measures.iter().enumerate() {
        for group in &groups {
            let mut values = Vec::new();
            let mut missing = 0;
            for LabelledSheet { label, sheet } in sheets {
                for row in &sheet.rows {
                    if label
                        .iter()
                        .chain(row.keys.iter())
                        .map(String::as_str)
                        .ne(group.iter().copied())
                    {
                        continue;
                    }
                    match row.values[m] {
                        Some(value) => values.push(value),
                        None => missing += 1,
                    }
                }
            }
            let stats = describe(&values, quantile_type);
            let bands = band_counts(&measure.bands, &values);
            report.results.push(GroupDescription {
                measure: measure.name.clone(),
                groups: names
                    .iter()
                    .cloned()
                    .zip(
                        group
                            .iter()
                            .map(|v| serde_json::Value::String(v.to_string())),
                    )
                    .collect(),
                missing,
                stats,
                bands,
            });
        }
    }
    report
}

/// How many of `values` fall in each band (`min ≤ value < next band's min`).
pub fn band_counts(bands: &[Band], values: &[f64]) -> Vec<BandCount> {
    let mut counts = vec![0; bands.len()];
    for &value in values {
        if let Some(index) = band_index(bands, value) {
            counts[index] += 1;
        }
    }
    bands
        .iter()
        .zip(counts)
        .map(|(band, count)| BandCount {
            label: band.label.clone(),
            count,
            percent: (!values.is_empty()).then(|| 100.0 * count as f64 / values.len() as f64),
        })
        .collect()
}

fn write(report: &DescribeReport, groups: &[String], format: Option<Format>) -> Result<()> {
    write_report(report, format, |out, format, _| {
        write_to(out, report, groups, format)
    })?;
    Ok(())
}

/// Writes `report` in `format`; `groups` names the grouping columns.
pub fn write_to(
    out: &mut dyn Write,
    report: &DescribeReport,
    groups: &[String],
    format: Format,
) -> Result<()> {
    write_report_to(out, report, format, |out, format, human| {
        let number = |value: Option<f64>, decimals: usize| number_cell(value, decimals, human);
        let mut writer = row_writer(format, Box::new(&mut *out));
        let mut header = vec!["measure".to_owned()];
        header.extend(groups.iter().cloned());
        let columns: &[&str] = if human {
            &[
                "n",
                "missing",
                "M (SD)",
                "SE",
                "Mdn [Q1, Q3]",
                "range",
                "skew (SE)",
                "kurtosis (SE)",
                "bands",
            ]
        } else {
            &[
                "n",
                "missing",
                "mean",
                "sd",
                "se",
                "median",
                "q1",
                "q3",
                "min",
                "max",
                "skew",
                "skew_se",
                "kurtosis",
                "kurtosis_se",
                "bands",
            ]
        };
        header.extend(columns.iter().map(|c| c.to_string()));
        writer.header(&header)?;
        for result in &report.results {
            let s = &result.stats;
            let mut cells = vec![result.measure.clone()];
            cells.extend(
                groups
                    .iter()
                    .map(|g| result.groups[g].as_str().unwrap_or("").to_owned()),
            );
            cells.push(s.n.to_string());
            cells.push(result.missing.to_string());
            if human {
                cells.push(format!("{} ({})", number(s.mean, 2), number(s.sd, 2)));
                cells.push(number(s.se, 2));
                cells.push(format!(
                    "{} [{}, {}]",
                    number(s.median, 2),
                    number(s.q1, 2),
                    number(s.q3, 2)
                ));
                cells.push(format!("{}–{}", number(s.min, 2), number(s.max, 2)));
                cells.push(format!("{} ({})", number(s.skew, 2), number(s.skew_se, 2)));
                cells.push(format!(
                    "{} ({})",
                    number(s.kurtosis, 2),
                    number(s.kurtosis_se, 2)
                ));
            } else {
                for value in [
                    s.mean,
                    s.sd,
                    s.se,
                    s.median,
                    s.q1,
                    s.q3,
                    s.min,
                    s.max,
                    s.skew,
                    s.skew_se,
                    s.kurtosis,
                    s.kurtosis_se,
                ] {
                    cells.push(number(value, 2));
                }
            }
            let bands: Vec<String> = result
                .bands
                .iter()
                .map(|b| match b.percent {
                    Some(p) if human => format!("{} {} ({p:.1}%)", b.label, b.count),
                    _ => format!("{} {}", b.label, b.count),
                })
                .collect();
            cells.push(bands.join("; "));
            for cell in &cells {
                writer.cell(Value::Text(cell))?;
            }
            writer.end_row()?;
        }
        writer.finish()?;
        Ok(())
    })
}
