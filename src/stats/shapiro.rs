//! The Shapiro–Wilk W test of normality for 3 ≤ n ≤ 5000, as R `shapiro.test`.
//!
//! Method: Royston, P. (1992). Approximating the Shapiro–Wilk W-test for non-normality.
//! *Statistics and Computing* 2, 117–119; and Royston, P. (1995). Remark AS R94: A remark on
//! algorithm AS 181: the W-test for normality. *Applied Statistics* 44(4), 547–551 — the
//! algorithm (`swilk`) behind R's `shapiro.test`.

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

/// Smallest sample the test is defined for.
const MIN_N: usize = 3;
/// Largest sample Royston's approximations were fitted for (R refuses larger ones).
pub const MAX_N: usize = 5000;
/// A sample whose range is below this is treated as constant, as R `shapiro.test` does
/// ("all 'x' values are identical").
const MIN_RANGE: f64 = 1e-10;

/// Royston (1992) polynomial in u = 1/√n correcting the largest coefficient: ãₙ = cₙ + Σ kⱼuʲ.
const LARGEST_CORRECTION: [f64; 6] = [0.0, 0.221157, -0.147981, -2.071190, 4.434685, -2.706056];
/// Royston (1992) polynomial in u = 1/√n correcting the second largest coefficient ãₙ₋₁.
const SECOND_CORRECTION: [f64; 6] = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
/// γ(n) = −2.273 + 0.459 n, the bound of the transformation −ln(γ − ln(1 − W)) for 4 ≤ n ≤ 11.
const SMALL_GAMMA: [f64; 2] = [-2.273, 0.459];
/// Mean of −ln(γ − ln(1 − W)) as a cubic in n, for 4 ≤ n ≤ 11 (Royston 1992, 1995).
const SMALL_MEAN: [f64; 4] = [0.5440, -0.39978, 0.025054, -6.714e-4];
/// Log SD of −ln(γ − ln(1 − W)) as a cubic in n, for 4 ≤ n ≤ 11.
const SMALL_LOG_SD: [f64; 4] = [1.3822, -0.77857, 0.062767, -0.0020322];
/// Mean of ln(1 − W) as a cubic in ln n, for n ≥ 12.
const LARGE_MEAN: [f64; 4] = [-1.5861, -0.31082, -0.083751, 0.0038915];
/// Log SD of ln(1 − W) as a quadratic in ln n, for n ≥ 12.
const LARGE_LOG_SD: [f64; 3] = [-0.4803, -0.082676, 0.0030302];
/// The p-value AS R94 (as in R) reports when 1 − W is beyond the range of the small-sample
/// transformation; W cannot get that far from 1 for n ≥ 4, so this is a guard only.
const BEYOND_RANGE_P: f64 = 1e-99;

/// The Shapiro–Wilk test of a sample, as R `shapiro.test` reports it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShapiroWilk {
    /// W = (Σ aᵢ x₍ᵢ₎)² / Σ (xᵢ − x̄)², the squared correlation of the ordered sample with
    /// Royston's coefficients aᵢ; between 0 and 1, near 1 for normal-looking data.
    pub w: f64,
    /// The p-value of the null hypothesis that the sample comes from a normal distribution
    /// (small W is evidence against it).
    pub p: f64,
}

