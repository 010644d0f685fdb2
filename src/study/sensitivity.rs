//! The study's sensitivity: the smallest effect each comparison it ran could have detected with
//! 80% power at the study's α (two-sided), given the people the comparison had — what G*Power
//! calls a sensitivity analysis ("compute required effect size", Faul et al., 2007, Behav Res
//! Methods 39:175–191), computed by [`crate::stats::power`]. It is computed for the
//! questionnaire's total (or its first measure when it has none), whose people each comparison
//! counts. Over the waves, the repeated-measures designs take the correlation between the
//! waves from the people themselves and assume sphericity.

use serde::Serialize;

use super::Study;
use super::analyses::ScaleResults;
use super::data::TimedSheets;
use crate::data::waves::Waves;
use crate::stats::Alternative;
use crate::stats::power::{
    self, Design, Given, Mixed, SampleSize, Term, solve_mixed, solve_oneway,
};

/// The power at which the smallest detectable effects are given.
pub const SENSITIVITY_POWER: f64 = 0.8;

/// What a questionnaire's comparisons could detect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The measure whose people are counted: `total`, else the questionnaire's first.
    pub measure: String,
    /// The power of the detectable effects.
    pub power: f64,
    /// The significance level (two-sided tests).
    pub alpha: f64,
    /// One entry per comparison run.
    pub comparisons: Vec<Detectable>,
}

/// The smallest effect one comparison could detect.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detectable {
    /// The comparison.
    #[serde(flatten)]
    pub comparison: Comparison,
    /// The people in it: one number per group.
    pub n: Vec<usize>,
    /// The effect size's kind.
    pub effect_size: EffectSize,
    /// The smallest effect detected with [`SENSITIVITY_POWER`]; `null` when too few people
    /// (fewer than two in a group) or scores that do not vary leave it undefined.
    pub effect: Option<f64>,
    /// Over the waves: the correlation between the waves the people show (G*Power's ρ,
    /// [`wave_correlation`]), with sphericity assumed (ε = 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rho: Option<f64>,
}

/// A comparison whose sensitivity is given.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "comparison", rename_all = "snake_case")]
pub enum Comparison {
    /// The two groups at a later wave: the two-sample t-test (Cohen's d).
    Groups {
        /// The wave.
        wave: String,
    },
    /// Three groups or more at a later wave: the one-way ANOVA (Cohen's f).
    Arms {
        /// The wave.
        wave: String,
    },
    /// One group's change from the first wave to the second: the paired t-test (d_z).
    Change {
        /// The group (`null` without groups).
        group: Option<String>,
    },
    /// One group over three waves or more: the repeated-measures ANOVA's effect of time (f).
    Waves {
        /// The group (`null` without groups).
        group: Option<String>,
    },
    /// The groups over the waves: the mixed ANOVA's group × time interaction (f).
    Interaction,
}

/// The standardized effect a comparison's sensitivity is given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EffectSize {
    /// Cohen's d: the difference of two means over the pooled SD.
    #[serde(rename = "d")]
    D,
    /// d_z: the mean change over the SD of the changes.
    #[serde(rename = "d_z")]
    Dz,
    /// Cohen's f of an F test: the SD of the effects over the SD within.
    #[serde(rename = "f")]
    F,
}

