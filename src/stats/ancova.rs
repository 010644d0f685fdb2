//! Analysis of covariance for a pre/post study with two groups: `post ~ pre + group` by ordinary
//! least squares (Fisher 1932; see e.g. Maxwell, Delaney & Kelley, *Designing Experiments and
//! Analyzing Data*, 3rd ed., ch. 9), matching R `lm`, `car::Anova`, `effectsize::eta_squared` and
//! `emmeans`.
//!
//! The model `post = β₀ + β₁·pre + β₂·[group 2] + ε` is solved through its centred normal
//! equations: centring pre and post on their group means removes the intercept and the group
//! column exactly, leaving the pooled within-group slope `b = S_xy / S_xx` with
//! `S_xx = Σ_g Σ_i (x_gi − x̄_g)²` and `S_xy = Σ_g Σ_i (x_gi − x̄_g)(y_gi − ȳ_g)`. Residuals are
//! computed directly (`e = (y − ȳ_g) − b (x − x̄_g)`), never as a difference of sums of squares,
//! so nothing cancels; the same holds for the separate-slopes model `post ~ pre * group`.

use serde::Serialize;

use crate::stats::Alternative;
use crate::stats::descriptive::mean;
use crate::stats::levene::FTest;
use crate::stats::ttest::{TTest, t_quantile_upper, welch_t};

/// One group of an ANCOVA: raw and adjusted means.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AncovaGroup {
    /// The group's level (label).
    pub level: String,
    /// Number of people with both scores.
    pub n: usize,
    /// Mean pre-test score.
    pub pre_mean: f64,
    /// Mean post-test score.
    pub post_mean: f64,
    /// Adjusted mean: the model's predicted post score at the overall pre mean `x̄`,
    /// `ȳ_g − b (x̄_g − x̄)` (R `emmeans::emmeans(model, "group")`).
    pub adj_mean: f64,
}

/// An F test with its effect size, partial η².
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FTestWithEta {
    /// The statistic F.
    pub f: f64,
    /// Numerator degrees of freedom.
    pub df1: f64,
    /// Denominator degrees of freedom.
    pub df2: f64,
    /// `P(F(df1, df2) ≥ f)`.
    pub p: f64,
    /// Partial η² = `SS_effect / (SS_effect + SS_error)`.
    pub partial_eta2: f64,
}

/// An estimate with its confidence interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    /// The point estimate.
    pub estimate: f64,
    /// Lower confidence limit.
    pub ci_low: f64,
    /// Upper confidence limit.
    pub ci_high: f64,
}

/// The baseline-adjusted comparison of two groups, `post ~ pre + group`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ancova {
    /// The two groups, in the order given.
    pub groups: Vec<AncovaGroup>,
    /// The group effect adjusted for pre (R `car::Anova(model, type = 2)`, row `group`), with
    /// partial η² (R `effectsize::eta_squared(car::Anova(model), partial = TRUE)`).
    pub group_effect: FTestWithEta,
    /// Adjusted difference, first − second level, with its confidence interval (R
    /// `confint(model)` for the group coefficient, sign reversed as R's coefficient is
    /// second − first).
    pub adj_diff: Estimate,
    /// The standard error of the adjusted difference (R `summary(model)` for the group
    /// coefficient).
    pub adj_diff_se: f64,
    /// Residual degrees of freedom, `N − 3`.
    pub df_error: f64,
    /// The pooled within-group regression slope of post on pre (R `coef(model)["pre"]`).
    pub slope: f64,
    /// Homogeneity of regression slopes: the pre × group interaction, R
    /// `anova(lm(post ~ pre + group), lm(post ~ pre * group))`. `None` when the separate-slopes
    /// model cannot be fitted: fewer than 5 people, a group whose pre scores are all equal, or a
    /// perfect fit.
    pub slopes_homogeneity: Option<FTest>,
}

/// Means and within-group centred sums of one group.
struct GroupFit {
    n: usize,
    pre_mean: f64,
    post_mean: f64,
    /// `Σ (x − x̄_g)²`.
    sxx: f64,
    /// `Σ (x − x̄_g)(y − ȳ_g)`.
    sxy: f64,
    /// Pre and post deviations from the group means.
    deviations: Vec<(f64, f64)>,
}

