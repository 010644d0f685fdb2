//! Several waves: the repeated-measures ANOVA of one group with Friedman's test and pairwise
//! comparisons of the waves, and the mixed ANOVA of several groups over the waves with its
//! simple effects. Every person analysed has a value at every wave (listwise).

use serde::Serialize;

use super::{ArmPair, Note, Options, arm_pairs};
use crate::stats::Alternative;
use crate::stats::adjust::{Adjust, adjust};
use crate::stats::descriptive::{mean, sd};
use crate::stats::friedman::{Friedman, friedman};
use crate::stats::oneway::oneway_anova;
use crate::stats::rank::signed_rank;
use crate::stats::repeated::{BetweenTest, Sphericity, WithinTest, repeated_anova};
use crate::stats::ttest::paired_t;

/// The mean of one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveMean {
    /// The wave.
    pub level: String,
    /// People.
    pub n: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// SD.
    pub sd: Option<f64>,
}

/// Two waves compared as `compare paired` compares pre and post: differences are `b − a`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WavePair {
    /// The earlier wave.
    pub a: String,
    /// The later wave.
    pub b: String,
    /// Mean of `b − a`.
    pub mean_diff: Option<f64>,
    /// Lower confidence limit of the mean difference.
    pub ci_low: Option<f64>,
    /// Upper confidence limit of the mean difference.
    pub ci_high: Option<f64>,
    /// Paired t.
    pub t: Option<f64>,
    /// Its degrees of freedom.
    pub df: Option<f64>,
    /// Its p-value.
    pub p: Option<f64>,
    /// Its p-value adjusted across the pairs of waves.
    pub p_adj: Option<f64>,
    /// Wilcoxon's V (the sum of the ranks of the positive differences).
    pub wilcoxon_v: Option<f64>,
    /// Its p-value (exact up to 50 non-zero differences).
    pub wilcoxon_p: Option<f64>,
    /// Its p-value adjusted across the pairs of waves.
    pub wilcoxon_p_adj: Option<f64>,
}

/// One group measured at every wave: `psyscore compare repeated`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepeatedResult {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// People with a value at every wave.
    pub n: usize,
    /// The waves, in order.
    pub levels: Vec<String>,
    /// Each wave's mean.
    pub means: Vec<WaveMean>,
    /// The repeated-measures ANOVA of time (`null` when it cannot be computed: see `notes`).
    pub anova: Option<WithinTest>,
    /// Mauchly's test (`null` with two waves).
    pub sphericity: Option<Sphericity>,
    /// Friedman's test and Kendall's W.
    pub friedman: Option<Friedman>,
    /// Every pair of waves, in level order.
    pub pairwise: Vec<WavePair>,
    /// Remarks on undefined statistics.
    pub notes: Vec<Note>,
}

/// The mean of one group at one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    /// The group.
    pub group: String,
    /// The wave.
    pub time: String,
    /// People.
    pub n: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// SD.
    pub sd: Option<f64>,
}

/// A simple effect: one F test with its p-value adjusted within its family.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimpleEffect {
    /// The group (simple effects of time) or the wave (simple effects of group) tested.
    #[serde(flatten)]
    pub at: SimpleAt,
    /// F.
    pub f: Option<f64>,
    /// Numerator degrees of freedom.
    pub df1: Option<f64>,
    /// Denominator degrees of freedom.
    pub df2: Option<f64>,
    /// p-value (uncorrected for sphericity).
    pub p: Option<f64>,
    /// p-value adjusted within the family.
    pub p_adj: Option<f64>,
    /// With three groups or more, every pair of groups at this wave (simple effects of group
    /// only), as `compare groups` compares them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<ArmPair>,
}

/// Where a simple effect is tested.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SimpleAt {
    /// The effect of time within this group.
    Group(String),
    /// The effect of group at this wave.
    Time(String),
}

/// Several groups measured at every wave: `psyscore compare mixed`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MixedResult {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// People with a value at every wave.
    pub n: usize,
    /// Each group's mean at each wave, groups then waves in level order.
    pub cells: Vec<Cell>,
    /// The group effect.
    pub between: Option<BetweenTest>,
    /// The time effect.
    pub within: Option<WithinTest>,
    /// The group × time interaction.
    pub interaction: Option<WithinTest>,
    /// Mauchly's test of the pooled error (`null` with two waves).
    pub sphericity: Option<Sphericity>,
    /// The repeated-measures ANOVA of time within each group, its own error term, uncorrected.
    pub simple_time: Vec<SimpleEffect>,
    /// The one-way ANOVA of group at each wave.
    pub simple_group: Vec<SimpleEffect>,
    /// Remarks on undefined statistics.
    pub notes: Vec<Note>,
}

