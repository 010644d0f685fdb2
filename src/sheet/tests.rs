//! Behaviour of [`Sheet`] through its public interface: text and workbooks, every error message,
//! and property tests (round trips through the `csv` writer; no panics on arbitrary bytes).

use std::error::Error as _;
use std::io::Cursor;
use std::path::Path;

use proptest::prelude::*;
use rust_xlsxwriter::{Format, Formula, Workbook};

use super::*;

/// A row as read: its number and cells.
type Row = (u64, Vec<String>);

fn options(encoding: Encoding) -> SheetOptions {
    SheetOptions {
        encoding,
        sheet: None,
    }
}

fn sheet_options(sheet: &str) -> SheetOptions {
    SheetOptions {
        encoding: Encoding::Auto,
        sheet: Some(sheet.to_owned()),
    }
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

fn read_all(sheet: &mut Sheet) -> Result<Vec<Row>, SheetError> {
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    while let Some(number) = sheet.read_row(&mut record)? {
        assert_eq!(record.len(), sheet.headers().len());
        rows.push((number, record.iter().map(str::to_owned).collect()));
    }
    Ok(rows)
}

/// Every row until the end or the first error, and that error with its sources.
type Outcome = (Vec<Row>, Option<String>);

/// Reads `sheet` one row at a time.
fn read_rows(mut sheet: Sheet) -> Outcome {
    let mut record = csv::StringRecord::new();
    let mut rows = Vec::new();
    loop {
        match sheet.read_row(&mut record) {
            Ok(Some(number)) => rows.push((number, record.iter().map(str::to_owned).collect())),
            Ok(None) => return (rows, None),
            Err(error) => return (rows, Some(chain(&error))),
        }
    }
}

/// Reads `sheet` in chunks of `chunk_bytes`, checking each chunk's first row and row count.
fn read_chunks(sheet: Sheet, chunk_bytes: usize) -> Outcome {
    let width = sheet.headers().len();
    let Ok((mut chunks, parser)) = sheet.into_chunks(chunk_bytes) else {
        panic!("delimited text is read in chunks");
    };
    let mut chunk = TextChunk::default();
    let mut rows: Vec<Row> = Vec::new();
    loop {
        match chunks.next_chunk(&mut chunk) {
            Ok(true) => {}
            Ok(false) => return (rows, None),
            Err(error) => return (rows, Some(chain(&error))),
        }
        let before = rows.len();
        let parsed = parser.for_each_record(&chunk, |number, record| {
            rows.push((
                number,
                (0..width).map(|i| record.get(i).to_owned()).collect(),
            ));
        });
        if let Err(error) = parsed {
            return (rows, Some(chain(&error)));
        }
        assert_eq!(rows.len() - before, chunk.rows() as usize);
        if let Some(first) = rows.get(before) {
            assert_eq!(first.0, chunk.first_row());
        }
    }
}

/// Reading `bytes` in chunks of any size gives the rows and the error of reading them one by
/// one.
fn assert_chunks_read_alike(bytes: &[u8], encoding: Encoding) {
    let open =
        || Sheet::text_from_reader("<stdin>", Cursor::new(bytes.to_vec()), &options(encoding));
    let Ok(sheet) = open() else { return };
    let expected = read_rows(sheet);
    for chunk_bytes in [1, 2, 3, 7, 64, 1 << 16] {
        let chunked = read_chunks(open().unwrap(), chunk_bytes);
        assert_eq!(chunked, expected, "chunks of {chunk_bytes} bytes");
    }
}

/// Headers and rows of delimited text given as bytes, read as standard input would be (and,
/// checked to agree, in chunks).
fn read_bytes(bytes: &[u8], encoding: Encoding) -> Result<(Vec<String>, Vec<Row>), SheetError> {
    assert_chunks_read_alike(bytes, encoding);
    let mut sheet =
        Sheet::text_from_reader("<stdin>", Cursor::new(bytes.to_vec()), &options(encoding))?;
    let rows = read_all(&mut sheet)?;
    Ok((sheet.headers().to_vec(), rows))
}

fn read_path(path: &str, options: &SheetOptions) -> Result<(Vec<String>, Vec<Row>), SheetError> {
    let mut sheet = Sheet::open(path, options)?;
    assert_eq!(sheet.source(), path);
    let rows = read_all(&mut sheet)?;
    Ok((sheet.headers().to_vec(), rows))
}

/// The first error of reading `bytes` as UTF-8 text, with its whole source chain.
fn text_error(bytes: &[u8]) -> String {
    match read_bytes(bytes, Encoding::Utf8) {
        Ok(read) => panic!("expected an error, read {read:?}"),
        Err(error) => chain(&error),
    }
}

fn path_error(path: &str, options: &SheetOptions) -> String {
    match read_path(path, options) {
        Ok(read) => panic!("expected an error, read {read:?}"),
        Err(error) => chain(&error),
    }
}

/// The message and its sources, as `main` prints them.
fn chain(error: &SheetError) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|&cell| cell.to_owned()).collect()
}

