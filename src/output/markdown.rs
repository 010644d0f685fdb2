//! Markdown (GitHub pipe table) output.

use std::io::{self, Write};

use super::{RowWriter, Value, format_number};

/// Streams a Markdown pipe table.
pub struct MarkdownWriter<'w> {
    out: io::BufWriter<Box<dyn Write + 'w>>,
    number: String,
}

impl<'w> MarkdownWriter<'w> {
    /// A Markdown writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>) -> MarkdownWriter<'w> {
        MarkdownWriter {
            out: io::BufWriter::with_capacity(1 << 16, out),
            number: String::new(),
        }
    }

    fn write_text(&mut self, text: &str) -> io::Result<()> {
        for (i, piece) in text.split('|').enumerate() {
            if i > 0 {
                self.out.write_all(b"\\|")?;
            }
            // Line breaks would end the table row.
            self.out
                .write_all(piece.replace(['\r', '\n'], " ").as_bytes())?;
        }
        Ok(())
    }
}

impl RowWriter for MarkdownWriter<'_> {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        for column in columns {
            self.out.write_all(b"| ")?;
            self.write_text(column)?;
            self.out.write_all(b" ")?;
        }
        self.out.write_all(b"|\n")?;
        for _ in columns {
            self.out.write_all(b"|---")?;
        }
        self.out.write_all(b"|\n")
    }

    fn cell(&mut self, value: Value) -> io::Result<()> {
        self.out.write_all(b"| ")?;
        match value {
            Value::Text(text) => self.write_text(text)?,
            Value::Number(number) => {
                format_number(number, &mut self.number);
                self.out.write_all(self.number.as_bytes())?;
            }
            Value::Empty => {}
        }
        self.out.write_all(b" ")
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.out.write_all(b"|\n")
    }

    fn finish(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
