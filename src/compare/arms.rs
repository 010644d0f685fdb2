//! Three or more independent groups (arms): the one-way ANOVA with η² and ω², Welch's ANOVA,
//! the Kruskal–Wallis test with ε², and every pair of arms by Tukey's HSD, Games–Howell and
//! Dunn's test with Holm's adjustment; Levene's tests and Shapiro–Wilk per group as for two.
//!
//! Every pairwise difference is `a − b`, the earlier level minus the later, as `compare groups`
//! writes the difference of two levels and as SPSS's and JASP's post-hoc tables write
//! "(I) − (J)". R's `TukeyHSD` and rstatix write `b − a`: their `diff`, limits and Dunn's z
//! change sign (and the limits swap) against psyscore's.

use serde::Serialize;

use super::groups::{Favoured, GroupNormality, GroupSummary, LEVENE_ALPHA, group_summary};
use super::{FTestOut, Note, Tests, finite};
use crate::stats::descriptive::{Summary, mean};
use crate::stats::levene::{Centre, levene};
use crate::stats::magnitude_problem;
use crate::stats::oneway::{kruskal, oneway_anova, welch_anova};
use crate::stats::posthoc::{DunnPair, GamesHowellPair, TukeyPair, dunn, games_howell, tukey_hsd};
use crate::stats::shapiro::{self, shapiro_wilk};

/// The comparison of three or more groups on one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmsResult {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// n, mean, SD, median of each group, in level order.
    pub groups: Vec<GroupSummary>,
    /// The one-way ANOVA (as R `aov`).
    pub anova: AnovaOut,
    /// Welch's one-way ANOVA (as R `oneway.test(var.equal = FALSE)`).
    pub welch_anova: FTestAdjusted,
    /// The Kruskal–Wallis test (as R `kruskal.test`).
    pub kruskal: KruskalOut,
    /// The ANOVA the assumptions favour, `anova` or `welch_anova`, and why.
    pub favoured: Favoured,
    /// Every pair of groups, in level order.
    pub posthoc: Vec<ArmPair>,
    /// Levene's test centred on the median (Brown–Forsythe; R `car::leveneTest` default).
    pub levene: FTestOut,
    /// Levene's test centred on the mean.
    pub levene_mean: FTestOut,
    /// Shapiro–Wilk per group.
    pub normality: Vec<GroupNormality>,
    /// Remarks on undefined statistics.
    pub notes: Vec<Note>,
}

/// The one-way ANOVA as reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AnovaOut {
    /// F.
    pub f: Option<f64>,
    /// `g − 1`.
    pub df1: Option<f64>,
    /// `N − g`.
    pub df2: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
    /// p-value adjusted across measures.
    pub p_adj: Option<f64>,
    /// η² = `SS_between / SS_total`.
    pub eta2: Option<f64>,
    /// ω² = `(SS_between − df1 · MS_within) / (SS_total + MS_within)`.
    pub omega2: Option<f64>,
}

/// An F test with its p-value adjusted across measures.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FTestAdjusted {
    /// F.
    pub f: Option<f64>,
    /// Numerator degrees of freedom.
    pub df1: Option<f64>,
    /// Denominator degrees of freedom.
    pub df2: Option<f64>,
    /// p-value.
    pub p: Option<f64>,
    /// p-value adjusted across measures.
    pub p_adj: Option<f64>,
}

/// The Kruskal–Wallis test as reported.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KruskalOut {
    /// The tie-corrected H.
    pub h: Option<f64>,
    /// `g − 1`.
    pub df: Option<f64>,
    /// p-value (χ² approximation).
    pub p: Option<f64>,
    /// p-value adjusted across measures.
    pub p_adj: Option<f64>,
    /// ε² = `H / (N − 1)`.
    pub epsilon2: Option<f64>,
}

/// One pair of groups: the difference `a − b` and the three post-hoc tests.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmPair {
    /// The earlier level.
    pub a: String,
    /// The later level.
    pub b: String,
    /// `mean_a − mean_b`.
    pub diff: Option<f64>,
    /// Tukey's lower simultaneous confidence limit of `diff`.
    pub ci_low: Option<f64>,
    /// Tukey's upper simultaneous confidence limit of `diff`.
    pub ci_high: Option<f64>,
    /// Tukey's HSD p-value (adjusted for the whole family by the studentized range).
    pub tukey_p: Option<f64>,
    /// The Games–Howell lower confidence limit of `diff`.
    pub games_howell_ci_low: Option<f64>,
    /// The Games–Howell upper confidence limit of `diff`.
    pub games_howell_ci_high: Option<f64>,
    /// The Games–Howell p-value (adjusted by the studentized range).
    pub games_howell_p: Option<f64>,
    /// Dunn's z, positive when group a tends to the higher ranks.
    pub dunn_z: Option<f64>,
    /// Dunn's p-value adjusted by Holm's method over the pairs.
    pub dunn_p_adj: Option<f64>,
}

