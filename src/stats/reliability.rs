//! Internal consistency of a scale: Cronbach's alpha (Cronbach 1951) with the Feldt (1965)
//! confidence interval, standardized alpha, McDonald's omega total from a one-factor minimum
//! residual fit (McDonald 1999), and the item statistics of `psych::alpha` (Revelle, R package
//! psych 2.2.9).
//!
//! The input is a complete-case item matrix, already reverse-keyed, given column by column
//! (`columns[i][r]` is respondent `r`'s answer to item `i`).

use serde::Serialize;
use statrs::distribution::{Continuous, ContinuousCDF, FisherSnedecor};

use crate::stats::descriptive::{mean, sd};
use crate::stats::levene::f_upper_tail;

/// The lower bound `psych::fa` puts on each uniqueness while fitting (its `optim` bound).
const MIN_UNIQUENESS: f64 = 0.005;

/// Statistics of one item within its scale, as in `psych::alpha`'s `item.stats` and
/// `alpha.drop`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    /// The item mean.
    pub mean: f64,
    /// The item standard deviation (denominator n − 1, `psych::alpha`'s `item.stats$sd`).
    pub sd: f64,
    /// Corrected item-total correlation: the Pearson correlation of the item with the sum of the
    /// other items (`psych::alpha`'s `item.stats$r.drop`). `None` when the item or the sum of the
    /// others has zero variance.
    pub r_drop: Option<f64>,
    /// Raw alpha of the other items (`psych::alpha`'s `alpha.drop$raw_alpha`). `None` for a
    /// two-item scale or when the other items' sum has zero variance.
    pub alpha_if_deleted: Option<f64>,
}

/// Reliability of one scale; see [`reliability`] for the formulas.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reliability {
    /// Number of respondents (rows).
    pub n: usize,
    /// Number of items.
    pub k: usize,
    /// Cronbach's alpha on the raw item covariances (`psych::alpha`'s `raw_alpha`); `None` when
    /// the total score has zero variance.
    pub alpha: Option<f64>,
    /// Standardized alpha, from the item correlations (`psych::alpha`'s `std.alpha`); `None`
    /// when an item has zero variance.
    pub alpha_std: Option<f64>,
    /// Lower limit of the Feldt confidence interval for `alpha`.
    pub alpha_ci_low: Option<f64>,
    /// Upper limit of the Feldt confidence interval for `alpha`.
    pub alpha_ci_high: Option<f64>,
    /// McDonald's omega total `1 − Σᵢ(1 − λᵢ²) / Σᵢⱼ Rᵢⱼ` from a one-factor minimum residual
    /// fit: the estimator of `psych::omega(x, nfactors = 1, flip = FALSE)$omega.tot` (and of
    /// jamovi), whose denominator is the observed variance of the standardized sum score, not
    /// the model-implied `(Σλ)² + Σ(1 − λ²)`; the two differ by the off-diagonal residuals
    /// (0.7444 against 0.7451 on the bfi agreeableness items). The loadings here are the exact
    /// least-squares solution; psych's `optim` stops near it, so psych's omega differs from this
    /// one by up to about 1e-5 (typically 1e-8 to 1e-6, relative). Items are not flipped: an
    /// item keyed the wrong way lowers omega, as it lowers alpha. `None` below three items (the
    /// one-factor model is not identified for two), when an item has zero variance, or when the
    /// fit finds no positive common factor or does not converge.
    pub omega: Option<f64>,
    /// True when the one-factor fit behind `omega` is a Heywood case: an item's uniqueness sits
    /// at psych's lower bound 0.005 (its loading is about 1 or more; common with three items
    /// and small n). `omega` is then the constrained least-squares solution (the fixed point of
    /// principal axes with the bound), where psych's optimizer stops somewhere else along the
    /// bound: expect differences from psych in the third or fourth decimal, and report it.
    pub omega_heywood: bool,
    /// Mean of the k(k − 1)/2 inter-item correlations (`psych::alpha`'s `average_r`); `None`
    /// when an item has zero variance.
    pub mean_r: Option<f64>,
    /// Statistics of each item, in input order.
    pub items: Vec<ItemStats>,
}

/// Reliability of the scale whose items are `columns` (one slice per item, all of the same length
/// n, complete cases, reverse-keyed items already reversed), with a `conf` (e.g. 0.95) Feldt
/// interval for alpha. With the item covariance matrix `C`, its total `V = Σᵢⱼ Cᵢⱼ` (the
/// variance of the sum score) and the correlation matrix `R`:
///
/// - alpha `= k/(k − 1) · (1 − Σᵢ Cᵢᵢ / V)` (Cronbach 1951; `psych::alpha` `raw_alpha`);
/// - standardized alpha `= k/(k − 1) · (1 − k / Σᵢⱼ Rᵢⱼ) = k r̄ / (1 + (k − 1) r̄)` with `r̄`
///   the mean inter-item correlation (`std.alpha`, `average_r`);
/// - r.drop of item i `= (Σⱼ Cᵢⱼ − Cᵢᵢ) / √(Cᵢᵢ · Vᵢ)`, `Vᵢ = V − 2 Σⱼ Cᵢⱼ + Cᵢᵢ` the variance
///   of the sum of the other items; alpha if deleted is alpha of the other k − 1 items;
/// - the Feldt interval: `(1 − α)/(1 − α̂)` follows F(n − 1, (n − 1)(k − 1)) (Feldt 1965;
///   Feldt, Woodruff & Salih 1987), so with `γ = 1 − conf` the limits are
///   `1 − (1 − α̂) F_{1−γ/2}` and `1 − (1 − α̂) F_{γ/2}` (as `psych::alpha.ci`);
/// - omega total `= 1 − Σᵢ (1 − λᵢ²) / Σᵢⱼ Rᵢⱼ` with `λ` the loadings of a one-factor
///   minimum residual (unweighted least squares) fit to `R` (McDonald 1999, ch. 6; the estimator
///   of `psych::omega(x, nfactors = 1, flip = FALSE)$omega.tot`, which is what jamovi reports).
///   See [`Reliability::omega`] for how it relates to psych's own iterative fit, and
///   [`Reliability::omega_heywood`] for loadings at the bound.
///
/// `None` with fewer than two items or two respondents, columns of unequal length, or a
/// non-finite value. The interval is `None` when `conf` is not inside (0, 1) or alpha is `None`.
pub fn reliability(columns: &[&[f64]], conf: f64) -> Option<Reliability> {
    let k = columns.len();
    let n = columns.first()?.len();
    let valid = k >= 2
        && n >= 2
        && columns.iter().all(|c| c.len() == n)
        && columns.iter().flat_map(|c| c.iter()).all(|v| v.is_finite());
    if !valid {
        return None;
    }
    let constant: Vec<bool> = columns
        .iter()
        .map(|c| c.iter().all(|v| *v == c[0]))
        .collect();
    // A constant item's mean is its value exactly, so its covariances are exactly zero.
    let means: Vec<f64> = columns
        .iter()
        .zip(&constant)
        .map(|(c, &is_constant)| if is_constant { Some(c[0]) } else { mean(c) })
        .collect::<Option<_>>()?;
    let cov = covariance_matrix(columns, &means);
    let any_constant = constant.iter().any(|c| *c);

    let trace: f64 = (0..k).map(|i| cov[i][i]).sum();
    let row_sums: Vec<f64> = cov.iter().map(|row| row.iter().sum()).collect();
    let total: f64 = row_sums.iter().sum();
    let alpha = cronbach(k, trace, total);

    let items = (0..k)
        .map(|i| {
            let rest_variance = total - 2.0 * row_sums[i] + cov[i][i];
            let rest_trace = trace - cov[i][i];
            let rest_is_constant = rest_variance <= zero_variance_threshold(k - 1, rest_trace);
            // Summed without the diagonal (not `row_sums[i] - cov[i][i]`): an item uncorrelated
            // with the rest then gets 0, not rounding noise of either sign.
            let rest_covariance: f64 = (0..k).filter(|&j| j != i).map(|j| cov[i][j]).sum();
            let r_drop = (!constant[i] && !rest_is_constant)
                .then(|| rest_covariance / (cov[i][i] * rest_variance).sqrt());
            Some(ItemStats {
                mean: means[i],
                sd: sd(columns[i])?,
                r_drop,
                alpha_if_deleted: if k >= 3 {
                    cronbach(k - 1, rest_trace, rest_variance)
                } else {
                    None
                },
            })
        })
        .collect::<Option<Vec<_>>>()?;

    let (alpha_ci_low, alpha_ci_high) = match alpha.and_then(|a| feldt_interval(a, n, k, conf)) {
        Some((low, high)) => (Some(low), Some(high)),
        None => (None, None),
    };

    let mut result = Reliability {
        n,
        k,
        alpha,
        alpha_std: None,
        alpha_ci_low,
        alpha_ci_high,
        omega: None,
        omega_heywood: false,
        mean_r: None,
        items,
    };
    if any_constant {
        return Some(result);
    }
    let corr: Vec<Vec<f64>> = (0..k)
        .map(|i| {
            (0..k)
                .map(|j| {
                    if i == j {
                        1.0
                    } else {
                        cov[i][j] / (cov[i][i] * cov[j][j]).sqrt()
                    }
                })
                .collect()
        })
        .collect();
    let corr_total: f64 = corr.iter().flatten().sum();
    let kf = k as f64;
    result.mean_r = Some((corr_total - kf) / (kf * (kf - 1.0)));
    result.alpha_std = cronbach(k, kf, corr_total);
    if k >= 3
        && corr_total > zero_variance_threshold(k, kf)
        && let Some(fit) = one_factor_minres(&corr)
    {
        let uniqueness: f64 = fit.loadings.iter().map(|l| 1.0 - l * l).sum();
        result.omega = Some(1.0 - uniqueness / corr_total);
        result.omega_heywood = fit.heywood;
    }
    Some(result)
}

