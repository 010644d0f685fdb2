//! Pairwise comparisons after a one-way ANOVA or Kruskal–Wallis test, one entry per pair of
//! groups `(a, b)` with `a` before `b` in level order (R's order: `(1,2), (1,3), …, (2,3), …`).
//! Every difference is `b − a`, as R's `TukeyHSD` (`"b-a"`) and rstatix write it.
//!
//! - [`tukey_hsd`]: Tukey's honestly significant difference with the Tukey–Kramer standard
//!   error for unequal sizes (Kramer 1956), as R `TukeyHSD(aov(y ~ g), conf.level = conf)`.
//! - [`games_howell`]: the Games–Howell test (Games & Howell 1976), Welch's standard error and
//!   degrees of freedom per pair, as `rstatix::games_howell_test(conf.level = conf)`.
//! - [`dunn`]: Dunn's (1964) rank z with a tie correction and Holm's adjustment, as
//!   `rstatix::dunn_test(p.adjust.method = "holm")`.
//! - [`posthoc`]: the three side by side, one [`PosthocPair`] per pair.
//!
//! Tukey and Games–Howell p-values and limits use the studentized range of
//! [`crate::stats::tukey`], which is more accurate than R's `ptukey`/`qtukey`: psyscore's
//! limits agree with R's to about 1e-7 relative (R's `qtukey` is accurate to ~1e-8–1e-7 there),
//! its p-values with R's to 1e-6 where R's `ptukey` is accurate (see that module).

use serde::Serialize;

use crate::stats::adjust::{Adjust, adjust};
use crate::stats::oneway::PooledRanks;
use crate::stats::ttest::SampleStats;
use crate::stats::tukey::{MAX_NMEANS, ptukey_upper, qtukey, upper_normal};

/// One pair of Tukey's HSD.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TukeyPair {
    /// Index of the first group.
    pub a: usize,
    /// Index of the second group.
    pub b: usize,
    /// `mean_b − mean_a` (R's `diff`).
    pub diff: f64,
    /// Lower simultaneous confidence limit (R's `lwr`).
    pub ci_low: f64,
    /// Upper simultaneous confidence limit (R's `upr`).
    pub ci_high: f64,
    /// The adjusted p-value `P(Q_{g, N−g} > |diff| / se)` (R's `p adj`).
    pub p: f64,
}

/// Tukey's HSD for every pair: with `MSE = SS_within / (N − g)` and
/// `se = √(MSE/2 · (1/n_a + 1/n_b))`, `p = P(Q > |diff| / se)` and the limits
/// `diff ∓ q_{conf; g, N−g} · se`, `Q` the studentized range of `g` means on `N − g` degrees of
/// freedom (Tukey 1953; Kramer 1956), as R `TukeyHSD(aov(y ~ g), conf.level = conf)`.
///
/// `None` with fewer than two groups (or more than [`MAX_NMEANS`]), an empty group, no more
/// values than groups, a non-finite value, no variation within the groups, or `conf` outside
/// (0, 1).
pub fn tukey_hsd(groups: &[&[f64]], conf: f64) -> Option<Vec<TukeyPair>> {
    let g = groups.len();
    let n: usize = groups.iter().map(|group| group.len()).sum();
    if !(2..=MAX_NMEANS).contains(&g) || n <= g || !(conf > 0.0 && conf < 1.0) {
        return None;
    }
    let stats = summaries(groups)?;
    let within: f64 = groups
        .iter()
        .zip(&stats)
        .map(|(group, s)| group.iter().map(|v| (v - s.mean).powi(2)).sum::<f64>())
        .sum();
    let df = (n - g) as f64;
    let mse = within / df;
    if !(mse > 0.0 && mse.is_finite()) {
        return None;
    }
    let q = qtukey(conf, g, df)?;
    pairs(g)
        .map(|(a, b)| {
            let diff = stats[b].mean - stats[a].mean;
            let se = (mse / 2.0 * (1.0 / stats[a].n as f64 + 1.0 / stats[b].n as f64)).sqrt();
            Some(TukeyPair {
                a,
                b,
                diff,
                ci_low: diff - q * se,
                ci_high: diff + q * se,
                p: ptukey_upper(diff.abs() / se, g, df)?,
            })
        })
        .collect()
}

