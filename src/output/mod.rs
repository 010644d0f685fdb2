//! Output formats: one row-writer per format behind one trait, fed cell by cell so rows stream
//! without per-row allocation.
//!
//! Numbers are written in Rust's shortest round-trip form (`21.25`, `2.6666666666666665`,
//! `3`), never rounded, in every format.

pub mod apa;
mod csv;
mod held;
mod json;
mod markdown;
mod progress;
mod table;
mod xlsx;

use std::io::{self, Write};

use clap::ValueEnum;

pub use csv::{CsvBuffer, UTF8_BOM};
pub use held::{HeldOutput, HeldWriter, held};
pub use progress::{RowProgress, StepProgress};

/// Output formats (also the values of `--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Comma-separated values (opens in Excel).
    Csv,
    /// JSON, for scripts.
    Json,
    /// A table for the screen.
    Table,
    /// A Markdown table, for reports.
    Md,
    /// An Excel workbook: chosen by `score -o FILE.xlsx`, never on the command line, as it
    /// cannot go to a terminal or pipe.
    #[value(skip)]
    Xlsx,
}

/// A writer whose errors say what could not be written ("cannot write out.csv: No space left
/// on device"), keeping their kind (a broken pipe stays one).
pub struct NamedWriter<W> {
    inner: W,
    name: String,
}

impl<W: Write> NamedWriter<W> {
    /// `inner`, called `name` in errors.
    pub fn new(inner: W, name: String) -> NamedWriter<W> {
        NamedWriter { inner, name }
    }

    fn named(&self, error: io::Error) -> io::Error {
        io::Error::new(error.kind(), format!("cannot write {}: {error}", self.name))
    }
}

impl<W: Write> Write for NamedWriter<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.inner.write(bytes).map_err(|error| self.named(error))
    }

    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner
            .write_all(bytes)
            .map_err(|error| self.named(error))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().map_err(|error| self.named(error))
    }
}

/// One output cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// Text, written as is (quoted/escaped as the format needs).
    Text(&'a str),
    /// A number.
    Number(f64),
    /// No value: an empty CSV cell, JSON `null`.
    Empty,
}

impl<'a> From<Option<f64>> for Value<'a> {
    fn from(value: Option<f64>) -> Value<'a> {
        value
            .filter(|v| v.is_finite())
            .map_or(Value::Empty, Value::Number)
    }
}

/// Writes a table row by row.
pub trait RowWriter {
    /// Starts the table with its column names.
    fn header(&mut self, columns: &[String]) -> io::Result<()>;
    /// Appends one cell to the current row.
    fn cell(&mut self, value: Value) -> io::Result<()>;
    /// Ends the current row.
    fn end_row(&mut self) -> io::Result<()>;
    /// Ends the table and flushes.
    fn finish(&mut self) -> io::Result<()>;
}

/// A writer for `format` over `out`.
pub fn row_writer<'w>(format: Format, out: Box<dyn Write + 'w>) -> Box<dyn RowWriter + 'w> {
    match format {
        Format::Csv => Box::new(csv::CsvWriter::new(out)),
        Format::Json => Box::new(json::JsonWriter::new(out)),
        Format::Md => Box::new(markdown::MarkdownWriter::new(out)),
        Format::Table => Box::new(table::TableWriter::new(out)),
        Format::Xlsx => Box::new(xlsx::XlsxWriter::new(out)),
    }
}

