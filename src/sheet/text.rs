//! Delimited text: encoding detection, byte order mark, delimiter detection, then the `csv`
//! reader streaming rows.

use std::fs::File;
use std::io::{self, Cursor, Read, Seek};

use encoding_rs::DecoderResult;

use super::error::SheetError;
use super::{Encoding, validate_headers};
use crate::output::UTF8_BOM;

/// Size of the reads while checking a file for UTF-8, and of the header-line sniffing reads.
const CHUNK: usize = 64 * 1024;
/// How much of standard input [`Encoding::Auto`] judges.
const STDIN_SNIFF: usize = 1024 * 1024;
/// How far into the input the header line is searched for its delimiter.
const HEADER_SNIFF_LIMIT: usize = 1024 * 1024;
/// Buffer of the `csv` reader.
const CSV_BUFFER: usize = 256 * 1024;
/// The first bytes of a zip archive (.xlsx, .ods) and of an OLE2 compound file (.xls).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE2_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// The delimiters tried, in order of preference on a tie.
const DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// An encoding once [`Encoding::Auto`] has been decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Resolved {
    Utf8,
    Gb18030,
}

/// The data rows of delimited text, after the header.
pub(super) struct TextRows {
    reader: csv::Reader<Box<dyn Read + Send>>,
    delimiter: u8,
    encoding: Resolved,
    /// Number of the last row read (the header is row 1).
    row: u64,
    /// Whether the `csv` reader has been asked for a row (and so may hold bytes).
    started: bool,
}

/// Whether [`Encoding::Auto`] reads the file at `path` as UTF-8: it starts with a UTF-8 byte
/// order mark or is valid UTF-8 throughout (read whole, in one streaming pass).
pub(super) fn auto_reads_as_utf8(path: &str) -> Result<bool, SheetError> {
    is_utf8(&mut open(path)?).map_err(|error| read_error(path, error))
}

/// Opens a file; [`Encoding::Auto`] reads it once whole to check it for UTF-8.
pub(super) fn open_file(
    path: &str,
    encoding: Encoding,
) -> Result<(Vec<String>, TextRows), SheetError> {
    let mut file = open(path)?;
    let resolved = match encoding {
        Encoding::Auto => {
            let utf8 = is_utf8(&mut file).map_err(|error| read_error(path, error))?;
            file.rewind().map_err(|error| read_error(path, error))?;
            if utf8 {
                Resolved::Utf8
            } else {
                Resolved::Gb18030
            }
        }
        Encoding::Utf8 => Resolved::Utf8,
        Encoding::Gb18030 => Resolved::Gb18030,
    };
    open_resolved(path, Box::new(file), resolved)
}

fn open(path: &str) -> Result<File, SheetError> {
    File::open(path).map_err(|error| SheetError::Open {
        input: path.to_owned(),
        error,
    })
}

fn read_error(path: &str, error: io::Error) -> SheetError {
    SheetError::Read {
        input: path.to_owned(),
        error,
    }
}

/// Reads a stream that cannot be rewound; [`Encoding::Auto`] judges by its first MiB.
pub(super) fn from_reader(
    source: &str,
    mut reader: Box<dyn Read + Send>,
    encoding: Encoding,
) -> Result<(Vec<String>, TextRows), SheetError> {
    let resolved = match encoding {
        Encoding::Auto => {
            let (head, at_end) =
                read_up_to(&mut reader, STDIN_SNIFF).map_err(|error| read_error(source, error))?;
            let resolved = if starts_utf8(&head, at_end) {
                Resolved::Utf8
            } else {
                Resolved::Gb18030
            };
            reader = Box::new(Cursor::new(head).chain(reader));
            resolved
        }
        Encoding::Utf8 => Resolved::Utf8,
        Encoding::Gb18030 => Resolved::Gb18030,
    };
    open_resolved(source, reader, resolved)
}