/// Compares `groups` (one slice of values per level of `levels`, at least two) on one measure.
/// Intervals are at confidence `conf`; every test is two-sided.
pub fn compare_arms(measure: &str, levels: &[&str], groups: &[&[f64]], conf: f64) -> ArmsResult {
    let summaries = levels
        .iter()
        .zip(groups)
        .map(|(level, values)| group_summary(level, Summary::of(values)))
        .collect();
    let mut notes = Vec::new();
    let problem = magnitude_problem(groups.iter().flat_map(|g| g.iter()));
    let kruskal = kruskal(groups).map_or_else(KruskalOut::default, |k| KruskalOut {
        h: Some(k.h),
        df: Some(k.df),
        p: Some(k.p),
        p_adj: None,
        epsilon2: Some(k.epsilon2),
    });
    if kruskal.h.is_none() {
        notes.push(Note::KruskalConstant);
    }
    if let Some(problem) = problem {
        notes.push(Note::NotComputed {
            tests: Tests::Arms,
            why: problem,
        });
        return ArmsResult {
            measure: measure.to_owned(),
            groups: summaries,
            anova: AnovaOut::default(),
            welch_anova: FTestAdjusted::default(),
            kruskal,
            favoured: favoured(None),
            posthoc: arm_pairs(levels, groups, conf),
            levene: FTestOut::default(),
            levene_mean: FTestOut::default(),
            normality: Vec::new(),
            notes,
        };
    }
    let anova = oneway_anova(groups).map_or_else(AnovaOut::default, |a| AnovaOut {
        f: Some(a.f),
        df1: Some(a.df1),
        df2: Some(a.df2),
        p: Some(a.p),
        p_adj: None,
        eta2: Some(a.eta2),
        omega2: Some(a.omega2),
    });
    if anova.f.is_none() {
        notes.push(Note::AnovaUndefined);
    }
    let welch = welch_anova(groups).map_or_else(FTestAdjusted::default, |w| FTestAdjusted {
        f: Some(w.f),
        df1: Some(w.df1),
        df2: Some(w.df2),
        p: Some(w.p),
        p_adj: None,
    });
    if welch.f.is_none() {
        notes.push(Note::WelchUndefined);
    }
    if groups.iter().any(|g| g.len() < 2) {
        notes.push(Note::GamesHowellPairs);
    }
    if groups.iter().any(|g| g.len() > shapiro::MAX_N) {
        notes.push(Note::ShapiroGroupsLimit);
    }
    let levene_median = levene(groups, Centre::Median);
    ArmsResult {
        measure: measure.to_owned(),
        groups: summaries,
        anova,
        welch_anova: welch,
        kruskal,
        favoured: favoured(levene_median.as_ref().map(|test| test.p)),
        posthoc: arm_pairs(levels, groups, conf),
        levene: levene_median.into(),
        levene_mean: levene(groups, Centre::Mean).into(),
        normality: levels
            .iter()
            .zip(groups)
            .map(|(level, values)| {
                let test = shapiro_wilk(values);
                GroupNormality {
                    level: (*level).to_owned(),
                    w: test.as_ref().map(|t| t.w),
                    p: test.map(|t| t.p),
                }
            })
            .collect(),
        notes,
    }
}

/// Every pair of `groups` (one slice per level of `levels`) by Tukey's HSD, Games–Howell and
/// Dunn–Holm, in level order, differences `a − b`; intervals at confidence `conf`. A method
/// that is undefined for the data leaves its fields `None`.
pub fn arm_pairs(levels: &[&str], groups: &[&[f64]], conf: f64) -> Vec<ArmPair> {
    if magnitude_problem(groups.iter().flat_map(|g| g.iter())).is_some() {
        return pairs(levels, groups, None, None, dunn(groups).as_deref());
    }
    pairs(
        levels,
        groups,
        tukey_hsd(groups, conf).as_deref(),
        games_howell(groups, conf).as_deref(),
        dunn(groups).as_deref(),
    )
}