/// Writes a number in shortest round-trip form into `buffer` (cleared first), as `{}` writes it.
///
/// Whole numbers, the usual case for scores, take a faster integer path (itoa) with the same
/// text, and so do multiples of 1/8 below 2^37 (written as their exact decimal). Other numbers
/// are written by Ryū, which finds the same shortest decimal as `{}` (the
/// one nearest the number among the shortest that read back as it) except where two are equally
/// near: Ryū then rounds to even and `{}` up (166929387857819.625: Ryū `…819.62`, `{}`
/// `…819.63`), so those, and numbers Ryū would write with an exponent, go through `{}`.
///
/// A value that is not finite is written as nothing (an empty cell, as a value that does not
/// exist): no format ever shows `NaN` or `inf`.
pub fn format_number(value: f64, buffer: &mut String) {
    use std::fmt::Write as _;
    buffer.clear();
    if !value.is_finite() {
        return;
    }
    if let Some(whole) = whole_number(value) {
        buffer.push_str(itoa::Buffer::new().format(whole));
        return;
    }
    if let Some(eighths) = whole_number(value * 8.0).filter(|e| e.unsigned_abs() < 1 << 40) {
        // A multiple of 1/8 (prorated sums are often quarters), written exactly: any shorter
        // decimal lies at least 0.005 away, while below 2^37 the neighbouring f64s lie within
        // 2^-15, so this is the shortest decimal that reads back as the number.
        const FRACTIONS: [&str; 8] = ["", ".125", ".25", ".375", ".5", ".625", ".75", ".875"];
        if value < 0.0 {
            buffer.push('-');
        }
        let magnitude = eighths.unsigned_abs();
        buffer.push_str(itoa::Buffer::new().format(magnitude / 8));
        buffer.push_str(FRACTIONS[(magnitude % 8) as usize]);
        return;
    }
    if value.is_finite() {
        let mut ryu = ryu::Buffer::new();
        let text = ryu.format_finite(value);
        if !text.contains('e') && !text.ends_with(".0") && !is_halfway(value, text) {
            buffer.push_str(text);
            return;
        }
    }
    let _ = write!(buffer, "{value}");
}

/// The number as an integer, when it is one that `{}` writes as one: below 2^53 in magnitude
/// (so it converts exactly) and not −0 (which `{}` writes as `-0`).
fn whole_number(value: f64) -> Option<i64> {
    /// Integers below 2^53 convert to i64 exactly.
    const EXACT_INTEGER_LIMIT: f64 = 9_007_199_254_740_992.0;
    let whole = value as i64;
    let exact = whole as f64 == value && value.abs() < EXACT_INTEGER_LIMIT;
    (exact && !(whole == 0 && value.is_sign_negative())).then_some(whole)
}

/// Whether `value` (finite, not whole) lies exactly halfway between two decimals with as many
/// digits after the point as `text`, its shortest form. A number m × 2^−b (m odd) is exactly a
/// decimal with b digits after the point, the last a 5; it is halfway between two decimals with
/// one digit fewer, and with more or fewer places it is not halfway.
fn is_halfway(value: f64, text: &str) -> bool {
    let places = text.find('.').map_or(0, |point| text.len() - point - 1);
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    let binary_places = -(exponent + mantissa.trailing_zeros() as i32);
    usize::try_from(binary_places).is_ok_and(|binary| binary == places + 1)
}

