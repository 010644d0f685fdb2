//! `psyscore describe`: the descriptive table of a thesis, per measure, group and time.

use anyhow::Result;

use super::measures::MeasureSource;
use super::write_report;
use crate::analysis::describe::{DescribeReport, LabelledSheet, describe_report, notes, write_to};
use crate::cli::{CsvArgs, DescribeArgs, Format, QuantileArg};
use crate::error::UsageError;
use crate::stats::describe::QuantileType;

/// Runs `psyscore describe`.
pub fn run(args: &DescribeArgs) -> Result<()> {
    if !args.label.is_empty() && args.label.len() != args.inputs.len() {
        return Err(UsageError(format!(
            "give one --label per input: {} inputs, {} labels",
            args.inputs.len(),
            args.label.len()
        ))
        .into());
    }
    let source = MeasureSource::new(&args.measure)?;
    let by: Vec<&str> = args.by.iter().map(String::as_str).collect();
    let quantile_type = match args.quantiles {
        QuantileArg::R => QuantileType::R7,
        QuantileArg::Spss => QuantileType::Spss6,
    };
    let mut sheets = Vec::new();
    for (index, input) in args.inputs.iter().enumerate() {
        let sheet = source.read(input, &args.measure, None, &by)?;
        sheets.push(LabelledSheet {
            label: args.label.get(index).cloned(),
            sheet,
        });
    }
    let mut names: Vec<String> = Vec::new();
    if !args.label.is_empty() {
        names.push("label".to_owned());
    }
    names.extend(args.by.iter().cloned());
    let report = describe_report(&sheets, &names, quantile_type);
    write(&report, &names, args.format, &args.csv)
}

fn write(
    report: &DescribeReport,
    groups: &[String],
    format: Option<Format>,
    csv: &CsvArgs,
) -> Result<()> {
    let written = write_report(format, csv, |out, format| {
        write_to(out, report, groups, format)
    })?;
    // CSV has no room for remarks: they go to standard error.
    if written == Format::Csv {
        for note in notes(report) {
            eprintln!("note: {note}");
        }
    }
    Ok(())
}