fn row(number: u64, cells: &[&str]) -> Row {
    (number, strings(cells))
}

#[test]
fn sheet_error_can_cross_threads() {
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<SheetError>();
}

// ---- delimited text -------------------------------------------------------------------------

#[test]
fn reads_comma_separated_text() {
    let (headers, rows) =
        read_bytes(b"id, name ,q1\n1,Ann,3\n2,\"Bo, Jr\",\n", Encoding::Auto).unwrap();
    assert_eq!(headers, strings(&["id", "name", "q1"]));
    assert_eq!(
        rows,
        vec![row(2, &["1", "Ann", "3"]), row(3, &["2", "Bo, Jr", ""])]
    );
}

#[test]
fn detects_tab_and_semicolon() {
    let (headers, rows) = read_bytes(b"id\tq1\tq2\n1\t2,5\t3\n", Encoding::Auto).unwrap();
    assert_eq!(headers, strings(&["id", "q1", "q2"]));
    assert_eq!(rows, vec![row(2, &["1", "2,5", "3"])]);
    let (headers, rows) = read_bytes(b"id;q1;q2\n1;2,5;3\n", Encoding::Auto).unwrap();
    assert_eq!(headers, strings(&["id", "q1", "q2"]));
    assert_eq!(rows, vec![row(2, &["1", "2,5", "3"])]);
}

#[test]
fn delimiters_inside_quoted_header_cells_do_not_count() {
    let text = b"\"a,b,c\";\"d,e\";f\n1;2;3\n";
    let (headers, rows) = read_bytes(text, Encoding::Auto).unwrap();
    assert_eq!(headers, strings(&["a,b,c", "d,e", "f"]));
    assert_eq!(rows, vec![row(2, &["1", "2", "3"])]);
}

#[test]
fn a_single_column_is_comma_separated() {
    let (headers, rows) = read_bytes(b"score\n1\n\"2,5\"\n", Encoding::Auto).unwrap();
    assert_eq!(headers, strings(&["score"]));
    assert_eq!(rows, vec![row(2, &["1"]), row(3, &["2,5"])]);
}

#[test]
fn strips_the_byte_order_mark_and_reads_crlf() {
    let text = b"\xEF\xBB\xBFid,q1\r\n1,2\r\n3,\"a\r\nb\"\r\n";
    for encoding in [Encoding::Auto, Encoding::Utf8, Encoding::Gb18030] {
        let (headers, rows) = read_bytes(text, encoding).unwrap();
        assert_eq!(headers, strings(&["id", "q1"]));
        assert_eq!(rows, vec![row(2, &["1", "2"]), row(3, &["3", "a\r\nb"])]);
    }
}

#[test]
fn empty_lines_are_skipped_and_not_counted() {
    let (_, rows) = read_bytes(b"id,q1\n\n1,2\r\n\r\n3,4\n\n", Encoding::Auto).unwrap();
    assert_eq!(rows, vec![row(2, &["1", "2"]), row(3, &["3", "4"])]);
    let (_, rows) = read_bytes(b"id,q1\n\n1,2\n\n\n3,4\n\n5,6", Encoding::Auto).unwrap();
    let expected = vec![
        row(2, &["1", "2"]),
        row(3, &["3", "4"]),
        row(4, &["5", "6"]),
    ];
    assert_eq!(rows, expected);
    let (_, rows) = read_bytes(b"id,q1\n,\n", Encoding::Auto).unwrap();
    assert_eq!(rows, vec![row(2, &["", ""])]);
}

