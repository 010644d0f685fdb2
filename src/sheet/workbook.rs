//! Workbooks (Excel `.xlsx`, `.xlsm`, `.xlsb`, `.xls`; OpenDocument `.ods`), read with calamine:
//! one worksheet's non-empty cells, turned into text row by row.
//!
//! # Containing the reader
//!
//! A workbook is a hostile input: whatever calamine does with it, psyscore must not panic or
//! exhaust memory. Three defences, in order:
//!
//! 1. **Declared sizes are checked before parsing** ([`super::guard`]): calamine allocates what
//!    a file declares, and a failed allocation aborts the process beyond any recovery, so a file
//!    that declares more cells or bytes than psyscore holds is refused first. This is the only
//!    defence against memory exhaustion, and so it comes first.
//! 2. **Cells are kept sparse**: calamine's `Range` lays a worksheet out as a dense grid of its
//!    bounding box, so one stray cell at `XFD1048576` would cost 17 billion cells. `.xlsx` and
//!    `.xlsb` worksheets are streamed cell by cell instead, keeping only non-empty cells (at
//!    most [`guard::MAX_CELLS`]); `.xls` and `.ods`, which calamine parses whole on opening,
//!    are converted to the same sparse form after the guard has bounded their grids. Rows are
//!    then built one at a time, padded to the header's width.
//! 3. **A panic is contained** (`std::panic::catch_unwind`) as the last line of defence:
//!    calamine 0.38 panics on many truncated or mutated files (slice indices, arithmetic
//!    overflow, assertions). Such a panic becomes [`guard::WorkbookRefusal::ReaderFailed`],
//!    and its message is not printed. This relies on panics unwinding, as they do in every
//!    profile of this crate.
//!
//! Each is a [`SheetError::Workbook`] or [`SheetError::Worksheet`] naming the file: exit code 4.

use std::cell::Cell as StdCell;
use std::fmt::Write as _;
use std::io::Cursor;
use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Once};

use calamine::{Data, DataRef, ExcelDateTime, Ods, Reader, Xls, Xlsb, Xlsx};

use super::error::{SheetError, WorkbookError};
use super::guard::{self, WorkbookRefusal};
use super::{WorkbookFormat, validate_headers};

/// The most columns a worksheet may span, from its first to its last used column: Excel's
/// 16,384 of `.xlsx`, with room for the 65,536 an `.xls` record can name.
const MAX_COLUMNS: u32 = 1 << 16;
/// The most fields the data rows of a worksheet may expand to (rows with content times the
/// header's width), so that padding rows to a wide header stays quick.
const MAX_FIELDS: u64 = 1 << 28;

/// A non-empty cell of a worksheet, at its 0-based worksheet row and column.
struct SheetCell {
    row: u32,
    col: u32,
    data: Data,
}

/// The data rows of a worksheet, after the header. The cells are shared by the copies
/// [`WorkbookRows::rewound`] makes.
pub(super) struct WorkbookRows {
    /// The worksheet's non-empty cells, in row then column order.
    cells: Arc<Vec<SheetCell>>,
    /// Index in `cells` of the first cell after the header row.
    first: usize,
    /// Index in `cells` of the next cell to read.
    next: usize,
    /// 0-based worksheet column of the header's first column.
    first_col: u32,
    /// Scratch space for turning a cell into text.
    cell: String,
}

/// Opens the worksheet `sheet` (default: the first) of the workbook at `path`, in the format
/// its extension names, and reads its header row.
pub(super) fn open(
    path: &str,
    format: WorkbookFormat,
    sheet: Option<&str>,
) -> Result<(Vec<String>, WorkbookRows), SheetError> {
    let bytes = std::fs::read(path).map_err(|error| SheetError::Open {
        input: path.to_owned(),
        error,
    })?;
    from_bytes(path, format, bytes, sheet)
}

