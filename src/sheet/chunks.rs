//! Delimited text in chunks of whole records, so that several threads can parse it.
//!
//! [`TextChunks`] reads the bytes of the data rows in blocks and cuts each block after the last
//! line end outside quotes, with the quoting rules of the `csv` reader (RFC 4180: a `"` at the
//! start of a field opens a quoted field, in which delimiters and line ends are literal and `""`
//! is one quote; elsewhere a `"` is literal), counting the records on the way, so each chunk
//! knows the number of its first row. [`RecordParser`] splits a chunk into records and fields:
//! by hand when the chunk holds no quote and is valid UTF-8 (a record is then a non-empty line,
//! ended by LF, CR or CRLF, and a field the text between delimiters), and with the `csv` reader
//! otherwise. Either way the rows, their numbers, fields and errors are those that
//! [`Sheet::read_row`](super::Sheet::read_row) gives.

use std::io::{self, Read};

use memchr::{memchr, memchr_iter, memchr2_iter, memmem, memrchr};

use super::error::SheetError;
use super::text::{Resolved, csv_error, csv_reader};

/// The data rows of delimited text, read as chunks of whole records.
pub struct TextChunks {
    source: String,
    reader: Box<dyn Read + Send>,
    delimiter: u8,
    chunk_bytes: usize,
    /// Bytes read past the end of the last chunk: the start of the next record.
    carry: Vec<u8>,
    /// The number of the next chunk's first row.
    next_row: u64,
    at_end: bool,
    /// A read error met after some whole records, reported once they have been handed out.
    error: Option<io::Error>,
}

/// Whole records of delimited text, and the number of the first.
#[derive(Debug, Default)]
pub struct TextChunk {
    bytes: Vec<u8>,
    first_row: u64,
    rows: u64,
}

impl TextChunk {
    /// The number of the chunk's first row, as a spreadsheet shows it.
    pub fn first_row(&self) -> u64 {
        self.first_row
    }

    /// How many rows the chunk holds.
    pub fn rows(&self) -> u64 {
        self.rows
    }
}

impl TextChunks {
    pub(super) fn new(
        source: &str,
        reader: Box<dyn Read + Send>,
        delimiter: u8,
        chunk_bytes: usize,
    ) -> TextChunks {
        TextChunks {
            source: source.to_owned(),
            reader,
            delimiter,
            chunk_bytes: chunk_bytes.max(1),
            carry: Vec::new(),
            next_row: 2,
            at_end: false,
            error: None,
        }
    }

    /// Fills `chunk` (whose buffer is reused) with the next records: about `chunk_bytes` of
    /// them, more when one record is longer. Returns false at the end of the text.
    ///
    /// # Errors
    ///
    /// [`SheetError::Csv`] when reading fails, once the whole records before the failure have
    /// been handed out.
    pub fn next_chunk(&mut self, chunk: &mut TextChunk) -> Result<bool, SheetError> {
        let bytes = &mut chunk.bytes;
        bytes.clear();
        bytes.append(&mut self.carry);
        let mut target = self.chunk_bytes;
        loop {
            if !self.at_end && self.error.is_none() && bytes.len() < target {
                let wanted = target - bytes.len();
                match Read::take(&mut self.reader, wanted as u64).read_to_end(bytes) {
                    Ok(read) => self.at_end = read < wanted,
                    Err(error) => self.error = Some(error),
                }
            }
            let (end, rows) = whole_records(bytes, self.delimiter, self.at_end);
            if end > 0 {
                self.carry.extend_from_slice(&bytes[end..]);
                bytes.truncate(end);
                chunk.first_row = self.next_row;
                chunk.rows = rows;
                self.next_row += rows;
                return Ok(true);
            }
            if let Some(error) = self.error.take() {
                return Err(SheetError::Csv {
                    input: self.source.clone(),
                    row: self.next_row,
                    error: error.into(),
                });
            }
            if self.at_end {
                return Ok(false);
            }
            target = target.max(2 * bytes.len());
        }
    }
}

