//! The studentized range distribution: `Q = R / s`, the range `R` of `k` independent standard
//! normal values divided by an independent `s` with `ν s² ~ χ²_ν` (Tukey 1953; the distribution of
//! Tukey's HSD and the Games–Howell test). Lower tail as R `ptukey(q, nmeans, df)`, upper tail
//! as `ptukey(q, nmeans, df, lower.tail = FALSE)`, quantile as `qtukey(p, nmeans, df)` (one range,
//! `nranges = 1`).
//!
//! **Method** (Copenhaver & Holland 1988, "Computation of the distribution of the maximum
//! studentized range statistic with application to multiple significance testing of simple
//! effects", *Journal of Statistical Computation and Simulation* 30, 1–15): the distribution of
//! the range of `k` normals,
//!
//! `P(R ≤ w) = k ∫ φ(z) [Φ(z + w) − Φ(z)]^{k−1} dz`   (Hartley 1942),
//!
//! is integrated over the distribution of `s`:
//!
//! `P(Q ≤ q) = ∫₀^∞ f_ν(s) P(R ≤ q s) ds`,  `f_ν(s) ∝ s^{ν−1} e^{−ν s²/2}`,
//!
//! both by composite Gauss–Legendre quadrature; as `ν → ∞`, `s → 1` and `P(Q ≤ q) = P(R ≤ q)`.
//! The implementation is psyscore's own (not a translation of R's `ptukey.c`) and differs in ways
//! that make it more accurate:
//! - the upper tail is integrated directly, never as `1 − P`: with `A = 1 − Φ(z)`,
//!   `P(R > w) = k ∫ φ(z) [A^{k−1} − (A − (1 − Φ(z + w)))^{k−1}] dz`, every term positive, so tiny
//!   p-values keep their relative precision (R returns `1 − ptukey`, which has none below ~1e-9);
//! - the outer integral runs over `x = ln s`, with panels sized to the local scale of the
//!   integrand and marching outwards from its peak until they add nothing, so heavy tails at small
//!   `ν` (where R's fixed grid is off by up to 1e-3: e.g. `ptukey(66.44, 20, 2)` is 0.999001 in R,
//!   0.996726 by nested adaptive integration and by simulation) are covered;
//! - the chi density's constant is taken in logarithms (Stirling's series for large `ν`), so it
//!   never over- or underflows;
//! - every finite `ν ≥ 1` is integrated (R: `ν ≥ 2`, and the `ν = ∞` limit for `ν > 25000`);
//! - `Φ` comes from `libm`'s `erfc` (correct to an ulp; statrs' is good to ~1e-10 only), and a
//!   narrow interval's probability `Φ(z + w) − Φ(z)` is integrated rather than subtracted.
//!
//! **Accuracy.** The quadrature error is about 1e-12 relative on either tail (measured against
//! the same code with panels a quarter as wide). Tested: against the exact
//! `ptukey(q, 2, ν) = 2 pt(q/√2, ν) − 1` to 1e-10 relative, including ν = 1 and 1.5, where R
//! gives NaN; against nested adaptive integration with R's `integrate` (1e-12) to 1e-9 for
//! ν = 2, 3, 5; against R's `ptukey` to 1e-6 (R's own error, up to 6e-7 at k = 20) for ν ≥ 10
//! and ∞; `qtukey` against R's to 1e-6 relative and as the inverse of [`ptukey`] to 1e-10 from
//! p = 1e-9 to 1 − 1e-9. R's `qtukey` stops its secant search at an absolute 1e-4 in `q`, so R's
//! quantiles (and the `TukeyHSD` and Games–Howell confidence limits built from them) differ
//! from the exact ones by up to ~1e-5 relative (typically 1e-9 to 1e-7 at p = 0.95).
//!
//! **Domain.** `2 ≤ nmeans ≤` [`MAX_NMEANS`], `df ≥ 1` (or `∞`), one range (R's `nranges = 1`).
//!
//! **Cost.** A [`ptukey`] takes about a millisecond (a few thousand evaluations of `Φ`), a
//! [`qtukey`] about ten of them; `nmeans` near 1000 with `df` near 1 takes up to half a second.

use statrs::distribution::{ContinuousCDF, Normal};

/// Largest number of means accepted; beyond it the quadrature would need ever finer panels.
pub const MAX_NMEANS: usize = 1000;

/// Gauss–Legendre points per panel.
const NODES: usize = 10;

/// Relative size below which a panel's contribution ends an outward march.
const NEGLIGIBLE: f64 = 1e-13;

