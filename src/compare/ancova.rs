//! The baseline-adjusted comparison of two groups: post ~ pre + group.

use serde::Serialize;

use super::{FTestOut, Note, Options, Tests, finite};
use crate::stats::Alternative;
use crate::stats::ancova::{fit_ancova, gain_welch};
use crate::stats::descriptive::mean;
use crate::stats::magnitude_problem;
use crate::stats::ttest::{t_p_value, t_quantile_upper};

/// ANCOVA of one measure, with the gain-score Welch t-test as a cross-check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AncovaResult {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// Per group: n, pre and post means, and the post mean adjusted to the overall pre mean.
    pub groups: Vec<AncovaGroupOut>,
    /// The group effect: F, df, p, adjusted p and partial η².
    pub group_effect: GroupEffectOut,
    /// Adjusted difference first − second level, with its CI.
    pub adj_diff: AdjDiffOut,
    /// The pre × group interaction: a small p warns that the slopes differ.
    pub slopes_homogeneity: FTestOut,
    /// Welch t-test of the gains (post − pre) between the groups.
    pub gain_welch: GainWelchOut,
    /// Remarks on undefined statistics.
    pub notes: Vec<Note>,
}

/// One group of the ANCOVA: its people with both scores, and their means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AncovaGroupOut {
    /// The group's level.
    pub level: String,
    /// Number of people with both scores.
    pub n: usize,
    /// Mean pre-test score.
    pub pre_mean: Option<f64>,
    /// Mean post-test score.
    pub post_mean: Option<f64>,
    /// Post mean adjusted to the overall pre mean (R `emmeans`); `null` without a model.
    pub adj_mean: Option<f64>,
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

/// The adjusted difference between the groups, tested with the t of the group coefficient
/// (R `summary(lm(post ~ pre + group))`) for the chosen alternative.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AdjDiffOut {
    /// First − second level, at equal pre scores.
    pub estimate: Option<f64>,
    /// Lower confidence limit (`null` when open: `--alternative less`).
    pub ci_low: Option<f64>,
    /// Upper confidence limit (`null` when open: `--alternative greater`).
    pub ci_high: Option<f64>,
    /// t = estimate / SE on N − 3 df; t² is the group F.
    pub t: Option<f64>,
    /// Degrees of freedom, N − 3.
    pub df: Option<f64>,
    /// p-value for the alternative (two-sided: the group F's p).
    pub p: Option<f64>,
    /// p-value adjusted across measures.
    pub p_adj: Option<f64>,
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

/// Compares `post` between two groups adjusting for `pre`; index 0 is the first level. With a
/// one-sided alternative the adjusted difference is tested one-sided (its t, p and one open
/// confidence limit); the group F, which has no direction, stays two-sided.
pub fn compare_ancova(
    measure: &str,
    levels: [&str; 2],
    pre: [&[f64]; 2],
    post: [&[f64]; 2],
    options: Options,
) -> AncovaResult {
    let problem = magnitude_problem(pre.iter().chain(&post).flat_map(|values| values.iter()));
    let mut notes = Vec::new();
    let (model, gain) = match &problem {
        Some(problem) => {
            notes.push(Note::NotComputed {
                tests: Tests::Ancova,
                why: *problem,
            });
            (None, None)
        }
        None => {
            let model = fit_ancova(&pre, &post, levels, options.conf);
            if let Err(why) = &model {
                notes.push(Note::Ancova(*why));
            }
            let gain = gain_welch(&pre, &post, options.conf, options.alternative);
            (model.ok(), gain)
        }
    };
    if model.is_some() && options.alternative != Alternative::TwoSided {
        notes.push(Note::OneSidedAncova(options.alternative));
    }
    let groups = (0..2)
        .map(|g| AncovaGroupOut {
            level: levels[g].to_owned(),
            n: pre[g].len(),
            pre_mean: mean(pre[g]),
            post_mean: mean(post[g]),
            adj_mean: model.as_ref().map(|m| m.groups[g].adj_mean),
        })
        .collect();
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
            .map_or_else(AdjDiffOut::default, |m| adjusted_difference(m, options)),
        slopes_homogeneity: model.and_then(|m| m.slopes_homogeneity).into(),
        gain_welch: gain.map_or_else(GainWelchOut::default, |t| GainWelchOut {
            t: Some(t.t),
            df: Some(t.df),
            p: Some(t.p),
        }),
        notes,
    }
}

/// The adjusted difference with its t test and interval for `options.alternative`:
/// two-sided as R `confint(model)`, one-sided `estimate ± t_{conf}(N − 3) · SE` with the other
/// side open, p from `pt(t, N − 3, lower.tail = ...)`.
fn adjusted_difference(model: &crate::stats::ancova::Ancova, options: Options) -> AdjDiffOut {
    let estimate = model.adj_diff.estimate;
    let (se, df) = (model.adj_diff_se, model.df_error);
    let t = estimate / se;
    let (ci_low, ci_high) = match options.alternative {
        Alternative::TwoSided => (model.adj_diff.ci_low, model.adj_diff.ci_high),
        alternative => {
            let bound = t_quantile_upper(1.0 - options.conf, df).map(|q| q * se);
            match (alternative, bound) {
                (Alternative::Less, Some(bound)) => (f64::NEG_INFINITY, estimate + bound),
                (_, Some(bound)) => (estimate - bound, f64::INFINITY),
                (_, None) => (f64::NAN, f64::NAN),
            }
        }
    };
    AdjDiffOut {
        estimate: Some(estimate),
        ci_low: finite(ci_low),
        ci_high: finite(ci_high),
        t: Some(t),
        df: Some(df),
        p: t_p_value(t, df, options.alternative),
        p_adj: None,
    }
}
