//! The measures an analysis command reads: the questionnaire or columns its options name,
//! `--only`, and the warnings and notes it prints on standard error.

use anyhow::Result;

use super::open_sheet;
use crate::cli::{InvalidArg, MeasureArgs};
use crate::data::measures::{
    MeasureRow, MeasureSheet, MeasureSpec, distinct_values, read_measures, value_list,
};
use crate::data::pairing::{
    FilledGroup, agree_groups, filled_groups_note, ids_are_row_numbers, row_number_ids_warning,
};
use crate::error::UsageError;
use crate::scale::{ColumnTemplate, Scale};
use crate::score::{Coding, CodingOption, Headers, InvalidPolicy};
use crate::sheet::Sheet;

/// Reads every row of `sheet` as [`read_measures_noting`] does, and prints its warnings on
/// standard error.
fn read_measures_printing(
    sheet: Sheet,
    spec: &MeasureSpec,
    id: Option<&str>,
    keys: &[&str],
    invalid: InvalidPolicy,
) -> Result<MeasureSheet> {
    let mut warnings = Vec::new();
    let measures = read_measures(sheet, spec, id, keys, invalid, &mut warnings)?;
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
    Ok(measures)
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
        let mut measures = read_measures_printing(sheet, &spec, id, &read_keys, self.policy)?;
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
