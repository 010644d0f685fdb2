//! Scoring from Rust code instead of the command line: load a built-in scale, bind it to a
//! sheet's header, and score rows held in memory.
//!
//! Run: `cargo run --example score_rows`

use psyscore::scale::Scale;
use psyscore::score::{BoundScale, Headers, RowScores};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let scale = Scale::load("cdrisc10")?;
    let header: Vec<String> = (1..=10).map(|n| format!("cdrisc10_{n}")).collect();
    let headers = Headers::new(&header);
    let mut missing_columns = Vec::new();
    let bound = BoundScale::bind(&scale, None, &headers, &mut missing_columns)
        .ok_or("the header lacks some CD-RISC-10 columns")?;

    let rows: [[&str; 10]; 2] = [
        ["3", "2", "4", "3", "3", "2", "3", "4", "2", "3"],
        ["1", "", "2", "2", "1", "1", "2", "", "1", "2"],
    ];
    let mut scores = RowScores::default();
    let mut invalid = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let row_number = index as u64 + 2;
        bound.score_row(row_number, row.as_slice(), &mut scores, &mut invalid);
        println!(
            "row {row_number}: total {:?}, {} items answered, status {}, notes: {:?}",
            scores.scores[0],
            scores.answered,
            scores.status.as_str(),
            scores.notes
        );
    }
    Ok(())
}
