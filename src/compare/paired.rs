//! Pre vs post in one group: paired t, Wilcoxon signed rank, d_z, d_av, g_av, rank-biserial r,
//! Shapiro–Wilk of the differences, and band transitions.

use serde::Serialize;

use super::{Note, Options, TTestOut, Tests, finite};
use crate::scale::{Band, band_index};
use crate::stats::descriptive::{Summary, mean, sd};
use crate::stats::effect::{
    cohens_dav, cohens_dav_from_summary, cohens_dz, cohens_dz_from_summary, hedges_gav,
    hedges_gav_from_summary,
};
use crate::stats::rank::{RankMethod, signed_rank};
use crate::stats::shapiro::{self, shapiro_wilk};
use crate::stats::ttest::{SampleStats, one_sample_t_from_stats, paired_t};
use crate::stats::{Magnitude, magnitude_problem};

/// The paired comparison of one measure. Differences are post − pre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedResult {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// Number of complete pairs analysed.
    pub n: usize,
    /// Pre-test n, mean, SD, median.
    pub pre: Summary,
    /// Post-test n, mean, SD, median.
    pub post: Summary,
    /// Mean and SD of the differences.
    pub diff: DiffOut,
    /// Paired t-test.
    pub t_test: TTestOut,
    /// Wilcoxon signed-rank test (`null` fields from summary statistics).
    pub wilcoxon: WilcoxonOut,
    /// Effect sizes.
    pub effect: PairedEffect,
    /// Shapiro–Wilk test of the differences.
    pub normality: NormalityOut,
    /// Counts of pre band → post band, when the measure has bands.
    pub transitions: Vec<Transition>,
    /// Remarks on undefined statistics.
    pub notes: Vec<Note>,
}

/// Mean and SD of the paired differences.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DiffOut {
    /// Mean of post − pre.
    pub mean: Option<f64>,
    /// SD of post − pre.
    pub sd: Option<f64>,
}

/// The Wilcoxon signed-rank test as reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WilcoxonOut {
    /// Sum of the ranks of the positive differences (R's V).
    pub v: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
    /// p-value adjusted across measures.
    pub p_adj: Option<f64>,
    /// `exact` or `normal`.
    pub method: Option<RankMethod>,
    /// Number of zero differences (dropped).
    pub zeros: Option<usize>,
    /// Number of non-zero differences sharing their absolute value with another.
    pub ties: Option<usize>,
}

/// Effect sizes of a paired comparison.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PairedEffect {
    /// Cohen's d_z = mean(d) / SD(d).
    pub cohen_dz: Option<f64>,
    /// Lower limit of d_z's noncentral-t CI.
    pub dz_ci_low: Option<f64>,
    /// Upper limit of d_z's noncentral-t CI.
    pub dz_ci_high: Option<f64>,
    /// d_av = mean(d) / ((SD_pre + SD_post) / 2).
    pub cohen_dav: Option<f64>,
    /// Hedges' g_av, d_av with the small-sample correction.
    pub hedges_gav: Option<f64>,
    /// Rank-biserial r = (W+ − W−) / (W+ + W−) (Kerby 2014).
    pub rank_biserial: Option<f64>,
}

/// A Shapiro–Wilk test as reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NormalityOut {
    /// W statistic.
    pub w: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
}

/// How many people moved from one band to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    /// Band before.
    pub from: String,
    /// Band after.
    pub to: String,
    /// Number of people.
    pub count: usize,
}

