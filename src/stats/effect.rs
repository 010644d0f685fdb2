//! Standardized mean differences: Cohen's d (pooled SD) and Hedges' g for two groups, Cohen's
//! d_z for paired data, each with the noncentral-t confidence interval of R's `effectsize`
//! (0.8.3; Steiger and Fouladi 1997, *Noncentrality interval estimation and the evaluation of
//! statistical models*); and the point estimates d_av and g_av for pre–post designs (Cumming
//! 2012, *Understanding the New Statistics*; Lakens 2013, *Calculating and reporting effect sizes
//! to facilitate cumulative science*, Frontiers in Psychology 4:863).
//!
//! Signs follow the tests: two groups are `x − y` (first − second level), paired data `post − pre`.
//!
//! The confidence interval of each d is that of the noncentrality parameter of its t statistic
//! ([`ncp_interval`]) rescaled to d: d = t · k with k = √(1/n₁ + 1/n₂) (groups) or k = 1/√n
//! (paired), so the limits are `ncp_low · k` and `ncp_high · k`. A one-sided alternative leaves
//! the open side infinite, as `effectsize` does. Hedges' g and its limits are d's times the exact
//! small-sample correction J (Hedges 1981).

use serde::Serialize;
use statrs::function::gamma::ln_gamma;

use crate::stats::Alternative;
use crate::stats::descriptive::mean;
use crate::stats::noncentral_t::ncp_interval;
use crate::stats::ttest::SampleStats;

/// A standardized effect size with its confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EffectCi {
    /// The point estimate.
    pub estimate: f64,
    /// Lower confidence limit; −∞ for `Alternative::Less`.
    pub ci_low: f64,
    /// Upper confidence limit; +∞ for `Alternative::Greater`.
    pub ci_high: f64,
}

/// Cohen's d_z for paired data: `d_z = mean(d) / sd(d)` of the differences `d` (post − pre),
/// with the CI of the noncentrality parameter of `t = d_z √n` on `n − 1` df, divided by √n.
///
/// Matches R `effectsize::cohens_d(post - pre, ci = conf, alternative = ...)` (the one-sample
/// d of the differences), which in effectsize 0.8.3 is also what
/// `cohens_d(post, pre, paired = TRUE)` computes. Later versions also have
/// `repeated_measures_d(method = "z")`, whose CI is a normal approximation, not this one.
///
/// `None` below two differences, when they are all equal (zero SD), or as
/// [`cohens_dz_from_summary`].
pub fn cohens_dz(differences: &[f64], conf: f64, alternative: Alternative) -> Option<EffectCi> {
    cohens_dz_from_summary(SampleStats::of(differences)?, conf, alternative)
}

/// [`cohens_dz`] from the n, mean and SD of the differences (post − pre).
///
/// `None` when n < 2, the SD is not positive, an input is not finite, `conf` is outside (0, 1),
/// or a limit lies beyond the range [`ncp_interval`] searches.
pub fn cohens_dz_from_summary(
    differences: SampleStats,
    conf: f64,
    alternative: Alternative,
) -> Option<EffectCi> {
    if differences.n < 2 || !is_valid_sd(differences.sd) || !differences.mean.is_finite() {
        return None;
    }
    let n = differences.n as f64;
    let dz = differences.mean / differences.sd;
    with_ncp_interval(dz, (1.0 / n).sqrt(), n - 1.0, conf, alternative)
}

/// Cohen's d for two independent groups with the pooled SD,
/// `d = (x̄ − ȳ) / s_p`, `s_p² = ((n_x − 1) s_x² + (n_y − 1) s_y²) / (n_x + n_y − 2)`, with the CI
/// of the noncentrality parameter of Student's `t = d / √(1/n_x + 1/n_y)` on `n_x + n_y − 2` df,
/// times `√(1/n_x + 1/n_y)`.
///
/// Matches R `effectsize::cohens_d(x, y, ci = conf, alternative = ...)` (default
/// `pooled_sd = TRUE`). See [`cohens_d_from_summary`] for when it is `None`.
pub fn cohens_d(x: &[f64], y: &[f64], conf: f64, alternative: Alternative) -> Option<EffectCi> {
    cohens_d_from_summary(SampleStats::of(x)?, SampleStats::of(y)?, conf, alternative)
}