/// The pairs in level order, turned from R's `b − a` into `a − b`.
fn pairs(
    levels: &[&str],
    groups: &[&[f64]],
    tukey: Option<&[TukeyPair]>,
    games_howell: Option<&[GamesHowellPair]>,
    dunn: Option<&[DunnPair]>,
) -> Vec<ArmPair> {
    let g = levels.len();
    let means: Vec<Option<f64>> = groups.iter().map(|values| mean(values)).collect();
    let mut out = Vec::with_capacity(g * g.saturating_sub(1) / 2);
    let mut index = 0;
    for a in 0..g {
        for b in a + 1..g {
            let tukey = tukey.map(|pairs| &pairs[index]);
            let gh = games_howell.map(|pairs| &pairs[index]);
            let gh_test = gh.and_then(|pair| pair.test.as_ref());
            let dunn = dunn.map(|pairs| &pairs[index]);
            out.push(ArmPair {
                a: levels[a].to_owned(),
                b: levels[b].to_owned(),
                diff: means[a].zip(means[b]).and_then(|(x, y)| finite(x - y)),
                ci_low: tukey.and_then(|t| finite(-t.ci_high)),
                ci_high: tukey.and_then(|t| finite(-t.ci_low)),
                tukey_p: tukey.map(|t| t.p),
                games_howell_ci_low: gh_test.and_then(|t| finite(-t.ci_high)),
                games_howell_ci_high: gh_test.and_then(|t| finite(-t.ci_low)),
                games_howell_p: gh_test.map(|t| t.p),
                dunn_z: dunn.map(|d| -d.z),
                dunn_p_adj: dunn.map(|d| d.p_adj),
            });
            index += 1;
        }
    }
    out
}