/// One pair of the Games–Howell test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GamesHowellPair {
    /// Index of the first group.
    pub a: usize,
    /// Index of the second group.
    pub b: usize,
    /// `mean_b − mean_a` (rstatix's `estimate`).
    pub diff: f64,
    /// The rest; `None` when a group has fewer than two values or neither varies.
    pub test: Option<GamesHowellTest>,
}

/// The Games–Howell test of one pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GamesHowellTest {
    /// `√((s_a²/n_a + s_b²/n_b) / 2)` (rstatix's `se`).
    pub se: f64,
    /// Welch–Satterthwaite degrees of freedom (rstatix's `df`).
    pub df: f64,
    /// Lower confidence limit (rstatix's `conf.low`).
    pub ci_low: f64,
    /// Upper confidence limit (rstatix's `conf.high`).
    pub ci_high: f64,
    /// `P(Q_{g, df} > |diff| / se)` (rstatix's `p.adj` before it rounds it to 3 decimals).
    pub p: f64,
}

/// The Games–Howell test for every pair: with `v = s²/n` per group,
/// `se = √((v_a + v_b)/2)`, `df = (v_a + v_b)² / (v_a²/(n_a − 1) + v_b²/(n_b − 1))`,
/// `p = P(Q_{g, df} > |diff| / se)` and the limits `diff ∓ q_{conf; g, df} · se` (Games & Howell
/// 1976, "Pairwise multiple comparison procedures with unequal n's and/or variances",
/// *Journal of Educational Statistics* 1, 113–125), as `rstatix::games_howell_test`, whose
/// `statistic` is `|diff| / (se √2)` and which passes `statistic · √2` to `ptukey`.
///
/// R's `ptukey` needs `df ≥ 2`, so rstatix gives NaN for a pair whose Welch df is below 2 (a
/// group of two against a larger, more variable one); psyscore computes it (its studentized range
/// accepts `df ≥ 1`, and a Welch df is never below 1).
///
/// `None` with fewer than two groups (or more than [`MAX_NMEANS`]), an empty group, a
/// non-finite value, or `conf` outside (0, 1).
pub fn games_howell(groups: &[&[f64]], conf: f64) -> Option<Vec<GamesHowellPair>> {
    let g = groups.len();
    if !((2..=MAX_NMEANS).contains(&g) && conf > 0.0 && conf < 1.0) {
        return None;
    }
    let stats = summaries(groups)?;
    pairs(g)
        .map(|(a, b)| {
            let (x, y) = (&stats[a], &stats[b]);
            let diff = y.mean - x.mean;
            let test = if x.n < 2 || y.n < 2 {
                None
            } else {
                let (va, vb) = (x.sd * x.sd / x.n as f64, y.sd * y.sd / y.n as f64);
                let df =
                    (va + vb).powi(2) / (va * va / (x.n - 1) as f64 + vb * vb / (y.n - 1) as f64);
                let se = ((va + vb) / 2.0).sqrt();
                if se > 0.0 && df.is_finite() {
                    let q = qtukey(conf, g, df)?;
                    Some(GamesHowellTest {
                        se,
                        df,
                        ci_low: diff - q * se,
                        ci_high: diff + q * se,
                        p: ptukey_upper(diff.abs() / se, g, df)?,
                    })
                } else {
                    None
                }
            };
            Some(GamesHowellPair { a, b, diff, test })
        })
        .collect()
}

/// One pair of Dunn's test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DunnPair {
    /// Index of the first group.
    pub a: usize,
    /// Index of the second group.
    pub b: usize,
    /// `(R̄_b − R̄_a) / se`: positive when group b tends to the higher ranks (rstatix's
    /// `statistic`).
    pub z: f64,
    /// The two-sided p-value `2 P(Z > |z|)`.
    pub p: f64,
    /// `p` adjusted by Holm's method over all pairs.
    pub p_adj: f64,
}

