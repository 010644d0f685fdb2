//! JSON output: an array with one object per row, keys in column order, `null` for empty.

use std::io::{self, Write};

use super::{RowWriter, Value, format_number};

/// Streams a JSON array of row objects.
pub struct JsonWriter<'w> {
    out: io::BufWriter<Box<dyn Write + 'w>>,
    /// Column names, already JSON-escaped with their quotes.
    keys: Vec<String>,
    column: usize,
    rows: usize,
    number: String,
}

impl<'w> JsonWriter<'w> {
    /// A JSON writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>) -> JsonWriter<'w> {
        JsonWriter {
            out: io::BufWriter::with_capacity(1 << 16, out),
            keys: Vec::new(),
            column: 0,
            rows: 0,
            number: String::new(),
        }
    }
}

impl RowWriter for JsonWriter<'_> {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        self.keys = columns
            .iter()
            .map(|column| serde_json::to_string(column).expect("strings serialize"))
            .collect();
        self.out.write_all(b"[")
    }

    fn cell(&mut self, value: Value) -> io::Result<()> {
        let separator: &[u8] = match (self.column, self.rows) {
            (0, 0) => b"\n  {",
            (0, _) => b",\n  {",
            _ => b", ",
        };
        self.out.write_all(separator)?;
        self.out.write_all(self.keys[self.column].as_bytes())?;
        self.out.write_all(b": ")?;
        match value {
            Value::Text(text) => serde_json::to_writer(&mut self.out, text)?,
            Value::Number(number) if number.is_finite() => {
                format_number(number, &mut self.number);
                self.out.write_all(self.number.as_bytes())?;
            }
            Value::Number(_) | Value::Empty => self.out.write_all(b"null")?,
        }
        self.column += 1;
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.out.write_all(b"}")?;
        self.column = 0;
        self.rows += 1;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.write_all(b"\n]\n")?;
        self.out.flush()
    }
}
