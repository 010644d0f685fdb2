//! The report as a Word document (.docx) for a thesis: A4 portrait with 2.5 cm margins, Times
//! New Roman for Latin text with 宋体 (SimSun) for Chinese and 黑体 (SimHei) for headings,
//! three-line tables (三线表, APA) with the caption above and the note below, and each figure
//! as an embedded PNG with its caption below.

use std::collections::HashMap;
use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Docx, IndentLevel, Level, LevelJc, LevelText,
    LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Pic, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellBorder, TableCellBorderPosition, TableCellBorders, TableCellMargins,
    TableLayoutType, TableRow, VertAlignType, WidthType,
};

use memchr::memmem;

use super::png::Png;
use super::{Block, Document, Figure, Table, plain_text, spans};

/// The font for Latin text.
pub const LATIN_FONT: &str = "Times New Roman";
/// The East Asian font of the body text: 宋体.
pub const BODY_FONT_ZH: &str = "SimSun";
/// The East Asian font of headings: 黑体.
pub const HEADING_FONT_ZH: &str = "SimHei";
/// A4 in twentieths of a point: 210 × 297 mm.
const A4_TWIPS: (u32, u32) = (11_906, 16_838);
/// 2.5 cm in twentieths of a point.
const MARGIN_TWIPS: i32 = 1_417;
/// The top and bottom rules of a table (1.5 pt, in eighths of a point).
const OUTER_RULE: usize = 12;
/// The rule under a table's header (0.75 pt).
const HEADER_RULE: usize = 6;
/// The text's width: the page less its margins, in twentieths of a point.
const TEXT_WIDTH_TWIPS: usize = 9_072;
/// A cell's left or right padding: 0.1 cm (Word's default is 0.19 cm).
const CELL_MARGIN_TWIPS: usize = 57;
/// A cell's left and right padding together.
const CELL_PADDING_TWIPS: usize = 2 * CELL_MARGIN_TWIPS;
/// The numbering of bulleted lists (docx-rs has a numbered list as 1).
const BULLETS: usize = 2;
/// English Metric Units in a centimetre (the unit of a picture's size).
const EMU_PER_CM: f64 = 360_000.0;

/// The report cannot be written as .docx.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// A figure was not drawn as PNG.
    #[error("report.docx: the figure {0} has no PNG")]
    MissingFigure(String),
    /// The .docx package cannot be written.
    #[error("cannot write report.docx: {0}")]
    Package(String),
}

/// Writes `document` as a .docx file, each figure as its PNG from `pngs` (by the figure's
/// `file`).
pub fn to_docx(document: &Document, pngs: &HashMap<String, Png>) -> Result<Vec<u8>, DocxError> {
    let chinese = document.lang.starts_with("zh");
    let mut writer = Writer {
        docx: styled(Docx::new()),
        paragraphs: 0,
        pictures: 0,
        chinese,
    };
    let title = writer.paragraph(&document.title).style("Title");
    writer.add(title);
    for block in &document.blocks {
        match block {
            Block::Heading { level, text } => {
                let style = if *level <= 2 { "Heading1" } else { "Heading2" };
                let heading = writer.paragraph(text).style(style).keep_next(true);
                writer.add(heading);
            }
            Block::Paragraph(text) => {
                let paragraph = writer.paragraph(text);
                writer.add(paragraph);
            }
            Block::List(items) => {
                for item in items {
                    let paragraph = writer
                        .paragraph(item)
                        .style("ListBullet")
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0));
                    writer.add(paragraph);
                }
            }
            Block::Table(table) => writer.table(table),
            Block::Figure(figure) => {
                let png = pngs
                    .get(&figure.file)
                    .ok_or_else(|| DocxError::MissingFigure(figure.file.clone()))?;
                writer.figure(figure, png);
            }
        }
    }
    let mut package = writer.docx.build();
    package.document = repeat_header_rows(&package.document);
    let mut bytes = Cursor::new(Vec::new());
    package
        .pack(&mut bytes)
        .map_err(|error| DocxError::Package(error.to_string()))?;
    Ok(bytes.into_inner())
}