/// The sensitivity of the comparisons in `results`, run on `data`, at the study's α; `None`
/// when it ran none of them.
pub fn sensitivity(
    results: &ScaleResults,
    study: &Study,
    data: &TimedSheets,
) -> Option<Sensitivity> {
    let alpha = study.alpha;
    let mut comparisons = Vec::new();
    let measures = &data.pre().measures;
    let m = measures
        .iter()
        .position(|measure| measure.name == "total")
        .unwrap_or(0);
    let measure = measures.get(m)?.name.clone();
    for later in &results.groups_waves {
        if let Some(result) = later.report.results.iter().find(|r| r.measure == measure) {
            let n: Vec<usize> = result.groups.iter().map(|group| group.n).collect();
            let &[n1, n2] = &n[..] else { continue };
            let size = SampleSize {
                n1: n1 as u64,
                n2: Some(n2 as u64),
            };
            comparisons.push(Detectable {
                comparison: Comparison::Groups {
                    wave: later.wave.clone(),
                },
                effect_size: EffectSize::D,
                effect: detectable(Design::Groups { ratio: 1.0 }, size, alpha),
                n,
                rho: None,
            });
        }
    }
    for later in &results.between_arms {
        if let Some(result) = later.report.results.iter().find(|r| r.measure == measure) {
            let n: Vec<usize> = result.groups.iter().map(|group| group.n).collect();
            let given = Given::SizePower {
                n: n.iter().map(|&n| n as u64).collect(),
                power: SENSITIVITY_POWER,
            };
            comparisons.push(Detectable {
                comparison: Comparison::Arms {
                    wave: later.wave.clone(),
                },
                effect_size: EffectSize::F,
                effect: solve_oneway(n.len() as u64, alpha, given)
                    .ok()
                    .map(|answer| answer.effect),
                n,
                rho: None,
            });
        }
    }
    for within in &results.within {
        if let Some(result) = within.report.results.iter().find(|r| r.measure == measure) {
            let size = SampleSize {
                n1: result.n as u64,
                n2: None,
            };
            comparisons.push(Detectable {
                comparison: Comparison::Change {
                    group: within.group.clone(),
                },
                n: vec![result.n],
                effect_size: EffectSize::Dz,
                effect: detectable(Design::Paired, size, alpha),
                rho: None,
            });
        }
    }
    if !results.repeated.is_empty() || results.mixed.is_some() {
        let people = Completers::of(study, data, m);
        let waves = data.times.len() as u64;
        for repeated in &results.repeated {
            // Without groups, everyone is in the one unnamed group.
            let index = match &repeated.group {
                None => Some(0),
                Some(group) => people.levels.iter().position(|level| level == group),
            };
            let Some(index) = index else { continue };
            let (rows, group) = people.of_group(index);
            let design = Mixed {
                term: Term::Within,
                groups: 1,
                waves,
                rho: 0.0,
                eps: 1.0,
            };
            comparisons.push(over_waves(
                Comparison::Waves {
                    group: repeated.group.clone(),
                },
                design,
                &rows,
                &group,
                alpha,
            ));
        }
        if results.mixed.is_some() {
            let design = Mixed {
                term: Term::Interaction,
                groups: people.levels.len() as u64,
                waves,
                rho: 0.0,
                eps: 1.0,
            };
            comparisons.push(over_waves(
                Comparison::Interaction,
                design,
                &people.rows,
                &people.group,
                alpha,
            ));
        }
    }
    (!comparisons.is_empty()).then_some(Sensitivity {
        measure,
        power: SENSITIVITY_POWER,
        alpha,
        comparisons,
    })
}

/// The people with a score on one measure at every wave, each with their group's index.
struct Completers {
    /// The groups compared (one unnamed without groups).
    levels: Vec<String>,
    /// Each person's scores, one per wave.
    rows: Vec<Vec<f64>>,
    /// Each person's group index.
    group: Vec<usize>,
}

impl Completers {
    /// The completers of measure `m`; people of other groups are left out.
    fn of(study: &Study, data: &TimedSheets, m: usize) -> Completers {
        let waves = Waves {
            times: data.times.clone(),
            sheets: data.sheets.clone(),
            excluded: Vec::new(),
        };
        let levels = study
            .groups
            .as_ref()
            .map_or_else(|| vec![String::new()], |g| g.levels.clone());
        let mut people = Completers {
            levels,
            rows: Vec::new(),
            group: Vec::new(),
        };
        if let Some(complete) = waves.complete(&mut Vec::new()).into_iter().nth(m) {
            for (row, keys) in complete.rows.into_iter().zip(complete.keys) {
                let index = match (&study.groups, keys.first()) {
                    (None, _) => Some(0),
                    (Some(_), Some(key)) => people.levels.iter().position(|l| l == key),
                    (Some(_), None) => None,
                };
                if let Some(index) = index {
                    people.rows.push(row);
                    people.group.push(index);
                }
            }
        }
        people
    }

    /// The people of group `index` alone (all in group 0).
    fn of_group(&self, index: usize) -> (Vec<Vec<f64>>, Vec<usize>) {
        let rows: Vec<Vec<f64>> = self
            .rows
            .iter()
            .zip(&self.group)
            .filter(|(_, g)| **g == index)
            .map(|(row, _)| row.clone())
            .collect();
        let group = vec![0; rows.len()];
        (rows, group)
    }
}