/// The sample covariance matrix (denominator n − 1) of the columns, around `means`.
fn covariance_matrix(columns: &[&[f64]], means: &[f64]) -> Vec<Vec<f64>> {
    let n = columns[0].len();
    let k = columns.len();
    let mut cov = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let sum: f64 = (0..n)
                .map(|r| (columns[i][r] - means[i]) * (columns[j][r] - means[j]))
                .sum();
            cov[i][j] = sum / (n - 1) as f64;
            cov[j][i] = cov[i][j];
        }
    }
    cov
}

/// A variance of a sum of `k` items at or below which it is taken as zero: rounding noise
/// relative to the items' own variance `trace`.
fn zero_variance_threshold(k: usize, trace: f64) -> f64 {
    16.0 * k as f64 * f64::EPSILON * trace
}

/// `k/(k − 1) · (1 − trace/total)`: alpha from the sum of the item variances and the variance of
/// the sum; `None` below two items or when the sum has zero variance.
fn cronbach(k: usize, trace: f64, total: f64) -> Option<f64> {
    if k < 2 || total <= zero_variance_threshold(k, trace) {
        return None;
    }
    let kf = k as f64;
    Some(kf / (kf - 1.0) * (1.0 - trace / total))
}

/// The Feldt (1965) interval `[1 − (1 − α̂) F_{1−γ/2}, 1 − (1 − α̂) F_{γ/2}]`, F on n − 1 and
/// (n − 1)(k − 1) degrees of freedom, `γ = 1 − conf`.
fn feldt_interval(alpha: f64, n: usize, k: usize, conf: f64) -> Option<(f64, f64)> {
    if !(conf > 0.0 && conf < 1.0) {
        return None;
    }
    let df1 = (n - 1) as f64;
    let df2 = df1 * (k - 1) as f64;
    let tail = (1.0 - conf) / 2.0;
    let upper_quantile = f_quantile_upper(tail, df1, df2)?;
    // The lower γ/2 quantile of F(d₁, d₂) is the reciprocal of the upper one of F(d₂, d₁).
    let lower_quantile = 1.0 / f_quantile_upper(tail, df2, df1)?;
    Some((
        1.0 - (1.0 - alpha) * upper_quantile,
        1.0 - (1.0 - alpha) * lower_quantile,
    ))
}

/// The upper quantile `f_q` with `P(F(df1, df2) ≥ f_q) = q` for `0 < q ≤ 0.5` (R `qf(q, df1, df2,
/// lower.tail = FALSE)`): statrs's inverse CDF as a start, refined by Newton steps on
/// `ln P(F ≥ f)` against `ln f` with the accurate upper tail, inside a bisection bracket.
pub(crate) fn f_quantile_upper(q: f64, df1: f64, df2: f64) -> Option<f64> {
    if !(q > 0.0 && q <= 0.5 && df1 > 0.0 && df2 > 0.0 && df1.is_finite() && df2.is_finite()) {
        return None;
    }
    let dist = FisherSnedecor::new(df1, df2).ok()?;
    let start = dist.inverse_cdf(1.0 - q);
    let mut log_f = if start.is_finite() && start > 0.0 {
        start.ln()
    } else {
        0.0
    };
    // Bracket in ln f: the tail at `low` is above q, at `high` below q.
    let (mut low, mut high) = (f64::NEG_INFINITY, f64::INFINITY);
    for _ in 0..200 {
        let f = log_f.exp();
        let tail = f_upper_tail(f, df1, df2)?;
        if tail == q {
            return Some(f);
        }
        if tail > q {
            low = log_f;
        } else {
            high = log_f;
        }
        let slope = dist.pdf(f) * f / tail;
        let mut next = log_f + (tail / q).ln() / slope;
        if !(next.is_finite() && next > low && next < high) {
            next = match (low.is_finite(), high.is_finite()) {
                (true, true) => (low + high) / 2.0,
                (true, false) => low + 1.0,
                (false, _) => high - 1.0,
            };
        }
        let step = next - log_f;
        log_f = next;
        if step.abs() <= 4.0 * f64::EPSILON * log_f.abs().max(1.0) {
            break;
        }
    }
    Some(log_f.exp())
}

/// A one-factor fit: loadings and whether an item's uniqueness was held at its lower bound.
#[derive(Debug, Clone, PartialEq)]
struct OneFactor {
    loadings: Vec<f64>,
    heywood: bool,
}