#[test]
fn a_multi_line_field_is_one_row() {
    let (_, rows) = read_bytes(b"id,note\n1,\"two\nlines\"\n2,x\n", Encoding::Auto).unwrap();
    assert_eq!(
        rows,
        vec![row(2, &["1", "two\nlines"]), row(3, &["2", "x"])]
    );
}

#[test]
fn cells_are_not_trimmed() {
    let (_, rows) = read_bytes(b"id,q1\n 1 , NA \n", Encoding::Auto).unwrap();
    assert_eq!(rows, vec![row(2, &[" 1 ", " NA "])]);
}

#[test]
fn gb18030_files_are_detected_or_forced() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode("id,姓名\n1,张三\n");
    assert!(!unmappable);
    let path = write_file(dir.path(), "gbk.csv", &bytes);
    let expected = (strings(&["id", "姓名"]), vec![row(2, &["1", "张三"])]);
    for encoding in [Encoding::Auto, Encoding::Gb18030] {
        assert_eq!(read_path(&path, &options(encoding)).unwrap(), expected);
        assert_eq!(read_bytes(&bytes, encoding).unwrap(), expected);
    }
    let message = path_error(&path, &options(Encoding::Utf8));
    assert_eq!(
        message,
        format!(
            "{path}: row 1, column 2 is not valid UTF-8; if the file is in GBK or GB18030, use \
             --encoding gb18030"
        )
    );
}

#[test]
fn utf8_files_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "utf8.csv", "id,姓名\n1,张三\n".as_bytes());
    let expected = (strings(&["id", "姓名"]), vec![row(2, &["1", "张三"])]);
    assert_eq!(
        read_path(&path, &options(Encoding::Auto)).unwrap(),
        expected
    );
    assert_eq!(
        read_path(&path, &options(Encoding::Utf8)).unwrap(),
        expected
    );
}

#[test]
fn a_file_is_judged_whole_but_stdin_by_its_first_mib() {
    let mut text = b"id,name\n".to_vec();
    let filler = b"1,abcdefghijklmnopqrstuvwxyz\n";
    let count = 2 * 1024 * 1024 / filler.len();
    for _ in 0..count {
        text.extend_from_slice(filler);
    }
    text.extend_from_slice(&encoding_rs::GB18030.encode("2,张三\n").0);
    let last_row = count as u64 + 2;

    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "late.csv", &text);
    let (_, rows) = read_path(&path, &options(Encoding::Auto)).unwrap();
    assert_eq!(rows.last().unwrap(), &row(last_row, &["2", "张三"]));

    let error = read_bytes(&text, Encoding::Auto).unwrap_err();
    assert_eq!(
        chain(&error),
        format!(
            "<stdin>: row {last_row}, column 2 is not valid UTF-8; if the file is in GBK or \
             GB18030, use --encoding gb18030"
        )
    );
    let (_, rows) = read_bytes(&text, Encoding::Gb18030).unwrap();
    assert_eq!(rows.len(), count + 1);
}