/// Dunn's test for every pair (Dunn 1964, "Multiple comparisons using rank sums",
/// *Technometrics* 6, 241–252): with `R̄` the mean midrank of a group among all N values and
/// `C = Σ (t³ − t) / (12 (N − 1))` over the groups of `t` tied values,
/// `z = (R̄_b − R̄_a) / √((N (N + 1)/12 − C) (1/n_a + 1/n_b))`, `p = 2 P(Z > |z|)`, adjusted by
/// Holm's method over the `g (g − 1)/2` pairs, as
/// `rstatix::dunn_test(y ~ g, p.adjust.method = "holm")`.
///
/// `None` with fewer than two groups, an empty group, a non-finite value, or all values equal.
pub fn dunn(groups: &[&[f64]]) -> Option<Vec<DunnPair>> {
    let pooled = PooledRanks::of(groups)?;
    let n = pooled.n;
    let variance = n * (n + 1.0) / 12.0 - pooled.tie_term / (12.0 * (n - 1.0));
    if variance.is_nan() || variance <= 0.0 {
        return None;
    }
    let mean_ranks: Vec<f64> = pooled
        .rank_sums
        .iter()
        .zip(groups)
        .map(|(sum, group)| sum / group.len() as f64)
        .collect();
    let mut tests: Vec<(usize, usize, f64, f64)> = pairs(groups.len())
        .map(|(a, b)| {
            let scale =
                (variance * (1.0 / groups[a].len() as f64 + 1.0 / groups[b].len() as f64)).sqrt();
            let z = (mean_ranks[b] - mean_ranks[a]) / scale;
            (a, b, z, 2.0 * upper_normal(z.abs()))
        })
        .collect();
    let raw: Vec<Option<f64>> = tests.iter().map(|t| Some(t.3)).collect();
    let adjusted = adjust(&raw, Adjust::Holm);
    tests
        .drain(..)
        .zip(adjusted)
        .map(|((a, b, z, p), p_adj)| {
            Some(DunnPair {
                a,
                b,
                z,
                p,
                p_adj: p_adj?,
            })
        })
        .collect()
}

/// The comparisons of one pair of groups side by side (the issue's `posthoc` entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PosthocPair {
    /// Index of the first group.
    pub a: usize,
    /// Index of the second group.
    pub b: usize,
    /// `mean_b − mean_a`.
    pub diff: f64,
    /// Tukey's lower simultaneous confidence limit.
    pub ci_low: Option<f64>,
    /// Tukey's upper simultaneous confidence limit.
    pub ci_high: Option<f64>,
    /// Tukey's adjusted p-value.
    pub tukey_p: Option<f64>,
    /// The Games–Howell p-value.
    pub games_howell_p: Option<f64>,
    /// Dunn's z, positive when group b tends to the higher ranks.
    pub dunn_z: Option<f64>,
    /// Dunn's p-value adjusted by Holm's method.
    pub dunn_p_adj: Option<f64>,
}

/// [`tukey_hsd`], [`games_howell`] and [`dunn`] side by side, one entry per pair in level order;
/// a method that is undefined for the data (see each) leaves its fields `None`.
///
/// `None` with fewer than two groups (or more than [`MAX_NMEANS`]), an empty group, a
/// non-finite value, or `conf` outside (0, 1).
pub fn posthoc(groups: &[&[f64]], conf: f64) -> Option<Vec<PosthocPair>> {
    let games_howell = games_howell(groups, conf)?;
    let tukey = tukey_hsd(groups, conf);
    let dunn = dunn(groups);
    Some(
        games_howell
            .into_iter()
            .enumerate()
            .map(|(i, gh)| {
                let tukey = tukey.as_ref().map(|pairs| &pairs[i]);
                let dunn = dunn.as_ref().map(|pairs| &pairs[i]);
                PosthocPair {
                    a: gh.a,
                    b: gh.b,
                    diff: gh.diff,
                    ci_low: tukey.map(|t| t.ci_low),
                    ci_high: tukey.map(|t| t.ci_high),
                    tukey_p: tukey.map(|t| t.p),
                    games_howell_p: gh.test.map(|t| t.p),
                    dunn_z: dunn.map(|d| d.z),
                    dunn_p_adj: dunn.map(|d| d.p_adj),
                }
            })
            .collect(),
    )
}

/// The pairs `(a, b)`, `a < b`, in R's order.
fn pairs(g: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..g).flat_map(move |a| (a + 1..g).map(move |b| (a, b)))
}

