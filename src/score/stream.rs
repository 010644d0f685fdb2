//! Scoring a whole sheet on two cores: one thread reads and scores the rows, the caller's
//! thread writes them, in input order.
//!
//! Rows travel in chunks over a bounded channel and the chunks come back to be refilled, so
//! memory stays constant (at most [`CHUNKS_IN_FLIGHT`] chunks of [`CHUNK_ROWS`] rows) and the
//! records and score buffers are reused instead of allocated per row.

use std::sync::mpsc::{channel, sync_channel};

use super::{BoundScale, InvalidCell, RowScores};
use crate::sheet::{Sheet, SheetError};

/// Rows per chunk.
pub const CHUNK_ROWS: usize = 1024;
/// Chunks read ahead of the writer at most.
pub const CHUNKS_IN_FLIGHT: usize = 4;

/// One row as read and scored.
#[derive(Debug, Default)]
pub struct ScoredRow {
    /// Row number as a spreadsheet shows it.
    pub row: u64,
    /// The row's cells.
    pub record: csv::StringRecord,
    /// One result per bound scale, in order.
    pub scores: Vec<RowScores>,
    /// The row's invalid cells.
    pub invalid: Vec<InvalidCell>,
}

/// Reads every row of `sheet` and scores it with every scale of `scales` on a second thread,
/// and calls `consume` with each scored row, in input order, on this thread. A read error ends
/// the stream with that error; so does an error of `consume`.
pub fn score_sheet<E: From<SheetError>>(
    mut sheet: Sheet,
    scales: &[BoundScale],
    mut consume: impl FnMut(&ScoredRow) -> Result<(), E>,
) -> Result<(), E> {
    std::thread::scope(|scope| {
        let (full_tx, full_rx) =
            sync_channel::<Result<Vec<ScoredRow>, SheetError>>(CHUNKS_IN_FLIGHT);
        let (empty_tx, empty_rx) = channel::<Vec<ScoredRow>>();
        scope.spawn(move || {
            loop {
                let mut chunk = empty_rx.try_recv().unwrap_or_default();
                let mut filled = 0;
                while filled < CHUNK_ROWS {
                    if filled == chunk.len() {
                        chunk.push(ScoredRow {
                            scores: vec![RowScores::default(); scales.len()],
                            ..ScoredRow::default()
                        });
                    }
                    let slot = &mut chunk[filled];
                    match sheet.read_row(&mut slot.record) {
                        Ok(Some(row)) => {
                            slot.row = row;
                            slot.invalid.clear();
                            for (scale, out) in scales.iter().zip(&mut slot.scores) {
                                scale.score_row(row, &slot.record, out, &mut slot.invalid);
                            }
                            filled += 1;
                        }
                        Ok(None) => break,
                        Err(error) => {
                            chunk.truncate(filled);
                            let _ = full_tx.send(Ok(chunk));
                            let _ = full_tx.send(Err(error));
                            return;
                        }
                    }
                }
                chunk.truncate(filled);
                let last = filled < CHUNK_ROWS;
                // A closed channel means the writer stopped (an error): stop reading too.
                if (filled > 0 && full_tx.send(Ok(chunk)).is_err()) || last {
                    return;
                }
            }
        });
        for message in full_rx {
            let chunk = message?;
            for row in &chunk {
                consume(row)?;
            }
            // The reader may have finished; then the chunk is simply dropped.
            let _ = empty_tx.send(chunk);
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scale::Scale;
    use crate::score::Headers;
    use crate::sheet::SheetOptions;

    const SCALE: &str =
        "id = \"t\"\nname = \"T\"\nmin = 0\nmax = 4\nitems = 3\n[missing]\nmax_missing = 1\n";

    /// A sheet of `rows` rows whose answers vary with the row, a blank now and then.
    fn sheet_text(rows: usize) -> String {
        let mut text = String::from("id,t_1,t_2,t_3\n");
        for i in 0..rows {
            let blank = if i % 7 == 0 {
                String::new()
            } else {
                (i % 3).to_string()
            };
            text.push_str(&format!("r{i},{},{},{blank}\n", i % 5, (i / 5) % 5));
        }
        text
    }

    fn open(text: String) -> Sheet {
        Sheet::text_from_reader("test", std::io::Cursor::new(text), &SheetOptions::default())
            .unwrap()
    }

    #[test]
    fn rows_come_back_in_order_and_scored_as_one_by_one() {
        let rows = CHUNK_ROWS * (CHUNKS_IN_FLIGHT + 2) + 17;
        let scale = Scale::from_toml(SCALE, "t").unwrap();
        let sheet = open(sheet_text(rows));
        let headers_owned = sheet.headers().to_vec();
        let headers = Headers::new(&headers_owned);
        let bound = BoundScale::bind(&scale, None, &headers, &mut Vec::new()).unwrap();
        let mut streamed = Vec::new();
        score_sheet(
            sheet,
            std::slice::from_ref(&bound),
            |row: &ScoredRow| -> Result<(), SheetError> {
                streamed.push((
                    row.row,
                    row.record[0].to_owned(),
                    row.scores[0].scores.clone(),
                ));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(streamed.len(), rows);
        // The same rows scored one by one on this thread.
        let mut sheet = open(sheet_text(rows));
        let mut record = csv::StringRecord::new();
        let mut out = RowScores::default();
        for expected in &streamed {
            let row = sheet.read_row(&mut record).unwrap().unwrap();
            bound.score_row(row, &record, &mut out, &mut Vec::new());
            assert_eq!((row, record[0].to_owned(), out.scores.clone()), *expected);
        }
    }

    #[test]
    fn a_read_error_ends_the_stream_after_the_rows_before_it() {
        let mut text = sheet_text(CHUNK_ROWS + 10);
        text.push_str("bad,1,2\n");
        text.push_str(&sheet_text(5)[15..]);
        let scale = Scale::from_toml(SCALE, "t").unwrap();
        let sheet = open(text);
        let headers_owned = sheet.headers().to_vec();
        let headers = Headers::new(&headers_owned);
        let bound = BoundScale::bind(&scale, None, &headers, &mut Vec::new()).unwrap();
        let mut seen = 0;
        let error = score_sheet(
            sheet,
            std::slice::from_ref(&bound),
            |_: &ScoredRow| -> Result<(), SheetError> {
                seen += 1;
                Ok(())
            },
        )
        .unwrap_err();
        assert_eq!(seen, CHUNK_ROWS + 10);
        assert!(
            error
                .to_string()
                .contains("has 3 fields but the header has 4"),
            "{error}"
        );
    }
}
