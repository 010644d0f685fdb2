//! The numbers an analysis compares: scores of a questionnaire computed from item answers, or
//! columns of numbers already scored, read row by row from a sheet with the id and the key
//! columns (group, time) each row needs.

use std::collections::HashSet;

use thiserror::Error;

use crate::scale::{Band, ColumnTemplate, Scale};
use crate::score::{
    BoundScale, Coding, CodingOption, CodingTally, Headers, InvalidCell, InvalidCellsError,
    InvalidPolicy, LowestUnused, MissingColumn, MissingColumnsError, RowScores, lowest_unused,
    one_above_hint,
};
use crate::sheet::{Sheet, SheetError, is_missing};

/// Why a sheet's measures cannot be read: every one is a problem of the data (exit code 4).
#[derive(Debug, Error)]
pub enum MeasureError {
    /// The sheet cannot be read.
    #[error(transparent)]
    Sheet(#[from] SheetError),
    /// Columns the analysis needs are not in the sheet.
    #[error(transparent)]
    MissingColumns(#[from] MissingColumnsError),
    /// Answers or scores that are not valid.
    #[error(transparent)]
    InvalidCells(#[from] InvalidCellsError),
}

/// How many invalid cells an error lists before summarising the rest.
const MAX_LISTED_INVALID: usize = 100;

/// Where the analysed measures come from.
pub enum MeasureSpec<'a> {
    /// Score a questionnaire from item answers; every subscale, the total and named transforms
    /// become measures.
    Scale {
        /// The questionnaire.
        scale: &'a Scale,
        /// A column template overriding the questionnaire's own.
        template: Option<&'a ColumnTemplate>,
        /// Keep every row's item values in [`MeasureRow::items`] (for reliability); without
        /// them a row costs a fraction of the memory.
        with_items: bool,
        /// How the sheet numbers the answer options, when declared.
        coding: Option<&'a Coding>,
        /// How a coding is declared, for the messages that suggest one.
        option: CodingOption,
    },
    /// Columns holding numbers already scored.
    Columns(&'a [String]),
}

/// One measure: its name and, for questionnaire scores, its severity bands.
#[derive(Debug, Clone)]
pub struct Measure {
    /// Subscale id, `total`, a transform's name, or the column name.
    pub name: String,
    /// Bands classifying the measure (empty when it has none).
    pub bands: Vec<Band>,
    /// For questionnaire scores: the index of the score in `Scale::scores`.
    pub score: Option<usize>,
}

/// One row of a sheet reduced to what an analysis needs.
#[derive(Debug, Clone)]
pub struct MeasureRow {
    /// Row number as a spreadsheet shows it.
    pub row: u64,
    /// The respondent id (the row number when there is no id column).
    pub id: String,
    /// The values of the key columns asked for (group, time), in the order asked.
    pub keys: Vec<String>,
    /// One value per measure; `None` when missing or not computable.
    pub values: Vec<Option<f64>>,
    /// For questionnaire scores read `with_items`: every item's value (reverse-keyed), `None`
    /// when unanswered. Empty otherwise.
    pub items: Vec<Option<f64>>,
}

/// A sheet's measures, row by row.
#[derive(Debug, Clone)]
pub struct MeasureSheet {
    /// The sheet's name for messages.
    pub source: String,
    /// The measures, in output order.
    pub measures: Vec<Measure>,
    /// Every row of the sheet, in order.
    pub rows: Vec<MeasureRow>,
}

/// Reads every row of `sheet`: the id column (when given; else a column named `id` if there
/// is one, else the row number), the `keys` columns and the
/// measures. Missing columns are reported together; invalid answers (or non-numbers in measure
/// columns) fail unless `invalid` is [`InvalidPolicy::Missing`]. A questionnaire whose answers
/// look numbered from one above its lowest answer (see [`lowest_unused`]) adds a warning to
/// `warnings`, unless the spec declares the sheet's coding.
pub fn read_measures(
    mut sheet: Sheet,
    spec: &MeasureSpec,
    id: Option<&str>,
    keys: &[&str],
    invalid: InvalidPolicy,
    warnings: &mut Vec<LowestUnused>,
) -> Result<MeasureSheet, MeasureError> {
    let source = sheet.source().to_owned();
    let names = sheet.headers().to_vec();
    let headers = Headers::new(&names);
    let mut missing = Vec::new();
    let mut unmatched_scales = Vec::new();
    let mut find = |column: &str, needed_by: &str| {
        let found = headers.find(column);
        if found.is_none() {
            missing.push(MissingColumn::other(needed_by, column, &headers));
        }
        found
    };
    // Without --id, a column named `id` identifies rows when there is one.
    let id_position = match id {
        Some(column) => Some(find(column, "--id")),
        None => Some(headers.find("id")),
    };
    let key_positions: Vec<Option<usize>> =
        keys.iter().map(|key| find(key, "the analysis")).collect();
    let (measures, reader) = match spec {
        MeasureSpec::Columns(columns) => {
            let positions: Vec<Option<usize>> = columns
                .iter()
                .map(|column| find(column, "--measure"))
                .collect();
            let measures = columns
                .iter()
                .map(|column| Measure {
                    name: column.clone(),
                    bands: Vec::new(),
                    score: None,
                })
                .collect();
            (
                measures,
                Reader::Columns(positions.into_iter().flatten().collect()),
            )
        }
        MeasureSpec::Scale {
            scale,
            template,
            with_items,
            coding,
            ..
        } => {
            let bound = BoundScale::bind_or_explain(
                scale,
                *template,
                &headers,
                &mut missing,
                &mut unmatched_scales,
            )
            .map(|bound| match coding {
                Some(coding) => bound.with_coding(coding),
                None => bound,
            });
            (scale_measures(scale), Reader::Scale(bound, *with_items))
        }
    };
    if !missing.is_empty() {
        return Err(MissingColumnsError {
            file: source,
            missing,
            available: names,
            unmatched_scales,
        }
        .into());
    }
    let id_position = id_position.flatten();
    let key_positions: Vec<usize> = key_positions.into_iter().flatten().collect();

    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut scores = RowScores::default();
    let mut row_invalid = Vec::new();
    let mut listed: Vec<InvalidCell> = Vec::new();
    let mut total_invalid = 0;
    let mut tally = CodingTally::default();
    while let Some(row) = sheet.read_row(&mut record)? {
        let mut items = Vec::new();
        let values = match &reader {
            Reader::Columns(positions) => positions
                .iter()
                .map(|&position| {
                    read_number(&record[position], row, &names[position], &mut row_invalid)
                })
                .collect(),
            Reader::Scale(bound, with_items) => {
                let bound = bound.as_ref().expect("bound when no column is missing");
                bound.score_row(row, &record, &mut scores, &mut row_invalid);
                tally.add(&scores.tally);
                if *with_items {
                    items.extend(scores.items());
                }
                scale_values(bound.scale, &scores)
            }
        };
        if invalid == InvalidPolicy::Error {
            for cell in row_invalid.drain(..) {
                total_invalid += 1;
                if listed.len() < MAX_LISTED_INVALID {
                    listed.push(cell);
                }
            }
        }
        row_invalid.clear();
        rows.push(MeasureRow {
            row,
            id: id_position.map_or_else(|| row.to_string(), |p| record[p].trim().to_owned()),
            keys: key_positions
                .iter()
                .map(|&p| record[p].trim().to_owned())
                .collect(),
            values,
            items,
        });
    }
    // Only a sheet whose coding is not declared is judged by its answers.
    let undeclared = match spec {
        MeasureSpec::Scale {
            scale,
            coding: None,
            option,
            ..
        } => Some((*scale, *option)),
        _ => None,
    };
    if total_invalid > 0 {
        return Err(InvalidCellsError {
            file: source,
            cells: listed,
            total: total_invalid,
            hints: undeclared
                .and_then(|(scale, option)| one_above_hint(scale, &tally, option))
                .into_iter()
                .collect(),
        }
        .into());
    }
    if let Some((scale, option)) = undeclared {
        warnings.extend(lowest_unused(scale, &tally, &source, option));
    }
    Ok(MeasureSheet {
        source,
        measures,
        rows,
    })
}

enum Reader<'s> {
    Columns(Vec<usize>),
    /// The bound questionnaire, and whether to keep item values.
    Scale(Option<BoundScale<'s>>, bool),
}

/// The measures of a questionnaire: each score, and after it its named transform.
fn scale_measures(scale: &Scale) -> Vec<Measure> {
    let mut measures = Vec::new();
    for (index, score) in scale.scores.iter().enumerate() {
        let named = score.transform.as_ref().and_then(|t| t.name.clone());
        let bands_on_score = named.is_none();
        measures.push(Measure {
            name: score.id.clone(),
            bands: if bands_on_score {
                score.bands.clone()
            } else {
                Vec::new()
            },
            score: Some(index),
        });
        if let Some(name) = named {
            measures.push(Measure {
                name,
                bands: score.bands.clone(),
                score: Some(index),
            });
        }
    }
    measures
}

/// A scored row's values in the order of [`scale_measures`].
fn scale_values(scale: &Scale, scores: &RowScores) -> Vec<Option<f64>> {
    let mut values = Vec::new();
    for (index, score) in scale.scores.iter().enumerate() {
        values.push(scores.scores[index]);
        if score.transform.as_ref().is_some_and(|t| t.name.is_some()) {
            values.push(scores.transformed[index]);
        }
    }
    values
}

/// A measure cell: a finite number, or `None` for a missing code; anything else is invalid.
fn read_number(cell: &str, row: u64, column: &str, invalid: &mut Vec<InvalidCell>) -> Option<f64> {
    if is_missing(cell) {
        return None;
    }
    match cell.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Some(value),
        _ => {
            invalid.push(InvalidCell {
                row,
                column: column.to_owned(),
                value: cell.to_owned(),
                expected: "a number".to_owned(),
            });
            None
        }
    }
}

/// The distinct non-empty values, in order of first appearance.
pub fn distinct_values<'a>(values: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    values
        .filter(|value| !value.is_empty() && seen.insert(*value))
        .collect()
}

/// Values for a message: all of them, or the first ten and how many more there are.
pub fn value_list(values: &[&str]) -> String {
    const SHOWN: usize = 10;
    match values.len() {
        0 => "all empty".to_owned(),
        n if n <= SHOWN => values.join(", "),
        n => format!("{} and {} more", values[..SHOWN].join(", "), n - SHOWN),
    }
}
