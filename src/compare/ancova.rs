//! The baseline-adjusted comparison of two groups: post ~ pre + group.

use serde::Serialize;

use super::{FTestOut, Options};
use crate::stats::ancova::{AncovaGroup, ancova, gain_welch};

/// ANCOVA of one measure, with the gain-score Welch t-test as a cross-check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AncovaResult {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// Per group: n, pre and post means, and the post mean adjusted to the overall pre mean.
    pub groups: Vec<AncovaGroup>,
    /// The group effect: F, df, p, adjusted p and partial η².
    pub group_effect: GroupEffectOut,
    /// Adjusted difference first − second level, with its CI.
    pub adj_diff: AdjDiffOut,
    /// The pre × group interaction: a small p warns that the slopes differ.
    pub slopes_homogeneity: FTestOut,
    /// Welch t-test of the gains (post − pre) between the groups.
    pub gain_welch: GainWelchOut,
    /// Remarks on undefined statistics.
    pub notes: Vec<String>,
}

/// The group term of the ANCOVA.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupEffectOut {
    /// F statistic (type II, as `car::Anova`).
    pub f: Option<f64>,
    /// Numerator df.
    pub df1: Option<f64>,
    /// Denominator df.
    pub df2: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
    /// p-value adjusted across measures.
    pub p_adj: Option<f64>,
    /// Partial η² = SS_group / (SS_group + SS_error).
    pub partial_eta2: Option<f64>,
}

/// The adjusted difference between the groups.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AdjDiffOut {
    /// First − second level, at equal pre scores.
    pub estimate: Option<f64>,
    /// Lower confidence limit.
    pub ci_low: Option<f64>,
    /// Upper confidence limit.
    pub ci_high: Option<f64>,
}

/// The gain-score cross-check.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GainWelchOut {
    /// t statistic.
    pub t: Option<f64>,
    /// Welch–Satterthwaite df.
    pub df: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
}

/// Compares `post` between two groups adjusting for `pre`; index 0 is the first level.
pub fn compare_ancova(
    measure: &str,
    levels: [&str; 2],
    pre: [&[f64]; 2],
    post: [&[f64]; 2],
    options: Options,
) -> AncovaResult {
    let model = ancova(&pre, &post, levels, options.conf);
    let gain = gain_welch(&pre, &post, options.conf, options.alternative);
    let mut notes = Vec::new();
    if model.is_none() {
        notes.push(
            "the ANCOVA is undefined: too few people, or no variation in pre or post scores"
                .to_owned(),
        );
    }
    let groups = match &model {
        Some(model) => model.groups.clone(),
        None => Vec::new(),
    };
    AncovaResult {
        measure: measure.to_owned(),
        groups,
        group_effect: model
            .as_ref()
            .map_or_else(GroupEffectOut::default, |m| GroupEffectOut {
                f: Some(m.group_effect.f),
                df1: Some(m.group_effect.df1),
                df2: Some(m.group_effect.df2),
                p: Some(m.group_effect.p),
                p_adj: None,
                partial_eta2: Some(m.group_effect.partial_eta2),
            }),
        adj_diff: model
            .as_ref()
            .map_or_else(AdjDiffOut::default, |m| AdjDiffOut {
                estimate: Some(m.adj_diff.estimate),
                ci_low: Some(m.adj_diff.ci_low),
                ci_high: Some(m.adj_diff.ci_high),
            }),
        slopes_homogeneity: model.and_then(|m| m.slopes_homogeneity).into(),
        gain_welch: gain.map_or_else(GainWelchOut::default, |t| GainWelchOut {
            t: Some(t.t),
            df: Some(t.df),
            p: Some(t.p),
        }),
        notes,
    }
}