/// The Shapiro–Wilk W test of normality (R `shapiro.test`, algorithm AS R94).
///
/// Coefficients (Royston 1992): with mᵢ = Φ⁻¹((i − 3/8)/(n + 1/4)), m'm = Σ mᵢ² and u = 1/√n,
/// the largest is ãₙ = mₙ/√(m'm) + 0.221157u − 0.147981u² − 2.071190u³ + 4.434685u⁴ −
/// 2.706056u⁵ and, for n > 5, the second largest ãₙ₋₁ = mₙ₋₁/√(m'm) + 0.042981u −
/// 0.293762u² − 1.752461u³ + 5.682633u⁴ − 3.582633u⁵; the others are aᵢ = mᵢ/√ε with
/// ε = (m'm − 2mₙ² [− 2mₙ₋₁²]) / (1 − 2ãₙ² [− 2ãₙ₋₁²]), and a₁₊ₙ₋ᵢ = −aᵢ. For n = 3,
/// a = (−√½, 0, √½).
///
/// W is computed as the squared correlation of a and the ordered sample, with 1 − W formed
/// directly as (√(SₐSₓ) − Sₐₓ)(√(SₐSₓ) + Sₐₓ)/(SₐSₓ) so that it keeps its precision near W = 1.
///
/// p-value (Royston 1992, 1995):
/// - n = 3: exact, p = (6/π)(arcsin √W − arcsin √¾);
/// - 4 ≤ n ≤ 11: y = −ln(γ − ln(1 − W)) with γ = −2.273 + 0.459n is normal with mean
///   0.5440 − 0.39978n + 0.025054n² − 0.0006714n³ and log SD 1.3822 − 0.77857n + 0.062767n² −
///   0.0020322n³;
/// - n ≥ 12: y = ln(1 − W) is normal with mean −1.5861 − 0.31082L − 0.083751L² + 0.0038915L³ and
///   log SD −0.4803 − 0.082676L + 0.0030302L², where L = ln n;
///
/// and p is the upper tail P(Y ≥ y).
///
/// Φ⁻¹ is statrs's `Normal::inverse_cdf`, which agrees with R's `qnorm` (Wichura's AS 241) to
/// within 4 ulp at the plotting positions used here.
///
/// `None` when n < 3 or n > 5000, when any value is not finite (R drops `NA`s itself; here the
/// caller decides what is missing), or when the range of the values is below 1e-10 (R: "all 'x'
/// values are identical").
pub fn shapiro_wilk(values: &[f64]) -> Option<ShapiroWilk> {
    let n = values.len();
    if !(MIN_N..=MAX_N).contains(&n) || values.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    // Halves, so that the range of any finite sample is finite.
    let (low, half_range) = (sorted[0] / 2.0, sorted[n - 1] / 2.0 - sorted[0] / 2.0);
    if 2.0 * half_range < MIN_RANGE {
        return None;
    }
    // W does not depend on location or scale; mapping the sample onto [0, 1] keeps every sum
    // of squares below n, whatever the magnitude of the values.
    let scaled: Vec<f64> = sorted
        .iter()
        .map(|x| (x / 2.0 - low) / half_range)
        .collect();
    let upper = upper_coefficients(n);
    let coefficients: Vec<f64> = (0..n)
        .map(|i| {
            let mirror = n - 1 - i;
            if i < mirror {
                -upper[i]
            } else if i > mirror {
                upper[mirror]
            } else {
                0.0
            }
        })
        .collect();
    let one_minus_w = one_minus_squared_correlation(&coefficients, &scaled);
    let w = 1.0 - one_minus_w;
    Some(ShapiroWilk {
        w,
        p: p_value(n, w, one_minus_w),
    })
}

/// The coefficients a of the ⌊n/2⌋ largest order statistics, largest first (all positive).
fn upper_coefficients(n: usize) -> Vec<f64> {
    if n == 3 {
        return vec![std::f64::consts::FRAC_1_SQRT_2];
    }
    let half = n / 2;
    let nf = n as f64;
    let standard = Normal::standard();
    // m[i] is the approximate expected value of the (i+1)-th largest normal order statistic.
    let m: Vec<f64> = (1..=half)
        .map(|i| -standard.inverse_cdf((i as f64 - 0.375) / (nf + 0.25)))
        .collect();
    let sum_squares = 2.0 * m.iter().map(|mi| mi * mi).sum::<f64>();
    let root_sum_squares = sum_squares.sqrt();
    let u = 1.0 / nf.sqrt();
    let largest = m[0] / root_sum_squares + polynomial(&LARGEST_CORRECTION, u);
    let mut a = Vec::with_capacity(half);
    a.push(largest);
    let epsilon = if n > 5 {
        let second = m[1] / root_sum_squares + polynomial(&SECOND_CORRECTION, u);
        a.push(second);
        (sum_squares - 2.0 * m[0] * m[0] - 2.0 * m[1] * m[1])
            / (1.0 - 2.0 * largest * largest - 2.0 * second * second)
    } else {
        (sum_squares - 2.0 * m[0] * m[0]) / (1.0 - 2.0 * largest * largest)
    };
    let root_epsilon = epsilon.sqrt();
    a.extend(m[a.len()..].iter().map(|mi| mi / root_epsilon));
    a
}