/// Outer panels span at most this many local standard deviations of the integrand in `ln s`...
const STEP_CURVATURE: f64 = 2.0;

/// ... and at most this many e-folds of its local exponential rise or fall.
const STEP_SLOPE: f64 = 5.0;

/// Most panels any one integral may use (a guard; ordinary inputs need well under a hundred).
const MAX_PANELS: usize = 4000;

/// The lower tail `P(Q ≤ q)` of the studentized range of `nmeans` means on `df` degrees of
/// freedom (R `ptukey(q, nmeans, df)`); `df = f64::INFINITY` gives the range of normals itself.
///
/// `0` for `q ≤ 0`, `1` for `q = +∞`. `None` for a NaN `q`, `nmeans` outside `2..=`[`MAX_NMEANS`],
/// or `df` below 1 or NaN.
pub fn ptukey(q: f64, nmeans: usize, df: f64) -> Option<f64> {
    tails(q, nmeans, df).map(|(lower, _)| lower)
}

/// The upper tail `P(Q > q)` (R `ptukey(q, nmeans, df, lower.tail = FALSE)`), computed directly
/// so that small values keep their relative precision. Same domain as [`ptukey`].
pub fn ptukey_upper(q: f64, nmeans: usize, df: f64) -> Option<f64> {
    tails(q, nmeans, df).map(|(_, upper)| upper)
}

/// The quantile: the `q` with `P(Q ≤ q) = p` (R `qtukey(p, nmeans, df)`), to about 1e-12
/// relative. `None` unless `0 < p < 1`, and in the cases where [`ptukey`] is `None`.
///
/// The root of `ln P(Q ≤ q) − ln p` (for `p > ½`, of `ln(1 − p) − ln P(Q > q)`, so that upper
/// quantiles keep their precision), both nearly linear in `ln q` in the tails, is bracketed by
/// doubling steps in `ln q` from the Bonferroni bound of the normal range,
/// `√2 z_{(1 − p)/(k(k−1))}`, and then
/// found by the Anderson–Björck regula falsi (Anderson & Björck 1973, *BIT* 13, 253–264),
/// falling back to bisection while a bracket end is not finite.
pub fn qtukey(p: f64, nmeans: usize, df: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0 && valid(nmeans, df)) {
        return None;
    }
    let upper = p > 0.5;
    let target = if upper { (1.0 - p).ln() } else { p.ln() };
    // Increasing in y = ln q.
    let h = |y: f64| -> Option<f64> {
        let (lower, up) = tails(y.exp(), nmeans, df)?;
        Some(if upper {
            target - up.ln()
        } else {
            lower.ln() - target
        })
    };
    let k = nmeans as f64;
    // Only a starting point (any positive value would do): the Bonferroni bound for ν = ∞.
    let normal = -Normal::standard().inverse_cdf(((1.0 - p) / (k * (k - 1.0))).min(0.5));
    let mut a = (std::f64::consts::SQRT_2 * normal).max(1e-3).ln();
    let mut fa = h(a)?;
    if fa == 0.0 {
        return Some(a.exp());
    }
    // Bracket [a, b] (in either order) with fa and fb of opposite signs.
    let direction = if fa > 0.0 { -1.0 } else { 1.0 };
    let mut step = 0.5;
    let (mut b, mut fb);
    let mut tries = 0;
    loop {
        b = a + direction * step;
        fb = h(b)?;
        if fb == 0.0 {
            return Some(b.exp());
        }
        if (fb > 0.0) != (fa > 0.0) {
            break;
        }
        (a, fa) = (b, fb);
        step *= 2.0;
        tries += 1;
        if tries > 12 {
            return None;
        }
    }
    for _ in 0..200 {
        let c = if fa.is_finite() && fb.is_finite() {
            b - fb * (b - a) / (fb - fa)
        } else {
            (a + b) / 2.0
        };
        let fc = h(c)?;
        if fc == 0.0 || (c - b).abs() <= 1e-13 {
            return Some(c.exp());
        }
        if (fc > 0.0) == (fb > 0.0) {
            // The same side again: shrink the retained end's value (Anderson–Björck).
            let m = 1.0 - fc / fb;
            fa *= if m > 0.0 && m.is_finite() { m } else { 0.5 };
        } else {
            (a, fa) = (b, fb);
        }
        (b, fb) = (c, fc);
        if (b - a).abs() <= 1e-12 {
            return Some(b.exp());
        }
    }
    None
}