#[test]
fn a_bom_means_utf8_in_auto() {
    let error = read_bytes(b"\xEF\xBB\xBFid,name\n1,\xD5\xC5\n", Encoding::Auto).unwrap_err();
    assert!(
        matches!(
            error,
            SheetError::InvalidUtf8 {
                row: 2,
                column: 2,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn is_missing_recognises_the_no_answer_codes() {
    for cell in [
        "", "  ", "\t", "NA", "na", " Na ", "N/A", "n/a", ".", " - ", "#N/A", "#n/a", "\u{3000}",
    ] {
        assert!(is_missing(cell), "{cell:?}");
    }
    // 问卷星's mark of a skipped question.
    for cell in ["(跳过)", " (跳过) ", "（跳过）"] {
        assert!(is_missing(cell), "{cell:?}");
    }
    for cell in [
        "0", "NaN", "-1", "..", "--", "nan", "N A", "#NA", "none", "缺失",
    ] {
        assert!(!is_missing(cell), "{cell:?}");
    }
    for cell in ["跳过", "(跳过", "(空)", "(跳过)1"] {
        assert!(!is_missing(cell), "{cell:?}");
    }
}

#[test]
fn the_cli_fixtures_hold_the_same_answers() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let gbk = read_path(
        dir.join("input_gbk.csv").to_str().unwrap(),
        &options(Encoding::Auto),
    );
    let (gbk_headers, gbk_rows) = gbk.unwrap();
    let tsv = read_path(
        dir.join("input_bom_crlf.csv").to_str().unwrap(),
        &options(Encoding::Auto),
    );
    let (tsv_headers, tsv_rows) = tsv.unwrap();
    assert_eq!(gbk_headers[..2], strings(&["id", "姓名"]));
    assert_eq!(gbk_headers[2..], tsv_headers[1..]);
    assert_eq!(tsv_headers.len(), 25);
    let names: Vec<&str> = gbk_rows
        .iter()
        .map(|(_, cells)| cells[1].as_str())
        .collect();
    assert_eq!(names, ["张三", "李四", "王小明"]);
    for ((gbk_number, gbk_cells), (tsv_number, tsv_cells)) in gbk_rows.iter().zip(&tsv_rows) {
        assert_eq!(gbk_number, tsv_number);
        assert_eq!(gbk_cells[0], tsv_cells[0]);
        assert_eq!(gbk_cells[2..], tsv_cells[1..]);
    }
    assert_eq!(tsv_rows.len(), 3);
}

// ---- errors in delimited text ---------------------------------------------------------------

#[test]
fn missing_file_names_its_path() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["absent.csv", "absent.xlsx"] {
        let path = dir.path().join(name);
        let path = path.to_str().unwrap();
        let message = path_error(path, &SheetOptions::default());
        assert!(
            message.starts_with(&format!("cannot open {path}: No such file or directory")),
            "{message}"
        );
    }
}

#[test]
fn unreadable_file_names_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_str().unwrap();
    for encoding in [Encoding::Auto, Encoding::Utf8] {
        let message = path_error(path, &options(encoding));
        assert_eq!(
            message,
            format!("cannot read {path}: Is a directory (os error 21)")
        );
    }
}

#[test]
fn empty_input_has_no_header_row() {
    for text in [&b""[..], b"\n\n", b"\r\n", b"\xEF\xBB\xBF"] {
        assert_eq!(
            text_error(text),
            "<stdin> has no header row: the file is empty"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "empty.csv", b"");
    assert_eq!(
        path_error(&path, &SheetOptions::default()),
        format!("{path} has no header row: the file is empty")
    );
}

#[test]
fn empty_header_cells_name_their_column() {
    assert_eq!(
        text_error(b"id,q1,q2,,q4\n1,2,3,4,5\n"),
        "<stdin>: column 4 has no name; every column needs a name in the header row"
    );
    assert_eq!(
        text_error(b"id\t \n"),
        "<stdin>: column 2 has no name; every column needs a name in the header row"
    );
    assert_eq!(
        text_error(b"id,q1,\n"),
        "<stdin>: column 3 has no name; every column needs a name in the header row"
    );
}

#[test]
fn duplicate_names_are_compared_ignoring_case_and_spaces() {
    assert_eq!(
        text_error(b"id,Score,q1, score \n"),
        "<stdin>: column 4 (\"score\") has the same name as column 2 (\"Score\"); column names \
         must be unique, ignoring case"
    );
    assert_eq!(
        text_error("姓名;姓名\n".as_bytes()),
        "<stdin>: column 2 (\"姓名\") has the same name as column 1 (\"姓名\"); column names \
         must be unique, ignoring case"
    );
}

#[test]
fn ragged_rows_are_errors() {
    assert_eq!(
        text_error(b"id,q1,q2\n1,2,3\n2,3\n"),
        "<stdin>: row 3 has 2 fields but the header has 3; every row needs one field per column \
         (check the delimiter and the quoting)"
    );
    assert_eq!(
        text_error(b"id,q1\n1,\"2\n3\",4\n"),
        "<stdin>: row 2 has 3 fields but the header has 2; every row needs one field per column \
         (check the delimiter and the quoting)"
    );
}

#[test]
fn invalid_utf8_names_row_and_column_and_suggests_gb18030() {
    assert_eq!(
        text_error(b"id,name\n1,ok\n2,\xD5\xC5\n"),
        "<stdin>: row 3, column 2 is not valid UTF-8; if the file is in GBK or GB18030, use \
         --encoding gb18030"
    );
}

#[test]
fn a_worksheet_name_for_text_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_file(dir.path(), "a.csv", b"id\n1\n");
    assert_eq!(
        path_error(&path, &sheet_options("Sheet2")),
        format!(
            "a worksheet (\"Sheet2\") was asked for, but {path} is delimited text; only \
             workbooks (.xlsx, .xls, .ods, ...) have worksheets"
        )
    );
}

// ---- workbooks ------------------------------------------------------------------------------

/// A workbook with a "Responses" sheet (numbers, text, a blank cell, a short row, a blank row,
/// a date, a boolean, an `#N/A` formula), a "Later" sheet whose used range starts at C3, and an
/// empty "Blank" sheet.
fn write_workbook(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Responses").unwrap();
    for (column, name) in ["id", " name ", "q1", "q2"].into_iter().enumerate() {
        sheet.write_string(0, column as u16, name).unwrap();
    }
    sheet.write_number(1, 0, 1).unwrap();
    sheet.write_string(1, 1, "张三").unwrap();
    sheet.write_number(1, 2, 3).unwrap();
    sheet.write_number(1, 3, 2.5).unwrap();
    sheet.write_number(2, 0, 2).unwrap();
    sheet.write_string(2, 1, "Li").unwrap();
    // (2, 2) is left blank and (2, 3) is past the row's last cell; row 4 is empty.
    sheet.write_number(4, 0, 3).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 1).unwrap();
    sheet
        .write_datetime_with_format(4, 1, &date, &Format::new().set_num_format("yyyy-mm-dd"))
        .unwrap();
    sheet.write_boolean(4, 2, true).unwrap();
    sheet
        .write_formula(4, 3, Formula::new("=NA()").set_result("#N/A"))
        .unwrap();

    let later = workbook.add_worksheet().set_name("Later").unwrap();
    later.write_string(2, 2, "id").unwrap();
    later.write_string(2, 3, "q1").unwrap();
    later.write_number(3, 2, 7).unwrap();
    later.write_number(3, 3, 0.1).unwrap();
    workbook.add_worksheet().set_name("Blank").unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn reads_the_first_worksheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("responses.XLSX");
    write_workbook(&path);
    let (headers, rows) = read_path(path.to_str().unwrap(), &SheetOptions::default()).unwrap();
    assert_eq!(headers, strings(&["id", "name", "q1", "q2"]));
    assert_eq!(
        rows,
        vec![
            row(2, &["1", "张三", "3", "2.5"]),
            row(3, &["2", "Li", "", ""]),
            row(5, &["3", "2024-03-01", "TRUE", "#N/A"]),
        ]
    );
    assert!(is_missing(&rows[2].1[3]));
}

