//! `psyscore reliability`: internal consistency of each subscale and the total in this sample.

use anyhow::Result;

use super::measures::MeasureSource;
use super::write_report;
use crate::analysis::reliability::{ReliabilityReport, reliability_report, write_to};
use crate::cli::{CsvArgs, Format, MeasureArgs, ReliabilityArgs};

/// Runs `psyscore reliability`.
pub fn run(args: &ReliabilityArgs) -> Result<()> {
    let measure_args = MeasureArgs {
        scale: Some(args.scale.clone()),
        measures: Vec::new(),
        columns: args.columns.clone(),
        coded_from: args.coded_from,
        read: args.read.clone(),
        only: None,
    };
    let source = MeasureSource::new(&measure_args)?.with_items();
    let sheet = source.read(&args.input, &measure_args, None, &[])?;
    let scale = source.scale.as_ref().expect("--scale is required");
    write(
        &reliability_report(scale, &sheet, args.conf),
        args.format,
        &args.csv,
    )
}

fn write(report: &ReliabilityReport, format: Option<Format>, csv: &CsvArgs) -> Result<()> {
    let written = write_report(format, csv, |out, format| write_to(out, report, format))?;
    if written == Format::Csv {
        for warning in &report.warnings {
            eprintln!("warning: {warning}");
        }
    }
    Ok(())
}
