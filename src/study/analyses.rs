//! The analyses of one questionnaire in a study, each computed by the same function as the
//! corresponding command, so `results.json` holds exactly what `compare`, `describe`,
//! `reliability` and `change` print.

use std::collections::BTreeMap;

use serde::Serialize;

use super::data::TimedSheets;
use crate::analysis::ancova::ancova_report;
use crate::analysis::ancova::other_group;
use crate::analysis::change::{ChangeReport, ChangeSettings, change_report};
use crate::analysis::describe::{DescribeReport, LabelledSheet, describe_report};
use crate::analysis::groups::groups_report;
use crate::analysis::paired::paired_report;
use crate::analysis::reliability::{ReliabilityReport, reliability_report};
use crate::analysis::report::{Report, Settings};
use crate::compare::band_transitions;
use crate::compare::{AncovaResult, GroupsResult, Options, PairedResult, Transition};
use crate::data::measures::MeasureSheet;
use crate::data::pairing::{Excluded, FilledGroup, pair_by_id};
use crate::scale::Scale;
use crate::stats::Alternative;
use crate::stats::change::Reference;
use crate::stats::describe::QuantileType;
use crate::stats::rank::MethodChoice;
use crate::study::{Analysis, Study};

/// Everything computed for one questionnaire.
#[derive(Debug, Serialize)]
pub struct ScaleResults {
    /// The questionnaire's id.
    pub scale: String,
    /// Its name.
    pub name: String,
    /// Who is in the data.
    pub sample: Sample,
    /// `psyscore describe --label pre --label post --by GROUP`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub describe: Option<DescribeReport>,
    /// `psyscore reliability` on the pre-test sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<ReliabilityReport>,
    /// `psyscore compare groups` on the pre-test sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Report<GroupsResult>>,
    /// `psyscore compare paired`, per group (`--only GROUP=VALUE`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<GroupPaired>,
    /// `psyscore compare ancova`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between: Option<Report<AncovaResult>>,
    /// `psyscore change`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeReport>,
    /// Band transitions per group and banded measure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<GroupTransitions>,
    /// How the answers were read when the sheets number the options otherwise, warnings about
    /// their coding, and analyses left out for this questionnaire, and why.
    pub notes: Vec<String>,
}

/// The people of the study: rows per time and group, complete pairs, and everyone left out.
#[derive(Debug, Serialize)]
pub struct Sample {
    /// One entry per group (one, unnamed, without groups).
    pub groups: Vec<GroupSample>,
    /// Every row or person left out of the comparisons over time (pre/post, ANCOVA, change),
    /// then everyone with both rows left out of a measure for want of a score, with the reason.
    pub excluded: Vec<Excluded>,
    /// The id column holds nothing but the row numbers 1, 2, 3, …: it looks like a submission
    /// number rather than a person's id (a warning).
    pub ids_are_row_numbers: bool,
    /// People whose group was blank at one time and is taken from the other.
    pub filled_groups: Vec<FilledGroup>,
}

/// The size of one group.
#[derive(Debug, Serialize)]
pub struct GroupSample {
    /// The group's value (`null` without groups).
    pub group: Option<String>,
    /// Rows at pre-test.
    pub pre: usize,
    /// Rows at post-test.
    pub post: usize,
    /// People with both.
    pub pairs: usize,
}

/// One group's pre/post comparison.
#[derive(Debug, Serialize)]
pub struct GroupPaired {
    /// The group (`null` without groups).
    pub group: Option<String>,
    /// The report of `compare paired`.
    pub report: Report<PairedResult>,
}

/// One group's band transitions.
#[derive(Debug, Serialize)]
pub struct GroupTransitions {
    /// The group (`null` without groups).
    pub group: Option<String>,
    /// One entry per measure with bands.
    pub measures: Vec<MeasureTransitions>,
}

/// The transitions of one measure.
#[derive(Debug, Serialize)]
pub struct MeasureTransitions {
    /// The measure.
    pub measure: String,
    /// The band labels, lowest score first.
    pub bands: Vec<String>,
    /// Counts of pre band → post band.
    pub transitions: Vec<Transition>,
}

/// The complete pre/post values of one group on one measure, for figures.
#[derive(Debug, Clone)]
pub struct GroupPairs {
    /// The group (`None` without groups).
    pub group: Option<String>,
    /// Person ids.
    pub ids: Vec<String>,
    /// Pre-test values.
    pub pre: Vec<f64>,
    /// Post-test values.
    pub post: Vec<f64>,
}

