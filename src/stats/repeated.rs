//! Repeated-measures and mixed (split-plot) analysis of variance: one within-person factor
//! (time, `k` waves) and at most one between-person factor (group, `g` levels), every person
//! measured at every wave, as R's `afex::aov_ez` and `car::Anova` compute them.
//!
//! The method is the multivariate one of `car::Anova` on a multivariate linear model
//! (Fox, Friendly & Weisberg 2013, "Hypothesis tests for multivariate linear models using the
//! car package", *The R Journal* 5(1)): the waves are turned by an orthonormal contrast matrix
//! `P` (`k × (k − 1)`) into `Y* = Y P`, and the person mean into `y₀ = Y 1 / √k`; each is
//! regressed on the group with sum-to-zero (effect) coding, so the tests are type III (Maxwell,
//! Delaney & Kelley, *Designing Experiments and Analyzing Data*, 3rd ed., ch. 12 and 14):
//!
//! - between groups: the group columns' hypothesis on `y₀`, against its residual sum of squares,
//!   on `g − 1` and `n − g` degrees of freedom;
//! - time: the intercept's hypothesis matrix `H` on `Y*` (the unweighted mean profile),
//!   `SS = tr H`, against `SS_error = tr E` (`E` the residual SSCP of `Y*`), on `k − 1` and
//!   `(n − g)(k − 1)` degrees of freedom;
//! - group × time: the group columns' `H` on `Y*`, on `(g − 1)(k − 1)` and `(n − g)(k − 1)`.
//!
//! Sphericity (Mauchly 1940), as `car`'s `mauchly` and `stats::mauchly.test`: with
//! `p = k − 1` and `d = n − g`, `W = det E / (tr E / p)^p`, `ρ = 1 − (2p² + p + 2) / (6 p d)`,
//! `χ² = −d ρ ln W` on `f = p(p + 1)/2 − 1` degrees of freedom, and the p-value with Box's
//! second-order term: `P₁ + ω₂ (P₂ − P₁)`, `P₁ = P(χ²_f ≥ χ²)`, `P₂ = P(χ²_{f+4} ≥ χ²)`,
//! `ω₂ = (p + 2)(p − 1)(p − 2)(2p³ + 6p² + 3k + 2) / (288 (d p ρ)²)` — with `3k` where Box
//! (1949) has `3p`, as both `car` and `stats::mauchly.test` write it.
//!
//! Epsilons, as `car`: Greenhouse–Geisser `ε̂ = (tr E)² / (p tr E²)` (Greenhouse & Geisser 1959);
//! Huynh–Feldt in Lecoutre's (1991) correction of Huynh & Feldt (1976),
//! `ε̃ = ((d + 1) p ε̂ − 2) / (p (d − p ε̂))`, reported as computed (it may exceed 1) and capped at
//! 1 for its p-value. The corrected p-values multiply both degrees of freedom by ε.
//!
//! Effect sizes: partial η² = `SS / (SS + SS_error)` of the effect's own error term; generalized
//! η² as `afex`'s `ges` with no measured factors (Olejnik & Algina 2003; Bakeman 2005):
//! `SS / (SS + SS_error,between + SS_error,within)`.

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use crate::stats::levene::f_upper_tail;

/// An F test of a between-person effect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BetweenTest {
    /// The statistic F.
    pub f: f64,
    /// Numerator degrees of freedom.
    pub df1: f64,
    /// Denominator degrees of freedom.
    pub df2: f64,
    /// `P(F(df1, df2) ≥ f)`.
    pub p: f64,
    /// Partial η² = `SS / (SS + SS_error)`.
    pub partial_eta2: f64,
    /// Generalized η² (Olejnik & Algina 2003), as `afex`'s `ges`.
    pub generalized_eta2: f64,
}

