//! The rank tests' power by the asymptotic relative efficiency (A.R.E.), G*Power's "A.R.E.
//! method" for the Wilcoxon signed-rank test (matched pairs) and the Wilcoxon–Mann–Whitney test
//! (two groups): the power of the t-test on a sample scaled by the A.R.E. k of the rank test
//! against the t-test under the parent distribution (Lehmann 1975, *Nonparametrics*):
//!
//! - signed-rank, n pairs: δ = d_z √(k n), ν = k n − 1;
//! - Mann–Whitney, n₁ and n₂: δ = d √(k n₁ n₂ / (n₁ + n₂)), ν = k (n₁ + n₂) − 2.
//!
//! k is 3/π (≈ 0.955) for a normal parent, 3/2 for the Laplace (double exponential) and π²/9
//! (≈ 1.097) for the logistic. The degrees of freedom are fractional; the t-test's power is
//! then computed as for [`super::Design::Paired`] and [`super::Design::Groups`].

/// The distribution the data (the differences, for pairs) are assumed to come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parent {
    /// Normal: A.R.E. 3/π.
    Normal,
    /// Laplace (double exponential), heavier tails: A.R.E. 3/2.
    Laplace,
    /// Logistic: A.R.E. π²/9.
    Logistic,
}

impl Parent {
    /// The asymptotic relative efficiency of the rank test against the t-test under this parent.
    pub fn are(self) -> f64 {
        use std::f64::consts::PI;
        match self {
            Parent::Normal => 3.0 / PI,
            Parent::Laplace => 1.5,
            Parent::Logistic => PI * PI / 9.0,
        }
    }

    /// The parent's name: `normal`, `laplace` or `logistic`.
    pub fn name(self) -> &'static str {
        match self {
            Parent::Normal => "normal",
            Parent::Laplace => "laplace",
            Parent::Logistic => "logistic",
        }
    }
}

#[cfg(test)]
#[path = "rank_tests.rs"]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests;
