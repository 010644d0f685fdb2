//! The noncentral F distribution, whose upper tail beyond the critical F is the power of an
//! analysis of variance.
//!
//! With `x = ν₁f / (ν₁f + ν₂)`, the distribution is a Poisson mixture of central betas
//! (Johnson, Kotz and Balakrishnan 1995, *Continuous Univariate Distributions* 2, 30.4):
//!
//! ```text
//! P(F ≤ f) = Σ_{j≥0} e^{−λ/2} (λ/2)^j / j! · I_x(ν₁/2 + j, ν₂/2)
//! ```
//!
//! The sum is the one the noncentral t uses ([`super::noncentral_t`]): it starts at the largest
//! Poisson weight, j = ⌊λ/2⌋, runs in both directions, steps the incomplete betas by recurrence,
//! and stops when a geometric bound on the remainder falls below 1e-18. The upper tail sums the
//! complements `1 − I_x(a, b) = I_{1−x}(b, a)` instead of subtracting the CDF from 1, so a small
//! power keeps its digits. The result agrees with 40-digit sums (mpmath) to 1e-12 relative; R's
//! `pf(f, df1, df2, ncp)` is accurate only to about 1e-9 (its `pnbeta` stops at an error bound
//! of 1e-9) and far off deep in the lower tail, SciPy's `ncf` (Boost) agrees to 1e-14.

use super::noncentral_t::{Tail, poisson_beta_series};

/// `P(F ≤ f)` for the noncentral F distribution with `df1` and `df2` degrees of freedom and
/// noncentrality `ncp` (R `pf(f, df1, df2, ncp)`). `None` for a NaN or negative `f`, degrees of
/// freedom that are not positive and finite, or a negative or non-finite `ncp`.
pub fn cdf(f: f64, df1: f64, df2: f64, ncp: f64) -> Option<f64> {
    series(f, df1, df2, ncp, Tail::Lower)
}

/// `P(F > f)` for the noncentral F distribution (R `pf(f, df1, df2, ncp, lower.tail = FALSE)`),
/// accurate relative to itself when small. `None` as for [`cdf`].
pub fn upper_tail(f: f64, df1: f64, df2: f64, ncp: f64) -> Option<f64> {
    series(f, df1, df2, ncp, Tail::Upper)
}

fn series(f: f64, df1: f64, df2: f64, ncp: f64, tail: Tail) -> Option<f64> {
    let valid_df = |df: f64| df > 0.0 && df.is_finite();
    if f.is_nan() || f < 0.0 || !valid_df(df1) || !valid_df(df2) || ncp < 0.0 || !ncp.is_finite() {
        return None;
    }
    // x = ν₁f/(ν₁f + ν₂) and y = 1 − x, each written without the other's rounding.
    let (x, y) = if f.is_infinite() {
        (1.0, 0.0)
    } else {
        let scaled = df1 * f;
        (scaled / (scaled + df2), df2 / (scaled + df2))
    };
    let sum = poisson_beta_series(ncp / 2.0, 0.0, df1 / 2.0, df2 / 2.0, x, y, tail);
    Some(sum.clamp(0.0, 1.0))
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are 20-digit mpmath output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::assert_close;

    /// Against 40-digit sums of the series (mpmath 1.3, `mp.dps = 40`: Σ_j Poisson(j; λ/2) ·
    /// `betainc(ν₁/2 + j, ν₂/2, 0, x, regularized=True)` to j = λ/2 + 60√(λ/2 + 1) + 200).
    const REL: f64 = 1e-12;

    #[test]
    fn cdf_and_upper_tail_match_40_digit_sums() {
        // mpmath for (3.2, 2, 27, 4.5); R's pf(3.2, 2, 27, 4.5) 0.55929511067123683 is within
        // its 1e-9 (pnbeta's errmax).
        assert_close(
            cdf(3.2, 2.0, 27.0, 4.5).unwrap(),
            0.55929511074519794892,
            REL,
        );
        assert_close(
            upper_tail(3.2, 2.0, 27.0, 4.5).unwrap(),
            0.44070488925480205108,
            REL,
        );
        assert_close(
            cdf(2.5, 4.0, 95.0, 60.0).unwrap(),
            1.0052696371074515234e-6,
            REL,
        );
        assert_close(
            upper_tail(10.0, 1.0, 3.0, 0.1).unwrap(),
            0.056975347939271977757,
            REL,
        );
        assert_close(
            upper_tail(3.0, 5.0, 500.0, 20.0).unwrap(),
            0.85932064129324771006,
            REL,
        );
        assert_close(
            upper_tail(2.2, 3.0, 20.0, 1.0).unwrap(),
            0.20986349703144373627,
            REL,
        );
        // Far in the lower tail, where R's pf(12, 5, 500, 300) gives 5.08e-22.
        assert_close(
            cdf(12.0, 5.0, 500.0, 300.0).unwrap(),
            1.6023065641042751027e-21,
            1e-10,
        );
        // No noncentrality: the central F (R: pf(0.5, 3, 10) 0.30937775446644261).
        assert_close(
            cdf(0.5, 3.0, 10.0, 0.0).unwrap(),
            0.30937775446644252839,
            REL,
        );
    }

    #[test]
    fn bad_arguments_give_none() {
        assert_eq!(cdf(f64::NAN, 2.0, 3.0, 1.0), None);
        assert_eq!(cdf(1.0, 0.0, 3.0, 1.0), None);
        assert_eq!(cdf(1.0, 2.0, 3.0, -1.0), None);
        assert_eq!(upper_tail(f64::INFINITY, 2.0, 3.0, 1.0), Some(0.0));
        assert_eq!(cdf(0.0, 2.0, 3.0, 1.0), Some(0.0));
    }
}