#[test]
fn a_workbook_copied_from_the_start_reads_every_row_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("responses.xlsx");
    write_workbook(&path);
    let path = path.to_str().unwrap();
    let expected = read_path(path, &SheetOptions::default()).unwrap().1;

    let mut sheet = Sheet::open(path, &SheetOptions::default()).unwrap();
    let fresh = sheet.copy_from_start().unwrap();
    let mut record = csv::StringRecord::new();
    sheet.read_row(&mut record).unwrap();
    // Copied after a row was read: still from the first data row.
    let mut later = sheet.copy_from_start().unwrap();
    assert_eq!(later.source(), path);
    assert_eq!(later.headers(), strings(&["id", "name", "q1", "q2"]));
    assert_eq!(read_all(&mut later).unwrap(), expected);
    assert_eq!(read_rows(fresh), (expected.clone(), None));
    // The original goes on where it was.
    assert_eq!(read_all(&mut sheet).unwrap(), expected[1..]);

    let text = write_file(dir.path(), "responses.csv", b"id,q1\n1,2\n");
    let text = Sheet::open(&text, &SheetOptions::default()).unwrap();
    assert!(text.copy_from_start().is_none(), "text is a stream");
}

#[test]
fn reads_a_worksheet_by_name_with_its_own_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("responses.xlsx");
    write_workbook(&path);
    let path = path.to_str().unwrap();
    let expected = (strings(&["id", "q1"]), vec![row(4, &["7", "0.1"])]);
    assert_eq!(read_path(path, &sheet_options("Later")).unwrap(), expected);
    assert_eq!(read_path(path, &sheet_options("later")).unwrap(), expected);
}

