//! Adjustment of p-values for multiple comparisons, as R `p.adjust`.
//!
//! Sources: Bonferroni; Holm (1979), "A simple sequentially rejective multiple test procedure";
//! Benjamini & Hochberg (1995), "Controlling the false discovery rate"; Benjamini & Yekutieli
//! (2001), "The control of the false discovery rate in multiple testing under dependency".

use serde::Serialize;

/// A p-value adjustment method (R `p.adjust(method = ...)`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Adjust {
    /// Holm's step-down method (R `"holm"`), controlling the family-wise error rate.
    #[default]
    Holm,
    /// Bonferroni: `min(1, m p)` (R `"bonferroni"`).
    Bonferroni,
    /// Benjamini–Hochberg false discovery rate (R `"BH"`, alias `"fdr"`).
    Bh,
    /// Benjamini–Yekutieli false discovery rate under arbitrary dependence (R `"BY"`).
    By,
    /// No adjustment (R `"none"`).
    None,
}

/// Adjusts the present p-values of `p` as one family, leaving `None` entries in place; a NaN,
/// which R also treats as `NA`, is returned as `None`.
///
/// The family size `m` is the number of present p-values, as R `p.adjust` with its default
/// `n`, which drops `NA`s before counting. With the present values sorted ascending,
/// `p₍₁₎ ≤ … ≤ p₍ₘ₎` (ties in any order: the results are the same):
/// - Bonferroni: `min(1, m p)`;
/// - Holm: `p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1) p₍ⱼ₎)`;
/// - BH: `p̃₍ᵢ₎ = min(1, min_{j ≥ i} (m / j) p₍ⱼ₎)`;
/// - BY: as BH with each term multiplied by `q = Σ_{k=1}^{m} 1/k`, i.e. `(q m / j) p₍ⱼ₎`;
/// - None: `p` unchanged.
///
/// With `m ≤ 1` nothing is adjusted, as in R.
pub fn adjust(p: &[Option<f64>], method: Adjust) -> Vec<Option<f64>> {
    let present: Vec<(usize, f64)> = p
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| !v.is_nan()).map(|v| (i, v)))
        .collect();
    let m = present.len();
    let mut adjusted: Vec<Option<f64>> = p.iter().map(|v| v.filter(|v| !v.is_nan())).collect();
    if m <= 1 || method == Adjust::None {
        return adjusted;
    }
    let mf = m as f64;
    let mut ascending = present;
    ascending.sort_by(|a, b| a.1.total_cmp(&b.1));
    match method {
        Adjust::Bonferroni => {
            for (i, v) in ascending {
                adjusted[i] = Some((mf * v).min(1.0));
            }
        }
        Adjust::Holm => {
            let mut running_max = f64::NEG_INFINITY;
            for (rank, (i, v)) in ascending.into_iter().enumerate() {
                running_max = running_max.max((mf - rank as f64) * v);
                adjusted[i] = Some(running_max.min(1.0));
            }
        }
        Adjust::Bh | Adjust::By => {
            let q = if method == Adjust::By {
                (1..=m).map(|k| 1.0 / k as f64).sum::<f64>()
            } else {
                1.0
            };
            let mut running_min = f64::INFINITY;
            for (rank, (i, v)) in ascending.into_iter().enumerate().rev() {
                running_min = running_min.min(q * mf / (rank + 1) as f64 * v);
                adjusted[i] = Some(running_min.min(1.0));
            }
        }
        Adjust::None => {}
    }
    adjusted
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, assert_close};

    /// Compares with R element by element (`None` for `NA`); returns the largest relative error.
    fn check(actual: &[Option<f64>], expected: &[Option<f64>]) -> f64 {
        assert_eq!(actual.len(), expected.len());
        let mut worst = 0.0_f64;
        for (a, e) in actual.iter().zip(expected) {
            match (a, e) {
                (Some(a), Some(e)) => {
                    assert_close(*a, *e, REL_TOL_P);
                    worst = worst.max(((a - e) / e).abs());
                }
                (a, e) => assert_eq!(a.is_none(), e.is_none(), "{actual:?} vs {expected:?}"),
            }
        }
        worst
    }

    // Ties (0.04 twice, 0.03 twice) and two NAs; the family is the 8 present values.
    // R: p <- c(0.01, 0.04, NA, 0.03, 0.04, 0.2, 0.005, NA, 0.5, 0.03)
    const WITH_NA: &[Option<f64>] = &[
        Some(0.01),
        Some(0.04),
        None,
        Some(0.03),
        Some(0.04),
        Some(0.2),
        Some(0.005),
        None,
        Some(0.5),
        Some(0.03),
    ];

    #[test]
    fn matches_r_p_adjust_with_ties_and_na() {
        // R: sprintf("%.17g", p.adjust(p, method)) for each method (NA printed as None)
        #[rustfmt::skip]
        let cases: &[(Adjust, [Option<f64>; 10])] = &[
            (Adjust::Holm, [Some(0.070000000000000007), Some(0.17999999999999999), None, Some(0.17999999999999999), Some(0.17999999999999999), Some(0.40000000000000002), Some(0.040000000000000001), None, Some(0.5), Some(0.17999999999999999)]),
            (Adjust::Bonferroni, [Some(0.080000000000000002), Some(0.32000000000000001), None, Some(0.23999999999999999), Some(0.32000000000000001), Some(1.0), Some(0.040000000000000001), None, Some(1.0), Some(0.23999999999999999)]),
            (Adjust::Bh, [Some(0.040000000000000001), Some(0.05333333333333333), None, Some(0.05333333333333333), Some(0.05333333333333333), Some(0.22857142857142856), Some(0.040000000000000001), None, Some(0.5), Some(0.05333333333333333)]),
            (Adjust::By, [Some(0.10871428571428572), Some(0.14495238095238094), None, Some(0.14495238095238094), Some(0.14495238095238094), Some(0.62122448979591838), Some(0.10871428571428572), None, Some(1.0), Some(0.14495238095238094)]),
            (Adjust::None, [Some(0.01), Some(0.040000000000000001), None, Some(0.029999999999999999), Some(0.040000000000000001), Some(0.20000000000000001), Some(0.0050000000000000001), None, Some(0.5), Some(0.029999999999999999)]),
        ];
        let mut worst = 0.0_f64;
        for (method, expected) in cases {
            worst = worst.max(check(&adjust(WITH_NA, *method), expected));
        }
        println!("largest relative error {worst:e}");
    }

    #[test]
    fn matches_r_p_adjust_without_na() {
        // R: q <- c(0.8, 0.02, 0.3, 0.02, 0.6, 0.0011); sprintf("%.17g", p.adjust(q, method))
        let q = [0.8, 0.02, 0.3, 0.02, 0.6, 0.0011].map(Some);
        #[rustfmt::skip]
        let cases: &[(Adjust, [f64; 6])] = &[
            (Adjust::Holm, [1.0, 0.10000000000000001, 0.89999999999999991, 0.10000000000000001, 1.0, 0.0066]),
            (Adjust::Bonferroni, [1.0, 0.12, 1.0, 0.12, 1.0, 0.0066]),
            (Adjust::Bh, [0.80000000000000004, 0.040000000000000001, 0.44999999999999996, 0.040000000000000001, 0.71999999999999997, 0.0066]),
            (Adjust::By, [1.0, 0.098000000000000004, 1.0, 0.098000000000000004, 1.0, 0.016170000000000004]),
        ];
        for (method, expected) in cases {
            check(&adjust(&q, *method), &expected.map(Some));
        }
    }

    #[test]
    fn a_family_of_one_or_none_is_unchanged() {
        // R: p.adjust(c(NA, 0.03, NA), "holm") and "BY": NA 0.03 NA
        for method in [Adjust::Holm, Adjust::Bonferroni, Adjust::Bh, Adjust::By] {
            assert_eq!(
                adjust(&[None, Some(0.03), None], method),
                [None, Some(0.03), None]
            );
            assert_eq!(adjust(&[], method), []);
            assert_eq!(adjust(&[None], method), [None]);
        }
    }

    #[test]
    fn nan_counts_as_missing_like_r() {
        // R: p.adjust(c(0.01, NaN, 0.02), "holm") -> 0.02 NA 0.02
        let adjusted = adjust(&[Some(0.01), Some(f64::NAN), Some(0.02)], Adjust::Holm);
        assert_eq!(adjusted, [Some(0.02), None, Some(0.02)]);
        let unadjusted = adjust(&[Some(0.01), Some(f64::NAN)], Adjust::None);
        assert_eq!(unadjusted, [Some(0.01), None]);
    }

    #[test]
    fn adjusted_values_are_probabilities_no_smaller_than_p() {
        let p: Vec<Option<f64>> = (1..=40).map(|i| Some(f64::from(i * i) / 1700.0)).collect();
        for method in [Adjust::Holm, Adjust::Bonferroni, Adjust::Bh, Adjust::By] {
            for (raw, adjusted) in p.iter().zip(adjust(&p, method)) {
                let (raw, adjusted) = (raw.unwrap(), adjusted.unwrap());
                assert!(adjusted >= raw && adjusted <= 1.0);
            }
        }
    }
}
