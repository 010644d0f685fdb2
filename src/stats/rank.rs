//! Wilcoxon rank tests: the signed-rank test for paired data and the Wilcoxon–Mann–Whitney
//! rank-sum test for two independent groups, with exact and normal-approximation p-values.
//!
//! Ranks are midranks (tied values share the average of the ranks they occupy, as R `rank`).
//!
//! **Exact p-values** come from the permutation distribution of the statistic *conditional on the
//! observed rank scores* (Hothorn, Hornik, van de Wiel & Zeileis 2006, "A Lego system for
//! conditional inference", *The American Statistician* 60(3), 257–263; the R package `coin`).
//! Without ties this is the classical null distribution of Wilcoxon's V and Mann–Whitney's U
//! (R `psignrank`, `pwilcox`); with ties or dropped zeros it is what `coin` computes with
//! `distribution = "exact"`. Midranks are multiples of ½, so the doubled scores are integers and the
//! distribution is built by counting over the sums of selected scores, in the manner of the shift
//! algorithm of Streitberg & Röhmel (1986, "Exact distributions for permutation and rank tests: an
//! introduction to some recently published algorithms", *Statistical Software Newsletter* 12(1),
//! 10–17). The dynamic programme carries probabilities rather than counts, so nothing overflows.
//!
//! **Normal approximations** use the tie-corrected variance and the continuity correction of R
//! `wilcox.test(..., exact = FALSE, correct = TRUE)` (Hollander & Wolfe 1973, *Nonparametric
//! Statistical Methods*, §3.1 and §4.1).

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal};

use crate::stats::Alternative;

/// Largest sample size for which [`MethodChoice::Auto`] computes exact p-values: the number of
/// non-zero differences for [`signed_rank`], each group's size for [`rank_sum`] (both groups must
/// be at most this). R's own default in `wilcox.test` is exact for n < 50, so at exactly 50 R uses
/// the normal approximation where psyscore is exact.
pub const EXACT_MAX_N: usize = 50;

/// Upper bound on the number of dynamic-programming cells an explicit [`MethodChoice::Exact`]
/// request may cost (about a second); larger problems fall back to the normal approximation.
const EXACT_MAX_WORK: f64 = 1e9;

/// How the p-value of a rank test was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RankMethod {
    /// The exact (conditional) permutation distribution.
    Exact,
    /// The normal approximation with tie and continuity correction.
    Normal,
}

/// Which p-value a rank test should compute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodChoice {
    /// Exact when the sample is small (see [`EXACT_MAX_N`]), normal otherwise.
    #[default]
    Auto,
    /// Exact whenever the counting stays cheap (up to about 10⁹ steps: a paired n of about 1000,
    /// two groups of about 120 each); beyond that the normal approximation runs, and the result's
    /// `method` says so.
    Exact,
    /// Always the normal approximation.
    Normal,
}

/// The Wilcoxon signed-rank test of paired differences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SignedRank {
    /// V = W+, the sum of the ranks of |d| over the positive differences (R `wilcox.test`'s V).
    pub v: f64,
    /// The p-value for the requested alternative.
    pub p: f64,
    /// How `p` was computed.
    pub method: RankMethod,
    /// Number of zero differences, dropped before ranking (Wilcoxon's method, R's default).
    pub zeros: usize,
    /// Number of non-zero differences whose |d| equals the |d| of at least one other non-zero
    /// difference (so a pair of equal |d| counts 2, a triple 3).
    pub ties: usize,
    /// Number of non-zero differences ranked (n after dropping zeros).
    pub n_used: usize,
    /// W+, the sum of the ranks of the positive differences (equal to `v`).
    pub w_plus: f64,
    /// W−, the sum of the ranks of the negative differences; W+ + W− = n(n + 1)/2.
    pub w_minus: f64,
    /// The matched-pairs rank-biserial correlation (Kerby 2014, "The simple difference formula",
    /// *Comprehensive Psychology* 3, 11.IT.3.1): r = (W+ − W−)/(W+ + W−), in [−1, 1], positive
    /// when the differences tend to be positive. Always `Some` for a result that exists.
    pub rank_biserial: Option<f64>,
}

/// The Wilcoxon–Mann–Whitney rank-sum test of two independent groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankSum {
    /// U of the first group, U = R₁ − n₁(n₁ + 1)/2 with R₁ the sum of the first group's ranks in
    /// the combined sample (ties counting ½): the number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ plus half
    /// the pairs with xᵢ = yⱼ. This is R `wilcox.test(x, y)`'s W.
    pub u: f64,
    /// The p-value for the requested alternative (`Less`: x tends to be smaller than y).
    pub p: f64,
    /// How `p` was computed.
    pub method: RankMethod,
    /// Number of observations in the combined sample whose value equals that of at least one
    /// other observation (so a pair of equal values counts 2, a triple 3).
    pub ties: usize,
    /// The rank-biserial correlation (Glass 1965; Kerby 2014): r = 2U/(n₁n₂) − 1, in [−1, 1],
    /// positive when the first group tends to have larger values. Always `Some` for a result that
    /// exists.
    pub rank_biserial: Option<f64>,
}

