//! Every table of a report as one sheet of an Excel workbook (`tables.xlsx`), formatted and
//! rounded as printed: the caption above, the header between two rules, the last row ruled
//! below, the note under it, italic symbols kept. A cell that is a plain number as printed
//! (`12.75`, `-6.91`, `.739`, `8`) is written as that number with a format that shows exactly
//! the printed digits, so that Excel can compute with it; every other cell is its text.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatBorder, FormatScript, Workbook, Worksheet,
    XlsxError,
};

use super::{Block, Document, Table, plain_text, spans};

/// Excel's longest sheet name, in characters.
const SHEET_NAME_CHARS: usize = 31;

/// The workbook of the tables of `document`, one sheet per table in report order. It is dated
/// 1 January 1980 rather than now, so that the same study gives the same bytes.
pub fn to_xlsx(document: &Document) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title(plain_text(&document.title))
            .set_creation_datetime(&ExcelDateTime::from_ymd(1980, 1, 1)?),
    );
    let mut names: Vec<String> = Vec::new();
    for table in document.blocks.iter().filter_map(|block| match block {
        Block::Table(table) => Some(table),
        _ => None,
    }) {
        let name = unique(sheet_name(&table.caption), &names);
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        names.push(name);
        write_table(sheet, table)?;
    }
    if names.is_empty() {
        workbook.add_worksheet();
    }
    workbook.save_to_buffer()
}

/// A valid sheet name from a caption: without markup and the characters Excel refuses
/// (`[]:*?/\`), at most 31 characters, not starting or ending with an apostrophe.
fn sheet_name(caption: &str) -> String {
    let plain: String = plain_text(caption)
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = words.chars().take(SHEET_NAME_CHARS).collect();
    let name = short.trim().trim_matches('\'').trim().to_owned();
    if name.is_empty() {
        "Table".to_owned()
    } else {
        name
    }
}

/// `name`, or `name` shortened with ` (2)`, ` (3)`, … when another sheet has it (Excel compares
/// names without case).
fn unique(name: String, taken: &[String]) -> String {
    let free = |candidate: &str| {
        !taken
            .iter()
            .any(|t| t.to_lowercase() == candidate.to_lowercase())
    };
    if free(&name) {
        return name;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            let keep = SHEET_NAME_CHARS - suffix.chars().count();
            let stem: String = name.chars().take(keep).collect();
            format!("{}{suffix}", stem.trim_end())
        })
        .find(|candidate| free(candidate))
        .unwrap_or(name)
}

/// The widest column set, in characters (Excel's limit is 255).
const MAX_COLUMN_WIDTH: f64 = 80.0;

/// The width of a column that shows `text` on one line, in Excel's units (characters of the
/// default font): a Chinese, Japanese or Korean character or full-width form counts two, any
/// other one, and one more for the cell's margins. (rust_xlsxwriter's autofit counts a Chinese
/// character as narrow as a Latin letter, and cut 总负担 to 总负.)
fn column_width(text: &str) -> f64 {
    let wide = |c: char| {
        matches!(c,
            '\u{1100}'..='\u{115F}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}')
    };
    text.chars()
        .map(|c| if wide(c) { 2.0 } else { 1.0 })
        .sum::<f64>()
        + 1.0
}

fn write_table(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let header = Format::new()
        .set_bold()
        .set_border_top(FormatBorder::Medium)
        .set_border_bottom(FormatBorder::Thin);
    for (column, cell) in (0u16..).zip(&table.header) {
        write_marked(sheet, 1, column, cell, &header)?;
    }
    let last = table.rows.len();
    for (index, row) in table.rows.iter().enumerate() {
        let row_number = u32::try_from(index + 2).map_err(|_| XlsxError::RowColumnLimitError)?;
        let mut format = Format::new();
        if index + 1 == last {
            format = format.set_border_bottom(FormatBorder::Medium);
        }
        for (column, cell) in (0u16..).zip(row) {
            match number_format(cell) {
                Some((value, digits)) => {
                    let format = format.clone().set_num_format(digits);
                    sheet.write_number_with_format(row_number, column, value, &format)?;
                }
                None => write_marked(sheet, row_number, column, cell, &format)?,
            }
        }
    }
    // The columns fit the table's cells; the caption above and the note below run across
    // the empty cells beside them (fitted to them, the first column was as wide as the note).
    for column in 0..table.header.len() {
        let widest = std::iter::once(&table.header)
            .chain(&table.rows)
            .filter_map(|row| row.get(column))
            .map(|cell| column_width(&plain_text(cell)))
            .fold(0.0, f64::max);
        let column = u16::try_from(column).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.set_column_width(column, widest.min(MAX_COLUMN_WIDTH))?;
    }
    write_marked(sheet, 0, 0, &table.caption, &Format::new().set_bold())?;
    if let Some(note) = &table.note {
        let row = u32::try_from(last + 2).map_err(|_| XlsxError::RowColumnLimitError)?;
        write_marked(sheet, row, 0, note, &Format::new())?;
    }
    Ok(())
}