/// Compares the waves `levels` of one group: `rows` holds each person's values, one per wave.
/// Pairwise p-values are adjusted across the pairs with `adjust`; every test is two-sided.
pub fn compare_repeated(
    measure: &str,
    levels: &[String],
    rows: &[Vec<f64>],
    options: Options,
    adjust_with: Adjust,
) -> RepeatedResult {
    let anova = repeated_anova(rows, &vec![0; rows.len()]);
    let mut notes = Vec::new();
    if anova.is_none() {
        notes.push(anova_undefined(rows.len(), 1));
    }
    let mut pairwise = Vec::new();
    for a in 0..levels.len() {
        for b in a + 1..levels.len() {
            let differences: Vec<f64> = rows.iter().map(|row| row[b] - row[a]).collect();
            let t = paired_t(&differences, options.conf, Alternative::TwoSided);
            let w = signed_rank(&differences, Alternative::TwoSided, options.method);
            pairwise.push(WavePair {
                a: levels[a].clone(),
                b: levels[b].clone(),
                mean_diff: mean(&differences),
                ci_low: t.as_ref().map(|t| t.ci_low),
                ci_high: t.as_ref().map(|t| t.ci_high),
                t: t.as_ref().map(|t| t.t),
                df: t.as_ref().map(|t| t.df),
                p: t.as_ref().map(|t| t.p),
                p_adj: None,
                wilcoxon_v: w.as_ref().map(|w| w.v),
                wilcoxon_p: w.as_ref().map(|w| w.p),
                wilcoxon_p_adj: None,
            });
        }
    }
    let t_adjusted = adjust(
        &pairwise.iter().map(|p| p.p).collect::<Vec<_>>(),
        adjust_with,
    );
    let w_adjusted = adjust(
        &pairwise.iter().map(|p| p.wilcoxon_p).collect::<Vec<_>>(),
        adjust_with,
    );
    for ((pair, t), w) in pairwise.iter_mut().zip(t_adjusted).zip(w_adjusted) {
        pair.p_adj = t;
        pair.wilcoxon_p_adj = w;
    }
    let (anova, sphericity) = match anova {
        Some(anova) => (Some(anova.within), anova.sphericity),
        None => (None, None),
    };
    RepeatedResult {
        measure: measure.to_owned(),
        n: rows.len(),
        levels: levels.to_vec(),
        means: wave_means(levels, rows),
        anova,
        sphericity,
        friedman: friedman(rows),
        pairwise,
        notes,
    }
}

/// Compares `groups` over the waves `levels`: `rows` holds each person's values, one per wave,
/// and `group_of` each person's group (an index into `groups`). The simple effects' p-values are
/// adjusted within each family with `adjust_with`. With three groups or more, the groups at
/// each wave are also compared in pairs, with intervals at confidence `conf`.
pub fn compare_mixed(
    measure: &str,
    groups: &[String],
    levels: &[String],
    rows: &[Vec<f64>],
    group_of: &[usize],
    adjust_with: Adjust,
    conf: f64,
) -> MixedResult {
    let mut notes = Vec::new();
    let anova = repeated_anova(rows, group_of);
    if anova.is_none() {
        notes.push(anova_undefined(rows.len(), groups.len()));
    }
    let mut cells = Vec::new();
    let mut simple_time = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let members: Vec<Vec<f64>> = rows
            .iter()
            .zip(group_of)
            .filter(|(_, of)| **of == g)
            .map(|(row, _)| row.clone())
            .collect();
        for mean in wave_means(levels, &members) {
            cells.push(Cell {
                group: group.clone(),
                time: mean.level,
                n: mean.n,
                mean: mean.mean,
                sd: mean.sd,
            });
        }
        let within = repeated_anova(&members, &vec![0; members.len()]).map(|a| a.within);
        simple_time.push(simple(
            SimpleAt::Group(group.clone()),
            within.map(|w| (w.f, w.df1, w.df2, w.p)),
        ));
    }
    let mut simple_group = Vec::new();
    for (t, level) in levels.iter().enumerate() {
        let by_group: Vec<Vec<f64>> = (0..groups.len())
            .map(|g| {
                rows.iter()
                    .zip(group_of)
                    .filter(|(_, of)| **of == g)
                    .map(|(row, _)| row[t])
                    .collect()
            })
            .collect();
        let slices: Vec<&[f64]> = by_group.iter().map(Vec::as_slice).collect();
        let test = oneway_anova(&slices).map(|a| (a.f, a.df1, a.df2, a.p));
        let mut effect = simple(SimpleAt::Time(level.clone()), test);
        if groups.len() > 2 {
            let names: Vec<&str> = groups.iter().map(String::as_str).collect();
            effect.pairs = arm_pairs(&names, &slices, conf);
        }
        simple_group.push(effect);
    }
    for family in [&mut simple_time, &mut simple_group] {
        let adjusted = adjust(&family.iter().map(|e| e.p).collect::<Vec<_>>(), adjust_with);
        for (effect, p_adj) in family.iter_mut().zip(adjusted) {
            effect.p_adj = p_adj;
        }
    }
    let (between, within, interaction, sphericity) = match anova {
        Some(a) => (a.between, Some(a.within), a.interaction, a.sphericity),
        None => (None, None, None, None),
    };
    MixedResult {
        measure: measure.to_owned(),
        n: rows.len(),
        cells,
        between,
        within,
        interaction,
        sphericity,
        simple_time,
        simple_group,
        notes,
    }
}