/// The Wilcoxon signed-rank test of `differences` (post − pre, or x − y).
///
/// Zero differences are dropped (`zero.method = "Wilcoxon"`); the remaining n differences are
/// ranked by |d| with midranks and V = W+ is the sum of the ranks of the positive ones.
///
/// - Exact: the distribution of V given the observed ranks when each sign is + or − with
///   probability ½. `Less` is P(V ≤ v), `Greater` is P(V ≥ v), and the two-sided p-value is
///   P(|V − E V| ≥ |v − E V|) with E V = n(n + 1)/4, as `coin::wilcoxsign_test(post ~ pre,
///   distribution = "exact", zero.method = "Wilcoxon")`. The distribution is symmetric, so without
///   ties this equals R `wilcox.test(..., paired = TRUE, exact = TRUE)`'s
///   min(1, 2 min(P(V ≤ v), P(V ≥ v))).
/// - Normal: z = (V − n(n + 1)/4 − c)/σ with σ² = n(n + 1)(2n + 1)/24 − Σ(t³ − t)/48 over the
///   groups of t tied |d|, and the continuity correction c = ½·sign(V − n(n + 1)/4) (two-sided),
///   +½ (`Greater`), −½ (`Less`), as R `wilcox.test(..., exact = FALSE, correct = TRUE)`.
///
/// `None` when no difference is non-zero or a difference is not finite.
pub fn signed_rank(
    differences: &[f64],
    alternative: Alternative,
    method: MethodChoice,
) -> Option<SignedRank> {
    if differences.iter().any(|d| !d.is_finite()) {
        return None;
    }
    let nonzero: Vec<f64> = differences.iter().copied().filter(|&d| d != 0.0).collect();
    let n = nonzero.len();
    if n == 0 {
        return None;
    }
    let magnitudes: Vec<f64> = nonzero.iter().map(|d| d.abs()).collect();
    let ranking = Ranking::of(&magnitudes);
    let total = ranking.doubled_total();
    let w_plus_doubled: u64 = nonzero
        .iter()
        .zip(&ranking.doubled)
        .filter(|(d, _)| **d > 0.0)
        .map(|(_, r)| r)
        .sum();
    let w_plus = w_plus_doubled as f64 / 2.0;
    let w_minus = (total - w_plus_doubled) as f64 / 2.0;

    let n_f = n as f64;
    let exact = match method {
        MethodChoice::Auto => n <= EXACT_MAX_N,
        MethodChoice::Exact => n_f * total as f64 <= EXACT_MAX_WORK,
        MethodChoice::Normal => false,
    };
    let p = if exact {
        signed_rank_exact_p(&ranking.doubled, w_plus_doubled, alternative)
    } else {
        let mean = n_f * (n_f + 1.0) / 4.0;
        let variance = n_f * (n_f + 1.0) * (2.0 * n_f + 1.0) / 24.0 - ranking.tie_term() / 48.0;
        normal_p(w_plus - mean, variance.sqrt(), alternative)?
    };
    Some(SignedRank {
        v: w_plus,
        p,
        method: if exact {
            RankMethod::Exact
        } else {
            RankMethod::Normal
        },
        zeros: differences.len() - n,
        ties: ranking.tied_count(),
        n_used: n,
        w_plus,
        w_minus,
        rank_biserial: Some((w_plus - w_minus) / (w_plus + w_minus)),
    })
}

/// The Wilcoxon–Mann–Whitney rank-sum test of `x` against `y`.
///
/// Both samples are ranked together with midranks; U is the first group's rank sum minus
/// n₁(n₁ + 1)/2.
///
/// - Exact: the distribution of U given the observed rank scores when every split of the
///   n₁ + n₂ scores into groups of n₁ and n₂ is equally likely. `Less` is P(U ≤ u), `Greater` is
///   P(U ≥ u), and the two-sided p-value is P(|U − n₁n₂/2| ≥ |u − n₁n₂/2|), as
///   `coin::wilcox_test(v ~ g, distribution = "exact")` with x the first level of g. Without ties
///   the distribution is symmetric and this equals R `wilcox.test(x, y, exact = TRUE)`'s
///   min(1, 2 min(P(U ≤ u), P(U ≥ u))).
/// - Normal: z = (U − n₁n₂/2 − c)/σ with σ² = n₁n₂/12 · (N + 1 − Σ(t³ − t)/(N(N − 1))), N = n₁ + n₂,
///   over the groups of t tied values, and the continuity correction c as in [`signed_rank`], as R
///   `wilcox.test(x, y, exact = FALSE, correct = TRUE)`.
///
/// `None` when a group is empty, a value is not finite, or all values are equal (no rank
/// information).
pub fn rank_sum(
    x: &[f64],
    y: &[f64],
    alternative: Alternative,
    method: MethodChoice,
) -> Option<RankSum> {
    if x.is_empty() || y.is_empty() || x.iter().chain(y).any(|v| !v.is_finite()) {
        return None;
    }
    let combined: Vec<f64> = x.iter().chain(y).copied().collect();
    let ranking = Ranking::of(&combined);
    let (n1, n2) = (x.len(), y.len());
    let big_n = n1 + n2;
    if ranking.tie_sizes == [big_n] {
        return None;
    }
    let r1_doubled: u64 = ranking.doubled[..n1].iter().sum();
    let n1_u = n1 as u64;
    let u = (r1_doubled - n1_u * (n1_u + 1)) as f64 / 2.0;
    let (n1_f, n2_f, big_n_f) = (n1 as f64, n2 as f64, big_n as f64);

    let smaller = n1.min(n2) as f64;
    let work = big_n_f * smaller * (2.0 * smaller * (big_n_f - smaller) + 1.0);
    let exact = match method {
        MethodChoice::Auto => n1 <= EXACT_MAX_N && n2 <= EXACT_MAX_N,
        MethodChoice::Exact => work <= EXACT_MAX_WORK,
        MethodChoice::Normal => false,
    };
    let p = if exact {
        rank_sum_exact_p(&ranking.doubled, n1, alternative)
    } else {
        let mean = n1_f * n2_f / 2.0;
        let variance =
            n1_f * n2_f / 12.0 * (big_n_f + 1.0 - ranking.tie_term() / (big_n_f * (big_n_f - 1.0)));
        normal_p(u - mean, variance.sqrt(), alternative)?
    };
    Some(RankSum {
        u,
        p,
        method: if exact {
            RankMethod::Exact
        } else {
            RankMethod::Normal
        },
        ties: ranking.tied_count(),
        rank_biserial: Some(2.0 * u / (n1_f * n2_f) - 1.0),
    })
}

/// Midranks of a sample, doubled so that they are integers.
pub(crate) struct Ranking {
    /// 2 × the midrank of each value, in input order.
    pub(crate) doubled: Vec<u64>,
    /// Sizes of the groups of two or more equal values.
    tie_sizes: Vec<usize>,
}

impl Ranking {
    /// Ranks finite `values` (R `rank(values)`, ties averaged; equality is exact `==`).
    pub(crate) fn of(values: &[f64]) -> Ranking {
        let mut order: Vec<usize> = (0..values.len()).collect();
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        let mut doubled = vec![0; values.len()];
        let mut tie_sizes = Vec::new();
        let mut start = 0;
        while start < order.len() {
            let mut end = start + 1;
            while end < order.len() && values[order[end]] == values[order[start]] {
                end += 1;
            }
            // Positions start..end hold ranks start + 1 ..= end; twice their mean is start + 1 + end.
            for &index in &order[start..end] {
                doubled[index] = (start + 1 + end) as u64;
            }
            if end - start > 1 {
                tie_sizes.push(end - start);
            }
            start = end;
        }
        Ranking { doubled, tie_sizes }
    }

    /// Sum of the doubled ranks, n(n + 1).
    fn doubled_total(&self) -> u64 {
        let n = self.doubled.len() as u64;
        n * (n + 1)
    }

    /// Number of values that share their value with another.
    fn tied_count(&self) -> usize {
        self.tie_sizes.iter().sum()
    }

    /// Σ(t³ − t) over the groups of tied values.
    pub(crate) fn tie_term(&self) -> f64 {
        self.tie_sizes
            .iter()
            .map(|&t| {
                let t = t as f64;
                t * t * t - t
            })
            .sum()
    }
}