/// An F test of a within-person effect, with the sphericity corrections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WithinTest {
    /// The statistic F.
    pub f: f64,
    /// Numerator degrees of freedom (uncorrected).
    pub df1: f64,
    /// Denominator degrees of freedom (uncorrected).
    pub df2: f64,
    /// `P(F(df1, df2) ≥ f)`, assuming sphericity.
    pub p: f64,
    /// The p-value with both degrees of freedom times the Greenhouse–Geisser epsilon; `null`
    /// with two waves (sphericity holds: nothing to correct).
    pub p_gg: Option<f64>,
    /// The p-value with both degrees of freedom times the Huynh–Feldt epsilon, capped at 1;
    /// `null` with two waves.
    pub p_hf: Option<f64>,
    /// Greenhouse–Geisser epsilon; `null` with two waves.
    pub eps_gg: Option<f64>,
    /// Huynh–Feldt epsilon (Lecoutre's correction, as `car`), uncapped; `null` with two waves.
    pub eps_hf: Option<f64>,
    /// Partial η² = `SS / (SS + SS_error)`.
    pub partial_eta2: f64,
    /// Generalized η² (Olejnik & Algina 2003), as `afex`'s `ges`.
    pub generalized_eta2: f64,
}

/// Mauchly's test of sphericity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sphericity {
    /// Mauchly's W.
    pub w: f64,
    /// The chi-squared statistic `−d ρ ln W`.
    pub chi2: f64,
    /// Its degrees of freedom, `p(p + 1)/2 − 1`.
    pub df: f64,
    /// The p-value with Box's second-order term (as R).
    pub p: f64,
}

/// A repeated-measures ANOVA (one group) or a mixed ANOVA (several groups).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepeatedAnova {
    /// People (all with every wave).
    pub n: usize,
    /// Waves.
    pub k: usize,
    /// Groups.
    pub g: usize,
    /// The group effect (`None` with one group).
    pub between: Option<BetweenTest>,
    /// The time effect.
    pub within: WithinTest,
    /// The group × time interaction (`None` with one group).
    pub interaction: Option<WithinTest>,
    /// Mauchly's test (`None` with two waves, or when the error matrix is singular).
    pub sphericity: Option<Sphericity>,
}

/// The repeated-measures ANOVA of `rows` (one row per person, one value per wave, every row
/// `k ≥ 2` long) with each person's group in `groups` (`0..g`; all 0 for one group).
///
/// `None` when the design cannot be tested: fewer than two waves, a row of another length, an
/// empty group, no more people than groups, a non-finite value, no variation within persons
/// around their group's profile (a zero error term), or a result that overflows.
pub fn repeated_anova(rows: &[Vec<f64>], groups: &[usize]) -> Option<RepeatedAnova> {
    let n = rows.len();
    let k = rows.first()?.len();
    let g = groups.iter().max().map_or(0, |max| max + 1);
    let valid = k >= 2
        && groups.len() == n
        && rows.iter().all(|row| row.len() == k)
        && rows.iter().flatten().all(|v| v.is_finite())
        && (0..g).all(|level| groups.contains(&level))
        && n > g;
    if !valid {
        return None;
    }
    let p = k - 1;
    let contrasts = helmert(k);
    let y = DMatrix::from_fn(n, k, |i, j| rows[i][j]);
    let y_star = &y * &contrasts;
    let y0 = DVector::from_fn(n, |i, _| rows[i].iter().sum::<f64>() / (k as f64).sqrt());

    let x = effect_coding(groups, g);
    let xtx_inv = (x.transpose() * &x).try_inverse()?;
    let b_star = &xtx_inv * x.transpose() * &y_star;
    let residual = &y_star - &x * &b_star;
    let error = residual.transpose() * &residual;
    let b0 = &xtx_inv * x.transpose() * &y0;
    let residual0 = &y0 - &x * &b0;
    let ss_error_between = residual0.dot(&residual0);

    let df_error = (n - g) as f64;
    let ss_error_within = error.trace();
    // Intercept: the unweighted mean profile.
    let intercept = b_star.row(0).transpose();
    let h_time = &intercept * intercept.transpose() / xtx_inv[(0, 0)];
    let ss_time = h_time.trace();
    // Group columns 1..g of the effect coding.
    let group_hypothesis = |b: &DMatrix<f64>| -> Option<DMatrix<f64>> {
        let rows_g = b.rows(1, g - 1).into_owned();
        let c = xtx_inv
            .view((1, 1), (g - 1, g - 1))
            .into_owned()
            .try_inverse()?;
        Some(rows_g.transpose() * c * rows_g)
    };
    let (ss_group, ss_interaction) = if g > 1 {
        let b0_matrix = DMatrix::from_column_slice(g, 1, b0.as_slice());
        (
            Some(group_hypothesis(&b0_matrix)?.trace()),
            Some(group_hypothesis(&b_star)?.trace()),
        )
    } else {
        (None, None)
    };
    if ss_error_within.is_nan() || ss_error_within <= 0.0 || ss_error_within.is_infinite() {
        return None;
    }
    let ges_denominator = ss_error_between + ss_error_within;
    let epsilons = (p >= 2).then(|| epsilons(&error, df_error)).flatten();
    let within_test = |ss: f64, df1: f64| -> Option<WithinTest> {
        let df2 = df_error * p as f64;
        let f = (ss / df1) / (ss_error_within / df2);
        let corrected = |eps: f64| f_upper_tail(f, df1 * eps.min(1.0), df2 * eps.min(1.0));
        Some(WithinTest {
            f,
            df1,
            df2,
            p: f_upper_tail(f, df1, df2)?,
            p_gg: epsilons.and_then(|(gg, _)| corrected(gg)),
            p_hf: epsilons.and_then(|(_, hf)| corrected(hf)),
            eps_gg: epsilons.map(|(gg, _)| gg),
            eps_hf: epsilons.map(|(_, hf)| hf),
            partial_eta2: ss / (ss + ss_error_within),
            generalized_eta2: ss / (ss + ges_denominator),
        })
    };
    let within = within_test(ss_time, p as f64)?;
    let interaction = match ss_interaction {
        Some(ss) => Some(within_test(ss, ((g - 1) * p) as f64)?),
        None => None,
    };
    let between = match ss_group {
        Some(ss) if ss_error_between > 0.0 => {
            let (df1, df2) = ((g - 1) as f64, df_error);
            let f = (ss / df1) / (ss_error_between / df2);
            Some(BetweenTest {
                f,
                df1,
                df2,
                p: f_upper_tail(f, df1, df2)?,
                partial_eta2: ss / (ss + ss_error_between),
                generalized_eta2: ss / (ss + ges_denominator),
            })
        }
        Some(_) => return None,
        None => None,
    };
    Some(RepeatedAnova {
        n,
        k,
        g,
        between,
        within,
        interaction,
        sphericity: (p >= 2).then(|| mauchly(&error, df_error)).flatten(),
    })
}

