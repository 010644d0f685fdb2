//! Checks run on a workbook's bytes before calamine parses them, so that a damaged or hostile
//! file is refused with an error instead of exhausting memory.
//!
//! calamine trusts the sizes a file declares. Fed mutated files, version 0.38 reserved memory for
//! a `.xls` worksheet's declared dimensions (24 GB from a 5.7 KB file), laid out the bounding box
//! of a worksheet's cells as a dense grid (65,536 x 65,536 cells from two stray cells), followed
//! cyclic sector chains of the `.xls` container without end, and expanded OpenDocument's
//! repeated cells before checking its own cell limit. A memory allocation that fails aborts the
//! process, which no `catch_unwind` can stop, so these sizes are checked here first, against
//! the same arithmetic calamine will do:
//!
//! - **zip** (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`): the declared uncompressed sizes of all parts
//!   together, at most [`MAX_UNCOMPRESSED`]. The zip reader stops any part at its declared size,
//!   so this bounds everything calamine decompresses.
//! - **`.xls`**: the compound-file container is read with the `cfb` crate, which checks its
//!   sector chains, and only the workbook stream is copied into a fresh, well-formed container
//!   for calamine; calamine never sees the original container. The BIFF records of that stream
//!   are then scanned as calamine will read them: each worksheet's declared dimensions and the
//!   bounding box of its cells, summed over all worksheets (calamine parses them all on
//!   opening), at most [`MAX_CELLS`].
//! - **`.ods`**: `content.xml` is scanned as calamine will read it: the cells each row keeps
//!   after column repeats, and the rows between the first and last non-empty ones after row
//!   repeats, summed over all tables, at most [`MAX_CELLS`].
//!
//! Worksheets of `.xlsx` and `.xlsb` workbooks are streamed cell by cell (see
//! [`super::workbook`]), so they need no scan: the cells kept are counted as they come.
//!
//! What these checks do not foresee (a panic inside calamine on a malformed record) is caught
//! by [`super::workbook`] as the last line of defence.

use std::io::{Cursor, Read, Write};

use quick_xml::events::{BytesStart, Event};

/// The most cells psyscore lets one workbook hold in memory: those kept from the worksheet
/// read, and those calamine lays out for all worksheets of an `.xls` or `.ods` file. About
/// 40 bytes each, so well under 1 GiB.
pub(super) const MAX_CELLS: u64 = 1 << 24;

/// The most bytes the parts of a zipped workbook (`.xlsx`, `.ods`) may declare uncompressed,
/// together.
pub(super) const MAX_UNCOMPRESSED: u64 = 1 << 30;

/// Rows and columns calamine caps OpenDocument tables at (as Excel's limits).
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = 16_384;

/// Why a workbook was refused before, or while, calamine read it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WorkbookRefusal {
    /// The file declares more cells than psyscore holds in memory.
    #[error(
        "it declares {declared} cells, more than the {limit} psyscore holds in memory from a \
         workbook; if the file is not damaged, save the worksheet as CSV, which is read as a \
         stream"
    )]
    TooManyCells {
        /// The cells declared (saturating).
        declared: u64,
        /// The limit: 16,777,216 cells.
        limit: u64,
    },

    /// The parts of a zipped workbook declare more bytes than psyscore decompresses.
    #[error(
        "its parts declare {declared} bytes uncompressed, more than the {limit} psyscore reads \
         from a workbook; if the file is not damaged, save the worksheet as CSV, which is read \
         as a stream"
    )]
    TooLarge {
        /// The bytes declared (saturating).
        declared: u64,
        /// The limit: 1 GiB.
        limit: u64,
    },

    /// The container of an `.xls` file is damaged, or holds no workbook stream.
    #[error("its Excel 97-2003 container is damaged: {0}")]
    Container(String),

    /// The workbook reader failed on the file (a panic inside calamine, contained).
    #[error(
        "the workbook reader failed on it ({0}); the file is probably damaged: open it in Excel \
         or LibreOffice and save it again, or save the worksheet as CSV"
    )]
    ReaderFailed(String),
}