impl GroupFit {
    fn new(pre: &[f64], post: &[f64]) -> Option<GroupFit> {
        let pre_mean = mean(pre)?;
        let post_mean = mean(post)?;
        let deviations: Vec<(f64, f64)> = pre
            .iter()
            .zip(post)
            .map(|(x, y)| (x - pre_mean, y - post_mean))
            .collect();
        Some(GroupFit {
            n: pre.len(),
            pre_mean,
            post_mean,
            sxx: deviations.iter().map(|(u, _)| u * u).sum(),
            sxy: deviations.iter().map(|(u, v)| u * v).sum(),
            deviations,
        })
    }

    /// `Σ ((y − ȳ_g) − slope (x − x̄_g))²`.
    fn residual_sum_squares(&self, slope: f64) -> f64 {
        self.deviations
            .iter()
            .map(|(u, v)| (v - slope * u).powi(2))
            .sum()
    }
}

/// ANCOVA of `post ~ pre + group` for two groups (`pre[g]` and `post[g]` are the paired scores of
/// group `g`, labelled `levels[g]`), with `N = n₁ + n₂` and `b` the pooled within-group slope:
///
/// - adjusted difference `d = (ȳ₁ − ȳ₂) − b (x̄₁ − x̄₂)`, with `c = 1/n₁ + 1/n₂ + (x̄₁ − x̄₂)²/S_xx`
///   and `se(d) = √(MSE · c)`, `MSE = SS_error / (N − 3)`; CI `d ± t_{1−α/2}(N − 3) · se(d)`;
/// - group effect `SS_group = d² / c` (type II sum of squares, the reduction in `SS_error` from
///   adding group to `post ~ pre`), `F = SS_group / MSE` on 1 and `N − 3` df, partial η²
///   `SS_group / (SS_group + SS_error)`. With one df this F is the squared t of the group
///   coefficient, so type II and type III (with sum-to-zero contrasts) give the same F;
/// - slopes homogeneity: with separate slopes `b_g = S_xy,g / S_xx,g`, the interaction sum of
///   squares is `(b₁ − b₂)² / (1/S_xx,1 + 1/S_xx,2)`, tested against the separate-slopes
///   residual mean square on 1 and `N − 4` df.
///
/// `None` when a group's pre and post lengths differ, a group is empty, `N < 4`, a value is not
/// finite, the pre scores are constant within both groups (`S_xx = 0`: no slope), the model fits
/// perfectly (`SS_error` zero up to rounding), or `conf` is outside (0, 1); [`fit_ancova`] says
/// which.
pub fn ancova(
    pre: &[&[f64]; 2],
    post: &[&[f64]; 2],
    levels: [&str; 2],
    conf: f64,
) -> Option<Ancova> {
    fit_ancova(pre, post, levels, conf).ok()
}

/// Why an ANCOVA cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AncovaUndefined {
    /// A group has no complete pair, or pre and post lengths differ.
    EmptyGroup,
    /// Fewer than four people in all (the model has three coefficients).
    TooFew,
    /// A value is not a finite number.
    NotFinite,
    /// The pre scores do not vary within the groups: there is no slope to adjust by.
    NoPreVariation,
    /// The post scores lie exactly on the model: no residual variation to test against.
    PerfectFit,
    /// The confidence level is outside (0, 1), or a quantile cannot be computed.
    Level,
}

impl std::fmt::Display for AncovaUndefined {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            AncovaUndefined::EmptyGroup => "a group has no one with both a pre and a post score",
            AncovaUndefined::TooFew => {
                "fewer than 4 people with both scores (the model has 3 coefficients)"
            }
            AncovaUndefined::NotFinite => "a score is not a finite number",
            AncovaUndefined::NoPreVariation => {
                "the pre scores do not vary within the groups, so there is no slope to adjust by"
            }
            AncovaUndefined::PerfectFit => {
                "the post scores lie exactly on the model (a perfect fit), so there is no residual variation to test the groups against"
            }
            AncovaUndefined::Level => "the confidence level is not between 0 and 1",
        })
    }
}