/// Whether `nmeans` and `df` are in the supported domain.
fn valid(nmeans: usize, df: f64) -> bool {
    (2..=MAX_NMEANS).contains(&nmeans) && df >= 1.0
}

/// Both tails `(P(Q ≤ q), P(Q > q))`, each accurate relative to itself.
fn tails(q: f64, nmeans: usize, df: f64) -> Option<(f64, f64)> {
    if q.is_nan() || !valid(nmeans, df) {
        return None;
    }
    if q <= 0.0 {
        return Some((0.0, 1.0));
    }
    if q.is_infinite() {
        return Some((1.0, 0.0));
    }
    let rule = GaussLegendre::new();
    let range = Range::new(nmeans, &rule);
    let tail = |upper: bool| {
        if df.is_infinite() {
            range.tail(q, upper)
        } else {
            studentized(q, df, upper, &range)
        }
    };
    // Integrate the tail that is likely the smaller; if it is not, the other one.
    let upper_first = q > range.switch;
    let first = tail(upper_first);
    let (lower, upper) = if first <= 0.5 {
        if upper_first {
            (1.0 - first, first)
        } else {
            (first, 1.0 - first)
        }
    } else {
        let second = tail(!upper_first);
        if upper_first {
            (second, 1.0 - second)
        } else {
            (1.0 - second, second)
        }
    };
    if !(lower.is_finite() && upper.is_finite()) {
        return None;
    }
    Some((lower.clamp(0.0, 1.0), upper.clamp(0.0, 1.0)))
}

/// Gauss–Legendre nodes and weights on [−1, 1].
struct GaussLegendre {
    nodes: [f64; NODES],
    weights: [f64; NODES],
}

impl GaussLegendre {
    /// The roots of the Legendre polynomial `P_n` by Newton's method from Tricomi's
    /// approximation, with weights `2 / ((1 − x²) P_n'(x)²)` (Abramowitz & Stegun 25.4.29).
    fn new() -> GaussLegendre {
        let mut nodes = [0.0; NODES];
        let mut weights = [0.0; NODES];
        let n = NODES as f64;
        for i in 0..NODES {
            let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (n + 0.5)).cos();
            let mut derivative = 1.0;
            for _ in 0..100 {
                // Legendre recurrence: (j + 1) P_{j+1} = (2j + 1) x P_j − j P_{j−1}.
                let (mut p0, mut p1) = (1.0, x);
                for j in 1..NODES {
                    let j = j as f64;
                    (p0, p1) = (p1, ((2.0 * j + 1.0) * x * p1 - j * p0) / (j + 1.0));
                }
                derivative = n * (x * p1 - p0) / (x * x - 1.0);
                let dx = p1 / derivative;
                x -= dx;
                if dx.abs() <= 1e-16 {
                    break;
                }
            }
            nodes[i] = x;
            weights[i] = 2.0 / ((1.0 - x * x) * derivative * derivative);
        }
        GaussLegendre { nodes, weights }
    }

    /// `∫_a^b f` (for `a ≤ b`).
    fn panel(&self, a: f64, b: f64, f: impl Fn(f64) -> f64) -> f64 {
        let (mid, half) = ((a + b) / 2.0, (b - a) / 2.0);
        let sum: f64 = self
            .nodes
            .iter()
            .zip(&self.weights)
            .map(|(x, w)| w * f(mid + half * x))
            .sum();
        sum * half
    }
}

/// `1 − Φ(x)`, accurate relative to itself for large `x`.
pub(crate) fn upper_normal(x: f64) -> f64 {
    0.5 * libm::erfc(x / std::f64::consts::SQRT_2)
}

/// `Φ(z + w) − Φ(z)` for `w > 0`, to nearly full relative precision: as a difference of the
/// smaller tails when `w` is wide against the scale of φ there, else (where that difference would
/// cancel) as `∫ φ` over the interval by 5-point Gauss–Legendre, whose relative error is below
/// ~1e-15 when `w · max(1, |z|, |z + w|) ≤ ¼` (the error term is `w¹⁰ He₁₀ / 10⁹`-ish).
fn interval_probability(z: f64, w: f64) -> f64 {
    let reach = 1.0_f64.max(z.abs()).max((z + w).abs());
    if w * reach <= 0.25 {
        const X: [f64; 3] = [0.0, 0.538_469_310_105_683_1, 0.906_179_845_938_664];
        const W: [f64; 3] = [
            0.568_888_888_888_888_9,
            0.478_628_670_499_366_5,
            0.236_926_885_056_189_1,
        ];
        let (mid, half) = (z + w / 2.0, w / 2.0);
        let sum = W[0] * density(mid)
            + W[1] * (density(mid - half * X[1]) + density(mid + half * X[1]))
            + W[2] * (density(mid - half * X[2]) + density(mid + half * X[2]));
        sum * half
    } else if z >= 0.0 {
        upper_normal(z) - upper_normal(z + w)
    } else if z + w <= 0.0 {
        upper_normal(-z - w) - upper_normal(-z)
    } else {
        (1.0 - upper_normal(-z) - upper_normal(z + w)).max(0.0)
    }
}