/// [`cohens_d`] from the n, mean and SD of each group.
///
/// As in R (and Student's t-test), a group of one value is allowed (its SD is not used) while
/// `n_x + n_y ≥ 3`. `None` for an empty group, a pooled SD that is not positive, an input that is
/// not finite, `conf` outside (0, 1), or a limit beyond the range [`ncp_interval`] searches.
pub fn cohens_d_from_summary(
    x: SampleStats,
    y: SampleStats,
    conf: f64,
    alternative: Alternative,
) -> Option<EffectCi> {
    let pooled = pooled_sd(x, y)?;
    let (nx, ny) = (x.n as f64, y.n as f64);
    let d = (x.mean - y.mean) / pooled;
    if !d.is_finite() {
        return None;
    }
    with_ncp_interval(
        d,
        (1.0 / nx + 1.0 / ny).sqrt(),
        nx + ny - 2.0,
        conf,
        alternative,
    )
}

/// Hedges' g: Cohen's d (pooled SD) times the exact small-sample correction
/// `J(ν) = Γ(ν/2) / (√(ν/2) Γ((ν − 1)/2))`, ν = n_x + n_y − 2 (Hedges 1981); the CI is d's CI
/// times J. Matches R `effectsize::hedges_g(x, y, ci = conf, alternative = ...)`.
///
/// `None` as [`cohens_d`], and also for ν < 2 (three values in all), where J is undefined
/// (R's `effectsize` returns 0 there).
pub fn hedges_g(x: &[f64], y: &[f64], conf: f64, alternative: Alternative) -> Option<EffectCi> {
    hedges_g_from_summary(SampleStats::of(x)?, SampleStats::of(y)?, conf, alternative)
}

/// [`hedges_g`] from the n, mean and SD of each group.
pub fn hedges_g_from_summary(
    x: SampleStats,
    y: SampleStats,
    conf: f64,
    alternative: Alternative,
) -> Option<EffectCi> {
    let j = hedges_correction((x.n + y.n) as f64 - 2.0)?;
    let d = cohens_d_from_summary(x, y, conf, alternative)?;
    Some(EffectCi {
        estimate: d.estimate * j,
        ci_low: d.ci_low * j,
        ci_high: d.ci_high * j,
    })
}

/// Cohen's d_av for paired data: the mean difference (post − pre) over the mean of the two SDs,
/// `d_av = mean(post − pre) / ((s_pre + s_post) / 2)` (Cumming 2012; Lakens 2013). A point
/// estimate only.
///
/// `pre[i]` and `post[i]` are one person's scores. `None` when the lengths differ, n < 2, or both
/// SDs are zero.
///
/// R's `effectsize::repeated_measures_d(post, pre, method = "av")` (after 0.8.3) standardizes
/// by the root mean square of the SDs, `√((s_pre² + s_post²)/2)`, instead; the two agree only
/// when the SDs are equal. This follows Lakens (2013), whose d_av is the one psychology papers
/// report.
pub fn cohens_dav(pre: &[f64], post: &[f64]) -> Option<f64> {
    if pre.len() != post.len() {
        return None;
    }
    let differences: Vec<f64> = post.iter().zip(pre).map(|(b, a)| b - a).collect();
    let mean_difference = mean(&differences)?;
    cohens_dav_from_summary(
        mean_difference,
        SampleStats::of(pre)?,
        SampleStats::of(post)?,
    )
}

/// [`cohens_dav`] from the mean difference (post − pre) and the n, mean and SD at each time
/// (the means are not used: the mean difference is given). `None` when the two n differ, n < 2,
/// or both SDs are zero.
pub fn cohens_dav_from_summary(
    mean_difference: f64,
    pre: SampleStats,
    post: SampleStats,
) -> Option<f64> {
    if pre.n != post.n || pre.n < 2 || !pre.sd.is_finite() || !post.sd.is_finite() {
        return None;
    }
    if pre.sd < 0.0 || post.sd < 0.0 {
        return None;
    }
    let average_sd = (pre.sd + post.sd) / 2.0;
    let dav = mean_difference / average_sd;
    (average_sd > 0.0 && dav.is_finite()).then_some(dav)
}