/// Compares complete pairs `pre[i]`, `post[i]`; `bands` (possibly empty) classify the measure.
pub fn compare_paired(
    measure: &str,
    pre: &[f64],
    post: &[f64],
    bands: &[Band],
    options: Options,
) -> PairedResult {
    assert_eq!(pre.len(), post.len(), "pairs come in pairs");
    let differences: Vec<f64> = post.iter().zip(pre).map(|(b, a)| b - a).collect();
    if let Some(problem) = differences_problem(pre, post, &differences) {
        return PairedResult {
            measure: measure.to_owned(),
            n: differences.len(),
            pre: Summary::of(pre),
            post: Summary::of(post),
            diff: DiffOut {
                mean: mean(&differences).filter(|m| m.is_finite()),
                sd: sd(&differences),
            },
            t_test: TTestOut::default(),
            wilcoxon: WilcoxonOut::default(),
            effect: PairedEffect::default(),
            normality: NormalityOut::default(),
            transitions: band_transitions(pre, post, bands),
            notes: vec![Note::NotComputed {
                tests: Tests::Paired,
                why: problem,
            }],
        };
    }
    let t = paired_t(&differences, options.conf, options.alternative);
    let wilcoxon = signed_rank(&differences, options.alternative, options.method);
    let dz = cohens_dz(&differences, options.conf, options.alternative);
    let normality = shapiro_wilk(&differences);
    let mut notes = Vec::new();
    if t.is_none() {
        notes.push(Note::PairedUndefined {
            n: differences.len(),
        });
    }
    if wilcoxon.is_none() && differences.iter().all(|d| *d == 0.0) && !differences.is_empty() {
        notes.push(Note::WilcoxonAllZero);
    }
    if normality.is_none() {
        notes.push(if differences.len() > shapiro::MAX_N {
            Note::ShapiroDifferencesLimit
        } else {
            Note::ShapiroTooFew
        });
    }
    PairedResult {
        measure: measure.to_owned(),
        n: differences.len(),
        pre: Summary::of(pre),
        post: Summary::of(post),
        diff: DiffOut {
            mean: mean(&differences),
            sd: sd(&differences),
        },
        t_test: t.into(),
        wilcoxon: wilcoxon
            .as_ref()
            .map_or_else(WilcoxonOut::default, |w| WilcoxonOut {
                v: Some(w.v),
                p: Some(w.p),
                p_adj: None,
                method: Some(w.method),
                zeros: Some(w.zeros),
                ties: Some(w.ties),
            }),
        effect: PairedEffect {
            cohen_dz: dz.as_ref().map(|d| d.estimate),
            dz_ci_low: dz.as_ref().and_then(|d| finite(d.ci_low)),
            dz_ci_high: dz.as_ref().and_then(|d| finite(d.ci_high)),
            cohen_dav: cohens_dav(pre, post),
            hedges_gav: hedges_gav(pre, post),
            rank_biserial: wilcoxon.and_then(|w| w.rank_biserial),
        },
        normality: normality.map_or_else(NormalityOut::default, |n| NormalityOut {
            w: Some(n.w),
            p: Some(n.p),
        }),
        transitions: band_transitions(pre, post, bands),
        notes,
    }
}