/// The orthonormal Helmert contrasts of `k` levels: column `j` compares level `j + 1` with the
/// levels before it, scaled to unit length (any orthonormal contrasts give the same tests).
fn helmert(k: usize) -> DMatrix<f64> {
    DMatrix::from_fn(k, k - 1, |i, j| {
        let norm = ((j + 1) as f64 * (j + 2) as f64).sqrt();
        match i.cmp(&(j + 1)) {
            std::cmp::Ordering::Less => -1.0 / norm,
            std::cmp::Ordering::Equal => (j + 1) as f64 / norm,
            std::cmp::Ordering::Greater => 0.0,
        }
    })
}

/// The design matrix of a one-way layout with sum-to-zero coding (R `contr.sum`): an intercept
/// column, then for each group `j < g − 1` a column that is 1 in group `j`, −1 in the last group.
fn effect_coding(groups: &[usize], g: usize) -> DMatrix<f64> {
    DMatrix::from_fn(groups.len(), g, |i, j| match j {
        0 => 1.0,
        _ if groups[i] == j - 1 => 1.0,
        _ if groups[i] == g - 1 => -1.0,
        _ => 0.0,
    })
}

/// Greenhouse–Geisser and Huynh–Feldt (Lecoutre) epsilons of the error SSCP `error` on `d`
/// degrees of freedom.
fn epsilons(error: &DMatrix<f64>, d: f64) -> Option<(f64, f64)> {
    let p = error.nrows() as f64;
    let trace = error.trace();
    let trace_squared = (error * error).trace();
    let gg = trace * trace / (p * trace_squared);
    let hf = ((d + 1.0) * p * gg - 2.0) / (p * (d - p * gg));
    (gg.is_finite() && hf.is_finite()).then_some((gg, hf))
}