/// Hedges' g_av: `g_av = d_av · J(n − 1)` with the exact correction
/// `J(ν) = Γ(ν/2) / (√(ν/2) Γ((ν − 1)/2))` on ν = n − 1, the df of the paired design (Lakens
/// 2013 applies Hedges' correction to d_av; the exact J on n − 1 df is also what
/// `effectsize::repeated_measures_d(adjust = TRUE)` multiplies its d_av by). The familiar
/// approximation `1 − 3/(4ν − 1)` is larger by less than 0.1 % for n ≥ 8. A point estimate only.
///
/// `None` as [`cohens_dav`], and for n < 3, where J is undefined.
pub fn hedges_gav(pre: &[f64], post: &[f64]) -> Option<f64> {
    let dav = cohens_dav(pre, post)?;
    Some(dav * hedges_correction(pre.len() as f64 - 1.0)?)
}

/// [`hedges_gav`] from the mean difference (post − pre) and the n, mean and SD at each time.
pub fn hedges_gav_from_summary(
    mean_difference: f64,
    pre: SampleStats,
    post: SampleStats,
) -> Option<f64> {
    let dav = cohens_dav_from_summary(mean_difference, pre, post)?;
    Some(dav * hedges_correction(pre.n as f64 - 1.0)?)
}

/// Hedges' (1981) exact bias correction `J(ν) = Γ(ν/2) / (√(ν/2) Γ((ν − 1)/2))`, as
/// `effectsize`; `None` for ν ≤ 1, where Γ((ν − 1)/2) has its pole.
fn hedges_correction(df: f64) -> Option<f64> {
    if df.is_nan() || df <= 1.0 {
        return None;
    }
    let half = df / 2.0;
    Some((ln_gamma(half) - 0.5 * half.ln() - ln_gamma(half - 0.5)).exp())
}

/// The pooled SD `√(((n_x − 1) s_x² + (n_y − 1) s_y²) / (n_x + n_y − 2))`; a group of one value
/// adds nothing. `None` for an empty group, fewer than three values in all, a non-finite input
/// or a pooled SD that is not positive.
fn pooled_sd(x: SampleStats, y: SampleStats) -> Option<f64> {
    if x.n < 1 || y.n < 1 || x.n + y.n < 3 || !x.mean.is_finite() || !y.mean.is_finite() {
        return None;
    }
    let sum_squares = |s: SampleStats| {
        if s.n > 1 {
            is_valid_sd_or_zero(s.sd).then(|| (s.n - 1) as f64 * s.sd * s.sd)
        } else {
            Some(0.0)
        }
    };
    let df = (x.n + y.n - 2) as f64;
    let pooled = ((sum_squares(x)? + sum_squares(y)?) / df).sqrt();
    is_valid_sd(pooled).then_some(pooled)
}

/// The CI of the noncentrality parameter of `t = estimate / scale` on `df`, times `scale`.
fn with_ncp_interval(
    estimate: f64,
    scale: f64,
    df: f64,
    conf: f64,
    alternative: Alternative,
) -> Option<EffectCi> {
    let ncp = ncp_interval(estimate / scale, df, conf, alternative)?;
    Some(EffectCi {
        estimate,
        ci_low: ncp.low * scale,
        ci_high: ncp.high * scale,
    })
}

/// A usable SD: finite and positive.
fn is_valid_sd(sd: f64) -> bool {
    sd.is_finite() && sd > 0.0
}