/// Checks the declared sizes of a zipped workbook. A file that is not a readable zip archive
/// passes, for calamine to report.
pub(super) fn check_zip(bytes: &[u8]) -> Result<(), WorkbookRefusal> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut declared: u64 = 0;
    for index in 0..archive.len() {
        if let Ok(part) = archive.by_index_raw(index) {
            declared = declared.saturating_add(part.size());
        }
    }
    if declared > MAX_UNCOMPRESSED {
        return Err(WorkbookRefusal::TooLarge {
            declared,
            limit: MAX_UNCOMPRESSED,
        });
    }
    Ok(())
}

/// The workbook stream of an `.xls` file in a fresh compound file, once its BIFF records pass
/// [`check_biff`]. Names are matched as calamine matches them: `Workbook`, else `Book`,
/// ignoring ASCII case.
pub(super) fn xls_container(bytes: &[u8]) -> Result<Vec<u8>, WorkbookRefusal> {
    let damaged = |error: std::io::Error| WorkbookRefusal::Container(error.to_string());
    let mut container = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(damaged)?;
    let path = ["Workbook", "Book"]
        .iter()
        .find_map(|wanted| {
            container
                .walk()
                .find(|entry| entry.is_stream() && entry.name().eq_ignore_ascii_case(wanted))
                .map(|entry| entry.path().to_owned())
        })
        .ok_or_else(|| WorkbookRefusal::Container("it holds no workbook stream".to_owned()))?;
    let mut stream = container.open_stream(&path).map_err(damaged)?;
    if stream.len() > bytes.len() as u64 {
        return Err(WorkbookRefusal::Container(format!(
            "its workbook stream declares {} bytes, more than the file's {}",
            stream.len(),
            bytes.len()
        )));
    }
    let mut workbook = Vec::new();
    stream.read_to_end(&mut workbook).map_err(damaged)?;
    check_biff(&workbook)?;

    let fresh = Cursor::new(Vec::with_capacity(workbook.len() + 4096));
    // Version 3 (512-byte sectors): calamine refuses a version 4 root entry with no mini stream.
    let mut fresh =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, fresh).map_err(damaged)?;
    let mut copy = fresh.create_stream("/Workbook").map_err(damaged)?;
    copy.write_all(&workbook).map_err(damaged)?;
    drop(copy);
    fresh.flush().map_err(damaged)?;
    Ok(fresh.into_inner().into_inner())
}

/// BIFF record types, [MS-XLS] 2.3.
const EOF: u16 = 0x000A;
const BOUND_SHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MUL_RK: u16 = 0x00BD;
/// Records whose first four bytes are the row and column of one cell, as calamine reads them:
/// Number, Label, RString, BoolErr, RK, LabelSst, Formula.
const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// Checks the cells calamine will reserve and lay out for the worksheets of a BIFF workbook
/// stream: for each worksheet (found, as calamine finds them, at the offsets its BoundSheet
/// records give), the cells its Dimensions records declare and the bounding box of its cells.
fn check_biff(stream: &[u8]) -> Result<(), WorkbookRefusal> {
    let mut offsets = Vec::new();
    for (typ, data) in records(stream) {
        match typ {
            BOUND_SHEET if data.len() >= 4 => {
                offsets.push(u32::from_le_bytes([data[0], data[1], data[2], data[3]]) as usize);
            }
            EOF => break,
            _ => {}
        }
    }
    let mut declared: u64 = 0;
    for offset in offsets {
        let Some(sheet) = stream.get(offset..) else {
            continue;
        };
        let mut bounds = Bounds::default();
        for (typ, data) in records(sheet) {
            match typ {
                DIMENSIONS => declared = declared.saturating_add(dimensions_cells(data)),
                MUL_RK if data.len() >= 6 => {
                    let row = u16_at(data, 0);
                    let first = u16_at(data, 2);
                    let count = (data.len() - 6).div_ceil(6) as u32;
                    bounds.add(row, u32::from(first));
                    bounds.add(row, u32::from(first) + count.saturating_sub(1));
                }
                typ if CELL_RECORDS.contains(&typ) && data.len() >= 4 => {
                    bounds.add(u16_at(data, 0), u32::from(u16_at(data, 2)));
                }
                EOF => break,
                _ => {}
            }
        }
        declared = declared.saturating_add(bounds.cells());
    }
    if declared > MAX_CELLS {
        return Err(WorkbookRefusal::TooManyCells {
            declared,
            limit: MAX_CELLS,
        });
    }
    Ok(())
}