/// Strips the byte order mark, decodes to UTF-8 if need be, detects the delimiter and reads
/// the header.
fn open_resolved(
    source: &str,
    reader: Box<dyn Read + Send>,
    encoding: Resolved,
) -> Result<(Vec<String>, TextRows), SheetError> {
    let read_error = |error| read_error(source, error);
    let reader = strip_bom(source, reader)?;
    let mut reader: Box<dyn Read + Send> = match encoding {
        Resolved::Utf8 => reader,
        Resolved::Gb18030 => Box::new(StrictGb18030::new(reader)),
    };
    let (head, delimiter) = sniff_delimiter(&mut reader).map_err(read_error)?;
    let (header, rest) = read_header(source, head, &mut reader, delimiter, encoding)?;
    let headers = validate_headers(source, &header, 1)?;
    let rest: Box<dyn Read + Send> = Box::new(Cursor::new(rest).chain(reader));
    Ok((headers, TextRows::new(rest, delimiter, encoding)))
}

/// The `csv` reader of this crate's delimited text, over `reader`.
pub(super) fn csv_reader<R: Read>(reader: R, delimiter: u8) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(CSV_BUFFER)
        .from_reader(reader)
}

/// Reads the header record from `head` (reading more of `reader` into it while the record may
/// go on), and returns it with the bytes of `head` after it, which start the first data row.
fn read_header(
    source: &str,
    mut head: Vec<u8>,
    reader: &mut dyn Read,
    delimiter: u8,
    encoding: Resolved,
) -> Result<(csv::StringRecord, Vec<u8>), SheetError> {
    let mut at_end = false;
    let mut header = csv::StringRecord::new();
    loop {
        let mut parser = csv_reader(&head[..], delimiter);
        let found = parser
            .read_record(&mut header)
            .map_err(|error| csv_error(source, 0, error, encoding))?;
        let end = parser.position().byte() as usize;
        // A record that ends before the bytes do ends there whatever follows.
        if at_end || (found && end < head.len()) {
            if !found {
                return Err(SheetError::NoHeader {
                    input: source.to_owned(),
                });
            }
            return Ok((header, head.split_off(end)));
        }
        let more = head.len().max(CHUNK) as u64;
        let read = Read::take(&mut *reader, more)
            .read_to_end(&mut head)
            .map_err(|error| read_error(source, error))?;
        at_end = read == 0;
    }
}

/// The error of reading a record after `rows_read` data rows (the header counts as row 1 of
/// them when read, so the header itself is read after 0) of text read in `encoding`.
pub(super) fn csv_error(
    source: &str,
    rows_read: u64,
    error: csv::Error,
    encoding: Resolved,
) -> SheetError {
    let input = source.to_owned();
    match (error.kind(), encoding) {
        // The record was read whole; only its text was refused.
        (csv::ErrorKind::Utf8 { err, .. }, Resolved::Utf8) => SheetError::InvalidUtf8 {
            input,
            row: rows_read + 1,
            column: err.field() + 1,
        },
        // [`StrictGb18030`] marks what is not GB18030 with a byte that is not UTF-8.
        (csv::ErrorKind::Utf8 { err, .. }, Resolved::Gb18030) => SheetError::InvalidGb18030 {
            input,
            row: rows_read + 1,
            column: err.field() + 1,
        },
        _ => SheetError::Csv {
            input,
            row: rows_read + 1,
            error,
        },
    }
}

impl TextRows {
    fn new(reader: Box<dyn Read + Send>, delimiter: u8, encoding: Resolved) -> TextRows {
        TextRows {
            reader: csv_reader(reader, delimiter),
            delimiter,
            encoding,
            row: 1,
            started: false,
        }
    }

    /// Reads the next data row; `width` is the header's length.
    pub(super) fn read_row(
        &mut self,
        source: &str,
        width: usize,
        record: &mut csv::StringRecord,
    ) -> Result<Option<u64>, SheetError> {
        self.started = true;
        match self.reader.read_record(record) {
            Ok(true) => {
                self.row += 1;
                if record.len() == width {
                    Ok(Some(self.row))
                } else {
                    Err(SheetError::Ragged {
                        input: source.to_owned(),
                        row: self.row,
                        found: record.len(),
                        expected: width,
                    })
                }
            }
            Ok(false) => Ok(None),
            Err(error) => {
                let error = csv_error(source, self.row, error, self.encoding);
                if let SheetError::InvalidUtf8 { row, .. }
                | SheetError::InvalidGb18030 { row, .. } = error
                {
                    self.row = row;
                }
                Err(error)
            }
        }
    }

