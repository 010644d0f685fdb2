//! `psyscore score`: one output row per input row, in input order, streamed.

use anyhow::Result;

use super::{open_sheet, output_target, resolve_format};
use crate::cli::{EncodingArg, ScoreArgs};
use crate::error::UsageError;
use crate::score::InvalidCellsError;
use std::io::Write;

use crate::cli::Format;
use crate::output::{CsvBuffer, RowProgress, RowWriter, UTF8_BOM, Value};
use crate::scale::{ColumnTemplate, Scale};
use crate::score::{
    BoundScale, Cells, Coding, CodingOption, CodingTally, Headers, InvalidCell, InvalidPolicy,
    MissingColumn, MissingColumnsError, RowScores, ScoredChunk, ScoredRow, lowest_unused,
    one_above_hint, score_chunks, score_sheet,
};
use crate::sheet::{Record, Sheet, is_workbook};

/// How many invalid cells an error message lists before summarising the rest.
const MAX_LISTED_INVALID: usize = 100;
/// Bytes of delimited text per chunk scored on a worker thread: small enough that the last
/// chunk, scored while the other threads have nothing left, ends soon after them.
const CHUNK_BYTES: usize = 1 << 18;

/// Runs `psyscore score`.
///
/// `--encoding auto` judges a text file by reading it whole before its rows. When the output
/// is a file, which can be written again, the file is read as UTF-8 at once instead and judged
/// only if that fails (then scored again as GB18030 if it is not UTF-8): a run that succeeds
/// has read every byte as valid UTF-8, so the judgement would have been UTF-8 too.
pub fn run(args: &ScoreArgs) -> Result<()> {
    let utf8_first = args.encoding == EncodingArg::Auto
        && args.output.is_some()
        && args.input != "-"
        && !is_workbook(&args.input);
    if !utf8_first {
        return score_as(args, args.encoding);
    }
    score_as(args, EncodingArg::Utf8).or_else(|error| {
        match Sheet::auto_reads_as_utf8(&args.input) {
            Ok(false) => score_as(args, EncodingArg::Gb18030),
            _ => Err(error),
        }
    })
}

/// Runs `psyscore score`, reading text in `encoding`.
fn score_as(args: &ScoreArgs, encoding: EncodingArg) -> Result<()> {
    score_opened(
        args,
        || open_sheet(&args.input, encoding, args.sheet.clone()),
        true,
    )
}

/// Runs `psyscore score` on `sheet`, already open from `args.input` (how `study` scores a
/// workbook it has loaded once). Nothing is said on standard error about the answers' coding:
/// the study reports it.
pub fn run_on_sheet(args: &ScoreArgs, sheet: Sheet) -> Result<()> {
    score_opened(args, || Ok(sheet), false)
}

