//! `psyscore score`: one output row per input row, in input order, streamed.

use anyhow::Result;

use super::{open_sheet, output_target, resolve_format};
use crate::cli::ScoreArgs;
use crate::error::{InvalidCellsError, UsageError};
use crate::output::{RowProgress, RowWriter, Value};
use crate::scale::{ColumnTemplate, Scale};
use crate::score::{
    BoundScale, Headers, InvalidCell, InvalidPolicy, MissingColumn, MissingColumnsError, ScoredRow,
    item_columns, score_sheet,
};

/// How many invalid cells an error message lists before summarising the rest.
const MAX_LISTED_INVALID: usize = 100;

/// Runs `psyscore score`.
pub fn run(args: &ScoreArgs) -> Result<()> {
    let scales = load_scales(&args.scales)?;
    let templates = column_templates(&args.columns, &scales)?;
    let policy = match args.invalid {
        crate::cli::InvalidArg::Error => InvalidPolicy::Error,
        crate::cli::InvalidArg::Missing => InvalidPolicy::Missing,
    };
    let sheet = open_sheet(&args.input, args.encoding, args.sheet.clone())?;
    let source = sheet.source().to_owned();
    let header_names = sheet.headers().to_vec();
    let headers = Headers::new(&header_names);

    let mut missing = Vec::new();
    let mut unmatched_scales = Vec::new();
    let mut bound = Vec::new();
    for (scale, template) in scales.iter().zip(&templates) {
        let before = missing.len();
        match BoundScale::bind(scale, template.as_ref(), &headers, &mut missing) {
            Some(scale) => bound.push(scale),
            None => {
                let template = template.as_ref().unwrap_or(&scale.columns);
                let wanted: usize = scale
                    .items
                    .iter()
                    .map(|item| item_columns(scale, item, template).len())
                    .sum();
                if missing.len() - before == wanted {
                    unmatched_scales.push(scale.id.clone());
                }
            }
        }
    }
    let id = IdColumn::find(args.id.as_deref(), &headers, &mut missing);
    let kept = kept_columns(args, &headers, &bound, &id, &mut missing);
    if !missing.is_empty() {
        return Err(MissingColumnsError {
            file: source,
            missing,
            available: header_names,
            unmatched_scales,
        }
        .into());
    }

    let mut columns = vec![id.name(&header_names).to_owned()];
    columns.extend(kept.iter().map(|&position| header_names[position].clone()));
    for scale in &bound {
        columns.extend(output_columns(scale.scale));
    }

    let format = resolve_format(args.format, args.output.as_deref());
    let target = output_target(args.output.as_deref())?;
    let mut invalid_cells = InvalidCollector::default();
    let (out, held) = target.writer()?;
    {
        let mut writer = crate::output::row_writer(format, out);
        writer.header(&columns)?;
        let mut row_label = String::new();
        let mut progress = RowProgress::new(&source);
        score_sheet(sheet, &bound, |scored: &ScoredRow| -> Result<()> {
            progress.row();
            if policy == InvalidPolicy::Error {
                invalid_cells.extend(scored.invalid.iter().cloned());
            }
            if invalid_cells.total > 0 {
                // The output is abandoned; keep reading only to list every invalid cell.
                return Ok(());
            }
            write_row(writer.as_mut(), &id, scored, &kept, &bound, &mut row_label)?;
            Ok(())
        })?;
        if invalid_cells.total == 0 {
            writer.finish()?;
        }
    }
    if invalid_cells.total > 0 {
        if let Some(held) = &held {
            held.abandon();
        }
        return Err(InvalidCellsError {
            file: source,
            cells: invalid_cells.listed,
            total: invalid_cells.total,
        }
        .into());
    }
    if let Some(held) = &held {
        held.release()?;
    }
    target.commit()
}

/// Loads every `--scale`, refusing the same id twice (their columns would collide).
fn load_scales(names: &[String]) -> Result<Vec<Scale>> {
    let mut scales: Vec<Scale> = Vec::new();
    for name in names {
        let scale = Scale::load(name)?;
        if scales.iter().any(|other| other.id == scale.id) {
            return Err(UsageError(format!(
                "scale `{}` is given twice with --scale; its output columns would collide",
                scale.id
            ))
            .into());
        }
        scales.push(scale);
    }
    Ok(scales)
}

/// Pairs `--columns` values with scales: `TEMPLATE` for a single scale, `SCALE=TEMPLATE` with
/// several.
fn column_templates(values: &[String], scales: &[Scale]) -> Result<Vec<Option<ColumnTemplate>>> {
    let mut templates = vec![None; scales.len()];
    for value in values {
        let (index, text) = match value.split_once('=') {
            Some((id, text)) => {
                let index = scales
                    .iter()
                    .position(|scale| scale.id.eq_ignore_ascii_case(id.trim()))
                    .ok_or_else(|| {
                        UsageError(format!(
                            "--columns {value}: no --scale has the id `{}`",
                            id.trim()
                        ))
                    })?;
                (index, text)
            }
            None if scales.len() == 1 => (0, value.as_str()),
            None => {
                return Err(UsageError(format!(
                    "--columns {value}: with several scales write SCALE=TEMPLATE, e.g. --columns {}={value}",
                    scales[0].id
                ))
                .into());
            }
        };
        if templates[index].is_some() {
            return Err(UsageError(format!(
                "--columns is given twice for scale `{}`",
                scales[index].id
            ))
            .into());
        }
        templates[index] = Some(ColumnTemplate::parse(text)?);
    }
    Ok(templates)
}

