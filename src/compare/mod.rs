//! Comparisons of an intervention study, one measure at a time: pre vs post (paired), two
//! independent groups or three and more (arms), the baseline-adjusted comparison (ANCOVA), and
//! several waves (repeated and mixed ANOVA).
//!
//! Each function takes the numbers of one measure and returns a result whose field names are
//! the JSON output contract of `psyscore compare`. Values that are undefined for the data are
//! `None` (JSON `null`); so is the open side of a one-sided confidence interval.

mod ancova;
mod arms;
mod groups;
mod lmm;
mod note;
mod paired;
mod repeated;

use serde::Serialize;

pub use ancova::{AncovaResult, compare_ancova};
pub use arms::{AnovaOut, ArmPair, ArmsResult, FTestAdjusted, KruskalOut, arm_pairs, compare_arms};
pub use groups::{
    GroupSummary, GroupsResult, LEVENE_ALPHA, MannWhitneyOut, compare_groups,
    compare_groups_from_summary,
};
pub use lmm::{
    AnovaRow, Emmean, FitCriteria, FixedEffect, LmmDesign, LmmPerson, LmmResult, RandomEffects,
    WaveContrast, WaveCount, compare_lmm,
};
pub use note::{LmmUnfitted, Note, Tests};
pub use paired::{
    PairedResult, Transition, band_transitions, compare_paired, compare_paired_from_summary,
};
pub use repeated::{
    Cell, MixedResult, RepeatedResult, SimpleAt, SimpleEffect, WaveMean, WavePair, compare_mixed,
    compare_repeated,
};

use crate::stats::Alternative;
use crate::stats::adjust::{Adjust, adjust};
use crate::stats::levene::FTest;
use crate::stats::rank::MethodChoice;
use crate::stats::ttest::TTest;

/// Choices shared by every comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// Confidence level of intervals, e.g. 0.95.
    pub conf: f64,
    /// Alternative hypothesis of every test.
    pub alternative: Alternative,
    /// How rank-test p-values are computed.
    pub method: MethodChoice,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            conf: 0.95,
            alternative: Alternative::TwoSided,
            method: MethodChoice::Auto,
        }
    }
}

/// A t-test as reported: statistic, df, p, adjusted p, CI of the mean difference.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TTestOut {
    /// t statistic.
    pub t: Option<f64>,
    /// Degrees of freedom.
    pub df: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
    /// p-value adjusted across the measures of the command.
    pub p_adj: Option<f64>,
    /// Lower confidence limit of the mean difference (`null` when open).
    pub ci_low: Option<f64>,
    /// Upper confidence limit of the mean difference (`null` when open).
    pub ci_high: Option<f64>,
}

impl From<Option<TTest>> for TTestOut {
    fn from(test: Option<TTest>) -> TTestOut {
        test.map_or_else(TTestOut::default, |test| TTestOut {
            t: Some(test.t),
            df: Some(test.df),
            p: Some(test.p),
            p_adj: None,
            ci_low: finite(test.ci_low),
            ci_high: finite(test.ci_high),
        })
    }
}

/// An F test as reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FTestOut {
    /// F statistic.
    pub f: Option<f64>,
    /// Numerator degrees of freedom.
    pub df1: Option<f64>,
    /// Denominator degrees of freedom.
    pub df2: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
}

impl From<Option<FTest>> for FTestOut {
    fn from(test: Option<FTest>) -> FTestOut {
        test.map_or_else(FTestOut::default, |test| FTestOut {
            f: Some(test.f),
            df1: Some(test.df1),
            df2: Some(test.df2),
            p: Some(test.p),
        })
    }
}

/// A value that is finite, else `None` (an open confidence limit).
fn finite(value: f64) -> Option<f64> {
    value.is_finite().then_some(value)
}

/// Adjusts one family of p-values in place: `p_adj` gets the adjusted `p` of each entry.
pub fn adjust_family<'a>(
    entries: impl Iterator<Item = (&'a Option<f64>, &'a mut Option<f64>)>,
    method: Adjust,
) {
    let (p, p_adj): (Vec<&Option<f64>>, Vec<&mut Option<f64>>) = entries.unzip();
    let p: Vec<Option<f64>> = p.into_iter().copied().collect();
    for (slot, adjusted) in p_adj.into_iter().zip(adjust(&p, method)) {
        *slot = adjusted;
    }
}
