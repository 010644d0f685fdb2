//! CSV output (RFC 4180 quoting, `\n` line ends), written byte for byte as the `csv` crate's
//! writer writes it with its default settings: a field is quoted only when it holds a comma, a
//! quote, a CR or an LF, with its quotes doubled, and a row with no bytes at all is written as
//! `""` so that it is not an empty line.

use std::io::{self, Write};

use super::{RowWriter, Value, format_number, whole_number};

/// The UTF-8 byte-order mark. Excel reads a CSV file that starts with it as UTF-8, and one
/// without it in the system's code page (GBK on Chinese Windows).
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Buffered bytes are written out once there are this many.
const FLUSH_BYTES: usize = 1 << 16;

/// Renders CSV rows into memory, so rows can be rendered on one thread and written on another.
///
/// Every cell is written followed by a comma; the end of the row turns the last one into the
/// line end.
#[derive(Debug, Default)]
pub struct CsvBuffer {
    bytes: Vec<u8>,
    /// Where the current row starts in `bytes`.
    row_start: usize,
    number: String,
}

impl CsvBuffer {
    /// The rows rendered so far.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Forgets the rows rendered so far (after the end of a row).
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.row_start = 0;
    }

    #[inline]
    fn field(&mut self, text: &[u8]) {
        if text
            .iter()
            .any(|&byte| matches!(byte, b',' | b'"' | b'\r' | b'\n'))
        {
            self.quote(text);
        } else {
            self.bytes.extend_from_slice(text);
        }
        self.bytes.push(b',');
    }

    #[cold]
    fn quote(&mut self, text: &[u8]) {
        self.bytes.push(b'"');
        for &byte in text {
            if byte == b'"' {
                self.bytes.push(b'"');
            }
            self.bytes.push(byte);
        }
        self.bytes.push(b'"');
    }
}

impl RowWriter for CsvBuffer {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        for column in columns {
            self.field(column.as_bytes());
        }
        self.end_row()
    }

    #[inline(always)]
    fn cell(&mut self, value: Value) -> io::Result<()> {
        match value {
            Value::Text(text) => self.field(text.as_bytes()),
            Value::Number(number) => {
                // Most scores and counts are whole numbers of one or two digits: written at
                // once. The cast saturates, so only 0 to 99 convert back to the same number,
                // and −0 (written `-0`) is left to `format_number`.
                let small = number as u8;
                if f64::from(small) == number && small < 100 && number.is_sign_positive() {
                    let (tens, ones) = (b'0' + small / 10, b'0' + small % 10);
                    if small >= 10 {
                        self.bytes.extend_from_slice(&[tens, ones, b',']);
                    } else {
                        self.bytes.extend_from_slice(&[ones, b',']);
                    }
                } else if let Some(whole) = whole_number(number) {
                    // Digits and a minus sign need no quotes.
                    self.bytes
                        .extend_from_slice(itoa::Buffer::new().format(whole).as_bytes());
                    self.bytes.push(b',');
                } else {
                    let mut text = std::mem::take(&mut self.number);
                    format_number(number, &mut text);
                    self.field(text.as_bytes());
                    self.number = text;
                }
            }
            Value::Empty => self.field(b""),
        }
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        // The comma after the last cell, if there is one, is the line end's place.
        if self.bytes.len() > self.row_start {
            self.bytes.pop();
        }
        if self.bytes.len() == self.row_start {
            self.bytes.extend_from_slice(b"\"\"");
        }
        self.bytes.push(b'\n');
        self.row_start = self.bytes.len();
        Ok(())
    }

    /// Nothing to do: the bytes stay in memory.
    fn finish(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes comma-separated values.
pub struct CsvWriter<'w> {
    buffer: CsvBuffer,
    out: Box<dyn Write + 'w>,
}

impl<'w> CsvWriter<'w> {
    /// A CSV writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>) -> CsvWriter<'w> {
        CsvWriter {
            buffer: CsvBuffer::default(),
            out,
        }
    }

    fn write_buffer(&mut self) -> io::Result<()> {
        self.out.write_all(self.buffer.bytes())?;
        self.buffer.clear();
        Ok(())
    }
}

impl RowWriter for CsvWriter<'_> {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        self.buffer.header(columns)
    }

    fn cell(&mut self, value: Value) -> io::Result<()> {
        self.buffer.cell(value)
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.buffer.end_row()?;
        if self.buffer.bytes().len() >= FLUSH_BYTES {
            self.write_buffer()?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.write_buffer()?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Cells made of the characters that matter to quoting, and others.
    fn cell() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[a\",\r\n ;\t张]{0,4}").unwrap()
    }

    proptest! {
        #[test]
        fn rows_are_written_as_the_csv_crate_writes_them(
            rows in prop::collection::vec(prop::collection::vec(cell(), 0..4), 0..5)
        ) {
            let mut ours = CsvBuffer::default();
            let mut theirs = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
            for row in &rows {
                for cell in row {
                    ours.cell(Value::Text(cell)).unwrap();
                    theirs.write_field(cell).unwrap();
                }
                ours.end_row().unwrap();
                theirs.write_record(None::<&[u8]>).unwrap();
            }
            prop_assert_eq!(ours.bytes(), &theirs.into_inner().unwrap()[..]);
        }
    }

    #[test]
    fn the_writer_writes_what_the_buffer_renders_past_its_flush_size() {
        let mut bytes = Vec::new();
        let mut buffer = CsvBuffer::default();
        {
            let mut writer = CsvWriter::new(Box::new(&mut bytes));
            for row in 0..10_000 {
                for writer in [&mut writer as &mut dyn RowWriter, &mut buffer] {
                    writer.cell(Value::Number(f64::from(row) / 8.0)).unwrap();
                    writer.cell(Value::Text("a,b")).unwrap();
                    writer.end_row().unwrap();
                }
            }
            writer.finish().unwrap();
        }
        assert!(bytes.len() > FLUSH_BYTES);
        assert_eq!(bytes, buffer.bytes());
    }
}
