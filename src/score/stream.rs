//! Scoring a whole sheet on several cores, in input order.
//!
//! [`score_chunks`], for delimited text: this thread cuts the text into chunks of whole
//! records ([`TextChunks`]); worker threads parse, score and render whole chunks; this thread
//! hands the rendered chunks on in input order. At most [`CHUNKS_PER_THREAD`] chunks per worker
//! are in flight and their buffers are reused, so memory stays constant.
//!
//! [`score_sheet`], for any sheet (workbooks too): one thread reads and scores the rows, the
//! caller's thread consumes them, in input order. Rows travel in chunks over a bounded channel
//! and the chunks come back to be refilled, so memory stays constant (at most
//! [`CHUNKS_IN_FLIGHT`] chunks of [`CHUNK_ROWS`] rows) and the records and score buffers are
//! reused instead of allocated per row.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::mpsc::{Sender, channel, sync_channel};

use super::{BoundScale, CodingTally, InvalidCell, RowScores};
use crate::sheet::{Record, RecordParser, Sheet, SheetError, TextChunk, TextChunks};

/// Rows per chunk.
pub const CHUNK_ROWS: usize = 1024;
/// Chunks read ahead of the writer at most.
pub const CHUNKS_IN_FLIGHT: usize = 4;
/// Chunks of delimited text in flight per worker thread, at most.
pub const CHUNKS_PER_THREAD: usize = 3;

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

/// The rows of one chunk of delimited text, scored and rendered.
#[derive(Debug, Default)]
pub struct ScoredChunk<T> {
    /// How many rows were scored.
    pub rows: u64,
    /// What the rows were rendered into.
    pub rendered: T,
    /// The invalid cells of the rows.
    pub invalid: Vec<InvalidCell>,
    /// Per scale, what the rows' answers say about how the sheet numbers the options.
    pub tallies: Vec<CodingTally>,
    /// The error that ended the chunk, after its `rows`.
    error: Option<SheetError>,
}

/// A chunk and its results, travelling between the threads.
#[derive(Default)]
struct Job<T> {
    chunk: TextChunk,
    scored: ScoredChunk<T>,
}

/// What a worker sends back: the job's sequence number and the job, or `None` if the worker
/// panicked on it.
type Done<T> = (u64, Option<Job<T>>);

/// Scores every row of `chunks` (split into rows by `parser`) with every scale of `scales`,
/// on `threads` worker threads (none with 1: all on this thread). `render` renders each row
/// with its scores into the chunk's `rendered`, which starts each chunk empty as `T::default()`
/// or as `consume` left it; `consume` gets the chunks in input order, on this thread. A read
/// error ends the stream with that error, after the rows before it; so does an error of
/// `consume`.
pub fn score_chunks<T, E>(
    mut chunks: TextChunks,
    parser: &RecordParser,
    scales: &[BoundScale],
    threads: usize,
    render: impl Fn(&mut T, u64, Record<'_>, &[RowScores]) + Sync,
    mut consume: impl FnMut(&mut ScoredChunk<T>) -> Result<(), E>,
) -> Result<(), E>
where
    T: Default + Send,
    E: From<SheetError>,
{
    let work = |job: &mut Job<T>, scores: &mut [RowScores]| {
        let scored = &mut job.scored;
        scored.rows = 0;
        scored.invalid.clear();
        scored.tallies.clear();
        scored.tallies.resize(scales.len(), CodingTally::default());
        scored.error = parser
            .for_each_record(&job.chunk, |row, record| {
                let scales = scales.iter().zip(scores.iter_mut());
                for ((scale, out), tally) in scales.zip(&mut scored.tallies) {
                    scale.score_row(row, &record, out, &mut scored.invalid);
                    tally.add(&out.tally);
                }
                render(&mut scored.rendered, row, record, scores);
                scored.rows += 1;
            })
            .err();
    };
    let mut finish = |job: &mut Job<T>| -> Result<(), E> {
        consume(&mut job.scored)?;
        match job.scored.error.take() {
            Some(error) => Err(error.into()),
            None => Ok(()),
        }
    };
    if threads <= 1 {
        let mut job = Job::default();
        let mut scores = vec![RowScores::default(); scales.len()];
        while chunks.next_chunk(&mut job.chunk)? {
            work(&mut job, &mut scores);
            finish(&mut job)?;
        }
        return Ok(());
    }
    let (job_tx, job_rx) = channel::<(u64, Job<T>)>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = channel::<Done<T>>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (job_rx, done_tx, work) = (&job_rx, done_tx.clone(), &work);
            scope.spawn(move || {
                let mut scores = vec![RowScores::default(); scales.len()];
                loop {
                    // The lock is held only while waiting, so no panic can poison it.
                    let Ok((sequence, mut job)) = job_rx.lock().expect("not poisoned").recv()
                    else {
                        return;
                    };
                    let _notice = PanicNotice {
                        done: &done_tx,
                        sequence,
                    };
                    work(&mut job, &mut scores);
                    if done_tx.send((sequence, Some(job))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let in_flight = (threads * CHUNKS_PER_THREAD) as u64;
        let mut spare: Vec<Job<T>> = Vec::new();
        let mut waiting = BTreeMap::new();
        let (mut sent, mut consumed, mut at_end) = (0u64, 0u64, false);
        let mut read_error = None;
        // Returning drops `job_tx`, which stops the workers.
        let job_tx = job_tx;
        loop {
            while !at_end && sent - consumed < in_flight {
                let mut job = spare.pop().unwrap_or_default();
                match chunks.next_chunk(&mut job.chunk) {
                    Ok(true) => {
                        job_tx.send((sent, job)).expect("the workers wait for jobs");
                        sent += 1;
                    }
                    Ok(false) => at_end = true,
                    Err(error) => {
                        at_end = true;
                        read_error = Some(error);
                    }
                }
            }
            if consumed == sent {
                return read_error.map_or(Ok(()), |error| Err(error.into()));
            }
            let (sequence, job) = done_rx.recv().expect("the workers hold a job");
            let job = job.expect("a scoring thread panicked");
            waiting.insert(sequence, job);
            while let Some(mut job) = waiting.remove(&consumed) {
                consumed += 1;
                finish(&mut job)?;
                spare.push(job);
            }
        }
    })
}

/// Tells the consuming thread that a worker panicked on a job, so it stops waiting for it.
struct PanicNotice<'a, T> {
    done: &'a Sender<Done<T>>,
    sequence: u64,
}

impl<T> Drop for PanicNotice<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = self.done.send((self.sequence, None));
        }
    }
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
