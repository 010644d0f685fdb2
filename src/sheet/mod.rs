//! Reading questionnaire response sheets: delimited text (CSV, TSV, semicolon-separated) and
//! workbooks (Excel `.xlsx`, `.xlsm`, `.xlsb`, `.xls`; OpenDocument `.ods`).
//!
//! A [`Sheet`] is a header row of unique, non-empty column names followed by data rows that
//! each have exactly one cell per column. Rows are read one at a time into a reused
//! [`csv::StringRecord`], so delimited text is streamed in constant memory whatever its size;
//! a worksheet is read whole with calamine and held as its non-empty cells.
//!
//! # Delimited text
//!
//! - **Delimiter**: comma, tab or semicolon, whichever occurs most often outside quotes in the
//!   header line. Ties are broken in the order comma, tab, semicolon, and a header line with
//!   none of them (a single column) is read as comma-separated.
//! - **Quoting**: RFC 4180: a field may be enclosed in `"`, inside which the delimiter and line
//!   ends are literal and `""` stands for one `"`.
//! - **Line ends**: LF, CRLF or CR.
//! - **Empty lines** (no characters at all between two line ends) are skipped and not counted
//!   as rows, as the `csv` crate does. A line of delimiters only (`,,,`) is a row of empty cells.
//! - **Row numbers** are the header's 1 plus the ordinal of the record: the first data row is
//!   row 2, and a quoted field spanning several lines still counts as one row.
//! - **Ragged rows** (more or fewer fields than the header) are an error, never padded.
//! - **Encoding**: see [`Encoding`]. A leading UTF-8 byte order mark is always stripped.
//!
//! # Workbooks
//!
//! A path whose extension is one of [`WORKBOOK_EXTENSIONS`] (in any case) is read as a workbook. The header is the first
//! row of the worksheet's used range, wherever that range starts; cells are turned into text as
//! described at [`Sheet::open`]. Rows shorter than the header are padded with empty cells, and
//! rows that are entirely empty are skipped. Row numbers are the worksheet's own row numbers and
//! column numbers count from column A.
//!
//! A workbook is held in memory while it is read, as its non-empty cells only: at most 16,777,216
//! of them, spanning at most 65,536 columns. Damaged or hostile files (declared sizes beyond
//! those limits, or anything that makes the workbook reader fail) are refused with an error
//! naming the file; see `workbook.rs` for how the reader is contained.
//!
//! # Missing answers
//!
//! [`is_missing`] recognises the usual "no answer" codes.

mod chunks;
mod error;
mod guard;
mod text;
mod workbook;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::Path;

pub use chunks::{Record, RecordParser, TextChunk, TextChunks};
pub use error::{SheetError, WorkbookError};
pub use guard::WorkbookRefusal;

/// Which text encoding to read a delimited text file in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 when the input is valid UTF-8 (or starts with a UTF-8 byte order mark), GB18030
    /// otherwise. A file is checked whole in one streaming pass before it is read; standard
    /// input, which cannot be read twice, is judged by its first MiB, and invalid UTF-8 after
    /// that is reported as [`SheetError::InvalidUtf8`].
    #[default]
    Auto,
    /// UTF-8; invalid bytes are an error naming the row.
    Utf8,
    /// GB18030, a superset of GBK and GB2312. Byte sequences that are not GB18030 are an
    /// error naming the row and column ([`SheetError::InvalidGb18030`]), never read as U+FFFD
    /// (the replacement character).
    Gb18030,
}

/// How to read a sheet.
#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// Text encoding of delimited text; workbooks ignore it.
    pub encoding: Encoding,
    /// Worksheet name (default: the first sheet). Matched exactly, or else ignoring case.
    /// Giving one for delimited text is an error.
    pub sheet: Option<String>,
}

/// The extensions of the workbooks psyscore reads: Excel 2007 and later (`xlsx`, with macros
/// `xlsm`, binary `xlsb`), Excel 97-2003 (`xls`, as older Excel and WPS save it) and
/// OpenDocument (`ods`, LibreOffice).
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Whether `path` is read as a workbook: its extension is one of [`WORKBOOK_EXTENSIONS`], in any
/// case.
pub fn is_workbook(path: &str) -> bool {
    WorkbookFormat::of_path(path).is_some()
}

/// The workbook formats, each read by its own reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookFormat {
    /// Office Open XML: `.xlsx`, `.xlsm`.
    Xlsx,
    /// Excel binary workbook: `.xlsb`.
    Xlsb,
    /// Excel 97-2003: `.xls`.
    Xls,
    /// OpenDocument spreadsheet: `.ods`.
    Ods,
}

impl WorkbookFormat {
    /// The format that `path`'s extension (one of [`WORKBOOK_EXTENSIONS`], in any case) names.
    pub fn of_path(path: &str) -> Option<WorkbookFormat> {
        let extension = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" | "xlsm" => Some(WorkbookFormat::Xlsx),
            "xlsb" => Some(WorkbookFormat::Xlsb),
            "xls" => Some(WorkbookFormat::Xls),
            "ods" => Some(WorkbookFormat::Ods),
            _ => None,
        }
    }
}