/// The standard normal density.
fn density(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// The range of `k` independent standard normal values.
struct Range<'a> {
    k: usize,
    rule: &'a GaussLegendre,
    /// Panel width in z, narrower for more means (the integrands narrow like `1/√k`).
    step: f64,
    /// Below this range the lower tail is integrated, above it the upper tail: near the median,
    /// so the tail computed is never close to 1 and the other one is `1 −` it without loss.
    switch: f64,
}

impl Range<'_> {
    fn new(k: usize, rule: &GaussLegendre) -> Range<'_> {
        let kf = k as f64;
        Range {
            k,
            rule,
            step: 3.0 / kf.sqrt(),
            // 2 Φ⁻¹(1 − 1/(2k)) is near the median of the range.
            switch: -2.0 * Normal::standard().inverse_cdf(0.5 / kf),
        }
    }

    /// `P(R > w)` if `upper`, else `P(R ≤ w)`, accurate relative to itself.
    fn tail(&self, w: f64, upper: bool) -> f64 {
        if w <= 0.0 {
            return if upper { 1.0 } else { 0.0 };
        }
        if w == f64::INFINITY {
            return if upper { 0.0 } else { 1.0 };
        }
        let value = if (w > self.switch) == upper {
            if upper { self.upper(w) } else { self.lower(w) }
        } else if upper {
            1.0 - self.lower(w)
        } else {
            1.0 - self.upper(w)
        };
        value.clamp(0.0, 1.0)
    }

    /// `P(R ≤ w) = k ∫ φ(z) B(z)^{k−1} dz` with `B(z) = Φ(z + w) − Φ(z)`. The integrand is
    /// log-concave in `z` (Prékopa 1973: φ and the interval probability `B` are), so panels march
    /// out from `−w/2` (where `B` peaks) until they add nothing.
    fn lower(&self, w: f64) -> f64 {
        let m = (self.k - 1) as i32;
        let integrand = |z: f64| density(z) * interval_probability(z, w).powi(m);
        self.k as f64 * march(self.rule, -w / 2.0, self.step, integrand)
    }

    /// `P(R > w) = k ∫ φ(z) (A^{k−1} − (A − C)^{k−1}) dz` with `A = 1 − Φ(z)`,
    /// `C = 1 − Φ(z + w)`: the probability that the minimum is at `z` and some other value lies
    /// beyond `z + w` (from `k ∫ φ(z) A^{k−1} dz = 1`). Every term is positive, and
    /// `A^m − (A − C)^m = −A^m expm1(m ln(1 − C/A))` keeps its relative precision. The
    /// integrand is unimodal in `z` (not proven; checked on a fine grid for 2 ≤ k ≤ 1000 and
    /// w ≤ 49, beyond which `P(R > w)` underflows), peaking near `−w/2` for large `w`, so the
    /// same march applies.
    fn upper(&self, w: f64) -> f64 {
        let m = (self.k - 1) as f64;
        let integrand = |z: f64| {
            let big = upper_normal(z);
            let small = upper_normal(z + w);
            if big <= 0.0 {
                return 0.0;
            }
            let ratio = (small / big).min(1.0);
            density(z) * big.powf(m) * -(m * (-ratio).ln_1p()).exp_m1()
        };
        self.k as f64 * march(self.rule, -w / 2.0, self.step, integrand)
    }
}

/// `∫ f` over the line for a unimodal `f ≥ 0`, by panels of width `step` marching left and right
/// from `start` until a panel adds less than [`NEGLIGIBLE`] of the total.
fn march(rule: &GaussLegendre, start: f64, step: f64, f: impl Fn(f64) -> f64) -> f64 {
    let mut total = 0.0;
    for direction in [-1.0, 1.0] {
        let mut a = start;
        for _ in 0..MAX_PANELS {
            let b = a + direction * step;
            let part = rule.panel(a.min(b), a.max(b), &f);
            total += part;
            a = b;
            // Also ends on NaN.
            if part.is_nan() || part <= NEGLIGIBLE * total {
                break;
            }
        }
    }
    total
}

