//! The descriptive table of a thesis ("Table 1"): n, mean, SD, SE, median, quartiles, range,
//! and skewness and kurtosis with their standard errors.
//!
//! Skewness and kurtosis are the adjusted Fisher–Pearson coefficients G1 and G2 of Joanes and
//! Gill (1998), *Comparing measures of sample skewness and kurtosis*, The Statistician 47:183–189,
//! which are what SPSS reports (IBM SPSS Statistics Algorithms, DESCRIPTIVES and FREQUENCIES:
//! "Skewness", "Kurtosis") and what R `psych::describe(x, type = 2)` computes. Their standard
//! errors are SPSS's (same chapters), which depend on n only.
//!
//! Quartiles follow one of two sample-quantile definitions of Hyndman and Fan (1996), *Sample
//! quantiles in statistical packages*, The American Statistician 50:361–365: R's default
//! (type 7) or SPSS's HAVERAGE (type 6), chosen with [`QuantileType`].

use serde::Serialize;

use crate::stats::descriptive::{mean, median, scale_exponent, scaled, sd};

/// A sample-quantile definition (Hyndman and Fan 1996). Both interpolate linearly between the
/// order statistics `x₍₁₎ ≤ … ≤ x₍ₙ₎` around a position `h`; they differ in where `h` lies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantileType {
    /// Hyndman and Fan's type 7, R's default `quantile(x, p)` (and Excel's `PERCENTILE.INC`):
    /// `h = (n − 1) p + 1`.
    #[default]
    R7,
    /// Hyndman and Fan's type 6, SPSS's default percentile method HAVERAGE (FREQUENCIES,
    /// EXAMINE; R `quantile(x, p, type = 6)`): `h = (n + 1) p`, the smallest value when `h < 1`
    /// and the largest when `h ≥ n`.
    Spss6,
}

/// The descriptive statistics of one sample.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Description {
    /// Number of values.
    pub n: usize,
    /// Arithmetic mean; `None` for an empty sample.
    pub mean: Option<f64>,
    /// Sample standard deviation (denominator n − 1, R `sd`); `None` below two values.
    pub sd: Option<f64>,
    /// Standard error of the mean, `sd / √n`; `None` below two values.
    pub se: Option<f64>,
    /// Median (R `median`); `None` for an empty sample.
    pub median: Option<f64>,
    /// First quartile, by the chosen [`QuantileType`]; `None` for an empty sample.
    pub q1: Option<f64>,
    /// Third quartile, by the chosen [`QuantileType`]; `None` for an empty sample.
    pub q3: Option<f64>,
    /// Smallest value; `None` for an empty sample.
    pub min: Option<f64>,
    /// Largest value; `None` for an empty sample.
    pub max: Option<f64>,
    /// Skewness G1 (see [`describe`]); `None` below three values or when all values are equal.
    pub skew: Option<f64>,
    /// Standard error of G1 as SPSS reports it; given exactly when `skew` is.
    pub skew_se: Option<f64>,
    /// Excess kurtosis G2 (see [`describe`]); `None` below four values or when all values are
    /// equal.
    pub kurtosis: Option<f64>,
    /// Standard error of G2 as SPSS reports it; given exactly when `kurtosis` is.
    pub kurtosis_se: Option<f64>,
    /// Why a statistic that n allows is missing (an SD beyond the largest double).
    pub notes: Vec<String>,
}

