//! The numbers an analysis compares: scores of a questionnaire computed from item answers, or
//! columns of numbers already scored.

use std::collections::HashSet;

use anyhow::Result;

use super::open_sheet;
use super::pairing::{
    FilledGroup, agree_groups, filled_groups_note, ids_are_row_numbers, row_number_ids_warning,
};
use crate::cli::{InvalidArg, MeasureArgs};
use crate::error::UsageError;

use crate::error::InvalidCellsError;
use crate::scale::{Band, ColumnTemplate, Scale};
use crate::score::{
    BoundScale, Coding, CodingOption, CodingTally, Headers, InvalidCell, InvalidPolicy,
    MissingColumn, MissingColumnsError, RowScores, lowest_unused, one_above_hint,
};
use crate::sheet::{Sheet, is_missing};

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

/// Reads every row of `sheet` as [`read_measures_noting`] does, and prints its warnings on
/// standard error.
pub fn read_measures(
    sheet: Sheet,
    spec: &MeasureSpec,
    id: Option<&str>,
    keys: &[&str],
    invalid: InvalidPolicy,
) -> Result<MeasureSheet> {
    let mut warnings = Vec::new();
    let measures = read_measures_noting(sheet, spec, id, keys, invalid, &mut warnings)?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    Ok(measures)
}