#[test]
fn workbook_errors_name_the_file_and_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("responses.xlsx");
    write_workbook(&path);
    let path = path.to_str().unwrap();
    assert_eq!(
        path_error(path, &sheet_options("Sheet9")),
        format!(
            "{path} has no worksheet named \"Sheet9\"; its worksheets are \"Responses\", \
             \"Later\", \"Blank\""
        )
    );
    assert_eq!(
        path_error(path, &sheet_options("Blank")),
        format!("worksheet \"Blank\" of {path} is empty: it has no header row")
    );

    let garbage = write_file(dir.path(), "garbage.xlsx", b"id,q1\n1,2\n");
    let message = path_error(&garbage, &SheetOptions::default());
    assert!(
        message.starts_with(&format!("cannot read {garbage} as a workbook: Zip error: ")),
        "{message}"
    );
}

/// A committed workbook fixture of `tests/data/workbooks/` (made by its make_workbooks.py).
fn workbook_fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/workbooks")
        .join(name);
    path.to_str().unwrap().to_owned()
}

#[test]
fn reads_excel_97_and_opendocument_workbooks_as_xlsx() {
    for name in ["responses.xls", "responses.ods"] {
        let path = workbook_fixture(name);
        let (headers, rows) = read_path(&path, &SheetOptions::default()).unwrap();
        assert_eq!(headers, strings(&["id", "name", "q1", "q2"]), "{name}");
        // As the .xlsx of `write_workbook`, which also has an #N/A formula in the last cell.
        assert_eq!(
            rows,
            vec![
                row(2, &["1", "张三", "3", "2.5"]),
                row(3, &["2", "Li", "", ""]),
                row(5, &["3", "2024-03-01", "TRUE", ""]),
            ],
            "{name}"
        );
        assert_eq!(
            read_path(&path, &sheet_options("later")).unwrap(),
            (strings(&["id", "q1"]), vec![row(4, &["7", "0.1"])]),
            "{name}"
        );
        assert_eq!(
            path_error(&path, &sheet_options("Sheet9")),
            format!(
                "{path} has no worksheet named \"Sheet9\"; its worksheets are \"Responses\", \
                 \"Later\", \"Blank\""
            )
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let garbage = write_file(dir.path(), "garbage.XLS", b"id,q1\n1,2\n");
    let message = path_error(&garbage, &SheetOptions::default());
    assert!(
        message.starts_with(&format!("cannot read {garbage} as a workbook: ")),
        "{message}"
    );
}

#[test]
fn a_workbook_read_as_text_is_refused_by_its_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let expected = |input: &str| {
        format!(
            "{input} is not delimited text: it starts like a workbook (an Excel or OpenDocument \
             file); read it from a file with its own extension (.xlsx, .xls, .ods), or save it \
             as CSV"
        )
    };
    for fixture in ["responses.xls", "responses.ods"] {
        let bytes = std::fs::read(workbook_fixture(fixture)).unwrap();
        let misnamed = write_file(dir.path(), &format!("{fixture}.csv"), &bytes);
        for encoding in [Encoding::Auto, Encoding::Utf8, Encoding::Gb18030] {
            let options = SheetOptions {
                encoding,
                sheet: None,
            };
            assert_eq!(path_error(&misnamed, &options), expected(&misnamed));
        }
        let piped =
            Sheet::text_from_reader("<stdin>", Cursor::new(bytes), &SheetOptions::default());
        assert_eq!(chain(&piped.err().unwrap()), expected("<stdin>"));
    }
    // Text that merely starts with the letters PK is text.
    let text = write_file(dir.path(), "pk.csv", b"PK,q1\n1,2\n");
    assert_eq!(
        read_path(&text, &SheetOptions::default()).unwrap(),
        (strings(&["PK", "q1"]), vec![row(2, &["1", "2"])])
    );
}

#[test]
fn workbook_extensions_are_recognised_in_any_case() {
    for path in [
        "a.xlsx",
        "a.XLSX",
        "b.xlsm",
        "c.Xlsb",
        "d.xls",
        "e.ods",
        "dir.csv/f.XLS",
    ] {
        assert!(is_workbook(path), "{path}");
    }
    for path in [
        "a.csv",
        "a.tsv",
        "a.txt",
        "xlsx",
        "a.xlsx.csv",
        "a.odt",
        "-",
    ] {
        assert!(!is_workbook(path), "{path}");
    }
}

#[test]
fn workbook_header_errors_count_columns_from_a() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.write_string(1, 1, "id").unwrap();
    sheet.write_string(1, 3, "q1").unwrap();
    sheet.write_string(2, 2, "x").unwrap();
    let second = workbook.add_worksheet().set_name("Dup").unwrap();
    second.write_string(0, 0, "Q1").unwrap();
    second.write_number(0, 1, 1).unwrap();
    second.write_string(0, 2, "q1").unwrap();
    workbook.save(&path).unwrap();
    let path = path.to_str().unwrap();
    assert_eq!(
        path_error(path, &SheetOptions::default()),
        format!("{path}: column 3 has no name; every column needs a name in the header row")
    );
    assert_eq!(
        path_error(path, &sheet_options("Dup")),
        format!(
            "{path}: column 3 (\"q1\") has the same name as column 1 (\"Q1\"); column names must \
             be unique, ignoring case"
        )
    );
}

