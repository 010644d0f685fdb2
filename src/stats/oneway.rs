//! One-way analysis of variance of g independent groups (Fisher 1925), as R
//! `aov(y ~ group)`: `F = (SS_between / (g − 1)) / (SS_within / (N − g))`, with η² =
//! `SS_between / SS_total` and ω² = `(SS_between − (g − 1) MS_within) / (SS_total + MS_within)`
//! (Hays 1963; `effectsize::omega_squared`).
//!
//! Sums of squares are computed from deviations about the group and grand means, never as a
//! difference of raw sums of squares.
//!
//! Also Welch's heteroscedastic one-way ANOVA ([`welch_anova`]) and the Kruskal–Wallis rank test
//! with its ε² ([`kruskal`]); the pairwise comparisons that follow them are in
//! [`crate::stats::posthoc`].

use serde::Serialize;

use crate::stats::levene::{FTest, f_upper_tail};
use crate::stats::rank::Ranking;
use crate::stats::repeated::chi_squared_upper;
use crate::stats::ttest::SampleStats;

/// A one-way ANOVA.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnewayAnova {
    /// The statistic F.
    pub f: f64,
    /// `g − 1`.
    pub df1: f64,
    /// `N − g`.
    pub df2: f64,
    /// `P(F(df1, df2) ≥ f)`.
    pub p: f64,
    /// η² = `SS_between / SS_total`.
    pub eta2: f64,
    /// ω² = `(SS_between − df1 · MS_within) / (SS_total + MS_within)`.
    pub omega2: f64,
}

/// The one-way ANOVA of `groups`. `None` with fewer than two groups, an empty group, no more
/// values than groups, a non-finite value, or no variation within the groups (F undefined).
pub fn oneway_anova(groups: &[&[f64]]) -> Option<OnewayAnova> {
    let g = groups.len();
    let n: usize = groups.iter().map(|group| group.len()).sum();
    if g < 2 || n <= g || groups.iter().any(|group| group.is_empty()) {
        return None;
    }
    if groups
        .iter()
        .flat_map(|group| group.iter())
        .any(|v| !v.is_finite())
    {
        return None;
    }
    let grand = groups.iter().flat_map(|group| group.iter()).sum::<f64>() / n as f64;
    let (mut between, mut within) = (0.0, 0.0);
    for group in groups {
        let mean = group.iter().sum::<f64>() / group.len() as f64;
        between += group.len() as f64 * (mean - grand).powi(2);
        within += group.iter().map(|v| (v - mean).powi(2)).sum::<f64>();
    }
    let (df1, df2) = ((g - 1) as f64, (n - g) as f64);
    let ms_within = within / df2;
    let f = (between / df1) / ms_within;
    let total = between + within;
    if !(within > 0.0 && f.is_finite() && total.is_finite()) {
        return None;
    }
    Some(OnewayAnova {
        f,
        df1,
        df2,
        p: f_upper_tail(f, df1, df2)?,
        eta2: between / total,
        omega2: (between - df1 * ms_within) / (total + ms_within),
    })
}

/// Welch's one-way ANOVA for unequal variances (Welch 1951, "On the comparison of several mean
/// values: an alternative approach", *Biometrika* 38, 330–336), as R
/// `oneway.test(y ~ g, var.equal = FALSE)`. With `w_i = n_i / s_i²`, `W = Σ w_i`,
/// `m = Σ w_i ȳ_i / W` and `λ = Σ (1 − w_i/W)² / (n_i − 1)`:
///
/// `F = (Σ w_i (ȳ_i − m)² / (g − 1)) / (1 + 2 (g − 2) λ / (g² − 1))`, on `g − 1` and
/// `(g² − 1) / (3 λ)` degrees of freedom.
///
/// `None` with fewer than two groups, a group of fewer than two values, a non-finite value, or a
/// group without variation (its weight is infinite; R gives an error or NaN).
pub fn welch_anova(groups: &[&[f64]]) -> Option<FTest> {
    let g = groups.len();
    if g < 2 {
        return None;
    }
    let stats: Vec<SampleStats> = groups
        .iter()
        .map(|group| SampleStats::of(group))
        .collect::<Option<_>>()?;
    if stats
        .iter()
        .any(|s| s.n < 2 || s.sd.is_nan() || s.sd <= 0.0)
    {
        return None;
    }
    let weights: Vec<f64> = stats.iter().map(|s| s.n as f64 / (s.sd * s.sd)).collect();
    let total: f64 = weights.iter().sum();
    let centre = weights
        .iter()
        .zip(&stats)
        .map(|(w, s)| w * s.mean)
        .sum::<f64>()
        / total;
    let between = weights
        .iter()
        .zip(&stats)
        .map(|(w, s)| w * (s.mean - centre).powi(2))
        .sum::<f64>();
    let lambda = weights
        .iter()
        .zip(&stats)
        .map(|(w, s)| (1.0 - w / total).powi(2) / (s.n - 1) as f64)
        .sum::<f64>();
    let gf = g as f64;
    let df1 = gf - 1.0;
    let f = (between / df1) / (1.0 + 2.0 * (gf - 2.0) * lambda / (gf * gf - 1.0));
    let df2 = (gf * gf - 1.0) / (3.0 * lambda);
    if !(f.is_finite() && df2.is_finite()) {
        return None;
    }
    FTest::new(f, df1, df2)
}