/// Where the whole records at the start of `bytes` (which starts a record) end, and how many
/// there are. Without `at_end`, a record is whole once a line end outside quotes follows it;
/// at the end of the text, the last one is whole too.
fn whole_records(bytes: &[u8], delimiter: u8, at_end: bool) -> (usize, u64) {
    let is_line_end = |byte: u8| byte == b'\n' || byte == b'\r';
    let (mut end, mut rows) = (0, 0);
    if memchr(b'"', bytes).is_none() {
        // The usual text, LF line ends and no empty line: every LF ends a record, and they
        // are counted at once.
        if bytes.first() != Some(&b'\n')
            && memchr(b'\r', bytes).is_none()
            && memmem::find(bytes, b"\n\n").is_none()
        {
            rows = memchr_iter(b'\n', bytes).count() as u64;
            end = memrchr(b'\n', bytes).map_or(0, |last| last + 1);
            if at_end && end < bytes.len() {
                rows += 1;
                end = bytes.len();
            }
            return (end, rows);
        }
        // A line end ends a record unless the line is empty.
        for position in memchr2_iter(b'\n', b'\r', bytes) {
            if position > end {
                rows += 1;
            }
            end = position + 1;
        }
        if at_end && end < bytes.len() {
            rows += 1;
            end = bytes.len();
        }
        return (end, rows);
    }
    #[derive(PartialEq)]
    enum State {
        RecordStart,
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::RecordStart;
    for (position, &byte) in bytes.iter().enumerate() {
        state = match state {
            State::Quoted if byte == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if byte == b'"' => State::Quoted,
            State::RecordStart | State::FieldStart if byte == b'"' => State::Quoted,
            _ if is_line_end(byte) => {
                if state != State::RecordStart {
                    rows += 1;
                }
                end = position + 1;
                State::RecordStart
            }
            _ if byte == delimiter => State::FieldStart,
            _ => State::Unquoted,
        };
    }
    if at_end {
        if state != State::RecordStart {
            rows += 1;
        }
        end = bytes.len();
    }
    (end, rows)
}

/// Splits chunks into records; one parser serves every thread.
#[derive(Debug, Clone)]
pub struct RecordParser {
    source: String,
    delimiter: u8,
    width: usize,
    /// What the text was decoded from, which names the error for text that is not UTF-8.
    encoding: Resolved,
}

/// One record of a chunk, its fields borrowed from the chunk.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    text: &'a str,
    bounds: &'a [(usize, usize)],
}

impl<'a> Record<'a> {
    /// The field at `position`, which must be below the header's width.
    pub fn get(&self, position: usize) -> &'a str {
        let (start, end) = self.bounds[position];
        &self.text[start..end]
    }

    /// The field at `position` when it is one byte long: [`Record::get`] for the usual answer,
    /// one digit, with one check instead of three.
    pub fn single_byte(&self, position: usize) -> Option<u8> {
        let (start, end) = self.bounds[position];
        if end == start + 1 {
            self.text.as_bytes().get(start).copied()
        } else {
            None
        }
    }
}

impl RecordParser {
    pub(super) fn new(
        source: &str,
        delimiter: u8,
        width: usize,
        encoding: Resolved,
    ) -> RecordParser {
        RecordParser {
            source: source.to_owned(),
            delimiter,
            width,
            encoding,
        }
    }

    /// Calls `each` with every record of `chunk` and its row number, in order; each record has
    /// exactly one field per header column.
    ///
    /// # Errors
    ///
    /// As [`Sheet::read_row`](super::Sheet::read_row): the records before the error have been
    /// handed to `each`.
    pub fn for_each_record(
        &self,
        chunk: &TextChunk,
        mut each: impl FnMut(u64, Record<'_>),
    ) -> Result<(), SheetError> {
        let mut bounds = Vec::with_capacity(self.width);
        let bytes = &chunk.bytes[..];
        if memchr(b'"', bytes).is_none()
            && let Ok(text) = std::str::from_utf8(bytes)
        {
            let mut row = chunk.first_row;
            let mut start = 0;
            // Every line end, then the end of the text (a last line may have none).
            let ends = memchr2_iter(b'\n', b'\r', bytes).chain([bytes.len()]);
            for end in ends {
                if end > start {
                    bounds.clear();
                    let mut field = start;
                    for (position, &byte) in bytes[start..end].iter().enumerate() {
                        if byte == self.delimiter {
                            bounds.push((field, start + position));
                            field = start + position + 1;
                        }
                    }
                    bounds.push((field, end));
                    self.check_width(row, bounds.len())?;
                    each(
                        row,
                        Record {
                            text,
                            bounds: &bounds,
                        },
                    );
                    row += 1;
                }
                start = end + 1;
            }
            return Ok(());
        }
        let mut reader = csv_reader(bytes, self.delimiter);
        let mut record = csv::StringRecord::new();
        let mut row = chunk.first_row - 1;
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {
                    row += 1;
                    self.check_width(row, record.len())?;
                    bounds.clear();
                    bounds.extend((0..record.len()).filter_map(|field| {
                        record.range(field).map(|range| (range.start, range.end))
                    }));
                    each(
                        row,
                        Record {
                            text: record.as_slice(),
                            bounds: &bounds,
                        },
                    );
                }
                Ok(false) => return Ok(()),
                Err(error) => return Err(csv_error(&self.source, row, error, self.encoding)),
            }
        }
    }

    fn check_width(&self, row: u64, found: usize) -> Result<(), SheetError> {
        if found == self.width {
            Ok(())
        } else {
            Err(SheetError::Ragged {
                input: self.source.clone(),
                row,
                found,
                expected: self.width,
            })
        }
    }
}
