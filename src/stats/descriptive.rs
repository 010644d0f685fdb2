//! Means, standard deviations, medians.

use serde::Serialize;

/// n, mean, SD and median of a sample, as reported next to every test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Summary {
    /// Number of values.
    pub n: usize,
    /// Arithmetic mean; `None` for an empty sample.
    pub mean: Option<f64>,
    /// Sample standard deviation (denominator n − 1, as R `sd`); `None` below two values.
    pub sd: Option<f64>,
    /// Median (the mean of the two middle values for even n, as R `median`).
    pub median: Option<f64>,
}

impl Summary {
    /// Summarises `values`.
    pub fn of(values: &[f64]) -> Summary {
        Summary {
            n: values.len(),
            mean: mean(values),
            sd: sd(values),
            median: median(values),
        }
    }
}

/// The power of two `k` by which values are divided before their sums and squares are formed,
/// so that neither overflows (values near 1e300) nor underflows (near 1e-300): 0, no scaling,
/// unless the largest magnitude lies beyond 2^±500. Scaling by a power of two is exact, so
/// results are the same bits as unscaled wherever unscaled ones do not overflow.
pub(crate) fn scale_exponent(values: &[f64]) -> i32 {
    let largest = values.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    if largest == 0.0 || !largest.is_finite() {
        return 0;
    }
    let exponent = largest.log2().floor() as i32;
    if (-500..=500).contains(&exponent) {
        0
    } else {
        exponent.clamp(-1000, 1000)
    }
}

/// `values` divided by 2^`k` (see [`scale_exponent`]).
pub(crate) fn scaled(values: &[f64], k: i32) -> Vec<f64> {
    let factor = 2.0_f64.powi(-k);
    values.iter().map(|v| v * factor).collect()
}

/// The arithmetic mean, computed in two passes (the mean, then the mean of the deviations from
/// it added back) so that it is accurate to the last bit for typical questionnaire data, and
/// scaled by a power of two where the sum would overflow (`scale_exponent`).
pub fn mean(values: &[f64]) -> Option<f64> {
    match scale_exponent(values) {
        0 => unscaled_mean(values),
        // Values this large or small are extreme, and their sums cancel catastrophically
        // (1e300 beside ±1.7e308): a compensated sum keeps the digits.
        k => {
            let values = scaled(values, k);
            (!values.is_empty())
                .then(|| compensated_sum(&values) / values.len() as f64 * 2.0_f64.powi(k))
        }
    }
}

/// Σ values by Neumaier's (1974) compensated summation, exact to a rounding of the result.
fn compensated_sum(values: &[f64]) -> f64 {
    let (mut sum, mut compensation) = (0.0_f64, 0.0_f64);
    for &v in values {
        let t = sum + v;
        compensation += if sum.abs() >= v.abs() {
            (sum - t) + v
        } else {
            (v - t) + sum
        };
        sum = t;
    }
    sum + compensation
}

fn unscaled_mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let first = values.iter().sum::<f64>() / n;
    let correction = values.iter().map(|v| v - first).sum::<f64>() / n;
    Some(first + correction)
}

/// The sample variance `Σ(x − x̄)² / (n − 1)`; `None` below two values, or when it exceeds
/// the largest double (an SD beyond about 1.3e154).
pub fn variance(values: &[f64]) -> Option<f64> {
    match scale_exponent(values) {
        0 => unscaled_variance(values),
        k => unscaled_variance(&scaled(values, k)).map(|v| v * 2.0_f64.powi(k) * 2.0_f64.powi(k)),
    }
    .filter(|v| v.is_finite())
}

/// The sample standard deviation (R `sd`), scaled by a power of two where the squares would
/// overflow or underflow (`scale_exponent`); `None` below two values, or when it exceeds
/// the largest double (1.8e308, as the SD of −1.7e308 and 1.7e308 does).
pub fn sd(values: &[f64]) -> Option<f64> {
    match scale_exponent(values) {
        0 => unscaled_variance(values).map(f64::sqrt),
        k => unscaled_variance(&scaled(values, k)).map(|v| v.sqrt() * 2.0_f64.powi(k)),
    }
    .filter(|s| s.is_finite())
}

fn unscaled_variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = unscaled_mean(values)?;
    let sum_squares: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    Some(sum_squares / (values.len() - 1) as f64)
}

/// The median (R `median`); `None` for an empty sample.
pub fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len() % 2 == 1 {
        sorted[middle]
    } else {
        // Halved first: the sum of two values near 1.8e308 would overflow.
        sorted[middle - 1] / 2.0 + sorted[middle] / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_STAT, assert_close};

    #[test]
    fn matches_r_on_the_sleep_data() {
        // R: x <- sleep$extra[1:10]; sprintf("%.17g", c(mean(x), sd(x), median(x)))
        // "0.75" "1.7890096577591625" "0.34999999999999998" (the double nearest 0.35)
        let x = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
        let summary = Summary::of(&x);
        assert_eq!(summary.n, 10);
        assert_close(summary.mean.unwrap(), 0.75, REL_TOL_STAT);
        assert_close(summary.sd.unwrap(), 1.7890096577591625, REL_TOL_STAT);
        assert_close(summary.median.unwrap(), 0.35, REL_TOL_STAT);
    }

    #[test]
    fn extreme_magnitudes_neither_overflow_nor_underflow() {
        // Exact: the mean of 1e300 and 3e300 is 2e300, their SD √2 · 1e300; the same at 1e-300.
        for scale in [1e300, 1e-300] {
            let summary = Summary::of(&[1.0 * scale, 3.0 * scale]);
            assert_close(summary.mean.unwrap(), 2.0 * scale, 1e-15);
            assert_close(summary.sd.unwrap(), 2f64.sqrt() * scale, 1e-15);
            assert_close(summary.median.unwrap(), 2.0 * scale, 1e-15);
        }
        // The mean of ±1.7e308 is 0; their SD (2.4e308) is beyond the largest double: None.
        let summary = Summary::of(&[-1.7e308, 1.7e308]);
        assert_eq!(summary.mean, Some(0.0));
        assert_eq!(summary.sd, None);
        assert_eq!(median(&[1.7e308, 1.7e308]), Some(1.7e308));
        // Ordinary data are not scaled: the same bits as before.
        assert_eq!(scale_exponent(&[1e150, -3.0, 1e-150]), 0);
    }

    #[test]
    fn undefined_values_are_none() {
        assert_eq!(Summary::of(&[]).mean, None);
        let one = Summary::of(&[3.0]);
        assert_eq!(one.mean, Some(3.0));
        assert_eq!(one.sd, None);
        assert_eq!(one.median, Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0]), Some(3.0));
    }
}