/// As [`open`], from the file's bytes; `source` names it in messages.
pub(super) fn from_bytes(
    source: &str,
    format: WorkbookFormat,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<(Vec<String>, WorkbookRows), SheetError> {
    let (name, mut cells) = contained(source, || read_cells(source, format, bytes, sheet))?;
    // Row then column order; of two cells at one place the later wins, as in calamine's Range.
    cells.sort_by_key(|cell| (cell.row, cell.col));
    cells.dedup_by(|later, earlier| {
        let same = (later.row, later.col) == (earlier.row, earlier.col);
        if same {
            std::mem::swap(&mut later.data, &mut earlier.data);
        }
        same
    });
    let Some(header_row) = cells.first().map(|cell| cell.row) else {
        return Err(SheetError::EmptySheet {
            input: source.to_owned(),
            sheet: name,
        });
    };
    let first_col = cells.iter().map(|cell| cell.col).min().unwrap_or(0);
    let last_col = cells.iter().map(|cell| cell.col).max().unwrap_or(0);
    let width = u64::from(last_col - first_col) + 1;
    let rows = 1 + cells
        .windows(2)
        .filter(|pair| pair[0].row != pair[1].row)
        .count() as u64;
    if width > u64::from(MAX_COLUMNS) || rows.saturating_mul(width) > MAX_FIELDS {
        return Err(worksheet_error(
            source,
            &name,
            Box::new(WorkbookRefusal::TooManyCells {
                declared: rows.saturating_mul(width),
                limit: MAX_FIELDS,
            }),
        ));
    }
    let first = cells
        .iter()
        .position(|cell| cell.row != header_row)
        .unwrap_or(cells.len());
    let mut text = String::new();
    let mut header = vec![String::new(); width as usize];
    for cell in &cells[..first] {
        cell_text(&cell.data, &mut text);
        header[(cell.col - first_col) as usize].clone_from(&text);
    }
    let headers = validate_headers(source, &header, first_col as usize + 1)?;
    let rows = WorkbookRows {
        cells: Arc::new(cells),
        first,
        next: first,
        first_col,
        cell: text,
    };
    Ok((headers, rows))
}

/// The name of the worksheet read and its non-empty cells, in no particular order.
fn read_cells(
    source: &str,
    format: WorkbookFormat,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<(String, Vec<SheetCell>), SheetError> {
    let refused = |error: WorkbookRefusal| workbook_error(source, Box::new(error));
    let unreadable = |error: calamine::Error| workbook_error(source, format_error(error));
    match format {
        WorkbookFormat::Xlsx => {
            guard::check_zip(&bytes).map_err(refused)?;
            let mut workbook = Xlsx::new(Cursor::new(bytes))
                .map_err(|error| unreadable(calamine::Error::Xlsx(error)))?;
            let name = pick_sheet(source, workbook.sheet_names(), sheet)?;
            let mut cells = Kept::default();
            match workbook.worksheet_cells_reader(&name) {
                Ok(mut reader) => cells.stream(source, &name, || reader.next_cell())?,
                // A chart sheet: no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => {}
                Err(error) => return Err(worksheet_error(source, &name, Box::new(error))),
            }
            Ok((name, cells.0))
        }
        WorkbookFormat::Xlsb => {
            guard::check_zip(&bytes).map_err(refused)?;
            let mut workbook = Xlsb::new(Cursor::new(bytes))
                .map_err(|error| unreadable(calamine::Error::Xlsb(error)))?;
            let name = pick_sheet(source, workbook.sheet_names(), sheet)?;
            let mut cells = Kept::default();
            let mut reader = workbook
                .worksheet_cells_reader(&name)
                .map_err(|error| worksheet_error(source, &name, Box::new(error)))?;
            cells.stream(source, &name, || reader.next_cell())?;
            Ok((name, cells.0))
        }
        WorkbookFormat::Xls => {
            let container = guard::xls_container(&bytes).map_err(refused)?;
            drop(bytes);
            let workbook = Xls::new(Cursor::new(container))
                .map_err(|error| unreadable(calamine::Error::Xls(error)))?;
            dense_cells(source, workbook, sheet)
        }
        WorkbookFormat::Ods => {
            guard::check_zip(&bytes).map_err(refused)?;
            guard::check_ods(&bytes).map_err(refused)?;
            let workbook = Ods::new(Cursor::new(bytes))
                .map_err(|error| unreadable(calamine::Error::Ods(error)))?;
            dense_cells(source, workbook, sheet)
        }
    }
}

/// The non-empty cells of a worksheet of a workbook that calamine parsed whole on opening.
fn dense_cells<R: Reader<Cursor<Vec<u8>>>>(
    source: &str,
    mut workbook: R,
    sheet: Option<&str>,
) -> Result<(String, Vec<SheetCell>), SheetError>
where
    R::Error: Into<calamine::Error>,
{
    let name = pick_sheet(source, workbook.sheet_names(), sheet)?;
    let range = workbook
        .worksheet_range(&name)
        .map_err(|error| worksheet_error(source, &name, format_error(error.into())))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut cells = Kept::default();
    for (row, col, data) in range.used_cells() {
        let at = (top + row as u32, left + col as u32);
        cells.keep(source, &name, at, data)?;
    }
    Ok((name, cells.0))
}

/// Cells kept from a worksheet, at most [`guard::MAX_CELLS`].
#[derive(Default)]
struct Kept(Vec<SheetCell>);

impl Kept {
    /// Keeps the non-empty cells that a worksheet's cell reader (`next`) hands out, to its end.
    fn stream<'a, E: std::error::Error + Send + Sync + 'static>(
        &mut self,
        source: &str,
        sheet: &str,
        mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
    ) -> Result<(), SheetError> {
        while let Some(cell) =
            next().map_err(|error| worksheet_error(source, sheet, Box::new(error)))?
        {
            self.keep(source, sheet, cell.get_position(), cell.get_value())?;
        }
        Ok(())
    }

    /// Keeps a cell unless it is empty.
    fn keep<T: Clone + Into<Data> + PartialEq + Default>(
        &mut self,
        source: &str,
        sheet: &str,
        (row, col): (u32, u32),
        value: &T,
    ) -> Result<(), SheetError> {
        if *value == T::default() {
            return Ok(());
        }
        if self.0.len() as u64 >= guard::MAX_CELLS {
            return Err(worksheet_error(
                source,
                sheet,
                Box::new(WorkbookRefusal::TooManyCells {
                    declared: self.0.len() as u64 + 1,
                    limit: guard::MAX_CELLS,
                }),
            ));
        }
        self.0.push(SheetCell {
            row,
            col,
            data: value.clone().into(),
        });
        Ok(())
    }
}

/// The worksheet to read: `wanted` matched exactly, else ignoring case; the first by default.
fn pick_sheet(
    source: &str,
    names: Vec<String>,
    wanted: Option<&str>,
) -> Result<String, SheetError> {
    let Some(wanted) = wanted else {
        return names
            .into_iter()
            .next()
            .ok_or_else(|| SheetError::NoWorksheets {
                input: source.to_owned(),
            });
    };
    let found = names.iter().find(|name| *name == wanted).or_else(|| {
        names
            .iter()
            .find(|name| name.to_lowercase() == wanted.to_lowercase())
    });
    match found {
        Some(name) => Ok(name.clone()),
        None => Err(SheetError::SheetNotFound {
            input: source.to_owned(),
            sheet: wanted.to_owned(),
            available: names,
        }),
    }
}

fn workbook_error(source: &str, error: WorkbookError) -> SheetError {
    SheetError::Workbook {
        input: source.to_owned(),
        error,
    }
}

fn worksheet_error(source: &str, sheet: &str, error: WorkbookError) -> SheetError {
    SheetError::Worksheet {
        input: source.to_owned(),
        sheet: sheet.to_owned(),
        error,
    }
}

/// The error of the workbook format itself, without calamine's wrapper (whose message repeats
/// it after the format's name).
fn format_error(error: calamine::Error) -> WorkbookError {
    match error {
        calamine::Error::Xls(error) => Box::new(error),
        calamine::Error::Xlsx(error) => Box::new(error),
        calamine::Error::Xlsb(error) => Box::new(error),
        calamine::Error::Ods(error) => Box::new(error),
        other => Box::new(other),
    }
}

thread_local! {
    /// Whether this thread is inside [`contained`], whose panics are reported as errors.
    static CONTAINING: StdCell<bool> = const { StdCell::new(false) };
}

/// Runs `read`, turning a panic inside it into [`WorkbookRefusal::ReaderFailed`] for `source`.
///
/// The panic hook is wrapped once, process-wide, so that it stays silent for a panic on a
/// thread inside `contained` and calls the previous hook for any other.
fn contained<T>(
    source: &str,
    read: impl FnOnce() -> Result<T, SheetError>,
) -> Result<T, SheetError> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CONTAINING.with(StdCell::get) {
                previous(info);
            }
        }));
    });
    let outer = CONTAINING.with(|flag| flag.replace(true));
    // Nothing `read` borrows is used after a panic: its state is dropped with it.
    let result = panic::catch_unwind(AssertUnwindSafe(read));
    CONTAINING.with(|flag| flag.set(outer));
    result.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Err(workbook_error(
            source,
            Box::new(WorkbookRefusal::ReaderFailed(message)),
        ))
    })
}