/// Mauchly's test of the error SSCP `error` on `d` degrees of freedom (see the module docs).
fn mauchly(error: &DMatrix<f64>, d: f64) -> Option<Sphericity> {
    let p = error.nrows() as f64;
    let determinant = error.determinant();
    if determinant.is_nan() || determinant <= 0.0 || determinant.is_infinite() {
        return None;
    }
    let log_w = determinant.ln() - p * (error.trace() / p).ln();
    let rho = 1.0 - (2.0 * p * p + p + 2.0) / (6.0 * p * d);
    // R writes `3 k` where Box's term has `3 p` (k = p + 1 waves); psyscore follows R.
    let k = p + 1.0;
    let omega2 =
        (p + 2.0) * (p - 1.0) * (p - 2.0) * (2.0 * p.powi(3) + 6.0 * p * p + 3.0 * k + 2.0)
            / (288.0 * (d * p * rho).powi(2));
    let chi2 = -d * rho * log_w;
    let df = p * (p + 1.0) / 2.0 - 1.0;
    let p1 = chi_squared_upper(chi2, df)?;
    let p2 = chi_squared_upper(chi2, df + 4.0)?;
    Some(Sphericity {
        w: log_w.exp(),
        chi2,
        df,
        p: (p1 + omega2 * (p2 - p1)).clamp(0.0, 1.0),
    })
}