/// The records of a BIFF stream as (type, data), up to the first one cut short (where calamine
/// stops with an error). The cells of nested substreams (embedded charts), which calamine
/// skips, count too.
fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        if stream.len() < 4 {
            return None;
        }
        let typ = u16_at(stream, 0);
        let len = usize::from(u16_at(stream, 2));
        let record = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        Some((typ, record))
    })
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

/// The cells calamine 0.38 reserves for a Dimensions record (`parse_dimensions`, then
/// `rows * cols` with the wrapping arithmetic of a release build); 0 for a record of a length
/// calamine refuses.
fn dimensions_cells(data: &[u8]) -> u64 {
    let u32_at =
        |at: usize| u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]);
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)),
            u32::from(u16_at(data, 2)),
            u32::from(u16_at(data, 4)),
            u32::from(u16_at(data, 6)),
        ),
        14 | 16 => (
            u32_at(0),
            u32_at(4),
            u32::from(u16_at(data, 8)),
            u32::from(u16_at(data, 10)),
        ),
        _ => return 0,
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    let (start, end) = if last_row >= 1 && last_col >= 1 {
        ((first_row, first_col), (last_row - 1, last_col - 1))
    } else {
        ((first_row, first_col), (first_row, first_col))
    };
    let rows = u64::from(end.0.wrapping_sub(start.0).wrapping_add(1));
    let cols = u64::from(end.1.wrapping_sub(start.1).wrapping_add(1));
    rows.saturating_mul(cols)
}

/// The bounding box of a worksheet's cells.
#[derive(Default)]
struct Bounds {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Bounds {
    fn add(&mut self, row: u16, col: u32) {
        let row = u32::from(row);
        let widen = |range: Option<(u32, u32)>, at: u32| match range {
            None => Some((at, at)),
            Some((low, high)) => Some((low.min(at), high.max(at))),
        };
        self.rows = widen(self.rows, row);
        self.cols = widen(self.cols, col);
    }

    /// Cells of the dense grid calamine lays out (`Range::from_sparse`).
    fn cells(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((top, bottom)), Some((left, right))) => {
                u64::from(bottom - top + 1) * u64::from(right - left + 1)
            }
            _ => 0,
        }
    }
}

/// Checks the cells calamine will hold for the tables of an OpenDocument spreadsheet. A file
/// without a readable `content.xml` passes, for calamine to report.
pub(super) fn check_ods(bytes: &[u8]) -> Result<(), WorkbookRefusal> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let Ok(content) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let declared = ods_cells(std::io::BufReader::new(content));
    if declared > MAX_CELLS {
        return Err(WorkbookRefusal::TooManyCells {
            declared,
            limit: MAX_CELLS,
        });
    }
    Ok(())
}

/// An upper bound of the cells calamine 0.38 holds for the tables of `content.xml`
/// (`read_table`, `read_row`, `get_range`): for every row, the cells up to its last non-empty
/// one after column repeats (at most 16,384), and for every table the rows from its first to
/// its last non-empty row after row repeats (at most 1,048,576), times the widest row. A cell is
/// taken as non-empty when it has a value type, a formula or any content. Reading stops at
/// the first XML error, where calamine stops too.
fn ods_cells(content: impl std::io::BufRead) -> u64 {
    let mut reader = quick_xml::Reader::from_reader(content);
    reader.config_mut().expand_empty_elements = true;
    let mut buffer = Vec::new();
    let mut total: u64 = 0;
    let mut table = OdsTable::default();
    let mut row = OdsRow::default();
    // The cell being read: its column repeats, whether it counts as non-empty, its depth.
    let mut cell: Option<(u64, bool, usize)> = None;
    let mut depth = 0usize;
    loop {
        buffer.clear();
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(start)) => {
                depth += 1;
                match start.name().into_inner() {
                    _ if cell.is_some() => {
                        if let Some((_, non_empty, _)) = &mut cell {
                            *non_empty = true;
                        }
                    }
                    "table:table" => table = OdsTable::default(),
                    "table:table-row" => {
                        row = OdsRow {
                            repeats: attribute_number(&start, "table:number-rows-repeated"),
                            ..OdsRow::default()
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let repeats = attribute_number(&start, "table:number-columns-repeated");
                        let valued = start.attributes().flatten().any(|attribute| {
                            matches!(
                                attribute.key.into_inner(),
                                "office:value-type" | "table:formula"
                            )
                        });
                        cell = Some((repeats, valued, depth));
                    }
                    _ => {}
                }
            }
            Ok(Event::Text(_) | Event::CData(_)) => {
                if let Some((_, non_empty, _)) = &mut cell {
                    *non_empty = true;
                }
            }
            Ok(Event::End(end)) => {
                match (end.name().into_inner(), cell) {
                    (_, Some((repeats, non_empty, at))) if at == depth => {
                        row.add_cell(repeats, non_empty);
                        cell = None;
                    }
                    ("table:table-row", None) => table.add_row(&row),
                    ("table:table", None) => {
                        total = total.saturating_add(table.cells());
                        table = OdsTable::default();
                    }
                    _ => {}
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Eof) | Err(_) => {
                return total.saturating_add(table.cells());
            }
            Ok(_) => {}
        }
    }
}