/// Size, mean and SD of each group; `None` if a group is empty or holds a non-finite value.
fn summaries(groups: &[&[f64]]) -> Option<Vec<SampleStats>> {
    if groups
        .iter()
        .any(|group| group.is_empty() || group.iter().any(|v| !v.is_finite()))
    {
        return None;
    }
    groups.iter().map(|group| SampleStats::of(group)).collect()
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    use crate::stats::oneway::tests::{A, B, C, PAIR, TIED};

    /// Three unbalanced groups (4, 6, 5) without ties.
    const UNBALANCED: [&[f64]; 3] = [A, B, C];

    // The R side of every test below, for each data set as `y` and `g`
    // (`y <- unlist(groups); g <- factor(rep(letters[seq_along(groups)], lengths(groups)))`):
    //   TukeyHSD(aov(y ~ g), conf.level = 0.95)$g                      (diff, lwr, upr, p adj)
    //   rstatix::games_howell_test(data.frame(y, g), y ~ g, detailed = TRUE)
    //     (estimate, conf.low, conf.high, df; its p.adj is rounded to 3 decimals, so the p
    //     references are its formula unrounded: ptukey(abs(diff) / sqrt(s2) * sqrt(2), k, df,
    //     lower.tail = FALSE) with s2 = var_a/n_a + var_b/n_b)
    //   rstatix::dunn_test(data.frame(y, g), y ~ g, p.adjust.method = "holm")
    //     (statistic, p, p.adj)
    // all printed with sprintf("%.17g") or print(digits = 17).

    /// `[diff, lwr, upr, p adj]` per pair.
    fn check_tukey(groups: &[&[f64]], expected: &[[f64; 4]]) {
        let pairs = tukey_hsd(groups, 0.95).unwrap();
        assert_eq!(pairs.len(), expected.len());
        for (pair, &[diff, low, high, p]) in pairs.iter().zip(expected) {
            assert_close(pair.diff, diff, REL_TOL_STAT);
            // R's qtukey is good to ~1e-8 here, so the half-width to 1e-7 (and a limit near 0
            // to 1e-7 of the width, not of itself).
            let width = high - low;
            assert_close(pair.ci_high - pair.ci_low, width, 1e-7);
            assert!(
                (pair.ci_low - low).abs() <= 1e-7 * width,
                "{} {low}",
                pair.ci_low
            );
            assert!(
                (pair.ci_high - high).abs() <= 1e-7 * width,
                "{} {high}",
                pair.ci_high
            );
            assert_close(pair.p, p, REL_TOL_P);
        }
    }

    /// `[estimate, conf.low, conf.high, df, p]` per pair.
    fn check_games_howell(groups: &[&[f64]], expected: &[[f64; 5]]) {
        let pairs = games_howell(groups, 0.95).unwrap();
        assert_eq!(pairs.len(), expected.len());
        for (pair, &[diff, low, high, df, p]) in pairs.iter().zip(expected) {
            let test = pair.test.as_ref().unwrap();
            assert_close(pair.diff, diff, REL_TOL_STAT);
            assert_close(test.df, df, REL_TOL_STAT);
            // R's qtukey and ptukey at 5 to 8 df are good to about 1e-7 relative and 1e-8
            // absolute (its upper tail is 1 − ptukey): the small p-values are checked against
            // the defining integral below.
            assert_close(test.ci_low, low, REL_TOL_P);
            assert_close(test.ci_high, high, REL_TOL_P);
            assert!(
                (test.p - p).abs() <= (REL_TOL_P * p).max(2e-8),
                "{} differs from {p}",
                test.p
            );
        }
    }

    /// `[statistic, p, p.adj]` per pair.
    fn check_dunn(groups: &[&[f64]], expected: &[[f64; 3]]) {
        let pairs = dunn(groups).unwrap();
        assert_eq!(pairs.len(), expected.len());
        for (pair, &[z, p, p_adj]) in pairs.iter().zip(expected) {
            assert_close(pair.z, z, REL_TOL_STAT);
            assert_close(pair.p, p, REL_TOL_P);
            assert_close(pair.p_adj, p_adj, REL_TOL_P);
        }
    }

    #[test]
    fn pairs_are_in_r_order() {
        let order: Vec<(usize, usize)> = pairs(4).collect();
        assert_eq!(order, [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]);
    }

    #[test]
    fn unbalanced_three_groups_match_r() {
        check_tukey(
            &UNBALANCED,
            &[
                [
                    -2.2083333333333304,
                    -4.9036529641679101,
                    0.48698629750124933,
                    0.1142214018449903,
                ],
                [
                    2.8750000000000018,
                    0.073941674054032624,
                    5.6760583259459709,
                    0.044163436390565081,
                ],
                [
                    5.0833333333333321,
                    2.5548993984877355,
                    7.6117672681789283,
                    0.00046071337101849519,
                ],
            ],
        );
        check_games_howell(
            &UNBALANCED,
            &[
                [
                    -2.2083333333333339,
                    -5.5035351552949345,
                    1.0868684886282667,
                    5.5960264900662242,
                    0.1752845275573659,
                ],
                [
                    2.875,
                    -0.54305883717626502,
                    6.2930588371762646,
                    6.2111076049226881,
                    0.092784464518443355,
                ],
                [
                    5.0833333333333339,
                    2.4801241381403956,
                    7.6865425285262727,
                    8.2428780542731648,
                    0.0012576104907389141,
                ],
            ],
        );
        check_dunn(
            &UNBALANCED,
            &[
                [
                    -1.4038397374266827,
                    0.1603665779711310191,
                    0.2694750010509174287,
                ],
                [
                    1.4956783278776036,
                    0.1347375005254587144,
                    0.2694750010509174287,
                ],
                [
                    3.1534456669745690,
                    0.0016135526203042343,
                    0.0048406578609127031,
                ],
            ],
        );
    }

    #[test]
    fn balanced_five_groups_with_ties_match_r() {
        check_tukey(
            &TIED,
            &[
                [
                    0.5999999999999992,
                    -0.91403507425105079,
                    2.1140350742510492,
                    0.75914611957613143,
                ],
                [
                    -1.600000000000001,
                    -3.114035074251051,
                    -0.085964925748950982,
                    0.03515555371234258,
                ],
                [
                    1.1999999999999997,
                    -0.31403507425105026,
                    2.7140350742510497,
                    0.16416216181177068,
                ],
                [
                    -0.60000000000000098,
                    -2.114035074251051,
                    0.91403507425104902,
                    0.75914611957612954,
                ],
                [
                    -2.2000000000000002,
                    -3.7140350742510502,
                    -0.68596492574895018,
                    0.0025710972571969526,
                ],
                [
                    0.60000000000000053,
                    -0.91403507425104946,
                    2.1140350742510505,
                    0.75914611957612999,
                ],
                [
                    -1.2000000000000002,
                    -2.7140350742510502,
                    0.31403507425104982,
                    0.16416216181177046,
                ],
                [
                    2.8000000000000007,
                    1.2859649257489507,
                    4.3140350742510503,
                    0.00017891556933813391,
                ],
                [
                    1.0,
                    -0.51403507425104999,
                    2.51403507425105,
                    0.31242943404512313,
                ],
                [
                    -1.8000000000000007,
                    -3.3140350742510507,
                    -0.28596492574895072,
                    0.015043315200891638,
                ],
            ],
        );
        check_games_howell(
            &TIED,
            &[
                [
                    0.60000000000000009,
                    -1.6336858019902896,
                    2.8336858019902897,
                    7.339449541284405,
                    0.86960763359867288,
                ],
                [
                    -1.6000000000000001,
                    -3.7759925698117125,
                    0.57599256981171232,
                    6.68041237113402,
                    0.16193653177939049,
                ],
                [
                    1.1999999999999997,
                    -0.96283694132112441,
                    3.3628369413211239,
                    5.2023121387283222,
                    0.30962653756729241,
                ],
                [
                    -0.60000000000000009,
                    -2.7759925698117125,
                    1.5759925698117123,
                    6.68041237113402,
                    0.84751787623738839,
                ],
                [
                    -2.2000000000000002,
                    -3.9040080907807084,
                    -0.49599190921929193,
                    7.7837837837837842,
                    0.013499435297081974,
                ],
                [
                    0.59999999999999964,
                    -0.981698328856355,
                    2.1816983288563545,
                    6.1132075471698117,
                    0.64130007769561015,
                ],
                [
                    -1.2000000000000002,
                    -2.9040080907807084,
                    0.50400809078070807,
                    7.7837837837837842,
                    0.19786888532662306,
                ],
                [
                    2.7999999999999998,
                    1.4476724743054661,
                    4.1523275256945338,
                    6.7586206896551717,
                    0.0010463307759757123,
                ],
                [
                    1.0,
                    -0.54501115175583292,
                    2.5450111517558329,
                    8.0,
                    0.25787891379219008,
                ],
                [
                    -1.7999999999999998,
                    -3.1523275256945338,
                    -0.44767247430546608,
                    6.7586206896551717,
                    0.012682485934052301,
                ],
            ],
        );
        // Pair (c, d): R's p (0.0010463308) is 1e-5 off the defining integral, computed as for
        // pair (a, c) of the group of two below: 1 - ptk(abs(diff) / se, 5, df).
        let test = games_howell(&TIED, 0.95).unwrap()[7].test.clone().unwrap();
        assert_close(test.p, 0.0010463418849641082, 1e-9);
        assert_close(test.ci_low, 1.447672456768941, 1e-9);
        assert_close(test.ci_high, 4.1523275432310589, 1e-9);
        check_dunn(
            &TIED,
            &[
                [0.79607840775632310, 0.42598646345883056652, 1.0],
                [
                    -1.94596944118212445,
                    0.05165841049985922528,
                    0.3616088734990146047,
                ],
                [
                    1.63638339372133146,
                    0.10175937248051651618,
                    0.6105562348830990693,
                ],
                [-0.81819169686066617, 0.41324773555805027758, 1.0],
                [
                    -2.74204784893844744,
                    0.00610574465582725337,
                    0.0549517019024452769,
                ],
                [0.84030498596500836, 0.40073740657064299553, 1.0],
                [
                    -1.61427010461698939,
                    0.10646885163608676983,
                    0.6105562348830990693,
                ],
                [
                    3.58235283490345591,
                    0.00034051345053995828,
                    0.0034051345053995831,
                ],
                [1.12777774432145828, 0.25941379473287778934, 1.0],
                [
                    -2.45457509058199763,
                    0.01410512022207119701,
                    0.1128409617765695760,
                ],
            ],
        );
    }

    #[test]
    fn a_group_of_two_matches_r_and_goes_below_two_df() {
        check_tukey(
            &PAIR,
            &[
                [
                    0.32499999999999751,
                    -2.0581464417761794,
                    2.7081464417761745,
                    0.92051294435485342,
                ],
                [
                    2.3399999999999981,
                    0.037661804725372061,
                    4.6423381952746237,
                    0.046682284622286851,
                ],
                [
                    2.0150000000000006,
                    0.16902270388548124,
                    3.8609772961145197,
                    0.034089326704372258,
                ],
            ],
        );
        let pairs = games_howell(&PAIR, 0.95).unwrap();
        // Pair (b, c), 5.9 df: as rstatix.
        let test = pairs[2].test.as_ref().unwrap();
        assert_close(pairs[2].diff, 2.0150000000000006, REL_TOL_STAT);
        assert_close(test.df, 5.8841027747742611, REL_TOL_STAT);
        assert_close(test.ci_low, -0.05787351725935741, REL_TOL_P);
        assert_close(test.ci_high, 4.087873517259359, REL_TOL_P);
        assert_close(test.p, 0.055536301707701075, REL_TOL_P);
        // Pair (a, b), 2.7 df: R's qtukey(0.95, 3, 2.68) is 6.3901396, the root of the
        // defining integral 6.3899934 (2e-5 apart), so rstatix's limits (-3.3196911,
        // 3.9696911) are off; the references are those of pair (a, c) below:
        // the integral references are computed as for pair (a, c) below.
        let test = pairs[0].test.as_ref().unwrap();
        assert_close(pairs[0].diff, 0.32500000000000107, REL_TOL_STAT);
        assert_close(test.se, 0.5703617273274918, REL_TOL_STAT);
        assert_close(test.df, 2.6833683710081186, REL_TOL_STAT);
        assert_close(test.p, 0.91704476180021244, 1e-9);
        assert_close(test.ci_low, -3.3196076526986942, 1e-9);
        assert_close(test.ci_high, 3.9696076526986963, 1e-9);
        // Pair (a, c) has 1.99 Welch df, where rstatix gives NaN (R's ptukey needs df ≥ 2).
        // Reference: tests/differential/ptukey_reference.R's ptk(), the defining integral by
        // nested integrate(): p <- 1 - ptk(abs(diff) / se, 3, df);
        // q <- uniroot(function(x) ptk(x, 3, df) - 0.95, c(3, 30), tol = 1e-13)$root.
        let test = pairs[1].test.as_ref().unwrap();
        assert_close(pairs[1].diff, 2.3400000000000016, REL_TOL_STAT);
        assert_close(test.se, 0.51019604075296388, REL_TOL_STAT);
        assert_close(test.df, 1.992121756358358, REL_TOL_STAT);
        assert_close(test.p, 0.14848580877638584, 1e-9);
        assert_close(test.ci_low, -1.9284580046551847, 1e-9);
        assert_close(test.ci_high, 6.608458004655188, 1e-9);
        check_dunn(
            &PAIR,
            &[
                [
                    0.3481553119113957,
                    0.727723546669550192,
                    0.727723546669550192,
                ],
                [
                    2.0901749134536973,
                    0.036602090179130645,
                    0.092914294952538584,
                ],
                [
                    2.1574395598823748,
                    0.030971431650846197,
                    0.092914294952538584,
                ],
            ],
        );
    }

    #[test]
    fn combined_rows_line_up_and_name_undefined_methods() {
        let rows = posthoc(&UNBALANCED, 0.95).unwrap();
        let tukey = tukey_hsd(&UNBALANCED, 0.95).unwrap();
        let gh = games_howell(&UNBALANCED, 0.95).unwrap();
        let dunn = dunn(&UNBALANCED).unwrap();
        assert_eq!(rows.len(), 3);
        for (i, row) in rows.iter().enumerate() {
            assert_eq!((row.a, row.b), (tukey[i].a, tukey[i].b));
            assert_eq!(row.diff, tukey[i].diff);
            assert_eq!(row.ci_low, Some(tukey[i].ci_low));
            assert_eq!(row.ci_high, Some(tukey[i].ci_high));
            assert_eq!(row.tukey_p, Some(tukey[i].p));
            assert_eq!(row.games_howell_p, gh[i].test.as_ref().map(|t| t.p));
            assert_eq!(row.dunn_z, Some(dunn[i].z));
            assert_eq!(row.dunn_p_adj, Some(dunn[i].p_adj));
        }
        // A group of one: no Games–Howell for its pairs, Tukey and Dunn as R.
        let rows = posthoc(&[&[3.0], &[1.0, 2.0, 4.0], &[5.0, 6.0, 8.0]], 0.95).unwrap();
        assert!(rows[0].games_howell_p.is_none() && rows[1].games_howell_p.is_none());
        assert!(rows[2].games_howell_p.is_some());
        assert!(
            rows.iter()
                .all(|r| r.tukey_p.is_some() && r.dunn_z.is_some())
        );
        // No variation at all: only the differences remain.
        let rows = posthoc(&[&[1.0, 1.0], &[1.0, 1.0], &[1.0, 1.0]], 0.95).unwrap();
        assert!(rows.iter().all(|r| r.diff == 0.0
            && r.tukey_p.is_none()
            && r.games_howell_p.is_none()
            && r.dunn_z.is_none()));
    }

    #[test]
    fn undefined_inputs_are_none() {
        assert!(posthoc(&[&[1.0, 2.0]], 0.95).is_none());
        assert!(posthoc(&[&[1.0, 2.0], &[]], 0.95).is_none());
        assert!(posthoc(&[&[1.0, f64::NAN], &[2.0, 3.0]], 0.95).is_none());
        assert!(posthoc(&[&[1.0, 2.0], &[2.0, 3.0]], 1.0).is_none());
        assert!(tukey_hsd(&[&[1.0], &[2.0]], 0.95).is_none());
        assert!(dunn(&[&[1.0, 1.0], &[1.0]]).is_none());
    }
}