/// The one-factor minimum residual (unweighted least squares) fit to the correlation matrix
/// `r` (Harman 1976, ch. 9): the loadings `λ` minimizing `Σ_{i<j} (rᵢⱼ − λᵢλⱼ)²`, with each
/// uniqueness `ψᵢ = 1 − λᵢ²` kept at or above 0.005 as in `psych::fa(fm = "minres")`.
///
/// The solution is the fixed point of iterated principal axes: `λ` is the first eigenvector of
/// `R − diag(ψ)` scaled by the root of its eigenvalue, and `ψᵢ = clamp(1 − λᵢ², 0.005, 1)`.
/// Iterated to near convergence, then polished by Newton's method on the least-squares criterion
/// (`½ (0.995 − λᵢ²)²` added for an item held at the bound), so that the result is the
/// stationary point to machine precision. `None` when the matrix has no positive common factor
/// or the iteration does not converge.
fn one_factor_minres(r: &[Vec<f64>]) -> Option<OneFactor> {
    let k = r.len();
    // Start from communalities max_j |r_ij| (Thurstone's estimate).
    let psi: Vec<f64> = (0..k)
        .map(|i| {
            let largest = (0..k)
                .filter(|&j| j != i)
                .fold(0.0_f64, |m, j| m.max(r[i][j].abs()));
            (1.0 - largest).clamp(MIN_UNIQUENESS, 1.0)
        })
        .collect();
    // Principal axes to a loose tolerance, then Newton; if Newton fails, principal axes alone.
    let (loadings, psi) = principal_axes(r, psi, 1e-6, 10_000)?;
    let bounded: Vec<bool> = psi.iter().map(|p| *p <= MIN_UNIQUENESS).collect();
    let polished = newton_polish(r, &loadings, &bounded).filter(|polished| {
        // The polished solution must respect the bound the same way (Karush–Kuhn–Tucker).
        polished.iter().zip(&bounded).all(|(l, b)| {
            let uniqueness = 1.0 - l * l;
            (uniqueness - MIN_UNIQUENESS).abs() < 1e-9 || (uniqueness <= MIN_UNIQUENESS) == *b
        })
    });
    let loadings = match polished {
        Some(polished) => polished,
        None => principal_axes(r, psi, 1e-12, 20_000)?.0,
    };
    Some(OneFactor {
        loadings,
        heywood: bounded.iter().any(|b| *b),
    })
}

/// Iterated principal axes from uniquenesses `psi` until no uniqueness changes by more than
/// `tolerance`: the last loadings and the (clamped) uniquenesses they imply; `None` if that takes
/// more than `max_iterations` steps or a step finds no positive factor.
fn principal_axes(
    r: &[Vec<f64>],
    mut psi: Vec<f64>,
    tolerance: f64,
    max_iterations: usize,
) -> Option<(Vec<f64>, Vec<f64>)> {
    for _ in 0..max_iterations {
        let loadings = principal_axis_step(r, &psi)?;
        let next: Vec<f64> = loadings
            .iter()
            .map(|l| (1.0 - l * l).clamp(MIN_UNIQUENESS, 1.0))
            .collect();
        let change = psi
            .iter()
            .zip(&next)
            .fold(0.0_f64, |m, (a, b)| m.max((a - b).abs()));
        psi = next;
        if change <= tolerance {
            return Some((loadings, psi));
        }
    }
    None
}

/// One principal-axis step: the first eigenvector of `R − diag(ψ)` scaled by the root of its
/// eigenvalue; `None` when that eigenvalue is not positive.
fn principal_axis_step(r: &[Vec<f64>], psi: &[f64]) -> Option<Vec<f64>> {
    let mut reduced = r.to_vec();
    for (i, row) in reduced.iter_mut().enumerate() {
        row[i] = 1.0 - psi[i];
    }
    let (values, vectors) = symmetric_eigen(reduced);
    let top = (0..values.len()).max_by(|&a, &b| values[a].total_cmp(&values[b]))?;
    if values[top] <= 0.0 {
        return None;
    }
    let scale = values[top].sqrt();
    Some(vectors.iter().map(|row| row[top] * scale).collect())
}

