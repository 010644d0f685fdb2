//! The study's sensitivity: the smallest effect each comparison it ran could have detected with
//! 80% power at the study's α (two-sided), given the people the comparison had — what G*Power
//! calls a sensitivity analysis ("compute required effect size", Faul et al., 2007, Behav Res
//! Methods 39:175–191), computed by [`crate::stats::power`]. It is computed for the
//! questionnaire's total (or its first measure when it has none), whose people each comparison
//! counts.

use serde::Serialize;

use super::analyses::ScaleResults;
use crate::stats::Alternative;
use crate::stats::power::{self, Design, Given, SampleSize};

/// The power at which the smallest detectable effects are given.
pub const SENSITIVITY_POWER: f64 = 0.8;

/// What a questionnaire's comparisons could detect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The measure whose people are counted: `total`, else the questionnaire's first.
    pub measure: String,
    /// The power of the detectable effects.
    pub power: f64,
    /// The significance level (two-sided tests).
    pub alpha: f64,
    /// One entry per comparison run.
    pub comparisons: Vec<Detectable>,
}

/// The smallest effect one comparison could detect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detectable {
    /// The comparison.
    #[serde(flatten)]
    pub comparison: Comparison,
    /// The people in it: one number per group.
    pub n: Vec<usize>,
    /// The effect size's kind.
    pub effect_size: EffectSize,
    /// The smallest effect detected with [`SENSITIVITY_POWER`]; `null` when too few people
    /// (fewer than two in a group) leave it undefined.
    pub effect: Option<f64>,
}

/// A comparison whose sensitivity is given.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "comparison", rename_all = "snake_case")]
pub enum Comparison {
    /// The two groups at a later wave: the two-sample t-test (Cohen's d).
    Groups {
        /// The wave.
        wave: String,
    },
    /// One group's change from the first wave to the second: the paired t-test (d_z).
    Change {
        /// The group (`null` without groups).
        group: Option<String>,
    },
}

/// The standardized effect a comparison's sensitivity is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EffectSize {
    /// Cohen's d: the difference of two means over the pooled SD.
    #[serde(rename = "d")]
    D,
    /// d_z: the mean change over the SD of the changes.
    #[serde(rename = "d_z")]
    Dz,
}

/// The sensitivity of the comparisons in `results` at significance level `alpha`; `None` when
/// it ran none of them.
pub fn sensitivity(results: &ScaleResults, alpha: f64) -> Option<Sensitivity> {
    let mut comparisons = Vec::new();
    let mut measure = None;
    for later in &results.groups_waves {
        if let Some(result) = main(&later.report.results, |r| &r.measure) {
            measure.get_or_insert_with(|| result.measure.clone());
            let n: Vec<usize> = result.groups.iter().map(|group| group.n).collect();
            let size = SampleSize {
                n1: n[0] as u64,
                n2: Some(n[1] as u64),
            };
            comparisons.push(Detectable {
                comparison: Comparison::Groups {
                    wave: later.wave.clone(),
                },
                effect_size: EffectSize::D,
                effect: detectable(Design::Groups { ratio: 1.0 }, size, alpha),
                n,
            });
        }
    }
    for within in &results.within {
        if let Some(result) = main(&within.report.results, |r| &r.measure) {
            measure.get_or_insert_with(|| result.measure.clone());
            let size = SampleSize {
                n1: result.n as u64,
                n2: None,
            };
            comparisons.push(Detectable {
                comparison: Comparison::Change {
                    group: within.group.clone(),
                },
                n: vec![result.n],
                effect_size: EffectSize::Dz,
                effect: detectable(Design::Paired, size, alpha),
            });
        }
    }
    Some(Sensitivity {
        measure: measure?,
        power: SENSITIVITY_POWER,
        alpha,
        comparisons,
    })
}

/// The result of the measure `total`, else the first.
fn main<T>(results: &[T], measure: impl Fn(&T) -> &str) -> Option<&T> {
    results
        .iter()
        .find(|result| measure(result) == "total")
        .or(results.first())
}

/// The smallest effect `design` detects with [`SENSITIVITY_POWER`] in a two-sided test at
/// `alpha` with the people `n`; `None` when they are too few (or the power unreachable).
fn detectable(design: Design, n: SampleSize, alpha: f64) -> Option<f64> {
    let given = Given::SizePower {
        n,
        power: SENSITIVITY_POWER,
    };
    power::solve(design, alpha, Alternative::TwoSided, given)
        .ok()
        .map(|answer| answer.effect)
}
