//! The analyses of a study with three waves or more (or a mixed ANOVA asked of two): the
//! repeated-measures ANOVA of each group over the waves, the mixed ANOVA of the groups over the
//! waves, the linear mixed model of everyone over the waves, and the results kept per later wave
//! or per step between consecutive waves.

use serde::Serialize;

use super::analyses::{GroupRows, GroupTransitions, Sample};
use super::data::TimedSheets;
use crate::analysis::lmm::{LmmOptions, lmm_report};
use crate::analysis::report::Settings;
use crate::analysis::waves::{WavesReport, mixed_report, repeated_report};
use crate::compare::{LmmResult, MixedResult, RepeatedResult};
use crate::data::pairing::Reason;
use crate::data::waves::Waves;
use crate::study::Study;

/// One group's waves compared: `psyscore compare repeated --only GROUP=VALUE`.
#[derive(Debug, Serialize)]
pub struct GroupRepeated {
    /// The group (`null` without groups).
    pub group: Option<String>,
    /// The report of `compare repeated`.
    pub report: WavesReport<RepeatedResult>,
}

/// A result for one wave after the first (compared with the first).
#[derive(Debug, Serialize)]
pub struct LaterWave<T> {
    /// The later wave.
    pub wave: String,
    /// The first wave compared with it.
    pub report: T,
}

/// The band transitions between two consecutive waves.
#[derive(Debug, Serialize)]
pub struct WaveStep {
    /// The earlier wave.
    pub from: String,
    /// The later wave.
    pub to: String,
    /// Per group, per banded measure.
    pub groups: Vec<GroupTransitions>,
}

/// The repeated-measures ANOVA of each group over the waves, with its pairwise comparisons.
pub fn repeated(
    study: &Study,
    data: &TimedSheets,
    groups: &[GroupRows],
    settings: Settings,
) -> Vec<GroupRepeated> {
    groups
        .iter()
        .map(|rows| {
            let waves = Waves {
                times: data.times.clone(),
                sheets: rows.sheets.clone(),
                // Rows of a long file at no wave are listed once, with the whole sample.
                excluded: if rows.group.is_none() {
                    data.excluded.clone()
                } else {
                    Vec::new()
                },
            };
            GroupRepeated {
                group: rows.group.clone(),
                report: repeated_report(&waves, settings.options, study.adjust),
            }
        })
        .collect()
}

/// The mixed ANOVA of the study's groups over the waves; `None` without groups.
pub fn mixed(study: &Study, data: &TimedSheets) -> Option<WavesReport<MixedResult>> {
    let groups = study.groups.as_ref()?;
    let waves = Waves {
        times: data.times.clone(),
        sheets: data.sheets.clone(),
        excluded: data.excluded.clone(),
    };
    Some(mixed_report(
        waves,
        groups.levels.clone(),
        &groups.column,
        groups.control.clone(),
        study.adjust,
        study.conf,
    ))
}

/// The linear mixed model of the waves (`psyscore compare lmm`, REML, the control group and the
/// first wave the reference), fitted to everyone with a score at some wave, when it is the main
/// analysis of change: three waves or more, or someone without a row at some wave (a dropout,
/// which `sample` names; not a score missing from a row that is there), or when the study file
/// asks for it.
pub fn lmm(
    study: &Study,
    data: &TimedSheets,
    sample: &Sample,
    asked: bool,
) -> Option<WavesReport<LmmResult>> {
    let dropout = sample
        .excluded
        .iter()
        .any(|excluded| excluded.reason == Reason::MissingTime);
    if !(asked || data.times.len() >= 3 || dropout) {
        return None;
    }
    let waves = Waves {
        times: data.times.clone(),
        sheets: data.sheets.clone(),
        excluded: data.excluded.clone(),
    };
    let options = LmmOptions {
        groups: study.groups.as_ref().map_or_else(Vec::new, |groups| {
            // The reference first: the control group, else the first.
            let mut levels = groups.levels.clone();
            if let Some(at) = groups
                .control
                .as_ref()
                .and_then(|control| levels.iter().position(|l| l == control))
            {
                let control = levels.remove(at);
                levels.insert(0, control);
            }
            levels
        }),
        group_column: study.groups.as_ref().map(|g| g.column.clone()),
        control: study.groups.as_ref().and_then(|g| g.control.clone()),
        covariates: Vec::new(),
        reml: true,
        conf: study.conf,
    };
    // Without covariates there is no cell that must be a number: the report cannot fail.
    lmm_report(waves, &options).ok()
}