/// The opening of a table in docx-rs's XML.
const TABLE_START: &[u8] = b"<w:tbl>";
/// The property docx-rs writes first in every row of our tables (rows never split).
const ROW_PROPERTY: &[u8] = b"<w:cantSplit />";
/// The property that makes Word repeat a row at the top of every page a table continues on.
const REPEATED_HEADER: &[u8] = b"<w:tblHeader />";

/// Marks the first row of every table (its header) as one Word repeats on each page the table
/// continues on (`w:tblHeader`, ECMA-376 §17.4.49), which docx-rs cannot write: after each
/// table's opening, the first row property gets the mark beside it.
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(document.len() + 1024);
    let mut rest = document;
    while let Some(start) = memmem::find(rest, TABLE_START) {
        let Some(property) = memmem::find(&rest[start..], ROW_PROPERTY) else {
            break;
        };
        let end = start + property + ROW_PROPERTY.len();
        out.extend_from_slice(&rest[..end]);
        out.extend_from_slice(REPEATED_HEADER);
        rest = &rest[end..];
    }
    out.extend_from_slice(rest);
    out
}

/// The document being written, with counters that make its ids the same on every run.
struct Writer {
    docx: Docx,
    paragraphs: u32,
    pictures: u32,
    chinese: bool,
}

impl Writer {
    /// Adds `paragraph` at the end.
    fn add(&mut self, paragraph: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(paragraph);
    }

    /// A paragraph of marked-up text: `*italic*` runs in italics.
    fn paragraph(&mut self, text: &str) -> Paragraph {
        self.sized_paragraph(text, None)
    }

    /// A paragraph of marked-up text in `size` (half-points) rather than its style's size.
    fn sized_paragraph(&mut self, text: &str, size: Option<usize>) -> Paragraph {
        self.paragraphs += 1;
        let mut paragraph = Paragraph::new().id(format!("{:08X}", self.paragraphs));
        for span in spans(text) {
            let mut run = Run::new().add_text(span.text);
            if span.italic {
                run = run.italic();
            }
            if span.subscript {
                run.run_property = run.run_property.vert_align(VertAlignType::SubScript);
            }
            if let Some(size) = size {
                run = run.size(size);
            }
            paragraph = paragraph.add_run(run);
        }
        paragraph
    }

    /// Captions are centred in Chinese theses, flush left in APA.
    fn caption_alignment(&self) -> AlignmentType {
        if self.chinese {
            AlignmentType::Center
        } else {
            AlignmentType::Left
        }
    }

