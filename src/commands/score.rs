//! `psyscore score`: one output row per input row, in input order, streamed.

use std::io::Write;

use anyhow::Result;

use super::{open_sheet, output_target, resolve_format};
use crate::cli::{EncodingArg, Format, ScoreArgs};
use crate::error::UsageError;
use crate::output::UTF8_BOM;
use crate::scale::{ColumnTemplate, Scale};
use crate::score::{
    CHUNK_BYTES, Coding, CodingOption, InvalidCellsError, InvalidPolicy, Keep, Pipeline,
    ScaleReading, ScoreTable, lowest_unused, one_above_hint, write_scores,
};
use crate::sheet::{Sheet, is_workbook};

/// Runs `psyscore score`.
///
/// `--encoding auto` judges a text file by reading it whole before its rows. When the output
/// is a file, which can be written again, the file is read as UTF-8 at once instead and judged
/// only if that fails (then scored again as GB18030 if it is not UTF-8): a run that succeeds
/// has read every byte as valid UTF-8, so the judgement would have been UTF-8 too.
pub fn run(args: &ScoreArgs) -> Result<()> {
    let utf8_first = args.encoding == EncodingArg::Auto
        && args.output.is_some()
        && args.input != "-"
        && !is_workbook(&args.input);
    if !utf8_first {
        return score_as(args, args.encoding);
    }
    score_as(args, EncodingArg::Utf8).or_else(|error| {
        match Sheet::auto_reads_as_utf8(&args.input) {
            Ok(false) => score_as(args, EncodingArg::Gb18030),
            _ => Err(error),
        }
    })
}

/// Runs `psyscore score`, reading text in `encoding`.
fn score_as(args: &ScoreArgs, encoding: EncodingArg) -> Result<()> {
    score_opened(args, || {
        open_sheet(&args.input, encoding, args.sheet.clone())
    })
}

/// Runs `psyscore score` on the sheet `open` gives, opened after the scales are checked. Once
/// scoring has succeeded, a declared coding is named on standard error, and a sheet whose
/// answers look numbered from one above a questionnaire's lowest answer is warned about.
fn score_opened(args: &ScoreArgs, open: impl FnOnce() -> Result<Sheet>) -> Result<()> {
    let scales = load_scales(&args.scales)?;
    let templates = per_scale("--columns", &args.columns, &scales)?
        .into_iter()
        .zip(&scales)
        .map(|(text, scale)| {
            text.map(|text| {
                let template = ColumnTemplate::parse(text)?;
                template.check_fits(scale)?;
                Ok(template)
            })
            .transpose()
        })
        .collect::<Result<Vec<_>>>()?;
    let codings = per_scale("--coded-from", &args.coded_from, &scales)?
        .into_iter()
        .zip(&scales)
        .map(|(text, scale)| {
            text.map(|text| {
                let from = crate::cli::parse_coded_from(text)
                    .map_err(|message| UsageError(format!("--coded-from {text}: {message}")))?;
                super::measures::coded_from(scale, from)
            })
            .transpose()
        })
        .collect::<Result<Vec<Option<Coding>>>>()?;
    let policy = match args.invalid {
        crate::cli::InvalidArg::Error => InvalidPolicy::Error,
        crate::cli::InvalidArg::Missing => InvalidPolicy::Missing,
    };
    let sheet = open()?;
    let source = sheet.source().to_owned();
    let keep = if args.keep_all {
        Keep::AllOthers
    } else {
        Keep::Columns(&args.keep)
    };
    let readings: Vec<ScaleReading> = scales
        .iter()
        .zip(&templates)
        .zip(&codings)
        .map(|((scale, template), coding)| ScaleReading {
            scale,
            template: template.as_ref(),
            coding: coding.as_ref(),
        })
        .collect();
    let table = ScoreTable::bind(&sheet, &readings, args.id.as_deref(), keep, policy)?;
    let format = resolve_format(args.format, args.output.as_deref());
    let pipeline = match format {
        Format::Csv => Pipeline::Chunks {
            threads: args.threads.map_or_else(
                || std::thread::available_parallelism().map_or(1, usize::from),
                usize::from,
            ),
            chunk_bytes: CHUNK_BYTES,
        },
        Format::Json | Format::Md | Format::Table | Format::Xlsx => Pipeline::Rows,
    };
    let target = output_target(args.output.as_deref())?;
    let (mut out, held) = target.writer()?;
    if format == Format::Csv && args.csv.bom {
        out.write_all(UTF8_BOM)?;
    }
    let found = write_scores::<anyhow::Error>(sheet, &table, format, pipeline, out)?;
    // Only the scales whose coding is not declared are judged by their answers.
    let undeclared = || {
        scales
            .iter()
            .zip(&codings)
            .zip(&found.tallies)
            .filter(|((_, coding), _)| coding.is_none())
            .map(|((scale, _), tally)| (scale, tally))
    };
    if found.total > 0 {
        if let Some(held) = &held {
            held.abandon();
        }
        return Err(InvalidCellsError {
            file: source,
            cells: found.listed,
            total: found.total,
            hints: undeclared()
                .filter_map(|(scale, tally)| one_above_hint(scale, tally, CodingOption::Flag))
                .collect(),
        }
        .into());
    }
    if let Some(held) = &held {
        held.release()?;
    }
    target.commit()?;
    for (scale, coding) in scales.iter().zip(&codings) {
        if let Some(coding) = coding {
            eprintln!("note: {}", coding.describe(scale, CodingOption::Flag));
        }
    }
    for (scale, tally) in undeclared() {
        if let Some(warning) = lowest_unused(scale, tally, &source, CodingOption::Flag) {
            eprintln!("warning: {warning}");
        }
    }
    Ok(())
}

/// Loads every `--scale`, refusing the same id twice (their columns would collide).
fn load_scales(names: &[String]) -> Result<Vec<Scale>> {
    let mut scales: Vec<Scale> = Vec::new();
    for name in names {
        let scale = Scale::load(name)?;
        if scales.iter().any(|other| other.id == scale.id) {
            return Err(UsageError(format!(
                "scale `{}` is given twice with --scale; its output columns would collide",
                scale.id
            ))
            .into());
        }
        scales.push(scale);
    }
    Ok(scales)
}

/// Pairs the values of a per-scale option (`--columns`, `--coded-from`) with scales: `VALUE`
/// for a single scale, `SCALE=VALUE` with several; `None` for a scale it does not name.
fn per_scale<'v>(
    flag: &str,
    values: &'v [String],
    scales: &[Scale],
) -> Result<Vec<Option<&'v str>>> {
    let mut chosen = vec![None; scales.len()];
    for value in values {
        let (index, text) = match value.split_once('=') {
            Some((id, text)) => {
                let index = scales
                    .iter()
                    .position(|scale| scale.id.eq_ignore_ascii_case(id.trim()))
                    .ok_or_else(|| {
                        UsageError(format!(
                            "{flag} {value}: no --scale has the id `{}`",
                            id.trim()
                        ))
                    })?;
                (index, text)
            }
            None if scales.len() == 1 => (0, value.as_str()),
            None => {
                let placeholder = if flag == "--columns" { "TEMPLATE" } else { "N" };
                return Err(UsageError(format!(
                    "{flag} {value}: with several scales write SCALE={placeholder}, e.g. {flag} {}={value}",
                    scales[0].id
                ))
                .into());
            }
        };
        if chosen[index].is_some() {
            return Err(UsageError(format!(
                "{flag} is given twice for scale `{}`",
                scales[index].id
            ))
            .into());
        }
        chosen[index] = Some(text);
    }
    Ok(chosen)
}
