//! Writing a comparison report to standard output.

use anyhow::Result;
use serde::Serialize;

use crate::analysis::render::{HumanRow, write_to};
use crate::analysis::report::Report;
use crate::cli::{CsvArgs, Format};
use crate::commands::write_report;

/// Writes `report` to standard output in `format` (default: table on a terminal, else CSV).
pub fn write<R: Serialize + HumanRow>(
    report: &Report<R>,
    format: Option<Format>,
    csv: &CsvArgs,
) -> Result<()> {
    let written = write_report(format, csv, |out, format| write_to(out, report, format))?;
    excluded_note(report.excluded.len(), written);
    Ok(())
}

/// Tells on standard error that `left` rows were left out, when the format `written` (CSV)
/// does not list them.
pub fn excluded_note(left: usize, written: Format) {
    if written == Format::Csv && left > 0 {
        let rows = if left == 1 { "row was" } else { "rows were" };
        eprintln!(
            "note: {left} {rows} left out of some or all measures; --format json or table lists them with the reason"
        );
    }
}