    /// The caption, the three-line table, and the note.
    fn table(&mut self, table: &Table) {
        let caption = self
            .paragraph(&table.caption)
            .style("Caption")
            .align(self.caption_alignment())
            .keep_next(true);
        self.add(caption);
        let widths = column_widths(table);
        let widths = &widths;
        let mut rows = Vec::with_capacity(table.rows.len() + 1);
        let header: Vec<TableCell> = (0..table.header.len())
            .map(|i| {
                let rule = TableCellBorders::with_empty().set(
                    TableCellBorder::new(TableCellBorderPosition::Bottom)
                        .border_type(BorderType::Single)
                        .size(HEADER_RULE)
                        .color("000000"),
                );
                self.cell(&table.header[i], i, widths).set_borders(rule)
            })
            .collect();
        rows.push(TableRow::new(header).cant_split());
        for row in &table.rows {
            let cells: Vec<TableCell> = row
                .iter()
                .enumerate()
                .map(|(i, text)| self.cell(text, i, widths))
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        let rule = |position| {
            TableBorder::new(position)
                .border_type(BorderType::Single)
                .size(OUTER_RULE)
                .color("000000")
        };
        let none = |position| TableBorder::new(position).border_type(BorderType::Nil);
        let borders = TableBorders::with_empty()
            .set(rule(TableBorderPosition::Top))
            .set(rule(TableBorderPosition::Bottom))
            .set(none(TableBorderPosition::Left))
            .set(none(TableBorderPosition::Right))
            .set(none(TableBorderPosition::InsideH))
            .set(none(TableBorderPosition::InsideV));
        let grid = docx_rs::Table::new(rows)
            .set_grid(widths.columns.clone())
            .width(widths.columns.iter().sum(), WidthType::Dxa)
            .margins(TableCellMargins::new().margin(0, CELL_MARGIN_TWIPS, 0, CELL_MARGIN_TWIPS))
            .set_borders(borders)
            .layout(TableLayoutType::Fixed)
            .align(if self.chinese {
                docx_rs::TableAlignmentType::Center
            } else {
                docx_rs::TableAlignmentType::Left
            });
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_table(grid);
        if let Some(note) = &table.note {
            let note = self.paragraph(note).style("TableNote");
            self.add(note);
        }
    }

    /// A table cell: the first column flush left, the numbers flush right.
    fn cell(&mut self, text: &str, column: usize, widths: &Widths) -> TableCell {
        let align = if column == 0 {
            AlignmentType::Left
        } else {
            AlignmentType::Right
        };
        let size = (widths.size != TABLE_SIZE).then_some(widths.size);
        let paragraph = self
            .sized_paragraph(text, size)
            .style("TableText")
            .align(align);
        let width = widths
            .columns
            .get(column)
            .copied()
            .unwrap_or(CELL_PADDING_TWIPS);
        TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(paragraph)
    }

    /// The picture, centred, with its caption below.
    fn figure(&mut self, figure: &Figure, png: &Png) {
        self.pictures += 1;
        let (width_cm, height_cm) = png.size_cm();
        // A picture is at most a page wide: the casts cannot overflow.
        let emu = |cm: f64| (cm * EMU_PER_CM).round() as u32;
        let picture = Pic::new_with_dimensions(png.bytes.clone(), png.width_px, png.height_px)
            .size(emu(width_cm), emu(height_cm))
            .id(format!("rIdImage{}", self.pictures));
        self.paragraphs += 1;
        let holder = Paragraph::new()
            .id(format!("{:08X}", self.paragraphs))
            .style("Figure")
            .align(AlignmentType::Center)
            .keep_next(true)
            .add_run(Run::new().add_image(picture));
        let caption = self
            .paragraph(&figure.caption)
            .style("Caption")
            .align(self.caption_alignment());
        self.add(holder);
        self.add(caption);
    }
}

/// The most characters a cell has to be kept on one line.
const SHORT_CELL: usize = 12;

/// The most characters a cell of numbers has to be kept on one line.
const NUMBERS_CELL: usize = 24;

/// Whether `cell` holds numbers only (digits, signs, brackets, separators): a median and its
/// quartiles, an interval.
fn is_numbers(cell: &str) -> bool {
    cell.chars().count() <= NUMBERS_CELL && !cell.chars().any(char::is_alphabetic)
}

/// A table's columns and the size of its text.
struct Widths {
    /// Each column's width in twentieths of a point.
    columns: Vec<usize>,
    /// The text's size in half-points: [`TABLE_SIZE`], or [`SMALL_TABLE_SIZE`] for a table
    /// that would not fit.
    size: usize,
}

/// Table text: 五号, 10.5 pt.
const TABLE_SIZE: usize = 21;
/// Table text of a wide table: 小五, 9 pt.
const SMALL_TABLE_SIZE: usize = 18;

/// What a column's narrowest width keeps on one line, from the most to the least.
#[derive(Clone, Copy, PartialEq)]
enum Keep {
    /// Short cells ("< .001", "(精确)", "12.75 (1.49)") and cells of numbers ("45.00 [37.75,
    /// 50.00]") whole, other cells' words.
    Numbers,
    /// Short cells whole; an estimate and its interval may go on two lines, the interval whole.
    Intervals,
    /// Only each word.
    Words,
}

/// The narrowest width `cell` can take at `size`, keeping what `keep` says on one line.
fn least_width(cell: &str, size: usize, keep: Keep) -> usize {
    let longest = |pieces: &mut dyn Iterator<Item = &str>| {
        pieces
            .map(|piece| text_width(piece, size))
            .max()
            .unwrap_or(0)
    };
    let short = cell.chars().count() <= SHORT_CELL;
    match keep {
        Keep::Numbers if short || is_numbers(cell) => text_width(cell, size),
        Keep::Intervals if short => text_width(cell, size),
        // The bracket the split takes away is still printed: one character more.
        Keep::Intervals if is_numbers(cell) => {
            longest(&mut cell.split(" [").flat_map(|piece| piece.split(" ("))) + size * 11 / 2
        }
        _ => longest(&mut cell.split_whitespace()),
    }
}

/// The columns' widths: each as wide as its longest cell; when that is wider than the page,
/// each column keeps its narrowest width (see [`Keep`], at 10.5 pt, else 9 pt) and the rest
/// of the page is shared out in proportion to what the columns lack.
fn column_widths(table: &Table) -> Widths {
    let at = |size: usize, keep: Keep| {
        let columns = table.header.len();
        let mut widest = vec![0; columns];
        let mut least = vec![0; columns];
        for row in std::iter::once(&table.header).chain(&table.rows) {
            for (i, cell) in row.iter().enumerate().take(columns) {
                widest[i] = widest[i].max(text_width(cell, size));
                least[i] = least[i].max(least_width(cell, size, keep));
            }
        }
        // A third of an em more than the estimate: Word's and LibreOffice's fonts and
        // rounding differ from it, and a cell cut to the estimate wraps its last character.
        let pad = |widths: Vec<usize>| -> Vec<usize> {
            widths
                .into_iter()
                .map(|w| w + CELL_PADDING_TWIPS + size * 10 / 3)
                .collect()
        };
        (pad(widest), pad(least))
    };
    // 10.5 pt, else 9 pt, when the cells of numbers can stay whole: each column as wide as its
    // longest cell if the page allows, else its narrowest plus a share of the rest of the page in
    // proportion to what it lacks.
    for size in [TABLE_SIZE, SMALL_TABLE_SIZE] {
        let (widest, least) = at(size, Keep::Numbers);
        let (total, floor) = (widest.iter().sum::<usize>(), least.iter().sum::<usize>());
        if total <= TEXT_WIDTH_TWIPS {
            // Room to spare: up to an em more per column, so the columns do not touch.
            let extra = ((TEXT_WIDTH_TWIPS - total) / widest.len().max(1)).min(size * 10);
            let columns = widest.iter().map(|w| w + extra).collect();
            return Widths { columns, size };
        }
        if floor <= TEXT_WIDTH_TWIPS {
            let (spare, lacking) = (TEXT_WIDTH_TWIPS - floor, total - floor);
            let columns = (widest.iter().zip(&least))
                .map(|(w, l)| l + (w - l) * spare / lacking)
                .collect();
            return Widths { columns, size };
        }
    }
    // A wide table at 9 pt: every word whole, then as many columns as the page allows are
    // widened to keep their intervals whole, then their numbers, then their longest cell, the
    // columns of numbers first and the cheapest first; a word is cut only when the words alone
    // do not fit.
    let size = SMALL_TABLE_SIZE;
    let (widest, mut columns) = at(size, Keep::Words);
    let floor: usize = columns.iter().sum();
    if floor > TEXT_WIDTH_TWIPS {
        let cap = cap_to_fit(&columns, TEXT_WIDTH_TWIPS);
        let columns = columns.iter().map(|&w| w.min(cap)).collect();
        return Widths { columns, size };
    }
    let mut spare = TEXT_WIDTH_TWIPS - floor;
    let numbers: Vec<bool> = (0..columns.len())
        .map(|i| {
            table
                .rows
                .iter()
                .filter_map(|row| row.get(i))
                .all(|cell| is_numbers(cell))
        })
        .collect();
    for level in [
        at(size, Keep::Intervals).1,
        at(size, Keep::Numbers).1,
        widest,
    ] {
        // Columns that lack the same width (pre and post M (SD)) are widened together or not
        // at all, so that alike columns look alike.
        let mut groups: Vec<(bool, usize, Vec<usize>)> = Vec::new();
        for i in 0..columns.len() {
            let need = level[i].saturating_sub(columns[i]);
            if need == 0 {
                continue;
            }
            match groups.iter_mut().find(|(_, lack, _)| *lack == need) {
                Some((others, _, members)) => {
                    *others &= !numbers[i];
                    members.push(i);
                }
                None => groups.push((!numbers[i], need, vec![i])),
            }
        }
        groups.sort_by_key(|(others, need, members)| (*others, need * members.len()));
        for (_, need, members) in groups {
            let total = need * members.len();
            if total <= spare {
                for i in members {
                    columns[i] += need;
                }
                spare -= total;
            }
        }
    }
    Widths { columns, size }
}

/// The largest `cap` such that the `widths`, each cut to at most `cap`, add up to no more than
/// `total`.
fn cap_to_fit(widths: &[usize], total: usize) -> usize {
    let mut sorted = widths.to_vec();
    sorted.sort_unstable();
    let mut used = 0;
    for (i, &width) in sorted.iter().enumerate() {
        let rest = sorted.len() - i;
        if used + width * rest > total {
            return (total - used) / rest;
        }
        used += width;
    }
    sorted.last().copied().unwrap_or(total)
}

/// The estimated width of marked-up `text` at `size` half-points, in twentieths of a point: a
/// Chinese character is an em, anything else a little over half of one.
fn text_width(text: &str, size: usize) -> usize {
    plain_text(text)
        .chars()
        .map(|c| {
            if c.len_utf8() >= 3 {
                size * 10
            } else {
                size * 11 / 2
            }
        })
        .sum()
}

/// The page, the fonts and the styles the report uses.
fn styled(docx: Docx) -> Docx {
    let body = RunFonts::new()
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .east_asia(BODY_FONT_ZH);
    let heading = RunFonts::new()
        .ascii(LATIN_FONT)
        .hi_ansi(LATIN_FONT)
        .cs(LATIN_FONT)
        .east_asia(HEADING_FONT_ZH);
    let after = |points: u32| LineSpacing::new().before(0).after(points * 20);
    let paragraph_style = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .q_format(true)
    };
    let bullet = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("•"),
        LevelJc::new("left"),
    )
    .indent(Some(420), Some(SpecialIndentType::Hanging(420)), None, None);
    docx.page_size(A4_TWIPS.0, A4_TWIPS.1)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TWIPS)
                .bottom(MARGIN_TWIPS)
                .left(MARGIN_TWIPS)
                .right(MARGIN_TWIPS)
                .header(851)
                .footer(851),
        )
        .default_fonts(body.clone())
        // 小四: 12 pt body text.
        .default_size(24)
        // docx-rs writes a plain Normal style of its own: the body's spacing is the default.
        .default_line_spacing(after(6))
        .add_style(
            paragraph_style("Title", "Title")
                .fonts(heading.clone())
                .size(32)
                .bold()
                .align(AlignmentType::Center)
                .line_spacing(after(12)),
        )
        .add_style(
            paragraph_style("Heading1", "heading 1")
                .fonts(heading.clone())
                .size(28)
                .bold()
                .outline_lvl(0)
                .line_spacing(LineSpacing::new().before(360).after(120)),
        )
        .add_style(
            paragraph_style("Heading2", "heading 2")
                .fonts(heading.clone())
                .size(24)
                .bold()
                .outline_lvl(1)
                .line_spacing(LineSpacing::new().before(240).after(120)),
        )
        .add_style(
            paragraph_style("Caption", "caption")
                .fonts(heading)
                // 五号: 10.5 pt.
                .size(21)
                .line_spacing(LineSpacing::new().before(240).after(60)),
        )
        .add_style(
            paragraph_style("TableText", "Table Text")
                .fonts(body.clone())
                .size(TABLE_SIZE)
                .line_spacing(LineSpacing::new().before(20).after(20)),
        )
        .add_style(
            paragraph_style("TableNote", "Table Note")
                .fonts(body.clone())
                // 小五: 9 pt.
                .size(18)
                .line_spacing(LineSpacing::new().before(60).after(240)),
        )
        .add_style(
            paragraph_style("Figure", "Figure")
                .line_spacing(LineSpacing::new().before(240).after(0)),
        )
        .add_style(paragraph_style("ListBullet", "List Bullet").fonts(body))
        .add_abstract_numbering(AbstractNumbering::new(BULLETS).add_level(bullet))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widest_columns_are_cut_to_fit() {
        // 3 + 4 + 5 = 12 > 10: the 4 and the 5 are cut to 3.5 each.
        assert_eq!(cap_to_fit(&[300, 500, 400], 1000), 350);
        // Enough room: nothing is cut.
        assert_eq!(cap_to_fit(&[300, 500], 1000), 500);
        // One column too wide: it gets all the room.
        assert_eq!(cap_to_fit(&[2000], 1000), 1000);
    }

    #[test]
    fn a_table_too_wide_even_at_9_pt_keeps_words_and_intervals_and_widens_alike_columns_alike() {
        let cells = |row: [&str; 10]| row.map(str::to_owned).to_vec();
        let table = Table {
            caption: "Table 7. Pre/post, control group".to_owned(),
            header: cells([
                "measure",
                "*n*",
                "pre *M* (*SD*)",
                "post *M* (*SD*)",
                "*t* (*df*)",
                "*p*",
                "*p* adj.",
                "*d*~z~ [95% CI]",
                "*V*",
                "*p* (*V*)",
            ]),
            rows: vec![
                cells([
                    "Time-dependence burden",
                    "9",
                    "12.44 (2.19)",
                    "13.11 (1.76)",
                    "0.74 (8)",
                    ".479",
                    "1.000",
                    "0.25 [-0.42, 0.90]",
                    "24.5",
                    ".406 (exact)",
                ]),
                cells([
                    "Emotional burden",
                    "9",
                    "8.00 (2.35)",
                    "7.00 (3.28)",
                    "-2.45 (8)",
                    ".040",
                    ".240",
                    "-0.82 [-1.56, -0.04]",
                    "2.5",
                    "1.000 (exact)",
                ]),
            ],
            note: None,
        };
        let widths = column_widths(&table);
        assert_eq!(widths.size, SMALL_TABLE_SIZE);
        assert!(widths.columns.iter().sum::<usize>() <= TEXT_WIDTH_TWIPS);
        // The longest word of the first column, and the widest interval, each on one line.
        let padded = |text| text_width(text, SMALL_TABLE_SIZE) + CELL_PADDING_TWIPS + 60;
        assert!(widths.columns[0] >= padded("Time-dependence"));
        assert!(
            widths.columns[7] >= padded("[-1.56, -0.04]"),
            "{:?}",
            widths.columns
        );
        // pre and post lack the same width: they are widened together or not at all.
        assert_eq!(widths.columns[2], widths.columns[3]);
    }

    #[test]
    fn cells_of_numbers_are_kept_whole() {
        assert!(is_numbers("45.00 [37.75, 50.00]"));
        assert!(is_numbers("−0.53 [−1.20, 0.14]"));
        assert!(!is_numbers("group work (n = 10)"));
        assert!(!is_numbers("1 2 3 4 5 6 7 8 9 10 11 12 13"));
    }

    #[test]
    fn a_narrow_table_leaves_room_around_short_chinese_names() {
        let table = Table {
            caption: "表 1".to_owned(),
            header: vec!["指标".to_owned(), "组别".to_owned()],
            rows: vec![vec!["总负担".to_owned(), "干预组".to_owned()]],
            note: None,
        };
        let widths = column_widths(&table);
        assert_eq!(widths.size, TABLE_SIZE);
        // Three characters at 10.5 pt are 630 twips; the cell has its padding, a third of an
        // em for the renderer's rounding, and an em of room.
        assert_eq!(widths.columns, [630 + 114 + 70 + 210, 630 + 114 + 70 + 210]);
    }

    #[test]
    fn a_table_too_wide_for_the_page_keeps_its_narrow_columns() {
        let cell = |s: &str| s.to_owned();
        let table = Table {
            caption: "Table 1".to_owned(),
            header: ["measure", "n", "a", "b", "c", "d", "e", "f"]
                .map(cell)
                .to_vec(),
            rows: vec![
                [
                    "Developmental",
                    "10",
                    "12.10 (1.79)",
                    "12.10 (1.79)",
                    "12.10 (1.79)",
                    "12.10 (1.79)",
                    "12.10 (1.79)",
                    "12.10 (1.79)",
                ]
                .map(cell)
                .to_vec(),
            ],
            note: None,
        };
        let widths = column_widths(&table);
        assert_eq!(widths.size, SMALL_TABLE_SIZE);
        assert!(widths.columns.iter().sum::<usize>() <= TEXT_WIDTH_TWIPS);
        // "10" at 9 pt keeps its width: two half-em digits, the padding and a third of an em.
        assert_eq!(widths.columns[1], 2 * 99 + CELL_PADDING_TWIPS + 60);
    }
}