/// An open response sheet: validated headers, then data rows read one at a time.
pub struct Sheet {
    source: String,
    headers: Vec<String>,
    rows: Rows,
}

enum Rows {
    Text(text::TextRows),
    Workbook(workbook::WorkbookRows),
}

/// Name used for standard input in messages.
const STDIN_NAME: &str = "<stdin>";

/// A reader that stays at its end once it has reached it. On a terminal, Ctrl-D ends one
/// read, not the input: a reader asked again (as buffered readers are) would wait for more, so
/// one Ctrl-D would not be enough.
struct EndsOnce<R> {
    inner: R,
    ended: bool,
}

impl<R> EndsOnce<R> {
    fn new(inner: R) -> EndsOnce<R> {
        EndsOnce {
            inner,
            ended: false,
        }
    }
}

impl<R: io::Read> io::Read for EndsOnce<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ended || buf.is_empty() {
            return Ok(0);
        }
        let read = self.inner.read(buf)?;
        self.ended = read == 0;
        Ok(read)
    }
}

impl Sheet {
    /// Opens a path, or standard input when path is `"-"`.
    ///
    /// A path whose extension is a workbook's ([`is_workbook`]) is read with calamine; anything else,
    /// standard input included, as delimited text.
    ///
    /// Workbook cells become text as follows: an empty cell is `""`, text is kept as is, a
    /// number is written in Rust's shortest round-trip form without a trailing `.0` (`3`,
    /// `2.5`, `0.1`), a boolean is `TRUE` or `FALSE`, an error cell is its Excel text (`#N/A`,
    /// `#DIV/0!`), a date is ISO 8601 (`2024-03-01`, `2024-03-01T14:30:00`, or `14:30:00` for a
    /// time of day), and a duration is its serial number (days).
    ///
    /// # Errors
    ///
    /// Any [`SheetError`] other than [`SheetError::Ragged`]: the input cannot be opened or read,
    /// has no header row, or its header has an unnamed or duplicate column; for workbooks, the
    /// worksheet is missing or empty.
    pub fn open(path: &str, options: &SheetOptions) -> Result<Sheet, SheetError> {
        if path == "-" {
            return Self::text_from_reader(STDIN_NAME, EndsOnce::new(io::stdin()), options);
        }
        if let Some(format) = WorkbookFormat::of_path(path) {
            let (headers, rows) = workbook::open(path, format, options.sheet.as_deref())?;
            return Ok(Sheet {
                source: path.to_owned(),
                headers,
                rows: Rows::Workbook(rows),
            });
        }
        reject_sheet_name(path, options)?;
        let (headers, rows) = text::open_file(path, options.encoding)?;
        Ok(Sheet {
            source: path.to_owned(),
            headers,
            rows: Rows::Text(rows),
        })
    }

    /// Reads delimited text from any reader, as [`Sheet::open`] reads standard input:
    /// [`Encoding::Auto`] judges the encoding by the first MiB. `source` names the input in
    /// messages.
    ///
    /// # Errors
    ///
    /// As [`Sheet::open`] for delimited text.
    pub fn text_from_reader(
        source: &str,
        reader: impl Read + Send + 'static,
        options: &SheetOptions,
    ) -> Result<Sheet, SheetError> {
        reject_sheet_name(source, options)?;
        let (headers, rows) = text::from_reader(source, Box::new(reader), options.encoding)?;
        Ok(Sheet {
            source: source.to_owned(),
            headers,
            rows: Rows::Text(rows),
        })
    }

    /// Reads a workbook from its bytes, as [`Sheet::open`] reads a workbook file (the
    /// encoding in `options` is ignored); `source` names it in messages. For callers that hold
    /// the bytes already, such as the fuzz targets in `fuzz/`.
    ///
    /// # Errors
    ///
    /// As [`Sheet::open`] for workbooks.
    pub fn workbook_from_bytes(
        source: &str,
        format: WorkbookFormat,
        bytes: Vec<u8>,
        options: &SheetOptions,
    ) -> Result<Sheet, SheetError> {
        let (headers, rows) =
            workbook::from_bytes(source, format, bytes, options.sheet.as_deref())?;
        Ok(Sheet {
            source: source.to_owned(),
            headers,
            rows: Rows::Workbook(rows),
        })
    }

    /// Whether [`Encoding::Auto`] reads the delimited text file at `path` as UTF-8 (see there):
    /// so a caller that can start again may read a file as UTF-8 at once, and ask only if
    /// that fails.
    ///
    /// # Errors
    ///
    /// [`SheetError::Open`] or [`SheetError::Read`].
    pub fn auto_reads_as_utf8(path: &str) -> Result<bool, SheetError> {
        text::auto_reads_as_utf8(path)
    }

