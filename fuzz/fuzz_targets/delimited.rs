//! Delimited text (CSV, TSV, semicolons) as `psyscore score` reads it: encoding detection or
//! decoding, byte order mark, delimiter detection, header validation, then every row, either
//! one at a time or in chunks as the parallel scorer reads them. The first byte picks the
//! encoding and the way of reading; the rest is the file. Any error is fine; a panic, an
//! abort, a hang or unbounded memory is a bug.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use psyscore::sheet::{Encoding, Sheet, SheetOptions, TextChunk};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, text)) = data.split_first() else {
        return;
    };
    let encoding = match choice % 3 {
        0 => Encoding::Auto,
        1 => Encoding::Utf8,
        _ => Encoding::Gb18030,
    };
    let options = SheetOptions {
        encoding,
        ..SheetOptions::default()
    };
    let Ok(sheet) = Sheet::text_from_reader("<fuzz>", Cursor::new(text.to_vec()), &options) else {
        return;
    };
    let width = sheet.headers().len();
    if choice & 4 == 0 {
        let mut sheet = sheet;
        let mut record = csv::StringRecord::new();
        while let Ok(Some(_)) = sheet.read_row(&mut record) {
            assert_eq!(record.len(), width);
        }
    } else if let Ok((mut chunks, parser)) = sheet.into_chunks(64) {
        let mut chunk = TextChunk::default();
        while let Ok(true) = chunks.next_chunk(&mut chunk) {
            // Every record has a field per header column: the last one exists.
            let _ = parser.for_each_record(&chunk, |_, record| {
                let _ = record.get(width - 1);
            });
        }
    }
});
