//! `psyscore compare paired | groups | ancova | summary`: read the measures, pair or group the
//! rows, run the comparison per measure, adjust p-values across measures, write the report.

mod ancova;
mod groups;
mod measures;
mod paired;
mod render;
mod summary;

use anyhow::Result;
use serde::Serialize;

use super::open_sheet;
use crate::cli::{
    AdjustArg, AlternativeArg, AnalysisArgs, CompareCommand, InvalidArg, MeasureArgs, MethodArg,
};
use crate::compare::Options;
use crate::error::UsageError;
use crate::scale::{ColumnTemplate, Scale};
use crate::score::InvalidPolicy;
use crate::stats::Alternative;
use crate::stats::adjust::Adjust;
use crate::stats::rank::MethodChoice;
use measures::{MeasureSheet, MeasureSpec, read_measures};

/// Runs a `compare` subcommand.
pub fn run(command: &CompareCommand) -> Result<()> {
    match command {
        CompareCommand::Paired(args) => paired::run(args),
        CompareCommand::Groups(args) => groups::run(args),
        CompareCommand::Ancova(args) => ancova::run(args),
        CompareCommand::Summary(command) => summary::run(command),
    }
}

/// The report of one command: its settings, what was left out and why, and one result per
/// measure. Serialized as the JSON output contract.
#[derive(Debug, Serialize)]
pub struct Report<R> {
    /// `paired`, `groups` or `ancova`.
    pub analysis: &'static str,
    /// Confidence level.
    pub conf: f64,
    /// Alternative hypothesis.
    pub alternative: Alternative,
    /// p-value adjustment across measures.
    pub adjust: Adjust,
    /// What was asked of rank tests (each result says which ran).
    pub method: MethodChoice,
    /// The two levels compared, first − second (groups and ANCOVA), or pre, post.
    pub levels: Vec<String>,
    /// Rows that could not be paired or grouped, with the reason.
    pub unmatched: Vec<Left>,
    /// Rows left out of one measure or all, with the reason.
    pub excluded: Vec<Left>,
    /// One result per measure.
    pub results: Vec<R>,
}

/// A row left out of an analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Left {
    /// The person's id (or row number).
    pub id: String,
    /// The measure concerned; `null` when the row is left out of every measure.
    pub measure: Option<String>,
    /// Why.
    pub reason: String,
}

impl From<&AnalysisArgs> for Options {
    fn from(args: &AnalysisArgs) -> Options {
        Options {
            conf: args.conf,
            alternative: match args.alternative {
                AlternativeArg::TwoSided => Alternative::TwoSided,
                AlternativeArg::Less => Alternative::Less,
                AlternativeArg::Greater => Alternative::Greater,
            },
            method: match args.method {
                MethodArg::Auto => MethodChoice::Auto,
                MethodArg::Exact => MethodChoice::Exact,
                MethodArg::Normal => MethodChoice::Normal,
            },
        }
    }
}

fn adjust_method(arg: AdjustArg) -> Adjust {
    match arg {
        AdjustArg::Holm => Adjust::Holm,
        AdjustArg::Bonferroni => Adjust::Bonferroni,
        AdjustArg::Bh => Adjust::Bh,
        AdjustArg::By => Adjust::By,
        AdjustArg::None => Adjust::None,
    }
}

impl<R> Report<R> {
    fn new(analysis: &'static str, args: &AnalysisArgs, levels: Vec<String>) -> Report<R> {
        let options = Options::from(args);
        Report {
            analysis,
            conf: options.conf,
            alternative: options.alternative,
            adjust: adjust_method(args.adjust),
            method: options.method,
            levels,
            unmatched: Vec::new(),
            excluded: Vec::new(),
            results: Vec::new(),
        }
    }
}

/// The questionnaire (if any) and how to read measures from sheets.
struct MeasureSource {
    scale: Option<Scale>,
    template: Option<ColumnTemplate>,
    columns: Vec<String>,
    policy: InvalidPolicy,
    /// `--only COL=VALUE`: the column and the value rows must hold.
    only: Option<(String, String)>,
}

impl MeasureSource {
    fn new(args: &MeasureArgs) -> Result<MeasureSource> {
        let scale = args.scale.as_deref().map(Scale::load).transpose()?;
        let template = args
            .columns
            .as_deref()
            .map(ColumnTemplate::parse)
            .transpose()
            .map_err(UsageError::from)?;
        let only = match &args.only {
            None => None,
            Some(text) => match text.split_once('=') {
                Some((column, value)) if !column.trim().is_empty() => {
                    Some((column.trim().to_owned(), value.trim().to_owned()))
                }
                _ => {
                    return Err(UsageError::Other(format!(
                        "--only {text}: write COL=VALUE, e.g. --only group=intervention"
                    ))
                    .into());
                }
            },
        };
        Ok(MeasureSource {
            only,
            scale,
            template,
            columns: args.measures.clone(),
            policy: match args.invalid {
                InvalidArg::Error => InvalidPolicy::Error,
                InvalidArg::Missing => InvalidPolicy::Missing,
            },
        })
    }

