//! Scoring throughput: `psyscore score --scale cbi` on a generated sheet, against reading the
//! same sheet without scoring.
//!
//! Generates 1,000,000 rows with `examples/generate_cbi.rs` (set `PSYSCORE_BENCH_ROWS` for
//! another count) in a temporary folder, then times, in this process, [`REPEATS`] runs each of
//! - parse only: `examples/parse_only.rs`, the sheet opened as `score` opens it and every row
//!   read by the `csv` crate into one reused record;
//! - score: the `score` command through [`psyscore::run`], writing CSV to a file;
//!
//! and prints the median of each as rows/s and MB/s of input (1 MB = 10⁶ bytes), and the ratio
//! of the two times.
//!
//! ```text
//! cargo bench --bench score
//! PSYSCORE_BENCH_ROWS=100000 cargo bench --bench score
//! ```

#[path = "../examples/generate_cbi.rs"]
#[allow(dead_code)] // The example's `main` and flags are not used here.
mod generate_cbi;
#[path = "../examples/parse_only.rs"]
#[allow(dead_code)] // The example's `main` is not used here.
mod parse_only;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, ensure};
use clap::Parser;
use psyscore::cli::Cli;

/// Rows generated when `PSYSCORE_BENCH_ROWS` is not set.
const DEFAULT_ROWS: u64 = 1_000_000;
/// Timed runs of each case; the median is reported.
const REPEATS: usize = 5;

fn main() -> Result<()> {
    let rows = match std::env::var("PSYSCORE_BENCH_ROWS") {
        Ok(text) => text
            .parse()
            .with_context(|| format!("PSYSCORE_BENCH_ROWS={text:?} is not a row count"))?,
        Err(_) => DEFAULT_ROWS,
    };
    let dir = tempfile::tempdir()?;
    let input = dir.path().join("cbi.csv");
    let output = dir.path().join("scores.csv");
    let started = Instant::now();
    let mut file = BufWriter::with_capacity(1 << 16, File::create(&input)?);
    generate_cbi::write_sheet(
        &mut file,
        rows,
        generate_cbi::DEFAULT_SEED,
        generate_cbi::DEFAULT_BLANK_RATE,
    )?;
    file.flush()?;
    drop(file);
    let megabytes = std::fs::metadata(&input)?.len() as f64 / 1e6;
    println!(
        "input: {rows} rows, {megabytes:.1} MB, generated in {:.2} s; median of {REPEATS} runs",
        started.elapsed().as_secs_f64()
    );

    let parse = median(REPEATS, || parse_only(&input, rows))?;
    report("parse only", parse, rows, megabytes);
    let score = median(REPEATS, || score(&input, &output))?;
    report("score", score, rows, megabytes);
    println!(
        "score / parse only: {:.2}× the time",
        score.as_secs_f64() / parse.as_secs_f64()
    );
    Ok(())
}

/// Opens the sheet and reads every row (`examples/parse_only.rs`), checking the count.
fn parse_only(input: &Path, rows: u64) -> Result<()> {
    let read = parse_only::read_every_row(path_str(input)?)?;
    ensure!(read == rows, "read {read} rows, expected {rows}");
    Ok(())
}

/// Runs `psyscore score --scale cbi INPUT -o OUTPUT --format csv`.
fn score(input: &Path, output: &Path) -> Result<()> {
    psyscore::run(Cli::parse_from([
        "psyscore",
        "score",
        "--scale",
        "cbi",
        path_str(input)?,
        "-o",
        path_str(output)?,
        "--format",
        "csv",
    ]))
}

fn path_str(path: &Path) -> Result<&str> {
    path.to_str()
        .with_context(|| format!("{} is not UTF-8", path.display()))
}

/// The median wall time of `repeats` runs of `run`.
fn median(repeats: usize, mut run: impl FnMut() -> Result<()>) -> Result<Duration> {
    let mut times = Vec::with_capacity(repeats);
    for _ in 0..repeats {
        let started = Instant::now();
        run()?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[repeats / 2])
}

fn report(case: &str, time: Duration, rows: u64, megabytes: f64) {
    let seconds = time.as_secs_f64();
    println!(
        "{case:>10}: {:>7.3} s  {:>11.0} rows/s  {:>7.1} MB/s",
        seconds,
        rows as f64 / seconds,
        megabytes / seconds
    );
}
