//! `psyscore compare repeated` and `psyscore compare mixed`: several waves, one group or
//! several. Every person analysed has a value at every wave; everyone else is named.

use anyhow::Result;
use serde::Serialize;

use super::{adjust_method, require_levels};
use crate::analysis::waves::{
    Human, WavesReport, mixed_report, repeated_report, write_mixed, write_repeated, write_to,
};
use crate::cli::{CsvArgs, Format, MethodArg, MixedArgs, RepeatedArgs, WaveArgs};
use crate::commands::measures::MeasureSource;
use crate::commands::waves::{WaveSource, read_waves};
use crate::commands::write_report;
use crate::compare::Options;
use crate::data::measures::{distinct_values, value_list};
use crate::data::waves::Waves;
use crate::error::{DataError, UsageError};
use crate::stats::Alternative;
use crate::stats::rank::MethodChoice;

fn method_choice(method: MethodArg) -> MethodChoice {
    match method {
        MethodArg::Auto => MethodChoice::Auto,
        MethodArg::Exact => MethodChoice::Exact,
        MethodArg::Normal => MethodChoice::Normal,
    }
}

/// The waves as asked: `--wave NAME=FILE` repeated, or `--time COL --waves A,B,C` with INPUT.
pub(super) fn wave_source<'a>(
    args: &'a WaveArgs,
    wide: &'a [(String, String)],
) -> Result<WaveSource<'a>> {
    match (&args.time, &args.input) {
        (Some(column), Some(input)) => {
            check_wave_names(args.waves.iter().map(String::as_str), "--waves")?;
            Ok(WaveSource::Long {
                input,
                column,
                levels: &args.waves,
            })
        }
        _ => {
            check_wave_names(wide.iter().map(|(name, _)| name.as_str()), "--wave")?;
            Ok(WaveSource::Wide(wide))
        }
    }
}

/// `--wave NAME=FILE` values as (name, file).
pub(super) fn parse_waves(values: &[String]) -> Result<Vec<(String, String)>> {
    values
        .iter()
        .map(|value| match value.split_once('=') {
            Some((name, file)) if !name.trim().is_empty() && !file.trim().is_empty() => {
                Ok((name.trim().to_owned(), file.trim().to_owned()))
            }
            _ => Err(UsageError(format!(
                "--wave {value}: write NAME=FILE, e.g. --wave followup=cbi_followup.csv"
            ))
            .into()),
        })
        .collect()
}

/// At least two waves, each named once.
fn check_wave_names<'a>(names: impl Iterator<Item = &'a str>, option: &str) -> Result<()> {
    let names: Vec<&str> = names.collect();
    if names.len() < 2 {
        return Err(UsageError(format!(
            "{option}: give at least two waves, in order (got {})",
            names.len()
        ))
        .into());
    }
    if let Some(twice) = names
        .iter()
        .enumerate()
        .find(|(i, name)| names[..*i].contains(name))
    {
        return Err(UsageError(format!("{option}: the wave {} is named twice", twice.1)).into());
    }
    Ok(())
}

/// Runs `psyscore compare repeated`.
pub fn run_repeated(args: &RepeatedArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let wide = parse_waves(&args.waves.wave)?;
    let waves = read_waves(
        &source,
        &args.measure,
        wave_source(&args.waves, &wide)?,
        &args.waves.id,
        None,
    )?;
    let options = Options {
        conf: args.conf,
        alternative: Alternative::TwoSided,
        method: method_choice(args.method),
    };
    let report = repeated_report(&waves, options, adjust_method(args.analysis.adjust));
    write(
        &report,
        &args.analysis.format,
        &args.analysis.csv,
        write_repeated,
    )
}

/// Runs `psyscore compare mixed`.
pub fn run_mixed(args: &MixedArgs) -> Result<()> {
    let source = MeasureSource::new(&args.measure)?;
    let wide = parse_waves(&args.waves.wave)?;
    let waves = read_waves(
        &source,
        &args.measure,
        wave_source(&args.waves, &wide)?,
        &args.waves.id,
        Some(&args.group),
    )?;
    let groups = choose_groups(&waves, args)?;
    let report = mixed_report(
        waves,
        groups,
        &args.group,
        args.control.clone(),
        adjust_method(args.analysis.adjust),
        args.conf,
    );
    write(
        &report,
        &args.analysis.format,
        &args.analysis.csv,
        write_mixed,
    )
}

/// The groups to compare: as given (each held by some row), else in order of first appearance
/// with the control last; fewer than two is a data error naming the column.
fn choose_groups(waves: &Waves, args: &MixedArgs) -> Result<Vec<String>> {
    select_groups(waves, &args.group, &args.levels, args.control.as_ref())
}

/// [`choose_groups`] from the group column, `--levels` and `--control`.
pub(super) fn select_groups(
    waves: &Waves,
    column: &str,
    levels: &[String],
    control: Option<&String>,
) -> Result<Vec<String>> {
    let held = distinct_values(
        waves
            .sheets
            .iter()
            .flat_map(|sheet| sheet.rows.iter().map(|row| row.keys[0].as_str())),
    );
    let mut groups: Vec<String> = if levels.is_empty() {
        held.iter().map(|g| (*g).to_owned()).collect()
    } else {
        require_levels(levels, &held, column)?;
        levels.to_vec()
    };
    if let Some(control) = control {
        if !groups.contains(control) {
            return Err(UsageError(format!(
                "--control {control}: not one of the groups ({})",
                groups.join(", ")
            ))
            .into());
        }
        if levels.is_empty() {
            groups.retain(|g| g != control);
            groups.push(control.clone());
        }
    }
    if groups.len() < 2 {
        let mut sources: Vec<&str> = waves.sheets.iter().map(|s| s.source.as_str()).collect();
        sources.dedup();
        return Err(DataError(format!(
            "{}: column {} holds {} ({}); comparing groups needs two: is it the right column, and the sheets of every group?",
            sources.join(", "),
            column,
            if held.len() == 1 { "one group only" } else { "no group" },
            value_list(&held)
        ))
        .into());
    }
    Ok(groups)
}

pub(super) fn write<R: Serialize>(
    report: &WavesReport<R>,
    format: &Option<Format>,
    csv: &CsvArgs,
    human: Human<R>,
) -> Result<()> {
    let written = write_report(*format, csv, |out, format| {
        write_to(out, report, format, human)
    })?;
    if written == Format::Csv && !report.excluded.is_empty() {
        eprintln!(
            "note: {} left out of some or all measures; --format json or table lists them with the reason",
            match report.excluded.len() {
                1 => "1 row was".to_owned(),
                n => format!("{n} rows were"),
            }
        );
    }
    Ok(())
}
