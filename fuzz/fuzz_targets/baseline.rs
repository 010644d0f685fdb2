//! The baseline table as `psyscore baseline` builds it: a sheet of delimited text read as
//! characteristics (the second column the group, each later column categorical, ordered or
//! continuous as the first byte's bits say), every group compared, and the report written in
//! every format. Any error is fine; a panic, an abort, a hang or unbounded memory is a bug.
#![no_main]

use std::io::Cursor;

use libfuzzer_sys::fuzz_target;
use psyscore::analysis::baseline::baseline_report;
use psyscore::analysis::baseline::table::write_baseline;
use psyscore::data::characteristics::{Characteristic, Kind, NamedIn, read_characteristics};
use psyscore::data::measures::distinct_values;
use psyscore::output::Format;
use psyscore::sheet::{Sheet, SheetOptions};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, text)) = data.split_first() else {
        return;
    };
    let Ok(sheet) = Sheet::text_from_reader(
        "<fuzz>",
        Cursor::new(text.to_vec()),
        &SheetOptions::default(),
    ) else {
        return;
    };
    let headers = sheet.headers().to_vec();
    let [_, group, rest @ ..] = headers.as_slice() else {
        return;
    };
    let mut characteristics: Vec<Characteristic> = Vec::new();
    for (index, column) in rest.iter().enumerate().take(4) {
        if column == group || characteristics.iter().any(|c| &c.column == column) {
            continue;
        }
        let kind = match (choice >> (2 * index)) & 3 {
            0 | 1 => Kind::Categorical,
            2 => Kind::Ordered(vec!["0".into(), "1".into(), "2".into(), "a".into()]),
            _ => Kind::Continuous,
        };
        characteristics.push(Characteristic {
            column: column.clone(),
            kind,
        });
    }
    if characteristics.is_empty() {
        return;
    }
    let Ok(read) = read_characteristics(
        sheet,
        &characteristics,
        Some(group),
        None,
        None,
        NamedIn::Options,
    ) else {
        return;
    };
    let levels: Vec<String> = distinct_values(read.rows.iter().map(|row| row.group.as_str()))
        .into_iter()
        .take(6)
        .map(str::to_owned)
        .collect();
    if levels.is_empty() {
        return;
    }
    let report = baseline_report(&read, Some(group), &levels);
    assert_eq!(
        report.n + report.excluded.iter().map(|e| e.rows.len()).sum::<usize>(),
        read.rows.len(),
        "every row is described or left out"
    );
    // A NaN or infinity written as text is a bug, unless the sheet itself holds the word.
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| {
                matches!(
                    word.to_ascii_lowercase().as_str(),
                    "nan" | "inf" | "infinity"
                )
            })
            .map(str::to_owned)
            .collect()
    };
    let given = words(&String::from_utf8_lossy(text));
    for format in [Format::Csv, Format::Json, Format::Md, Format::Table] {
        let mut out = Vec::new();
        write_baseline(&mut out, &report, format).expect("writing into memory");
        let written = String::from_utf8(out).expect("UTF-8");
        for word in words(&written) {
            assert!(given.contains(&word), "{word} in\n{written}");
        }
    }
});