impl WorkbookRows {
    /// The same rows again, from the first data row, without parsing the workbook again.
    pub(super) fn rewound(&self) -> WorkbookRows {
        WorkbookRows {
            cells: Arc::clone(&self.cells),
            first: self.first,
            next: self.first,
            first_col: self.first_col,
            cell: String::new(),
        }
    }

    /// Reads the next row that has any content into `record`, `width` fields wide, skipping
    /// rows whose cells are all blank.
    pub(super) fn read_row(&mut self, width: usize, record: &mut csv::StringRecord) -> Option<u64> {
        while let Some(first) = self.cells.get(self.next) {
            let row = first.row;
            let end = self.cells[self.next..]
                .iter()
                .position(|cell| cell.row != row)
                .map_or(self.cells.len(), |offset| self.next + offset);
            let cells = &self.cells[self.next..end];
            self.next = end;
            if cells.iter().all(|cell| is_blank(&cell.data)) {
                continue;
            }
            record.clear();
            let mut cells = cells.iter().peekable();
            for column in 0..width {
                let at = self.first_col + column as u32;
                match cells.next_if(|cell| cell.col == at) {
                    Some(cell) => cell_text(&cell.data, &mut self.cell),
                    None => self.cell.clear(),
                }
                record.push_field(&self.cell);
            }
            return Some(u64::from(row) + 1);
        }
        None
    }
}

fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(text) => text.is_empty(),
        _ => false,
    }
}

/// Writes a cell's text into `out` (cleared first); see [`super::Sheet::open`] for the rules.
fn cell_text(data: &Data, out: &mut String) {
    out.clear();
    // Writing to a String cannot fail.
    let _ = match data {
        Data::Empty => Ok(()),
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            out.push_str(text);
            Ok(())
        }
        Data::Int(value) => write!(out, "{value}"),
        Data::Float(value) => write_number(out, *value),
        Data::Bool(true) => write!(out, "TRUE"),
        Data::Bool(false) => write!(out, "FALSE"),
        Data::Error(error) => write!(out, "{error}"),
        Data::DateTime(datetime) if datetime.is_datetime() => write_iso(out, datetime),
        Data::DateTime(duration) => write_number(out, duration.as_f64()),
    };
}

/// Rust's shortest round-trip form, which writes integral values without `.0`; `-0` as `0`.
fn write_number(out: &mut String, value: f64) -> std::fmt::Result {
    if value == 0.0 {
        write!(out, "0")
    } else {
        write!(out, "{value}")
    }
}

/// ISO 8601: `YYYY-MM-DD` for a whole day, `HH:MM:SS` for a time of day (serial below 1),
/// `YYYY-MM-DDTHH:MM:SS` otherwise; `.mmm` is added when there are milliseconds.
fn write_iso(out: &mut String, datetime: &ExcelDateTime) -> std::fmt::Result {
    let (year, month, day, hour, minute, second, milli) = datetime.to_ymd_hms_milli();
    let has_time = (hour, minute, second, milli) != (0, 0, 0, 0);
    let value = datetime.as_f64();
    if !(0.0..1.0).contains(&value) {
        write!(out, "{year:04}-{month:02}-{day:02}")?;
        if !has_time {
            return Ok(());
        }
        out.push('T');
    }
    write!(out, "{hour:02}:{minute:02}:{second:02}")?;
    if milli != 0 {
        write!(out, ".{milli:03}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use calamine::{CellErrorType, ExcelDateTimeType};

    use super::*;

    fn text(data: Data) -> String {
        let mut out = String::from("leftover");
        cell_text(&data, &mut out);
        out
    }

    fn datetime(value: f64, kind: ExcelDateTimeType) -> Data {
        Data::DateTime(ExcelDateTime::new(value, kind, false))
    }

    #[test]
    fn cells_become_text() {
        assert_eq!(text(Data::Empty), "");
        assert_eq!(text(Data::String(" a b ".into())), " a b ");
        assert_eq!(text(Data::Int(-7)), "-7");
        assert_eq!(text(Data::Float(3.0)), "3");
        assert_eq!(text(Data::Float(-0.0)), "0");
        assert_eq!(text(Data::Float(2.5)), "2.5");
        assert_eq!(text(Data::Float(0.1 + 0.2)), "0.30000000000000004");
        assert_eq!(text(Data::Float(1e20)), "100000000000000000000");
        assert_eq!(text(Data::Bool(true)), "TRUE");
        assert_eq!(text(Data::Bool(false)), "FALSE");
        assert_eq!(text(Data::Error(CellErrorType::NA)), "#N/A");
        assert_eq!(text(Data::Error(CellErrorType::Div0)), "#DIV/0!");
        assert_eq!(text(Data::DateTimeIso("2024-03-01".into())), "2024-03-01");
        assert_eq!(text(Data::DurationIso("PT1H".into())), "PT1H");
    }

    #[test]
    fn dates_become_iso_text() {
        // Serial 45352 is 2024-03-01 in the 1900 date system: Excel's =DATE(2024,3,1).
        assert_eq!(
            text(datetime(45352.0, ExcelDateTimeType::DateTime)),
            "2024-03-01"
        );
        assert_eq!(
            text(datetime(45352.5, ExcelDateTimeType::DateTime)),
            "2024-03-01T12:00:00"
        );
        assert_eq!(
            text(datetime(0.75, ExcelDateTimeType::DateTime)),
            "18:00:00"
        );
        assert_eq!(text(datetime(1.5, ExcelDateTimeType::TimeDelta)), "1.5");
    }
}
