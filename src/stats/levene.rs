//! Levene's test of equal variances (Levene 1960), centred on the group medians (Brown &
//! Forsythe 1974) or means, as R `car::leveneTest`.
//!
//! Also home of [`FTest`] and the F upper tail shared with the ANCOVA.

use serde::Serialize;
use statrs::function::beta::beta_reg;

use crate::stats::descriptive::{mean, median};

/// Where each group's absolute deviations are measured from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Centre {
    /// The group median: the Brown–Forsythe test, `car::leveneTest`'s default `center = median`.
    #[default]
    Median,
    /// The group mean: Levene's original test, `car::leveneTest(center = mean)`.
    Mean,
}

/// An F test: the statistic, its two degrees of freedom and the upper-tail p-value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FTest {
    /// The statistic F.
    pub f: f64,
    /// Numerator degrees of freedom.
    pub df1: f64,
    /// Denominator degrees of freedom.
    pub df2: f64,
    /// `P(F(df1, df2) ≥ f)`.
    pub p: f64,
}

impl FTest {
    /// The test of `f` against F(`df1`, `df2`); `None` if any is non-finite, `f < 0` or a df ≤ 0.
    pub(crate) fn new(f: f64, df1: f64, df2: f64) -> Option<FTest> {
        let p = f_upper_tail(f, df1, df2)?;
        Some(FTest { f, df1, df2, p })
    }
}

/// The upper tail `P(F(d₁, d₂) ≥ f) = I_{d₂/(d₂ + d₁f)}(d₂/2, d₁/2)` (Abramowitz & Stegun
/// 26.6.2), written with the argument `d₂/(d₂ + d₁f)` so that small p-values keep their relative
/// precision (R `pf(f, d1, d2, lower.tail = FALSE)`).
pub(crate) fn f_upper_tail(f: f64, df1: f64, df2: f64) -> Option<f64> {
    let valid = [f, df1, df2].iter().all(|v| v.is_finite()) && f >= 0.0 && df1 > 0.0 && df2 > 0.0;
    if !valid {
        return None;
    }
    let x = df2 / (df2 + df1 * f);
    Some(beta_reg(df2 / 2.0, df1 / 2.0, x).clamp(0.0, 1.0))
}

