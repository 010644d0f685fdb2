//! The analyses of one questionnaire in a study, each computed by the same function as the
//! corresponding command, so `results.json` holds exactly what `compare`, `describe`,
//! `reliability` and `change` print. With two waves the results are those of the pre/post
//! commands; with three or more, the later waves are each compared with the first (ANCOVA,
//! reliable change), consecutive waves give the band transitions, and the waves together the
//! repeated-measures and mixed ANOVA ([`super::waves`]).

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::data::TimedSheets;
use super::note::ScaleNote;
use super::sensitivity::{Sensitivity, sensitivity};
use super::waves::{GroupRepeated, LaterWave, WaveStep, lmm, mixed, repeated};
use crate::analysis::ancova::{ancova_report, other_group};
use crate::analysis::change::{ChangeReport, ChangeSettings, change_report};
use crate::analysis::describe::{DescribeReport, LabelledSheet, describe_report};
use crate::analysis::groups::{arms_report, groups_report};
use crate::analysis::paired::paired_report;
use crate::analysis::reliability::{ReliabilityReport, reliability_report};
use crate::analysis::report::{Report, Settings};
use crate::analysis::waves::WavesReport;
use crate::compare::{
    AncovaResult, ArmsResult, GroupsResult, LmmResult, MixedResult, Options, PairedResult,
    Transition, band_transitions,
};
use crate::data::measures::MeasureSheet;
use crate::data::pairing::{Excluded, FilledGroup, match_by_id, pair_by_id};
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
    /// `psyscore describe WAVE… --label WAVE… --by GROUP`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub describe: Option<DescribeReport>,
    /// `psyscore reliability` on the first wave's sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reliability: Option<ReliabilityReport>,
    /// `psyscore compare groups` on the first wave's sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Baseline>,
    /// Two waves: `psyscore compare paired`, per group (`--only GROUP=VALUE`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<GroupPaired>,
    /// Three waves or more: `psyscore compare repeated`, per group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub repeated: Vec<GroupRepeated>,
    /// `psyscore compare mixed`: the groups over the waves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mixed: Option<WavesReport<MixedResult>>,
    /// `psyscore compare lmm`: everyone over the waves, when it is the main analysis of change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lmm: Option<WavesReport<LmmResult>>,
    /// Two waves: `psyscore compare ancova`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub between: Option<Report<AncovaResult>>,
    /// Three waves or more: `psyscore compare ancova` of each later wave adjusted for the
    /// first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub between_waves: Vec<LaterWave<Report<AncovaResult>>>,
    /// Two groups: `psyscore compare groups` at each later wave, the t-tests at each wave of
    /// the report's summary table (with the baseline's at the first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups_waves: Vec<LaterWave<Report<GroupsResult>>>,
    /// Three groups or more: `psyscore compare groups` at each later wave.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub between_arms: Vec<LaterWave<Report<ArmsResult>>>,
    /// Two waves: `psyscore change`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeReport>,
    /// Three waves or more: `psyscore change` from the first wave to each later one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub change_waves: Vec<LaterWave<ChangeReport>>,
    /// Two waves: band transitions per group and banded measure.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<GroupTransitions>,
    /// Three waves or more: band transitions between consecutive waves.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub transitions_waves: Vec<WaveStep>,
    /// The smallest effect each comparison could detect with 80% power.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
    /// How the answers were read when the sheets number the options otherwise, warnings about
    /// their coding, and analyses left out for this questionnaire, and why.
    pub notes: Vec<ScaleNote>,
}

/// The groups compared at the first wave: two (t-tests, Mann–Whitney) or three and more (the
/// ANOVAs and the pairs of arms); in `results.json` the report of `compare groups` either way.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Baseline {
    /// Two groups.
    Two(Report<GroupsResult>),
    /// Three groups or more.
    Arms(Report<ArmsResult>),
}