/// The settings every comparison of the study uses.
pub fn settings(study: &Study) -> Settings {
    Settings {
        options: Options {
            conf: study.conf,
            alternative: Alternative::TwoSided,
            method: MethodChoice::Auto,
        },
        adjust: study.adjust,
    }
}

/// The groups of the study in report order: intervention, control; or one unnamed group.
pub fn group_values(study: &Study) -> Vec<Option<String>> {
    match &study.groups {
        Some(groups) => vec![
            Some(groups.intervention.clone()),
            Some(groups.control.clone()),
        ],
        None => vec![None],
    }
}

/// One group's rows before and after, and the people in both.
pub struct GroupRows {
    /// The group (`None` without groups: everyone).
    pub group: Option<String>,
    /// The group's pre-test rows.
    pub pre: MeasureSheet,
    /// The group's post-test rows.
    pub post: MeasureSheet,
    /// (pre row, post row) of each person in both, in pre-test order.
    pub pairs: Vec<(usize, usize)>,
}

/// Splits the data by group (see [`group_values`]) and pairs each group's rows by id.
pub fn split_groups(study: &Study, data: &TimedSheets) -> Vec<GroupRows> {
    let rows_of = |sheet: &MeasureSheet, group: Option<&str>| MeasureSheet {
        source: sheet.source.clone(),
        measures: sheet.measures.clone(),
        rows: sheet
            .rows
            .iter()
            .filter(|row| group.is_none_or(|g| row.keys.first().map(String::as_str) == Some(g)))
            .cloned()
            .collect(),
    };
    group_values(study)
        .into_iter()
        .map(|group| {
            let pre = rows_of(&data.pre, group.as_deref());
            let post = rows_of(&data.post, group.as_deref());
            // Who is left out is listed once, for all groups, in the sample.
            let pairs = pair_by_id(&pre, &post, ["pre", "post"], &mut Vec::new());
            GroupRows {
                group,
                pre,
                post,
                pairs,
            }
        })
        .collect()
}

impl GroupRows {
    /// The complete pre/post values of the group's people on measure `m`.
    pub fn pairs_on(&self, m: usize) -> GroupPairs {
        let mut out = GroupPairs {
            group: self.group.clone(),
            ids: Vec::new(),
            pre: Vec::new(),
            post: Vec::new(),
        };
        for &(a, b) in &self.pairs {
            if let (Some(x), Some(y)) = (self.pre.rows[a].values[m], self.post.rows[b].values[m]) {
                out.ids.push(self.pre.rows[a].id.clone());
                out.pre.push(x);
                out.post.push(y);
            }
        }
        out
    }
}

/// Runs the `analyses` of one questionnaire.
pub fn analyse(
    study: &Study,
    scale: &Scale,
    change_references: BTreeMap<String, Reference>,
    data: &TimedSheets,
    groups: &[GroupRows],
    analyses: &[Analysis],
) -> ScaleResults {
    let settings = settings(study);
    let levels = time_levels(study);
    let mut results = ScaleResults {
        scale: scale.id.clone(),
        name: scale.name.clone(),
        sample: sample(study, data, groups),
        describe: None,
        reliability: None,
        baseline: None,
        within: Vec::new(),
        between: None,
        change: None,
        transitions: Vec::new(),
        notes: data.notes.clone(),
    };
    let group_column = study.groups.as_ref().map(|g| g.column.clone());
    for analysis in analyses {
        match analysis {
            Analysis::Describe => {
                let sheets = [
                    LabelledSheet {
                        label: Some(levels[0].clone()),
                        sheet: data.pre.clone(),
                    },
                    LabelledSheet {
                        label: Some(levels[1].clone()),
                        sheet: data.post.clone(),
                    },
                ];
                let mut names = vec!["label".to_owned()];
                names.extend(group_column.clone());
                results.describe = Some(describe_report(&sheets, &names, QuantileType::R7));
            }
            Analysis::Reliability => {
                results.reliability = Some(reliability_report(scale, &data.pre, study.conf));
            }
            Analysis::Baseline => {
                if let (Some(column), Some(groups)) = (&group_column, &study.groups) {
                    let levels = [groups.intervention.clone(), groups.control.clone()];
                    results.baseline = Some(groups_report(&data.pre, column, levels, settings));
                }
            }
            Analysis::Within => {
                for rows in groups {
                    let report = paired_report(
                        &rows.pre,
                        &rows.post,
                        levels.clone(),
                        settings,
                        if rows.group.is_none() {
                            data.excluded.clone()
                        } else {
                            Vec::new()
                        },
                    );
                    results.within.push(GroupPaired {
                        group: rows.group.clone(),
                        report,
                    });
                }
            }
            Analysis::Between => {
                if let (Some(column), Some(groups)) = (&group_column, &study.groups) {
                    let levels = [groups.intervention.clone(), groups.control.clone()];
                    results.between =
                        Some(ancova_report(&data.pre, &data.post, column, levels, settings));
                }
            }
            Analysis::Change => match scale.better {
                Some(better) => {
                    let change_settings = ChangeSettings {
                        criterion: 1.96,
                        better,
                        every_measure: None,
                        by_measure: change_references.clone(),
                        cutoff: None,
                    };
                    results.change = Some(change_report(
                        &data.pre,
                        &data.post,
                        Some(scale),
                        &change_settings,
                    ));
                }
                None => results.notes.push(format!(
                    "individual change is left out: {} does not say whether lower or higher scores are better (`better` in its scale file)",
                    scale.id
                )),
            },
            Analysis::Transitions => {
                // A questionnaire without severity bands has no transitions to count.
                results.transitions = transitions(data, groups);
                if results.transitions.iter().all(|g| g.measures.is_empty()) {
                    results.transitions.clear();
                }
            }
        }
    }
    results
}