/// Runs `psyscore score` on the sheet `open` gives, opened after the scales are checked. With
/// `speak`, a declared coding is named on standard error, and a sheet whose answers look
/// numbered from one above a questionnaire's lowest answer is warned about, once scoring has
/// succeeded.
fn score_opened(args: &ScoreArgs, open: impl FnOnce() -> Result<Sheet>, speak: bool) -> Result<()> {
    let scales = load_scales(&args.scales)?;
    let templates = per_scale("--columns", &args.columns, &scales)?
        .into_iter()
        .zip(&scales)
        .map(|(text, scale)| {
            text.map(|text| {
                let template = ColumnTemplate::parse(text)?;
                template.check_fits(scale)?;
                Ok(template)
            })
            .transpose()
        })
        .collect::<Result<Vec<_>>>()?;
    let codings = per_scale("--coded-from", &args.coded_from, &scales)?
        .into_iter()
        .zip(&scales)
        .map(|(text, scale)| {
            text.map(|text| {
                let from = crate::cli::parse_coded_from(text)
                    .map_err(|message| UsageError(format!("--coded-from {text}: {message}")))?;
                super::measures::coded_from(scale, from)
            })
            .transpose()
        })
        .collect::<Result<Vec<Option<Coding>>>>()?;
    let policy = match args.invalid {
        crate::cli::InvalidArg::Error => InvalidPolicy::Error,
        crate::cli::InvalidArg::Missing => InvalidPolicy::Missing,
    };
    let sheet = open()?;
    let source = sheet.source().to_owned();
    let header_names = sheet.headers().to_vec();
    let headers = Headers::new(&header_names);

    let mut missing = Vec::new();
    let mut unmatched_scales = Vec::new();
    let mut bound = Vec::new();
    for ((scale, template), coding) in scales.iter().zip(&templates).zip(&codings) {
        let found = BoundScale::bind_or_explain(
            scale,
            template.as_ref(),
            &headers,
            &mut missing,
            &mut unmatched_scales,
        );
        if let Some(scale) = found {
            bound.push(match coding {
                Some(coding) => scale.with_coding(coding),
                None => scale,
            });
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
    let pipeline = match format {
        Format::Csv => Pipeline::Chunks {
            threads: args.threads.map_or_else(
                || std::thread::available_parallelism().map_or(1, usize::from),
                usize::from,
            ),
            chunk_bytes: CHUNK_BYTES,
        },
        Format::Json | Format::Md | Format::Table | Format::Xlsx => Pipeline::Rows,
    };
    let table = Table {
        columns,
        layout: RowLayout { id, kept },
        bound,
        policy,
    };
    let target = output_target(args.output.as_deref())?;
    let (mut out, held) = target.writer()?;
    if format == Format::Csv && args.csv.bom {
        out.write_all(UTF8_BOM)?;
    }
    let found = write_scores(sheet, &table, format, pipeline, out)?;
    // Only the scales whose coding is not declared are judged by their answers.
    let undeclared = || {
        scales
            .iter()
            .zip(&codings)
            .zip(&found.tallies)
            .filter(|((_, coding), _)| coding.is_none())
            .map(|((scale, _), tally)| (scale, tally))
    };
    if found.total > 0 {
        if let Some(held) = &held {
            held.abandon();
        }
        return Err(InvalidCellsError {
            file: source,
            cells: found.listed,
            total: found.total,
            hints: undeclared()
                .filter_map(|(scale, tally)| one_above_hint(scale, tally, CodingOption::Flag))
                .collect(),
        }
        .into());
    }
    if let Some(held) = &held {
        held.release()?;
    }
    target.commit()?;
    if speak {
        for (scale, coding) in scales.iter().zip(&codings) {
            if let Some(coding) = coding {
                eprintln!("note: {}", coding.describe(scale, CodingOption::Flag));
            }
        }
        for (scale, tally) in undeclared() {
            if let Some(warning) = lowest_unused(scale, tally, &source, CodingOption::Flag) {
                eprintln!("warning: {warning}");
            }
        }
    }
    Ok(())
}

/// What the output holds: its columns, and the scales bound to the sheet that fill them.
struct Table<'s> {
    columns: Vec<String>,
    layout: RowLayout,
    bound: Vec<BoundScale<'s>>,
    policy: InvalidPolicy,
}

/// How the rows are read and scored.
#[derive(Debug, Clone, Copy)]
enum Pipeline {
    /// Delimited text into CSV: chunks of about `chunk_bytes` of text parsed, scored and
    /// rendered on `threads` threads ([`score_chunks`]); anything else as [`Pipeline::Rows`].
    Chunks { threads: usize, chunk_bytes: usize },
    /// Row by row on a reading thread, written through the format's [`RowWriter`]
    /// ([`score_sheet`]).
    Rows,
}

/// Scores every row of `sheet` and writes the table to `out` in `format`. Returns the invalid
/// cells met (under [`InvalidPolicy::Error`]), when there are any the output is incomplete and
/// to be abandoned, and per scale the tally of its answers' coding.
fn write_scores(
    sheet: Sheet,
    table: &Table,
    format: Format,
    pipeline: Pipeline,
    mut out: Box<dyn Write + '_>,
) -> Result<Findings> {
    let mut invalid_cells = Findings {
        tallies: vec![CodingTally::default(); table.bound.len()],
        ..Findings::default()
    };
    let mut progress = RowProgress::new(sheet.source());
    let sheet = match pipeline {
        Pipeline::Chunks {
            threads,
            chunk_bytes,
        } if format == Format::Csv => match sheet.into_chunks(chunk_bytes) {
            Ok((chunks, parser)) => {
                let mut header = CsvBuffer::default();
                header.header(&table.columns)?;
                out.write_all(header.bytes())?;
                let render = |csv: &mut CsvBuffer, row, record: Record, scores: &[RowScores]| {
                    // Rendering into memory cannot fail.
                    let _ = table
                        .layout
                        .write_row(csv, row, &record, &table.bound, scores);
                };
                score_chunks(
                    chunks,
                    &parser,
                    &table.bound,
                    threads,
                    render,
                    |chunk: &mut ScoredChunk<CsvBuffer>| -> Result<()> {
                        progress.add(chunk.rows);
                        for (total, tally) in invalid_cells.tallies.iter_mut().zip(&chunk.tallies) {
                            total.add(tally);
                        }
                        if table.policy == InvalidPolicy::Error {
                            invalid_cells.extend(chunk.invalid.drain(..));
                        }
                        // With invalid cells the output is abandoned; reading goes on only to
                        // list them all.
                        if invalid_cells.total == 0 {
                            out.write_all(chunk.rendered.bytes())?;
                        }
                        chunk.rendered.clear();
                        Ok(())
                    },
                )?;
                out.flush()?;
                return Ok(invalid_cells);
            }
            Err(sheet) => *sheet,
        },
        _ => sheet,
    };
    let mut writer = crate::output::row_writer(format, out);
    writer.header(&table.columns)?;
    score_sheet(sheet, &table.bound, |scored: &ScoredRow| -> Result<()> {
        progress.row();
        for (total, scores) in invalid_cells.tallies.iter_mut().zip(&scored.scores) {
            total.add(&scores.tally);
        }
        if table.policy == InvalidPolicy::Error {
            invalid_cells.extend(scored.invalid.iter().cloned());
        }
        if invalid_cells.total > 0 {
            // The output is abandoned; keep reading only to list every invalid cell.
            return Ok(());
        }
        table.layout.write_row(
            writer.as_mut(),
            scored.row,
            &scored.record,
            &table.bound,
            &scored.scores,
        )?;
        Ok(())
    })?;
    if invalid_cells.total == 0 {
        writer.finish()?;
    }
    Ok(invalid_cells)
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

/// Pairs the values of a per-scale option (`--columns`, `--coded-from`) with scales: `VALUE`
/// for a single scale, `SCALE=VALUE` with several; `None` for a scale it does not name.
fn per_scale<'v>(
    flag: &str,
    values: &'v [String],
    scales: &[Scale],
) -> Result<Vec<Option<&'v str>>> {
    let mut chosen = vec![None; scales.len()];
    for value in values {
        let (index, text) = match value.split_once('=') {
            Some((id, text)) => {
                let index = scales
                    .iter()
                    .position(|scale| scale.id.eq_ignore_ascii_case(id.trim()))
                    .ok_or_else(|| {
                        UsageError(format!(
                            "{flag} {value}: no --scale has the id `{}`",
                            id.trim()
                        ))
                    })?;
                (index, text)
            }
            None if scales.len() == 1 => (0, value.as_str()),
            None => {
                let placeholder = if flag == "--columns" { "TEMPLATE" } else { "N" };
                return Err(UsageError(format!(
                    "{flag} {value}: with several scales write SCALE={placeholder}, e.g. {flag} {}={value}",
                    scales[0].id
                ))
                .into());
            }
        };
        if chosen[index].is_some() {
            return Err(UsageError(format!(
                "{flag} is given twice for scale `{}`",
                scales[index].id
            ))
            .into());
        }
        chosen[index] = Some(text);
    }
    Ok(chosen)
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
                    missing.push(MissingColumn::other("--id", name, headers));
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
                missing.push(MissingColumn::other("--keep", name, headers));
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

/// Which cells of the sheet an output row starts with.
struct RowLayout {
    id: IdColumn,
    /// Positions of the columns passed through.
    kept: Vec<usize>,
}

impl RowLayout {
    /// Writes one output row: the id, the kept columns, then each scale's columns.
    fn write_row<W: RowWriter + ?Sized, C: Cells + ?Sized>(
        &self,
        writer: &mut W,
        row: u64,
        cells: &C,
        bound: &[BoundScale],
        scores: &[RowScores],
    ) -> std::io::Result<()> {
        match self.id {
            IdColumn::Column(position) => writer.cell(Value::Text(cells.cell(position)))?,
            IdColumn::RowNumber => writer.cell(Value::Text(itoa::Buffer::new().format(row)))?,
        }
        for &position in &self.kept {
            writer.cell(Value::Text(cells.cell(position)))?;
        }
        for (scale, out) in bound.iter().zip(scores) {
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
}

/// What scoring found beside the scores: the invalid cells seen so far (the first
/// [`MAX_LISTED_INVALID`] and a count of all), and per scale the tally of its answers' coding.
#[derive(Default)]
struct Findings {
    listed: Vec<InvalidCell>,
    total: usize,
    tallies: Vec<CodingTally>,
}

impl Findings {
    fn extend(&mut self, cells: impl Iterator<Item = InvalidCell>) {
        for cell in cells {
            self.total += 1;
            if self.listed.len() < MAX_LISTED_INVALID {
                self.listed.push(cell);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::SheetOptions;

    /// A CBI sheet of `rows` rows with a `group` column: digits mostly, and now and then a
    /// blank, a missing code, a label, an invalid answer, a CRLF line end, and an id that needs
    /// quotes (a comma, a quote, a line break), so some chunks go through the `csv` reader.
    fn sheet_text(rows: u64) -> String {
        let mut text = String::from("id,group");
        for item in 1..=24 {
            text.push_str(&format!(",cbi_{item}"));
        }
        text.push('\n');
        let mut state = 7u64;
        for row in 0..rows {
            let id = match row % 997 {
                0 => format!("\"R{row}, \"\"two\"\"\nlines\""),
                _ => format!("R{row}"),
            };
            text.push_str(&format!("{id},g{}", row % 3));
            for _ in 0..24 {
                // A linear congruential generator is plenty for test data.
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                let draw = (state >> 33) % 1000;
                let cell = match draw {
                    0..=9 => String::new(),
                    10 => "NA".to_owned(),
                    11 => "never".to_owned(),
                    12 => "9".to_owned(),
                    13 => " 3 ".to_owned(),
                    _ => (draw % 5).to_string(),
                };
                text.push(',');
                text.push_str(&cell);
            }
            text.push_str(if row % 101 == 0 { "\r\n" } else { "\n" });
        }
        text
    }

    /// The scores of `text` written as CSV by `pipeline`, the invalid cells listed and their
    /// count.
    fn score_text(
        text: &str,
        id: &str,
        policy: InvalidPolicy,
        pipeline: Pipeline,
    ) -> (Vec<u8>, Vec<InvalidCell>, usize) {
        let reader = std::io::Cursor::new(text.to_owned());
        let sheet = Sheet::text_from_reader("test.csv", reader, &SheetOptions::default()).unwrap();
        let names = sheet.headers().to_vec();
        let headers = Headers::new(&names);
        let scale = Scale::load("cbi").unwrap();
        let mut missing = Vec::new();
        let bound = BoundScale::bind(&scale, None, &headers, &mut missing).unwrap();
        let id = IdColumn::find(Some(id).filter(|id| !id.is_empty()), &headers, &mut missing);
        let kept = vec![headers.find("group").unwrap()];
        assert!(missing.is_empty());
        let mut columns = vec![id.name(&names).to_owned(), "group".to_owned()];
        columns.extend(output_columns(&scale));
        let table = Table {
            columns,
            layout: RowLayout { id, kept },
            bound: vec![bound],
            policy,
        };
        let mut bytes = Vec::new();
        let invalid = write_scores(sheet, &table, Format::Csv, pipeline, Box::new(&mut bytes));
        let invalid = invalid.unwrap();
        (bytes, invalid.listed, invalid.total)
    }

    #[test]
    fn chunks_on_any_number_of_threads_write_the_bytes_rows_do() {
        let text = sheet_text(20_000);
        let rows = score_text(&text, "id", InvalidPolicy::Missing, Pipeline::Rows);
        let numbered = score_text(&text, "", InvalidPolicy::Missing, Pipeline::Rows);
        let failed = score_text(&text, "id", InvalidPolicy::Error, Pipeline::Rows);
        assert!(rows.0.len() > 1_000_000 && rows.2 == 0);
        assert!(failed.2 > MAX_LISTED_INVALID);
        for (threads, chunk_bytes) in [(1, 4096), (2, 1 << 20), (3, 4096), (4, 100)] {
            let pipeline = Pipeline::Chunks {
                threads,
                chunk_bytes,
            };
            let chunks = score_text(&text, "id", InvalidPolicy::Missing, pipeline);
            assert!(chunks == rows, "{pipeline:?} differs from row by row");
            let chunks = score_text(&text, "", InvalidPolicy::Missing, pipeline);
            assert!(chunks == numbered, "{pipeline:?} differs with row numbers");
            // The output is abandoned: only the invalid cells listed matter.
            let chunks = score_text(&text, "id", InvalidPolicy::Error, pipeline);
            assert_eq!(chunks.1, failed.1, "{pipeline:?} lists other invalid cells");
            assert_eq!(
                chunks.2, failed.2,
                "{pipeline:?} counts other invalid cells"
            );
        }
    }
}