/// Levene's test: the one-way ANOVA F on `z_ij = |x_ij − c_i|`, `c_i` the median or mean of group
/// `i` (Levene 1960; Brown & Forsythe 1974), as R `car::leveneTest(y ~ g, center = median|mean)`:
///
/// `F = (Σ n_i (z̄_i − z̄)² / (k − 1)) / (Σ_i Σ_j (z_ij − z̄_i)² / (N − k))`, on `k − 1` and `N − k`
/// degrees of freedom.
///
/// `None` with fewer than two groups, an empty group, `N − k < 1`, a non-finite value, or when
/// every `z_ij` equals its group mean (zero within-group variation: F undefined).
pub fn levene(groups: &[&[f64]], centre: Centre) -> Option<FTest> {
    let k = groups.len();
    let total: usize = groups.iter().map(|g| g.len()).sum();
    if k < 2 || total <= k || groups.iter().any(|g| g.is_empty()) {
        return None;
    }
    if groups.iter().flat_map(|g| g.iter()).any(|v| !v.is_finite()) {
        return None;
    }
    let deviations: Vec<Vec<f64>> = groups
        .iter()
        .map(|g| {
            let c = match centre {
                Centre::Median => median(g),
                Centre::Mean => mean(g),
            }?;
            Some(g.iter().map(|v| (v - c).abs()).collect())
        })
        .collect::<Option<_>>()?;
    let all: Vec<f64> = deviations.iter().flatten().copied().collect();
    let grand_mean = mean(&all)?;
    let mut between = 0.0;
    let mut within = 0.0;
    for z in &deviations {
        let group_mean = mean(z)?;
        between += z.len() as f64 * (group_mean - grand_mean).powi(2);
        within += z.iter().map(|v| (v - group_mean).powi(2)).sum::<f64>();
    }
    let df1 = (k - 1) as f64;
    let df2 = (total - k) as f64;
    // Zero within-group variation, up to the rounding of the deviations themselves.
    let largest = groups
        .iter()
        .flat_map(|g| g.iter())
        .fold(0.0_f64, |m, v| m.max(v.abs()));
    if within <= total as f64 * (16.0 * f64::EPSILON * largest).powi(2) {
        return None;
    }
    FTest::new((between / df1) / (within / df2), df1, df2)
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    /// Compares with R's `[F, Df, Df residuals, Pr(>F)]`; returns the relative errors (F, p).
    fn check(result: &FTest, reference: [f64; 4]) -> (f64, f64) {
        let [f, df1, df2, p] = reference;
        assert_close(result.f, f, REL_TOL_STAT);
        assert_eq!((result.df1, result.df2), (df1, df2));
        assert_close(result.p, p, REL_TOL_P);
        (((result.f - f) / f).abs(), ((result.p - p) / p).abs())
    }

    /// The groups of one test.
    type Groups<'a> = &'a [&'a [f64]];

    const SLEEP_1: &[f64] = &[0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const SLEEP_2: &[f64] = &[1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    #[test]
    fn matches_car_levene_test() {
        // Each reference: R `car::leveneTest(...)`, printed as
        // sprintf("%.17g", c(tab[1, "F value"], tab[1, "Df"], tab[2, "Df"], tab[1, "Pr(>F)"])).
        let three: [&[f64]; 3] = [
            &[4.2, 5.1, 3.9, 6.3, 5.5, 4.8],
            &[7.9, 2.1, 9.4, 3.3, 6.6, 1.8, 8.2],
            &[5.0, 5.4, 4.9, 5.2, 5.3],
        ];
        let eight_nine: [&[f64]; 2] = [
            &[12.5, 15.1, 9.8, 14.2, 18.7, 11.3, 16.4, 13.9],
            &[10.2, 8.7, 12.9, 11.6, 9.4, 13.3, 7.8, 10.9, 12.1],
        ];
        let likert: [&[f64]; 4] = [
            &[3.0, 4.0, 4.0, 5.0, 2.0, 4.0],
            &[1.0, 5.0, 5.0, 2.0, 4.0, 1.0, 3.0],
            &[4.0, 4.0, 4.0, 3.0, 4.0],
            &[2.0, 2.0, 5.0, 1.0, 5.0, 3.0, 4.0, 2.0],
        ];
        #[rustfmt::skip]
        let cases: &[(Groups, Centre, [f64; 4])] = &[
            // leveneTest(extra ~ group, data = sleep)
            (&[SLEEP_1, SLEEP_2], Centre::Median, [0.24820496083550925, 1.0, 18.0, 0.62437428541488749]),
            // leveneTest(extra ~ group, data = sleep, center = mean)
            (&[SLEEP_1, SLEEP_2], Centre::Mean, [0.61972353288475335, 1.0, 18.0, 0.44139305967836939]),
            // g1 <- c(4.2, 5.1, 3.9, 6.3, 5.5, 4.8); g2 <- c(7.9, 2.1, 9.4, 3.3, 6.6, 1.8, 8.2)
            // g3 <- c(5.0, 5.4, 4.9, 5.2, 5.3)
            // d <- data.frame(y = c(g1, g2, g3), g = factor(rep(c("a", "b", "c"), c(6, 7, 5))))
            // leveneTest(y ~ g, data = d); leveneTest(y ~ g, data = d, center = mean)
            (&three, Centre::Median, [8.012314996352643, 2.0, 15.0, 0.0042942256595182018]),
            (&three, Centre::Mean, [23.505468451403878, 2.0, 15.0, 2.3832645074772771e-05]),
            // x <- c(12.5, 15.1, 9.8, 14.2, 18.7, 11.3, 16.4, 13.9)
            // y <- c(10.2, 8.7, 12.9, 11.6, 9.4, 13.3, 7.8, 10.9, 12.1)
            // d2 <- data.frame(v = c(x, y), g = factor(rep(c("i", "c"), c(8, 9)), levels = c("i", "c")))
            // leveneTest(v ~ g, data = d2); leveneTest(v ~ g, data = d2, center = mean)
            (&eight_nine, Centre::Median, [0.7519712926853932, 1.0, 15.0, 0.39951282358495643]),
            (&eight_nine, Centre::Mean, [0.7294927146671264, 1.0, 15.0, 0.40648177668916774]),
            // Ties: h <- list(c(3, 4, 4, 5, 2, 4), c(1, 5, 5, 2, 4, 1, 3), c(4, 4, 4, 3, 4),
            //                 c(2, 2, 5, 1, 5, 3, 4, 2))
            // d3 <- data.frame(v = unlist(h), g = factor(rep(seq_along(h), lengths(h))))
            // leveneTest(v ~ g, data = d3); leveneTest(v ~ g, data = d3, center = mean)
            (&likert, Centre::Median, [3.0843510158529788, 3.0, 22.0, 0.048323107890175909]),
            (&likert, Centre::Mean, [3.4980148060015543, 3.0, 22.0, 0.032578308070255468]),
        ];
        let (mut worst_f, mut worst_p) = (0.0_f64, 0.0_f64);
        for (groups, centre, reference) in cases {
            let (f, p) = check(&levene(groups, *centre).unwrap(), *reference);
            worst_f = worst_f.max(f);
            worst_p = worst_p.max(p);
        }
        println!("largest relative error: F {worst_f:e}, p {worst_p:e}");
    }

    #[test]
    fn f_tail_matches_r_pf() {
        // R: for (d in list(c(1, 15), c(3, 22))) for (f in c(0.5, 4.2, 25, 400))
        //        sprintf("%.17g", pf(f, d[1], d[2], lower.tail = FALSE))
        #[rustfmt::skip]
        let references: &[(f64, f64, f64, f64)] = &[
            (0.5, 1.0, 15.0, 0.49034047843471784),
            (4.2, 1.0, 15.0, 0.058334172677873962),
            (25.0, 1.0, 15.0, 0.00015836951462202723),
            (400.0, 1.0, 15.0, 3.1551925534904379e-12),
            (0.5, 3.0, 22.0, 0.68613866474792462),
            (4.2, 3.0, 22.0, 0.017131345591236462),
            (25.0, 3.0, 22.0, 2.8122034686641254e-07),
            (400.0, 3.0, 22.0, 2.4704480441957954e-19),
        ];
        for &(f, df1, df2, p) in references {
            assert_close(f_upper_tail(f, df1, df2).unwrap(), p, REL_TOL_P);
        }
    }

    #[test]
    fn undefined_tests_are_none() {
        assert_eq!(levene(&[], Centre::Median), None);
        assert_eq!(levene(&[SLEEP_1], Centre::Median), None);
        assert_eq!(levene(&[SLEEP_1, &[]], Centre::Median), None);
        assert_eq!(levene(&[&[1.0], &[2.0]], Centre::Median), None);
        // Every deviation equals its group's mean deviation.
        assert_eq!(
            levene(&[&[1.0, 2.0], &[5.0, 5.0, 5.0]], Centre::Median),
            None
        );
        assert_eq!(levene(&[&[1.0, 1.0], &[5.0, 5.0, 5.0]], Centre::Mean), None);
        assert_eq!(levene(&[&[0.1, 0.3], &[2.0, 2.4]], Centre::Median), None);
        assert_eq!(
            levene(&[&[1.0, f64::NAN, 2.0], SLEEP_2], Centre::Median),
            None
        );
        assert_eq!(f_upper_tail(-1.0, 1.0, 2.0), None);
        assert_eq!(f_upper_tail(1.0, 0.0, 2.0), None);
    }

    #[test]
    fn p_is_a_probability_decreasing_in_f() {
        let mut previous = 1.0;
        for i in 0..400 {
            let p = f_upper_tail(f64::from(i) / 10.0, 3.0, 22.0).unwrap();
            assert!((0.0..=1.0).contains(&p) && p <= previous);
            previous = p;
        }
        assert_eq!(f_upper_tail(0.0, 3.0, 22.0), Some(1.0));
    }
}