/// 1 − r² for the correlation r of `a` and `x`, formed as (√(SₐSₓ) − Sₐₓ)(√(SₐSₓ) + Sₐₓ)/(SₐSₓ)
/// (AS R94), never below 0.
fn one_minus_squared_correlation(a: &[f64], x: &[f64]) -> f64 {
    let n = a.len() as f64;
    let mean_a = a.iter().sum::<f64>() / n;
    let mean_x = x.iter().sum::<f64>() / n;
    let (mut saa, mut sxx, mut sax) = (0.0, 0.0, 0.0);
    for (ai, xi) in a.iter().zip(x) {
        let da = ai - mean_a;
        let dx = xi - mean_x;
        saa += da * da;
        sxx += dx * dx;
        sax += da * dx;
    }
    let root = (saa * sxx).sqrt();
    ((root - sax) * (root + sax) / (saa * sxx)).max(0.0)
}

/// Royston's p-value for W (see [`shapiro_wilk`]); `one_minus_w` is 1 − W formed directly.
fn p_value(n: usize, w: f64, one_minus_w: f64) -> f64 {
    use std::f64::consts::PI;
    if n == 3 {
        // W of three values lies in [3/4, 1]: P(W ≤ w) = (6/π)(arcsin √w − π/3).
        return (6.0 / PI * (w.min(1.0).sqrt().asin() - PI / 3.0)).clamp(0.0, 1.0);
    }
    let nf = n as f64;
    let log_one_minus_w = one_minus_w.ln();
    let (y, mean, log_sd) = if n <= 11 {
        let gamma = polynomial(&SMALL_GAMMA, nf);
        if log_one_minus_w >= gamma {
            return BEYOND_RANGE_P;
        }
        (
            -(gamma - log_one_minus_w).ln(),
            polynomial(&SMALL_MEAN, nf),
            polynomial(&SMALL_LOG_SD, nf),
        )
    } else {
        let log_n = nf.ln();
        (
            log_one_minus_w,
            polynomial(&LARGE_MEAN, log_n),
            polynomial(&LARGE_LOG_SD, log_n),
        )
    };
    let z = (y - mean) / log_sd.exp();
    Normal::standard().sf(z)
}

/// Σ cⱼ xʲ for coefficients in ascending order (Horner's rule).
fn polynomial(coefficients: &[f64], x: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, c| acc * x + c)
}