/// Describes `values` (the non-missing, finite values of one measure in one group).
///
/// With the central moments `m_k = Σ(x − x̄)^k / n`, the population skewness `g1 = m3 / m2^{3/2}`
/// and excess kurtosis `g2 = m4 / m2² − 3` are adjusted for sample size (Joanes and Gill 1998):
///
/// - `G1 = g1 · √(n(n − 1)) / (n − 2)`, defined for n ≥ 3;
/// - `G2 = (n − 1) / ((n − 2)(n − 3)) · ((n + 1) g2 + 6)`, defined for n ≥ 4;
///
/// matching R `psych::describe(x, type = 2)` (`skew`, `kurtosis`) and SPSS. Their standard
/// errors are SPSS's,
///
/// - `SES = √(6n(n − 1) / ((n − 2)(n + 1)(n + 3)))`,
/// - `SEK = 2 · SES · √((n² − 1) / ((n − 3)(n + 5)))`,
///
/// (IBM SPSS Statistics Algorithms, DESCRIPTIVES; the exact variances of G1 and G2 under
/// normality, Joanes and Gill 1998). psych does not report these SEs. Skewness, kurtosis and their
/// SEs are `None` when all values are equal (the moments are 0/0). Quartiles are
/// [`quantile`]`(values, 0.25 | 0.75, quantiles)`.
pub fn describe(values: &[f64], quantiles: QuantileType) -> Description {
    let n = values.len();
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let sd = sd(values);
    let varies = sorted.first() != sorted.last();
    // The moments are ratios that do not change with scale: computed on values scaled by a
    // power of two where their powers would overflow or underflow.
    let scaled_values = match scale_exponent(values) {
        0 => std::borrow::Cow::Borrowed(values),
        k => std::borrow::Cow::Owned(scaled(values, k)),
    };
    let moments = mean(&scaled_values)
        .filter(|_| varies)
        .map(|m| Moments::of(&scaled_values, m))
        .filter(|m| m.m2 > 0.0 && [m.m2, m.m3, m.m4].iter().all(|v| v.is_finite()));
    let skew = moments.filter(|_| n >= 3).map(|m| m.skew());
    let kurtosis = moments.filter(|_| n >= 4).map(|m| m.kurtosis());
    Description {
        n,
        mean: mean(values),
        sd,
        se: sd.map(|s| s / (n as f64).sqrt()),
        median: median(values),
        q1: quantile_of_sorted(&sorted, 0.25, quantiles),
        q3: quantile_of_sorted(&sorted, 0.75, quantiles),
        min: sorted.first().copied(),
        max: sorted.last().copied(),
        skew,
        skew_se: skew.and_then(|_| skew_se(n)),
        kurtosis,
        kurtosis_se: kurtosis.and_then(|_| kurtosis_se(n)),
        notes: if n >= 2 && sd.is_none() {
            vec![
                "the SD (and SE) exceed the largest number of double precision, 1.8e308: the values are too far apart"
                    .to_owned(),
            ]
        } else {
            Vec::new()
        },
    }
}

/// The sample quantile of `values` at probability `p` by the definition `kind`.
///
/// With the sorted values `x₍₁₎ ≤ … ≤ x₍ₙ₎`, a position `h` (type 7: `(n − 1)p + 1`; type 6:
/// `(n + 1)p`, clamped to `[1, n]`), `j = ⌊h⌋` and `g = h − j`, the quantile is
/// `x₍ⱼ₎ + g · (x₍ⱼ₊₁₎ − x₍ⱼ₎)` (Hyndman and Fan 1996), as R `quantile(x, p, type = 7 | 6)`.
/// Both definitions are continuous in `p`, so a position that rounding puts one ulp off an
/// integer changes the result by at most an ulp of the data.
///
/// `None` for an empty sample or a `p` outside `[0, 1]`.
pub fn quantile(values: &[f64], p: f64, kind: QuantileType) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    quantile_of_sorted(&sorted, p, kind)
}

/// [`quantile`] of values already sorted ascending.
fn quantile_of_sorted(sorted: &[f64], p: f64, kind: QuantileType) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    let n = sorted.len() as f64;
    // The 1-based position h, clamped to [1, n].
    let h = match kind {
        QuantileType::R7 => (n - 1.0) * p + 1.0,
        QuantileType::Spss6 => ((n + 1.0) * p).clamp(1.0, n),
    };
    let j = h.floor();
    let g = h - j;
    let low = sorted[j as usize - 1];
    Some(match sorted.get(j as usize) {
        // high − low overflows between values of opposite sign near 1.8e308: weigh them instead.
        Some(&high) if g > 0.0 && (high - low).is_finite() => low + g * (high - low),
        Some(&high) if g > 0.0 => low * (1.0 - g) + high * g,
        _ => low,
    })
}

/// `SES = √(6n(n − 1) / ((n − 2)(n + 1)(n + 3)))`; `None` below three values.
fn skew_se(n: usize) -> Option<f64> {
    if n < 3 {
        return None;
    }
    let n = n as f64;
    Some((6.0 * n * (n - 1.0) / ((n - 2.0) * (n + 1.0) * (n + 3.0))).sqrt())
}

/// `SEK = 2 · SES · √((n² − 1) / ((n − 3)(n + 5)))`; `None` below four values.
fn kurtosis_se(n: usize) -> Option<f64> {
    if n < 4 {
        return None;
    }
    let ses = skew_se(n)?;
    let n = n as f64;
    Some(2.0 * ses * ((n * n - 1.0) / ((n - 3.0) * (n + 5.0))).sqrt())
}