/// The names of the two times: `pre`, `post` for two files, else the time column's values.
pub fn time_levels(study: &Study) -> [String; 2] {
    match &study.data.layout {
        crate::study::Layout::Wide { .. } => ["pre".to_owned(), "post".to_owned()],
        crate::study::Layout::Long { levels, .. } => levels.clone(),
    }
}

fn sample(study: &Study, data: &TimedSheets, groups: &[GroupRows]) -> Sample {
    let levels = time_levels(study);
    let times = [levels[0].as_str(), levels[1].as_str()];
    let mut excluded = data.excluded.clone();
    let pairs = pair_by_id(&data.pre, &data.post, times, &mut excluded);
    let mut other = std::collections::HashSet::new();
    if let Some(groups) = &study.groups {
        let compared = [groups.intervention.clone(), groups.control.clone()];
        for (sheet, time) in [&data.pre, &data.post].into_iter().zip(times) {
            for row in &sheet.rows {
                if !compared.contains(&row.keys[0]) && other.insert(row.id.as_str()) {
                    let column = &groups.column;
                    excluded.push(other_group(
                        row,
                        Some(time),
                        &sheet.source,
                        column,
                        &compared,
                    ));
                }
            }
        }
    }
    for (m, measure) in data.pre.measures.iter().enumerate() {
        for &(a, b) in &pairs {
            let (before, after) = (&data.pre.rows[a], &data.post.rows[b]);
            let missing = [before.values[m].is_none(), after.values[m].is_none()];
            if missing.contains(&true) && !other.contains(before.id.as_str()) {
                excluded.push(Excluded::missing_score(
                    &before.id,
                    &measure.name,
                    &times,
                    &missing,
                ));
            }
        }
    }
    Sample {
        groups: groups
            .iter()
            .map(|rows| GroupSample {
                group: rows.group.clone(),
                pre: rows.pre.rows.len(),
                post: rows.post.rows.len(),
                pairs: rows.pairs.len(),
            })
            .collect(),
        excluded,
        ids_are_row_numbers: data.ids_are_row_numbers,
        filled_groups: data.filled_groups.clone(),
    }
}

fn transitions(data: &TimedSheets, groups: &[GroupRows]) -> Vec<GroupTransitions> {
    let mut out: Vec<GroupTransitions> = groups
        .iter()
        .map(|rows| GroupTransitions {
            group: rows.group.clone(),
            measures: Vec::new(),
        })
        .collect();
    for (m, measure) in data.pre.measures.iter().enumerate() {
        if measure.bands.is_empty() {
            continue;
        }
        for (slot, rows) in out.iter_mut().zip(groups) {
            let pairs = rows.pairs_on(m);
            slot.measures.push(MeasureTransitions {
                measure: measure.name.clone(),
                bands: measure.bands.iter().map(|b| b.label.clone()).collect(),
                transitions: band_transitions(&pairs.pre, &pairs.post, &measure.bands),
            });
        }
    }
    out
}