#[cfg(test)]
// Reference values are R's `sprintf("%.17g", …)` output, kept digit for digit.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    /// Checks W and p against R's values.
    #[track_caller]
    fn assert_matches_r(values: &[f64], w: f64, p: f64) {
        let result = shapiro_wilk(values).expect("the test is defined for this sample");
        assert_close(result.w, w, REL_TOL_STAT);
        assert_close(result.p, p, REL_TOL_P);
    }

    /// `n` uniforms on (0, 1) from a 64-bit LCG (Knuth's MMIX constants), each the top 53 bits
    /// of the state plus one half, over 2⁵³: reproducible here and, written out with 17
    /// significant digits, in R.
    fn lcg_uniforms(seed: u64, n: usize) -> Vec<f64> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 11) as f64 + 0.5) / 9007199254740992.0
            })
            .collect()
    }

    const SLEEP_EXTRA: [f64; 20] = [
        0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0, 1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5,
        1.6, 4.6, 3.4,
    ];

    #[test]
    fn matches_r_on_the_sleep_data() {
        // R: r <- shapiro.test(sleep$extra); sprintf("%.17g", c(r$statistic, r$p.value))
        assert_matches_r(&SLEEP_EXTRA, 0.94607276250996897, 0.31137541672322422);
        // R: shapiro.test(sleep$extra[1:10])
        assert_matches_r(&SLEEP_EXTRA[..10], 0.92580602893664055, 0.40792879642998914);
        // The paired differences, with ties.
        // R: shapiro.test(with(sleep, extra[11:20] - extra[1:10]))
        let differences: Vec<f64> = (0..10)
            .map(|i| SLEEP_EXTRA[i + 10] - SLEEP_EXTRA[i])
            .collect();
        assert_matches_r(&differences, 0.82987133192879448, 0.033341608630307849);
    }

    #[test]
    fn matches_r_without_ties() {
        // R: shapiro.test(women$height)   (58:72)
        let heights: Vec<f64> = (58..=72).map(f64::from).collect();
        assert_matches_r(&heights, 0.9635934903654082, 0.7545333054391109);
    }

    #[test]
    fn matches_r_for_three_values_with_the_exact_p_value() {
        // R: shapiro.test(c(1, 2, 4))
        assert_matches_r(&[1.0, 2.0, 4.0], 0.96428571428571419, 0.6368868450289632);
        // R: shapiro.test(c(10, 10.5, 30))
        assert_matches_r(
            &[10.0, 10.5, 30.0],
            0.76873798846893027,
            0.041866373244981901,
        );
        // Equally spaced values have W = 1. R's truncated constants for 6/π and π/3 make
        // its p 1 − 7e-15.
        // R: shapiro.test(c(1, 2, 3))
        assert_matches_r(&[1.0, 2.0, 3.0], 1.0, 0.99999999999999334);
    }

    #[test]
    fn matches_r_for_4_to_11_values() {
        // R: shapiro.test(c(3.1, 4.7, 2.2, 9.8))
        assert_matches_r(
            &[3.1, 4.7, 2.2, 9.8],
            0.87164965603756661,
            0.30419715114712353,
        );
        // R: shapiro.test(c(12, 15, 11, 20, 14))
        assert_matches_r(
            &[12.0, 15.0, 11.0, 20.0, 14.0],
            0.9139878284583437,
            0.49192163220726692,
        );
        // n = 6, the first n with the second largest coefficient corrected.
        // R: shapiro.test(c(5.5, 6.1, 7.9, 4.2, 6.6, 12.3))
        assert_matches_r(
            &[5.5, 6.1, 7.9, 4.2, 6.6, 12.3],
            0.88010847834326655,
            0.26955564957177947,
        );
        // R: shapiro.test(c(23, 25, 21, 30, 27, 24, 22))
        assert_matches_r(
            &[23.0, 25.0, 21.0, 30.0, 27.0, 24.0, 22.0],
            0.95017565130732606,
            0.7312982327304286,
        );
        // R: shapiro.test(c(0.3, 1.2, -0.8, 2.5, 0.9, 1.1, -1.7, 0.4, 3.9, 0.0, 1.5))
        assert_matches_r(
            &[0.3, 1.2, -0.8, 2.5, 0.9, 1.1, -1.7, 0.4, 3.9, 0.0, 1.5],
            0.97599508312136829,
            0.93982917518865638,
        );
    }

    #[test]
    fn matches_r_for_12_to_20_values() {
        // R: shapiro.test(c(41, 38, 45, 52, 39, 44, 47, 36, 50, 43, 40, 46))
        let twelve = [
            41.0, 38.0, 45.0, 52.0, 39.0, 44.0, 47.0, 36.0, 50.0, 43.0, 40.0, 46.0,
        ];
        assert_matches_r(&twelve, 0.97862884872417577, 0.9776012837803616);
        // R: shapiro.test(c(-3, 5, -1, 2, 8, -6, 0, 4, -2, 3, 1, 12, -4, 6, -1, 2, 7))
        let seventeen = [
            -3.0, 5.0, -1.0, 2.0, 8.0, -6.0, 0.0, 4.0, -2.0, 3.0, 1.0, 12.0, -4.0, 6.0, -1.0, 2.0,
            7.0,
        ];
        assert_matches_r(&seventeen, 0.98748267453220484, 0.99600515522768041);
    }

    #[test]
    fn matches_r_on_skewed_data() {
        // R: shapiro.test(c(0.2, 0.3, 0.3, 0.5, 0.6, 0.9, 1.2, 1.6, 2.4, 3.5, 5.1, 8.8, 14.2,
        //                   27.5, 61.0))
        let skewed = [
            0.2, 0.3, 0.3, 0.5, 0.6, 0.9, 1.2, 1.6, 2.4, 3.5, 5.1, 8.8, 14.2, 27.5, 61.0,
        ];
        assert_matches_r(&skewed, 0.5755573514695137, 1.5321806351411445e-05);
        // R: shapiro.test(c(1:29, 1000))
        let outlier: Vec<f64> = (1..=29).map(f64::from).chain([1000.0]).collect();
        assert_matches_r(&outlier, 0.21599582143916607, 1.4750185070404215e-11);
    }

    #[test]
    fn matches_r_on_likert_sums_with_many_ties() {
        // R: shapiro.test(c(14, 15, 15, 16, 14, 17, 15, 13, 15, 16, 14, 15, 18, 15, 16, 14, 15,
        //                   12, 16, 15, 15, 17, 14, 15, 16))
        let sums = [
            14.0, 15.0, 15.0, 16.0, 14.0, 17.0, 15.0, 13.0, 15.0, 16.0, 14.0, 15.0, 18.0, 15.0,
            16.0, 14.0, 15.0, 12.0, 16.0, 15.0, 15.0, 17.0, 14.0, 15.0, 16.0,
        ];
        assert_matches_r(&sums, 0.94106512292921696, 0.15665476514282869);
    }

    // For the generated samples below, the values were written with `{:.17e}` (which round-trips)
    // to x.txt and R ran: r <- shapiro.test(scan("x.txt")); sprintf("%.17g", c(r$statistic,
    // r$p.value)).

    #[test]
    fn matches_r_on_100_generated_values() {
        // Sums of three uniforms: close to normal.
        let x: Vec<f64> = lcg_uniforms(20240601, 300)
            .chunks(3)
            .map(|c| c.iter().sum())
            .collect();
        assert_matches_r(&x, 0.98915803692499704, 0.59704271372121065);
    }

    #[test]
    fn matches_r_on_1000_generated_values() {
        // 10u²: strongly skewed, p far out in the tail.
        let x: Vec<f64> = lcg_uniforms(7, 1000).iter().map(|u| u * u * 10.0).collect();
        assert_matches_r(&x, 0.88467001869852457, 1.254808375921911e-26);
    }

    #[test]
    fn matches_r_on_5000_generated_values() {
        // Sums of two uniforms (triangular), at the largest n allowed.
        let x: Vec<f64> = lcg_uniforms(99, 10_000)
            .chunks(2)
            .map(|c| c[0] + c[1])
            .collect();
        assert_matches_r(&x, 0.99262431051391375, 1.9456351513757157e-15);
        assert_eq!(shapiro_wilk(&[x.as_slice(), &[1.0]].concat()), None);
    }

    #[test]
    fn undefined_samples_are_none() {
        assert_eq!(shapiro_wilk(&[]), None);
        assert_eq!(shapiro_wilk(&[1.0]), None);
        assert_eq!(shapiro_wilk(&[1.0, 2.0]), None);
        assert_eq!(shapiro_wilk(&[4.0; 12]), None);
        // R: shapiro.test(c(1, 1 + 1e-12, 1)) stops with "all 'x' values are identical".
        assert_eq!(shapiro_wilk(&[1.0, 1.0 + 1e-12, 1.0]), None);
        assert_eq!(shapiro_wilk(&[1.0, 2.0, f64::NAN, 4.0]), None);
        assert_eq!(shapiro_wilk(&[1.0, 2.0, f64::INFINITY, 4.0]), None);
    }

    #[test]
    fn extreme_magnitudes_give_finite_results() {
        for x in [
            [-1e308, 1e308, 0.5e308, 0.0, 3e307],
            [1e300, 1e300 + 1e290, 1e300 + 3e290, 1e300, 1e300 + 7e290],
        ] {
            let result = shapiro_wilk(&x).unwrap();
            assert!((0.0..=1.0).contains(&result.w) && (0.0..=1.0).contains(&result.p));
        }
    }

    #[test]
    fn is_invariant_to_location_and_scale() {
        let samples: [&[f64]; 3] = [&SLEEP_EXTRA, &[1.0, 2.0, 4.0], &SLEEP_EXTRA[3..11]];
        for x in samples {
            let moved: Vec<f64> = x.iter().map(|v| 3.0 * v + 7.0).collect();
            let (a, b) = (shapiro_wilk(x).unwrap(), shapiro_wilk(&moved).unwrap());
            assert_close(b.w, a.w, 1e-12);
            assert_close(b.p, a.p, 1e-12);
        }
    }

    #[test]
    fn does_not_depend_on_the_order_of_the_values() {
        let mut reversed = SLEEP_EXTRA;
        reversed.reverse();
        assert_eq!(shapiro_wilk(&reversed), shapiro_wilk(&SLEEP_EXTRA));
    }

    #[test]
    fn w_and_p_stay_in_the_unit_interval() {
        for n in MIN_N..=60 {
            for seed in 0..20 {
                let x = lcg_uniforms(seed * 1000 + n as u64, n);
                let result = shapiro_wilk(&x).unwrap();
                assert!(
                    (0.0..=1.0).contains(&result.w),
                    "W = {} for n = {n}",
                    result.w
                );
                assert!(
                    (0.0..=1.0).contains(&result.p),
                    "p = {} for n = {n}",
                    result.p
                );
            }
        }
    }

    #[test]
    fn coefficients_have_unit_length() {
        for n in [3, 4, 5, 6, 7, 11, 12, 30, 101, 5000] {
            let upper = upper_coefficients(n);
            assert_eq!(upper.len(), n / 2);
            let length: f64 = 2.0 * upper.iter().map(|a| a * a).sum::<f64>();
            assert_close(length, 1.0, 1e-12);
            assert!(upper.windows(2).all(|pair| pair[0] > pair[1]), "n = {n}");
        }
    }
}