/// The Kruskal–Wallis rank test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kruskal {
    /// The tie-corrected statistic H.
    pub h: f64,
    /// Degrees of freedom, `g − 1`.
    pub df: f64,
    /// `P(χ²_{g−1} ≥ h)`.
    pub p: f64,
    /// ε² = `H / (N − 1)`, the rank epsilon squared of Tomczak & Tomczak (2014), as
    /// `effectsize::rank_epsilon_squared` (which computes `H / ((N² − 1)/(N + 1))` from
    /// `kruskal.test`'s tie-corrected H).
    pub epsilon2: f64,
}

/// The Kruskal–Wallis test (Kruskal & Wallis 1952), as R `kruskal.test(y ~ g)`: with `R_i` the
/// sum of group i's midranks among all N values,
///
/// `H = (12 / (N (N + 1)) Σ R_i² / n_i − 3 (N + 1)) / (1 − Σ (t³ − t) / (N³ − N))`,
///
/// the correction over every group of `t` tied values, on `g − 1` degrees of freedom.
///
/// `None` with fewer than two groups, an empty group, a non-finite value, or all values equal.
pub fn kruskal(groups: &[&[f64]]) -> Option<Kruskal> {
    let pooled = PooledRanks::of(groups)?;
    let n = pooled.n;
    let correction = 1.0 - pooled.tie_term / (n * n * n - n);
    if correction.is_nan() || correction <= 0.0 {
        return None;
    }
    let spread: f64 = pooled
        .rank_sums
        .iter()
        .zip(groups)
        .map(|(sum, group)| sum * sum / group.len() as f64)
        .sum();
    let h = (12.0 * spread / (n * (n + 1.0)) - 3.0 * (n + 1.0)) / correction;
    let h = h.max(0.0);
    let df = (groups.len() - 1) as f64;
    Some(Kruskal {
        h,
        df,
        p: chi_squared_upper(h, df)?,
        epsilon2: h / (n - 1.0),
    })
}

/// All groups' values ranked together (midranks, as R `rank`), for the rank tests of several
/// groups.
pub(crate) struct PooledRanks {
    /// N, the number of values.
    pub(crate) n: f64,
    /// Σ(t³ − t) over the groups of `t` tied values.
    pub(crate) tie_term: f64,
    /// Each group's sum of ranks.
    pub(crate) rank_sums: Vec<f64>,
}

