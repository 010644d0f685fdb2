//! Reads every record of a delimited text sheet and scores nothing: the floor that
//! `psyscore score` is measured against (`bench/compare.sh`, `bench/score.sh`,
//! `benches/score.rs`).
//!
//! The sheet is opened as `psyscore score` opens it ([`Sheet::open`]: the encoding check,
//! delimiter detection and header), then every data row is read by the `csv` crate into one
//! reused [`csv::StringRecord`] (so its fields are checked to be UTF-8), on one thread. Prints
//! the number of rows.
//!
//! ```text
//! cargo run --release --example parse_only -- cbi.csv
//! ```

use psyscore::sheet::{Sheet, SheetError, SheetOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: parse_only SHEET.csv")?;
    println!("{} rows", read_every_row(&path)?);
    Ok(())
}

/// Opens the sheet at `path` and reads every data row; returns how many there are.
pub fn read_every_row(path: &str) -> Result<u64, SheetError> {
    let mut sheet = Sheet::open(path, &SheetOptions::default())?;
    let mut record = csv::StringRecord::new();
    let mut rows = 0u64;
    while sheet.read_row(&mut record)?.is_some() {
        rows += 1;
    }
    Ok(rows)
}
