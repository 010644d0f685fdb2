//! Two independent groups: Student and Welch t, Mann–Whitney U, d and g with CIs, rank-biserial
//! r, Levene's tests and Shapiro–Wilk per group.

use serde::Serialize;

use super::{FTestOut, Note, Options, TTestOut, Tests, finite};
use crate::stats::descriptive::Summary;
use crate::stats::effect::{
    EffectCi, cohens_d, cohens_d_from_summary, hedges_g, hedges_g_from_summary,
};
use crate::stats::levene::{Centre, levene};
use crate::stats::magnitude_problem;
use crate::stats::rank::{RankMethod, rank_sum};
use crate::stats::shapiro::{self, shapiro_wilk};
use crate::stats::ttest::{
    SampleStats, student_t, student_t_from_stats, welch_t, welch_t_from_stats,
};

/// The significance level below which Levene's test is taken to favour Welch's t-test.
pub const LEVENE_ALPHA: f64 = 0.05;

/// The two-group comparison of one measure. Differences are first − second level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupsResult {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// n, mean, SD, median of each group, first level first.
    pub groups: Vec<GroupSummary>,
    /// Student's t-test (pooled variance).
    pub student: TTestOut,
    /// Welch's t-test.
    pub welch: TTestOut,
    /// The t-test the assumptions favour, `student` or `welch`, and why.
    pub favoured: Favoured,
    /// Mann–Whitney U of the first group (R's W).
    pub mann_whitney: MannWhitneyOut,
    /// Effect sizes.
    pub effect: GroupsEffect,
    /// Levene's test centred on the median (Brown–Forsythe; R `car::leveneTest` default).
    pub levene: FTestOut,
    /// Levene's test centred on the mean.
    pub levene_mean: FTestOut,
    /// Shapiro–Wilk per group.
    pub normality: Vec<GroupNormality>,
    /// Remarks on undefined statistics.
    pub notes: Vec<Note>,
}

/// One group's descriptive statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupSummary {
    /// The group's level.
    pub level: String,
    /// Number of values.
    pub n: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// SD.
    pub sd: Option<f64>,
    /// Median.
    pub median: Option<f64>,
}

/// Which t-test to read, with the reason.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Favoured {
    /// `student` or `welch`.
    pub test: &'static str,
    /// Why, in a sentence.
    pub reason: String,
}

/// The Mann–Whitney test as reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MannWhitneyOut {
    /// U of the first group = sum of its ranks − n₁(n₁ + 1)/2 (R `wilcox.test`'s W).
    pub u: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
    /// p-value adjusted across measures.
    pub p_adj: Option<f64>,
    /// `exact` or `normal`.
    pub method: Option<RankMethod>,
}

/// Effect sizes of a two-group comparison.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct GroupsEffect {
    /// Cohen's d with the pooled SD.
    pub cohen_d: Option<f64>,
    /// Lower limit of d's noncentral-t CI.
    pub d_ci_low: Option<f64>,
    /// Upper limit of d's noncentral-t CI.
    pub d_ci_high: Option<f64>,
    /// Hedges' g (exact gamma correction).
    pub hedges_g: Option<f64>,
    /// Lower limit of g's CI.
    pub g_ci_low: Option<f64>,
    /// Upper limit of g's CI.
    pub g_ci_high: Option<f64>,
    /// Rank-biserial r = 2U/(n₁n₂) − 1, positive when the first group tends to be larger.
    pub rank_biserial: Option<f64>,
}

/// Shapiro–Wilk of one group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupNormality {
    /// The group's level.
    pub level: String,
    /// W statistic.
    pub w: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
}

/// Compares the values of two groups, `levels[0]` (x) against `levels[1]` (y).
pub fn compare_groups(
    measure: &str,
    levels: [&str; 2],
    x: &[f64],
    y: &[f64],
    options: Options,
) -> GroupsResult {
    let Options {
        conf, alternative, ..
    } = options;
    let summaries = [(levels[0], x), (levels[1], y)]
        .into_iter()
        .map(|(level, values)| group_summary(level, Summary::of(values)))
        .collect();
    if let Some(problem) = magnitude_problem(x.iter().chain(y)) {
        // Ranks do not care how large the values are: Mann–Whitney stays.
        let rank = rank_sum(x, y, alternative, options.method);
        return GroupsResult {
            measure: measure.to_owned(),
            groups: summaries,
            student: TTestOut::default(),
            welch: TTestOut::default(),
            favoured: favoured(None),
            mann_whitney: rank.as_ref().map_or_else(MannWhitneyOut::default, |test| {
                MannWhitneyOut {
                    u: Some(test.u),
                    p: Some(test.p),
                    p_adj: None,
                    method: Some(test.method),
                }
            }),
            effect: effects(None, None, rank.and_then(|test| test.rank_biserial)),
            levene: FTestOut::default(),
            levene_mean: FTestOut::default(),
            normality: Vec::new(),
            notes: vec![Note::NotComputed {
                tests: Tests::TwoGroups,
                why: problem,
            }],
        };
    }
    let student = student_t(x, y, conf, alternative);
    let welch = welch_t(x, y, conf, alternative);
    let levene_median = levene(&[x, y], Centre::Median);
    let rank = rank_sum(x, y, alternative, options.method);
    let mut notes = Vec::new();
    if student.is_none() || welch.is_none() {
        notes.push(Note::TTestUndefined);
    }
    if x.len().max(y.len()) > shapiro::MAX_N {
        notes.push(Note::ShapiroGroupsLimit);
    }
    GroupsResult {
        measure: measure.to_owned(),
        groups: summaries,
        favoured: favoured(levene_median.as_ref().map(|test| test.p)),
        student: student.into(),
        welch: welch.into(),
        mann_whitney: rank
            .as_ref()
            .map_or_else(MannWhitneyOut::default, |test| MannWhitneyOut {
                u: Some(test.u),
                p: Some(test.p),
                p_adj: None,
                method: Some(test.method),
            }),
        effect: effects(
            cohens_d(x, y, conf, alternative),
            hedges_g(x, y, conf, alternative),
            rank.and_then(|test| test.rank_biserial),
        ),
        levene: levene_median.into(),
        levene_mean: levene(&[x, y], Centre::Mean).into(),
        normality: [(levels[0], x), (levels[1], y)]
            .into_iter()
            .map(|(level, values)| {
                let test = shapiro_wilk(values);
                GroupNormality {
                    level: level.to_owned(),
                    w: test.as_ref().map(|t| t.w),
                    p: test.map(|t| t.p),
                }
            })
            .collect(),
        notes,
    }
}

