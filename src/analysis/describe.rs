//! The descriptive table of a thesis, per measure, group and time (`psyscore describe`).

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::Map;

use super::write_report_to;
use crate::data::measures::MeasureSheet;
use crate::data::pairing::{Excluded, RowRef};
use crate::output::{Format, Value, number_cell, row_writer};
use crate::scale::{Band, band_index};
use crate::stats::describe::{Description, QuantileType, describe};

/// The report.
#[derive(Debug, Serialize)]
pub struct DescribeReport {
    /// `r7` (R's default) or `spss6` (SPSS's HAVERAGE): how Q1 and Q3 are computed.
    pub quantiles: &'static str,
    /// One result per measure and group.
    pub results: Vec<GroupDescription>,
    /// Every row left out of a measure for want of a score, with its sheet and row.
    pub excluded: Vec<Excluded>,
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

/// A sheet and the label its rows get (with several inputs, e.g. `pre` and `post`).
pub struct LabelledSheet {
    /// The label, or `None` with one unlabelled input.
    pub label: Option<String>,
    /// The rows; their keys are the `--by` values.
    pub sheet: MeasureSheet,
}

/// Describes every measure in every group, where a group is a label and the rows' key values
/// (named by `names`: `label` first when the sheets are labelled), in order of first
/// appearance. Without groups (`names` empty) every measure is described, with n = 0 when no
/// row holds it.
pub fn describe_report(
    sheets: &[LabelledSheet],
    names: &[String],
    quantile_type: QuantileType,
) -> DescribeReport {
    let measures = match sheets.first() {
        Some(first) => first.sheet.measures.as_slice(),
        None => &[],
    };
    // Each group's key and, per measure, its values and how many rows lack one; one pass.
    let mut groups: Vec<(Vec<&str>, Vec<MeasureValues>)> = Vec::new();
    let mut group_of: HashMap<Vec<&str>, usize> = HashMap::new();
    if names.is_empty() {
        groups.push((Vec::new(), vec![MeasureValues::default(); measures.len()]));
        group_of.insert(Vec::new(), 0);
    }
    let mut excluded = Vec::new();
    for LabelledSheet { label, sheet } in sheets {
        for row in &sheet.rows {
            let key: Vec<&str> = label
                .iter()
                .chain(row.keys.iter())
                .map(String::as_str)
                .collect();
            let index = *group_of.entry(key).or_insert_with_key(|key| {
                groups.push((key.clone(), vec![MeasureValues::default(); measures.len()]));
                groups.len() - 1
            });
            for ((collected, value), measure) in
                groups[index].1.iter_mut().zip(&row.values).zip(measures)
            {
                match value {
                    Some(value) => collected.values.push(*value),
                    None => {
                        collected.missing += 1;
                        let at = RowRef::new(label.as_deref(), &sheet.source, row.row);
                        excluded.push(Excluded::no_score(&row.id, &measure.name, at));
                    }
                }
            }
        }
    }
    let mut results = Vec::with_capacity(measures.len() * groups.len());
    for (m, measure) in measures.iter().enumerate() {
        for (key, collected) in &groups {
            let MeasureValues { values, missing } = &collected[m];
            results.push(GroupDescription {
                measure: measure.name.clone(),
                groups: names
                    .iter()
                    .cloned()
                    .zip(key.iter().map(|v| serde_json::Value::String(v.to_string())))
                    .collect(),
                missing: *missing,
                stats: describe(values, quantile_type),
                bands: band_counts(&measure.bands, values),
            });
        }
    }
    DescribeReport {
        quantiles: match quantile_type {
            QuantileType::R7 => "r7",
            QuantileType::Spss6 => "spss6",
        },
        results,
        excluded,
    }
}

/// One measure's values in one group, and how many of the group's rows lack it.
#[derive(Debug, Clone, Default)]
struct MeasureValues {
    values: Vec<f64>,
    missing: usize,
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

/// Each result's notes, prefixed with its measure and group: `score (group a): …`.
pub fn notes(report: &DescribeReport) -> Vec<String> {
    let mut notes = Vec::new();
    for result in &report.results {
        let group: Vec<&str> = result.groups.values().filter_map(|v| v.as_str()).collect();
        let name = match group.as_slice() {
            [] => result.measure.clone(),
            group => format!("{} ({})", result.measure, group.join(", ")),
        };
        notes.extend(
            result
                .stats
                .notes
                .iter()
                .map(|note| format!("{name}: {note}")),
        );
    }
    notes
}

/// Writes `report` in `format`; `groups` names the grouping columns.
pub fn write_to(
    out: &mut dyn Write,
    report: &DescribeReport,
    groups: &[String],
    format: Format,
) -> io::Result<()> {
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
        drop(writer);
        let bullet = if format == Format::Md { "- " } else { "  " };
        let notes = notes(report);
        if human && !notes.is_empty() {
            writeln!(out, "\nNotes:")?;
            for note in notes {
                writeln!(out, "{bullet}{note}")?;
            }
        }
        if human {
            super::write_excluded(out, &report.excluded, bullet)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::measures::{Measure, MeasureRow};

    fn sheet(rows: &[(&str, Option<f64>)]) -> MeasureSheet {
        MeasureSheet {
            source: "test".to_owned(),
            measures: vec![Measure {
                name: "total".to_owned(),
                bands: Vec::new(),
                score: None,
            }],
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, &(group, value))| MeasureRow {
                    row: i as u64 + 2,
                    id: i.to_string(),
                    keys: vec![group.to_owned()],
                    values: vec![value],
                    items: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn groups_come_in_order_of_first_appearance_across_interleaved_rows_and_sheets() {
        let sheets = [
            LabelledSheet {
                label: Some("pre".to_owned()),
                sheet: sheet(&[
                    ("b", Some(1.0)),
                    ("a", Some(2.0)),
                    ("b", None),
                    ("a", Some(4.0)),
                ]),
            },
            LabelledSheet {
                label: Some("post".to_owned()),
                sheet: sheet(&[("a", Some(8.0)), ("c", Some(16.0)), ("a", Some(32.0))]),
            },
        ];
        let names = ["label".to_owned(), "group".to_owned()];
        let report = describe_report(&sheets, &names, QuantileType::R7);
        let seen: Vec<(String, String, usize, usize, Option<f64>)> = report
            .results
            .iter()
            .map(|r| {
                (
                    r.groups["label"].as_str().unwrap().to_owned(),
                    r.groups["group"].as_str().unwrap().to_owned(),
                    r.stats.n,
                    r.missing,
                    r.stats.mean,
                )
            })
            .collect();
        let expected = [
            ("pre", "b", 1, 1, Some(1.0)),
            ("pre", "a", 2, 0, Some(3.0)),
            ("post", "a", 2, 0, Some(20.0)),
            ("post", "c", 1, 0, Some(16.0)),
        ]
        .map(|(label, group, n, missing, mean)| {
            (label.to_owned(), group.to_owned(), n, missing, mean)
        });
        assert_eq!(seen, expected);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn no_description_prints_nan_or_inf(
            values in proptest::collection::vec(
                proptest::prop_oneof![
                    -100.0..100.0_f64,
                    -1.7e308..1.7e308_f64,
                    -1e-300..1e-300_f64,
                    proptest::prelude::Just(1.7e308),
                    proptest::prelude::Just(-1.7e308),
                ],
                0..9,
            )
        ) {
            let rows: Vec<(&str, Option<f64>)> = values.iter().map(|v| ("g", Some(*v))).collect();
            let sheets = [LabelledSheet { label: None, sheet: sheet(&rows) }];
            for quantiles in [QuantileType::R7, QuantileType::Spss6] {
                let report = describe_report(&sheets, &[], quantiles);
                for format in [Format::Csv, Format::Json, Format::Md, Format::Table] {
                    let mut out = Vec::new();
                    write_to(&mut out, &report, &[], format).unwrap();
                    let text = String::from_utf8(out).unwrap();
                    let bad = text.contains("NaN")
                        || text
                            .split(|c: char| !c.is_ascii_alphanumeric())
                            .any(|word| word.eq_ignore_ascii_case("inf"));
                    proptest::prop_assert!(!bad, "{:?}:\n{}", format, text);
                }
            }
        }
    }

    #[test]
    fn without_groups_every_measure_is_described_even_with_no_rows() {
        let sheets = [LabelledSheet {
            label: None,
            sheet: sheet(&[]),
        }];
        let report = describe_report(&sheets, &[], QuantileType::R7);
        assert_eq!(report.results.len(), 1);
        assert_eq!(report.results[0].measure, "total");
        assert_eq!(report.results[0].stats.n, 0);
        assert_eq!(report.results[0].stats.mean, None);
    }
}