    /// Whether no row has been asked for yet, so that [`TextRows::into_raw`] loses nothing.
    pub(super) fn is_unread(&self) -> bool {
        !self.started
    }

    /// The rest of the text as raw (UTF-8) bytes, with its delimiter and the encoding it was
    /// decoded from. Only complete before any row has been asked for (the `csv` reader may
    /// hold some of the bytes then).
    pub(super) fn into_raw(self) -> (Box<dyn Read + Send>, u8, Resolved) {
        (self.reader.into_inner(), self.delimiter, self.encoding)
    }
}

/// Decodes GB18030 (and so GBK and GB2312) into UTF-8, writing the byte `0xFF`, which UTF-8
/// never uses, for each sequence that is not GB18030. The `csv` reader's UTF-8 check then
/// reports it with its row and column, as it reports invalid UTF-8 in a UTF-8 file, instead of
/// the replacement character U+FFFD standing silently in a cell.
struct StrictGb18030<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    /// Bytes read from `inner` and not yet decoded: `input[start..end]`.
    input: Vec<u8>,
    start: usize,
    end: usize,
    /// Whether `inner` is at its end.
    at_end: bool,
    /// Whether the decoder has been told the input ended, and so has nothing more.
    finished: bool,
    /// Decoded bytes not yet handed out: `output[taken..]`.
    output: Vec<u8>,
    taken: usize,
}

/// What [`StrictGb18030`] writes for a sequence that is not GB18030.
const NOT_GB18030: u8 = 0xFF;

impl<R: Read> StrictGb18030<R> {
    fn new(inner: R) -> StrictGb18030<R> {
        StrictGb18030 {
            inner,
            decoder: encoding_rs::GB18030.new_decoder_without_bom_handling(),
            input: vec![0; CHUNK],
            start: 0,
            end: 0,
            at_end: false,
            finished: false,
            output: Vec::new(),
            taken: 0,
        }
    }

    /// Decodes more into `output`; leaves it empty only at the end.
    fn decode_more(&mut self) -> io::Result<()> {
        self.output.clear();
        self.taken = 0;
        while self.output.is_empty() && !self.finished {
            if self.start == self.end && !self.at_end {
                let read = loop {
                    match self.inner.read(&mut self.input) {
                        Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                        result => break result?,
                    }
                };
                (self.start, self.end, self.at_end) = (0, read, read == 0);
            }
            let pending = &self.input[self.start..self.end];
            let room = self
                .decoder
                .max_utf8_buffer_length_without_replacement(pending.len())
                .unwrap_or(4 * pending.len())
                .max(4);
            self.output.resize(room, 0);
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                pending,
                &mut self.output,
                self.at_end,
            );
            self.start += read;
            self.output.truncate(written);
            match result {
                DecoderResult::Malformed(..) => self.output.push(NOT_GB18030),
                DecoderResult::InputEmpty => self.finished = self.at_end,
                DecoderResult::OutputFull => {}
            }
        }
        Ok(())
    }
}

impl<R: Read> Read for StrictGb18030<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.taken == self.output.len() {
            self.decode_more()?;
        }
        let available = &self.output[self.taken..];
        let count = available.len().min(buf.len());
        buf[..count].copy_from_slice(&available[..count]);
        self.taken += count;
        Ok(count)
    }
}

/// Reads until `limit` bytes or the end; returns the bytes and whether the end was reached.
fn read_up_to(reader: &mut dyn Read, limit: usize) -> io::Result<(Vec<u8>, bool)> {
    let mut head = Vec::new();
    let read = Read::take(reader, limit as u64).read_to_end(&mut head)?;
    Ok((head, read < limit))
}

