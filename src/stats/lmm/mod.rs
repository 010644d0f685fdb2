//! Linear mixed models with one random intercept per person, `y = Xβ + Zb + e`,
//! `b ~ N(0, σ_b²)`, `e ~ N(0, σ²)`, fitted as R's lme4 does (REML by default, or ML), with
//! lmerTest's Satterthwaite degrees of freedom for every contrast and F test.
//!
//! Per person `V_i = σ²(I + θ²11')` (`θ = σ_b/σ`), whose inverse and determinant are in closed
//! form, so the data reduce to sums over persons ([`Sums`], `O(N p²)` once) and every step after
//! is `O(K p³)` for `K` different numbers of observations per person. The profiled criterion
//! depends on `θ` only; its minimum over `θ ≥ 0` is found to full precision (see `profile`).

mod profile;
mod satterthwaite;
mod sums;

use nalgebra::{DMatrix, DVector, SymmetricEigen};
use serde::Serialize;
use thiserror::Error;

pub use sums::Sums;

use crate::stats::Alternative;
use crate::stats::levene::FTest;
use crate::stats::ttest::{t_p_value, t_quantile_upper};

/// Below this `θ = σ_b/σ` lme4 calls a fit singular (`isSingular(m, tol = 1e-4)`).
pub const SINGULAR_TOLERANCE: f64 = 1e-4;

/// Why a model cannot be fitted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LmmError {
    /// Fewer observations than the fixed effects need (`N ≤ p`).
    #[error(
        "{observations} observations for {p} fixed effects: the model needs more observations than fixed effects"
    )]
    TooFew {
        /// Observations.
        observations: usize,
        /// Fixed effects.
        p: usize,
    },
    /// No person has two observations: between-person and residual variance are confounded.
    #[error(
        "no person has two or more observations, so the between-person and residual variances cannot be told apart"
    )]
    NoRepeats,
    /// `X'V⁻¹X` is singular: some fixed effect is not estimable from the data.
    #[error("the fixed effects are not estimable from the data (X'V⁻¹X is singular)")]
    NotEstimable,
    /// No variation is left within persons.
    #[error(
        "the scores do not vary within persons beyond the fixed effects, so the residual variance is 0 and the model has no maximum"
    )]
    NoResidual,
}

/// A fitted random-intercept model.
#[derive(Debug, Clone)]
pub struct Fit {
    /// REML (true) or ML.
    pub reml: bool,
    /// `θ = σ_b/σ`.
    pub theta: f64,
    /// Residual variance `σ²`.
    pub sigma2: f64,
    /// Fixed effects `β̂`.
    pub beta: DVector<f64>,
    /// `Cov(β̂) = σ²(X'A⁻¹X)⁻¹`.
    pub cov: DMatrix<f64>,
    /// The criterion minimised: lme4's REML criterion, or the deviance `−2 log L` under ML.
    pub criterion: f64,
    /// Whether the search for `θ` ended where the criterion's slope changes sign.
    pub converged: bool,
    /// Observations.
    pub observations: usize,
    /// Persons.
    pub persons: usize,
    varpar: Option<satterthwaite::Varpar>,
}

/// A linear combination `l'β` of the fixed effects, tested against 0 with Satterthwaite's df.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contrast {
    /// `l'β̂`.
    pub estimate: f64,
    /// `√(l'Cl)`.
    pub se: f64,
    /// Satterthwaite's df (`None` when undefined: the variance parameters' Hessian is not
    /// positive definite).
    pub df: Option<f64>,
    /// `l'β̂ / se`.
    pub t: Option<f64>,
    /// Two-sided p-value.
    pub p: Option<f64>,
    /// Lower Wald-t confidence limit.
    pub ci_low: Option<f64>,
    /// Upper Wald-t confidence limit.
    pub ci_high: Option<f64>,
}

/// Fits the model to `sums` by REML (`reml`) or ML.
pub fn fit(mut sums: Sums, reml: bool) -> Result<Fit, LmmError> {
    let p = sums.p();
    let observations = sums.observations();
    if observations <= p {
        return Err(LmmError::TooFew { observations, p });
    }
    if !sums.has_repeats() {
        return Err(LmmError::NoRepeats);
    }
    sums.symmetrise();
    let (point, converged) = profile::minimise(&sums, reml).map_err(|e| match e {
        profile::SearchError::NotEstimable => LmmError::NotEstimable,
        profile::SearchError::NoResidual => LmmError::NoResidual,
    })?;
    let criterion = profile::criterion(&sums, &point, reml).ok_or(LmmError::NoResidual)?;
    let sigma2 = point.rar / profile::residual_df(&sums, reml);
    let cov = point.chol.inverse() * sigma2;
    let varpar = satterthwaite::varpar(&sums, reml, point.t, sigma2, &point.beta, &cov);
    Ok(Fit {
        reml,
        theta: point.t.sqrt(),
        sigma2,
        beta: point.beta,
        cov,
        criterion,
        converged,
        observations,
        persons: sums.persons(),
        varpar,
    })
}

