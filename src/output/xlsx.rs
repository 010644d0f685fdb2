//! Excel workbook output (`score -o scores.xlsx`): one worksheet with a bold, frozen header row,
//! numbers as numbers and text as text, so that ids such as `007` or 18-digit ID numbers keep
//! every digit (Excel opening a CSV turns them into 7 and 1.10101E+17).

use std::io::{self, Write};

use rust_xlsxwriter::{Format, Workbook};

use super::{RowWriter, Value};

/// The last row index of a worksheet (Excel's limit is 1,048,576 rows, the header included).
const LAST_ROW: u32 = 1_048_575;
/// The last column index of a worksheet (column XFD).
const LAST_COLUMN: u16 = 16_383;
const TOO_MANY_ROWS: &str =
    "an .xlsx worksheet holds at most 1,048,576 rows, the header included; write CSV for more";
const TOO_MANY_COLUMNS: &str =
    "an .xlsx worksheet holds at most 16,384 columns; write CSV for more";

/// Writes the table into a workbook, row by row (rows go to a temporary file as they are
/// finished), and the workbook to `out` at the end.
pub struct XlsxWriter<'w> {
    workbook: Workbook,
    out: Box<dyn Write + 'w>,
    row: u32,
    column: u16,
}

impl<'w> XlsxWriter<'w> {
    /// A workbook writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>) -> XlsxWriter<'w> {
        XlsxWriter {
            workbook: Workbook::new(),
            out,
            row: 0,
            column: 0,
        }
    }

    /// The cell the next value goes to, refused beyond the worksheet's limits.
    fn next_cell(&mut self) -> io::Result<(u32, u16)> {
        if self.row > LAST_ROW {
            return Err(io::Error::other(TOO_MANY_ROWS));
        }
        if self.column > LAST_COLUMN {
            return Err(io::Error::other(TOO_MANY_COLUMNS));
        }
        let cell = (self.row, self.column);
        self.column += 1;
        Ok(cell)
    }
}

impl RowWriter for XlsxWriter<'_> {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        let bold = Format::new().set_bold();
        let sheet = self
            .workbook
            .add_worksheet_with_constant_memory()
            .map_err(io::Error::other)?;
        sheet.set_name("scores").map_err(io::Error::other)?;
        sheet.set_freeze_panes(1, 0).map_err(io::Error::other)?;
        for (column, name) in columns.iter().enumerate() {
            let column = u16::try_from(column)
                .ok()
                .filter(|column| *column <= LAST_COLUMN)
                .ok_or_else(|| io::Error::other(TOO_MANY_COLUMNS))?;
            sheet
                .write_string_with_format(0, column, name, &bold)
                .map_err(io::Error::other)?;
        }
        self.end_row()
    }

    fn cell(&mut self, value: Value) -> io::Result<()> {
        let (row, column) = self.next_cell()?;
        let sheet = self
            .workbook
            .worksheet_from_index(0)
            .map_err(io::Error::other)?;
        match value {
            Value::Text(text) if !text.is_empty() => {
                sheet
                    .write_string(row, column, text)
                    .map_err(io::Error::other)?;
            }
            Value::Number(number) if number.is_finite() => {
                sheet
                    .write_number(row, column, number)
                    .map_err(io::Error::other)?;
            }
            Value::Text(_) | Value::Number(_) | Value::Empty => {}
        }
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.row += 1;
        self.column = 0;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let bytes = self.workbook.save_to_buffer().map_err(io::Error::other)?;
        self.out.write_all(&bytes)?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_past_excels_limit_are_an_error_not_a_truncated_sheet() {
        let mut bytes = Vec::new();
        let mut writer = XlsxWriter::new(Box::new(&mut bytes));
        writer.header(&["id".to_owned()]).unwrap();
        writer.row = LAST_ROW;
        writer.cell(Value::Text("last")).unwrap();
        writer.end_row().unwrap();
        let error = writer.cell(Value::Text("one too many")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "an .xlsx worksheet holds at most 1,048,576 rows, the header included; write CSV \
             for more"
        );
    }

    #[test]
    fn columns_past_excels_limit_are_an_error() {
        let mut bytes = Vec::new();
        let mut writer = XlsxWriter::new(Box::new(&mut bytes));
        let columns: Vec<String> = (0..=usize::from(LAST_COLUMN) + 1)
            .map(|i| format!("c{i}"))
            .collect();
        let error = writer.header(&columns).unwrap_err();
        assert_eq!(error.to_string(), TOO_MANY_COLUMNS);
    }
}