/// A usable SD of a group that is pooled with another: finite and not negative.
fn is_valid_sd_or_zero(sd: f64) -> bool {
    sd.is_finite() && sd >= 0.0
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    // Data set A, R's `sleep`: extra hours of sleep of ten patients on drug 1 (`pre`, or group
    // x) and drug 2 (`post`, or group y). Ties in the values and in the differences.
    // R: pre <- sleep$extra[1:10]; post <- sleep$extra[11:20]; x <- pre; y <- post
    const SLEEP_1: [f64; 10] = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const SLEEP_2: [f64; 10] = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    // Data set B: no ties anywhere (values, differences, pooled groups).
    // R: pre <- c(12.4, 15.1, 9.8, 14.3, 11.7, 13.9, 10.6, 16.2)
    //    post <- c(10.1, 13.8, 9.2, 11.6, 10.9, 12.5, 8.7, 13.4)
    //    x <- c(23.1, 18.4, 27.9, 21.6, 25.3, 19.8, 24.7, 22.2)
    //    y <- c(17.5, 20.9, 16.3, 19.1, 14.8, 21.4, 18.6, 15.7, 20.2)
    const PRE_B: [f64; 8] = [12.4, 15.1, 9.8, 14.3, 11.7, 13.9, 10.6, 16.2];
    const POST_B: [f64; 8] = [10.1, 13.8, 9.2, 11.6, 10.9, 12.5, 8.7, 13.4];
    const X_B: [f64; 8] = [23.1, 18.4, 27.9, 21.6, 25.3, 19.8, 24.7, 22.2];
    const Y_B: [f64; 9] = [17.5, 20.9, 16.3, 19.1, 14.8, 21.4, 18.6, 15.7, 20.2];

    // Data set C: questionnaire totals (integers, many ties), a large paired effect.
    // R: pre <- c(14, 18, 12, 16, 15, 19, 13, 17, 14, 16, 20, 15)
    //    post <- c(9, 15, 12, 10, 13, 12, 11, 17, 8, 14, 15, 12)
    //    x <- c(12, 15, 9, 14, 12, 17, 11, 13, 15, 10)
    //    y <- c(16, 18, 14, 19, 15, 17, 20, 16, 18, 14, 17, 15)
    const PRE_C: [f64; 12] = [
        14.0, 18.0, 12.0, 16.0, 15.0, 19.0, 13.0, 17.0, 14.0, 16.0, 20.0, 15.0,
    ];
    const POST_C: [f64; 12] = [
        9.0, 15.0, 12.0, 10.0, 13.0, 12.0, 11.0, 17.0, 8.0, 14.0, 15.0, 12.0,
    ];
    const X_C: [f64; 10] = [12.0, 15.0, 9.0, 14.0, 12.0, 17.0, 11.0, 13.0, 15.0, 10.0];
    const Y_C: [f64; 12] = [
        16.0, 18.0, 14.0, 19.0, 15.0, 17.0, 20.0, 16.0, 18.0, 14.0, 17.0, 15.0,
    ];

    /// One `effectsize` call: (conf, alternative, CI_low, CI_high).
    type Row = (f64, Alternative, f64, f64);

    /// Checks the estimate at `REL_TOL_STAT` and the limits at `REL_TOL_P`: effectsize finds
    /// them with `optim` (Nelder–Mead, abstol 1e-9 on the distance of the two p-values), so its
    /// limits are only good to ~4e-7 relative (see `ncp_interval`'s tests for exact ones).
    #[track_caller]
    fn check(compute: impl Fn(f64, Alternative) -> Option<EffectCi>, estimate: f64, rows: &[Row]) {
        for &(conf, alternative, low, high) in rows {
            let result = compute(conf, alternative).unwrap();
            assert_close(result.estimate, estimate, REL_TOL_STAT);
            for (actual, expected) in [(result.ci_low, low), (result.ci_high, high)] {
                if expected.is_infinite() {
                    assert_eq!(actual, expected, "{conf} {alternative:?}");
                } else {
                    assert_close(actual, expected, REL_TOL_P);
                }
            }
        }
    }

    fn differences(pre: &[f64], post: &[f64]) -> Vec<f64> {
        post.iter().zip(pre).map(|(b, a)| b - a).collect()
    }

    #[test]
    fn cohens_dz_matches_effectsize() {
        // R (effectsize 0.8.3), with pre and post of each data set above:
        // for (conf in c(0.95, 0.9)) for (alt in c("two.sided", "less", "greater")) {
        //   e <- cohens_d(post - pre, ci = conf, alternative = alt)
        //   sprintf("%.17g", c(e$Cohens_d, e$CI_low, e$CI_high)) }
        // cohens_d(post, pre, paired = TRUE, ...) gives the same numbers in 0.8.3.
        let sleep = differences(&SLEEP_1, &SLEEP_2);
        check(
            |conf, alt| cohens_dz(&sleep, conf, alt),
            1.2845575625910546,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    0.4146276676673542,
                    2.1180165087725014,
                ),
                (
                    0.95,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    1.9746153602265257,
                ),
                (
                    0.95,
                    Alternative::Greater,
                    0.54463975789140406,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    0.54463975789140406,
                    1.9746153602265257,
                ),
                (0.9, Alternative::Less, f64::NEG_INFINITY, 1.810549714645479),
                (
                    0.9,
                    Alternative::Greater,
                    0.69607920613449137,
                    f64::INFINITY,
                ),
            ],
        );
        let b = differences(&PRE_B, &POST_B);
        check(
            |conf, alt| cohens_dz(&b, conf, alt),
            -2.0670491788277094,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    -3.313346831845513,
                    -0.78245004155863496,
                ),
                (
                    0.95,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.96328326859211155,
                ),
                (
                    0.95,
                    Alternative::Greater,
                    -3.0904372135087352,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    -3.0904372135087352,
                    -0.96328326859211155,
                ),
                (
                    0.9,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -1.1771233721833456,
                ),
                (
                    0.9,
                    Alternative::Greater,
                    -2.8368646046087438,
                    f64::INFINITY,
                ),
            ],
        );
        let c = differences(&PRE_C, &POST_C);
        check(
            |conf, alt| cohens_dz(&c, conf, alt),
            -1.4518805516787214,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    -2.260546684830901,
                    -0.61279995218487837,
                ),
                (
                    0.95,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.73808745688092381,
                ),
                (
                    0.95,
                    Alternative::Greater,
                    -2.121458878076306,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    -2.121458878076306,
                    -0.73808745688092381,
                ),
                (
                    0.9,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.88416264805787514,
                ),
                (0.9, Alternative::Greater, -1.962390013267356, f64::INFINITY),
            ],
        );
    }

    #[test]
    fn cohens_dz_limits_are_the_exact_roots_where_effectsize_stops_short() {
        // 29 integer differences from a random check of 150 paired sets against R, the one
        // where effectsize's `optim` stopped furthest from the root: its lower limit is
        // -0.89517909337345469 (1.7e-3 off), its upper -0.12138557538407123. The exact limits:
        // R: n <- length(d); t <- mean(d) / (sd(d) / sqrt(n))
        //    f <- function(ncp, q) pt(t, n - 1, ncp) - q
        //    sprintf("%.17g", c(mean(d) / sd(d),
        //      uniroot(f, c(-37.6, 37.6), q = 0.975, tol = 1e-15)$root / sqrt(n),
        //      uniroot(f, c(-37.6, 37.6), q = 0.025, tol = 1e-15)$root / sqrt(n)))
        let d = [
            -3.0, 3.0, -2.0, 3.0, 1.0, -1.0, 2.0, 0.0, -2.0, -2.0, -3.0, -2.0, -2.0, 0.0, -2.0,
            0.0, -4.0, -1.0, 3.0, -3.0, 3.0, -3.0, -1.0, 0.0, -3.0, -4.0, -4.0, -4.0, -3.0,
        ];
        let result = cohens_dz(&d, 0.95, Alternative::TwoSided).unwrap();
        assert_close(result.estimate, -0.51319032192807612, REL_TOL_STAT);
        assert_close(result.ci_low, -0.89692571713745117, REL_TOL_STAT);
        assert_close(result.ci_high, -0.12138577409627725, REL_TOL_STAT);
    }

    #[test]
    fn cohens_d_matches_effectsize() {
        // R (effectsize 0.8.3), with x and y of each data set above:
        // for (conf in c(0.95, 0.9)) for (alt in c("two.sided", "less", "greater")) {
        //   e <- cohens_d(x, y, ci = conf, alternative = alt)
        //   sprintf("%.17g", c(e$Cohens_d, e$CI_low, e$CI_high)) }
        check(
            |conf, alt| cohens_d(&SLEEP_1, &SLEEP_2, conf, alt),
            -0.83218108134953961,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    -1.738816769254417,
                    0.095450435657509741,
                ),
                (
                    0.95,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.051610938783980154,
                ),
                (
                    0.95,
                    Alternative::Greater,
                    -1.5909771497890179,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    -1.5909771497890179,
                    -0.051610938783980154,
                ),
                (
                    0.9,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.22124757670151501,
                ),
                (
                    0.9,
                    Alternative::Greater,
                    -1.4206112562966018,
                    f64::INFINITY,
                ),
            ],
        );
        check(
            |conf, alt| cohens_d(&X_B, &Y_B, conf, alt),
            1.6943241393511284,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    0.54810634443954465,
                    2.800348698186184,
                ),
                (
                    0.95,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    2.6161924722453396,
                ),
                (
                    0.95,
                    Alternative::Greater,
                    0.72597753291646872,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    0.72597751001103206,
                    2.6161924915567574,
                ),
                (
                    0.9,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    2.4045214830011639,
                ),
                (
                    0.9,
                    Alternative::Greater,
                    0.93174762106633258,
                    f64::INFINITY,
                ),
            ],
        );
        check(
            |conf, alt| cohens_d(&X_C, &Y_C, conf, alt),
            -1.7222192822974867,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    -2.699474602923873,
                    -0.71414076805905535,
                ),
                (
                    0.95,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.87132712491993802,
                ),
                (
                    0.95,
                    Alternative::Greater,
                    -2.5375240624693731,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    -2.5375240624693731,
                    -0.87132712491993802,
                ),
                (
                    0.9,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -1.0530813729750301,
                ),
                (0.9, Alternative::Greater, -2.351300905049174, f64::INFINITY),
            ],
        );
    }

    #[test]
    fn hedges_g_matches_effectsize() {
        // R (effectsize 0.8.3), with x and y of each data set above:
        // for (conf in c(0.95, 0.9)) for (alt in c("two.sided", "less", "greater")) {
        //   e <- hedges_g(x, y, ci = conf, alternative = alt)
        //   sprintf("%.17g", c(e$Hedges_g, e$CI_low, e$CI_high)) }
        check(
            |conf, alt| hedges_g(&SLEEP_1, &SLEEP_2, conf, alt),
            -0.7969352391911223,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    -1.6651716663254206,
                    0.091407768665271685,
                ),
                (
                    0.95,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.049425031121818536,
                ),
                (
                    0.95,
                    Alternative::Greater,
                    -1.5235935829718348,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    -1.5235935829718348,
                    -0.049425031121818536,
                ),
                (
                    0.9,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.21187695131586229,
                ),
                (
                    0.9,
                    Alternative::Greater,
                    -1.3604432937821189,
                    f64::INFINITY,
                ),
            ],
        );
        check(
            |conf, alt| hedges_g(&X_B, &Y_B, conf, alt),
            1.6079264633232495,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    0.52015707943417899,
                    2.6575521612238768,
                ),
                (0.95, Alternative::Less, f64::NEG_INFINITY, 2.48278650558645),
                (
                    0.95,
                    Alternative::Greater,
                    0.68895818683286947,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    0.68895816509543628,
                    2.4827865239131319,
                ),
                (0.9, Alternative::Less, f64::NEG_INFINITY, 2.281909130815726),
                (
                    0.9,
                    Alternative::Greater,
                    0.88423556169411288,
                    f64::INFINITY,
                ),
            ],
        );
        check(
            |conf, alt| hedges_g(&X_C, &Y_C, conf, alt),
            -1.6566794245089809,
            &[
                (
                    0.95,
                    Alternative::TwoSided,
                    -2.5967448382545948,
                    -0.68696380815582736,
                ),
                (
                    0.95,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -0.83816836491677593,
                ),
                (
                    0.95,
                    Alternative::Greater,
                    -2.4409574011280291,
                    f64::INFINITY,
                ),
                (
                    0.9,
                    Alternative::TwoSided,
                    -2.4409574011280291,
                    -0.83816836491677593,
                ),
                (
                    0.9,
                    Alternative::Less,
                    f64::NEG_INFINITY,
                    -1.0130058703175318,
                ),
                (
                    0.9,
                    Alternative::Greater,
                    -2.2618210527917255,
                    f64::INFINITY,
                ),
            ],
        );
    }

    #[test]
    fn summary_statistics_give_the_effectsize_interval() {
        // A published table: intervention n = 8, M = 12.4, SD = 3.1; control n = 9, M = 15.6,
        // SD = 3.8; and paired differences n = 12, M = −3.2, SD = 4.1. R (effectsize 0.8.3):
        // J <- function(df) exp(lgamma(df/2) - log(sqrt(df/2)) - lgamma((df-1)/2))
        // sp <- sqrt((7*3.1^2 + 8*3.8^2)/15); d <- (12.4 - 15.6)/sp; k <- sqrt(1/8 + 1/9)
        // ci <- effectsize:::.get_ncp_t(d/k, 15, 0.95) * k   # what cohens_d() does inside
        // sprintf("%.17g", c(d, ci, d*J(15), ci*J(15)))
        // ci <- effectsize:::.get_ncp_t(-3.2/4.1*sqrt(12), 11, 0.95)/sqrt(12)
        // sprintf("%.17g", c(-3.2/4.1, ci))
        let x = SampleStats {
            n: 8,
            mean: 12.4,
            sd: 3.1,
        };
        let y = SampleStats {
            n: 9,
            mean: 15.6,
            sd: 3.8,
        };
        let d = cohens_d_from_summary(x, y, 0.95, Alternative::TwoSided).unwrap();
        assert_close(d.estimate, -0.9166834517956538, REL_TOL_STAT);
        assert_close(d.ci_low, -1.909463367428071, REL_TOL_P);
        assert_close(d.ci_high, 0.10325397030019833, REL_TOL_P);
        let g = hedges_g_from_summary(x, y, 0.95, Alternative::TwoSided).unwrap();
        assert_close(g.estimate, -0.86993955076223672, REL_TOL_STAT);
        assert_close(g.ci_low, -1.8120952230602922, REL_TOL_P);
        assert_close(g.ci_high, 0.097988801217495425, REL_TOL_P);
        let diffs = SampleStats {
            n: 12,
            mean: -3.2,
            sd: 4.1,
        };
        let dz = cohens_dz_from_summary(diffs, 0.95, Alternative::TwoSided).unwrap();
        assert_close(dz.estimate, -0.78048780487804892, REL_TOL_STAT);
        assert_close(dz.ci_low, -1.4183837284219096, REL_TOL_P);
        assert_close(dz.ci_high, -0.11618083748745089, REL_TOL_P);
    }

    #[test]
    fn a_group_of_one_is_allowed_as_in_r() {
        // R (effectsize 0.8.3): e <- cohens_d(1, c(2, 3)); sprintf("%.17g", unlist(e[c(1, 3, 4)]))
        // (df = 1; hedges_g(1, c(2, 3)) returns 0 with CI [0, 0] there, J(1) being 0.)
        let d = cohens_d(&[1.0], &[2.0, 3.0], 0.95, Alternative::TwoSided).unwrap();
        assert_close(d.estimate, -2.1213203435596424, REL_TOL_STAT);
        assert_close(d.ci_low, -5.4902793768546863, REL_TOL_P);
        assert_close(d.ci_high, 1.4594370419538301, REL_TOL_P);
        assert_eq!(
            hedges_g(&[1.0], &[2.0, 3.0], 0.95, Alternative::TwoSided),
            None
        );
    }

    #[test]
    fn dav_and_gav_by_hand() {
        // effectsize 0.8.3 has no repeated_measures_d(); later versions' method = "av" divides
        // by √((s_pre² + s_post²)/2) (0.83218108134953972 for sleep), not Lakens' mean of SDs.
        // sleep (pre = drug 1, post = drug 2). R: sprintf("%.17g", c(mean(post - pre), sd(pre),
        // sd(post))) -> 1.5800000000000001, 1.7890096577591625, 2.002248735796829, so
        // d_av = 1.58 / ((1.7890096577591625 + 2.002248735796829) / 2) = 1.58 / 1.8956291967779957
        //      = 0.83349634131270445
        // J(9) = Γ(4.5) / (√4.5 · Γ(4)) = 11.63172839656745 / (2.1213203435596424 · 6)
        //      = 0.91387489179255255
        // g_av = 0.83349634131270445 · 0.91387489179255255 = 0.76171137872663619
        assert_close(
            cohens_dav(&SLEEP_1, &SLEEP_2).unwrap(),
            0.83349634131270445,
            REL_TOL_STAT,
        );
        assert_close(
            hedges_gav(&SLEEP_1, &SLEEP_2).unwrap(),
            0.76171137872663619,
            REL_TOL_STAT,
        );
        // Data set B: d_av = −1.725 / ((2.2424476423255522 + 1.8881207588499211) / 2)
        //   = −0.83523613820756537; J(7) = 0.88820290767275123; g_av = −0.74185916654931949
        assert_close(
            cohens_dav(&PRE_B, &POST_B).unwrap(),
            -0.83523613820756537,
            REL_TOL_STAT,
        );
        assert_close(
            hedges_gav(&PRE_B, &POST_B).unwrap(),
            -0.74185916654931949,
            REL_TOL_STAT,
        );
        // Data set C: d_av = −3.4166666666666665 / ((2.4167972796469899 + 2.6400183654090306)/2)
        //   = −1.3513115393111452; J(11) = 0.92995980997577854; g_av = −1.2566654223158693
        assert_close(
            cohens_dav(&PRE_C, &POST_C).unwrap(),
            -1.3513115393111452,
            REL_TOL_STAT,
        );
        assert_close(
            hedges_gav(&PRE_C, &POST_C).unwrap(),
            -1.2566654223158693,
            REL_TOL_STAT,
        );
        // The same from summary statistics.
        let pre = SampleStats {
            n: 10,
            mean: 0.75,
            sd: 1.7890096577591625,
        };
        let post = SampleStats {
            n: 10,
            mean: 2.33,
            sd: 2.002248735796829,
        };
        let dav = cohens_dav_from_summary(1.58, pre, post).unwrap();
        assert_close(dav, 0.83349634131270445, REL_TOL_STAT);
        let gav = hedges_gav_from_summary(1.58, pre, post).unwrap();
        assert_close(gav, 0.76171137872663619, REL_TOL_STAT);
    }

    #[test]
    fn hedges_correction_is_the_gamma_ratio() {
        // R: J <- function(df) exp(lgamma(df/2) - log(sqrt(df/2)) - lgamma((df-1)/2))
        // sprintf("%.17g", J(c(2, 9, 18, 40))); the approximation 1 − 3/(4ν − 1) lies just above.
        for (df, expected) in [
            (2.0, 0.56418958354775628),
            (9.0, 0.91387489179255255),
            (18.0, 0.95764642702372005),
            (40.0, 0.9811121944366954),
        ] {
            assert_close(hedges_correction(df).unwrap(), expected, REL_TOL_STAT);
            assert!(1.0 - 3.0 / (4.0 * df - 1.0) >= expected);
        }
        assert_eq!(hedges_correction(1.0), None);
    }

    #[test]
    fn undefined_cases_are_none() {
        let two = Alternative::TwoSided;
        assert_eq!(cohens_dz(&[], 0.95, two), None);
        assert_eq!(cohens_dz(&[1.5], 0.95, two), None);
        assert_eq!(cohens_dz(&[2.0, 2.0, 2.0], 0.95, two), None);
        assert_eq!(cohens_dz(&[1.0, 2.0, 4.0], 1.0, two), None);
        assert_eq!(cohens_d(&[], &[1.0, 2.0], 0.95, two), None);
        assert_eq!(cohens_d(&[1.0], &[2.0], 0.95, two), None);
        assert_eq!(cohens_d(&[3.0, 3.0], &[5.0, 5.0, 5.0], 0.95, two), None);
        assert_eq!(cohens_d(&[1.0, f64::NAN], &[5.0, 6.0], 0.95, two), None);
        assert_eq!(hedges_g(&[3.0, 3.0], &[5.0, 5.0, 5.0], 0.95, two), None);
        assert_eq!(cohens_dav(&[1.0, 2.0], &[1.0]), None);
        assert_eq!(cohens_dav(&[1.0], &[2.0]), None);
        assert_eq!(cohens_dav(&[1.0, 1.0], &[2.0, 2.0]), None);
        assert!(cohens_dav(&[1.0, 1.0], &[2.0, 3.0]).is_some());
        assert_eq!(hedges_gav(&[1.0, 2.0], &[2.0, 4.0]), None);
        let diffs = SampleStats {
            n: 5,
            mean: 1.0,
            sd: 0.0,
        };
        assert_eq!(cohens_dz_from_summary(diffs, 0.95, two), None);
        let x = SampleStats {
            n: 5,
            mean: 1.0,
            sd: -1.0,
        };
        let y = SampleStats {
            n: 5,
            mean: 2.0,
            sd: 1.0,
        };
        assert_eq!(cohens_d_from_summary(x, y, 0.95, two), None);
    }

    #[test]
    fn one_sided_limits_are_the_two_sided_ones_at_twice_the_error() {
        let sleep = differences(&SLEEP_1, &SLEEP_2);
        let two = cohens_dz(&sleep, 0.90, Alternative::TwoSided).unwrap();
        let greater = cohens_dz(&sleep, 0.95, Alternative::Greater).unwrap();
        let less = cohens_dz(&sleep, 0.95, Alternative::Less).unwrap();
        assert_close(greater.ci_low, two.ci_low, 1e-12);
        assert_close(less.ci_high, two.ci_high, 1e-12);
        assert_eq!(
            (greater.ci_high, less.ci_low),
            (f64::INFINITY, f64::NEG_INFINITY)
        );
    }
}