/// Welch's ANOVA when Levene's (median-centred) test finds unequal variances at
/// [`LEVENE_ALPHA`], or when it cannot be computed; the one-way ANOVA otherwise. Both are always
/// reported, and the post-hoc test to read follows: Tukey after the ANOVA, Games–Howell after
/// Welch's.
fn favoured(levene_p: Option<f64>) -> Favoured {
    match levene_p {
        Some(p) if p >= LEVENE_ALPHA => Favoured {
            test: "anova",
            reason: format!(
                "Levene's test (median-centred) finds no difference in variances (p = {p:.3} ≥ {LEVENE_ALPHA}): read the ANOVA and Tukey's HSD"
            ),
        },
        Some(p) => Favoured {
            test: "welch_anova",
            reason: format!(
                "Levene's test (median-centred) finds unequal variances (p = {p:.3} < {LEVENE_ALPHA}): read Welch's ANOVA and Games–Howell"
            ),
        },
        None => Favoured {
            test: "welch_anova",
            reason: "equal variances cannot be checked; Welch's ANOVA and Games–Howell do not assume them".to_owned(),
        },
    }
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's output at 17 significant digits, kept verbatim"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    // y <- c(12,15,11,18,14,15, 20,17,22,19,15, 13,16,14,12)
    // g <- factor(rep(c("a","b","c"), c(6,5,4)))
    const A: [f64; 6] = [12.0, 15.0, 11.0, 18.0, 14.0, 15.0];
    const B: [f64; 5] = [20.0, 17.0, 22.0, 19.0, 15.0];
    const C: [f64; 4] = [13.0, 16.0, 14.0, 12.0];

    fn result() -> ArmsResult {
        compare_arms("m", &["a", "b", "c"], &[&A, &B, &C], 0.95)
    }

    #[test]
    fn the_omnibus_tests_match_r() {
        let r = result();
        // summary(aov(y ~ g)); effectsize::eta_squared / omega_squared(partial = FALSE)
        assert_close(r.anova.f.unwrap(), 6.1889992730797188, REL_TOL_STAT);
        assert_eq!((r.anova.df1, r.anova.df2), (Some(2.0), Some(12.0)));
        assert_close(r.anova.p.unwrap(), 0.014226536925282925, REL_TOL_P);
        assert_close(r.anova.eta2.unwrap(), 0.50775286259541985, REL_TOL_STAT);
        assert_close(r.anova.omega2.unwrap(), 0.40893684059769891, REL_TOL_STAT);
        // oneway.test(y ~ g, var.equal = FALSE)
        assert_close(r.welch_anova.f.unwrap(), 5.3868328093903273, REL_TOL_STAT);
        assert_close(r.welch_anova.df2.unwrap(), 7.8034668344289413, REL_TOL_STAT);
        assert_close(r.welch_anova.p.unwrap(), 0.033904066512789335, REL_TOL_P);
        // kruskal.test(y ~ g); effectsize::rank_epsilon_squared(y ~ g)
        assert_close(r.kruskal.h.unwrap(), 6.7405535499398344, REL_TOL_STAT);
        assert_close(r.kruskal.p.unwrap(), 0.034380120469708488, REL_TOL_P);
        assert_close(
            r.kruskal.epsilon2.unwrap(),
            0.48146811070998818,
            REL_TOL_STAT,
        );
        // car::leveneTest(y ~ g): p = 0.72 ≥ .05, so the ANOVA is read
        assert_close(r.levene.f.unwrap(), 0.33633217993079534, REL_TOL_STAT);
        assert_eq!(r.favoured.test, "anova");
        // shapiro.test(y[g == "b"])
        assert_close(r.normality[1].w.unwrap(), 0.98997746662649233, REL_TOL_STAT);
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }

    #[test]
    fn pairs_are_a_minus_b_with_rs_values_turned_round() {
        let r = result();
        let names: Vec<(&str, &str)> = r
            .posthoc
            .iter()
            .map(|p| (p.a.as_str(), p.b.as_str()))
            .collect();
        assert_eq!(names, [("a", "b"), ("a", "c"), ("b", "c")]);
        // TukeyHSD(aov(y ~ g))$g: rows b-a, c-a, c-b (diff, lwr, upr, p adj)
        let tukey = [
            (
                4.43333333333333002,
                0.56565514258178284,
                8.30101152408487764,
                0.024985215366491342,
            ),
            (
                -0.41666666666666785,
                -4.53962547117267334,
                3.70629213783933764,
                0.960850085543444976,
            ),
            (
                -4.84999999999999787,
                -9.13470447615070213,
                -0.56529552384929449,
                0.026754640000063556,
            ),
        ];
        // Games–Howell as rstatix::games_howell_test computes it, p unrounded; the p of b-c
        // (df 6.75) from the integral of tests/differential/ptukey_reference.R, which R's
        // ptukey misses by 4e-8.
        let games_howell = [
            (
                -0.037833993343952876,
                8.9045006600106227,
                0.05183181126250158,
            ),
            (-4.2096383661065424, 3.3763050327732107, 0.9473419578675275),
            (
                -9.2472304903301676,
                -0.45276950966983431,
                0.03340806750488834,
            ),
        ];
        // rstatix::dunn_test(y ~ g, p.adjust.method = "holm"): statistic, p.adj
        let dunn = [
            (2.23998823976783745, 0.074228430094958692),
            (-0.23218731804698817, 0.816392527364196097),
            (-2.24539462716216720, 0.074228430094958692),
        ];
        for (i, pair) in r.posthoc.iter().enumerate() {
            let (diff, lwr, upr, p) = tukey[i];
            assert_close(pair.diff.unwrap(), -diff, REL_TOL_STAT);
            // R's qtukey is accurate to about 1e-8 here.
            assert_close(pair.ci_low.unwrap(), -upr, 1e-7);
            assert_close(pair.ci_high.unwrap(), -lwr, 1e-7);
            assert_close(pair.tukey_p.unwrap(), p, REL_TOL_P);
            let (low, high, p) = games_howell[i];
            assert_close(pair.games_howell_ci_low.unwrap(), -high, 1e-7);
            assert_close(pair.games_howell_ci_high.unwrap(), -low, 1e-7);
            assert_close(pair.games_howell_p.unwrap(), p, REL_TOL_P);
            let (z, p_adj) = dunn[i];
            assert_close(pair.dunn_z.unwrap(), -z, REL_TOL_STAT);
            assert_close(pair.dunn_p_adj.unwrap(), p_adj, REL_TOL_P);
        }
    }

    #[test]
    fn a_group_of_one_leaves_what_needs_two_undefined_and_says_so() {
        let r = compare_arms("m", &["a", "b", "c"], &[&A, &B, &[13.0]], 0.95);
        assert!(r.anova.f.is_some());
        assert_eq!(r.welch_anova.f, None);
        assert_eq!(r.posthoc[1].games_howell_p, None);
        assert!(r.posthoc[0].games_howell_p.is_some());
        assert!(r.posthoc[1].tukey_p.is_some());
        assert_eq!(
            r.notes.iter().map(Note::to_string).collect::<Vec<_>>(),
            [
                "Welch's ANOVA is undefined: every group needs two values or more, and each must vary",
                "Games–Howell is undefined for the pairs with a group of fewer than two values"
            ]
        );
    }

    #[test]
    fn huge_scores_keep_only_the_rank_tests() {
        let r = compare_arms(
            "m",
            &["a", "b", "c"],
            &[&[1e200, 2.0], &[3.0, 4.0], &[5.0]],
            0.95,
        );
        assert_eq!(r.anova, AnovaOut::default());
        assert!(r.kruskal.h.is_some());
        assert!(r.posthoc[0].dunn_z.is_some());
        assert_eq!(r.posthoc[0].tukey_p, None);
        assert!(
            r.notes[0]
                .to_string()
                .starts_with("the ANOVAs, Tukey, Games–Howell")
        );
    }
}
