//! Whole analyses: every measure of one sheet or several, who was left out and why, and the
//! tables each is written as. Each is what one command prints and what the study report holds.

pub mod ancova;
pub mod baseline;
pub mod change;
pub mod describe;
pub mod groups;
pub mod lmm;
pub mod paired;
pub mod reliability;
pub mod render;
pub mod report;
pub mod tables;
pub mod waves;

use std::io::{self, Write};

use serde::Serialize;

use crate::data::pairing::Excluded;
use crate::output::Format;

/// Writes an analysis report: the whole report as JSON, or else what `table` writes, told the
/// format and whether it is for people (table, Markdown: rounded) or for programs (CSV: exact).
pub fn write_report_to<T: Serialize>(
    out: &mut dyn Write,
    report: &T,
    format: Format,
    table: impl FnOnce(&mut dyn Write, Format, bool) -> io::Result<()>,
) -> io::Result<()> {
    match format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(report)?)?,
        format => table(out, format, format != Format::Csv)?,
    }
    Ok(())
}

/// How many rows left out the human formats list one by one (JSON lists every one).
const LISTED_EXCLUDED: usize = 50;

/// The human list of what was left out and why, under a report's tables: the first
/// fifty, then how many more.
pub fn write_excluded(out: &mut dyn Write, excluded: &[Excluded], bullet: &str) -> io::Result<()> {
    if excluded.is_empty() {
        return Ok(());
    }
    writeln!(out, "\nLeft out:")?;
    for left in excluded.iter().take(LISTED_EXCLUDED) {
        writeln!(out, "{bullet}{left}")?;
    }
    if excluded.len() > LISTED_EXCLUDED {
        writeln!(
            out,
            "{bullet}… and {} more (--format json lists every one)",
            excluded.len() - LISTED_EXCLUDED
        )?;
    }
    Ok(())
}
