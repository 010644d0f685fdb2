//! Friedman's rank test of k related samples (Friedman 1937), with Kendall's W, as R
//! `friedman.test` and the convention `W = χ² / (n (k − 1))` (Kendall & Babington Smith
//! 1939; `rstatix::friedman_effsize` without its tie correction of W).
//!
//! Each person's k values are ranked among themselves (midranks for ties); with `R_j` the sum
//! of wave j's ranks,
//! `χ² = 12 Σ_j (R_j − n(k + 1)/2)² / (n k (k + 1) − Σ(t³ − t) / (k − 1))`,
//! the sum over every group of `t` tied values within a person, on `k − 1` degrees of freedom.

use serde::Serialize;

use crate::stats::rank::Ranking;
use crate::stats::repeated::chi_squared_upper;

/// Friedman's test and Kendall's W.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Friedman {
    /// The tie-corrected chi-squared statistic.
    pub chi2: f64,
    /// Degrees of freedom, `k − 1`.
    pub df: f64,
    /// `P(χ²_{k−1} ≥ chi2)`.
    pub p: f64,
    /// Kendall's W, `chi2 / (n (k − 1))`.
    pub kendall_w: f64,
}

/// Friedman's test of `rows` (one per person, each with the same `k ≥ 2` finite values).
/// `None` with no rows, rows of different lengths, a non-finite value, or when every person's
/// values are all equal (no ranks to compare).
pub fn friedman(rows: &[Vec<f64>]) -> Option<Friedman> {
    let n = rows.len();
    let k = rows.first()?.len();
    if k < 2 || rows.iter().any(|row| row.len() != k) {
        return None;
    }
    if rows.iter().flatten().any(|v| !v.is_finite()) {
        return None;
    }
    let mut doubled_sums = vec![0u64; k];
    let mut ties = 0.0;
    for row in rows {
        let ranking = Ranking::of(row);
        for (sum, rank) in doubled_sums.iter_mut().zip(&ranking.doubled) {
            *sum += rank;
        }
        ties += ranking.tie_term();
    }
    let (n_f, k_f) = (n as f64, k as f64);
    let expected = n_f * (k_f + 1.0) / 2.0;
    let spread: f64 = doubled_sums
        .iter()
        .map(|&sum| (sum as f64 / 2.0 - expected).powi(2))
        .sum();
    let denominator = n_f * k_f * (k_f + 1.0) - ties / (k_f - 1.0);
    if denominator <= 0.0 {
        return None;
    }
    let chi2 = 12.0 * spread / denominator;
    let df = k_f - 1.0;
    Some(Friedman {
        chi2,
        df,
        p: chi_squared_upper(chi2, df)?,
        kendall_w: chi2 / (n_f * df),
    })
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    #[test]
    fn matches_friedman_test_with_and_without_ties() {
        // R: y <- matrix(c(30,28,35,31,27,33,29,32, 27,26,33,30,25,30,28,29,
        //                  25,25,30,27,24,28,26,27, 24,25,31,26,22,27,25,27,
        //                  22,23,29,25,21,26,24,25), ncol = 5); friedman.test(y)
        let waves: [[f64; 8]; 5] = [
            [30., 28., 35., 31., 27., 33., 29., 32.],
            [27., 26., 33., 30., 25., 30., 28., 29.],
            [25., 25., 30., 27., 24., 28., 26., 27.],
            [24., 25., 31., 26., 22., 27., 25., 27.],
            [22., 23., 29., 25., 21., 26., 24., 25.],
        ];
        let rows: Vec<Vec<f64>> = (0..8)
            .map(|i| waves.iter().map(|w| w[i]).collect())
            .collect();
        let test = friedman(&rows).unwrap();
        assert_close(test.chi2, 31.189873417721518, REL_TOL_STAT);
        assert_eq!(test.df, 4.0);
        assert_close(test.p, 2.800145780808175e-06, REL_TOL_P);
        assert_close(
            test.kendall_w,
            31.189873417721518 / (8.0 * 4.0),
            REL_TOL_STAT,
        );
        // R: friedman.test(matrix(c(3,2,2,4,1, 3,3,1,4,2, 2,3,2,5,2, 4,3,1,4,3), ncol = 4))
        let waves: [[f64; 5]; 4] = [
            [3., 2., 2., 4., 1.],
            [3., 3., 1., 4., 2.],
            [2., 3., 2., 5., 2.],
            [4., 3., 1., 4., 3.],
        ];
        let rows: Vec<Vec<f64>> = (0..5)
            .map(|i| waves.iter().map(|w| w[i]).collect())
            .collect();
        let test = friedman(&rows).unwrap();
        assert_close(test.chi2, 2.1315789473684212, REL_TOL_STAT);
        assert_eq!(test.df, 3.0);
        assert_close(test.p, 0.54555059239832271, REL_TOL_P);
    }

    #[test]
    fn nothing_to_rank_is_none() {
        assert!(friedman(&[vec![1.0, 1.0], vec![2.0, 2.0]]).is_none());
        assert!(friedman(&[]).is_none());
        assert!(friedman(&[vec![1.0, 2.0], vec![1.0]]).is_none());
    }
}