/// The paired comparison from summary statistics: n pairs, pre and post mean and SD, and the
/// pre–post correlation r. The SD of the differences is `√(s₁² + s₂² − 2 r s₁ s₂)`. Rank tests,
/// normality and transitions need the raw data and are `null`.
pub fn compare_paired_from_summary(
    measure: &str,
    n: usize,
    pre: (f64, f64),
    post: (f64, f64),
    r: f64,
    options: Options,
) -> PairedResult {
    let ((pre_mean, pre_sd), (post_mean, post_sd)) = (pre, post);
    let diff_sd = (pre_sd * pre_sd + post_sd * post_sd - 2.0 * r * pre_sd * post_sd)
        .max(0.0)
        .sqrt();
    let differences = SampleStats {
        n,
        mean: post_mean - pre_mean,
        sd: diff_sd,
    };
    let t = one_sample_t_from_stats(differences, options.conf, options.alternative);
    let dz = cohens_dz_from_summary(differences, options.conf, options.alternative);
    let stats = |mean, sd| SampleStats { n, mean, sd };
    let summary = |mean, sd| Summary {
        n,
        mean: Some(mean),
        sd: Some(sd),
        median: None,
    };
    let mut notes = vec![Note::FromSummaryPaired];
    let problem = magnitude_problem(&[pre_mean, pre_sd, post_mean, post_sd, differences.mean]);
    match (t.is_none(), problem) {
        (true, Some(problem)) => notes.push(Note::NotComputed {
            tests: Tests::PairedSummary,
            why: problem,
        }),
        (true, None) => notes.push(Note::PairedUndefined { n }),
        _ => {}
    }
    PairedResult {
        measure: measure.to_owned(),
        n,
        pre: summary(pre_mean, pre_sd),
        post: summary(post_mean, post_sd),
        diff: DiffOut {
            mean: Some(differences.mean),
            sd: Some(diff_sd),
        },
        t_test: t.into(),
        wilcoxon: WilcoxonOut::default(),
        effect: PairedEffect {
            cohen_dz: dz.as_ref().map(|d| d.estimate),
            dz_ci_low: dz.as_ref().and_then(|d| finite(d.ci_low)),
            dz_ci_high: dz.as_ref().and_then(|d| finite(d.ci_high)),
            cohen_dav: cohens_dav_from_summary(
                differences.mean,
                stats(pre_mean, pre_sd),
                stats(post_mean, post_sd),
            ),
            hedges_gav: hedges_gav_from_summary(
                differences.mean,
                stats(pre_mean, pre_sd),
                stats(post_mean, post_sd),
            ),
            rank_biserial: None,
        },
        normality: NormalityOut::default(),
        transitions: Vec::new(),
        notes,
    }
}

/// Why the tests cannot be computed from these pairs, if they cannot: sizes double precision
/// cannot square, or a difference post − pre beyond the largest double.
fn differences_problem(pre: &[f64], post: &[f64], differences: &[f64]) -> Option<Magnitude> {
    if differences.iter().any(|d| !d.is_finite()) {
        return Some(Magnitude::DifferenceOverflow);
    }
    magnitude_problem(pre.iter().chain(post).chain(differences))
}

/// Counts of (pre band, post band) pairs, in band order; empty without bands.
pub fn band_transitions(pre: &[f64], post: &[f64], bands: &[Band]) -> Vec<Transition> {
    if bands.is_empty() {
        return Vec::new();
    }
    let band_of = |value: f64| band_index(bands, value);
    let mut counts = vec![vec![0usize; bands.len()]; bands.len()];
    for (&before, &after) in pre.iter().zip(post) {
        if let (Some(from), Some(to)) = (band_of(before), band_of(after)) {
            counts[from][to] += 1;
        }
    }
    let mut out = Vec::new();
    for (from, row) in counts.iter().enumerate() {
        for (to, &count) in row.iter().enumerate() {
            if count > 0 {
                out.push(Transition {
                    from: bands[from].label.clone(),
                    to: bands[to].label.clone(),
                    count,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The note says why Shapiro–Wilk is missing: too few or constant differences, or too many.
    #[test]
    fn says_why_there_is_no_normality_test() {
        let notes = |pre: &[f64], post: &[f64]| {
            compare_paired("m", pre, post, &[], Options::default())
                .notes
                .iter()
                .map(Note::to_string)
                .collect::<Vec<_>>()
        };
        let few = "Shapiro–Wilk needs at least 3 differences that are not all equal";
        assert!(notes(&[1.0, 2.0], &[2.0, 4.0]).contains(&few.to_owned()));
        assert!(notes(&[1.0, 2.0, 3.0], &[2.0, 3.0, 4.0]).contains(&few.to_owned()));
        let pre: Vec<f64> = (0..5001).map(f64::from).collect();
        let post: Vec<f64> = pre.iter().map(|x| x * 1.5 + (x % 7.0)).collect();
        assert_eq!(
            notes(&pre, &post),
            ["Shapiro–Wilk is computed for at most 5000 differences, as R's shapiro.test"]
        );
        assert!(notes(&pre[..5000], &post[..5000]).is_empty());
    }
}