/// One tail of the studentized range on finite `df`: `∫ g(x) T(q e^x) dx` over `x = ln s`, with
/// `T` the range's upper tail if `upper`, else its lower tail, and `g` the density of `ln s`,
/// `g(x) = K exp(ν (x − (e^{2x} − 1)/2))` (peak at 0, standard deviation about `1/√(2ν)`).
///
/// The integrand is unimodal: for the upper tail it is log-concave (`ln g` is concave, and the
/// range has a log-concave density, so `ln P(R > e^x)` is concave in `x`); for the lower tail
/// `ln g + ln P(R ≤ e^x)` rises for `x < 0` and has a single maximum beyond. Panels march left
/// and right from a guess of the peak (where `ν (1 − e^{2x})` balances the log-slope of `T`,
/// about `−w²/2` for the upper tail at large `w`, and `k − 1` for the lower at small `w`) until a
/// panel adds less than [`NEGLIGIBLE`] of the sum. Each panel spans at most [`STEP_CURVATURE`]
/// local standard deviations and [`STEP_SLOPE`] e-folds of the integrand (from those analytic
/// log-slopes), widened as its share of the sum falls, since its error counts only in that
/// proportion.
fn studentized(q: f64, df: f64, upper: bool, range: &Range) -> f64 {
    let rule = range.rule;
    let log_density = |x: f64| df * (x - (2.0 * x).exp_m1() / 2.0);
    let km1 = (range.k - 1) as f64;
    let switch = range.switch;
    // Where the integrand g(x) T(q e^x) peaks, roughly.
    let peak = if upper {
        ((2.0 * df).sqrt().max(switch) / q).ln().min(0.0)
    } else {
        (0.5 * (km1 / df).ln_1p()).min((switch / q).ln().max(0.0))
    };
    let scale_at = |x: f64| {
        let w = q * x.exp();
        let e2x = (2.0 * x).exp();
        let (slope, curvature) = if upper {
            (df * (1.0 - e2x) - w * w / 2.0, 2.0 * df * e2x + w * w)
        } else {
            let elasticity = km1 * (switch / w).powi(2).min(1.0);
            (df * (1.0 - e2x) + elasticity, 2.0 * df * e2x + elasticity)
        };
        (STEP_CURVATURE / curvature.sqrt())
            .min(STEP_SLOPE / slope.abs())
            .min(1.0)
    };
    let log_norm = log_chi_constant(df);
    let mut sum = 0.0;
    let order = 2.0 * rule.nodes.len() as f64;
    for direction in [-1.0, 1.0] {
        let mut a: f64 = peak;
        let mut boost: f64 = 1.0;
        for _ in 0..MAX_PANELS {
            let mut h = scale_at(a) * boost;
            h = h.min(scale_at(a + direction * h) * boost);
            let b = a + direction * h;
            let part = rule.panel(a.min(b), a.max(b), |x| {
                let g = (log_norm + log_density(x)).exp();
                if g == 0.0 {
                    return 0.0;
                }
                g * range.tail(q * x.exp(), upper)
            });
            sum += part;
            a = b;
            if part.is_nan() || part <= NEGLIGIBLE * sum {
                break;
            }
            // A panel's quadrature error matters only in proportion to its share of the sum.
            boost = if part > 0.0 {
                (sum / part).powf(1.0 / order).min(4.0)
            } else {
                4.0
            };
        }
    }
    sum.min(1.0)
}

/// `ln(2 (ν/2)^{ν/2} e^{−ν/2} / Γ(ν/2))`: the density of `x = ln s` is this constant times
/// `exp(ν (x − (e^{2x} − 1)/2))`. For `ν ≥ 20` by Stirling's series for `ln Γ` (Abramowitz &
/// Stegun 6.1.41), which avoids the cancellation of the large terms: `½ ln(ν/π) − Σ`.
fn log_chi_constant(df: f64) -> f64 {
    let a = df / 2.0;
    if df >= 20.0 {
        let a2 = a * a;
        let series = (1.0 / 12.0
            - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0 - 1.0 / (1188.0 * a2)) / a2) / a2) / a2)
            / a;
        0.5 * (df / std::f64::consts::PI).ln() - series
    } else {
        std::f64::consts::LN_2 + a * a.ln() - a - libm::lgamma(a)
    }
}

#[cfg(test)]
#[path = "tukey_tests.rs"]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests;