/// The p-value of a statistic with mean-centred value `centred` and standard deviation `sigma`
/// under the normal approximation with R's continuity correction; `None` if `sigma` is not
/// positive.
fn normal_p(centred: f64, sigma: f64, alternative: Alternative) -> Option<f64> {
    if sigma.is_nan() || sigma <= 0.0 {
        return None;
    }
    let standard = Normal::standard();
    Some(match alternative {
        Alternative::TwoSided => {
            let z = (centred - 0.5 * sign(centred)) / sigma;
            (2.0 * standard.sf(z.abs())).min(1.0)
        }
        Alternative::Greater => standard.sf((centred - 0.5) / sigma),
        Alternative::Less => standard.cdf((centred + 0.5) / sigma),
    })
}

/// −1, 0 or 1 (R `sign`: 0 for 0, unlike `f64::signum`).
fn sign(value: f64) -> f64 {
    if value > 0.0 {
        1.0
    } else if value < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// The exact p-value of the signed-rank statistic, given the doubled rank `scores` and the
/// observed doubled W+ `observed`.
///
/// Under H0 each score enters W+ independently with probability ½, so the distribution of the
/// doubled W+ is built score by score: P′(s) = ½ P(s) + ½ P(s − a).
fn signed_rank_exact_p(scores: &[u64], observed: u64, alternative: Alternative) -> f64 {
    let total: u64 = scores.iter().sum();
    let mut probability = vec![0.0; total as usize + 1];
    probability[0] = 1.0;
    let mut reachable = 0;
    for &score in scores {
        let score = score as usize;
        reachable += score;
        for sum in (0..=reachable).rev() {
            let with = if sum >= score {
                probability[sum - score]
            } else {
                0.0
            };
            probability[sum] = 0.5 * (probability[sum] + with);
        }
    }
    // Centred on the mean total/2, doubled to stay in integers.
    let distance = |sum: u64| (2 * sum as i64 - total as i64).abs();
    tail_probability(&probability, observed, alternative, distance)
}

/// The exact p-value of the rank-sum statistic of the first `n1` of the doubled midrank `scores`.
///
/// The distribution of the sum of a uniformly random subset of m scores (m the smaller group) is
/// built score by score over (subset size k, sum s): after i scores,
/// Pᵢ(k, s) = (k/i) Pᵢ₋₁(k − 1, s − aᵢ) + ((i − k)/i) Pᵢ₋₁(k, s). Scores are taken in increasing
/// order so the reachable sums stay narrow.
fn rank_sum_exact_p(scores: &[u64], n1: usize, alternative: Alternative) -> f64 {
    let big_n = scores.len();
    let n2 = big_n - n1;
    let first_is_smaller = n1 <= n2;
    let (m, group) = if first_is_smaller {
        (n1, &scores[..n1])
    } else {
        (n2, &scores[n1..])
    };
    let observed: u64 = group.iter().sum();
    let alternative = match (first_is_smaller, alternative) {
        (false, Alternative::Less) => Alternative::Greater,
        (false, Alternative::Greater) => Alternative::Less,
        (_, other) => other,
    };

    let mut sorted = scores.to_vec();
    sorted.sort_unstable();
    // prefix[i] = sum of the i smallest scores.
    let mut prefix = vec![0u64; big_n + 1];
    for (i, &score) in sorted.iter().enumerate() {
        prefix[i + 1] = prefix[i] + score;
    }
    let max_sum = (prefix[big_n] - prefix[big_n - m]) as usize;
    let width = max_sum + 1;
    // Row k holds P(k of the scores seen so far, chosen at random, sum to s).
    let mut table = vec![0.0; (m + 1) * width];
    table[0] = 1.0;
    for i in 1..=big_n {
        let score = sorted[i - 1] as usize;
        let i_f = i as f64;
        // Rows below m − (N − i) can no longer grow to a subset of size m.
        let lowest = m.saturating_sub(big_n - i).max(1);
        for k in (lowest..=m.min(i)).rev() {
            let take = k as f64 / i_f;
            let leave = (i - k) as f64 / i_f;
            // With the scores ascending, a k-subset of the first i sums to between the k smallest
            // and the k largest of them.
            let low = prefix[k] as usize;
            // Outside that range the row is already zero: its support only widens with i.
            let high = (prefix[i] - prefix[i - k]) as usize;
            let (above, below) = table.split_at_mut(k * width);
            let previous = &above[(k - 1) * width..];
            let row = &mut below[..width];
            for sum in low..=high {
                let with = if sum >= score {
                    previous[sum - score]
                } else {
                    0.0
                };
                row[sum] = take * with + leave * row[sum];
            }
        }
    }
    let distribution = &table[m * width..];
    // E(sum) = m·total/N; compare |N·s − m·total| to stay in integers.
    let total = prefix[big_n] as i128;
    let distance = |sum: u64| (big_n as i128 * sum as i128 - m as i128 * total).abs();
    tail_probability(distribution, observed, alternative, distance)
}

/// P(S ≤ t), P(S ≥ t) or P(distance(S) ≥ distance(t)) from the probabilities of each integer sum,
/// added up directly (never as 1 − the complement) and capped at 1.
fn tail_probability<D: Ord>(
    probability: &[f64],
    observed: u64,
    alternative: Alternative,
    distance: impl Fn(u64) -> D,
) -> f64 {
    let observed_distance = distance(observed);
    let p: f64 = probability
        .iter()
        .enumerate()
        .filter(|&(sum, _)| {
            let sum = sum as u64;
            match alternative {
                Alternative::Less => sum <= observed,
                Alternative::Greater => sum >= observed,
                Alternative::TwoSided => distance(sum) >= observed_distance,
            }
        })
        .map(|(_, p)| p)
        .sum();
    p.min(1.0)
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
#[allow(
    clippy::approx_constant,
    reason = "3.14 is a data value of R's depression example"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};
    use Alternative::{Greater, Less, TwoSided};

    const ALTERNATIVES: [Alternative; 3] = [TwoSided, Less, Greater];

    /// post − pre, element by element, as R's `post - pre`.
    fn differences(pre: &[f64], post: &[f64]) -> Vec<f64> {
        post.iter().zip(pre).map(|(b, a)| b - a).collect()
    }

    /// Checks the p-values of `signed_rank` for the three alternatives (two-sided, less, greater).
    #[track_caller]
    fn check_signed(d: &[f64], method: MethodChoice, ran: RankMethod, v: f64, p: [f64; 3]) {
        for (alternative, expected) in ALTERNATIVES.into_iter().zip(p) {
            let result = signed_rank(d, alternative, method).unwrap();
            assert_eq!(result.method, ran);
            assert_close(result.v, v, REL_TOL_STAT);
            assert_close(result.p, expected, REL_TOL_P);
        }
    }

    /// Checks the p-values of `rank_sum` for the three alternatives (two-sided, less, greater).
    #[track_caller]
    fn check_groups(
        x: &[f64],
        y: &[f64],
        method: MethodChoice,
        ran: RankMethod,
        u: f64,
        p: [f64; 3],
    ) {
        for (alternative, expected) in ALTERNATIVES.into_iter().zip(p) {
            let result = rank_sum(x, y, alternative, method).unwrap();
            assert_eq!(result.method, ran);
            assert_close(result.u, u, REL_TOL_STAT);
            assert_close(result.p, expected, REL_TOL_P);
        }
    }

    const SLEEP_1: [f64; 10] = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const SLEEP_2: [f64; 10] = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];

    #[test]
    fn sleep_paired_matches_wilcox_test_and_coin() {
        let d = differences(&SLEEP_1, &SLEEP_2);
        // R: with(sleep, wilcox.test(extra[group == 2], extra[group == 1], paired = TRUE,
        //   exact = FALSE, correct = TRUE, alternative = a))   # V = 45
        check_signed(
            &d,
            MethodChoice::Normal,
            RankMethod::Normal,
            45.0,
            [
                0.0090906980159250559,
                0.99680626672425776,
                0.0045453490079625279,
            ],
        );
        // R: with(sleep, coin::wilcoxsign_test(extra[group == 2] ~ extra[group == 1],
        //   distribution = "exact", zero.method = "Wilcoxon", alternative = a))
        check_signed(
            &d,
            MethodChoice::Auto,
            RankMethod::Exact,
            45.0,
            [0.00390625, 1.0, 0.001953125],
        );
        let result = signed_rank(&d, TwoSided, MethodChoice::Auto).unwrap();
        // R: d <- post - pre; dn <- d[d != 0]; r <- rank(abs(dn))
        //    sum(d == 0); length(dn); sum(duplicated(r) | duplicated(r, fromLast = TRUE))
        assert_eq!((result.zeros, result.n_used, result.ties), (1, 9, 2));
        assert_eq!((result.w_plus, result.w_minus), (45.0, 0.0));
        // R: effectsize::rank_biserial(extra[group == 2], extra[group == 1], paired = TRUE)
        assert_close(result.rank_biserial.unwrap(), 1.0, REL_TOL_STAT);
    }

    // The depression data of R's ?wilcox.test (Hollander & Wolfe 1973, p. 29): no ties, no zeros.
    const DEPRESSION_X: [f64; 9] = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
    const DEPRESSION_Y: [f64; 9] = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

    #[test]
    fn paired_without_ties_matches_wilcox_test_exact() {
        let d = differences(&DEPRESSION_X, &DEPRESSION_Y);
        // R: wilcox.test(y, x, paired = TRUE, exact = TRUE, alternative = a), V = 5; coin's
        //   wilcoxsign_test(y ~ x, distribution = "exact", zero.method = "Wilcoxon") agrees.
        check_signed(
            &d,
            MethodChoice::Auto,
            RankMethod::Exact,
            5.0,
            [0.0390625, 0.01953125, 0.986328125],
        );
        // R: wilcox.test(y, x, paired = TRUE, exact = FALSE, correct = TRUE, alternative = a)
        check_signed(
            &d,
            MethodChoice::Normal,
            RankMethod::Normal,
            5.0,
            [
                0.044010984012951455,
                0.022005492006475728,
                0.98351530937788989,
            ],
        );
        let result = signed_rank(&d, TwoSided, MethodChoice::Auto).unwrap();
        assert_eq!((result.zeros, result.n_used, result.ties), (0, 9, 0));
        // R: effectsize::rank_biserial(y, x, paired = TRUE)
        assert_close(
            result.rank_biserial.unwrap(),
            -0.77777777777777768,
            REL_TOL_STAT,
        );
    }

    #[test]
    fn paired_n20_without_ties_matches_wilcox_test_exact() {
        let pre = [
            31., 28., 35., 40., 22., 27., 33., 25., 30., 36., 29., 24., 38., 26., 32., 34., 21.,
            37., 39., 23.,
        ];
        let post = [
            34., 27., 42., 52., 17., 36., 48., 27., 41., 28., 35., 38., 56., 22., 42., 47., 41.,
            53., 20., 40.,
        ];
        let d = differences(&pre, &post);
        // R: wilcox.test(post, pre, paired = TRUE, exact = TRUE, alternative = a), V = 173;
        //   coin::wilcoxsign_test(post ~ pre, distribution = "exact", zero.method = "Wilcoxon")
        //   gives the same digits.
        check_signed(
            &d,
            MethodChoice::Auto,
            RankMethod::Exact,
            173.0,
            [
                0.0094356536865234375,
                0.99584579467773438,
                0.0047178268432617188,
            ],
        );
        // R: wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE, alternative = a)
        check_signed(
            &d,
            MethodChoice::Normal,
            RankMethod::Normal,
            173.0,
            [
                0.011736977116182138,
                0.99472540614382887,
                0.0058684885580910688,
            ],
        );
    }

    #[test]
    fn paired_with_ties_and_zeros_matches_coin_and_wilcox_test() {
        let pre = [20., 18., 25., 30., 22., 19., 27., 24., 21., 26., 23., 28.];
        let post = [17., 18., 21., 26., 22., 15., 27., 20., 19., 23., 20., 29.];
        let d = differences(&pre, &post);
        // R: coin::wilcoxsign_test(post ~ pre, distribution = "exact", zero.method = "Wilcoxon",
        //   alternative = a)
        check_signed(
            &d,
            MethodChoice::Auto,
            RankMethod::Exact,
            1.0,
            [0.0078125, 0.00390625, 0.998046875],
        );
        // R: wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE, alternative = a)
        check_signed(
            &d,
            MethodChoice::Normal,
            RankMethod::Normal,
            1.0,
            [
                0.011769112865950266,
                0.0058845564329751332,
                0.99584177189458589,
            ],
        );
        let result = signed_rank(&d, TwoSided, MethodChoice::Auto).unwrap();
        assert_eq!((result.zeros, result.n_used, result.ties), (3, 9, 7));
        assert_eq!((result.w_plus, result.w_minus), (1.0, 44.0));
        // R: effectsize::rank_biserial(post, pre, paired = TRUE)
        assert_close(
            result.rank_biserial.unwrap(),
            -0.95555555555555549,
            REL_TOL_STAT,
        );
    }

    #[test]
    fn paired_with_decimal_ties_matches_coin() {
        // R: set.seed(7); pre <- round(rnorm(20, 50, 10), 2); post <- round(pre + rnorm(20, 2, 5), 2)
        // Two differences are both 2.9200000000000017 in floating point: a tie, as in R.
        let pre = [
            72.870000000000005,
            38.030000000000001,
            43.060000000000002,
            45.880000000000003,
            40.289999999999999,
            40.530000000000001,
            57.479999999999997,
            48.829999999999998,
            51.530000000000001,
            71.900000000000006,
            53.57,
            77.170000000000002,
            72.810000000000002,
            53.240000000000002,
            68.959999999999994,
            54.68,
            41.060000000000002,
            46.93,
            49.950000000000003,
            59.880000000000003,
        ];
        let post = [
            79.069999999999993,
            43.560000000000002,
            51.590000000000003,
            40.939999999999998,
            48.649999999999999,
            43.450000000000003,
            63.240000000000002,
            53.789999999999999,
            48.609999999999999,
            72.519999999999996,
            51.219999999999999,
            82.760000000000005,
            75.359999999999999,
            54.850000000000001,
            68.859999999999999,
            53.869999999999997,
            48.049999999999997,
            43.399999999999999,
            51.240000000000002,
            63.450000000000003,
        ];
        let d = differences(&pre, &post);
        // R: coin::wilcoxsign_test(post ~ pre, distribution = "exact", zero.method = "Wilcoxon",
        //   alternative = a); V = 169.5 from wilcox.test
        check_signed(
            &d,
            MethodChoice::Auto,
            RankMethod::Exact,
            169.5,
            [0.0139617919921875, 0.99336433410644531, 0.00698089599609375],
        );
        assert_eq!(
            signed_rank(&d, TwoSided, MethodChoice::Auto).unwrap().ties,
            2
        );
    }

    const PRE_53: [f64; 53] = [
        11., 25., 26., 14., 21., 30., 16., 30., 12., 20., 16., 22., 11., 26., 17., 24., 16., 15.,
        23., 12., 12., 20., 27., 21., 11., 12., 19., 25., 20., 11., 18., 17., 16., 17., 16., 29.,
        22., 26., 14., 27., 14., 29., 26., 25., 21., 23., 27., 16., 10., 26., 15., 30., 25.,
    ];
    const POST_53: [f64; 53] = [
        11., 25., 25., 14., 16., 35., 14., 35., 9., 17., 14., 19., 16., 27., 14., 26., 21., 14.,
        18., 7., 7., 22., 23., 19., 16., 9., 21., 24., 21., 6., 20., 20., 17., 20., 12., 32., 27.,
        22., 18., 29., 11., 30., 27., 23., 22., 21., 29., 17., 12., 26., 19., 33., 22.,
    ];

    #[test]
    fn paired_n49_after_zeros_is_exact_by_default_and_matches_coin() {
        // R: set.seed(11); pre <- sample(10:30, 53, replace = TRUE)
        //    post <- pre + sample(c(-5:5), 53, replace = TRUE)      # 4 zeros, n = 49
        let d = differences(&PRE_53, &POST_53);
        // R: coin::wilcoxsign_test(post ~ pre, distribution = "exact", zero.method = "Wilcoxon",
        //   alternative = a); V = 602 from wilcox.test
        check_signed(
            &d,
            MethodChoice::Auto,
            RankMethod::Exact,
            602.0,
            [0.91734970257263626, 0.45867485128631813, 0.5429991571177446],
        );
        // R: wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE, alternative = a)
        check_signed(
            &d,
            MethodChoice::Normal,
            RankMethod::Normal,
            602.0,
            [
                0.92031404055166011,
                0.46015702027583005,
                0.54381195174715868,
            ],
        );
    }

    const PRE_60: [f64; 60] = [
        11., 14., 22., 37., 40., 26., 22., 18., 35., 11., 40., 38., 20., 25., 38., 39., 37., 23.,
        11., 35., 21., 27., 35., 30., 10., 20., 12., 18., 23., 26., 37., 25., 33., 29., 37., 29.,
        20., 35., 29., 29., 32., 32., 34., 37., 19., 37., 13., 16., 29., 34., 30., 25., 29., 12.,
        34., 11., 34., 34., 26., 31.,
    ];
    const POST_60: [f64; 60] = [
        14., 8., 18., 39., 34., 25., 19., 20., 39., 9., 35., 41., 14., 21., 36., 38., 33., 25., 5.,
        39., 17., 29., 37., 26., 14., 17., 9., 12., 24., 28., 34., 24., 37., 24., 41., 24., 16.,
        29., 24., 31., 31., 29., 38., 31., 23., 37., 9., 20., 31., 35., 27., 25., 33., 16., 36.,
        9., 29., 35., 29., 27.,
    ];

    #[test]
    fn paired_n60_uses_the_normal_approximation_of_wilcox_test() {
        // R: set.seed(2024); pre <- sample(10:40, 60, replace = TRUE)
        //    post <- pre + sample(-6:4, 60, replace = TRUE)      # 2 zeros, n = 58
        let d = differences(&PRE_60, &POST_60);
        // R: wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE, alternative = a)
        check_signed(
            &d,
            MethodChoice::Auto,
            RankMethod::Normal,
            580.5,
            [
                0.032567393525697125,
                0.016283696762848562,
                0.98403008295830985,
            ],
        );
        // An explicit exact request is honoured above EXACT_MAX_N.
        // R: coin::wilcoxsign_test(post ~ pre, distribution = "exact", zero.method = "Wilcoxon",
        //   alternative = a)
        check_signed(
            &d,
            MethodChoice::Exact,
            RankMethod::Exact,
            580.5,
            [
                0.031714489967223029,
                0.015857244983611515,
                0.98432149519972179,
            ],
        );
        let result = signed_rank(&d, TwoSided, MethodChoice::Auto).unwrap();
        assert_eq!((result.zeros, result.n_used, result.ties), (2, 58, 58));
    }

    #[test]
    fn paired_with_one_difference() {
        // R: wilcox.test(5, 3, paired = TRUE, exact = TRUE, alternative = a), V = 1, and coin
        check_signed(
            &[2.0],
            MethodChoice::Auto,
            RankMethod::Exact,
            1.0,
            [1.0, 1.0, 0.5],
        );
        // R: wilcox.test(3, 5, paired = TRUE, exact = TRUE, alternative = a), V = 0
        check_signed(
            &[-2.0],
            MethodChoice::Auto,
            RankMethod::Exact,
            0.0,
            [1.0, 0.5, 1.0],
        );
        // R: wilcox.test(5, 3, paired = TRUE, exact = FALSE, correct = TRUE, alternative = a)
        check_signed(
            &[2.0],
            MethodChoice::Normal,
            RankMethod::Normal,
            1.0,
            [1.0, 0.97724986805182079, 0.5],
        );
        let result = signed_rank(&[-2.0], TwoSided, MethodChoice::Auto).unwrap();
        assert_eq!(result.rank_biserial, Some(-1.0));
    }

    #[test]
    fn paired_without_nonzero_differences_is_none() {
        for method in [
            MethodChoice::Auto,
            MethodChoice::Exact,
            MethodChoice::Normal,
        ] {
            assert_eq!(signed_rank(&[0.0, 0.0, -0.0], TwoSided, method), None);
            assert_eq!(signed_rank(&[], TwoSided, method), None);
            assert_eq!(signed_rank(&[1.0, f64::NAN], TwoSided, method), None);
            assert_eq!(signed_rank(&[1.0, f64::INFINITY], TwoSided, method), None);
        }
    }

    // The airway data of R's ?wilcox.test (Hollander & Wolfe 1973, p. 69): no ties.
    const AIRWAY_X: [f64; 10] = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    const AIRWAY_Y: [f64; 5] = [1.15, 0.88, 0.90, 0.74, 1.21];

    #[test]
    fn groups_without_ties_match_wilcox_test_exact() {
        // R: wilcox.test(x, y, exact = TRUE, alternative = a), W = 35; coin::wilcox_test(v ~ g,
        //   distribution = "exact") gives the same digits.
        check_groups(
            &AIRWAY_X,
            &AIRWAY_Y,
            MethodChoice::Auto,
            RankMethod::Exact,
            35.0,
            [0.2544122544122544, 0.89676989676989671, 0.1272061272061272],
        );
        // R: wilcox.test(x, y, exact = FALSE, correct = TRUE, alternative = a)
        check_groups(
            &AIRWAY_X,
            &AIRWAY_Y,
            MethodChoice::Normal,
            RankMethod::Normal,
            35.0,
            [
                0.24462360512698336,
                0.90077534820399385,
                0.12231180256349168,
            ],
        );
        let result = rank_sum(&AIRWAY_X, &AIRWAY_Y, TwoSided, MethodChoice::Auto).unwrap();
        assert_eq!(result.ties, 0);
        // R: effectsize::rank_biserial(x, y)
        assert_close(
            result.rank_biserial.unwrap(),
            0.39999999999999997,
            REL_TOL_STAT,
        );
    }

    #[test]
    fn groups_without_ties_first_group_larger() {
        let x = [
            3.1, 4.7, 2.2, 5.9, 6.3, 1.8, 7.4, 4.1, 3.6, 5.2, 2.9, 6.8, 8.0, 0.7, 4.4, 5.5, 3.3,
            6.1, 2.5, 7.7,
        ];
        let y = [1.2, 2.0, 0.9, 3.8, 1.5, 2.7, 0.4];
        // R: wilcox.test(x, y, exact = TRUE, alternative = a), W = 123; coin agrees
        check_groups(
            &x,
            &y,
            MethodChoice::Auto,
            RankMethod::Exact,
            123.0,
            [
                0.002092271657489049,
                0.99918020787586004,
                0.0010461358287445245,
            ],
        );
    }

    #[test]
    fn groups_with_ties_match_coin_and_wilcox_test() {
        let x = [12., 15., 9., 20., 15., 11., 18., 14.];
        let y = [10., 9., 13., 8., 12., 9., 11., 7., 10.];
        // R: d <- data.frame(v = c(x, y), g = factor(rep(c("x", "y"), c(8, 9))))
        //    coin::wilcox_test(v ~ g, data = d, distribution = "exact", alternative = a)
        check_groups(
            &x,
            &y,
            MethodChoice::Auto,
            RankMethod::Exact,
            62.0,
            [
                0.0097490744549568083,
                0.99621554915672561,
                0.0051419169066227888,
            ],
        );
        // R: wilcox.test(x, y, exact = FALSE, correct = TRUE, alternative = a), W = 62
        check_groups(
            &x,
            &y,
            MethodChoice::Normal,
            RankMethod::Normal,
            62.0,
            [
                0.013668629306088972,
                0.99480476118838035,
                0.0068343146530444859,
            ],
        );
        let result = rank_sum(&x, &y, TwoSided, MethodChoice::Auto).unwrap();
        // R: r <- rank(c(x, y)); sum(duplicated(r) | duplicated(r, fromLast = TRUE))
        assert_eq!(result.ties, 11);
        // R: effectsize::rank_biserial(x, y)
        assert_close(
            result.rank_biserial.unwrap(),
            0.72222222222222232,
            REL_TOL_STAT,
        );
    }

    #[test]
    fn groups_with_an_asymmetric_tie_distribution_use_coins_two_sided_p() {
        // With ranks 2.5, 2.5, 2.5, 2.5, 5, 6, 7 the conditional distribution is not symmetric:
        // coin's P(|U − E U| ≥ |u − E U|) = 0.2571… differs from 2 min(P(U ≤ u), P(U ≥ u)) = 0.2857….
        let (a, b) = ([1., 1., 1., 2.], [1., 3., 4.]);
        // R: coin::wilcox_test(v ~ g, distribution = "exact", alternative = a), x first, then the
        //   groups swapped; U from wilcox.test(x, y)
        check_groups(
            &a,
            &b,
            MethodChoice::Auto,
            RankMethod::Exact,
            2.5,
            [
                0.25714285714285712,
                0.14285714285714285,
                0.97142857142857142,
            ],
        );
        check_groups(
            &b,
            &a,
            MethodChoice::Auto,
            RankMethod::Exact,
            9.5,
            [
                0.25714285714285712,
                0.97142857142857142,
                0.14285714285714285,
            ],
        );
        // R: wilcox.test(c(1, 1, 1, 2), c(1, 3, 4), exact = FALSE, correct = TRUE, alternative = a)
        check_groups(
            &a,
            &b,
            MethodChoice::Normal,
            RankMethod::Normal,
            2.5,
            [0.2418865994088307, 0.12094329970441535, 0.94066482721770839],
        );
        // R: effectsize::rank_biserial(c(1, 1, 1, 2), c(1, 3, 4))
        let result = rank_sum(&a, &b, TwoSided, MethodChoice::Auto).unwrap();
        assert_close(
            result.rank_biserial.unwrap(),
            -0.58333333333333326,
            REL_TOL_STAT,
        );
    }

    #[test]
    fn groups_with_one_observation() {
        // R: wilcox.test(3, c(1, 2, 4, 5), exact = TRUE, alternative = a), W = 2, and coin
        check_groups(
            &[3.0],
            &[1.0, 2.0, 4.0, 5.0],
            MethodChoice::Auto,
            RankMethod::Exact,
            2.0,
            [1.0, 0.60000000000000009, 0.59999999999999998],
        );
        // R: wilcox.test(3, c(1, 2, 4, 5), exact = FALSE, correct = TRUE, alternative = a)
        check_groups(
            &[3.0],
            &[1.0, 2.0, 4.0, 5.0],
            MethodChoice::Normal,
            RankMethod::Normal,
            2.0,
            [1.0, 0.63816319508411845, 0.63816319508411845],
        );
    }

    const X_50: [f64; 50] = [
        13., 11., 15., 0., 10., 10., 3., 17., 8., 18., 1., 7., 6., 6., 0., 17., 13., 6., 19., 14.,
        11., 2., 17., 14., 3., 14., 16., 19., 15., 2., 10., 13., 7., 0., 18., 2., 15., 15., 17.,
        11., 0., 11., 12., 10., 6., 0., 4., 18., 1., 14.,
    ];
    const Y_50: [f64; 50] = [
        20., 22., 16., 5., 11., 15., 16., 7., 10., 19., 13., 19., 4., 18., 14., 15., 2., 19., 16.,
        21., 17., 4., 14., 12., 17., 12., 22., 17., 19., 18., 9., 21., 8., 22., 14., 5., 21., 22.,
        14., 20., 13., 5., 13., 7., 9., 20., 22., 9., 4., 11.,
    ];

    #[test]
    fn groups_50_by_50_with_ties_are_exact_and_match_coin() {
        // R (after set.seed(2024) and the draws above): x <- sample(0:20, 50, replace = TRUE);
        //   y <- sample(2:22, 50, replace = TRUE);
        //   coin::wilcox_test(v ~ g, distribution = "exact", alternative = a), W = 775.5
        check_groups(
            &X_50,
            &Y_50,
            MethodChoice::Auto,
            RankMethod::Exact,
            775.5,
            [
                0.00091928172868232095,
                0.00045964086434116048,
                0.99954627220467407,
            ],
        );
        // R: wilcox.test(x, y, exact = FALSE, correct = TRUE, alternative = a)
        check_groups(
            &X_50,
            &Y_50,
            MethodChoice::Normal,
            RankMethod::Normal,
            775.5,
            [
                0.0010681827090874645,
                0.00053409135454373226,
                0.99947880210401552,
            ],
        );
        assert_eq!(
            rank_sum(&X_50, &Y_50, TwoSided, MethodChoice::Auto)
                .unwrap()
                .ties,
            100
        );
    }

    #[test]
    fn groups_above_50_use_the_normal_approximation_of_wilcox_test() {
        let x = [
            30., 6., 21., 18., 6., 15., 25., 26., 5., 6., 7., 17., 9., 30., 9., 25., 6., 21., 27.,
            28., 25., 8., 20., 13., 26., 25., 22., 6., 17., 14., 5., 23., 29., 5., 22., 29., 5.,
            12., 27., 12., 20., 14., 9., 9., 15., 11., 5., 7., 18., 28., 28., 13., 27., 25., 8.,
            30., 16., 8., 23., 28.,
        ];
        let y = [
            10., 12., 24., 21., 12., 32., 15., 15., 24., 20., 13., 8., 19., 16., 17., 14., 32., 8.,
            16., 19., 25., 26., 27., 24., 8., 26., 12., 12., 32., 22., 16., 32., 8., 20., 27., 19.,
            19., 14., 17., 18., 26., 28., 29., 18., 9., 32., 23., 12., 27., 14., 31., 17., 30.,
            26., 28.,
        ];
        // R (set.seed(2024) stream): x <- sample(5:30, 60, TRUE); y <- sample(8:32, 55, TRUE)
        //   wilcox.test(x, y, exact = FALSE, correct = TRUE, alternative = a), W = 1316
        check_groups(
            &x,
            &y,
            MethodChoice::Auto,
            RankMethod::Normal,
            1316.0,
            [
                0.061632948363135508,
                0.030816474181567754,
                0.96957137322435971,
            ],
        );
    }

    #[test]
    fn groups_without_rank_information_are_none() {
        for method in [
            MethodChoice::Auto,
            MethodChoice::Exact,
            MethodChoice::Normal,
        ] {
            assert_eq!(
                rank_sum(&[2.0, 2.0], &[2.0, 2.0, 2.0], TwoSided, method),
                None
            );
            assert_eq!(rank_sum(&[1.0], &[1.0], TwoSided, method), None);
            assert_eq!(rank_sum(&[], &[1.0, 2.0], TwoSided, method), None);
            assert_eq!(rank_sum(&[1.0, 2.0], &[], TwoSided, method), None);
            assert_eq!(rank_sum(&[1.0, f64::NAN], &[2.0], TwoSided, method), None);
        }
        // Two values, one per group, are enough.
        let result = rank_sum(&[1.0], &[2.0], TwoSided, MethodChoice::Auto).unwrap();
        assert_eq!((result.u, result.p), (0.0, 1.0));
    }

    #[test]
    fn midranks_match_r_rank() {
        // R: 2 * rank(c(3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 0, -0))   (0 and −0 are equal, as in R)
        //   13 7 16 7 20 26 10 24 20 13 20 3 3
        let ranking = Ranking::of(&[3., 1., 4., 1., 5., 9., 2., 6., 5., 3., 5., 0.0, -0.0]);
        assert_eq!(
            ranking.doubled,
            [13, 7, 16, 7, 20, 26, 10, 24, 20, 13, 20, 3, 3]
        );
        assert_eq!(ranking.tie_sizes, [2, 2, 2, 3]);
        assert_eq!(ranking.tied_count(), 9);
    }

    /// A small deterministic generator of integer-valued samples, so ties are common.
    fn sample(seed: u64, len: usize, range: u64) -> Vec<f64> {
        let mut state = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 33) % range) as f64 - (range / 2) as f64
            })
            .collect()
    }

    #[test]
    fn exact_signed_rank_matches_full_enumeration_of_signs() {
        for seed in 0..40 {
            let d = sample(seed, 2 + (seed as usize % 9), 9);
            let Some(result) = signed_rank(&d, TwoSided, MethodChoice::Exact) else {
                continue;
            };
            let nonzero: Vec<f64> = d.iter().copied().filter(|&v| v != 0.0).collect();
            let magnitudes: Vec<f64> = nonzero.iter().map(|v| v.abs()).collect();
            let ranks = Ranking::of(&magnitudes).doubled;
            let total: u64 = ranks.iter().sum();
            let observed = (2.0 * result.v) as u64;
            let distance = |s: u64| (2 * s as i64 - total as i64).abs();
            let count = 1u64 << ranks.len();
            let (mut less, mut greater, mut two_sided) = (0u64, 0u64, 0u64);
            for signs in 0..count {
                let s: u64 = (0..ranks.len())
                    .filter(|i| signs >> i & 1 == 1)
                    .map(|i| ranks[i])
                    .sum();
                less += u64::from(s <= observed);
                greater += u64::from(s >= observed);
                two_sided += u64::from(distance(s) >= distance(observed));
            }
            let expected = [two_sided, less, greater].map(|c| c as f64 / count as f64);
            for (alternative, expected) in ALTERNATIVES.into_iter().zip(expected) {
                let p = signed_rank(&d, alternative, MethodChoice::Exact).unwrap().p;
                assert_close(p, expected, 1e-12);
            }
        }
    }

    /// All subsets of `0..n` of size `k`, as bit masks.
    fn subsets(n: usize, k: usize) -> impl Iterator<Item = u32> {
        (0u32..1 << n).filter(move |m| m.count_ones() as usize == k)
    }

    #[test]
    fn exact_rank_sum_matches_full_enumeration_of_splits() {
        for seed in 0..40 {
            let n1 = 1 + seed as usize % 6;
            let n2 = 1 + (seed as usize / 6) % 7;
            let x = sample(seed, n1, 7);
            let y = sample(seed + 1000, n2, 7);
            let Some(result) = rank_sum(&x, &y, TwoSided, MethodChoice::Exact) else {
                continue;
            };
            let combined: Vec<f64> = x.iter().chain(&y).copied().collect();
            let ranks = Ranking::of(&combined).doubled;
            let big_n = ranks.len() as i64;
            let total: u64 = ranks.iter().sum();
            let observed: u64 = ranks[..n1].iter().sum();
            let distance = |s: u64| (big_n * s as i64 - n1 as i64 * total as i64).abs();
            let (mut count, mut less, mut greater, mut two_sided) = (0u64, 0u64, 0u64, 0u64);
            for mask in subsets(ranks.len(), n1) {
                let s: u64 = (0..ranks.len())
                    .filter(|i| mask >> i & 1 == 1)
                    .map(|i| ranks[i])
                    .sum();
                count += 1;
                less += u64::from(s <= observed);
                greater += u64::from(s >= observed);
                two_sided += u64::from(distance(s) >= distance(observed));
            }
            let expected = [two_sided, less, greater].map(|c| c as f64 / count as f64);
            for (alternative, expected) in ALTERNATIVES.into_iter().zip(expected) {
                let found = rank_sum(&x, &y, alternative, MethodChoice::Exact).unwrap();
                assert_close(found.p, expected, 1e-12);
                assert_eq!(found.u, result.u);
            }
        }
    }

    #[test]
    fn without_ties_two_sided_is_twice_the_smaller_tail() {
        // R wilcox.test's exact definition, min(1, 2 min(P(V ≤ v), P(V ≥ v))), coincides with
        // coin's for a tie-free (symmetric) distribution.
        for n in 1..=12usize {
            let d: Vec<f64> = (1..=n)
                .map(|i| if i % 3 == 0 { -(i as f64) } else { i as f64 })
                .collect();
            let tail = |a| signed_rank(&d, a, MethodChoice::Exact).unwrap().p;
            let expected = (2.0 * tail(Less).min(tail(Greater))).min(1.0);
            assert_close(tail(TwoSided), expected, 1e-12);
        }
        for n1 in 1..=8usize {
            let x: Vec<f64> = (0..n1).map(|i| (3 * i) as f64).collect();
            let y: Vec<f64> = (0..7).map(|i| (2 * i) as f64 + 0.5).collect();
            let tail = |a| rank_sum(&x, &y, a, MethodChoice::Exact).unwrap().p;
            let expected = (2.0 * tail(Less).min(tail(Greater))).min(1.0);
            assert_close(tail(TwoSided), expected, 1e-12);
        }
    }

    #[test]
    fn exact_and_normal_agree_for_large_samples() {
        let d = sample(7, 250, 41);
        let x = sample(8, 70, 31);
        let y: Vec<f64> = sample(9, 70, 31).iter().map(|v| v + 2.0).collect();
        for alternative in ALTERNATIVES {
            let exact = signed_rank(&d, alternative, MethodChoice::Exact).unwrap();
            let normal = signed_rank(&d, alternative, MethodChoice::Normal).unwrap();
            assert_eq!(exact.method, RankMethod::Exact);
            assert!((exact.p - normal.p).abs() < 2e-3, "{exact:?} {normal:?}");
            let exact = rank_sum(&x, &y, alternative, MethodChoice::Exact).unwrap();
            let normal = rank_sum(&x, &y, alternative, MethodChoice::Normal).unwrap();
            assert_eq!(exact.method, RankMethod::Exact);
            assert!((exact.p - normal.p).abs() < 2e-3, "{exact:?} {normal:?}");
        }
    }

    #[test]
    fn p_values_lie_in_the_unit_interval_and_tails_are_monotone() {
        for seed in 0..30 {
            let d = sample(seed, 1 + seed as usize, 11);
            let x = sample(seed + 50, 1 + seed as usize % 13, 11);
            let y = sample(seed + 90, 1 + seed as usize % 7, 11);
            for method in [MethodChoice::Exact, MethodChoice::Normal] {
                for alternative in ALTERNATIVES {
                    let results = [
                        signed_rank(&d, alternative, method).map(|r| r.p),
                        rank_sum(&x, &y, alternative, method).map(|r| r.p),
                    ];
                    for p in results.into_iter().flatten() {
                        assert!((0.0..=1.0).contains(&p), "p = {p}");
                    }
                }
            }
        }
        // P(V ≤ v) grows with v: shifting one difference from negative to positive raises V.
        let mut d = vec![-1.0, -2.0, -3.0, -4.0, -5.0, -6.0];
        let mut last = 0.0;
        for i in 0..d.len() {
            d[i] = -d[i];
            let p = signed_rank(&d, Less, MethodChoice::Exact).unwrap().p;
            assert!(p >= last);
            last = p;
        }
    }

    #[test]
    fn forced_exact_falls_back_to_normal_when_too_costly() {
        let d = sample(3, 1200, 101);
        let result = signed_rank(&d, TwoSided, MethodChoice::Exact).unwrap();
        assert_eq!(result.method, RankMethod::Normal);
        let x = sample(4, 200, 50);
        let y = sample(5, 200, 50);
        let result = rank_sum(&x, &y, TwoSided, MethodChoice::Exact).unwrap();
        assert_eq!(result.method, RankMethod::Normal);
    }

    #[test]
    fn methods_serialise_in_snake_case() {
        assert_eq!(
            serde_json::to_string(&RankMethod::Exact).unwrap(),
            "\"exact\""
        );
        assert_eq!(
            serde_json::to_string(&RankMethod::Normal).unwrap(),
            "\"normal\""
        );
        assert_eq!(
            serde_json::to_string(&MethodChoice::Auto).unwrap(),
            "\"auto\""
        );
    }
}
