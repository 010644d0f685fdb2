//! CSV output (RFC 4180 quoting, `\n` line ends).

use std::io::{self, Write};

use super::{RowWriter, Value, format_number};

/// Writes comma-separated values.
pub struct CsvWriter<'w> {
    inner: csv::Writer<Box<dyn Write + 'w>>,
    number: String,
}

impl<'w> CsvWriter<'w> {
    /// A CSV writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>) -> CsvWriter<'w> {
        let inner = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(out);
        CsvWriter {
            inner,
            number: String::new(),
        }
    }
}

impl RowWriter for CsvWriter<'_> {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        self.inner.write_record(columns).map_err(into_io)?;
        Ok(())
    }

    fn cell(&mut self, value: Value) -> io::Result<()> {
        match value {
            Value::Text(text) => self.inner.write_field(text).map_err(into_io)?,
            Value::Number(number) => {
                format_number(number, &mut self.number);
                self.inner.write_field(&self.number).map_err(into_io)?;
            }
            Value::Empty => self.inner.write_field("").map_err(into_io)?,
        }
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.inner.write_record(None::<&[u8]>).map_err(into_io)?;
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The I/O error inside a csv error, so a broken pipe is still recognisable as one.
fn into_io(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}