/// The two-group comparison from each group's n, mean and SD: the t-tests and d, g with CIs.
/// Rank tests, Levene's tests and normality need the raw data and are `null`.
pub fn compare_groups_from_summary(
    measure: &str,
    levels: [&str; 2],
    x: SampleStats,
    y: SampleStats,
    options: Options,
) -> GroupsResult {
    let Options {
        conf, alternative, ..
    } = options;
    let summary = |level: &str, s: SampleStats| GroupSummary {
        level: level.to_owned(),
        n: s.n,
        mean: Some(s.mean),
        sd: Some(s.sd),
        median: None,
    };
    GroupsResult {
        measure: measure.to_owned(),
        groups: vec![summary(levels[0], x), summary(levels[1], y)],
        student: student_t_from_stats(x, y, conf, alternative).into(),
        welch: welch_t_from_stats(x, y, conf, alternative).into(),
        favoured: favoured(None),
        mann_whitney: MannWhitneyOut::default(),
        effect: effects(
            cohens_d_from_summary(x, y, conf, alternative),
            hedges_g_from_summary(x, y, conf, alternative),
            None,
        ),
        levene: FTestOut::default(),
        levene_mean: FTestOut::default(),
        normality: Vec::new(),
        notes: std::iter::once(Note::FromSummaryGroups)
            .chain(
                magnitude_problem(&[x.mean, x.sd, y.mean, y.sd, x.mean - y.mean])
                    .map(Note::SummaryMagnitude),
            )
            .collect(),
    }
}

pub(super) fn group_summary(level: &str, summary: Summary) -> GroupSummary {
    GroupSummary {
        level: level.to_owned(),
        n: summary.n,
        mean: summary.mean,
        sd: summary.sd,
        median: summary.median,
    }
}

fn effects(d: Option<EffectCi>, g: Option<EffectCi>, rank_biserial: Option<f64>) -> GroupsEffect {
    GroupsEffect {
        cohen_d: d.as_ref().map(|d| d.estimate),
        d_ci_low: d.as_ref().and_then(|d| finite(d.ci_low)),
        d_ci_high: d.as_ref().and_then(|d| finite(d.ci_high)),
        hedges_g: g.as_ref().map(|g| g.estimate),
        g_ci_low: g.as_ref().and_then(|g| finite(g.ci_low)),
        g_ci_high: g.as_ref().and_then(|g| finite(g.ci_high)),
        rank_biserial,
    }
}

/// Welch when Levene's (median-centred) test finds unequal variances at [`LEVENE_ALPHA`], or
/// when it cannot be computed; Student otherwise. Both are always reported.
fn favoured(levene_p: Option<f64>) -> Favoured {
    match levene_p {
        Some(p) if p >= LEVENE_ALPHA => Favoured {
            test: "student",
            reason: format!(
                "Levene's test (median-centred) finds no difference in variances (p = {p:.3} ≥ {LEVENE_ALPHA})"
            ),
        },
        Some(p) => Favoured {
            test: "welch",
            reason: format!(
                "Levene's test (median-centred) finds unequal variances (p = {p:.3} < {LEVENE_ALPHA})"
            ),
        },
        None => Favoured {
            test: "welch",
            reason: "equal variances cannot be checked; Welch's test does not assume them"
                .to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_a_group_too_large_for_shapiro_wilk() {
        let note =
            "Shapiro–Wilk is computed for groups of at most 5000 values, as R's shapiro.test";
        let x: Vec<f64> = (0..5001).map(|i| f64::from(i % 13)).collect();
        let y: Vec<f64> = (0..40).map(|i| f64::from(i % 11)).collect();
        let result = compare_groups("m", ["a", "b"], &x, &y, Options::default());
        assert_eq!(result.notes, [Note::ShapiroGroupsLimit]);
        assert_eq!(result.notes[0].to_string(), note);
        assert_eq!(result.normality[0].w, None);
        assert!(result.normality[1].w.is_some());
        let result = compare_groups("m", ["a", "b"], &x[..5000], &y, Options::default());
        assert!(result.notes.is_empty());
    }
}