// ---- properties -----------------------------------------------------------------------------

/// Characters of cells: ASCII letters and digits, white space, quotes, the three delimiters,
/// line ends and Chinese characters (all encodable in GB18030).
const CELL_CHARS: &str = "[a-z0-9A-Z \"',;\t\r\n.#张三李四中文测试姓名，。]";

fn cell() -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{CELL_CHARS}{{0,6}}")).unwrap()
}

fn header_name() -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("{CELL_CHARS}{{1,6}}"))
        .unwrap()
        .prop_map(|name| name.trim().to_owned())
        .prop_filter("names are non-empty", |name| !name.is_empty())
}

#[derive(Debug, Clone)]
struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    delimiter: u8,
    quote_all: bool,
    bom: bool,
    crlf: bool,
    gb18030: bool,
}

fn table() -> impl Strategy<Value = Table> {
    (2usize..5, 0usize..6)
        .prop_flat_map(|(columns, rows)| {
            (
                prop::collection::vec(header_name(), columns),
                prop::collection::vec(prop::collection::vec(cell(), columns), rows),
                prop::sample::select(vec![b',', b'\t', b';']),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
            )
        })
        .prop_map(
            |(headers, rows, delimiter, quote_all, bom, crlf, gb18030)| {
                // Unquoted header cells must not hold the other candidate delimiters, or detection
                // would be ambiguous by construction.
                let headers = if quote_all {
                    headers
                } else {
                    headers
                        .into_iter()
                        .map(|name| {
                            name.chars()
                                .map(|c| match c {
                                    ',' | '\t' | ';' if c as u32 != u32::from(delimiter) => '_',
                                    c => c,
                                })
                                .collect::<String>()
                                .trim()
                                .to_owned()
                        })
                        .collect()
                };
                Table {
                    headers,
                    rows,
                    delimiter,
                    quote_all,
                    bom: bom && !gb18030,
                    crlf,
                    gb18030,
                }
            },
        )
        .prop_filter("names are unique ignoring case", |table| {
            let mut lower: Vec<String> = table.headers.iter().map(|h| h.to_lowercase()).collect();
            lower.sort();
            lower.dedup();
            lower.len() == table.headers.len() && table.headers.iter().all(|h| !h.is_empty())
        })
}

