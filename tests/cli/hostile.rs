//! Damaged and hostile input files: each is refused with exit code 4 and a message naming the
//! file, never a panic, an abort or a machine out of memory. The fixtures in
//! `tests/data/hostile/` are written by `make_hostile.py` there, which says what each one did
//! before psyscore contained its workbook reader.

use crate::util::{psyscore, stdout_of};

/// `psyscore score -s scales/demo.toml FILE` fails with exit code 4 and exactly `message`.
fn refused(file: &str, message: &str) {
    psyscore()
        .args(["score", "-s", "scales/demo.toml", file])
        .assert()
        .code(4)
        .stdout("")
        .stderr(format!("error: {message}\n"));
}

const SAVE_AS_CSV: &str = "if the file is not damaged, save the worksheet as CSV, which is read \
                           as a stream";

#[test]
fn an_xls_declaring_a_huge_worksheet_is_refused_before_memory_is_reserved() {
    // calamine reserved 600 million cells (24 GB) for this 5.5 KB file and the process died.
    refused(
        "hostile/huge_dimensions.xls",
        &format!(
            "cannot read hostile/huge_dimensions.xls as a workbook: it declares 600000032 cells, \
             more than the 16777216 psyscore holds in memory from a workbook; {SAVE_AS_CSV}"
        ),
    );
}

#[test]
fn an_xls_cell_far_from_the_others_is_refused_before_the_grid_is_laid_out() {
    // Rows 1..=65536 by columns 1..=65536, as calamine lays them out (137 GB).
    refused(
        "hostile/far_cell.xls",
        &format!(
            "cannot read hostile/far_cell.xls as a workbook: it declares 4294967328 cells, more \
             than the 16777216 psyscore holds in memory from a workbook; {SAVE_AS_CSV}"
        ),
    );
}

#[test]
fn a_panic_inside_the_workbook_reader_is_contained() {
    refused(
        "hostile/bad_sheet_offset.xls",
        "cannot read hostile/bad_sheet_offset.xls as a workbook: the workbook reader failed on \
         it (range start index 2147483647 out of range for slice of length 4096); the file is \
         probably damaged: open it in Excel or LibreOffice and save it again, or save the \
         worksheet as CSV",
    );
}

#[test]
fn a_truncated_xls_is_a_damaged_container() {
    refused(
        "hostile/truncated.xls",
        "cannot read hostile/truncated.xls as a workbook: its Excel 97-2003 container is \
         damaged: DIFAT refers to sector 8, but sector count is only 8",
    );
}

#[test]
fn an_ods_of_repeated_cells_is_refused_before_they_are_expanded() {
    refused(
        "hostile/repeated.ods",
        &format!(
            "cannot read hostile/repeated.ods as a workbook: it declares 262144000 cells, more \
             than the 16777216 psyscore holds in memory from a workbook; {SAVE_AS_CSV}"
        ),
    );
}

#[test]
fn a_stray_cell_at_the_last_row_and_column_costs_no_grid() {
    // The used range is A1:XFD1048576, but only the cells are kept: the header's ninth column
    // is the first of the empty ones between the data and the stray cell.
    refused(
        "hostile/stray_cell.xlsx",
        "hostile/stray_cell.xlsx: column 9 has no name; every column needs a name in the \
         header row",
    );
}

#[test]
fn a_declared_dimension_of_the_whole_sheet_is_read_like_its_cells() {
    let from_csv = stdout_of(&["score", "-s", "scales/demo.toml", "demo.csv"]);
    let from_xlsx = stdout_of(&[
        "score",
        "-s",
        "scales/demo.toml",
        "hostile/huge_dimension.xlsx",
    ]);
    assert_eq!(from_xlsx, from_csv);
}

#[test]
fn a_workbook_of_any_other_bytes_is_a_data_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    for extension in ["xls", "xlsx", "xlsb", "ods"] {
        let path = dir.path().join(format!("noise.{extension}"));
        std::fs::write(&path, b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really").unwrap();
        let output = psyscore()
            .args(["score", "-s", "scales/demo.toml"])
            .arg(&path)
            .assert()
            .code(4)
            .get_output()
            .stderr
            .clone();
        let message = String::from_utf8(output).unwrap();
        assert!(
            message.starts_with(&format!(
                "error: cannot read {} as a workbook: ",
                path.display()
            )),
            "{message}"
        );
    }
}

const NOT_GB18030: &str = "row 3, column 3 is not valid GB18030 (GBK), the encoding the file \
                           was read in; if the file is UTF-8, use --encoding utf8, otherwise \
                           open it and save it as CSV UTF-8";

#[test]
fn bytes_that_are_not_gb18030_are_an_error_naming_row_and_column() {
    // Detected as GB18030 (it is not UTF-8), and chosen.
    refused(
        "hostile/bad_gb18030.csv",
        &format!("hostile/bad_gb18030.csv: {NOT_GB18030}"),
    );
    for format in ["csv", "json"] {
        psyscore()
            .args(["score", "-s", "scales/demo.toml", "--encoding", "gb18030"])
            .args(["--format", format, "hostile/bad_gb18030.csv"])
            .assert()
            .code(4)
            .stdout("")
            .stderr(format!("error: hostile/bad_gb18030.csv: {NOT_GB18030}\n"));
    }
    let bytes = std::fs::read(crate::util::data_dir().join("hostile/bad_gb18030.csv")).unwrap();
    psyscore()
        .args([
            "score",
            "-s",
            "scales/demo.toml",
            "--encoding",
            "gb18030",
            "-",
        ])
        .write_stdin(bytes)
        .assert()
        .code(4)
        .stdout("")
        .stderr(format!("error: <stdin>: {NOT_GB18030}\n"));
}