/// `P(χ²_df ≥ x)` (R `pchisq(x, df, lower.tail = FALSE)`).
pub(crate) fn chi_squared_upper(x: f64, df: f64) -> Option<f64> {
    if !x.is_finite() || !df.is_finite() || df <= 0.0 {
        return None;
    }
    if x <= 0.0 {
        return Some(1.0);
    }
    Some(statrs::function::gamma::gamma_ur(df / 2.0, x / 2.0))
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    /// Rows of a matrix given column by column (one column per wave), as R's `matrix(c(...))`.
    fn by_columns(values: &[f64], k: usize) -> Vec<Vec<f64>> {
        let n = values.len() / k;
        (0..n)
            .map(|i| (0..k).map(|j| values[j * n + i]).collect())
            .collect()
    }

    /// One effect's reference: F, df1, df2, p, partial η², generalized η².
    struct Reference {
        f: f64,
        df1: f64,
        df2: f64,
        p: f64,
        pes: f64,
        ges: f64,
    }

    fn assert_within(
        test: &WithinTest,
        r: &Reference,
        gg: Option<(f64, f64)>,
        hf: Option<(f64, f64)>,
    ) {
        assert_close(test.f, r.f, REL_TOL_STAT);
        assert_eq!((test.df1, test.df2), (r.df1, r.df2));
        assert_close(test.p, r.p, REL_TOL_P);
        assert_close(test.partial_eta2, r.pes, REL_TOL_STAT);
        assert_close(test.generalized_eta2, r.ges, REL_TOL_STAT);
        match gg {
            Some((eps, p)) => {
                assert_close(test.eps_gg.unwrap(), eps, REL_TOL_STAT);
                assert_close(test.p_gg.unwrap(), p, REL_TOL_P);
            }
            None => assert!(test.eps_gg.is_none() && test.p_gg.is_none()),
        }
        match hf {
            Some((eps, p)) => {
                assert_close(test.eps_hf.unwrap(), eps, REL_TOL_STAT);
                assert_close(test.p_hf.unwrap(), p, REL_TOL_P);
            }
            None => assert!(test.eps_hf.is_none() && test.p_hf.is_none()),
        }
    }

    fn assert_between(test: &BetweenTest, r: &Reference) {
        assert_close(test.f, r.f, REL_TOL_STAT);
        assert_eq!((test.df1, test.df2), (r.df1, r.df2));
        assert_close(test.p, r.p, REL_TOL_P);
        assert_close(test.partial_eta2, r.pes, REL_TOL_STAT);
        assert_close(test.generalized_eta2, r.ges, REL_TOL_STAT);
    }

    // The reference values come from R 4.2 with afex 1.2-1 and car 3.1-1:
    //   d <- data.frame(id = factor(rep(1:n, k)), t = factor(rep(1:k, each = n)),
    //                   g = factor(rep(g, k)), y = as.vector(y))
    //   a <- afex::aov_ez("id", "y", d, between = "g", within = "t", type = 3,
    //                     anova_table = list(es = c("ges", "pes"), correction = "none"))
    //   s <- summary(a$Anova, multivariate = FALSE)
    //   s$univariate.tests; s$pval.adjustments; s$sphericity.tests; a$anova_table
    // and Mauchly's chi-squared from W as car computes it: -d * rho * log(W).

    #[test]
    fn a_balanced_two_by_three_mixed_design_matches_afex() {
        let y = by_columns(
            &[
                12., 14., 11., 15., 13., 10., 9., 13., 12., 11., 10., 11., 9., 12., 12., 11., 10.,
                12., 13., 10., 8., 9., 7., 10., 11., 10., 11., 12., 12., 9.,
            ],
            3,
        );
        let groups: Vec<usize> = (0..10).map(|i| i / 5).collect();
        let anova = repeated_anova(&y, &groups).unwrap();
        assert_between(
            anova.between.as_ref().unwrap(),
            &Reference {
                f: 6.4102564102563658e-03,
                df1: 1.0,
                df2: 8.0,
                p: 9.3815292617895829e-01,
                pes: 0.000800640512410,
                ges: 0.0006609385327165,
            },
        );
        let gg = 0.65760869565217428;
        let hf = 0.73577235772357774;
        assert_within(
            &anova.within,
            &Reference {
                f: 2.0060606060606077e+01,
                df1: 2.0,
                df2: 16.0,
                p: 4.3645906855544244e-05,
                pes: 0.714902807775378,
                ges: 0.3045078196872129,
            },
            Some((gg, 0.00060365653929761866)),
            Some((hf, 0.00033007373218285862)),
        );
        assert_within(
            anova.interaction.as_ref().unwrap(),
            &Reference {
                f: 1.6787878787878775e+01,
                df1: 2.0,
                df2: 16.0,
                p: 1.1770773032453058e-04,
                pes: 0.677261613691931,
                ges: 0.2681510164569216,
            },
            Some((gg, 0.00117636242631569458)),
            Some((hf, 0.00069290902786964411)),
        );
        let sphericity = anova.sphericity.unwrap();
        assert_close(sphericity.w, 0.47933884297520768, REL_TOL_STAT);
        assert_close(sphericity.chi2, 5.147432745352237, REL_TOL_STAT);
        assert_eq!(sphericity.df, 2.0);
        assert_close(sphericity.p, 0.076251638692518789, REL_TOL_P);
    }

    #[test]
    fn three_unbalanced_groups_with_ties_over_four_waves_match_afex() {
        let y = by_columns(
            &[
                20., 22., 19., 25., 21., 23., 20., 24., 22., 26., 18., 20., 19., 21., 23., 18.,
                20., 19., 22., 20., 21., 17., 22., 21., 24., 18., 19., 19., 20., 22., 15., 19.,
                16., 20., 19., 20., 17., 21., 20., 23., 17., 19., 18., 19., 21., 14., 17., 15.,
                18., 18., 20., 16., 20., 19., 22., 17., 18., 17., 18., 21.,
            ],
            4,
        );
        let groups: Vec<usize> = [vec![0; 4], vec![1; 6], vec![2; 5]].concat();
        let anova = repeated_anova(&y, &groups).unwrap();
        assert_between(
            anova.between.as_ref().unwrap(),
            &Reference {
                f: 1.4342918386427401,
                df1: 2.0,
                df2: 12.0,
                p: 2.7635661748596407e-01,
                pes: 0.192929181389871,
                ges: 0.185845728367047,
            },
        );
        let (gg, hf) = (0.73862347319170285, 0.91325839579052615);
        assert_within(
            &anova.within,
            &Reference {
                f: 154.3168334921106464,
                df1: 3.0,
                df2: 36.0,
                p: 1.3243730313576330e-20,
                pes: 0.927848554183968,
                ges: 0.367058892769885,
            },
            Some((gg, 9.1868623311931146e-16)),
            Some((hf, 5.3336472132559024e-19)),
        );
        assert_within(
            anova.interaction.as_ref().unwrap(),
            &Reference {
                f: 12.0782230806373807,
                df1: 6.0,
                df2: 36.0,
                p: 2.1332355828650166e-07,
                pes: 0.668108974358975,
                ges: 0.083225201125906,
            },
            Some((gg, 6.2987767884454409e-06)),
            Some((hf, 6.5366189681258426e-07)),
        );
        let sphericity = anova.sphericity.unwrap();
        assert_close(sphericity.w, 0.59475965076610426, REL_TOL_STAT);
        assert_close(sphericity.chi2, 5.5712441857892587, REL_TOL_STAT);
        assert_eq!(sphericity.df, 5.0);
        assert_close(sphericity.p, 0.3519645274958661, REL_TOL_P);
    }

    #[test]
    fn one_group_over_five_waves_matches_afex_with_hf_above_one_capped_for_p() {
        let y = by_columns(
            &[
                30., 28., 35., 31., 27., 33., 29., 32., 27., 26., 33., 30., 25., 30., 28., 29.,
                25., 25., 30., 27., 24., 28., 26., 27., 24., 25., 31., 26., 22., 27., 25., 27.,
                22., 23., 29., 25., 21., 26., 24., 25.,
            ],
            5,
        );
        let anova = repeated_anova(&y, &[0; 8]).unwrap();
        assert!(anova.between.is_none() && anova.interaction.is_none());
        assert_within(
            &anova.within,
            &Reference {
                f: 131.74626865671641,
                df1: 4.0,
                df2: 28.0,
                p: 9.8950520127743969e-18,
                pes: 0.949548192771084,
                ges: 0.468453965698718,
            },
            Some((0.70135754461495825, 5.2360175644293908e-13)),
            // HF eps 1.218 > 1: reported as is, its p-value as uncorrected.
            Some((1.2184468430288411, 9.8950520127743969e-18)),
        );
        let sphericity = anova.sphericity.unwrap();
        assert_close(sphericity.w, 0.22333959534442616, REL_TOL_STAT);
        assert_close(sphericity.chi2, 8.1199181743478324, REL_TOL_STAT);
        assert_eq!(sphericity.df, 9.0);
        assert_close(sphericity.p, 0.54223181857804004, REL_TOL_P);
    }

    #[test]
    fn two_waves_have_nothing_to_correct() {
        let y = by_columns(
            &[
                50., 47., 53., 49., 48., 52., 51., 46., 50., 49., 40., 41., 45., 42., 47., 50.,
                49., 45., 48., 47.,
            ],
            2,
        );
        let groups: Vec<usize> = [vec![0; 4], vec![1; 6]].concat();
        let anova = repeated_anova(&y, &groups).unwrap();
        assert!(anova.sphericity.is_none());
        assert_between(
            anova.between.as_ref().unwrap(),
            &Reference {
                f: 3.9864406779661148,
                df1: 1.0,
                df2: 8.0,
                p: 8.0940509826079740e-02,
                pes: 0.332579185520363,
                ges: 0.316532418853179,
            },
        );
        assert_within(
            &anova.within,
            &Reference {
                f: 168.8462809917372454,
                df1: 1.0,
                df2: 8.0,
                p: 1.1664013218424748e-06,
                pes: 0.954762972932556,
                ges: 0.598387928206570,
            },
            None,
            None,
        );
        assert_within(
            anova.interaction.as_ref().unwrap(),
            &Reference {
                f: 70.4661157024800957,
                df1: 1.0,
                df2: 8.0,
                p: 3.0833131648791899e-05,
                pes: 0.898045163464780,
                ges: 0.383408878336571,
            },
            None,
            None,
        );
    }

    #[test]
    fn designs_that_cannot_be_tested_are_none() {
        // No variation around the profile: a zero error term.
        let flat = vec![vec![1.0, 2.0, 3.0]; 4];
        assert!(repeated_anova(&flat, &[0; 4]).is_none());
        // An empty group, rows of another length, non-finite values, one wave.
        let y = vec![vec![1.0, 2.0], vec![2.0, 4.0], vec![3.0, 3.0]];
        assert!(repeated_anova(&y, &[0, 0, 2]).is_none());
        assert!(repeated_anova(&[vec![1.0, 2.0], vec![1.0]], &[0, 0]).is_none());
        assert!(repeated_anova(&[vec![1.0, f64::NAN], vec![1.0, 2.0]], &[0, 0]).is_none());
        assert!(repeated_anova(&[vec![1.0], vec![2.0]], &[0, 0]).is_none());
        // As many people as groups: no error degrees of freedom.
        assert!(repeated_anova(&[vec![1.0, 2.0], vec![2.0, 5.0]], &[0, 1]).is_none());
    }
}