    /// Reads one sheet's measures, with the id column (if any) and `keys` columns, keeping only
    /// the rows `--only` selects.
    fn read(
        &self,
        input: &str,
        args: &MeasureArgs,
        id: Option<&str>,
        keys: &[&str],
    ) -> Result<MeasureSheet> {
        let sheet = open_sheet(input, args.encoding, args.sheet.clone())?;
        let spec = match &self.scale {
            Some(scale) => MeasureSpec::Scale {
                scale,
                template: self.template.as_ref(),
            },
            None => MeasureSpec::Columns(&self.columns),
        };
        let Some((column, value)) = &self.only else {
            return read_measures(sheet, &spec, id, keys, self.policy);
        };
        let mut with_filter = keys.to_vec();
        with_filter.push(column);
        let mut measures = read_measures(sheet, &spec, id, &with_filter, self.policy)?;
        measures
            .rows
            .retain_mut(|row| row.keys.pop().as_deref() == Some(value.as_str()));
        Ok(measures)
    }
}

/// The two levels to compare: as given (exactly two), or the first two values in order of
/// appearance; more than two without `--levels` is a usage error naming them.
fn choose_levels<'a>(
    given: &[String],
    values: impl Iterator<Item = &'a str>,
    column: &str,
) -> Result<[String; 2]> {
    if !given.is_empty() {
        return match given {
            [first, second] if first != second => Ok([first.clone(), second.clone()]),
            _ => Err(UsageError::Other(format!(
                "--levels needs two different values, e.g. --levels intervention,control; got {}",
                given.join(",")
            ))
            .into()),
        };
    }
    let mut seen: Vec<&str> = Vec::new();
    for value in values.filter(|value| !value.is_empty()) {
        if !seen.contains(&value) {
            seen.push(value);
        }
    }
    match seen.as_slice() {
        [first, second] => Ok([first.to_string(), second.to_string()]),
        [] | [_] => Err(UsageError::Other(format!(
            "column {column} holds fewer than two groups ({}); two are needed",
            seen.join(", ")
        ))
        .into()),
        _ => Err(UsageError::Other(format!(
            "column {column} holds {} groups ({}); choose two with --levels A,B",
            seen.len(),
            seen.join(", ")
        ))
        .into()),
    }
}

/// Pairs the rows of two sheets by id. Ids that occur twice in a sheet are left out (listed in
/// `excluded`); ids in only one sheet are listed in `unmatched`. Returns (pre row, post row)
/// index pairs in pre-sheet order.
fn pair_by_id(
    pre: &MeasureSheet,
    post: &MeasureSheet,
    names: [&str; 2],
    unmatched: &mut Vec<Left>,
    excluded: &mut Vec<Left>,
) -> Vec<(usize, usize)> {
    let pre_index = index_by_id(pre, names[0], excluded);
    let post_index = index_by_id(post, names[1], excluded);
    let mut pairs = Vec::new();
    for (id, pre_row) in &pre_index.order {
        let pre_row = *pre_row;
        match post_index.rows.get(id.as_str()) {
            Some(Some(post_row)) => pairs.push((pre_row, *post_row)),
            Some(None) => {}
            None => unmatched.push(Left {
                id: id.clone(),
                measure: None,
                reason: format!(
                    "only in the {} sheet (row {})",
                    names[0], pre.rows[pre_row].row
                ),
            }),
        }
    }
    for (id, post_row) in &post_index.order {
        let post_row = *post_row;
        if !pre_index.rows.contains_key(id.as_str()) {
            unmatched.push(Left {
                id: id.clone(),
                measure: None,
                reason: format!(
                    "only in the {} sheet (row {})",
                    names[1], post.rows[post_row].row
                ),
            });
        }
    }
    pairs
}

/// Rows by id: `None` for ids that occur more than once (left out), in order of first
/// appearance.
struct IdIndex {
    rows: std::collections::HashMap<String, Option<usize>>,
    order: Vec<(String, usize)>,
}

fn index_by_id(sheet: &MeasureSheet, name: &str, excluded: &mut Vec<Left>) -> IdIndex {
    let mut rows: std::collections::HashMap<String, Option<usize>> = Default::default();
    let mut order = Vec::new();
    let mut rows_of: std::collections::HashMap<&str, Vec<u64>> = Default::default();
    for (index, row) in sheet.rows.iter().enumerate() {
        rows_of.entry(row.id.as_str()).or_default().push(row.row);
        if row.id.is_empty() {
            excluded.push(Left {
                id: String::new(),
                measure: None,
                reason: format!("row {} of the {name} sheet has no id", row.row),
            });
            continue;
        }
        match rows.get(&row.id) {
            None => {
                rows.insert(row.id.clone(), Some(index));
                order.push((row.id.clone(), index));
            }
            Some(Some(_)) => {
                rows.insert(row.id.clone(), None);
            }
            Some(None) => {}
        }
    }
    order.retain(|(id, _)| rows[id].is_some());
    let mut duplicates: Vec<(&String, &Option<usize>)> =
        rows.iter().filter(|(_, r)| r.is_none()).collect();
    duplicates.sort();
    for (id, _) in duplicates {
        let listed: Vec<String> = rows_of[id.as_str()].iter().map(u64::to_string).collect();
        excluded.push(Left {
            id: id.clone(),
            measure: None,
            reason: format!(
                "the id occurs more than once in the {name} sheet (rows {})",
                listed.join(", ")
            ),
        });
    }
    IdIndex { rows, order }
}