/// Newton's method on `Σ_{i<j} (rᵢⱼ − λᵢλⱼ)² + ½ Σ_{i bounded} (0.995 − λᵢ²)²`, started at
/// `start`; `None` if a step fails or it does not converge.
fn newton_polish(r: &[Vec<f64>], start: &[f64], bounded: &[bool]) -> Option<Vec<f64>> {
    let k = start.len();
    let c = 1.0 - MIN_UNIQUENESS;
    let mut l = start.to_vec();
    for _ in 0..50 {
        let mut gradient = vec![0.0; k];
        let mut hessian = vec![vec![0.0; k]; k];
        for i in 0..k {
            for j in 0..k {
                if i != j {
                    gradient[i] -= 2.0 * (r[i][j] - l[i] * l[j]) * l[j];
                    hessian[i][i] += 2.0 * l[j] * l[j];
                    hessian[i][j] = -2.0 * r[i][j] + 4.0 * l[i] * l[j];
                }
            }
            if bounded[i] {
                gradient[i] -= 2.0 * l[i] * (c - l[i] * l[i]);
                hessian[i][i] += 6.0 * l[i] * l[i] - 2.0 * c;
            }
        }
        let step = solve(hessian, gradient.iter().map(|g| -g).collect())?;
        let size = step.iter().fold(0.0_f64, |m, s| m.max(s.abs()));
        if size > 0.1 {
            return None;
        }
        for (li, si) in l.iter_mut().zip(&step) {
            *li += si;
        }
        if size <= 8.0 * f64::EPSILON {
            return Some(l);
        }
    }
    None
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting; `None` if `a` is singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    let scale = a.iter().flatten().fold(0.0_f64, |m, x| m.max(x.abs()));
    for col in 0..n {
        let pivot = (col..n).max_by(|&x, &y| a[x][col].abs().total_cmp(&a[y][col].abs()))?;
        if !a[pivot][col].is_finite() || a[pivot][col].abs() <= 1e-12 * scale {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        let (done, rest) = a.split_at_mut(col + 1);
        let pivot_row = &done[col];
        let pivot_rhs = b[col];
        for (row, rhs) in rest.iter_mut().zip(&mut b[col + 1..]) {
            let factor = row[col] / pivot_row[col];
            for (x, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                *x -= factor * p;
            }
            *rhs -= factor * pivot_rhs;
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let tail: f64 = (row + 1..n).map(|j| a[row][j] * x[j]).sum();
        x[row] = (b[row] - tail) / a[row][row];
    }
    Some(x)
}

/// Eigenvalues and eigenvectors (as the columns of the returned matrix) of a symmetric matrix by
/// cyclic Jacobi rotations (Golub & Van Loan 2013, §8.5).
fn symmetric_eigen(mut a: Vec<Vec<f64>>) -> (Vec<f64>, Vec<Vec<f64>>) {
    let n = a.len();
    let mut v: Vec<Vec<f64>> = (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect())
        .collect();
    for _ in 0..100 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        let norm: f64 = a.iter().flatten().map(|x| x * x).sum();
        if off <= f64::EPSILON * f64::EPSILON * norm {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                if a[p][q] == 0.0 {
                    continue;
                }
                // The rotation that zeroes a[p][q]: t = tan θ, the smaller root of
                // t² + 2τt − 1 = 0 with τ = (a_qq − a_pp) / (2 a_pq).
                let tau = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = tau.signum() / (tau.abs() + (tau * tau + 1.0).sqrt());
                let cos = 1.0 / (t * t + 1.0).sqrt();
                let sin = t * cos;
                for row in &mut a {
                    let (x, y) = (row[p], row[q]);
                    row[p] = cos * x - sin * y;
                    row[q] = sin * x + cos * y;
                }
                let (head, tail) = a.split_at_mut(q);
                for (x, y) in head[p].iter_mut().zip(tail[0].iter_mut()) {
                    (*x, *y) = (cos * *x - sin * *y, sin * *x + cos * *y);
                }
                for row in &mut v {
                    let (x, y) = (row[p], row[q]);
                    row[p] = cos * x - sin * y;
                    row[q] = sin * x + cos * y;
                }
            }
        }
    }
    ((0..n).map(|i| a[i][i]).collect(), v)
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_STAT, assert_close};

    /// How close omega comes to psych's: `psych::fa`'s minres stops its `optim` (L-BFGS-B)
    /// with a gradient of about 1e-5, so psych's omega is accurate to about 1e-6 only. Our
    /// fit is the exact stationary point, matched to `REL_TOL_STAT` against a fully converged
    /// principal-axis computation in R (same stationary point; gradient ~1e-14).
    const REL_TOL_PSYCH_OMEGA: f64 = 2e-6;

    /// Reference values for one data set, from R 4.x with psych 2.2.9.
    struct Reference {
        raw_alpha: f64,
        std_alpha: f64,
        average_r: f64,
        means: &'static [f64],
        sds: &'static [f64],
        r_drop: &'static [f64],
        alpha_drop: &'static [f64],
        feldt95: [f64; 2],
        /// `1 - sum(1 - l^2) / sum(cor(x))`, `l` the loadings of the converged fit in R.
        omega_exact: f64,
        /// `psych::omega(x, nfactors = 1, flip = FALSE)$omega.tot`.
        omega_psych: f64,
    }

    fn check(columns: &[&[f64]], reference: &Reference) -> f64 {
        let result = reliability(columns, 0.95).unwrap();
        assert_eq!(result.k, columns.len());
        assert_eq!(result.n, columns[0].len());
        assert_close(result.alpha.unwrap(), reference.raw_alpha, REL_TOL_STAT);
        assert_close(result.alpha_std.unwrap(), reference.std_alpha, REL_TOL_STAT);
        assert_close(result.mean_r.unwrap(), reference.average_r, REL_TOL_STAT);
        for (i, item) in result.items.iter().enumerate() {
            assert_close(item.mean, reference.means[i], REL_TOL_STAT);
            assert_close(item.sd, reference.sds[i], REL_TOL_STAT);
            assert_close(item.r_drop.unwrap(), reference.r_drop[i], REL_TOL_STAT);
            assert_close(
                item.alpha_if_deleted.unwrap(),
                reference.alpha_drop[i],
                REL_TOL_STAT,
            );
        }
        assert_close(
            result.alpha_ci_low.unwrap(),
            reference.feldt95[0],
            REL_TOL_STAT,
        );
        assert_close(
            result.alpha_ci_high.unwrap(),
            reference.feldt95[1],
            REL_TOL_STAT,
        );
        let omega = result.omega.unwrap();
        assert_close(omega, reference.omega_exact, REL_TOL_STAT);
        assert_close(omega, reference.omega_psych, REL_TOL_PSYCH_OMEGA);
        ((omega - reference.omega_psych) / reference.omega_psych).abs()
    }

    // R: x <- na.omit(psych::bfi[1:200, 1:5]) (197 rows), raw answers 1–6; A1 is reversed below.
    const A1: [f64; 197] = [
        2.0, 2.0, 5.0, 4.0, 2.0, 6.0, 2.0, 4.0, 4.0, 2.0, 4.0, 2.0, 5.0, 5.0, 4.0, 4.0, 4.0, 5.0,
        4.0, 4.0, 5.0, 1.0, 1.0, 2.0, 4.0, 1.0, 2.0, 2.0, 2.0, 4.0, 1.0, 2.0, 1.0, 2.0, 4.0, 5.0,
        1.0, 1.0, 1.0, 1.0, 1.0, 5.0, 1.0, 5.0, 2.0, 1.0, 5.0, 2.0, 1.0, 1.0, 1.0, 1.0, 3.0, 4.0,
        1.0, 1.0, 1.0, 3.0, 1.0, 3.0, 2.0, 2.0, 1.0, 4.0, 2.0, 1.0, 4.0, 2.0, 1.0, 4.0, 2.0, 4.0,
        1.0, 3.0, 2.0, 2.0, 5.0, 1.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 4.0, 1.0, 1.0, 1.0, 3.0, 1.0,
        1.0, 2.0, 1.0, 2.0, 2.0, 3.0, 1.0, 4.0, 2.0, 2.0, 3.0, 2.0, 1.0, 1.0, 1.0, 1.0, 6.0, 2.0,
        3.0, 1.0, 1.0, 1.0, 1.0, 4.0, 1.0, 5.0, 2.0, 1.0, 4.0, 2.0, 6.0, 2.0, 2.0, 2.0, 2.0, 2.0,
        2.0, 2.0, 3.0, 4.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 3.0, 2.0, 2.0, 2.0, 1.0, 5.0, 2.0, 1.0,
        2.0, 2.0, 1.0, 1.0, 1.0, 2.0, 4.0, 2.0, 3.0, 1.0, 2.0, 2.0, 2.0, 1.0, 1.0, 2.0, 1.0, 1.0,
        2.0, 2.0, 2.0, 1.0, 1.0, 3.0, 4.0, 1.0, 2.0, 2.0, 1.0, 1.0, 6.0, 4.0, 3.0, 4.0, 1.0, 3.0,
        4.0, 3.0, 1.0, 1.0, 2.0, 2.0, 1.0, 2.0, 1.0, 2.0, 5.0, 1.0, 1.0, 2.0, 2.0, 2.0, 1.0,
    ];
    const A2: [f64; 197] = [
        4.0, 4.0, 4.0, 4.0, 3.0, 6.0, 5.0, 3.0, 3.0, 5.0, 4.0, 5.0, 5.0, 5.0, 5.0, 3.0, 6.0, 5.0,
        4.0, 4.0, 4.0, 6.0, 5.0, 6.0, 5.0, 6.0, 4.0, 5.0, 5.0, 5.0, 6.0, 5.0, 5.0, 4.0, 4.0, 3.0,
        6.0, 4.0, 6.0, 5.0, 5.0, 4.0, 5.0, 6.0, 6.0, 6.0, 5.0, 6.0, 5.0, 6.0, 6.0, 5.0, 6.0, 3.0,
        6.0, 4.0, 4.0, 4.0, 6.0, 3.0, 3.0, 4.0, 4.0, 5.0, 6.0, 5.0, 3.0, 3.0, 6.0, 5.0, 4.0, 4.0,
        5.0, 5.0, 5.0, 6.0, 6.0, 2.0, 5.0, 5.0, 6.0, 4.0, 6.0, 6.0, 4.0, 5.0, 6.0, 6.0, 4.0, 5.0,
        5.0, 4.0, 6.0, 6.0, 3.0, 1.0, 4.0, 3.0, 6.0, 5.0, 4.0, 5.0, 4.0, 6.0, 6.0, 5.0, 1.0, 6.0,
        6.0, 6.0, 6.0, 6.0, 6.0, 2.0, 5.0, 2.0, 5.0, 5.0, 6.0, 5.0, 5.0, 5.0, 4.0, 5.0, 5.0, 5.0,
        5.0, 4.0, 5.0, 3.0, 4.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 3.0, 4.0, 5.0, 6.0, 4.0, 5.0, 6.0,
        6.0, 6.0, 5.0, 5.0, 6.0, 5.0, 4.0, 6.0, 5.0, 6.0, 5.0, 4.0, 4.0, 5.0, 6.0, 6.0, 5.0, 6.0,
        4.0, 4.0, 6.0, 5.0, 6.0, 4.0, 4.0, 5.0, 6.0, 6.0, 2.0, 6.0, 5.0, 3.0, 4.0, 3.0, 6.0, 5.0,
        2.0, 4.0, 6.0, 5.0, 2.0, 4.0, 6.0, 3.0, 6.0, 3.0, 4.0, 5.0, 6.0, 5.0, 4.0, 6.0, 5.0,
    ];
    const A3: [f64; 197] = [
        3.0, 5.0, 5.0, 6.0, 3.0, 5.0, 5.0, 1.0, 6.0, 6.0, 5.0, 5.0, 5.0, 5.0, 2.0, 6.0, 6.0, 5.0,
        5.0, 6.0, 2.0, 6.0, 6.0, 5.0, 5.0, 6.0, 4.0, 6.0, 1.0, 6.0, 5.0, 6.0, 6.0, 5.0, 4.0, 5.0,
        4.0, 4.0, 6.0, 4.0, 5.0, 3.0, 4.0, 4.0, 6.0, 6.0, 3.0, 4.0, 3.0, 6.0, 6.0, 6.0, 4.0, 5.0,
        6.0, 3.0, 2.0, 5.0, 5.0, 5.0, 4.0, 4.0, 6.0, 3.0, 6.0, 4.0, 2.0, 4.0, 6.0, 6.0, 6.0, 4.0,
        5.0, 5.0, 5.0, 6.0, 6.0, 2.0, 5.0, 6.0, 3.0, 6.0, 6.0, 5.0, 4.0, 5.0, 5.0, 4.0, 5.0, 5.0,
        6.0, 5.0, 6.0, 4.0, 3.0, 2.0, 5.0, 2.0, 2.0, 5.0, 4.0, 5.0, 5.0, 4.0, 5.0, 5.0, 1.0, 5.0,
        5.0, 6.0, 6.0, 6.0, 5.0, 1.0, 4.0, 2.0, 4.0, 6.0, 5.0, 4.0, 5.0, 5.0, 5.0, 5.0, 6.0, 4.0,
        5.0, 4.0, 4.0, 3.0, 3.0, 6.0, 6.0, 6.0, 5.0, 5.0, 6.0, 1.0, 5.0, 3.0, 5.0, 4.0, 4.0, 6.0,
        4.0, 3.0, 5.0, 5.0, 6.0, 5.0, 3.0, 5.0, 6.0, 6.0, 5.0, 4.0, 5.0, 5.0, 6.0, 4.0, 2.0, 6.0,
        5.0, 5.0, 5.0, 5.0, 6.0, 4.0, 5.0, 5.0, 5.0, 6.0, 2.0, 5.0, 6.0, 4.0, 2.0, 4.0, 5.0, 4.0,
        2.0, 4.0, 5.0, 5.0, 1.0, 4.0, 6.0, 4.0, 4.0, 4.0, 3.0, 4.0, 6.0, 6.0, 5.0, 5.0, 6.0,
    ];
    const A4: [f64; 197] = [
        4.0, 2.0, 4.0, 5.0, 4.0, 6.0, 3.0, 5.0, 3.0, 6.0, 6.0, 5.0, 6.0, 6.0, 2.0, 6.0, 2.0, 4.0,
        4.0, 5.0, 1.0, 1.0, 5.0, 6.0, 6.0, 1.0, 4.0, 6.0, 3.0, 5.0, 6.0, 6.0, 5.0, 6.0, 4.0, 4.0,
        6.0, 2.0, 6.0, 3.0, 6.0, 6.0, 4.0, 3.0, 6.0, 6.0, 4.0, 5.0, 2.0, 6.0, 6.0, 5.0, 4.0, 6.0,
        6.0, 5.0, 2.0, 2.0, 4.0, 4.0, 4.0, 5.0, 6.0, 5.0, 6.0, 2.0, 2.0, 5.0, 3.0, 6.0, 2.0, 5.0,
        5.0, 5.0, 6.0, 6.0, 6.0, 4.0, 5.0, 5.0, 3.0, 2.0, 5.0, 2.0, 6.0, 5.0, 4.0, 6.0, 5.0, 5.0,
        2.0, 4.0, 3.0, 6.0, 4.0, 2.0, 5.0, 6.0, 3.0, 3.0, 2.0, 5.0, 2.0, 1.0, 6.0, 5.0, 1.0, 6.0,
        6.0, 6.0, 5.0, 6.0, 4.0, 2.0, 3.0, 2.0, 3.0, 6.0, 5.0, 4.0, 2.0, 1.0, 5.0, 5.0, 5.0, 4.0,
        3.0, 4.0, 5.0, 3.0, 3.0, 6.0, 5.0, 4.0, 6.0, 6.0, 4.0, 3.0, 5.0, 5.0, 6.0, 5.0, 3.0, 3.0,
        5.0, 5.0, 6.0, 3.0, 5.0, 6.0, 1.0, 5.0, 5.0, 6.0, 5.0, 1.0, 5.0, 6.0, 2.0, 5.0, 3.0, 6.0,
        5.0, 6.0, 4.0, 5.0, 1.0, 3.0, 6.0, 5.0, 5.0, 6.0, 4.0, 6.0, 6.0, 3.0, 2.0, 3.0, 6.0, 4.0,
        3.0, 3.0, 6.0, 4.0, 6.0, 5.0, 2.0, 4.0, 3.0, 5.0, 5.0, 4.0, 5.0, 3.0, 6.0, 5.0, 4.0,
    ];
    const A5: [f64; 197] = [
        4.0, 5.0, 4.0, 5.0, 5.0, 5.0, 5.0, 1.0, 3.0, 5.0, 5.0, 5.0, 4.0, 6.0, 1.0, 3.0, 5.0, 5.0,
        3.0, 5.0, 2.0, 5.0, 6.0, 5.0, 5.0, 6.0, 3.0, 6.0, 5.0, 5.0, 3.0, 6.0, 4.0, 5.0, 4.0, 2.0,
        4.0, 3.0, 6.0, 5.0, 5.0, 4.0, 5.0, 5.0, 6.0, 6.0, 3.0, 5.0, 3.0, 6.0, 4.0, 4.0, 4.0, 3.0,
        6.0, 5.0, 2.0, 4.0, 4.0, 5.0, 5.0, 3.0, 6.0, 4.0, 6.0, 5.0, 2.0, 6.0, 6.0, 4.0, 5.0, 3.0,
        4.0, 4.0, 5.0, 6.0, 5.0, 2.0, 5.0, 3.0, 1.0, 6.0, 6.0, 6.0, 5.0, 5.0, 6.0, 4.0, 4.0, 5.0,
        5.0, 5.0, 6.0, 4.0, 3.0, 2.0, 6.0, 5.0, 4.0, 5.0, 4.0, 2.0, 6.0, 1.0, 6.0, 2.0, 2.0, 5.0,
        4.0, 6.0, 4.0, 6.0, 5.0, 2.0, 4.0, 1.0, 4.0, 6.0, 6.0, 4.0, 5.0, 6.0, 5.0, 2.0, 6.0, 5.0,
        2.0, 4.0, 4.0, 3.0, 3.0, 6.0, 6.0, 6.0, 5.0, 5.0, 6.0, 1.0, 5.0, 1.0, 6.0, 6.0, 3.0, 6.0,
        4.0, 2.0, 5.0, 3.0, 6.0, 5.0, 4.0, 3.0, 5.0, 5.0, 4.0, 3.0, 4.0, 5.0, 5.0, 4.0, 4.0, 6.0,
        5.0, 5.0, 4.0, 5.0, 3.0, 4.0, 4.0, 5.0, 4.0, 5.0, 3.0, 6.0, 5.0, 4.0, 3.0, 3.0, 6.0, 4.0,
        3.0, 3.0, 3.0, 5.0, 3.0, 5.0, 5.0, 4.0, 6.0, 3.0, 4.0, 4.0, 3.0, 5.0, 5.0, 5.0, 5.0,
    ];

    #[test]
    fn matches_psych_on_bfi_agreeableness() {
        // R: x <- na.omit(psych::bfi[1:200, 1:5]); x[, 1] <- 7 - x[, 1]; a <- psych::alpha(x)
        // sprintf("%.17g", c(a$total$raw_alpha, a$total$std.alpha, a$total$average_r)), and
        // a$item.stats$mean, $sd, $r.drop, a$alpha.drop$raw_alpha the same way;
        // Feldt: 1 - (1 - a$total$raw_alpha) * qf(c(0.975, 0.025), 196, 784) (= psych::alpha.ci);
        // omega_exact: l <- fa(x, 1, fm = "pa", max.iter = 1e5, min.err = 1e-15)$loadings,
        // 1 - sum(1 - l^2) / sum(cor(x)); omega_psych: omega(x, 1, flip = FALSE)$omega.tot.
        let a1: Vec<f64> = A1.iter().map(|v| 7.0 - v).collect();
        let reference = Reference {
            raw_alpha: 0.71485623990761371,
            std_alpha: 0.72756428128523321,
            average_r: 0.34815971382809491,
            means: &[
                4.751269035532995,
                4.7918781725888326,
                4.5989847715736039,
                4.3350253807106602,
                4.3553299492385786,
            ],
            sds: &[
                1.3680243887705379,
                1.1483506474819238,
                1.3079813800598379,
                1.5150407903060923,
                1.3308101406188553,
            ],
            r_drop: &[
                0.31468747542514769,
                0.58515542460593395,
                0.63895098176146692,
                0.31831592915758594,
                0.5758180466653664,
            ],
            alpha_drop: &[
                0.72943116095359006,
                0.63041796678828899,
                0.59865593723861432,
                0.73726965529129096,
                0.62449601724478776,
            ],
            feldt95: [0.6466768601188192, 0.77329351413965175],
            omega_exact: 0.74443944732778133,
            omega_psych: 0.74443945396805067,
        };
        check(&[&a1, &A2, &A3, &A4, &A5], &reference);
    }

    // A made-up caregiver-burden-like scale: 20 people, 6 items scored 0–4; C4 is negatively
    // worded (raw answers, reversed as 4 − x before scoring). R: care <- data.frame(c1 = C1, ...).
    const C1: [f64; 20] = [
        4.0, 3.0, 3.0, 2.0, 3.0, 2.0, 2.0, 2.0, 0.0, 1.0, 0.0, 2.0, 2.0, 3.0, 0.0, 2.0, 1.0, 2.0,
        0.0, 1.0,
    ];
    const C2: [f64; 20] = [
        2.0, 2.0, 2.0, 3.0, 2.0, 3.0, 3.0, 2.0, 2.0, 3.0, 0.0, 2.0, 2.0, 1.0, 0.0, 1.0, 2.0, 2.0,
        2.0, 0.0,
    ];
    const C3: [f64; 20] = [
        4.0, 3.0, 2.0, 2.0, 4.0, 3.0, 1.0, 3.0, 2.0, 0.0, 2.0, 1.0, 3.0, 2.0, 0.0, 2.0, 3.0, 3.0,
        0.0, 1.0,
    ];
    const C4: [f64; 20] = [
        2.0, 1.0, 1.0, 4.0, 1.0, 0.0, 2.0, 2.0, 3.0, 2.0, 4.0, 2.0, 2.0, 1.0, 4.0, 4.0, 4.0, 3.0,
        3.0, 3.0,
    ];
    const C5: [f64; 20] = [
        4.0, 3.0, 3.0, 2.0, 1.0, 3.0, 2.0, 3.0, 1.0, 0.0, 0.0, 3.0, 2.0, 2.0, 0.0, 0.0, 3.0, 3.0,
        1.0, 2.0,
    ];
    const C6: [f64; 20] = [
        2.0, 2.0, 1.0, 2.0, 2.0, 3.0, 1.0, 1.0, 1.0, 2.0, 0.0, 2.0, 2.0, 2.0, 1.0, 1.0, 0.0, 3.0,
        1.0, 0.0,
    ];

    #[test]
    fn matches_psych_on_a_small_scale_with_a_reversed_item() {
        // R: x <- care; x$c4 <- 4 - x$c4; then the calls of the bfi test, with
        // qf(c(0.975, 0.025), 19, 95).
        let c4: Vec<f64> = C4.iter().map(|v| 4.0 - v).collect();
        let reference = Reference {
            raw_alpha: 0.83095464636853789,
            std_alpha: 0.83291833324660036,
            average_r: 0.45380546547760081,
            means: &[
                1.75,
                1.8,
                2.0499999999999998,
                1.6000000000000001,
                1.8999999999999999,
                1.45,
            ],
            sds: &[
                1.164157703189193,
                0.95145318218750885,
                1.234376040972246,
                1.231174022502185,
                1.2523661815266247,
                0.88704120832301692,
            ],
            r_drop: &[
                0.77328703964151591,
                0.47018685337058913,
                0.54164476189437716,
                0.62836029634437029,
                0.63942720520271978,
                0.59310903487700462,
            ],
            alpha_drop: &[
                0.76608990944372568,
                0.82784726793943386,
                0.81787833827893175,
                0.79849821953862821,
                0.79618584209700205,
                0.80888318009734994,
            ],
            feldt95: [0.6829273619312175, 0.9238868099821419],
            omega_exact: 0.83699931537675909,
            omega_psych: 0.83699872986432633,
        };
        check(&[&C1, &C2, &C3, &c4, &C5, &C6], &reference);
        // R: 1 - (1 - a$total$raw_alpha) * qf(c(0.95, 0.05), 19, 95)
        let ninety = reliability(&[&C1, &C2, &C3, &c4, &C5, &C6], 0.90).unwrap();
        assert_close(
            ninety.alpha_ci_low.unwrap(),
            0.71311815879371165,
            REL_TOL_STAT,
        );
        assert_close(
            ninety.alpha_ci_high.unwrap(),
            0.91301892376605742,
            REL_TOL_STAT,
        );
    }

    #[test]
    fn a_forgotten_reversal_shows_as_a_negative_item_total_correlation() {
        // R: x <- care (c4 left unreversed: a keying mistake); the calls of the bfi test.
        let reference = Reference {
            raw_alpha: 0.44294079375406642,
            std_alpha: 0.48621860496082286,
            average_r: 0.13623739938868423,
            means: &[
                1.75,
                1.8,
                2.0499999999999998,
                2.3999999999999999,
                1.8999999999999999,
                1.45,
            ],
            sds: &[
                1.164157703189193,
                0.95145318218750885,
                1.234376040972246,
                1.231174022502185,
                1.2523661815266247,
                0.88704120832301692,
            ],
            r_drop: &[
                0.59406570497275957,
                0.35000966090888208,
                0.56090519603472344,
                -0.62836029634437029,
                0.57912944064339922,
                0.41001599929958737,
            ],
            alpha_drop: &[
                0.14002225519287828,
                0.33366676193198053,
                0.14844931921331309,
                0.79849821953862821,
                0.12892594028693291,
                0.31142117376294587,
            ],
            feldt95: [-0.044857065222682957, 0.74918238031771178],
            omega_exact: 0.68304912339608059,
            omega_psych: 0.68304798488136065,
        };
        check(&[&C1, &C2, &C3, &C4, &C5, &C6], &reference);
        let result = reliability(&[&C1, &C2, &C3, &C4, &C5, &C6], 0.95).unwrap();
        assert!(result.items[3].r_drop.unwrap() < 0.0);
        assert!(result.items[3].alpha_if_deleted.unwrap() > result.alpha.unwrap());
        assert!(!result.omega_heywood);
    }

    #[test]
    fn an_item_uncorrelated_with_the_rest_has_r_drop_exactly_zero() {
        // R: x <- data.frame(a = 1:4, b = c(1, 2, 1, 0), c = c(0, 0, 1, 1));
        //    psych::alpha(x, check.keys = FALSE)$item.stats$r.drop
        //    -> 0, -0.67082039324993692, 0.57735026918962573
        let result = reliability(
            &[
                &[1.0, 2.0, 3.0, 4.0],
                &[1.0, 2.0, 1.0, 0.0],
                &[0.0, 0.0, 1.0, 1.0],
            ],
            0.95,
        )
        .unwrap();
        assert_eq!(result.items[0].r_drop, Some(0.0));
        assert_close(
            result.items[1].r_drop.unwrap(),
            -0.67082039324993692,
            REL_TOL_STAT,
        );
        assert_close(
            result.items[2].r_drop.unwrap(),
            0.57735026918962573,
            REL_TOL_STAT,
        );
    }

    // Three items with a Heywood case in the one-factor fit: H1's loading exceeds 1. R:
    // set.seed(7); x <- round(2 + MASS::mvrnorm(25, rep(0, 3),
    //   matrix(c(1, .8, .8, .8, 1, .45, .8, .45, 1), 3)))
    const H1: [f64; 25] = [
        0.0, 3.0, 3.0, 3.0, 3.0, 3.0, 1.0, 2.0, 2.0, 0.0, 2.0, -1.0, 0.0, 2.0, 0.0, 2.0, 3.0, 3.0,
        2.0, 1.0, 1.0, 1.0, 1.0, 3.0, 0.0,
    ];
    const H2: [f64; 25] = [
        0.0, 3.0, 2.0, 3.0, 3.0, 3.0, 1.0, 2.0, 2.0, 0.0, 2.0, -1.0, 1.0, 2.0, 0.0, 1.0, 3.0, 2.0,
        3.0, 1.0, 1.0, 1.0, 1.0, 3.0, 1.0,
    ];
    const H3: [f64; 25] = [
        0.0, 3.0, 3.0, 2.0, 3.0, 2.0, 2.0, 2.0, 2.0, 0.0, 1.0, 0.0, -1.0, 2.0, 1.0, 2.0, 2.0, 2.0,
        1.0, 1.0, 1.0, 2.0, 1.0, 3.0, 2.0,
    ];

    #[test]
    fn a_heywood_case_is_flagged_and_solved_at_the_bound() {
        // R: the calls of the bfi test, with qf(c(0.975, 0.025), 24, 48); omega_exact from
        // iterated principal axes with psi <- pmin(1, pmax(0.005, 1 - l^2)) run to a change
        // below 1e-16 (66 iterations). psych::omega gives 0.9236231542136436 here: its
        // optimizer stops elsewhere on the bound (relative difference 4.4e-4).
        let columns: [&[f64]; 3] = [&H1, &H2, &H3];
        let result = reliability(&columns, 0.95).unwrap();
        assert!(result.omega_heywood);
        assert_close(result.alpha.unwrap(), 0.91969745735436093, REL_TOL_STAT);
        assert_close(result.alpha_std.unwrap(), 0.9194031902644656, REL_TOL_STAT);
        assert_close(result.mean_r.unwrap(), 0.79177423544857195, REL_TOL_STAT);
        let r_drop = [
            0.93053850852147435,
            0.85673161573349133,
            0.74653642099352746,
        ];
        let alpha_drop = [
            0.80525883319638458,
            0.86803105151728999,
            0.95522388059701502,
        ];
        for (i, item) in result.items.iter().enumerate() {
            assert_close(item.r_drop.unwrap(), r_drop[i], REL_TOL_STAT);
            assert_close(item.alpha_if_deleted.unwrap(), alpha_drop[i], REL_TOL_STAT);
        }
        assert_close(
            result.alpha_ci_low.unwrap(),
            0.84390472760257695,
            REL_TOL_STAT,
        );
        assert_close(
            result.alpha_ci_high.unwrap(),
            0.96200254782741501,
            REL_TOL_STAT,
        );
        assert_close(result.omega.unwrap(), 0.92403071485081534, REL_TOL_STAT);
        assert_close(result.omega.unwrap(), 0.9236231542136436, 5e-4);
    }

    #[test]
    fn f_quantile_matches_r_qf() {
        // R: qf(q, df1, df2, lower.tail = FALSE), sprintf("%.17g")
        let references = [
            (0.5, 1.0, 1.0, 1.0000000000000004),
            (0.05, 1.0, 1.0, 161.4476387975885),
            (0.025, 1.0, 1.0, 647.78901147784507),
            (0.005, 1.0, 1.0, 16210.722720219745),
            (1e-06, 1.0, 1.0, 405284734568.68445),
            (0.5, 19.0, 95.0, 0.97196677099858242),
            (0.05, 19.0, 95.0, 1.6970702538901061),
            (0.025, 19.0, 95.0, 1.875666093491315),
            (0.005, 19.0, 95.0, 2.2695257277243019),
            (1e-06, 19.0, 95.0, 4.2826310470270181),
            (0.5, 196.0, 784.0, 0.99744890102532136),
            (0.05, 196.0, 784.0, 1.1973523237748376),
            (0.025, 196.0, 784.0, 1.2391052841791259),
            (0.005, 196.0, 784.0, 1.3241385706365829),
            (1e-06, 196.0, 784.0, 1.6643442399696387),
            (0.5, 24.0, 48.0, 0.98603604116239296),
            (0.05, 24.0, 48.0, 1.7463528526556922),
            (0.025, 24.0, 48.0, 1.943839724804779),
            (0.005, 24.0, 48.0, 2.3943871338162959),
            (1e-06, 24.0, 48.0, 5.0301142132325136),
            (0.5, 2.0, 7.0, 0.76654778971566462),
            (0.05, 2.0, 7.0, 4.7374141277758826),
            (0.025, 2.0, 7.0, 6.5415202970956514),
            (0.005, 2.0, 7.0, 12.403956748367699),
            (1e-06, 2.0, 7.0, 177.78161377309237),
            (0.5, 7.0, 2.0, 1.3045501055725828),
            (0.05, 7.0, 2.0, 19.353217536092938),
            (0.025, 7.0, 2.0, 39.355205292186156),
            (0.005, 7.0, 2.0, 199.35675924442197),
            (1e-06, 7.0, 2.0, 999999.35714278056),
            (0.5, 1000.0, 5000.0, 0.99946667673738276),
            (0.05, 1000.0, 5000.0, 1.0825905003753489),
            (0.025, 1000.0, 5000.0, 1.0991124875020664),
            (0.005, 1000.0, 5000.0, 1.1319731631863506),
            (1e-06, 1000.0, 5000.0, 1.2543979288232743),
        ];
        let mut worst = 0.0_f64;
        for (q, df1, df2, expected) in references {
            let actual = f_quantile_upper(q, df1, df2).unwrap();
            worst = worst.max(((actual - expected) / expected).abs());
            assert_close(actual, expected, REL_TOL_STAT);
        }
        println!("largest relative error against qf: {worst:e}");
        assert_eq!(f_quantile_upper(0.0, 3.0, 4.0), None);
        assert_eq!(f_quantile_upper(0.7, 3.0, 4.0), None);
        assert_eq!(f_quantile_upper(0.05, 0.0, 4.0), None);
    }

    #[test]
    fn jacobi_eigen_decomposes_a_symmetric_matrix() {
        let a = vec![
            vec![4.0, 1.0, -2.0, 0.5],
            vec![1.0, 3.0, 0.0, 1.5],
            vec![-2.0, 0.0, 2.0, -1.0],
            vec![0.5, 1.5, -1.0, 1.0],
        ];
        let (values, vectors) = symmetric_eigen(a.clone());
        for (m, value) in values.iter().enumerate() {
            for i in 0..4 {
                let av: f64 = (0..4).map(|j| a[i][j] * vectors[j][m]).sum();
                assert!((av - value * vectors[i][m]).abs() < 1e-13);
            }
        }
        // Trace is preserved.
        assert!((values.iter().sum::<f64>() - 10.0).abs() < 1e-13);
    }

    #[test]
    fn alpha_falls_in_its_interval_and_omega_in_the_unit_interval() {
        let c4: Vec<f64> = C4.iter().map(|v| 4.0 - v).collect();
        for conf in [0.5, 0.8, 0.95, 0.999] {
            let r = reliability(&[&C1, &C2, &C3, &c4, &C5, &C6], conf).unwrap();
            let alpha = r.alpha.unwrap();
            assert!(r.alpha_ci_low.unwrap() < alpha && alpha < r.alpha_ci_high.unwrap());
            assert!(r.alpha_ci_high.unwrap() < 1.0);
            let omega = r.omega.unwrap();
            assert!(omega > 0.0 && omega < 1.0);
        }
        let narrow = reliability(&[&C1, &C2, &C3], 0.8).unwrap();
        let wide = reliability(&[&C1, &C2, &C3], 0.99).unwrap();
        assert!(wide.alpha_ci_low.unwrap() < narrow.alpha_ci_low.unwrap());
        assert!(wide.alpha_ci_high.unwrap() > narrow.alpha_ci_high.unwrap());
    }

    #[test]
    fn newton_and_plain_principal_axes_reach_the_same_fit() {
        let c4: Vec<f64> = C4.iter().map(|v| 4.0 - v).collect();
        for columns in [
            [&C1[..], &C2, &C3, &c4, &C5, &C6],
            [&C1[..], &C2, &C3, &C4, &C5, &C6],
        ] {
            let means: Vec<f64> = columns.iter().map(|c| mean(c).unwrap()).collect();
            let cov = covariance_matrix(&columns, &means);
            let corr: Vec<Vec<f64>> = (0..6)
                .map(|i| {
                    (0..6)
                        .map(|j| cov[i][j] / (cov[i][i] * cov[j][j]).sqrt())
                        .collect()
                })
                .collect();
            let fit = one_factor_minres(&corr).unwrap();
            let (plain, _) = principal_axes(&corr, vec![0.5; 6], 1e-13, 100_000).unwrap();
            for (a, b) in fit.loadings.iter().zip(&plain) {
                assert!((a.abs() - b.abs()).abs() < 1e-11, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn random_data_never_gives_nan() {
        // A linear congruential generator: answers 0–4 driven partly by a common factor, with
        // some items reversed, n from 2 to 12 and k from 2 to 9 (n < k included).
        let mut state: u64 = 12345;
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as f64 / (1u64 << 31) as f64
        };
        for _ in 0..500 {
            let n = 2 + (next() * 11.0) as usize;
            let k = 2 + (next() * 8.0) as usize;
            let factor: Vec<f64> = (0..n).map(|_| next()).collect();
            let columns: Vec<Vec<f64>> = (0..k)
                .map(|_| {
                    let weight = next() * 2.0 - 0.5;
                    factor
                        .iter()
                        .map(|f| (4.0 * (weight * f + next()) / 1.5).round().clamp(0.0, 4.0))
                        .collect()
                })
                .collect();
            let slices: Vec<&[f64]> = columns.iter().map(Vec::as_slice).collect();
            let r = reliability(&slices, 0.95).unwrap();
            let optional = [
                r.alpha,
                r.alpha_std,
                r.alpha_ci_low,
                r.alpha_ci_high,
                r.omega,
                r.mean_r,
            ];
            assert!(optional.iter().flatten().all(|v| v.is_finite()));
            assert!(r.alpha.is_none_or(|a| a <= 1.0 + 1e-12));
            if let (Some(low), Some(high)) = (r.alpha_ci_low, r.alpha_ci_high) {
                assert!(low <= high);
            }
            for item in &r.items {
                assert!(item.r_drop.is_none_or(|c| c.abs() <= 1.0 + 1e-12));
                assert!(item.alpha_if_deleted.is_none_or(f64::is_finite));
            }
        }
    }

    #[test]
    fn undefined_values_are_none() {
        let x = [1.0, 2.0, 3.0, 4.0];
        let y = [2.0, 1.0, 4.0, 3.0];
        let constant = [2.0; 4];
        // Too few items or respondents, ragged or non-finite input.
        assert_eq!(reliability(&[&x], 0.95), None);
        assert_eq!(reliability(&[], 0.95), None);
        assert_eq!(reliability(&[&[1.0], &[2.0]], 0.95), None);
        assert_eq!(reliability(&[&x, &y[..3]], 0.95), None);
        assert_eq!(reliability(&[&x, &[1.0, f64::NAN, 2.0, 3.0]], 0.95), None);

        // Two items: alpha is defined, alpha if deleted and omega are not.
        let two = reliability(&[&x, &y], 0.95).unwrap();
        assert!(two.alpha.is_some() && two.alpha_std.is_some() && two.mean_r.is_some());
        assert!(two.items.iter().all(|i| i.alpha_if_deleted.is_none()));
        assert_eq!(two.omega, None);
        // alpha = 2 * 0.6 / 1.6 for two items correlating 0.6 with equal variances.
        assert_close(two.alpha.unwrap(), 0.75, REL_TOL_STAT);

        // One varying and one constant item: nothing correlational is defined.
        let odd = [0.1, 0.1, 0.1, 0.1];
        let half = reliability(&[&x, &odd], 0.95).unwrap();
        assert_eq!(half.items[0].r_drop, None);
        assert_eq!(half.items[1].r_drop, None);
        assert_close(half.alpha.unwrap(), 0.0, REL_TOL_STAT);

        // A constant item: raw alpha is still defined; correlations are not.
        let with_constant = reliability(&[&x, &y, &constant], 0.95).unwrap();
        assert!(with_constant.alpha.is_some());
        assert_eq!(with_constant.alpha_std, None);
        assert_eq!(with_constant.mean_r, None);
        assert_eq!(with_constant.omega, None);
        assert_eq!(with_constant.items[2].r_drop, None);
        assert_eq!(with_constant.items[2].sd, 0.0);
        assert!(with_constant.items[0].r_drop.is_some());

        // All items constant: nothing but means and SDs.
        let flat = reliability(&[&constant, &constant, &constant], 0.95).unwrap();
        assert_eq!(flat.alpha, None);
        assert_eq!(flat.alpha_ci_low, None);
        assert!(
            flat.items
                .iter()
                .all(|i| i.r_drop.is_none() && i.alpha_if_deleted.is_none())
        );

        // Items that cancel exactly: the sum score has zero variance.
        let minus_x: Vec<f64> = x.iter().map(|v| 5.0 - v).collect();
        let cancel = reliability(&[&x, &minus_x], 0.95).unwrap();
        assert_eq!(cancel.alpha, None);
        assert_eq!(cancel.items[0].r_drop.map(|r| r.round()), Some(-1.0));

        // An invalid confidence level leaves only the interval undefined.
        let bad_conf = reliability(&[&x, &y, &x], 1.0).unwrap();
        assert!(bad_conf.alpha.is_some());
        assert_eq!(
            (bad_conf.alpha_ci_low, bad_conf.alpha_ci_high),
            (None, None)
        );

        // Two respondents are enough for every statistic to be defined or None, not NaN.
        let tiny = reliability(&[&[1.0, 2.0], &[2.0, 4.0], &[0.0, 3.0]], 0.95).unwrap();
        assert!(tiny.alpha.unwrap().is_finite());
        assert!(tiny.alpha_ci_low.unwrap().is_finite());
    }
}