impl Fit {
    /// The between-person variance `σ_b² = θ²σ²`.
    pub fn intercept_var(&self) -> f64 {
        self.theta * self.theta * self.sigma2
    }

    /// Whether lme4 would call the fit singular (`θ` below [`SINGULAR_TOLERANCE`]).
    pub fn singular(&self) -> bool {
        self.theta < SINGULAR_TOLERANCE
    }

    /// The log-likelihood lme4 reports: `−criterion/2` (the REML log-likelihood of a REML fit).
    pub fn loglik(&self) -> f64 {
        -self.criterion / 2.0
    }

    /// Parameters counted by AIC and BIC: the fixed effects and the two variances.
    fn parameters(&self) -> f64 {
        (self.beta.len() + 2) as f64
    }

    /// `AIC = criterion + 2(p + 2)`.
    pub fn aic(&self) -> f64 {
        self.criterion + 2.0 * self.parameters()
    }

    /// `BIC = criterion + (p + 2) log N`.
    pub fn bic(&self) -> f64 {
        self.criterion + self.parameters() * (self.observations as f64).ln()
    }

    /// `Var(l'β̂) = l'Cl`.
    fn variance(&self, l: &DVector<f64>) -> f64 {
        (&self.cov * l).dot(l)
    }

    /// Satterthwaite's df of `l'β̂`.
    pub fn df(&self, l: &DVector<f64>) -> Option<f64> {
        self.varpar.as_ref()?.df(l, self.variance(l))
    }

    /// `l'β̂` with its SE, Satterthwaite df, t, p and Wald-t interval at confidence `conf`;
    /// `None` when `l'Cl` is not positive.
    pub fn contrast(&self, l: &DVector<f64>, conf: f64) -> Option<Contrast> {
        let variance = self.variance(l);
        if !(variance > 0.0 && variance.is_finite()) {
            return None;
        }
        let estimate = l.dot(&self.beta);
        let se = variance.sqrt();
        let df = self.df(l);
        let t = df.map(|_| estimate / se);
        let p = t
            .zip(df)
            .and_then(|(t, df)| t_p_value(t, df, Alternative::TwoSided));
        let half = df
            .and_then(|df| t_quantile_upper((1.0 - conf) / 2.0, df))
            .map(|q| q * se);
        Some(Contrast {
            estimate,
            se,
            df,
            t,
            p,
            ci_low: half.map(|h| estimate - h),
            ci_high: half.map(|h| estimate + h),
        })
    }

    /// The F test of `Lβ = 0` (rows of `l` the hypotheses) as lmerTest's `contestMD`: with
    /// `LCL' = PDP'` and `q` its eigenvalues above `√ε` times the largest,
    /// `F = Σ_m (P_m'Lβ̂)²/d_m / q`; each `P_m'L` has Satterthwaite df `ν_m`, and the denominator
    /// df is `ν_1` for `q = 1`, their mean when they agree to 1e-8, 2 when any `ν_m ≤ 2`, else
    /// `2E/(E − q)` with `E = Σ ν_m/(ν_m − 2)`.
    pub fn f_test(&self, l: &DMatrix<f64>) -> Option<FTest> {
        let vl = l * &self.cov * l.transpose();
        let eigen = SymmetricEigen::new(vl);
        let mut order: Vec<usize> = (0..eigen.eigenvalues.len()).collect();
        order.sort_by(|&a, &b| eigen.eigenvalues[b].total_cmp(&eigen.eigenvalues[a]));
        let largest = eigen.eigenvalues[*order.first()?];
        let tol = (f64::EPSILON.sqrt() * largest).max(0.0);
        let kept: Vec<usize> = order
            .into_iter()
            .filter(|&m| eigen.eigenvalues[m] > tol)
            .collect();
        let q = kept.len();
        if q == 0 {
            return None;
        }
        let mut f = 0.0;
        let mut nu = Vec::with_capacity(q);
        for &m in &kept {
            let row: DVector<f64> = l.transpose() * eigen.eigenvectors.column(m);
            let d = eigen.eigenvalues[m];
            f += row.dot(&self.beta).powi(2) / d;
            nu.push(self.varpar.as_ref()?.df(&row, d)?);
        }
        f /= q as f64;
        FTest::new(f, q as f64, f_denominator_df(&nu))
    }
}

/// lmerTest's `get_Fstat_ddf`: the denominator df of a multi-df F from the df of its
/// orthogonal components.
fn f_denominator_df(nu: &[f64]) -> f64 {
    if nu.len() == 1 || nu.windows(2).all(|w| (w[1] - w[0]).abs() < 1e-8) {
        return nu.iter().sum::<f64>() / nu.len() as f64;
    }
    if nu.iter().any(|&v| v <= 2.0) {
        return 2.0;
    }
    let e: f64 = nu.iter().map(|v| v / (v - 2.0)).sum();
    2.0 * e / (e - nu.len() as f64)
}

#[cfg(test)]
mod tests;
