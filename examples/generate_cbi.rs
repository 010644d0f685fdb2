//! Writes a synthetic Caregiver Burden Inventory response sheet, the input of the scoring
//! benchmark (`benches/score.rs`, `bench/score.sh`).
//!
//! Columns `id,cbi_1,…,cbi_24`; ids `R0000001`, `R0000002`, …; answers are whole numbers 0–4.
//! Each respondent has a burden level (`1.6 × (u₁ + u₂)`, u uniform on [0, 1): mean 1.6, range
//! 0–3.2); an answer is that level plus its dimension's offset plus uniform noise in ±1, rounded
//! and clipped to 0–4, so items of one respondent agree and the totals spread over the mild,
//! moderate and severe bands. Each cell is blank with probability `--blank-rate`, which with
//! the scale's missing rule gives a mix of `ok`, `prorated` and `incomplete` rows.
//!
//! The random numbers come from SplitMix64 and only additions, multiplications and rounding
//! touch them, so a given `--seed` writes the same bytes on every platform. 1,000,000 rows are
//! about 57 MB.
//!
//! ```text
//! cargo run --release --example generate_cbi -- --rows 1000000 --out /tmp/cbi_1m.csv
//! cargo run --release --example generate_cbi -- --rows 5 --seed 7 --blank-rate 0.1
//! ```

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::Parser;

/// The seed used when `--seed` is not given.
pub const DEFAULT_SEED: u64 = 42;
/// The share of blank cells when `--blank-rate` is not given.
pub const DEFAULT_BLANK_RATE: f64 = 0.01;

/// Number of CBI items.
const ITEMS: usize = 24;
/// Added to the respondent's level for the items of each dimension (time 1–5, developmental
/// 6–10, physical 11–14, social 15–19, emotional 20–24): time-dependence burden is reported
/// most often, emotional burden least.
const DIMENSION_OFFSETS: [(usize, f64); 5] =
    [(5, 0.4), (10, 0.2), (14, 0.0), (19, -0.3), (24, -0.5)];

/// Writes a deterministic synthetic CBI response sheet (CSV) to standard output or a file.
#[derive(Debug, Parser)]
struct Args {
    /// Number of respondents (data rows).
    #[arg(long)]
    rows: u64,
    /// Write to this file instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Seed of the random numbers; the same seed writes the same file.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Probability that a cell is left blank.
    #[arg(long, default_value_t = DEFAULT_BLANK_RATE)]
    blank_rate: f64,
}

fn main() -> io::Result<()> {
    let args = Args::parse();
    let out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(File::create(path)?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    write_sheet(&mut out, args.rows, args.seed, args.blank_rate)?;
    out.flush()
}

/// Writes the header and `rows` respondents to `out` (which should be buffered).
pub fn write_sheet(out: &mut impl Write, rows: u64, seed: u64, blank_rate: f64) -> io::Result<()> {
    let mut random = SplitMix64(seed);
    write!(out, "id")?;
    for item in 1..=ITEMS {
        write!(out, ",cbi_{item}")?;
    }
    writeln!(out)?;
    for row in 1..=rows {
        let level = 1.6 * (random.uniform() + random.uniform());
        write!(out, "R{row:07}")?;
        for item in 1..=ITEMS {
            let offset = DIMENSION_OFFSETS
                .iter()
                .find(|(last, _)| item <= *last)
                .map_or(0.0, |(_, offset)| *offset);
            let noise = 2.0 * random.uniform() - 1.0;
            let answer = (level + offset + noise).round().clamp(0.0, 4.0) as u8;
            // Drawn for every cell, so the answers do not depend on the blank rate.
            if random.uniform() < blank_rate {
                out.write_all(b",")?;
            } else {
                out.write_all(&[b',', b'0' + answer])?;
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// SplitMix64 (Steele, Lea & Flood 2014; the constants of Vigna's `splitmix64.c`), seeded with
/// its state. `examples/generate_studies.rs` uses it too.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on [0, 1), with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}