/// The second to fourth central moments `m_k = Σ(x − x̄)^k / n` of a sample.
#[derive(Debug, Clone, Copy)]
struct Moments {
    n: f64,
    m2: f64,
    m3: f64,
    m4: f64,
}

impl Moments {
    fn of(values: &[f64], mean: f64) -> Moments {
        let n = values.len() as f64;
        let (mut s2, mut s3, mut s4) = (0.0, 0.0, 0.0);
        for v in values {
            let d = v - mean;
            let d2 = d * d;
            s2 += d2;
            s3 += d2 * d;
            s4 += d2 * d2;
        }
        Moments {
            n,
            m2: s2 / n,
            m3: s3 / n,
            m4: s4 / n,
        }
    }

    /// `G1 = g1 · √(n(n − 1)) / (n − 2)` with `g1 = m3 / m2^{3/2}`.
    fn skew(self) -> f64 {
        let n = self.n;
        let g1 = self.m3 / self.m2.powf(1.5);
        g1 * (n * (n - 1.0)).sqrt() / (n - 2.0)
    }

    /// `G2 = (n − 1) / ((n − 2)(n − 3)) · ((n + 1) g2 + 6)` with `g2 = m4 / m2² − 3`.
    fn kurtosis(self) -> f64 {
        let n = self.n;
        let g2 = self.m4 / (self.m2 * self.m2) - 3.0;
        (n - 1.0) / ((n - 2.0) * (n - 3.0)) * ((n + 1.0) * g2 + 6.0)
    }
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_STAT, assert_close};

    /// Reference values from R 4 with psych 2.2.9, for one data set `x`.
    struct Reference {
        /// `d <- psych::describe(x, type = 2)`:
        /// `c(d$mean, d$sd, d$median, d$min, d$max, d$se)`.
        basic: [f64; 6],
        /// `c(d$skew, d$kurtosis)`; `None` where psych gives NaN.
        skew: Option<f64>,
        kurtosis: Option<f64>,
        /// `ses <- sqrt(6*n*(n-1)/((n-2)*(n+1)*(n+3)))`,
        /// `sek <- 2*ses*sqrt((n^2-1)/((n-3)*(n+5)))`.
        skew_se: Option<f64>,
        kurtosis_se: Option<f64>,
        /// `quantile(x, c(.25, .75), type = 7)` and `type = 6`.
        quartiles_r7: [f64; 2],
        quartiles_spss6: [f64; 2],
        /// `quantile(x, PROBS, type = 7)` and `type = 6`.
        r7: [f64; 7],
        spss6: [f64; 7],
    }

    /// The probabilities of the `r7` and `spss6` references.
    const PROBS: [f64; 7] = [0.0, 0.05, 0.1, 0.5, 0.9, 0.95, 1.0];

    /// Compares every statistic with its reference; prints the largest relative error of each
    /// (shown by `cargo test -- --nocapture`, for docs/validation.md).
    fn check(x: &[f64], reference: &Reference) {
        let mut worst = std::collections::BTreeMap::<&str, f64>::new();
        let mut close = |label: &'static str, actual: Option<f64>, expected: Option<f64>| match (
            actual, expected,
        ) {
            (Some(a), Some(e)) => {
                let error = if e == 0.0 {
                    (a - e).abs()
                } else {
                    ((a - e) / e).abs()
                };
                assert!(
                    error <= REL_TOL_STAT,
                    "{label}: {a} differs from the reference {e} by {error:e}"
                );
                let seen = worst.entry(label).or_default();
                *seen = seen.max(error);
            }
            (a, e) => assert_eq!(a, e, "{label}"),
        };
        for kind in [QuantileType::R7, QuantileType::Spss6] {
            let d = describe(x, kind);
            assert_eq!(d.n, x.len());
            let [mean, sd, median, min, max, se] = reference.basic;
            close("mean", d.mean, Some(mean));
            close("sd", d.sd, Some(sd));
            close("median", d.median, Some(median));
            close("min", d.min, Some(min));
            close("max", d.max, Some(max));
            close("se", d.se, Some(se));
            close("skew", d.skew, reference.skew);
            close("kurtosis", d.kurtosis, reference.kurtosis);
            close("skew_se", d.skew_se, reference.skew_se);
            close("kurtosis_se", d.kurtosis_se, reference.kurtosis_se);
            let quartiles = match kind {
                QuantileType::R7 => reference.quartiles_r7,
                QuantileType::Spss6 => reference.quartiles_spss6,
            };
            close("quartiles", d.q1, Some(quartiles[0]));
            close("quartiles", d.q3, Some(quartiles[1]));
        }
        for (i, p) in PROBS.into_iter().enumerate() {
            close(
                "quantile r7",
                quantile(x, p, QuantileType::R7),
                Some(reference.r7[i]),
            );
            close(
                "quantile spss6",
                quantile(x, p, QuantileType::Spss6),
                Some(reference.spss6[i]),
            );
        }
        eprintln!("largest relative errors: {worst:?}");
    }

    #[test]
    fn matches_psych_describe_on_the_sleep_data() {
        // R: x <- sleep$extra (both groups, n = 20; ties at -0.1, 0.8 and 3.4)
        let x = [
            0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0, 1.9, 0.8, 1.1, 0.1, -0.1, 4.4,
            5.5, 1.6, 4.6, 3.4,
        ];
        let reference = Reference {
            basic: [
                1.54,
                2.0179197209007103,
                0.95000000000000007,
                -1.6000000000000001,
                5.5,
                0.45122056690713913,
            ],
            skew: Some(0.45185739399081576),
            kurtosis: Some(-0.77474364028679599),
            skew_se: Some(0.51210333670775743),
            kurtosis_se: Some(0.99238361254184504),
            quartiles_r7: [-0.025000000000000001, 3.3999999999999999],
            quartiles_spss6: [-0.075000000000000011, 3.3999999999999999],
            r7: [
                -1.6000000000000001,
                -1.2199999999999998,
                -0.29999999999999966,
                0.95000000000000007,
                4.4200000000000008,
                4.6450000000000005,
                5.5,
            ],
            spss6: [
                -1.6000000000000001,
                -1.5800000000000001,
                -1.0999999999999999,
                0.95000000000000007,
                4.5800000000000001,
                5.4549999999999992,
                5.5,
            ],
        };
        check(&x, &reference);
    }

    #[test]
    fn matches_psych_describe_on_integer_scores_with_ties() {
        // R: x <- c(34, 41, 28, 41, 52, 37, 30, 41, 45, 28, 60, 37, 33, 49, 41)
        let x = [
            34.0, 41.0, 28.0, 41.0, 52.0, 37.0, 30.0, 41.0, 45.0, 28.0, 60.0, 37.0, 33.0, 49.0,
            41.0,
        ];
        let reference = Reference {
            basic: [
                39.799999999999997,
                9.0411756504813656,
                41.0,
                28.0,
                60.0,
                2.3344215149633558,
            ],
            skew: Some(0.69183119257610748),
            kurtosis: Some(0.30846584062823279),
            skew_se: Some(0.58011935111532142),
            kurtosis_se: Some(1.1208970766356099),
            quartiles_r7: [33.5, 43.0],
            quartiles_spss6: [33.0, 45.0],
            r7: [
                28.0,
                28.0,
                28.800000000000001,
                41.0,
                50.799999999999997,
                54.399999999999991,
                60.0,
            ],
            spss6: [28.0, 28.0, 28.0, 41.0, 55.200000000000003, 60.0, 60.0],
        };
        check(&x, &reference);
    }

    #[test]
    fn matches_psych_describe_on_a_skewed_sample() {
        // R: x <- c(1, 1, 2, 2, 3, 4, 6, 9, 15, 28, 55)
        let x = [1.0, 1.0, 2.0, 2.0, 3.0, 4.0, 6.0, 9.0, 15.0, 28.0, 55.0];
        let reference = Reference {
            basic: [
                11.454545454545455,
                16.561181336871087,
                4.0,
                1.0,
                55.0,
                4.9933840526761664,
            ],
            skew: Some(2.2057269658037728),
            kurtosis: Some(4.898646644450273),
            skew_se: Some(0.66068747264340988),
            kurtosis_se: Some(1.2794157892978975),
            quartiles_r7: [2.0, 12.0],
            quartiles_spss6: [2.0, 15.0],
            r7: [1.0, 1.0, 1.0, 4.0, 28.0, 41.5, 55.0],
            spss6: [1.0, 1.0, 1.0, 4.0, 49.600000000000023, 55.0, 55.0],
        };
        check(&x, &reference);
    }

    #[test]
    fn three_values_have_a_skewness_but_no_kurtosis() {
        // R: x <- c(2, 5, 11); psych gives kurtosis NaN and the SEK formula Inf.
        let x = [2.0, 5.0, 11.0];
        let reference = Reference {
            basic: [6.0, 4.5825756949558398, 5.0, 2.0, 11.0, 2.6457513110645907],
            skew: Some(0.9352195295828245),
            kurtosis: None,
            skew_se: Some(1.2247448713915889),
            kurtosis_se: None,
            quartiles_r7: [3.5, 8.0],
            quartiles_spss6: [2.0, 11.0],
            r7: [
                2.0,
                2.3000000000000003,
                2.5999999999999996,
                5.0,
                9.7999999999999972,
                10.399999999999999,
                11.0,
            ],
            spss6: [2.0, 2.0, 2.0, 5.0, 11.0, 11.0, 11.0],
        };
        check(&x, &reference);
    }

    #[test]
    fn four_values_have_a_kurtosis() {
        // R: x <- c(1, 2, 4, 10)
        let x = [10.0, 1.0, 4.0, 2.0];
        let reference = Reference {
            basic: [4.25, 4.0311288741492746, 3.0, 1.0, 10.0, 2.0155644370746373],
            skew: Some(1.469334548210623),
            kurtosis: Some(2.0307692307692307),
            skew_se: Some(1.0141851056742199),
            kurtosis_se: Some(2.6186146828319088),
            quartiles_r7: [1.75, 5.5],
            quartiles_spss6: [1.25, 8.5],
            r7: [
                1.0,
                1.1499999999999999,
                1.3,
                3.0,
                8.2000000000000011,
                9.0999999999999979,
                10.0,
            ],
            spss6: [1.0, 1.0, 1.0, 3.0, 10.0, 10.0, 10.0],
        };
        check(&x, &reference);
    }

    #[test]
    fn small_and_constant_samples_give_none() {
        let empty = describe(&[], QuantileType::R7);
        assert_eq!(empty.n, 0);
        assert_eq!(
            [
                empty.mean,
                empty.median,
                empty.q1,
                empty.q3,
                empty.min,
                empty.max
            ],
            [None; 6]
        );
        assert_eq!([empty.sd, empty.se, empty.skew, empty.kurtosis], [None; 4]);

        let one = describe(&[7.0], QuantileType::Spss6);
        assert_eq!([one.mean, one.median, one.q1, one.q3], [Some(7.0); 4]);
        assert_eq!([one.sd, one.se, one.skew, one.skew_se], [None; 4]);

        let two = describe(&[1.0, 3.0], QuantileType::R7);
        assert_close(two.se.unwrap(), 1.0, REL_TOL_STAT);
        assert_eq!(
            [two.skew, two.skew_se, two.kurtosis, two.kurtosis_se],
            [None; 4]
        );

        // All values equal: psych gives NaN skewness and kurtosis.
        let constant = describe(&[0.1; 6], QuantileType::R7);
        assert_eq!(constant.sd, Some(0.0));
        assert_eq!(constant.q1, Some(0.1));
        let undefined = [constant.skew, constant.skew_se];
        assert_eq!(undefined, [None; 2]);
        assert_eq!([constant.kurtosis, constant.kurtosis_se], [None; 2]);

        for p in [-0.1, 1.1, f64::NAN] {
            assert_eq!(quantile(&[1.0, 2.0], p, QuantileType::R7), None);
        }
        assert_eq!(quantile(&[], 0.5, QuantileType::Spss6), None);
    }

    #[test]
    fn quantiles_are_monotone_and_bounded() {
        let x = [5.0, 1.0, 4.0, 4.0, 9.0, 2.0, 7.0];
        for kind in [QuantileType::R7, QuantileType::Spss6] {
            let mut previous = f64::NEG_INFINITY;
            for i in 0..=1000 {
                let q = quantile(&x, f64::from(i) / 1000.0, kind).unwrap();
                assert!(q >= previous && (1.0..=9.0).contains(&q));
                previous = q;
            }
            assert_eq!(quantile(&x, 0.0, kind), Some(1.0));
            assert_eq!(quantile(&x, 1.0, kind), Some(9.0));
            assert_eq!(quantile(&x, 0.5, kind), median(&x));
        }
    }

    #[test]
    fn skewness_changes_sign_when_values_are_mirrored() {
        let x = [1.0, 1.0, 2.0, 2.0, 3.0, 4.0, 6.0, 9.0, 15.0, 28.0, 55.0];
        let mirrored: Vec<f64> = x.iter().map(|v| -v).collect();
        let (d, m) = (
            describe(&x, QuantileType::R7),
            describe(&mirrored, QuantileType::R7),
        );
        assert_close(m.skew.unwrap(), -d.skew.unwrap(), REL_TOL_STAT);
        assert_close(m.kurtosis.unwrap(), d.kurtosis.unwrap(), REL_TOL_STAT);
        assert_eq!(m.skew_se, d.skew_se);
    }
}