/// [`ancova`], saying why it is undefined when it is.
pub fn fit_ancova(
    pre: &[&[f64]; 2],
    post: &[&[f64]; 2],
    levels: [&str; 2],
    conf: f64,
) -> Result<Ancova, AncovaUndefined> {
    if !(conf > 0.0 && conf < 1.0) {
        return Err(AncovaUndefined::Level);
    }
    for g in 0..2 {
        if pre[g].len() != post[g].len() || pre[g].is_empty() {
            return Err(AncovaUndefined::EmptyGroup);
        }
        if !pre[g].iter().chain(post[g]).all(|v| v.is_finite()) {
            return Err(AncovaUndefined::NotFinite);
        }
    }
    let fits = [
        GroupFit::new(pre[0], post[0]).ok_or(AncovaUndefined::EmptyGroup)?,
        GroupFit::new(pre[1], post[1]).ok_or(AncovaUndefined::EmptyGroup)?,
    ];
    let total = fits[0].n + fits[1].n;
    if total < 4 {
        return Err(AncovaUndefined::TooFew);
    }
    let all_pre: Vec<f64> = pre[0].iter().chain(pre[1]).copied().collect();
    let pre_mean = mean(&all_pre).ok_or(AncovaUndefined::EmptyGroup)?;
    // Sums of squares at or below the rounding noise of the deviations count as zero.
    let largest = |values: &[&[f64]; 2]| {
        values
            .iter()
            .flat_map(|g| g.iter())
            .fold(0.0_f64, |m, v| m.max(v.abs()))
    };
    let noise = |scale: f64| total as f64 * (16.0 * f64::EPSILON * scale).powi(2);
    let sxx_floor = noise(largest(pre));

    let sxx = fits[0].sxx + fits[1].sxx;
    if sxx <= sxx_floor {
        return Err(AncovaUndefined::NoPreVariation);
    }
    let slope = (fits[0].sxy + fits[1].sxy) / sxx;
    let ss_error = fits[0].residual_sum_squares(slope) + fits[1].residual_sum_squares(slope);
    let sse_floor = noise(largest(post).max(slope.abs() * largest(pre)));
    if ss_error <= sse_floor {
        return Err(AncovaUndefined::PerfectFit);
    }
    let df_error = (total - 3) as f64;
    let mse = ss_error / df_error;

    let pre_gap = fits[0].pre_mean - fits[1].pre_mean;
    let diff = (fits[0].post_mean - fits[1].post_mean) - slope * pre_gap;
    let c = 1.0 / fits[0].n as f64 + 1.0 / fits[1].n as f64 + pre_gap * pre_gap / sxx;
    let se = (mse * c).sqrt();
    let q = t_quantile_upper((1.0 - conf) / 2.0, df_error).ok_or(AncovaUndefined::Level)?;

    let ss_group = diff * diff / c;
    let group_test = FTest::new(ss_group / mse, 1.0, df_error).ok_or(AncovaUndefined::NotFinite)?;
    let group_effect = FTestWithEta {
        f: group_test.f,
        df1: group_test.df1,
        df2: group_test.df2,
        p: group_test.p,
        partial_eta2: ss_group / (ss_group + ss_error),
    };

    let groups = fits
        .iter()
        .zip(levels)
        .map(|(fit, level)| AncovaGroup {
            level: level.to_string(),
            n: fit.n,
            pre_mean: fit.pre_mean,
            post_mean: fit.post_mean,
            adj_mean: fit.post_mean - slope * (fit.pre_mean - pre_mean),
        })
        .collect();

    Ok(Ancova {
        groups,
        group_effect,
        adj_diff: Estimate {
            estimate: diff,
            ci_low: diff - q * se,
            ci_high: diff + q * se,
        },
        adj_diff_se: se,
        df_error,
        slope,
        slopes_homogeneity: slopes_homogeneity(&fits, sxx_floor, sse_floor),
    })
}

/// The F test of the pre × group interaction (see [`ancova`]); `None` when it is not estimable
/// (a within-group `S_xx` or the residual sum of squares at or below its rounding floor).
fn slopes_homogeneity(fits: &[GroupFit; 2], sxx_floor: f64, sse_floor: f64) -> Option<FTest> {
    let total = fits[0].n + fits[1].n;
    if total < 5 || fits.iter().any(|fit| fit.sxx <= sxx_floor) {
        return None;
    }
    let slopes = fits.each_ref().map(|fit| fit.sxy / fit.sxx);
    let ss_separate: f64 = fits
        .iter()
        .zip(slopes)
        .map(|(fit, slope)| fit.residual_sum_squares(slope))
        .sum();
    if ss_separate <= sse_floor {
        return None;
    }
    let ss_interaction = (slopes[0] - slopes[1]).powi(2) / (1.0 / fits[0].sxx + 1.0 / fits[1].sxx);
    let df_error = (total - 4) as f64;
    FTest::new(ss_interaction / (ss_separate / df_error), 1.0, df_error)
}

