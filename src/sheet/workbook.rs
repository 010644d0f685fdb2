//! Workbooks (Excel `.xlsx`, `.xlsm`, `.xlsb`, `.xls`; OpenDocument `.ods`), read with calamine:
//! one worksheet's used range, cells turned into text.

use std::fmt::Write as _;
use std::fs::File;
use std::io::BufReader;
use std::sync::Arc;

use calamine::{Data, ExcelDateTime, Ods, Range, Reader, Sheets, Xls, Xlsb, Xlsx};

use super::error::{SheetError, WorkbookError};
use super::validate_headers;

/// The data rows of a worksheet, after the header. The parsed cells are shared by the copies
/// [`WorkbookRows::rewound`] makes.
pub(super) struct WorkbookRows {
    range: Arc<Range<Data>>,
    /// Index in `range` of the next row to read.
    next: usize,
    /// Worksheet row number of the range's first row (1-based).
    first_row: u64,
    /// Scratch space for turning a cell into text.
    cell: String,
}

/// Opens the worksheet `sheet` (default: the first) and reads its header row.
pub(super) fn open(
    path: &str,
    sheet: Option<&str>,
) -> Result<(Vec<String>, WorkbookRows), SheetError> {
    let file = File::open(path).map_err(|error| SheetError::Open {
        input: path.to_owned(),
        error,
    })?;
    let mut workbook = read_workbook(path, file).map_err(|error| SheetError::Workbook {
        input: path.to_owned(),
        error: format_error(error),
    })?;
    let names = workbook.sheet_names();
    let name = match sheet {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| SheetError::NoWorksheets {
                input: path.to_owned(),
            })?,
        Some(wanted) => names
            .iter()
            .find(|name| *name == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|name| name.to_lowercase() == wanted.to_lowercase())
            })
            .cloned()
            .ok_or_else(|| SheetError::SheetNotFound {
                input: path.to_owned(),
                sheet: wanted.to_owned(),
                available: names.clone(),
            })?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|error| SheetError::Worksheet {
            input: path.to_owned(),
            sheet: name.clone(),
            error: format_error(error),
        })?;
    let Some((start_row, start_column)) = range.start().filter(|_| !range.is_empty()) else {
        return Err(SheetError::EmptySheet {
            input: path.to_owned(),
            sheet: name,
        });
    };
    let mut cell = String::new();
    let header: Vec<String> = range[0]
        .iter()
        .map(|data| {
            cell_text(data, &mut cell);
            cell.clone()
        })
        .collect();
    let headers = validate_headers(path, &header, start_column as usize + 1)?;
    let rows = WorkbookRows {
        range: Arc::new(range),
        next: 1,
        first_row: u64::from(start_row) + 1,
        cell,
    };
    Ok((headers, rows))
}

/// The reader for `path`'s format, chosen by its extension in any case (`open` is only called
/// for paths [`super::is_workbook`] accepts).
fn read_workbook(path: &str, file: File) -> Result<Sheets<BufReader<File>>, calamine::Error> {
    let reader = BufReader::new(file);
    let extension = std::path::Path::new(path)
        .extension()
        .map(|ext| ext.to_string_lossy().to_ascii_lowercase());
    Ok(match extension.as_deref() {
        Some("xls") => Sheets::Xls(Xls::new(reader)?),
        Some("xlsb") => Sheets::Xlsb(Xlsb::new(reader)?),
        Some("ods") => Sheets::Ods(Ods::new(reader)?),
        _ => Sheets::Xlsx(Xlsx::new(reader)?),
    })
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

impl WorkbookRows {
    /// The same rows again, from the first data row, without parsing the workbook again.
    pub(super) fn rewound(&self) -> WorkbookRows {
        WorkbookRows {
            range: Arc::clone(&self.range),
            next: 1,
            first_row: self.first_row,
            cell: String::new(),
        }
    }

    /// Reads the next row that has any content, skipping empty ones.
    pub(super) fn read_row(&mut self, record: &mut csv::StringRecord) -> Option<u64> {
        while self.next < self.range.height() {
            let index = self.next;
            self.next += 1;
            let row = &self.range[index];
            if row.iter().all(is_blank) {
                continue;
            }
            record.clear();
            for data in row {
                cell_text(data, &mut self.cell);
                record.push_field(&self.cell);
            }
            return Some(self.first_row + index as u64);
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
