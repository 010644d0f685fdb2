//! Scoring a whole sheet into a table: the output columns (the id, the columns passed through,
//! each questionnaire's scores, bands, count of answers, status and notes), one output row per
//! input row in input order, streamed through the format's writer or, for CSV, scored in
//! chunks on several threads.

use std::collections::HashSet;
use std::io::{self, Write};

use super::{
    BoundScale, Cells, Coding, CodingTally, Headers, InvalidCell, InvalidPolicy, MissingColumn,
    MissingColumnsError, RowScores, ScoredChunk, ScoredRow, UnmatchedScale, score_chunks,
    score_sheet,
};
use crate::output::{CsvBuffer, Format, RowProgress, RowWriter, Value};
use crate::scale::{ColumnTemplate, Scale};
use crate::sheet::{Record, Sheet, SheetError};

/// How many invalid cells an error message lists before summarising the rest.
pub const MAX_LISTED_INVALID: usize = 100;

/// Bytes of delimited text per chunk scored on a worker thread: small enough that the last
/// chunk, scored while the other threads have nothing left, ends soon after them.
pub const CHUNK_BYTES: usize = 1 << 18;

/// What the output holds: its columns, and the scales bound to the sheet that fill them.
pub struct ScoreTable<'s> {
    columns: Vec<String>,
    layout: RowLayout,
    bound: Vec<BoundScale<'s>>,
    policy: InvalidPolicy,
}

/// The columns passed through to the output beside the scores.
#[derive(Debug, Clone, Copy)]
pub enum Keep<'a> {
    /// These columns, in this order.
    Columns(&'a [String]),
    /// Every column no scale reads (nor the id), in sheet order.
    AllOthers,
}

/// One questionnaire to score: where its items are when not where the scale says, and how the
/// sheet codes its answers when it declares that.
#[derive(Debug, Clone, Copy)]
pub struct ScaleReading<'s> {
    /// The questionnaire.
    pub scale: &'s Scale,
    /// A column template overriding the scale's own.
    pub template: Option<&'s ColumnTemplate>,
    /// The sheet's coding of the answers (`--coded-from`).
    pub coding: Option<&'s Coding>,
}

impl<'s> ScoreTable<'s> {
    /// Binds `scales` to `sheet`'s header: each scale with its column template and coding, the
    /// id column (`id`, else a column named `id`, else the row number in a column `row`), and
    /// the columns to keep. Every column that cannot be found is reported in one error, with
    /// the closest headers.
    pub fn bind(
        sheet: &Sheet,
        scales: &[ScaleReading<'s>],
        id: Option<&str>,
        keep: Keep,
        policy: InvalidPolicy,
    ) -> Result<ScoreTable<'s>, MissingColumnsError> {
        let names = sheet.headers();
        let headers = Headers::new(names);
        let mut missing = Vec::new();
        let mut unmatched_scales: Vec<UnmatchedScale> = Vec::new();
        let mut bound = Vec::new();
        for reading in scales {
            let found = BoundScale::bind_or_explain(
                reading.scale,
                reading.template,
                &headers,
                &mut missing,
                &mut unmatched_scales,
            );
            if let Some(scale) = found {
                bound.push(match reading.coding {
                    Some(coding) => scale.with_coding(coding),
                    None => scale,
                });
            }
        }
        let id = IdColumn::find(id, &headers, &mut missing);
        let kept = kept_columns(keep, &headers, &bound, &id, &mut missing);
        if !missing.is_empty() {
            return Err(MissingColumnsError {
                file: sheet.source().to_owned(),
                missing,
                available: names.to_vec(),
                unmatched_scales,
            });
        }
        let mut columns = vec![id.name(names).to_owned()];
        columns.extend(kept.iter().map(|&position| names[position].clone()));
        for scale in &bound {
            columns.extend(output_columns(scale.scale));
        }
        Ok(ScoreTable {
            columns,
            layout: RowLayout { id, kept },
            bound,
            policy,
        })
    }

    /// The output's column names.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }
}

/// How the rows are read and scored.
#[derive(Debug, Clone, Copy)]
pub enum Pipeline {
    /// Delimited text into CSV: chunks of about `chunk_bytes` of text parsed, scored and
    /// rendered on `threads` threads ([`score_chunks`]); anything else as [`Pipeline::Rows`].
    Chunks {
        /// Threads that parse and score.
        threads: usize,
        /// Bytes of text per chunk.
        chunk_bytes: usize,
    },
    /// Row by row on a reading thread, written through the format's [`RowWriter`]
    /// ([`score_sheet`]).
    Rows,
}

/// Scores every row of `sheet` and writes the table to `out` in `format`. Returns the invalid
/// cells met (under [`InvalidPolicy::Error`]), when there are any the output is incomplete and
/// to be abandoned, and per scale the tally of its answers' coding.
pub fn write_scores<E: From<SheetError> + From<io::Error>>(
    sheet: Sheet,
    table: &ScoreTable,
    format: Format,
    pipeline: Pipeline,
    mut out: Box<dyn Write + '_>,
) -> Result<Findings, E> {
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
                    |chunk: &mut ScoredChunk<CsvBuffer>| -> Result<(), E> {
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
    score_sheet(sheet, &table.bound, |scored: &ScoredRow| -> Result<(), E> {
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
    keep: Keep,
    headers: &Headers,
    bound: &[BoundScale],
    id: &IdColumn,
    missing: &mut Vec<MissingColumn>,
) -> Vec<usize> {
    match keep {
        Keep::AllOthers => {
            let read: HashSet<usize> = bound.iter().flat_map(BoundScale::positions).collect();
            (0..headers.names().len())
                .filter(|position| !read.contains(position))
                .filter(|position| !matches!(id, IdColumn::Column(id) if id == position))
                .collect()
        }
        Keep::Columns(names) => names
            .iter()
            .filter_map(|name| {
                let found = headers.find(name);
                if found.is_none() {
                    missing.push(MissingColumn::other("--keep", name, headers));
                }
                found
            })
            .collect(),
    }
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
pub struct Findings {
    /// The first invalid cells, in row order.
    pub listed: Vec<InvalidCell>,
    /// How many invalid cells there are in all.
    pub total: usize,
    /// Per scale, the tally of its answers' coding.
    pub tallies: Vec<CodingTally>,
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
        let scale = Scale::load("cbi").unwrap();
        let reading = ScaleReading {
            scale: &scale,
            template: None,
            coding: None,
        };
        let id = Some(id).filter(|id| !id.is_empty());
        let group = ["group".to_owned()];
        let table =
            ScoreTable::bind(&sheet, &[reading], id, Keep::Columns(&group), policy).unwrap();
        let mut bytes = Vec::new();
        let invalid: Result<Findings, anyhow::Error> =
            write_scores(sheet, &table, Format::Csv, pipeline, Box::new(&mut bytes));
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