/// The gain-score cross-check of an ANCOVA: Welch's t-test on `post − pre` between the groups,
/// first − second (R `t.test(post1 - pre1, post2 - pre2)`). `None` when a group's pre and post
/// lengths differ, or as [`welch_t`].
pub fn gain_welch(
    pre: &[&[f64]; 2],
    post: &[&[f64]; 2],
    conf: f64,
    alternative: Alternative,
) -> Option<TTest> {
    let gains = |g: usize| -> Option<Vec<f64>> {
        (pre[g].len() == post[g].len())
            .then(|| post[g].iter().zip(pre[g]).map(|(b, a)| b - a).collect())
    };
    welch_t(&gains(0)?, &gains(1)?, conf, alternative)
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    /// R's values for one data set (see `r_script` in the test below for the calls).
    struct Reference {
        /// `car::Anova(m, type = 2)["group", c("F value", "Df")]`, residual Df, `Pr(>F)`.
        group: [f64; 4],
        /// `Anova(lm(..., contrasts = list(group = "contr.sum")), type = 3)` F and p.
        group_type3: [f64; 2],
        /// `effectsize::eta_squared(Anova(m, type = 2), partial = TRUE)` for group.
        partial_eta2: f64,
        /// `predict(m, newdata = data.frame(pre = mean(d$pre), group = levels))`, equal to
        /// `summary(emmeans(m, "group"))$emmean`.
        adj_means: [f64; 2],
        /// `-coef(m)[3]`, `-confint(m)[3, 2:1]` (first − second level).
        adj_diff: [f64; 3],
        /// The same interval from `confint(m, level = 0.90)`.
        adj_diff_90: [f64; 2],
        /// `coef(m)["pre"]`.
        slope: f64,
        /// `anova(m, lm(post ~ pre * group))`: F, Df, Res.Df, Pr(>F) of the second row.
        homogeneity: [f64; 4],
        /// `t.test(post1 - pre1, post2 - pre2)`: t, df, p, conf.int.
        gain: [f64; 5],
    }

    struct DataSet {
        pre: [&'static [f64]; 2],
        post: [&'static [f64]; 2],
        reference: Reference,
    }

    // R (car 3.1, effectsize, emmeans), for each data set:
    //   d <- data.frame(pre = c(pre1, pre2), post = c(post1, post2),
    //     group = factor(rep(levels, c(length(pre1), length(pre2))), levels = levels))
    //   m <- lm(post ~ pre + group, data = d)
    //   then the calls named on the fields of `Reference`, printed with sprintf("%.17g").
    const DATA_SETS: &[DataSet] = &[
        // 8 intervention vs 9 control, no ties.
        DataSet {
            pre: [
                &[24.0, 19.0, 31.0, 27.0, 22.0, 35.0, 18.0, 29.0],
                &[25.0, 21.0, 30.0, 17.0, 28.0, 23.0, 33.0, 20.0, 26.0],
            ],
            post: [
                &[17.5, 15.2, 24.8, 21.3, 18.9, 26.1, 14.2, 20.7],
                &[23.9, 19.4, 27.6, 16.8, 27.1, 20.2, 30.5, 19.9, 24.3],
            ],
            reference: Reference {
                group: [59.812726437958126, 1.0, 14.0, 2.0258683191776977e-06],
                group_type3: [59.812726437958169, 2.0258683191776934e-06],
                partial_eta2: 0.81033081047659938,
                adj_means: [19.489344278469517, 23.609471752471531],
                adj_diff: [
                    -4.1201274740020137,
                    -5.2627373113821641,
                    -2.9775176366218634,
                ],
                adj_diff_90: [-5.0584446964795182, -3.1818102515245092],
                slope: 0.77621603488762181,
                homogeneity: [4.0563705485365089, 1.0, 13.0, 0.065178826453155134],
                gain: [
                    -5.2449513071217249,
                    9.5916487967919064,
                    0.00043131732205506986,
                    -6.1511814554825994,
                    -2.4682629889618442,
                ],
            },
        },
        // Integer questionnaire scores with ties, 12 vs 10.
        DataSet {
            pre: [
                &[
                    14.0, 9.0, 17.0, 12.0, 20.0, 11.0, 15.0, 13.0, 18.0, 10.0, 16.0, 12.0,
                ],
                &[13.0, 16.0, 10.0, 19.0, 12.0, 15.0, 11.0, 14.0, 17.0, 13.0],
            ],
            post: [
                &[
                    10.0, 8.0, 12.0, 9.0, 15.0, 9.0, 11.0, 10.0, 12.0, 8.0, 13.0, 9.0,
                ],
                &[13.0, 15.0, 11.0, 17.0, 12.0, 14.0, 12.0, 13.0, 16.0, 14.0],
            ],
            reference: Reference {
                group: [167.9627874514089, 1.0, 19.0, 6.9870814079721889e-11],
                group_type3: [167.96278745140876, 6.9870814079722638e-11],
                partial_eta2: 0.89837549889473045,
                adj_means: [10.523805822223947, 13.671433013331258],
                adj_diff: [
                    -3.1476271911073117,
                    -3.6559633128170597,
                    -2.6392910693975637,
                ],
                adj_diff_90: [-3.5675844608188299, -2.7276699213957936],
                slope: 0.62847370671227021,
                homogeneity: [0.2683328929840858, 1.0, 18.0, 0.61076089124971178],
                gain: [
                    -5.8295350677329401,
                    19.737382651594299,
                    1.1112880079451025e-05,
                    -4.2328453320432855,
                    -2.0004880012900483,
                ],
            },
        },
        // 4 vs 3 (smallest df), pre scores far from zero.
        DataSet {
            pre: [&[1001.2, 1003.5, 999.8, 1002.1], &[1000.4, 1004.0, 1001.7]],
            post: [&[55.3, 58.1, 51.9, 56.6], &[50.2, 55.8, 52.0]],
            reference: Reference {
                group: [80.189516164801262, 1.0, 4.0, 0.00086029266950325982],
                group_type3: [80.18951616480129, 0.00086029266950325906],
                partial_eta2: 0.95248814600418907,
                adj_means: [55.740619538772989, 52.312507281636748],
                adj_diff: [3.428112257136243, 2.3652295785983339, 4.4909949356741521],
                adj_diff_90: [2.6119956271905274, 4.2442288870819596],
                slope: 1.616814583832985,
                homogeneity: [0.10050837154616044, 1.0, 3.0, 0.77200232781488576],
                gain: [
                    3.8055329657126844,
                    4.7458134056226164,
                    0.013846106372004795,
                    1.0005439572515489,
                    5.3827893760818899,
                ],
            },
        },
    ];

    fn relative(actual: f64, expected: f64) -> f64 {
        ((actual - expected) / expected).abs()
    }

    #[test]
    fn matches_r_lm_car_anova_effectsize_and_emmeans() {
        let (mut worst_stat, mut worst_p) = (0.0_f64, 0.0_f64);
        let mut stat = |actual: f64, expected: f64| {
            assert_close(actual, expected, REL_TOL_STAT);
            worst_stat = worst_stat.max(relative(actual, expected));
        };
        let mut prob = |actual: f64, expected: f64| {
            assert_close(actual, expected, REL_TOL_P);
            worst_p = worst_p.max(relative(actual, expected));
        };
        for data in DATA_SETS {
            let r = &data.reference;
            let result = ancova(&data.pre, &data.post, ["intervention", "control"], 0.95).unwrap();
            for (g, group) in result.groups.iter().enumerate() {
                assert_eq!(group.n, data.pre[g].len());
                assert_close(group.pre_mean, mean(data.pre[g]).unwrap(), REL_TOL_STAT);
                assert_close(group.post_mean, mean(data.post[g]).unwrap(), REL_TOL_STAT);
                stat(group.adj_mean, r.adj_means[g]);
            }
            assert_eq!(result.groups[0].level, "intervention");
            assert_eq!(result.groups[1].level, "control");
            let effect = &result.group_effect;
            stat(effect.f, r.group[0]);
            assert_eq!((effect.df1, effect.df2), (r.group[1], r.group[2]));
            prob(effect.p, r.group[3]);
            // Type II and type III (contr.sum) coincide for the group term.
            stat(effect.f, r.group_type3[0]);
            prob(effect.p, r.group_type3[1]);
            stat(effect.partial_eta2, r.partial_eta2);
            stat(result.adj_diff.estimate, r.adj_diff[0]);
            stat(result.adj_diff.ci_low, r.adj_diff[1]);
            stat(result.adj_diff.ci_high, r.adj_diff[2]);
            stat(result.slope, r.slope);
            let homogeneity = result.slopes_homogeneity.unwrap();
            stat(homogeneity.f, r.homogeneity[0]);
            assert_eq!(
                (homogeneity.df1, homogeneity.df2),
                (r.homogeneity[1], r.homogeneity[2])
            );
            prob(homogeneity.p, r.homogeneity[3]);

            let ninety = ancova(&data.pre, &data.post, ["intervention", "control"], 0.90).unwrap();
            stat(ninety.adj_diff.ci_low, r.adj_diff_90[0]);
            stat(ninety.adj_diff.ci_high, r.adj_diff_90[1]);

            let gain = gain_welch(&data.pre, &data.post, 0.95, Alternative::TwoSided).unwrap();
            stat(gain.t, r.gain[0]);
            stat(gain.df, r.gain[1]);
            prob(gain.p, r.gain[2]);
            stat(gain.ci_low, r.gain[3]);
            stat(gain.ci_high, r.gain[4]);
        }
        println!("largest relative error: statistics {worst_stat:e}, p {worst_p:e}");
    }

    #[test]
    fn more_accurate_than_r_when_pre_is_far_from_zero() {
        // On the third data set R's QR of the uncentred design loses about 12 digits: its group
        // F and interaction F are 1e-12 and 3e-12 (relative) away from the exact values for the
        // same doubles, computed in rational arithmetic (Python `fractions.Fraction` of each
        // double, then the closed forms in the doc comment of `ancova`):
        // group F 80.18951616488569, interaction F 0.10050837154650458.
        let data = &DATA_SETS[2];
        let result = ancova(&data.pre, &data.post, ["a", "b"], 0.95).unwrap();
        assert_close(result.group_effect.f, 80.18951616488569, 1e-13);
        assert_close(
            result.slopes_homogeneity.unwrap().f,
            0.10050837154650458,
            1e-13,
        );
    }

    #[test]
    fn swapping_the_groups_mirrors_the_difference() {
        let data = &DATA_SETS[0];
        let forward = ancova(&data.pre, &data.post, ["a", "b"], 0.95).unwrap();
        let pre = [data.pre[1], data.pre[0]];
        let post = [data.post[1], data.post[0]];
        let backward = ancova(&pre, &post, ["b", "a"], 0.95).unwrap();
        assert_close(
            backward.adj_diff.estimate,
            -forward.adj_diff.estimate,
            REL_TOL_STAT,
        );
        assert_close(
            backward.adj_diff.ci_low,
            -forward.adj_diff.ci_high,
            REL_TOL_STAT,
        );
        assert_close(
            backward.group_effect.f,
            forward.group_effect.f,
            REL_TOL_STAT,
        );
        assert_close(
            backward.groups[0].adj_mean,
            forward.groups[1].adj_mean,
            REL_TOL_STAT,
        );
    }

    #[test]
    fn exact_on_constructed_data_far_from_zero() {
        // post = 2 + 0.5 pre + 3 [group 2] + e, with e summing to zero in each group and
        // orthogonal to pre within each group, so the least-squares fit is known exactly:
        // slope 0.5 (also within each group), adjusted difference −3, SS_error = Σe² = 20 on
        // 5 df, c = 1/4 + 1/4 + 9²/10 = 8.6, F = (9 / 8.6) / 4.
        for offset in [0.0, 1e4, 1e6] {
            let pre1 = [1.0, 2.0, 3.0, 4.0].map(|x| x + offset);
            let pre2 = [10.0, 11.0, 12.0, 13.0].map(|x| x + offset);
            let e1 = [1.0, -1.0, -1.0, 1.0];
            let e2 = [2.0, -2.0, -2.0, 2.0];
            let post1: Vec<f64> = pre1
                .iter()
                .zip(e1)
                .map(|(x, e)| 2.0 + 0.5 * x + e)
                .collect();
            let post2: Vec<f64> = pre2
                .iter()
                .zip(e2)
                .map(|(x, e)| 5.0 + 0.5 * x + e)
                .collect();
            let result = ancova(&[&pre1, &pre2], &[&post1, &post2], ["a", "b"], 0.95).unwrap();
            assert_close(result.slope, 0.5, 1e-12);
            assert_close(result.adj_diff.estimate, -3.0, 1e-12);
            assert_close(result.group_effect.f, 9.0 / 8.6 / 4.0, 1e-12);
            assert_close(
                result.group_effect.partial_eta2,
                (9.0 / 8.6) / (9.0 / 8.6 + 20.0),
                1e-12,
            );
            // Adjusted means at the overall pre mean 7 + offset.
            let centre = 7.0 + offset;
            assert_close(result.groups[0].adj_mean, 2.0 + 0.5 * centre, 1e-12);
            assert_close(result.groups[1].adj_mean, 5.0 + 0.5 * centre, 1e-12);
            let homogeneity = result.slopes_homogeneity.unwrap();
            assert!(homogeneity.f < 1e-12, "{}", homogeneity.f);
            assert_close(homogeneity.p, 1.0, 1e-9);
        }
    }

    #[test]
    fn constant_pre_in_one_group_leaves_no_homogeneity_test() {
        // R: d <- data.frame(pre = c(3, 5, 4, 6, 4, 4, 4), post = c(4, 7, 5, 6, 5, 3, 6),
        //   group = factor(rep(c("a", "b"), c(4, 3)))); m <- lm(post ~ pre + group, d)
        //   anova(m, lm(post ~ pre * group, d)) has Df 0 (the interaction is not estimable);
        //   car::Anova(m, type = 2)["group", c("F value", "Pr(>F)")]
        let pre: [&[f64]; 2] = [&[3.0, 5.0, 4.0, 6.0], &[4.0, 4.0, 4.0]];
        let post: [&[f64]; 2] = [&[4.0, 7.0, 5.0, 6.0], &[5.0, 3.0, 6.0]];
        let result = ancova(&pre, &post, ["a", "b"], 0.95).unwrap();
        assert_close(result.group_effect.f, 0.18339663591969521, REL_TOL_STAT);
        assert_close(result.group_effect.p, 0.69052239758670209, REL_TOL_P);
        assert_eq!(result.slopes_homogeneity, None);
    }

    #[test]
    fn undefined_models_are_none() {
        let a: &[f64] = &[1.0, 2.0, 3.0];
        let b: &[f64] = &[2.0, 4.0, 5.0];
        // Lengths differ, an empty group, too few people, bad conf, non-finite values.
        assert_eq!(ancova(&[a, b], &[&[1.0, 2.0], b], ["a", "b"], 0.95), None);
        assert_eq!(ancova(&[a, &[]], &[b, &[]], ["a", "b"], 0.95), None);
        assert_eq!(
            ancova(
                &[&[1.0, 2.0], &[3.0]],
                &[&[1.0, 3.0], &[2.0]],
                ["a", "b"],
                0.95
            ),
            None
        );
        assert_eq!(ancova(&[a, b], &[b, a], ["a", "b"], 1.0), None);
        assert_eq!(
            ancova(&[a, b], &[b, &[1.0, f64::NAN, 2.0]], ["a", "b"], 0.95),
            None
        );
        // Pre constant within both groups: no slope.
        let flat: [&[f64]; 2] = [&[2.0, 2.0, 2.0], &[5.0, 5.0]];
        assert_eq!(ancova(&flat, &[a, &[1.0, 2.0]], ["a", "b"], 0.95), None);
        // A perfect fit: post = 1 + 2 pre + group shift.
        let post: [&[f64]; 2] = [&[3.0, 5.0, 7.0], &[9.0, 13.0, 15.0]];
        assert_eq!(ancova(&[a, b], &post, ["a", "b"], 0.95), None);
        assert_eq!(
            gain_welch(&[a, b], &[&[1.0], b], 0.95, Alternative::TwoSided),
            None
        );
    }
}
