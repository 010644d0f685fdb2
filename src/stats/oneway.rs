//! One-way analysis of variance of g independent groups (Fisher 1925), as R
//! `aov(y ~ group)`: `F = (SS_between / (g − 1)) / (SS_within / (N − g))`, with η² =
//! `SS_between / SS_total` and ω² = `(SS_between − (g − 1) MS_within) / (SS_total + MS_within)`
//! (Hays 1963; `effectsize::omega_squared`).
//!
//! Sums of squares are computed from deviations about the group and grand means, never as a
//! difference of raw sums of squares.

use serde::Serialize;

use crate::stats::levene::f_upper_tail;

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

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]
mod tests {
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

    #[test]
    fn undefined_designs_are_none() {
        assert!(oneway_anova(&[&[1.0, 1.0], &[2.0, 2.0]]).is_none());
        assert!(oneway_anova(&[&[1.0, 2.0]]).is_none());
        assert!(oneway_anova(&[&[1.0, 2.0], &[]]).is_none());
        assert!(oneway_anova(&[&[1.0], &[2.0]]).is_none());
    }
}