impl PooledRanks {
    /// `None` with fewer than two groups, an empty group or a non-finite value.
    pub(crate) fn of(groups: &[&[f64]]) -> Option<PooledRanks> {
        if groups.len() < 2 || groups.iter().any(|group| group.is_empty()) {
            return None;
        }
        let all: Vec<f64> = groups
            .iter()
            .flat_map(|group| group.iter().copied())
            .collect();
        if all.iter().any(|v| !v.is_finite()) {
            return None;
        }
        let ranking = Ranking::of(&all);
        let mut start = 0;
        let mut rank_sums = Vec::with_capacity(groups.len());
        for group in groups {
            let doubled: u64 = ranking.doubled[start..start + group.len()].iter().sum();
            rank_sums.push(doubled as f64 / 2.0);
            start += group.len();
        }
        Some(PooledRanks {
            n: all.len() as f64,
            tie_term: ranking.tie_term(),
            rank_sums,
        })
    }
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]
pub(crate) mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    #[test]
    fn matches_aov_and_effectsize_on_unbalanced_groups() {
        // R: g <- factor(c(rep("a", 4), rep("b", 6), rep("c", 5)))
        //    v <- c(12.5, 14, 11, 15, 10, 9, 13, 12, 11, 10.5, 16, 15, 17, 14, 18)
        //    summary(aov(v ~ g)); effectsize::omega_squared(aov(v ~ g), partial = FALSE)
        let a = [12.5, 14., 11., 15.];
        let b = [10., 9., 13., 12., 11., 10.5];
        let c = [16., 15., 17., 14., 18.];
        let anova = oneway_anova(&[&a, &b, &c]).unwrap();
        assert_close(anova.f, 14.390644932671863, REL_TOL_STAT);
        assert_eq!((anova.df1, anova.df2), (2.0, 12.0));
        assert_close(anova.p, 0.00064911512528849401, REL_TOL_P);
        assert_close(anova.eta2, 0.70574741408074748, REL_TOL_STAT);
        assert_close(anova.omega2, 0.64098762751597027, REL_TOL_STAT);
    }

    /// Three unbalanced groups without ties.
    pub(crate) const A: &[f64] = &[12.5, 14., 11., 15.];
    pub(crate) const B: &[f64] = &[10., 9., 13., 12., 11., 10.5];
    pub(crate) const C: &[f64] = &[16., 15., 17., 14., 18.];
    /// Five balanced groups of five Likert-type scores, with many ties.
    pub(crate) const TIED: [&[f64]; 5] = [
        &[3., 4., 4., 5., 2.],
        &[4., 4., 5., 5., 3.],
        &[2., 2., 3., 1., 2.],
        &[5., 5., 4., 5., 5.],
        &[3., 3., 3., 4., 2.],
    ];
    /// Three groups, the first of two values.
    pub(crate) const PAIR: [&[f64]; 3] = [
        &[5.1, 6.3],
        &[4.8, 5.5, 7.2, 6.6],
        &[8.1, 7.4, 6.9, 9.0, 8.8],
    ];

    #[test]
    fn welch_matches_r_oneway_test() {
        // R: w <- oneway.test(y ~ g, var.equal = FALSE)
        //    sprintf("%.17g", c(w$statistic, w$parameter, w$p.value)), for y, g of:
        //    the groups A, B, C above (a, b, c of the test above);
        //    y5 <- unlist(TIED), g5 <- factor(rep(letters[1:5], each = 5));
        //    y2 <- unlist(PAIR), g2 <- factor(rep(c("x", "y", "z"), c(2, 4, 5))).
        let cases: [(&[&[f64]], [f64; 4]); 3] = [
            (
                &[A, B, C],
                [
                    14.052469982913806,
                    2.,
                    7.0166656675259285,
                    0.0035165688788270032,
                ],
            ),
            (
                &TIED,
                [
                    13.498233613657897,
                    4.,
                    9.7437043935819947,
                    0.00054459002190014691,
                ],
            ),
            (
                &PAIR,
                [
                    6.0660475246640306,
                    2.,
                    3.1733438830991565,
                    0.082372377652578793,
                ],
            ),
        ];
        for (groups, [f, df1, df2, p]) in cases {
            let welch = welch_anova(groups).unwrap();
            assert_close(welch.f, f, REL_TOL_STAT);
            assert_eq!(welch.df1, df1);
            assert_close(welch.df2, df2, REL_TOL_STAT);
            assert_close(welch.p, p, REL_TOL_P);
        }
    }

    #[test]
    fn kruskal_matches_r_kruskal_test_and_effectsize() {
        // R: k <- kruskal.test(y ~ g); sprintf("%.17g", c(k$statistic, k$parameter, k$p.value))
        //    sprintf("%.17g", effectsize::rank_epsilon_squared(y ~ g, ci = NULL)$rank_epsilon_squared)
        //    for the same three data sets as above (TIED has ties in every group).
        let cases: [(&[&[f64]], [f64; 4]); 3] = [
            (
                &[A, B, C],
                [
                    9.9485038898862985,
                    2.,
                    0.006913688825421125,
                    0.71060742070616423,
                ],
            ),
            (
                &TIED,
                [
                    15.491442542787288,
                    4.,
                    0.0037833073629025939,
                    0.64547677261613701,
                ],
            ),
            (
                &PAIR,
                [
                    6.654545454545449,
                    2.,
                    0.03589085586288044,
                    0.66545454545454485,
                ],
            ),
        ];
        for (groups, [h, df, p, epsilon2]) in cases {
            let test = kruskal(groups).unwrap();
            assert_close(test.h, h, REL_TOL_STAT);
            assert_eq!(test.df, df);
            assert_close(test.p, p, REL_TOL_P);
            assert_close(test.epsilon2, epsilon2, REL_TOL_STAT);
        }
    }

    #[test]
    fn undefined_welch_and_kruskal_are_none() {
        // A group of one, a group without variation, one group, non-finite values.
        assert!(welch_anova(&[&[1.0], &[2.0, 3.0], &[4.0, 6.0]]).is_none());
        assert!(welch_anova(&[&[1.0, 1.0], &[2.0, 3.0], &[4.0, 6.0]]).is_none());
        assert!(welch_anova(&[&[1.0, 2.0]]).is_none());
        assert!(welch_anova(&[&[1.0, f64::NAN], &[2.0, 3.0]]).is_none());
        // All values equal; an empty group; one group; a non-finite value.
        assert!(kruskal(&[&[2.0, 2.0], &[2.0], &[2.0, 2.0]]).is_none());
        assert!(kruskal(&[&[1.0, 2.0], &[]]).is_none());
        assert!(kruskal(&[&[1.0, 2.0]]).is_none());
        assert!(kruskal(&[&[1.0, f64::INFINITY], &[2.0]]).is_none());
        // A group of one is fine for Kruskal–Wallis, as in R.
        assert!(kruskal(&[&[1.0], &[2.0, 3.0], &[4.0, 6.0]]).is_some());
    }

    #[test]
    fn undefined_designs_are_none() {
        assert!(oneway_anova(&[&[1.0, 1.0], &[2.0, 2.0]]).is_none());
        assert!(oneway_anova(&[&[1.0, 2.0]]).is_none());
        assert!(oneway_anova(&[&[1.0, 2.0], &[]]).is_none());
        assert!(oneway_anova(&[&[1.0], &[2.0]]).is_none());
    }
}