/// Writes marked-up text, its `*italic*` spans in italics and `~subscript~` spans as
/// subscripts.
fn write_marked(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let pieces = spans(text);
    if pieces.iter().all(|span| !span.italic && !span.subscript) {
        let text: String = pieces.into_iter().map(|span| span.text).collect();
        if text.is_empty() {
            sheet.write_blank(row, column, format)?;
        } else {
            sheet.write_string_with_format(row, column, &text, format)?;
        }
        return Ok(());
    }
    let styled: Vec<Format> = pieces
        .iter()
        .map(|span| {
            let mut styled = format.clone();
            if span.italic {
                styled = styled.set_italic();
            }
            if span.subscript {
                styled = styled.set_font_script(FormatScript::Subscript);
            }
            styled
        })
        .collect();
    let rich: Vec<(&Format, &str)> = styled
        .iter()
        .zip(&pieces)
        .map(|(styled, span)| (styled, span.text.as_str()))
        .collect();
    sheet.write_rich_string_with_format(row, column, &rich, format)?;
    Ok(())
}

/// A cell printed as a plain decimal number (`-6.91`, `.739`, `12`) as its value and the Excel
/// format that shows the same digits; `None` for anything else, including ids with leading
/// zeros (`007`) and numbers of more digits than a double holds exactly.
fn number_format(cell: &str) -> Option<(f64, String)> {
    let unsigned = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let plain = digits(whole)
        && fraction.is_none_or(|f| !f.is_empty() && digits(f))
        && !(whole.is_empty() && fraction.is_none())
        && !(whole.len() > 1 && whole.starts_with('0'))
        && whole.len() + fraction.map_or(0, str::len) <= 15;
    if !plain {
        return None;
    }
    let value: f64 = cell.parse().ok()?;
    let mut format = if whole.is_empty() {
        String::new()
    } else {
        "0".to_owned()
    };
    if let Some(fraction) = fraction {
        format.push('.');
        format.push_str(&"0".repeat(fraction.len()));
    }
    Some((value, format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_in_excel_and_unique() {
        assert_eq!(
            sheet_name("Table 3. Pre/post, *M* [SD]: a?b\\*c\\\\d"),
            "Table 3. Pre post, M SD a b c d"
        );
        let caption = "表 9 两组干预前后各维度得分比较（x̄ ± s）";
        assert_eq!(sheet_name(caption), caption);
        let name = sheet_name(&format!("Table 12. {}", "x".repeat(40)));
        assert_eq!(name.chars().count(), 31);
        assert_eq!(sheet_name("'quoted'"), "quoted");
        assert_eq!(sheet_name("***"), "Table");
        let taken = vec![name.clone()];
        let second = unique(name.to_uppercase(), &taken);
        assert!(second.ends_with(" (2)") && second.chars().count() == 31);
    }

    #[test]
    fn chinese_characters_take_two_columns_of_width() {
        assert_eq!(column_width("总负担"), 7.0);
        assert_eq!(column_width("12.75 ± 1.49"), 13.0);
        assert_eq!(column_width("（n = 17）"), 11.0);
    }

    #[test]
    fn numbers_keep_their_printed_digits_and_ids_stay_text() {
        assert_eq!(number_format("-6.91"), Some((-6.91, "0.00".to_owned())));
        assert_eq!(number_format(".739"), Some((0.739, ".000".to_owned())));
        assert_eq!(number_format("-.06"), Some((-0.06, ".00".to_owned())));
        assert_eq!(number_format("8"), Some((8.0, "0".to_owned())));
        assert_eq!(number_format("0.479"), Some((0.479, "0.000".to_owned())));
        for text in [
            "007",
            "< .001",
            "<0.001",
            "12.75 ± 1.49",
            "",
            "-",
            ".",
            "1.",
            "inf",
            "NaN",
            "1e5",
            "C01",
            "1234567890123456",
        ] {
            assert_eq!(number_format(text), None, "{text}");
        }
    }

    #[test]
    fn every_table_is_a_sheet() {
        let table = |caption: &str| {
            Block::Table(Table {
                caption: caption.to_owned(),
                header: vec!["measure".to_owned(), "*t*".to_owned()],
                rows: vec![vec!["total".to_owned(), "-6.91".to_owned()]],
                note: Some("*Note.* Paired.".to_owned()),
            })
        };
        let document = Document {
            title: "T".to_owned(),
            lang: "en",
            blocks: vec![
                table("Table 1. One"),
                Block::Paragraph("text".to_owned()),
                table("Table 2. Two"),
            ],
        };
        let bytes = to_xlsx(&document).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