/// The smallest f of a term of the mixed design (its ρ set from the people `rows`, ε = 1)
/// detected with [`SENSITIVITY_POWER`] by the groups of `group`.
fn over_waves(
    comparison: Comparison,
    mut design: Mixed,
    rows: &[Vec<f64>],
    group: &[usize],
    alpha: f64,
) -> Detectable {
    let mut n = vec![0usize; design.groups as usize];
    for &g in group {
        n[g] += 1;
    }
    let rho = wave_correlation(rows, group);
    let effect = rho.and_then(|rho| {
        design.rho = rho;
        let sizes = n.iter().map(|&n| n as u64).collect();
        let given = Given::SizePower {
            n: sizes,
            power: SENSITIVITY_POWER,
        };
        solve_mixed(design, alpha, given)
            .ok()
            .map(|answer| answer.effect)
    });
    Detectable {
        comparison,
        n,
        effect_size: EffectSize::F,
        effect,
        rho,
    }
}

/// The smallest effect `design` detects with [`SENSITIVITY_POWER`] in a two-sided test at
/// `alpha` with the people `n`; `None` when they are too few (or the power unreachable).
fn detectable(design: Design, n: SampleSize, alpha: f64) -> Option<f64> {
    let given = Given::SizePower {
        n,
        power: SENSITIVITY_POWER,
    };
    power::solve(design, alpha, Alternative::TwoSided, given)
        .ok()
        .map(|answer| answer.effect)
}

/// The correlation between the waves of a repeated-measures design, as G*Power's ρ assumes it
/// (compound symmetry): the mean covariance between two waves over the mean variance of a wave,
/// both from the pooled within-group covariance matrix S = Σ_g (n_g − 1) S_g / Σ_g (n_g − 1).
/// `rows` holds each person's values (one per wave), `group` each person's group index.
/// `None` when no group has two people or the scores do not vary.
fn wave_correlation(rows: &[Vec<f64>], group: &[usize]) -> Option<f64> {
    let waves = rows.first()?.len();
    let groups = group.iter().max()? + 1;
    let mut sums = vec![vec![0.0; waves]; groups];
    let mut counts = vec![0usize; groups];
    for (row, &g) in rows.iter().zip(group) {
        counts[g] += 1;
        for (sum, value) in sums[g].iter_mut().zip(row) {
            *sum += value;
        }
    }
    let means: Vec<Vec<f64>> = sums
        .iter()
        .zip(&counts)
        .map(|(sum, &n)| sum.iter().map(|s| s / n.max(1) as f64).collect())
        .collect();
    let (mut variance, mut covariance) = (0.0, 0.0);
    for (row, &g) in rows.iter().zip(group) {
        let centred: Vec<f64> = row.iter().zip(&means[g]).map(|(v, m)| v - m).collect();
        for a in 0..waves {
            variance += centred[a] * centred[a];
            for b in a + 1..waves {
                covariance += centred[a] * centred[b];
            }
        }
    }
    let df = counts
        .iter()
        .filter(|&&n| n > 0)
        .map(|n| n - 1)
        .sum::<usize>();
    let pairs = waves * (waves - 1) / 2;
    if df == 0 || pairs == 0 || variance <= 0.0 {
        return None;
    }
    // The common factor 1/df cancels in the ratio of the means.
    let rho = (covariance / pairs as f64) / (variance / waves as f64);
    rho.is_finite().then_some(rho)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wave_correlation_is_that_of_the_pooled_covariance_matrix() {
        let a = [
            [10., 12., 15.],
            [8., 9., 9.],
            [14., 13., 17.],
            [11., 15., 16.],
        ];
        let b = [
            [20., 18., 17.],
            [16., 15., 15.],
            [19., 19., 14.],
            [22., 20., 21.],
            [18., 15., 16.],
        ];
        let rows: Vec<Vec<f64>> = a.iter().chain(&b).map(|r| r.to_vec()).collect();
        let group: Vec<usize> = [0; 4].into_iter().chain([1; 5]).collect();
        // S <- ((nrow(a)-1)*cov(a) + (nrow(b)-1)*cov(b)) / (nrow(a)+nrow(b)-2)
        // mean(S[upper.tri(S)]) / mean(diag(S))
        let rho = wave_correlation(&rows, &group).unwrap();
        assert!((rho - 0.743607228094102).abs() < 1e-12, "{rho}");
        // S1 <- cov(a); mean(S1[upper.tri(S1)]) / mean(diag(S1))
        let one = wave_correlation(&rows[..4], &group[..4]).unwrap();
        assert!((one - 0.777049180327869).abs() < 1e-12, "{one}");
        // No variation, or one person per group: no correlation.
        assert_eq!(
            wave_correlation(&[vec![1., 1.], vec![1., 1.]], &[0, 0]),
            None
        );
        assert_eq!(
            wave_correlation(&[vec![1., 2.], vec![3., 1.]], &[0, 1]),
            None
        );
    }
}