/// A number as a table cell: rounded to `decimals` with "—" for none in human formats (table,
/// Markdown); exact (shortest round-trip) and empty for none in CSV. A value that is not finite
/// counts as none.
pub fn number_cell(value: Option<f64>, decimals: usize, human: bool) -> String {
    match value.filter(|v| v.is_finite()) {
        None if human => "—".to_owned(),
        None => String::new(),
        Some(v) if human => apa::fixed(v, decimals),
        Some(v) => {
            let mut text = String::new();
            format_number(v, &mut text);
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Renders a small table with every kind of value in `format`.
    pub(super) fn render(format: Format) -> String {
        let mut bytes = Vec::new();
        {
            let mut writer = row_writer(format, Box::new(&mut bytes));
            writer
                .header(&["id".into(), "score".into(), "note".into()])
                .unwrap();
            for (id, score, note) in [("007", Some(21.25), "a, \"b\""), ("8", None, "")] {
                writer.cell(Value::Text(id)).unwrap();
                writer.cell(Value::from(score)).unwrap();
                writer.cell(Value::Text(note)).unwrap();
                writer.end_row().unwrap();
            }
            writer.finish().unwrap();
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn number_cells_round_for_people_and_stay_exact_for_csv() {
        assert_eq!(number_cell(Some(2.0 / 3.0), 2, true), "0.67");
        assert_eq!(number_cell(Some(2.0 / 3.0), 2, false), "0.6666666666666666");
        assert_eq!(number_cell(None, 2, true), "—");
        assert_eq!(number_cell(None, 2, false), "");
    }

    #[test]
    fn numbers_are_shortest_round_trip() {
        let mut buffer = String::new();
        for (value, text) in [
            (-0.0, "-0"),
            (-7.0, "-7"),
            (3.0, "3"),
            (21.25, "21.25"),
            (8.0 / 3.0, "2.6666666666666665"),
            (-0.5, "-0.5"),
            (0.1, "0.1"),
            (1e-7, "0.0000001"),
            (123_456_789.012_5, "123456789.0125"),
            (166_929_387_857_819.62, "166929387857819.63"),
        ] {
            format_number(value, &mut buffer);
            assert_eq!(buffer, text);
            assert_eq!(buffer.parse::<f64>().unwrap(), value);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_integer_path_writes_what_display_writes(value in proptest::num::f64::ANY) {
            let mut buffer = String::new();
            format_number(value, &mut buffer);
            if value.is_finite() {
                proptest::prop_assert_eq!(buffer, format!("{value}"));
            } else {
                proptest::prop_assert_eq!(buffer, "");
            }
        }

        #[test]
        fn no_number_cell_shows_nan_or_inf(value in proptest::num::f64::ANY, human: bool) {
            let cell = number_cell(Some(value), 2, human);
            let lower = cell.to_lowercase();
            proptest::prop_assert!(!lower.contains("nan") && !lower.contains("inf"), "{}", cell);
            let text = apa::num(Some(value), 2) + &apa::p_value(Some(value))
                + &apa::interval(Some(value), Some(value), 2) + &apa::nonzero_num(value, 2);
            let lower = text.to_lowercase();
            proptest::prop_assert!(!lower.contains("nan") && !lower.contains("inf"), "{}", text);
        }

        #[test]
        fn eighths_write_like_display(eighths in -(1i64 << 42)..1 << 42) {
            let value = eighths as f64 / 8.0;
            let mut buffer = String::new();
            format_number(value, &mut buffer);
            proptest::prop_assert_eq!(buffer, format!("{value}"));
        }

        #[test]
        fn halfway_numbers_write_like_display(whole in 0u64..1 << 53, places in 0i32..60) {
            let value = whole as f64 / 2f64.powi(places);
            let mut buffer = String::new();
            format_number(value, &mut buffer);
            proptest::prop_assert_eq!(buffer, format!("{value}"));
        }

        #[test]
        fn fractions_write_like_display(value in -1e17f64..1e17, divisor in 1u32..100) {
            let value = value.trunc() / f64::from(divisor);
            let mut buffer = String::new();
            format_number(value, &mut buffer);
            proptest::prop_assert_eq!(buffer, format!("{value}"));
        }

        #[test]
        fn whole_numbers_write_like_display(value in -1e17f64..1e17) {
            let value = value.trunc();
            let mut buffer = String::new();
            format_number(value, &mut buffer);
            proptest::prop_assert_eq!(buffer, format!("{value}"));
        }
    }

    #[test]
    fn csv_quotes_only_when_needed_and_leaves_empty_cells_empty() {
        assert_eq!(
            render(Format::Csv),
            "id,score,note\n007,21.25,\"a, \"\"b\"\"\"\n8,,\n"
        );
    }

    #[test]
    fn json_is_an_array_of_objects_with_null_for_empty() {
        let text = render(Format::Json);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            parsed,
            serde_json::json!([
                {"id": "007", "score": 21.25, "note": "a, \"b\""},
                {"id": "8", "score": null, "note": ""}
            ])
        );
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut bytes = Vec::new();
        {
            let mut writer = row_writer(Format::Md, Box::new(&mut bytes));
            writer.header(&["a|b".into()]).unwrap();
            writer.cell(Value::Text("x|y")).unwrap();
            writer.end_row().unwrap();
            writer.finish().unwrap();
        }
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "| a\\|b |\n|---|\n| x\\|y |\n"
        );
        assert_eq!(
            render(Format::Md),
            "| id | score | note |\n|---|---|---|\n| 007 | 21.25 | a, \"b\" |\n| 8 |  |  |\n"
        );
    }

    #[test]
    fn table_shows_every_cell() {
        let text = render(Format::Table);
        for expected in ["id", "score", "007", "21.25", "a, \"b\""] {
            assert!(text.contains(expected), "{expected} missing from\n{text}");
        }
    }
}
