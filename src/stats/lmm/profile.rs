//! The profiled criterion of the random-intercept model as a function of `t = θ²`
//! (`θ = σ_b/σ`), its derivative, and the search for its minimum over `t ≥ 0`.
//!
//! With `A_i = I + t 11'`, `A_i⁻¹ = Q + P/(1 + n_i t)` (see [`Sums`]) and `|A_i| = 1 + n_i t`,
//! lme4's profiled criteria are
//!
//! - REML: `(N − p)(1 + log(2π σ̂²)) + Σ log(1 + n_i t) + log|X'A⁻¹X|`, `σ̂² = r'A⁻¹r/(N − p)`;
//! - ML: `N(1 + log(2π σ̂²)) + Σ log(1 + n_i t)`, `σ̂² = r'A⁻¹r/N`,
//!
//! `r = y − Xβ̂`, `β̂ = (X'A⁻¹X)⁻¹X'A⁻¹y`. The minimum is found where the derivative changes
//! sign (bisection to the last bit after a grid locates it), which is exact to rounding where a
//! search on the criterion's values would stop at the square root of the machine precision.

use std::cmp::Ordering;

use nalgebra::{Cholesky, DMatrix, DVector, Dyn};

use super::sums::{QP, Sums};

/// The model at one `t`: `X'A⁻¹X`, `β̂`, `r'A⁻¹r` and the log-determinants.
pub(super) struct Point {
    /// `t = θ²`.
    pub t: f64,
    /// The Cholesky factor of `X'A⁻¹X`.
    pub chol: Cholesky<f64, Dyn>,
    /// `β̂(t)`.
    pub beta: DVector<f64>,
    /// `r'A⁻¹r`.
    pub rar: f64,
    /// `Σ log(1 + n_i t)`.
    pub logdet_a: f64,
    /// `log|X'A⁻¹X|`.
    pub logdet_m: f64,
}

/// The smallest share of a column's sum of squares (in `X'A⁻¹X`) that the columns before it may
/// leave unexplained: below it the column counts as their combination and the fixed effects as
/// not estimable (a constant covariate beside the intercept leaves about 1e-16).
const PIVOT_TOLERANCE: f64 = 1e-10;

/// `A⁻¹ = Q + P/(1 + nt)` for `n` observations.
fn a_inverse(n: f64, t: f64) -> QP {
    QP {
        q: 1.0,
        p: 1.0 / (1.0 + n * t),
    }
}

/// `X'A⁻¹X`, `X'A⁻¹y` and `y'A⁻¹y` at `t`.
fn weighted(sums: &Sums, t: f64) -> (DMatrix<f64>, DVector<f64>, f64) {
    let p = sums.p();
    let mut m = DMatrix::zeros(p, p);
    let mut b = DVector::zeros(p);
    let mut c = 0.0;
    for block in sums.blocks() {
        let v = a_inverse(block.n, t).p;
        m += &block.wxx + &block.bxx * v;
        b += &block.wxy + &block.bxy * v;
        c += block.wyy + block.byy * v;
    }
    (m, b, c)
}

/// The model at `t`, or `None` when `X'A⁻¹X` is not positive definite or a column is (nearly) a
/// combination of others (fixed effects not estimable), or a value is not finite.
pub(super) fn point(sums: &Sums, t: f64) -> Option<Point> {
    let (m, b, c) = weighted(sums, t);
    let diagonal = m.diagonal();
    let chol = Cholesky::new(m)?;
    let dependent = chol
        .l_dirty()
        .diagonal()
        .iter()
        .zip(diagonal.iter())
        .any(|(l, d)| (l * l).partial_cmp(&(PIVOT_TOLERANCE * d)) != Some(Ordering::Greater));
    if dependent {
        return None;
    }
    let beta = chol.solve(&b);
    let rar = c - b.dot(&beta);
    let logdet_m = 2.0
        * chol
            .l_dirty()
            .diagonal()
            .iter()
            .map(|d| d.ln())
            .sum::<f64>();
    let logdet_a = sums
        .blocks()
        .map(|block| block.count * (block.n * t).ln_1p())
        .sum();
    let finite = rar.is_finite() && logdet_m.is_finite() && beta.iter().all(|v| v.is_finite());
    finite.then_some(Point {
        t,
        chol,
        beta,
        rar,
        logdet_a,
        logdet_m,
    })
}

/// The degrees of freedom of `σ̂²`: `N − p` (REML) or `N` (ML).
pub(super) fn residual_df(sums: &Sums, reml: bool) -> f64 {
    let n = sums.observations() as f64;
    if reml { n - sums.p() as f64 } else { n }
}

/// The criterion (−2 × the profiled log-likelihood, REML or ML) at `point`; `None` when
/// `r'A⁻¹r ≤ 0`.
pub(super) fn criterion(sums: &Sums, point: &Point, reml: bool) -> Option<f64> {
    let df = residual_df(sums, reml);
    if point.rar <= 0.0 {
        return None;
    }
    let sigma2 = point.rar / df;
    let mut value = df * (1.0 + (2.0 * std::f64::consts::PI * sigma2).ln()) + point.logdet_a;
    if reml {
        value += point.logdet_m;
    }
    value.is_finite().then_some(value)
}