/// The people of the study: rows per wave and group, people at every wave, and everyone left
/// out.
#[derive(Debug, Serialize)]
pub struct Sample {
    /// One entry per group (one, unnamed, without groups).
    pub groups: Vec<GroupSample>,
    /// Every row or person left out of the comparisons over time (not at every wave, a
    /// duplicate or no id, another group), then everyone at every wave left out of a measure
    /// for want of a score, with the reason.
    pub excluded: Vec<Excluded>,
    /// The id column holds nothing but the row numbers 1, 2, 3, …: it looks like a submission
    /// number rather than a person's id (a warning).
    pub ids_are_row_numbers: bool,
    /// People whose group was blank at one time and is taken from the other.
    pub filled_groups: Vec<FilledGroup>,
}

/// The size of one group: its rows at each wave and its people at every wave. In
/// `results.json`, two waves are `{group, pre, post, pairs}`; more are `{group, waves,
/// complete}`.
#[derive(Debug)]
pub struct GroupSample {
    /// The group's value (`null` without groups).
    pub group: Option<String>,
    /// Rows at each wave.
    pub waves: Vec<usize>,
    /// People with a row at every wave.
    pub complete: usize,
}

impl Serialize for GroupSample {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_struct("GroupSample", 4)?;
        out.serialize_field("group", &self.group)?;
        match self.waves.as_slice() {
            [pre, post] => {
                out.serialize_field("pre", pre)?;
                out.serialize_field("post", post)?;
                out.serialize_field("pairs", &self.complete)?;
            }
            waves => {
                out.serialize_field("waves", waves)?;
                out.serialize_field("complete", &self.complete)?;
            }
        }
        out.end()
    }
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
    /// Counts of the earlier wave's band → the later wave's band.
    pub transitions: Vec<Transition>,
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

/// The groups of the study in report order, or one unnamed group.
pub fn group_values(study: &Study) -> Vec<Option<String>> {
    match &study.groups {
        Some(groups) => groups.levels.iter().cloned().map(Some).collect(),
        None => vec![None],
    }
}

/// One group's rows at each wave.
pub struct GroupRows {
    /// The group (`None` without groups: everyone).
    pub group: Option<String>,
    /// The group's rows, one sheet per wave.
    pub sheets: Vec<MeasureSheet>,
}

/// Splits the data by group (see [`group_values`]).
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
            let sheets: Vec<MeasureSheet> = data
                .sheets
                .iter()
                .map(|sheet| rows_of(sheet, group.as_deref()))
                .collect();
            GroupRows { group, sheets }
        })
        .collect()
}

impl GroupRows {
    /// The group's rows at the first wave.
    pub fn pre(&self) -> &MeasureSheet {
        &self.sheets[0]
    }

    /// The group's rows at the second wave.
    pub fn post(&self) -> &MeasureSheet {
        &self.sheets[1]
    }
}

/// The complete (earlier, later) values on measure `m` of the people `pairs` of two sheets.
fn pairs_on(
    earlier: &MeasureSheet,
    later: &MeasureSheet,
    pairs: &[(usize, usize)],
    m: usize,
) -> (Vec<f64>, Vec<f64>) {
    pairs
        .iter()
        .filter_map(|&(a, b)| Some((earlier.rows[a].values[m]?, later.rows[b].values[m]?)))
        .unzip()
}

/// What one questionnaire's analyses are given.
pub struct Inputs<'a> {
    /// The study.
    pub study: &'a Study,
    /// The questionnaire.
    pub scale: &'a Scale,
    /// The SD and reliability of named measures' reliable change index.
    pub change_references: BTreeMap<String, Reference>,
    /// The measures at every wave.
    pub data: &'a TimedSheets,
    /// The same rows by group.
    pub groups: &'a [GroupRows],
}

