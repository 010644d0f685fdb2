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

/// The arithmetic mean, computed in two passes (the mean, then the mean of the deviations from
/// it added back) so that it is accurate to the last bit for typical questionnaire data.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let n = values.len() as f64;
    let first = values.iter().sum::<f64>() / n;
    let correction = values.iter().map(|v| v - first).sum::<f64>() / n;
    Some(first + correction)
}

/// The sample variance `Σ(x − x̄)² / (n − 1)`; `None` below two values.
pub fn variance(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let m = mean(values)?;
    let sum_squares: f64 = values.iter().map(|v| (v - m) * (v - m)).sum();
    Some(sum_squares / (values.len() - 1) as f64)
}

/// The sample standard deviation (R `sd`); `None` below two values.
pub fn sd(values: &[f64]) -> Option<f64> {
    variance(values).map(f64::sqrt)
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
        (sorted[middle - 1] + sorted[middle]) / 2.0
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
    fn undefined_values_are_none() {
        assert_eq!(Summary::of(&[]).mean, None);
        let one = Summary::of(&[3.0]);
        assert_eq!(one.mean, Some(3.0));
        assert_eq!(one.sd, None);
        assert_eq!(one.median, Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0]), Some(3.0));
    }
}