/// The derivative of the criterion in `t` at `point`:
/// `df · (r'A⁻¹r)'/r'A⁻¹r + Σ n_i/(1 + n_i t) [+ tr((X'A⁻¹X)⁻¹ (X'A⁻¹X)')]`, with
/// `(A⁻¹)' = −n P/(1 + n t)²` in both (`β̂` optimal for `r'A⁻¹r`).
pub(super) fn derivative(sums: &Sums, point: &Point, reml: bool) -> f64 {
    let df = residual_df(sums, reml);
    let mut rar = 0.0;
    let mut logdet_a = 0.0;
    let mut dm = DMatrix::zeros(sums.p(), sums.p());
    for block in sums.blocks() {
        let da = QP {
            q: 0.0,
            p: -block.n / (1.0 + block.n * point.t).powi(2),
        };
        rar += block.residual_quad(da, &point.beta);
        logdet_a += block.count * block.n / (1.0 + block.n * point.t);
        if reml {
            dm += block.quad(da);
        }
    }
    let mut value = df * rar / point.rar + logdet_a;
    if reml {
        value += point.chol.solve(&dm).trace();
    }
    value
}

/// Why the criterion has no minimum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SearchError {
    /// `X'A⁻¹X` is singular at every `t` tried.
    NotEstimable,
    /// The criterion falls without bound as `t` grows: no residual variation within persons.
    NoResidual,
}

/// The grid on which the minimum is first located: 0 and `10^(−10 … 10)` in steps of `10^0.5`.
fn grid() -> impl Iterator<Item = f64> {
    std::iter::once(0.0).chain((-20..=20).map(|e| 10f64.powf(f64::from(e) / 2.0)))
}

/// The `t ≥ 0` that minimises the criterion, and whether the search converged (the derivative
/// changes sign in the bracket found on the grid; else a golden-section search on the values).
pub(super) fn minimise(sums: &Sums, reml: bool) -> Result<(Point, bool), SearchError> {
    let value = |t: f64| point(sums, t).and_then(|pt| criterion(sums, &pt, reml));
    let ts: Vec<f64> = grid().collect();
    let values: Vec<Option<f64>> = ts.iter().map(|&t| value(t)).collect();
    let Some(best) = (0..ts.len())
        .filter(|&i| values[i].is_some())
        .min_by(|&i, &j| {
            values[i]
                .partial_cmp(&values[j])
                .unwrap_or(std::cmp::Ordering::Equal)
        })
    else {
        return Err(if ts.iter().any(|&t| point(sums, t).is_some()) {
            SearchError::NoResidual
        } else {
            SearchError::NotEstimable
        });
    };
    let slope = |t: f64| point(sums, t).map(|pt| derivative(sums, &pt, reml));
    if best == 0 && slope(0.0).is_some_and(|s| s >= 0.0) {
        let pt = point(sums, 0.0).ok_or(SearchError::NotEstimable)?;
        return Ok((pt, true));
    }
    if best == ts.len() - 1 {
        // Still falling at σ_b/σ = 1e5: no variation left within persons to speak of.
        return Err(SearchError::NoResidual);
    }
    let lo = ts[best.saturating_sub(1)];
    let hi = ts[best + 1];
    let (t, converged) = match (slope(lo), slope(hi)) {
        (Some(s_lo), Some(s_hi)) if s_lo < 0.0 && s_hi > 0.0 => (bisect(lo, hi, slope), true),
        _ => (golden(lo, hi, |t| value(t).unwrap_or(f64::INFINITY)), false),
    };
    let pt = point(sums, t).ok_or(SearchError::NotEstimable)?;
    Ok((pt, converged))
}

/// The root of `slope` in `[lo, hi]` (negative at `lo`, positive at `hi`) to the last bit.
fn bisect(mut lo: f64, mut hi: f64, slope: impl Fn(f64) -> Option<f64>) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if mid <= lo || mid >= hi {
            break;
        }
        match slope(mid) {
            Some(s) if s < 0.0 => lo = mid,
            Some(s) if s > 0.0 => hi = mid,
            Some(_) => return mid,
            None => break,
        }
    }
    0.5 * (lo + hi)
}

/// The minimum of `f` on `[lo, hi]` by golden sections, to `1e-12` relative.
fn golden(mut lo: f64, mut hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    let mut a = hi - ratio * (hi - lo);
    let mut b = lo + ratio * (hi - lo);
    let (mut fa, mut fb) = (f(a), f(b));
    while hi - lo > 1e-12 * hi.max(1e-300) {
        if fa <= fb {
            hi = b;
            b = a;
            fb = fa;
            a = hi - ratio * (hi - lo);
            fa = f(a);
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + ratio * (hi - lo);
            fb = f(b);
        }
    }
    if fa <= fb { a } else { b }
}