    /// Name for messages: the path as given, or `<stdin>`.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Header names, trimmed, byte order mark stripped; non-empty and unique ignoring case.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The same sheet again from its first data row, when its rows are held in memory (a
    /// workbook, parsed whole on opening): so a caller reading a workbook several times parses
    /// it once. `None` for delimited text, which is read as a stream; open it again instead.
    pub fn copy_from_start(&self) -> Option<Sheet> {
        match &self.rows {
            Rows::Text(_) => None,
            Rows::Workbook(rows) => Some(Sheet {
                source: self.source.clone(),
                headers: self.headers.clone(),
                rows: Rows::Workbook(rows.rewound()),
            }),
        }
    }

    /// Reads the next data row into `record`, which is reused: once it has grown to the size of
    /// a row, reading does not allocate.
    ///
    /// Returns the row's number as a spreadsheet shows it (the header is row 1, so the first
    /// data row of a text file is row 2), or `None` at the end. The record always has exactly
    /// [`Sheet::headers`]`.len()` fields.
    ///
    /// # Errors
    ///
    /// [`SheetError::Ragged`] for a text row with the wrong number of fields,
    /// [`SheetError::InvalidUtf8`] for text that is not UTF-8 when reading UTF-8,
    /// [`SheetError::InvalidGb18030`] for text that is not GB18030 when reading GB18030, and
    /// [`SheetError::Csv`] when reading fails.
    pub fn read_row(&mut self, record: &mut csv::StringRecord) -> Result<Option<u64>, SheetError> {
        match &mut self.rows {
            Rows::Text(rows) => rows.read_row(&self.source, self.headers.len(), record),
            Rows::Workbook(rows) => Ok(rows.read_row(self.headers.len(), record)),
        }
    }
}

impl Sheet {
    /// The data rows of delimited text as chunks of about `chunk_bytes` of whole records, and
    /// the parser that splits them into rows (see [`TextChunks`]); so several threads can parse
    /// them. The sheet itself comes back for a workbook, or once a row has been read.
    pub fn into_chunks(self, chunk_bytes: usize) -> Result<(TextChunks, RecordParser), Box<Sheet>> {
        match self.rows {
            Rows::Text(rows) if rows.is_unread() => {
                let (reader, delimiter, encoding) = rows.into_raw();
                Ok((
                    TextChunks::new(&self.source, reader, delimiter, chunk_bytes),
                    RecordParser::new(&self.source, delimiter, self.headers.len(), encoding),
                ))
            }
            rows => Err(Box::new(Sheet { rows, ..self })),
        }
    }
}

/// The marks of a question the respondent skipped: 问卷星 (WJX) writes `(跳过)`; the same in
/// full-width brackets, as a Chinese input method types them, is taken alike.
pub const SKIPPED: [&str; 2] = ["(跳过)", "（跳过）"];

/// True for the cells that mean "no answer".
///
/// After trimming white space (including non-breaking and ideographic spaces): the empty cell,
/// `.`, `-`, ignoring ASCII case `NA`, `N/A` and `#N/A` (Excel's "not available", which
/// workbook error cells also become), and the skipped-question marks of [`SKIPPED`].
pub fn is_missing(cell: &str) -> bool {
    let cell = cell.trim();
    match cell.len() {
        0 => true,
        1 => cell == "." || cell == "-",
        2 => cell.eq_ignore_ascii_case("na"),
        3 => cell.eq_ignore_ascii_case("n/a"),
        4 => cell.eq_ignore_ascii_case("#n/a"),
        8 => cell == SKIPPED[0],
        12 => cell == SKIPPED[1],
        _ => false,
    }
}

/// Worksheet names exist only in workbooks; asking for one in text is a mistake worth reporting.
fn reject_sheet_name(source: &str, options: &SheetOptions) -> Result<(), SheetError> {
    match &options.sheet {
        Some(sheet) => Err(SheetError::SheetOfText {
            input: source.to_owned(),
            sheet: sheet.clone(),
        }),
        None => Ok(()),
    }
}

/// Trims raw header cells, strips a byte order mark and checks that every name is present and
/// unique ignoring case. `first_column` is the 1-based column number of the first cell.
fn validate_headers(
    source: &str,
    raw: impl IntoIterator<Item = impl AsRef<str>>,
    first_column: usize,
) -> Result<Vec<String>, SheetError> {
    let mut headers: Vec<String> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, cell) in raw.into_iter().enumerate() {
        let mut name = cell.as_ref();
        if index == 0 {
            name = name.trim_start_matches('\u{feff}');
        }
        let name = name.trim();
        let column = first_column + index;
        if name.is_empty() {
            return Err(SheetError::UnnamedColumn {
                input: source.to_owned(),
                column,
            });
        }
        if let Some(&earlier) = seen.get(&name.to_lowercase()) {
            return Err(SheetError::DuplicateColumn {
                input: source.to_owned(),
                first: earlier,
                first_name: headers[earlier - first_column].clone(),
                second: column,
                second_name: name.to_owned(),
            });
        }
        seen.insert(name.to_lowercase(), column);
        headers.push(name.to_owned());
    }
    if headers.is_empty() {
        return Err(SheetError::NoHeader {
            input: source.to_owned(),
        });
    }
    Ok(headers)
}

/// A sheet can be read on another thread than the one that scores its rows.
const _: () = {
    const fn assert_send<T: Send>() {}
    assert_send::<Sheet>();
};
