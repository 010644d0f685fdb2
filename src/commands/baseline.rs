//! `psyscore baseline`: the participants' characteristics by group, with the tests of whether
//! the groups were alike at the start.

use anyhow::Result;

use super::compare::choose_arms;
use super::{open_sheet, write_report};
use crate::analysis::baseline::table::{variable_notes, write_baseline};
use crate::analysis::baseline::{BaselineReport, baseline_report};
use crate::cli::{BaselineArgs, Format};
use crate::data::characteristics::{Characteristic, Kind, NamedIn, read_characteristics};
use crate::error::UsageError;

/// Runs `psyscore baseline`.
pub fn run(args: &BaselineArgs) -> Result<()> {
    let characteristics = characteristics(args)?;
    let sheet = open_sheet(&args.input, args.encoding, args.sheet.clone())?;
    let sheet = read_characteristics(
        sheet,
        &characteristics,
        Some(&args.group),
        args.id.as_deref(),
        None,
        NamedIn::Options,
    )?;
    let levels = choose_arms(
        &args.levels,
        sheet.rows.iter().map(|row| row.group.as_str()),
        &args.group,
        &args.input,
    )?;
    let report = baseline_report(&sheet, Some(&args.group), &levels);
    let written = write_report(args.format, &args.csv, |out, format| {
        write_baseline(out, &report, format)
    })?;
    if written == Format::Csv {
        csv_notes(&report);
    }
    Ok(())
}

/// The characteristics the options name, each column once and none of them the group or id.
fn characteristics(args: &BaselineArgs) -> Result<Vec<Characteristic>> {
    let mut named: Vec<Characteristic> = Vec::new();
    let given = args
        .categorical
        .iter()
        .map(|column| (column.clone(), Kind::Categorical, "--categorical"))
        .chain(args.ordered.iter().map(|ordered| {
            (
                ordered.column.clone(),
                Kind::Ordered(ordered.levels.clone()),
                "--ordered",
            )
        }))
        .chain(
            args.continuous
                .iter()
                .map(|column| (column.clone(), Kind::Continuous, "--continuous")),
        );
    for (column, kind, option) in given {
        if column == args.group || args.id.as_ref() == Some(&column) {
            let role = if column == args.group {
                "--group"
            } else {
                "--id"
            };
            return Err(UsageError(format!(
                "{option} {column}: {column} is the {role} column; a characteristic describes the people in the groups"
            ))
            .into());
        }
        if named.iter().any(|c| c.column == column) {
            return Err(UsageError(format!(
                "column {column} is named twice among --categorical, --ordered and --continuous; name each characteristic once, with its kind"
            ))
            .into());
        }
        named.push(Characteristic { column, kind });
    }
    if named.is_empty() {
        return Err(UsageError(
            "name the characteristics to describe: --categorical COL (e.g. gender), --ordered COL=LOW,...,HIGH (e.g. education) or --continuous COL (e.g. age), each repeatable".to_owned(),
        )
        .into());
    }
    Ok(named)
}

/// CSV has no room for remarks: they go to standard error.
fn csv_notes(report: &BaselineReport) {
    for (name, note) in report.variables.iter().flat_map(variable_notes) {
        eprintln!("note: {name}: {note}");
    }
    let left = report.excluded.len();
    if left > 0 {
        let rows = if left == 1 { "row was" } else { "rows were" };
        eprintln!(
            "note: {left} {rows} left out (no group, or a group not compared); --format json or table lists them with the reason"
        );
    }
}