/// Runs the `analyses` of one questionnaire.
pub fn analyse(inputs: &Inputs, analyses: &[Analysis]) -> ScaleResults {
    let Inputs {
        study,
        scale,
        data,
        groups,
        ..
    } = *inputs;
    let settings = settings(study);
    let levels = &data.times;
    let first = [levels[0].as_str(), levels[1].as_str()];
    let mut results = ScaleResults {
        scale: scale.id.clone(),
        name: scale.name.clone(),
        sample: sample(study, data, groups),
        describe: None,
        reliability: None,
        baseline: None,
        within: Vec::new(),
        repeated: Vec::new(),
        mixed: None,
        lmm: None,
        between: None,
        between_waves: Vec::new(),
        groups_waves: Vec::new(),
        between_arms: Vec::new(),
        change: None,
        change_waves: Vec::new(),
        transitions: Vec::new(),
        transitions_waves: Vec::new(),
        sensitivity: None,
        notes: data.notes.clone(),
    };
    let group_column = study.groups.as_ref().map(|g| g.column.clone());
    let pair = study.groups.as_ref().and_then(|g| g.pair());
    // Three groups or more are compared as arms.
    let arms = study
        .groups
        .as_ref()
        .map(|g| g.levels.as_slice())
        .filter(|levels| levels.len() > 2);
    let several_waves = levels.len() > 2;
    for analysis in analyses {
        match analysis {
            Analysis::Describe => {
                let sheets: Vec<LabelledSheet> = levels
                    .iter()
                    .zip(&data.sheets)
                    .map(|(level, sheet)| LabelledSheet {
                        label: Some(level.clone()),
                        sheet: sheet.clone(),
                    })
                    .collect();
                let mut names = vec!["label".to_owned()];
                names.extend(group_column.clone());
                results.describe = Some(describe_report(&sheets, &names, QuantileType::R7));
            }
            Analysis::Reliability => {
                results.reliability = Some(reliability_report(scale, data.pre(), study.conf));
            }
            Analysis::Baseline => {
                results.baseline = match (&group_column, &pair, arms) {
                    (Some(column), Some(pair), _) => Some(Baseline::Two(groups_report(
                        data.pre(),
                        column,
                        pair.clone(),
                        settings,
                    ))),
                    (Some(column), None, Some(levels)) => Some(Baseline::Arms(arms_report(
                        data.pre(),
                        column,
                        levels.to_vec(),
                        settings,
                    ))),
                    _ => None,
                };
            }
            Analysis::Within if several_waves => {
                results.repeated = repeated(study, data, groups, settings);
            }
            Analysis::Within => {
                for rows in groups {
                    let report = paired_report(
                        rows.pre(),
                        rows.post(),
                        [levels[0].clone(), levels[1].clone()],
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
            Analysis::Mixed => results.mixed = mixed(study, data),
            Analysis::Lmm => {
                results.lmm = lmm(study, data, &results.sample, study.analyses.is_some());
            }
            Analysis::Between => {
                if let (Some(column), Some(levels)) = (&group_column, arms) {
                    results.between_arms = later_waves(data)
                        .map(|(wave, sheet)| LaterWave {
                            wave: wave.to_owned(),
                            report: arms_report(sheet, column, levels.to_vec(), settings),
                        })
                        .collect();
                }
                if let (Some(column), Some(pair)) = (&group_column, &pair) {
                    results.groups_waves = later_waves(data)
                        .map(|(wave, sheet)| LaterWave {
                            wave: wave.to_owned(),
                            report: groups_report(sheet, column, pair.clone(), settings),
                        })
                        .collect();
                    let mut reports: Vec<LaterWave<Report<AncovaResult>>> = later_waves(data)
                        .map(|(wave, sheet)| LaterWave {
                            wave: wave.to_owned(),
                            report: ancova_report(
                                data.pre(),
                                sheet,
                                [first[0], wave],
                                column,
                                pair.clone(),
                                settings,
                            ),
                        })
                        .collect();
                    if several_waves {
                        results.between_waves = reports;
                    } else {
                        results.between = reports.pop().map(|later| later.report);
                    }
                }
            }
            Analysis::Change => match scale.better {
                Some(better) => {
                    let change_settings = ChangeSettings {
                        criterion: 1.96,
                        better,
                        every_measure: None,
                        by_measure: inputs.change_references.clone(),
                        cutoff: None,
                    };
                    let mut reports: Vec<LaterWave<ChangeReport>> = later_waves(data)
                        .map(|(wave, sheet)| LaterWave {
                            wave: wave.to_owned(),
                            report: change_report(
                                data.pre(),
                                sheet,
                                [first[0], wave],
                                Some(scale),
                                &change_settings,
                            ),
                        })
                        .collect();
                    if several_waves {
                        results.change_waves = reports;
                    } else {
                        results.change = reports.pop().map(|later| later.report);
                    }
                }
                None => results.notes.push(ScaleNote::NoDirection {
                    scale: scale.id.clone(),
                }),
            },
            Analysis::Transitions => {
                for step in 0..levels.len() - 1 {
                    // A questionnaire without severity bands has no transitions to count.
                    let counted = transitions(data, groups, step);
                    if counted.iter().all(|g| g.measures.is_empty()) {
                        continue;
                    }
                    if several_waves {
                        results.transitions_waves.push(WaveStep {
                            from: levels[step].clone(),
                            to: levels[step + 1].clone(),
                            groups: counted,
                        });
                    } else {
                        results.transitions = counted;
                    }
                }
            }
        }
    }
    results.sensitivity = sensitivity(&results, study, data);
    results
}

/// Each wave after the first, with its sheet.
fn later_waves(data: &TimedSheets) -> impl Iterator<Item = (&str, &MeasureSheet)> {
    data.times
        .iter()
        .zip(&data.sheets)
        .skip(1)
        .map(|(wave, sheet)| (wave.as_str(), sheet))
}

/// The names of the waves: `pre`, `post` for two files, the `[data.waves]` names, or the time
/// column's values.
pub fn time_levels(study: &Study) -> Vec<String> {
    study.data.layout.times()
}

fn sample(study: &Study, data: &TimedSheets, groups: &[GroupRows]) -> Sample {
    let times: Vec<&str> = data.times.iter().map(String::as_str).collect();
    let mut excluded = data.excluded.clone();
    let sheets: Vec<&MeasureSheet> = data.sheets.iter().collect();
    let people = match_by_id(&sheets, &times, &mut excluded);
    let mut other = HashSet::new();
    if let Some(groups) = &study.groups {
        let compared = &groups.levels;
        for (sheet, time) in sheets.iter().zip(&times) {
            for row in &sheet.rows {
                if !compared.contains(&row.keys[0]) && other.insert(row.id.as_str()) {
                    let column = &groups.column;
                    excluded.push(other_group(
                        row,
                        Some(time),
                        &sheet.source,
                        column,
                        compared,
                    ));
                }
            }
        }
    }
    for (m, measure) in data.pre().measures.iter().enumerate() {
        for person in &people {
            let rows: Vec<_> = person
                .iter()
                .zip(&sheets)
                .map(|(&row, sheet)| &sheet.rows[row])
                .collect();
            let missing: Vec<bool> = rows.iter().map(|row| row.values[m].is_none()).collect();
            if missing.contains(&true) && !other.contains(rows[0].id.as_str()) {
                excluded.push(Excluded::missing_score(
                    &rows[0].id,
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
            .map(|rows| {
                let group_sheets: Vec<&MeasureSheet> = rows.sheets.iter().collect();
                GroupSample {
                    group: rows.group.clone(),
                    waves: rows.sheets.iter().map(|sheet| sheet.rows.len()).collect(),
                    complete: match_by_id(&group_sheets, &times, &mut Vec::new()).len(),
                }
            })
            .collect(),
        excluded,
        ids_are_row_numbers: data.ids_are_row_numbers,
        filled_groups: data.filled_groups.clone(),
    }
}

/// The band transitions from wave `step` to the next, per group and banded measure.
fn transitions(data: &TimedSheets, groups: &[GroupRows], step: usize) -> Vec<GroupTransitions> {
    let mut out: Vec<GroupTransitions> = groups
        .iter()
        .map(|rows| GroupTransitions {
            group: rows.group.clone(),
            measures: Vec::new(),
        })
        .collect();
    for (m, measure) in data.pre().measures.iter().enumerate() {
        if measure.bands.is_empty() {
            continue;
        }
        for (slot, rows) in out.iter_mut().zip(groups) {
            let (earlier, later) = (&rows.sheets[step], &rows.sheets[step + 1]);
            let pairs = pair_by_id(earlier, later, ["pre", "post"], &mut Vec::new());
            let (pre, post) = pairs_on(earlier, later, &pairs, m);
            slot.measures.push(MeasureTransitions {
                measure: measure.name.clone(),
                bands: measure.bands.iter().map(|b| b.label.clone()).collect(),
                transitions: band_transitions(&pre, &post, &measure.bands),
            });
        }
    }
    out
}
