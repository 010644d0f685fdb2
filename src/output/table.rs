//! A table for the terminal (comfy-table). It needs every row before printing, so it is meant
//! for the screen, not for large files.

use std::io::{self, Write};

use comfy_table::{CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use super::{RowWriter, Value, format_number};

/// Collects rows and prints them as a boxed table at the end.
pub struct TableWriter<'w> {
    out: Box<dyn Write + 'w>,
    table: Table,
    row: Vec<comfy_table::Cell>,
    number: String,
}

impl<'w> TableWriter<'w> {
    /// A table writer over `out`.
    pub fn new(out: Box<dyn Write + 'w>) -> TableWriter<'w> {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled);
        TableWriter {
            out,
            table,
            row: Vec::new(),
            number: String::new(),
        }
    }
}

impl RowWriter for TableWriter<'_> {
    fn header(&mut self, columns: &[String]) -> io::Result<()> {
        self.table.set_header(columns);
        Ok(())
    }

    fn cell(&mut self, value: Value) -> io::Result<()> {
        let cell = match value {
            Value::Text(text) => comfy_table::Cell::new(text),
            Value::Number(number) => {
                format_number(number, &mut self.number);
                comfy_table::Cell::new(&self.number).set_alignment(CellAlignment::Right)
            }
            Value::Empty => comfy_table::Cell::new(""),
        };
        self.row.push(cell);
        Ok(())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.table.add_row(std::mem::take(&mut self.row));
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        writeln!(self.out, "{}", self.table)?;
        self.out.flush()
    }
}