/// Whether `head`, the start of a stream (its whole if `at_end`), is UTF-8 as far as it goes.
fn starts_utf8(head: &[u8], at_end: bool) -> bool {
    if head.starts_with(UTF8_BOM) {
        return true;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        // `error_len() == None`: a sequence cut short by the end of `head`.
        Err(error) => error.error_len().is_none() && !at_end,
    }
}

/// Whether the whole stream is UTF-8 (or starts with a UTF-8 byte order mark), read in chunks
/// in constant memory.
fn is_utf8(reader: &mut dyn Read) -> io::Result<bool> {
    let mut buffer = vec![0u8; CHUNK];
    // Bytes of a sequence cut short by the previous chunk, moved to the start of the buffer.
    let mut carried = 0;
    let mut first = true;
    loop {
        let read = match reader.read(&mut buffer[carried..]) {
            Ok(read) => read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if read == 0 {
            return Ok(carried == 0);
        }
        let filled = carried + read;
        if first {
            if buffer[..filled].starts_with(UTF8_BOM) {
                return Ok(true);
            }
            first = false;
        }
        match std::str::from_utf8(&buffer[..filled]) {
            Ok(_) => carried = 0,
            Err(error) if error.error_len().is_none() => {
                let valid = error.valid_up_to();
                buffer.copy_within(valid..filled, 0);
                carried = filled - valid;
            }
            Err(_) => return Ok(false),
        }
    }
}

/// Drops a leading UTF-8 byte order mark. Refuses input that starts like a workbook (a zip
/// archive: .xlsx, .ods; an OLE2 compound file: .xls), which would otherwise be read as text
/// with nonsense column names.
fn strip_bom(
    source: &str,
    mut reader: Box<dyn Read + Send>,
) -> Result<Box<dyn Read + Send>, SheetError> {
    let (mut head, _) =
        read_up_to(&mut reader, OLE2_MAGIC.len()).map_err(|error| read_error(source, error))?;
    if head.starts_with(ZIP_MAGIC) || head.starts_with(OLE2_MAGIC) {
        return Err(SheetError::WorkbookAsText {
            input: source.to_owned(),
        });
    }
    if head.starts_with(UTF8_BOM) {
        head.drain(..UTF8_BOM.len());
    }
    Ok(Box::new(Cursor::new(head).chain(reader)))
}

/// Reads (UTF-8) text up to the end of the header line and picks the delimiter occurring most
/// often outside quotes in it; returns the bytes read, to be read again, and the delimiter.
fn sniff_delimiter(reader: &mut dyn Read) -> io::Result<(Vec<u8>, u8)> {
    let mut head = Vec::new();
    let mut scanner = HeaderScanner::default();
    while head.len() < HEADER_SNIFF_LIMIT {
        let start = head.len();
        let more = head.len().max(CHUNK) as u64;
        let read = Read::take(&mut *reader, more).read_to_end(&mut head)?;
        if scanner.scan(&head[start..]) || read == 0 {
            break;
        }
    }
    Ok((head, scanner.delimiter()))
}

/// Counts candidate delimiters outside quotes up to the first line end outside quotes, following
/// RFC 4180: a quote opens a quoted field only at the start of a field (here: after any candidate
/// delimiter, since which one is not known yet).
#[derive(Debug, Default)]
struct HeaderScanner {
    state: ScanState,
    counts: [usize; DELIMITERS.len()],
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum ScanState {
    #[default]
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: either the first of `""` or the closing quote.
    QuoteInQuoted,
}

impl HeaderScanner {
    /// Scans more bytes; true once the header line has ended.
    fn scan(&mut self, bytes: &[u8]) -> bool {
        for &byte in bytes {
            match self.state {
                ScanState::Quoted => {
                    if byte == b'"' {
                        self.state = ScanState::QuoteInQuoted;
                    }
                    continue;
                }
                ScanState::QuoteInQuoted if byte == b'"' => {
                    self.state = ScanState::Quoted;
                    continue;
                }
                ScanState::FieldStart if byte == b'"' => {
                    self.state = ScanState::Quoted;
                    continue;
                }
                _ => {}
            }
            if byte == b'\n' || byte == b'\r' {
                return true;
            }
            if let Some(index) = DELIMITERS.iter().position(|&d| d == byte) {
                self.counts[index] += 1;
                self.state = ScanState::FieldStart;
            } else {
                self.state = ScanState::Unquoted;
            }
        }
        false
    }

    /// The most frequent delimiter; the earliest in [`DELIMITERS`] on a tie.
    fn delimiter(&self) -> u8 {
        let mut best = 0;
        for (index, &count) in self.counts.iter().enumerate() {
            if count > self.counts[best] {
                best = index;
            }
        }
        DELIMITERS[best]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(header: &str) -> char {
        let mut scanner = HeaderScanner::default();
        scanner.scan(header.as_bytes());
        char::from(scanner.delimiter())
    }

    #[test]
    fn delimiter_is_the_most_frequent_outside_quotes() {
        assert_eq!(detect("a,b,c\n1;2;3;4;5"), ',');
        assert_eq!(detect("a\tb\tc"), '\t');
        assert_eq!(detect("a;b;c,d"), ';');
        assert_eq!(detect("\"a;b;c\",d"), ',');
        assert_eq!(detect("\"a,\"\"b,c\"\"\"\td\te"), '\t');
        assert_eq!(detect("\"a\nb,c,d\";e"), ';');
    }

    #[test]
    fn delimiter_ties_prefer_comma_then_tab() {
        assert_eq!(detect("single"), ',');
        assert_eq!(detect("a,b;c"), ',');
        assert_eq!(detect("a\tb;c"), '\t');
        assert_eq!(detect(""), ',');
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_literal() {
        assert_eq!(detect("a\"b;c\"d,e;f"), ';');
    }

    #[test]
    fn utf8_check_handles_sequences_split_between_chunks() {
        // "张" is three bytes; place it across the first chunk boundary.
        let mut text = vec![b'a'; CHUNK - 1];
        text.extend_from_slice("张三".as_bytes());
        assert!(is_utf8(&mut Cursor::new(&text)).unwrap());
        text.push(0xE5); // truncated sequence at the very end
        assert!(!is_utf8(&mut Cursor::new(&text)).unwrap());
        let gbk = encoding_rs::GB18030.encode("张三").0;
        let mut text = vec![b'a'; CHUNK - 1];
        text.extend_from_slice(&gbk);
        assert!(!is_utf8(&mut Cursor::new(&text)).unwrap());
    }

    /// Hands out one byte per read, so every multi-byte sequence is split between reads.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = first;
            self.0 = rest;
            Ok(1)
        }
    }

    fn strict_gb18030(bytes: &[u8]) -> Vec<u8> {
        let mut decoded = Vec::new();
        StrictGb18030::new(Trickle(bytes))
            .read_to_end(&mut decoded)
            .unwrap();
        decoded
    }

    #[test]
    fn strict_gb18030_decodes_split_sequences_and_marks_what_is_not_gb18030() {
        // 张 is two bytes in GB18030, € (U+20AC) two, 𠀀 (U+20000) four.
        let text = "a张€𠀀,b\n";
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable);
        assert_eq!(strict_gb18030(&bytes), text.as_bytes());
        // A lone lead byte, a four-byte sequence cut short, and one cut by the end.
        assert_eq!(strict_gb18030(b"a\x81,b"), b"a\xFF,b");
        // (The 0x30 after the lead byte is read again as "0", as the WHATWG decoder does.)
        assert_eq!(strict_gb18030(b"\x81\x30x"), b"\xFF0x");
        assert_eq!(strict_gb18030(b"ok\xD5"), b"ok\xFF");
        assert_eq!(strict_gb18030(b""), b"");
    }

    #[test]
    fn stdin_sniff_accepts_a_sequence_cut_by_the_limit() {
        let bytes = "张".as_bytes();
        assert!(starts_utf8(&bytes[..2], false));
        assert!(!starts_utf8(&bytes[..2], true));
        assert!(!starts_utf8(b"\xD5\xC5", false));
    }
}
