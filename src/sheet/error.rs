//! The errors of reading a sheet.

use std::io;

/// Why a sheet could not be opened or a row could not be read.
///
/// Every message names the input (`input`: the path as given, or `<stdin>`) and, where there is
/// one, the row, the column and the offending value. Row numbers are as a spreadsheet shows them
/// (the header is row 1); column numbers start at 1 (for workbooks, column A is 1). Underlying
/// I/O and parse errors are kept as the [`std::error::Error::source`], not repeated in the
/// message, so print the whole chain.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The file does not exist or cannot be opened.
    #[error("cannot open {input}")]
    Open {
        /// The path as given.
        input: String,
        /// What the operating system said.
        #[source]
        error: io::Error,
    },

    /// Reading failed before the header row: while checking the encoding, the byte order mark
    /// or the delimiter.
    #[error("cannot read {input}")]
    Read {
        /// The path as given, or `<stdin>`.
        input: String,
        /// What the operating system said.
        #[source]
        error: io::Error,
    },

    /// The input is empty (or holds only empty lines), so there is no header row.
    #[error("{input} has no header row: the file is empty")]
    NoHeader {
        /// The path as given, or `<stdin>`.
        input: String,
    },

    /// A header cell is empty.
    #[error("{input}: column {column} has no name; every column needs a name in the header row")]
    UnnamedColumn {
        /// The path as given, or `<stdin>`.
        input: String,
        /// 1-based column number.
        column: usize,
    },

    /// Two header cells have the same name, ignoring case and surrounding spaces.
    #[error(
        "{input}: column {second} (\"{second_name}\") has the same name as column {first} \
         (\"{first_name}\"); column names must be unique, ignoring case"
    )]
    DuplicateColumn {
        /// The path as given, or `<stdin>`.
        input: String,
        /// 1-based number of the earlier column.
        first: usize,
        /// Name of the earlier column, trimmed.
        first_name: String,
        /// 1-based number of the later column.
        second: usize,
        /// Name of the later column, trimmed.
        second_name: String,
    },

    /// A delimited text row has more or fewer fields than the header.
    #[error(
        "{input}: row {row} has {found} fields but the header has {expected}; every row needs \
         one field per column (check the delimiter and the quoting)"
    )]
    Ragged {
        /// The path as given, or `<stdin>`.
        input: String,
        /// The row's number (the header is row 1).
        row: u64,
        /// Number of fields in the row.
        found: usize,
        /// Number of columns in the header.
        expected: usize,
    },

    /// Text read as UTF-8 is not UTF-8.
    #[error(
        "{input}: row {row}, column {column} is not valid UTF-8; if the file is in GBK or \
         GB18030, use --encoding gb18030"
    )]
    InvalidUtf8 {
        /// The path as given, or `<stdin>`.
        input: String,
        /// The row's number (the header is row 1).
        row: u64,
        /// 1-based number of the first field that is not UTF-8.
        column: usize,
    },

    /// Text read as GB18030 (chosen, or detected because the file is not UTF-8) is not GB18030.
    #[error(
        "{input}: row {row}, column {column} is not valid GB18030 (GBK), the encoding the file \
         was read in; if the file is UTF-8, use --encoding utf8, otherwise open it and save it \
         as CSV UTF-8"
    )]
    InvalidGb18030 {
        /// The path as given, or `<stdin>`.
        input: String,
        /// The row's number (the header is row 1).
        row: u64,
        /// 1-based number of the first field that is not GB18030.
        column: usize,
    },

    /// Reading a row of delimited text failed, for instance through an I/O error part-way.
    #[error("{input}: cannot read row {row}")]
    Csv {
        /// The path as given, or `<stdin>`.
        input: String,
        /// The row's number (the header is row 1).
        row: u64,
        /// The reader's error.
        #[source]
        error: csv::Error,
    },

    /// The file is not a readable workbook of the format its extension names.
    #[error("cannot read {input} as a workbook")]
    Workbook {
        /// The path as given.
        input: String,
        /// The workbook reader's error.
        #[source]
        error: WorkbookError,
    },

    /// The workbook has worksheets, but one of them cannot be read.
    #[error("cannot read worksheet \"{sheet}\" of {input}")]
    Worksheet {
        /// The path as given.
        input: String,
        /// The worksheet's name.
        sheet: String,
        /// The workbook reader's error.
        #[source]
        error: WorkbookError,
    },

    /// The workbook has no worksheet of the requested name.
    #[error(
        "{input} has no worksheet named \"{sheet}\"; its worksheets are {}",
        quoted_list(available)
    )]
    SheetNotFound {
        /// The path as given.
        input: String,
        /// The requested name.
        sheet: String,
        /// The names of the worksheets that exist, in workbook order.
        available: Vec<String>,
    },

    /// The workbook has no worksheets at all.
    #[error("{input} has no worksheets")]
    NoWorksheets {
        /// The path as given.
        input: String,
    },

    /// Input read as delimited text starts like a workbook (a misnamed file, or one piped in).
    #[error(
        "{input} is not delimited text: it starts like a workbook (an Excel or OpenDocument \
         file); read it from a file with its own extension (.xlsx, .xls, .ods), or save it as CSV"
    )]
    WorkbookAsText {
        /// The path as given, or `<stdin>`.
        input: String,
    },

    /// The worksheet has no cells, so there is no header row.
    #[error("worksheet \"{sheet}\" of {input} is empty: it has no header row")]
    EmptySheet {
        /// The path as given.
        input: String,
        /// The worksheet's name.
        sheet: String,
    },

    /// A worksheet name was given for an input that is not a workbook.
    #[error(
        "a worksheet (\"{sheet}\") was asked for, but {input} is delimited text; only \
         workbooks (.xlsx, .xls, .ods, ...) have worksheets"
    )]
    SheetOfText {
        /// The path as given, or `<stdin>`.
        input: String,
        /// The requested worksheet name.
        sheet: String,
    },
}

/// What the workbook reader of a format (xlsx, xls, xlsb, ods) reports.
pub type WorkbookError = Box<dyn std::error::Error + Send + Sync>;

/// `"a", "b", "c"`.
fn quoted_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("\"{name}\"")).collect();
    quoted.join(", ")
}