/// Reads every row of `sheet`: the id column (when given; else a column named `id` if there
/// is one, else the row number), the `keys` columns and the
/// measures. Missing columns are reported together; invalid answers (or non-numbers in measure
/// columns) fail unless `invalid` is [`InvalidPolicy::Missing`]. A questionnaire whose answers
/// look numbered from one above its lowest answer (see [`lowest_unused`]) adds a warning to
/// `warnings`, unless the spec declares the sheet's coding.
pub fn read_measures_noting(
    mut sheet: Sheet,
    spec: &MeasureSpec,
    id: Option<&str>,
    keys: &[&str],
    invalid: InvalidPolicy,
    warnings: &mut Vec<String>,
) -> Result<MeasureSheet> {
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

/// The questionnaire (if any) and how to read measures from sheets.
pub struct MeasureSource {
    /// The questionnaire scored from item answers, if any.
    pub scale: Option<Scale>,
    template: Option<ColumnTemplate>,
    columns: Vec<String>,
    policy: InvalidPolicy,
    /// `--only COL=VALUE`: the column and the value rows must hold.
    only: Option<(String, String)>,
    /// Keep item values (see [`MeasureSpec::Scale`]).
    with_items: bool,
    /// `--coded-from`: how the sheets number the answer options.
    coding: Option<Coding>,
}

impl MeasureSource {
    /// Loads the questionnaire (if any) and checks the options. A `--coded-from` is named on
    /// standard error, as nothing is recoded without a word.
    pub fn new(args: &MeasureArgs) -> Result<MeasureSource> {
        // clap's `requires = "scale"` does not hold when --measure, which conflicts with
        // --scale, is given; these options place and read item answers, which --measure lacks.
        if args.scale.is_none() {
            let given = [
                args.columns.as_ref().map(|t| format!("--columns {t}")),
                args.coded_from.map(|n| format!("--coded-from {n}")),
            ];
            if let Some(given) = given.into_iter().flatten().next() {
                return Err(UsageError(format!(
                    "{given} reads a questionnaire's item answers, which --scale scores; \
                     --measure columns hold scores already computed and are read as written"
                ))
                .into());
            }
        }
        let scale = args.scale.as_deref().map(Scale::load).transpose()?;
        let template = args
            .columns
            .as_deref()
            .map(ColumnTemplate::parse)
            .transpose()?;
        if let (Some(template), Some(scale)) = (&template, &scale) {
            template.check_fits(scale)?;
        }
        let coding = match (&scale, args.coded_from) {
            (Some(scale), Some(from)) => {
                let coding = coded_from(scale, from)?;
                eprintln!("note: {}", coding.describe(scale, CodingOption::Flag));
                Some(coding)
            }
            _ => None,
        };
        let only = match &args.only {
            None => None,
            Some(text) => match text.split_once('=') {
                Some((column, value)) if !column.trim().is_empty() => {
                    Some((column.trim().to_owned(), value.trim().to_owned()))
                }
                _ => {
                    return Err(UsageError(format!(
                        "--only {text}: write COL=VALUE, e.g. --only group=intervention"
                    ))
                    .into());
                }
            },
        };
        Ok(MeasureSource {
            only,
            scale,
            template,
            columns: args.measures.clone(),
            policy: match args.read.invalid {
                InvalidArg::Error => InvalidPolicy::Error,
                InvalidArg::Missing => InvalidPolicy::Missing,
            },
            with_items: false,
            coding,
        })
    }

    /// `--only COL=VALUE`: the column and the value, if given.
    pub fn only(&self) -> Option<&(String, String)> {
        self.only.as_ref()
    }

    /// Keeps every row's item values, which reliability needs and the comparisons do not.
    pub fn with_items(self) -> MeasureSource {
        MeasureSource {
            with_items: true,
            ..self
        }
    }

    /// Reads one sheet's measures, with the id column (if any) and `keys` columns, keeping only
    /// the rows `--only` selects.
    pub fn read(
        &self,
        input: &str,
        args: &MeasureArgs,
        id: Option<&str>,
        keys: &[&str],
    ) -> Result<MeasureSheet> {
        let mut sheets = [self.read_time(input, args, id, keys, &[])?];
        self.select(&mut sheets, &[], id.unwrap_or("id"))?;
        let [sheet] = sheets;
        Ok(sheet)
    }

    /// Reads one time's sheet of a comparison over time, with the id column and `keys` columns,
    /// and with the `--only` column as the last key (see [`MeasureSource::select`]). A key
    /// column in `optional` that the sheet does not have is read as blank in every row (the
    /// group of a post-test sheet, taken from the pre-test by [`agree_groups`]).
    pub fn read_time(
        &self,
        input: &str,
        args: &MeasureArgs,
        id: Option<&str>,
        keys: &[&str],
        optional: &[&str],
    ) -> Result<MeasureSheet> {
        let sheet = open_sheet(input, args.read.encoding, args.read.sheet.clone())?;
        let spec = match &self.scale {
            Some(scale) => MeasureSpec::Scale {
                scale,
                template: self.template.as_ref(),
                with_items: self.with_items,
                coding: self.coding.as_ref(),
                option: CodingOption::Flag,
            },
            None => MeasureSpec::Columns(&self.columns),
        };
        let headers = Headers::new(sheet.headers());
        let present: Vec<bool> = keys
            .iter()
            .map(|key| !optional.contains(key) || headers.find(key).is_some())
            .collect();
        let mut read_keys: Vec<&str> = keys
            .iter()
            .zip(&present)
            .filter(|(_, present)| **present)
            .map(|(key, _)| *key)
            .collect();
        read_keys.extend(self.only.as_ref().map(|(column, _)| column.as_str()));
        let mut measures = read_measures(sheet, &spec, id, &read_keys, self.policy)?;
        if present.contains(&false) {
            for row in &mut measures.rows {
                let mut read = std::mem::take(&mut row.keys).into_iter();
                let mut keys = Vec::with_capacity(present.len() + 1);
                for &present in &present {
                    keys.push(if present {
                        read.next().unwrap_or_default()
                    } else {
                        String::new()
                    });
                }
                keys.extend(read);
                row.keys = keys;
            }
        }
        Ok(measures)
    }

    /// Keeps the rows `--only COL=VALUE` selects in the sheets of one comparison (one per time,
    /// named by `times`, each read by [`MeasureSource::read_time`]) and takes the `--only`
    /// column off their keys. Over several times the column is a person's: it must agree across
    /// the times ([`agree_groups`]), so a person is selected at every time or at none. Returns
    /// the people whose column was blank at some time and taken from another.
    pub fn select(
        &self,
        sheets: &mut [MeasureSheet],
        times: &[&str],
        id_column: &str,
    ) -> Result<Vec<FilledGroup>> {
        let Some((column, value)) = &self.only else {
            return Ok(Vec::new());
        };
        let key = |row: &MeasureRow| row.keys.last().map_or("", String::as_str).to_owned();
        let filled = if sheets.len() > 1 {
            let first_row = sheets.iter().find_map(|sheet| sheet.rows.first());
            let last = first_row.map_or(0, |row| row.keys.len() - 1);
            agree_groups(sheets, times, last, column, id_column)?
        } else {
            Vec::new()
        };
        if !sheets
            .iter()
            .any(|sheet| sheet.rows.iter().any(|row| &key(row) == value))
        {
            let values: Vec<String> = sheets
                .iter()
                .flat_map(|sheet| sheet.rows.iter().map(key))
                .collect();
            let values = distinct_values(values.iter().map(String::as_str));
            let mut sources: Vec<&str> = sheets.iter().map(|s| s.source.as_str()).collect();
            sources.dedup();
            return Err(UsageError(format!(
                "--only {column}={value}: no row of {} holds {value} in column {column}; \
                 its values are {}",
                sources.join(" or "),
                value_list(&values)
            ))
            .into());
        }
        for sheet in sheets.iter_mut() {
            sheet
                .rows
                .retain_mut(|row| row.keys.pop().as_deref() == Some(value.as_str()));
        }
        Ok(filled)
    }
}

/// The coding of `--coded-from FROM` for `scale`, or a usage error saying why it makes no sense.
pub fn coded_from(scale: &Scale, from: i64) -> Result<Coding> {
    Coding::new(scale, from)
        .map_err(|error| UsageError(format!("--coded-from {from}: {error}")).into())
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

/// Warns on standard error when the id column of a comparison over time holds nothing but row
/// numbers (see [`ids_are_row_numbers`]).
pub fn warn_if_row_number_ids(id_column: &str, sheets: &[&MeasureSheet]) {
    if ids_are_row_numbers(sheets) {
        eprintln!("warning: {}", row_number_ids_warning(id_column, sheets));
    }
}

/// Says on standard error which people had a blank group (or `--only` column) at some time and
/// were given the one of their other times.
pub fn note_filled_groups(filled: &[FilledGroup], column: &str) {
    if let Some(note) = filled_groups_note(filled, column) {
        eprintln!("note: {note}");
    }
}