fn simple(at: SimpleAt, test: Option<(f64, f64, f64, f64)>) -> SimpleEffect {
    SimpleEffect {
        at,
        f: test.map(|t| t.0),
        df1: test.map(|t| t.1),
        df2: test.map(|t| t.2),
        p: test.map(|t| t.3),
        p_adj: None,
        pairs: Vec::new(),
    }
}

/// Each wave's n, mean and SD over `rows`.
fn wave_means(levels: &[String], rows: &[Vec<f64>]) -> Vec<WaveMean> {
    levels
        .iter()
        .enumerate()
        .map(|(t, level)| {
            let values: Vec<f64> = rows.iter().map(|row| row[t]).collect();
            WaveMean {
                level: level.clone(),
                n: values.len(),
                mean: mean(&values),
                sd: sd(&values),
            }
        })
        .collect()
}

/// Why the ANOVA of `n` people in `g` groups is undefined.
fn anova_undefined(people: usize, groups: usize) -> Note {
    if people <= groups {
        Note::RepeatedTooFew { people, groups }
    } else {
        Note::RepeatedZeroError
    }
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are kept exactly as R printed them"
)]
mod tests {
    use super::*;
    use crate::stats::{REL_TOL_P, REL_TOL_STAT, assert_close};

    fn by_columns(values: &[f64], k: usize) -> Vec<Vec<f64>> {
        let n = values.len() / k;
        (0..n)
            .map(|i| (0..k).map(|j| values[j * n + i]).collect())
            .collect()
    }

    fn names(prefix: &str, count: usize) -> Vec<String> {
        (1..=count).map(|i| format!("{prefix}{i}")).collect()
    }

    #[test]
    fn pairwise_waves_match_t_test_and_the_exact_signed_rank_test_with_holm() {
        let rows = by_columns(
            &[
                30., 28., 35., 31., 27., 33., 29., 32., 27., 26., 33., 30., 25., 30., 28., 29.,
                25., 25., 30., 27., 24., 28., 26., 27., 24., 25., 31., 26., 22., 27., 25., 27.,
                22., 23., 29., 25., 21., 26., 24., 25.,
            ],
            5,
        );
        let result = compare_repeated(
            "total",
            &names("t", 5),
            &rows,
            Options::default(),
            Adjust::Holm,
        );
        assert_eq!(result.n, 8);
        assert_eq!(result.pairwise.len(), 10);
        // R: d <- y[, b] - y[, a]; t.test(d); p.adjust(p, "holm") over the ten pairs;
        //    coin::wilcoxsign_test(y[, b] ~ y[, a], distribution = "exact",
        //                          zero.method = "Wilcoxon") and its Holm adjustment.
        let first = &result.pairwise[0];
        assert_eq!((first.a.as_str(), first.b.as_str()), ("t1", "t2"));
        assert_close(first.mean_diff.unwrap(), -2.125, REL_TOL_STAT);
        assert_close(first.ci_low.unwrap(), -2.8226786544716531, REL_TOL_STAT);
        assert_close(first.ci_high.unwrap(), -1.4273213455283469, REL_TOL_STAT);
        assert_close(first.t.unwrap(), -7.2022076387587495, REL_TOL_STAT);
        assert_eq!(first.df, Some(7.0));
        assert_close(first.p.unwrap(), 0.00017711603107593984, REL_TOL_P);
        assert_close(first.p_adj.unwrap(), 0.00041950547990516132, REL_TOL_P);
        assert_eq!(first.wilcoxon_v, Some(0.0));
        assert_close(first.wilcoxon_p.unwrap(), 0.0078125, REL_TOL_P);
        assert_close(first.wilcoxon_p_adj.unwrap(), 0.078125, REL_TOL_P);
        let third_fourth = &result.pairwise[7];
        assert_eq!(
            (third_fourth.a.as_str(), third_fourth.b.as_str()),
            ("t3", "t4")
        );
        assert_close(third_fourth.t.unwrap(), -1.9296124624698994, REL_TOL_STAT);
        assert_close(third_fourth.p_adj.unwrap(), 0.094976492435775148, REL_TOL_P);
        assert_eq!(third_fourth.wilcoxon_v, Some(3.0));
        assert_close(third_fourth.wilcoxon_p.unwrap(), 0.1875, REL_TOL_P);
        let last = &result.pairwise[9];
        assert_close(last.ci_low.unwrap(), -1.9468719795590523, REL_TOL_STAT);
        assert_close(last.p_adj.unwrap(), 0.00041950547990516132, REL_TOL_P);
        // The omnibus and Friedman come from the stats modules (tested there against afex).
        assert_close(result.anova.unwrap().f, 131.74626865671641, REL_TOL_STAT);
        assert_close(
            result.friedman.unwrap().chi2,
            31.189873417721518,
            REL_TOL_STAT,
        );
        assert_close(result.means[4].mean.unwrap(), 24.375, REL_TOL_STAT);
    }

