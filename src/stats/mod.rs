//! Statistics for small intervention studies, each checked against R or SciPy.
//!
//! One file per family of methods. Functions take plain slices or summary statistics and return
//! named result structs; a value that is undefined for the data (the SD of one value, a test on
//! zero variance) is `None`, never NaN or 0.

pub mod adjust;
pub mod ancova;
pub mod change;
pub mod contingency;
pub mod describe;
pub mod descriptive;
pub mod effect;
pub mod fisher;
pub mod friedman;
pub mod levene;
pub mod lmm;
pub mod noncentral_f;
pub mod noncentral_t;
pub mod oneway;
pub mod posthoc;
pub mod power;
pub mod rank;
pub mod reliability;
pub mod repeated;
pub mod shapiro;
pub mod ttest;
pub mod tukey;

use serde::Serialize;

/// The alternative hypothesis of a test, for differences `x − y` (or post − pre).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Alternative {
    /// The difference is not zero.
    #[default]
    TwoSided,
    /// The difference is below zero.
    Less,
    /// The difference is above zero.
    Greater,
}

/// Magnitudes beyond which the tests are not computed: a square (or a product of two) of a
/// larger number, summed over a sample, can exceed the largest double (1.8e308).
pub const MAX_MAGNITUDE: f64 = 1e150;

/// Why tests built on sums of squares and products cannot be computed in double precision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Magnitude {
    /// A value beyond ±[`MAX_MAGNITUDE`] (the largest size of the values): its square
    /// overflows.
    TooLarge(f64),
    /// Every value below 1/[`MAX_MAGNITUDE`] but not all zero (the largest size): their squares
    /// underflow to 0, which would read as no variation.
    TooSmall(f64),
    /// A difference post − pre beyond the largest double.
    DifferenceOverflow,
}

impl std::fmt::Display for Magnitude {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Magnitude::TooLarge(largest) => write!(
                f,
                "the scores reach {largest:.1e} in size, beyond 1e150, where squares exceed the largest number of double precision (1.8e308); check the data"
            ),
            Magnitude::TooSmall(largest) => write!(
                f,
                "the scores are all below 1e-150 in size (the largest is {largest:.1e}), where squares underflow to 0 in double precision; rescale them"
            ),
            Magnitude::DifferenceOverflow => f.write_str(
                "a difference post − pre exceeds the largest number of double precision (1.8e308); check the data",
            ),
        }
    }
}

/// Why tests built on sums of squares and products cannot be computed from `values` in double
/// precision, if they cannot (see [`Magnitude`]). `None` for ordinary data.
pub fn magnitude_problem<'a>(values: impl IntoIterator<Item = &'a f64>) -> Option<Magnitude> {
    let largest = values.into_iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if largest > MAX_MAGNITUDE {
        Some(Magnitude::TooLarge(largest))
    } else if largest > 0.0 && largest < 1.0 / MAX_MAGNITUDE {
        Some(Magnitude::TooSmall(largest))
    } else {
        None
    }
}

/// Relative tolerance to which reference values for t, F, df and confidence limits are matched.
#[cfg(test)]
pub(crate) const REL_TOL_STAT: f64 = 1e-9;
/// Relative tolerance to which reference p-values and noncentral-t limits are matched.
#[cfg(test)]
pub(crate) const REL_TOL_P: f64 = 1e-6;

/// Asserts `actual` is within `rel` relative error of `expected` (absolute near zero).
#[cfg(test)]
#[track_caller]
pub(crate) fn assert_close(actual: f64, expected: f64, rel: f64) {
    let scale = expected.abs().max(1e-300);
    let error = (actual - expected).abs() / scale;
    assert!(
        error <= rel || (actual - expected).abs() <= rel * 1e-3,
        "{actual} differs from the reference {expected} by {error:e} (relative), more than {rel:e}"
    );
}