/// The value of a repeat attribute; 1 when absent or unreadable (calamine refuses the file
/// then).
fn attribute_number(start: &BytesStart<'_>, name: &str) -> u64 {
    start
        .try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|attribute| attribute.value.parse().ok())
        .unwrap_or(1)
}

/// A row of an OpenDocument table being scanned.
#[derive(Default)]
struct OdsRow {
    repeats: u64,
    /// Columns so far, after repeats (capped as calamine caps them).
    columns: u64,
    /// Columns up to and including the last non-empty cell.
    kept: u64,
}

impl OdsRow {
    fn add_cell(&mut self, repeats: u64, non_empty: bool) {
        self.columns = self.columns.saturating_add(repeats).min(ODS_MAX_COLUMNS);
        if non_empty {
            self.kept = self.columns;
        }
    }
}

/// An OpenDocument table being scanned.
#[derive(Default)]
struct OdsTable {
    /// Cells calamine keeps while reading, before laying them out.
    raw: u64,
    /// Rows so far, after repeats (capped as calamine caps them).
    rows: u64,
    /// Rows up to and including the last non-empty row, and the first non-empty row.
    last_non_empty: u64,
    first_non_empty: Option<u64>,
    widest: u64,
}

impl OdsTable {
    fn add_row(&mut self, row: &OdsRow) {
        let repeats = row.repeats.min(ODS_MAX_ROWS - self.rows.min(ODS_MAX_ROWS));
        if row.kept > 0 {
            self.raw = self.raw.saturating_add(row.kept);
            self.first_non_empty.get_or_insert(self.rows);
            self.last_non_empty = self.rows + repeats;
            self.widest = self.widest.max(row.kept);
        }
        self.rows += repeats;
    }

    /// The cells of the laid-out table, and those kept while reading it.
    fn cells(&self) -> u64 {
        let rows = self.last_non_empty - self.first_non_empty.unwrap_or(self.last_non_empty);
        rows.saturating_mul(self.widest).saturating_add(self.raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions_follow_calamines_arithmetic() {
        let biff8 = |first_row: u32, last_row: u32, first_col: u16, last_col: u16| {
            let mut data = Vec::new();
            data.extend(first_row.to_le_bytes());
            data.extend(last_row.to_le_bytes());
            data.extend(first_col.to_le_bytes());
            data.extend(last_col.to_le_bytes());
            data.extend([0, 0]);
            dimensions_cells(&data)
        };
        assert_eq!(biff8(0, 0, 0, 0), 1);
        assert_eq!(biff8(0, 10, 0, 4), 40);
        assert_eq!(biff8(0, 65_536, 0, 256), 65_536 * 256);
        // A first row after the last: calamine's rows wrap to about 2^32.
        assert_eq!(biff8(5, 3, 0, 4), (u64::from(u32::MAX) - 1) * 4);
        assert_eq!(dimensions_cells(&[0; 12]), 0);
    }

    #[test]
    fn ods_scan_counts_kept_cells_not_trailing_repeats() {
        let content = r#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="S">
              <table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="1"/></table:table-row>
              <table:table-row table:number-rows-repeated="9"><table:table-cell office:value-type="float" office:value="1"/></table:table-row>
              <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        // Kept while reading: 5 + 1; laid out: 10 rows of 5.
        assert_eq!(ods_cells(content.as_bytes()), 6 + 50);
        let wide = r#"<table:table><table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"/></table:table-row></table:table>"#;
        assert_eq!(ods_cells(wide.as_bytes()), 16_384 + 1_000_000 * 16_384);
    }
}