/// Where each row's id comes from.
enum IdColumn {
    /// A sheet column, by position.
    Column(usize),
    /// The row number, in a column named `row`.
    RowNumber,
}

impl IdColumn {
    fn find(
        requested: Option<&str>,
        headers: &Headers,
        missing: &mut Vec<MissingColumn>,
    ) -> IdColumn {
        match requested {
            Some(name) => headers.find(name).map_or_else(
                || {
                    missing.push(MissingColumn {
                        scale: "--id".into(),
                        column: name.to_owned(),
                        closest: headers.closest(name).map(str::to_owned),
                    });
                    IdColumn::RowNumber
                },
                IdColumn::Column,
            ),
            None => headers
                .find("id")
                .map_or(IdColumn::RowNumber, IdColumn::Column),
        }
    }

    fn name<'h>(&self, headers: &'h [String]) -> &'h str {
        match self {
            IdColumn::Column(position) => &headers[*position],
            IdColumn::RowNumber => "row",
        }
    }
}

/// Positions of the columns passed through: `--keep` in the order given, or with `--keep-all`
/// every column that no scale reads, in sheet order.
fn kept_columns(
    args: &ScoreArgs,
    headers: &Headers,
    bound: &[BoundScale],
    id: &IdColumn,
    missing: &mut Vec<MissingColumn>,
) -> Vec<usize> {
    if args.keep_all {
        let read: std::collections::HashSet<usize> =
            bound.iter().flat_map(BoundScale::positions).collect();
        return (0..headers.names().len())
            .filter(|position| !read.contains(position))
            .filter(|position| !matches!(id, IdColumn::Column(id) if id == position))
            .collect();
    }
    args.keep
        .iter()
        .filter_map(|name| {
            let found = headers.find(name);
            if found.is_none() {
                missing.push(MissingColumn {
                    scale: "--keep".into(),
                    column: name.clone(),
                    closest: headers.closest(name).map(str::to_owned),
                });
            }
            found
        })
        .collect()
}

/// The output columns of one scale, in the documented order.
pub fn output_columns(scale: &Scale) -> Vec<String> {
    let id = &scale.id;
    let mut columns = Vec::new();
    for score in &scale.scores {
        columns.push(format!("{id}_{}", score.id));
        if let Some(name) = score.transform.as_ref().and_then(|t| t.name.as_ref()) {
            columns.push(format!("{id}_{name}"));
        }
    }
    for score in scale.scores.iter().filter(|score| !score.bands.is_empty()) {
        columns.push(format!("{id}_{}_band", score.banded_id()));
    }
    columns.extend(["answered", "status", "notes"].map(|suffix| format!("{id}_{suffix}")));
    columns
}

/// Writes one output row.
fn write_row(
    writer: &mut dyn RowWriter,
    id: &IdColumn,
    scored: &ScoredRow,
    kept: &[usize],
    bound: &[BoundScale],
    row_label: &mut String,
) -> std::io::Result<()> {
    let record = &scored.record;
    match id {
        IdColumn::Column(position) => writer.cell(Value::Text(&record[*position]))?,
        IdColumn::RowNumber => {
            use std::fmt::Write as _;
            row_label.clear();
            let _ = write!(row_label, "{}", scored.row);
            writer.cell(Value::Text(row_label))?;
        }
    }
    for &position in kept {
        writer.cell(Value::Text(&record[position]))?;
    }
    for (scale, out) in bound.iter().zip(&scored.scores) {
        for (index, score) in scale.scale.scores.iter().enumerate() {
            writer.cell(out.scores[index].into())?;
            if score.transform.as_ref().is_some_and(|t| t.name.is_some()) {
                writer.cell(out.transformed[index].into())?;
            }
        }
        for (index, score) in scale.scale.scores.iter().enumerate() {
            if score.bands.is_empty() {
                continue;
            }
            let band = out.banded_value(index).and_then(|value| score.band(value));
            writer.cell(band.map_or(Value::Empty, |band| Value::Text(&band.label)))?;
        }
        writer.cell(Value::Number(out.answered as f64))?;
        writer.cell(Value::Text(out.status.as_str()))?;
        writer.cell(Value::Text(&out.notes))?;
    }
    writer.end_row()
}

/// Invalid cells seen so far: the first [`MAX_LISTED_INVALID`] and a count of all.
#[derive(Default)]
struct InvalidCollector {
    listed: Vec<InvalidCell>,
    total: usize,
}

impl InvalidCollector {
    fn extend(&mut self, cells: impl Iterator<Item = InvalidCell>) {
        for cell in cells {
            self.total += 1;
            if self.listed.len() < MAX_LISTED_INVALID {
                self.listed.push(cell);
            }
        }
    }
}