    #[test]
    fn simple_effects_have_their_own_error_terms_and_holm_within_each_family() {
        let rows = by_columns(
            &[
                20., 22., 19., 25., 21., 23., 20., 24., 22., 26., 18., 20., 19., 21., 23., 18.,
                20., 19., 22., 20., 21., 17., 22., 21., 24., 18., 19., 19., 20., 22., 15., 19.,
                16., 20., 19., 20., 17., 21., 20., 23., 17., 19., 18., 19., 21., 14., 17., 15.,
                18., 18., 20., 16., 20., 19., 22., 17., 18., 17., 18., 21.,
            ],
            4,
        );
        let group_of: Vec<usize> = [vec![0; 4], vec![1; 6], vec![2; 5]].concat();
        let result = compare_mixed(
            "total",
            &names("g", 3),
            &names("t", 4),
            &rows,
            &group_of,
            Adjust::Holm,
            0.95,
        );
        assert_eq!(result.cells.len(), 12);
        assert_eq!(result.cells[4].group, "g2");
        assert_eq!(result.cells[4].time, "t1");
        assert_eq!(result.cells[4].n, 6);
        // R: afex::aov_ez("id", "y", d[g == lev, ], within = "t") per group (uncorrected);
        //    summary(aov(y[, t] ~ factor(g))) per wave; p.adjust(p, "holm") per family.
        let expected_time = [
            (
                46.479452054794542,
                3.0,
                9.0,
                8.3918887625049686e-06,
                1.6783777525009937e-05,
            ),
            (
                93.076923076922967,
                3.0,
                15.0,
                6.4019050929304392e-10,
                1.9205715278791318e-09,
            ),
            (
                24.421052631578991,
                3.0,
                12.0,
                2.1371645011783391e-05,
                2.1371645011783391e-05,
            ),
        ];
        for (effect, (f, df1, df2, p, p_adj)) in result.simple_time.iter().zip(expected_time) {
            assert_close(effect.f.unwrap(), f, REL_TOL_STAT);
            assert_eq!((effect.df1, effect.df2), (Some(df1), Some(df2)));
            assert_close(effect.p.unwrap(), p, REL_TOL_P);
            assert_close(effect.p_adj.unwrap(), p_adj, REL_TOL_P);
        }
        assert_eq!(result.simple_time[1].at, SimpleAt::Group("g2".into()));
        let expected_group = [
            (1.6843291995490419, 0.22660617007549907, 0.54098410209000569),
            (
                0.66319315221436648,
                0.53310540507736803,
                0.54098410209000569,
            ),
            (1.9825327510917048, 0.18032803403000189, 0.54098410209000569),
            (3.5116092874299523, 0.063006229194331451, 0.2520249167773258),
        ];
        for (effect, (f, p, p_adj)) in result.simple_group.iter().zip(expected_group) {
            assert_close(effect.f.unwrap(), f, REL_TOL_STAT);
            assert_eq!((effect.df1, effect.df2), (Some(2.0), Some(12.0)));
            assert_close(effect.p.unwrap(), p, REL_TOL_P);
            assert_close(effect.p_adj.unwrap(), p_adj, REL_TOL_P);
        }
        let json = serde_json::to_value(&result.simple_group[0]).unwrap();
        assert_eq!(json["time"], "t1");
        assert_close(
            result.interaction.unwrap().f,
            12.0782230806373807,
            REL_TOL_STAT,
        );
    }

    #[test]
    fn an_undefined_anova_says_why() {
        let rows = vec![vec![1.0, 2.0, 3.0]];
        let result = compare_repeated("x", &names("t", 3), &rows, Options::default(), Adjust::Holm);
        assert!(result.anova.is_none());
        assert_eq!(
            result.notes.iter().map(Note::to_string).collect::<Vec<_>>(),
            ["the ANOVA needs more people with every wave than groups: 1 person in 1 group"]
        );
    }
}