/// The table written by the `csv` writer, encoded; and the encoding to read it with (`Auto`
/// unless GB18030 bytes happen to be valid UTF-8 too).
fn encode(table: &Table) -> (Vec<u8>, Encoding) {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(table.delimiter)
        .quote_style(if table.quote_all {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .terminator(if table.crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    writer.write_record(&table.headers).unwrap();
    for row in &table.rows {
        writer.write_record(row).unwrap();
    }
    let utf8 = writer.into_inner().unwrap();
    if table.gb18030 {
        let text = String::from_utf8(utf8.clone()).unwrap();
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
        assert!(!unmappable);
        let ambiguous = bytes[..] != utf8[..] && std::str::from_utf8(&bytes).is_ok();
        let encoding = if ambiguous {
            Encoding::Gb18030
        } else {
            Encoding::Auto
        };
        (bytes.into_owned(), encoding)
    } else if table.bom {
        ([b"\xEF\xBB\xBF", &utf8[..]].concat(), Encoding::Auto)
    } else {
        (utf8, Encoding::Auto)
    }
}

/// Reads everything, or stops at the first error; must never panic.
fn drain(sheet: Result<Sheet, SheetError>) {
    if let Ok(mut sheet) = sheet {
        let mut record = csv::StringRecord::new();
        while let Ok(Some(_)) = sheet.read_row(&mut record) {}
    }
}

fn chaotic_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(b",;\t\"\r\n a1".to_vec()),
        prop::sample::select(vec![0xEF, 0xBB, 0xBF, 0xD5, 0xC5, 0x84, 0x31, 0x95, 0x33]),
    ]
}

/// Text without quotes, which chunks split by hand (eight bytes at a time) rather than with the
/// `csv` reader: delimiters, line ends of every kind, empty lines and multi-byte characters.
fn quote_free_text() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        prop::sample::select(vec![",", ",", ";", "\t", "\n", "\r", "\r\n", "\n\n"]),
        prop::sample::select(vec!["1", "2", "a", " ", "", "张", "é", "NA"]),
    ];
    (
        "[a-c]{1,3}(,[a-c]{1,3}){0,4}\n",
        prop::collection::vec(piece, 0..200),
    )
        .prop_map(|(header, pieces)| {
            let mut text = header.into_bytes();
            text.extend(pieces.concat().into_bytes());
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn quote_free_text_reads_alike_in_chunks(bytes in quote_free_text()) {
        assert_chunks_read_alike(&bytes, Encoding::Utf8);
    }

    /// The usual text, LF line ends and no empty line, whose records are counted at once.
    #[test]
    fn lf_lines_read_alike_in_chunks(
        lines in prop::collection::vec("[a1,张]{1,6}", 1..60),
        last_line_end in any::<bool>(),
    ) {
        let mut text = format!("a,b\n{}", lines.join("\n"));
        if last_line_end {
            text.push('\n');
        }
        assert_chunks_read_alike(text.as_bytes(), Encoding::Utf8);
    }

    #[test]
    fn written_tables_read_back_exactly(table in table()) {
        let (bytes, encoding) = encode(&table);
        let expected_rows: Vec<Row> = table
            .rows
            .iter()
            .enumerate()
            .map(|(index, cells)| (index as u64 + 2, cells.clone()))
            .collect();
        let expected = (table.headers.clone(), expected_rows);
        prop_assert_eq!(&read_bytes(&bytes, encoding).unwrap(), &expected);
        let dir = tempfile::tempdir().unwrap();
        let path = write_file(dir.path(), "table.csv", &bytes);
        prop_assert_eq!(&read_path(&path, &options(encoding)).unwrap(), &expected);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(chaotic_byte(), 0..400)) {
        let dir = tempfile::tempdir().unwrap();
        let path = write_file(dir.path(), "chaos.csv", &bytes);
        for encoding in [Encoding::Auto, Encoding::Utf8, Encoding::Gb18030] {
            assert_chunks_read_alike(&bytes, encoding);
            drain(Sheet::text_from_reader("<stdin>", Cursor::new(bytes.clone()), &options(encoding)));
            drain(Sheet::open(&path, &options(encoding)));
        }
        let path = write_file(dir.path(), "chaos.xlsx", &bytes);
        drain(Sheet::open(&path, &SheetOptions::default()));
    }
}
