//! `psyscore change`: the reliable change index of each person (Jacobson & Truax 1991).

use std::collections::BTreeMap;

use anyhow::Result;

use super::measures::{MeasureSource, note_filled_groups, warn_if_row_number_ids};
use super::write_report;
use crate::analysis::change::{
    ChangeReport, ChangeSettings, CutoffSettings, MeasureChange, NO_RCI, change_report, write_to,
};
use crate::cli::{BetterArg, ChangeArgs, CsvArgs, CutoffArg, Format, SdArg};
use crate::data::pairing::require_common_ids;
use crate::error::{DataError, UsageError};
use crate::scale::Direction;
use crate::stats::change::{CutoffCriterion, Population, Reference};

/// Runs `psyscore change`.
pub fn run(args: &ChangeArgs) -> Result<()> {
    // The items are kept for the sample's alpha (`--sd sample`, or n ≥ 30 without norms).
    let source = MeasureSource::new(&args.measure)?.with_items();
    let mut sheets = [
        source.read_time(&args.pre, &args.measure, Some(&args.id), &[], &[])?,
        source.read_time(&args.post, &args.measure, Some(&args.id), &[], &[])?,
    ];
    warn_if_row_number_ids(&args.id, &[&sheets[0], &sheets[1]]);
    let filled = source.select(&mut sheets, &["pre", "post"], &args.id)?;
    if let Some((column, _)) = source.only() {
        note_filled_groups(&filled, column);
    }
    let [pre, post] = sheets;
    let better = match (args.better, source.scale.as_ref().and_then(|s| s.better)) {
        (Some(BetterArg::Lower), _) => Direction::Lower,
        (Some(BetterArg::Higher), _) => Direction::Higher,
        (None, Some(better)) => better,
        (None, None) => {
            return Err(UsageError(
                "say which direction is better with --better lower|higher (the scale does not say)"
                    .to_owned(),
            )
            .into());
        }
    };
    let cutoff = match args.cutoff {
        None => None,
        Some(criterion) => Some(CutoffSettings {
            criterion: match criterion {
                CutoffArg::A => CutoffCriterion::A,
                CutoffArg::B => CutoffCriterion::B,
                CutoffArg::C => CutoffCriterion::C,
            },
            functional: population(&args.functional, "--functional")?,
            dysfunctional: population(&args.dysfunctional, "--dysfunctional")?,
        }),
    };
    let settings = ChangeSettings {
        criterion: args.criterion,
        better,
        every_measure: reference(args.sd, args.reliability)?,
        by_measure: BTreeMap::new(),
        cutoff,
    };
    require_common_ids(&pre, &post, ["pre", "post"])?;
    let report = change_report(
        &pre,
        &post,
        ["pre", "post"],
        source.scale.as_ref(),
        &settings,
    );
    let without: Vec<&MeasureChange> = report
        .results
        .iter()
        .filter(|result| result.s_diff.is_none())
        .collect();
    if !without.is_empty() && without.len() == report.results.len() {
        let remedy = match args.sd {
            Some(SdArg::Sample) => {
                "give --sd SD --reliability R from the scale's manual or a norm sample"
            }
            _ => {
                "give --sd SD --reliability R from the scale's manual or a norm sample, or --sd sample to use this sample's own pre-test SD and Cronbach's alpha"
            }
        };
        let message = format!(
            "no reliable change index can be computed:\n{}\n  {remedy}",
            reasons_by_measure(&without)
        );
        return Err(match args.sd {
            Some(SdArg::Sample) => DataError(message).into(),
            _ => UsageError(message).into(),
        });
    }
    for result in &report.results {
        for note in &result.notes {
            eprintln!("warning: {}: {note}", result.measure);
        }
    }
    write(&report, args.format, &args.csv)
}

/// One line per distinct reason, naming the measures it holds for:
/// `  time, total: no SD and reliability to use: …`.
fn reasons_by_measure(results: &[&MeasureChange]) -> String {
    let mut reasons: Vec<(String, Vec<&str>)> = Vec::new();
    for result in results {
        let reason = result.notes.join("; ");
        let reason = reason
            .strip_prefix(NO_RCI)
            .map_or(reason.clone(), str::to_owned);
        match reasons.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, measures)) => measures.push(&result.measure),
            None => reasons.push((reason, vec![&result.measure])),
        }
    }
    reasons
        .iter()
        .map(|(reason, measures)| format!("  {}: {reason}", measures.join(", ")))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The reference of every measure given on the command line: `--sd SD --reliability R`, or
/// `--sd sample`; `None` without either.
fn reference(sd: Option<SdArg>, reliability: Option<f64>) -> Result<Option<Reference>> {
    let usage = |message: &str| Err(UsageError(message.to_owned()).into());
    match (sd, reliability) {
        (None, None) => Ok(None),
        (Some(SdArg::Value(sd)), Some(reliability)) => Ok(Some(Reference::Given {
            sd,
            reliability,
            source: "command line (--sd, --reliability)".to_owned(),
        })),
        (Some(SdArg::Sample), None) => Ok(Some(Reference::Sample)),
        (Some(SdArg::Value(_)), None) => usage(
            "--sd needs --reliability too (the measure's alpha or test–retest r from the same source), or write --sd sample to use this sample's pre-test SD and alpha",
        ),
        (None, Some(_)) => usage(
            "--reliability needs --sd too (the measure's SD in the same reference population)",
        ),
        (Some(SdArg::Sample), Some(_)) => usage(
            "--sd sample takes the reliability from the sample too (Cronbach's alpha before); leave out --reliability, or give --sd a number",
        ),
    }
}

/// A population given as MEAN,SD on the command line.
fn population(values: &[f64], option: &str) -> Result<Option<Population>> {
    match values {
        [] => Ok(None),
        [mean, sd] if *sd > 0.0 => Ok(Some(Population {
            mean: *mean,
            sd: *sd,
        })),
        [_, sd] => Err(UsageError(format!(
            "{option}: the SD must be above 0, not {sd}; write MEAN,SD, e.g. {option} 31.8,5.4"
        ))
        .into()),
        _ => Err(UsageError(format!("{option} takes MEAN,SD, e.g. {option} 31.8,5.4")).into()),
    }
}

fn write(report: &ChangeReport, format: Option<Format>, csv: &CsvArgs) -> Result<()> {
    write_report(format, csv, |out, format| write_to(out, report, format))?;
    Ok(())
}
