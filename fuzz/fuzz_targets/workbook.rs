//! Workbooks (`.xlsx`, `.xlsb`, `.xls`, `.ods`) as `psyscore score` reads them: the guards on
//! declared sizes, calamine, the sparse cells, the header and every row. The first byte picks
//! the format; the rest is the file. Any error is fine; a panic that escapes psyscore, an
//! abort, a hang or unbounded memory is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use psyscore::sheet::{Sheet, SheetOptions, WorkbookFormat};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let format = match choice % 4 {
        0 => WorkbookFormat::Xlsx,
        1 => WorkbookFormat::Xlsb,
        2 => WorkbookFormat::Xls,
        _ => WorkbookFormat::Ods,
    };
    let options = SheetOptions::default();
    let Ok(mut sheet) = Sheet::workbook_from_bytes("<fuzz>", format, bytes.to_vec(), &options)
    else {
        return;
    };
    let width = sheet.headers().len();
    let mut record = csv::StringRecord::new();
    while let Ok(Some(_)) = sheet.read_row(&mut record) {
        assert_eq!(record.len(), width);
    }
});
