//! Power and sample size for the paired (one-sample) t-test, the two-sample t-test and the
//! one-way analysis of variance, as R's `pwr::pwr.t.test`, `pwr.t2n.test` and `pwr.anova.test`
//! compute them.
//!
//! - Paired: ν = n − 1, δ = d_z √n; two groups: ν = n₁ + n₂ − 2, δ = d / √(1/n₁ + 1/n₂). The
//!   power is `P(T > t_{1−α/2}) + P(T < −t_{1−α/2})` (two-sided), `P(T > t_{1−α})` (greater) or
//!   `P(T < −t_{1−α})` (less) under the noncentral t with ν df and noncentrality δ
//!   ([`super::noncentral_t::cdf`]). Two-sided, the sign of d does not matter.
//! - One-way ANOVA with k groups of n: ν₁ = k − 1, ν₂ = k(n − 1), λ = k n f², the power
//!   `P(F > F_{1−α})` under the noncentral F ([`super::noncentral_f`]).
//! - The Wilcoxon signed-rank and Mann–Whitney tests by G*Power's A.R.E. method: the t-tests
//!   above on a sample scaled by the asymptotic relative efficiency ([`Parent`]).
//! - The mixed design's between, within and interaction F tests, as G*Power: [`solve_mixed`].
//!
//! Whichever of the sample size, the power and the effect is left out is solved for. The sample
//! size is the smallest whole n (n₁, with n₂ = ⌈ratio · n₁⌉ for two groups) whose power reaches
//! the one asked, found by doubling then bisection over whole numbers (the power grows with n);
//! the power it achieves is given beside it. The effect is the root of `power(effect) = target`
//! by Brent's method to 1e-12, on the side of zero the alternative points to (positive for a
//! two-sided test).

mod mixed;
mod rank;

pub use mixed::{Mixed, Term, solve_mixed, solve_oneway};
pub use rank::Parent;

use serde::Serialize;
use thiserror::Error;

use super::Alternative;
use super::noncentral_t::{self, brent_root};
use super::reliability::f_quantile_upper;
use super::ttest::t_quantile_upper;

/// The largest sample size (per group) accepted or solved for.
pub const MAX_N: u64 = 1_000_000;
/// The largest effect size (|d| or f) accepted: beyond, the number is surely a slip.
pub const MAX_EFFECT: f64 = 10.0;
/// The largest number of groups of an analysis of variance.
pub const MAX_GROUPS: u64 = 100;
/// The largest number of people in all of an analysis of variance (beyond, the F quantile's
/// search becomes slow).
pub const MAX_ANOVA_TOTAL: u64 = 10_000_000;
/// The largest number of waves of a repeated-measures design.
pub const MAX_WAVES: u64 = 100;
/// The largest effect the solver searches for (a power that needs more is refused).
const MAX_SOLVED_EFFECT: f64 = 1e4;
/// Absolute tolerance of a solved effect size.
const EFFECT_TOL: f64 = 1e-12;

/// The design whose power is asked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Design {
    /// The paired t-test (one sample of differences), effect d_z.
    Paired,
    /// The two-sample (Student) t-test, effect d. `ratio` is n₂/n₁ when the sample size is
    /// solved for (1 for equal groups).
    Groups {
        /// n₂ / n₁ of a solved sample size.
        ratio: f64,
    },
    /// The Wilcoxon signed-rank test of pairs by the A.R.E. method ([`Parent`]), effect d_z.
    SignedRank {
        /// The distribution of the differences.
        parent: Parent,
    },
    /// The Wilcoxon–Mann–Whitney test of two groups by the A.R.E. method ([`Parent`]), effect
    /// d; `ratio` as for [`Design::Groups`].
    RankSum {
        /// n₂ / n₁ of a solved sample size.
        ratio: f64,
        /// The distribution of the scores.
        parent: Parent,
    },
    /// The one-way analysis of variance of `groups` groups of equal size, effect Cohen's f.
    Anova {
        /// The number of groups k.
        groups: u64,
    },
}

/// The sample size: `n1` per group (the pairs, for a paired test); `n2` the second group's size
/// for two groups of unequal size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleSize {
    /// The size of the (first) group.
    pub n1: u64,
    /// The size of the second group of a two-sample test (`None`: the same as `n1`).
    pub n2: Option<u64>,
}

/// What is known; the quantity missing is solved for. `N` is the sample size: a [`SampleSize`]
/// for [`solve`], the size of each group (`Vec<u64>`) for [`solve_mixed`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Given<N = SampleSize> {
    /// Effect and power known: solve for the sample size.
    EffectPower {
        /// The effect size.
        effect: f64,
        /// The power wanted.
        power: f64,
    },
    /// Sample size and effect known: compute the power.
    SizeEffect {
        /// The sample size.
        n: N,
        /// The effect size.
        effect: f64,
    },
    /// Sample size and power known: solve for the smallest effect detected with that power.
    SizePower {
        /// The sample size.
        n: N,
        /// The power wanted.
        power: f64,
    },
}

/// The quantity solved for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SolveFor {
    /// The sample size.
    N,
    /// The power.
    Power,
    /// The effect size.
    Effect,
}

/// The answer: every quantity of the design, the one solved for included. `N` is the sample
/// size as [`Given`] takes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Power<N = SampleSize> {
    /// What was solved for.
    pub solve_for: SolveFor,
    /// The significance level.
    pub alpha: f64,
    /// The power asked (when solving for n or the effect), else the power computed.
    pub power: f64,
    /// The sample size (per group): given, or the smallest reaching the power.
    pub n: N,
    /// The effect size (d_z, d or f): given or solved for.
    pub effect: f64,
    /// The power at `n` and `effect`.
    pub achieved_power: f64,
    /// The noncentrality: δ of the t-tests, λ of the ANOVA.
    pub noncentrality: f64,
    /// The critical t (two-sided: its absolute value; less: negative) or F.
    pub critical: f64,
    /// The degrees of freedom of the t, or (numerator, denominator) of the F (fractional under
    /// a nonsphericity correction).
    pub df: (f64, Option<f64>),
}

/// A request that has no answer, said with what to ask instead.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum PowerError {
    /// α outside (0, 1) (or above .5 for an ANOVA).
    #[error("the significance level α = {0} must lie between 0 and 1 (exclusive); use e.g. 0.05")]
    Alpha(f64),
    /// α above .5 for an ANOVA, where the F quantile is not computed.
    #[error(
        "the significance level α = {0} is above 0.5, which an ANOVA's power does not support; use e.g. 0.05"
    )]
    AnovaAlpha(f64),
    /// A target power that is not between α and 1.
    #[error(
        "the power {power} cannot be reached: it must lie above α = {alpha} (the power of no effect) and below 1; ask for e.g. 0.8"
    )]
    Power {
        /// The power asked.
        power: f64,
        /// The significance level.
        alpha: f64,
    },
    /// A sample size below 2.
    #[error("a sample size of {0} is too small: each group needs at least 2")]
    SmallN(u64),
    /// A sample size above [`MAX_N`].
    #[error("a sample size of {0} per group is beyond the 1000000 supported; check the number")]
    LargeN(u64),
    /// An ANOVA of more than [`MAX_ANOVA_TOTAL`] people in all.
    #[error(
        "an ANOVA of {groups} groups of {n} ({total} people) is beyond the 10000000 in all supported; check the numbers"
    )]
    AnovaTotal {
        /// The number of groups.
        groups: u64,
        /// The size of each group.
        n: u64,
        /// groups × n.
        total: u64,
    },
    /// An ANOVA with fewer than 2 or more than [`MAX_GROUPS`] groups.
    #[error("an ANOVA of {0} groups is not supported: give between 2 and 100 groups")]
    Groups(u64),
    /// An allocation ratio that is not positive and finite, or too far from 1.
    #[error(
        "the allocation ratio n2/n1 = {0} must lie between 0.01 and 100; use e.g. 1 for equal groups"
    )]
    Ratio(f64),
    /// An effect that is not finite or beyond [`MAX_EFFECT`].
    #[error(
        "an effect size of {0} is beyond ±10, surely a slip; give the standardized effect (e.g. 0.5)"
    )]
    LargeEffect(f64),
    /// An effect of zero (or against the alternative) when solving for the sample size.
    #[error(
        "no sample size reaches a power of {power} for an effect of {effect}{side}: give an effect {direction}"
    )]
    NoEffect {
        /// The effect given.
        effect: f64,
        /// The power asked.
        power: f64,
        /// ", with the alternative …" when the sign is the problem.
        side: &'static str,
        /// What effect to give instead.
        direction: &'static str,
    },
    /// The power needs more than [`MAX_N`] per group (or [`MAX_ANOVA_TOTAL`] in all).
    #[error(
        "reaching a power of {power} for an effect of {effect} needs more than {limit} per group; check the effect size"
    )]
    NeedsTooMany {
        /// The largest size per group searched.
        limit: u64,
        /// The effect given.
        effect: f64,
        /// The power asked.
        power: f64,
    },
    /// No effect up to the search limit reaches the power.
    #[error("no effect size up to 10000 reaches a power of {0} with this sample size")]
    NoSolvedEffect(f64),
    /// A repeated-measures design of fewer than 2 or more than [`MAX_WAVES`] waves.
    #[error(
        "a repeated-measures design of {0} waves is not supported: give between 2 and 100 waves"
    )]
    Waves(u64),
    /// A mixed design whose number of groups does not suit the term tested.
    #[error(
        "the {term} term of a mixed design of {groups} groups is not supported: give between {least} and 100 groups"
    )]
    MixedGroups {
        /// The term tested ("between", "within" or "interaction").
        term: &'static str,
        /// The number of groups given.
        groups: u64,
        /// 1 for the within term, else 2.
        least: u64,
    },
    /// A correlation among the waves outside (−1/(m − 1), 1).
    #[error(
        "the correlation among waves ρ = {rho} is impossible for {waves} waves: it must lie above {low} (−1/(waves − 1)) and below 1; use e.g. 0.5"
    )]
    Rho {
        /// The correlation given.
        rho: f64,
        /// The number of waves.
        waves: u64,
        /// −1/(waves − 1).
        low: f64,
    },
    /// A nonsphericity correction outside [1/(m − 1), 1].
    #[error(
        "the nonsphericity correction ε = {eps} must lie between 1/(waves − 1) = {low} and 1 for {waves} waves; use 1 under sphericity"
    )]
    Eps {
        /// The ε given.
        eps: f64,
        /// The number of waves.
        waves: u64,
        /// 1/(waves − 1).
        low: f64,
    },
    /// Group sizes whose count is not the number of groups.
    #[error("{sizes} group sizes were given for {groups} groups: give one size per group")]
    GroupSizes {
        /// How many sizes were given.
        sizes: usize,
        /// The number of groups.
        groups: u64,
    },
    /// A design of more than [`MAX_ANOVA_TOTAL`] people in all.
    #[error("a design of {0} people in all is beyond the 10000000 supported; check the numbers")]
    Total(u64),
    /// A mixed design whose error degrees of freedom pass [`MAX_ANOVA_TOTAL`].
    #[error(
        "a design with {0} error degrees of freedom ((N − groups)(waves − 1)ε) is beyond the 10000000 supported; check the numbers"
    )]
    ErrorDf(f64),
    /// A distribution could not be evaluated (should not happen for accepted input).
    #[error("the power could not be computed for these values")]
    Numeric,
}

/// Solves the design for the quantity `given` leaves out (see the module docs).
pub fn solve(
    design: Design,
    alpha: f64,
    alternative: Alternative,
    given: Given,
) -> Result<Power, PowerError> {
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(PowerError::Alpha(alpha));
    }
    match design {
        Design::Anova { groups } => {
            if !(2..=MAX_GROUPS).contains(&groups) {
                return Err(PowerError::Groups(groups));
            }
            if alpha > 0.5 {
                return Err(PowerError::AnovaAlpha(alpha));
            }
        }
        Design::Groups { ratio } | Design::RankSum { ratio, .. } => {
            if !(0.01..=100.0).contains(&ratio) {
                return Err(PowerError::Ratio(ratio));
            }
        }
        Design::Paired | Design::SignedRank { .. } => {}
    }
    // An ANOVA has no direction.
    let alternative = match design {
        Design::Anova { .. } => Alternative::Greater,
        _ => alternative,
    };
    let model = Model {
        design,
        alpha,
        alternative,
    };
    match given {
        Given::SizeEffect { n, effect } => {
            check_size(n)?;
            check_total(design, n)?;
            check_effect(effect)?;
            model.answer(SolveFor::Power, None, n, effect)
        }
        Given::EffectPower { effect, power } => {
            check_power(power, alpha)?;
            check_effect(effect)?;
            let n = model.smallest_n(effect, power)?;
            model.answer(SolveFor::N, Some(power), n, effect)
        }
        Given::SizePower { n, power } => {
            check_power(power, alpha)?;
            check_size(n)?;
            check_total(design, n)?;
            let effect = model.effect_for(n, power)?;
            model.answer(SolveFor::Effect, Some(power), n, effect)
        }
    }
}

fn check_size(n: SampleSize) -> Result<(), PowerError> {
    for size in std::iter::once(n.n1).chain(n.n2) {
        if size < 2 {
            return Err(PowerError::SmallN(size));
        }
        if size > MAX_N {
            return Err(PowerError::LargeN(size));
        }
    }
    Ok(())
}

fn check_total(design: Design, n: SampleSize) -> Result<(), PowerError> {
    match design {
        Design::Anova { groups } if groups * n.n1 > MAX_ANOVA_TOTAL => {
            Err(PowerError::AnovaTotal {
                groups,
                n: n.n1,
                total: groups * n.n1,
            })
        }
        _ => Ok(()),
    }
}

fn check_effect(effect: f64) -> Result<(), PowerError> {
    if effect.is_finite() && effect.abs() <= MAX_EFFECT {
        Ok(())
    } else {
        Err(PowerError::LargeEffect(effect))
    }
}

fn check_power(power: f64, alpha: f64) -> Result<(), PowerError> {
    if power > alpha && power < 1.0 {
        Ok(())
    } else {
        Err(PowerError::Power { power, alpha })
    }
}

/// One design at one α and alternative.
struct Model {
    design: Design,
    alpha: f64,
    alternative: Alternative,
}

/// The power at one sample size and effect, with what it is made of.
struct Evaluation {
    power: f64,
    noncentrality: f64,
    critical: f64,
    df: (f64, Option<f64>),
}

impl Model {
    fn answer(
        &self,
        solve_for: SolveFor,
        target: Option<f64>,
        n: SampleSize,
        effect: f64,
    ) -> Result<Power, PowerError> {
        let evaluation = self.evaluate(n, effect)?;
        // Two groups: name both sizes, equal or not.
        let n = match self.design {
            Design::Groups { .. } | Design::RankSum { .. } => SampleSize {
                n1: n.n1,
                n2: Some(n.n2.unwrap_or(n.n1)),
            },
            _ => SampleSize { n1: n.n1, n2: None },
        };
        Ok(Power {
            solve_for,
            alpha: self.alpha,
            power: target.unwrap_or(evaluation.power),
            n,
            effect,
            achieved_power: evaluation.power,
            noncentrality: evaluation.noncentrality,
            critical: evaluation.critical,
            df: evaluation.df,
        })
    }

    fn evaluate(&self, n: SampleSize, effect: f64) -> Result<Evaluation, PowerError> {
        let n1 = n.n1 as f64;
        match self.design {
            Design::Paired => self.t_power(n1 - 1.0, effect * n1.sqrt()),
            Design::SignedRank { parent } => {
                let scaled = parent.are() * n1;
                self.t_power(scaled - 1.0, effect * scaled.sqrt())
            }
            Design::Groups { .. } => {
                let n2 = n.n2.map_or(n1, |n2| n2 as f64);
                self.t_power(n1 + n2 - 2.0, effect / (1.0 / n1 + 1.0 / n2).sqrt())
            }
            Design::RankSum { parent, .. } => {
                let n2 = n.n2.map_or(n1, |n2| n2 as f64);
                let k = parent.are();
                self.t_power(
                    k * (n1 + n2) - 2.0,
                    effect * (k * n1 * n2 / (n1 + n2)).sqrt(),
                )
            }
            Design::Anova { groups } => {
                let k = groups as f64;
                f_power(
                    self.alpha,
                    k - 1.0,
                    k * (n1 - 1.0),
                    k * n1 * effect * effect,
                )
            }
        }
    }

    fn t_power(&self, df: f64, ncp: f64) -> Result<Evaluation, PowerError> {
        // P(T > t) = P(−T < −t), and −T is noncentral t with −δ: no cancellation in 1 − cdf.
        let above = |t: f64| noncentral_t::cdf(-t, df, -ncp);
        let below = |t: f64| noncentral_t::cdf(t, df, ncp);
        let (power, critical) = match self.alternative {
            Alternative::TwoSided => {
                let t = t_quantile_upper(self.alpha / 2.0, df).ok_or(PowerError::Numeric)?;
                (above(t) + below(-t), t)
            }
            Alternative::Greater => {
                let t = t_quantile_upper(self.alpha, df).ok_or(PowerError::Numeric)?;
                (above(t), t)
            }
            Alternative::Less => {
                let t = -t_quantile_upper(self.alpha, df).ok_or(PowerError::Numeric)?;
                (below(t), t)
            }
        };
        if !power.is_finite() {
            return Err(PowerError::Numeric);
        }
        Ok(Evaluation {
            power: power.min(1.0),
            noncentrality: ncp,
            critical,
            df: (df, None),
        })
    }

    /// The sample size of `n1` (and its second group by the ratio).
    fn size(&self, n1: u64) -> SampleSize {
        match self.design {
            Design::Groups { ratio } | Design::RankSum { ratio, .. } => {
                // ⌈ratio · n₁⌉, forgiving the rounding of a ratio like 0.1 (0.1 · 30 =
                // 3.0000000000000004), and never below 2.
                let n2 = (ratio * n1 as f64 - 1e-9).ceil().max(2.0) as u64;
                SampleSize { n1, n2: Some(n2) }
            }
            _ => SampleSize { n1, n2: None },
        }
    }

    fn smallest_n(&self, effect: f64, power: f64) -> Result<SampleSize, PowerError> {
        let wrong_side = match self.alternative {
            Alternative::TwoSided => effect == 0.0,
            Alternative::Greater => effect <= 0.0,
            Alternative::Less => effect >= 0.0,
        };
        if wrong_side {
            let (side, direction) = match (self.design, self.alternative) {
                (Design::Anova { .. }, _) => ("", "above 0, such as f = 0.25"),
                (_, Alternative::TwoSided) => ("", "other than 0, such as d = 0.5"),
                (_, Alternative::Greater) => {
                    (", with the alternative greater", "above 0, such as d = 0.5")
                }
                (_, Alternative::Less) => {
                    (", with the alternative less", "below 0, such as d = -0.5")
                }
            };
            return Err(PowerError::NoEffect {
                effect,
                power,
                side,
                direction,
            });
        }
        let max_n = match self.design {
            Design::Anova { groups } => MAX_N.min(MAX_ANOVA_TOTAL / groups),
            _ => MAX_N,
        };
        let n1 = smallest_reaching(
            |n1| Ok(self.evaluate(self.size(n1), effect)?.power >= power),
            max_n,
            effect,
            power,
        )?;
        Ok(self.size(n1))
    }

    fn effect_for(&self, n: SampleSize, power: f64) -> Result<f64, PowerError> {
        let sign = if self.alternative == Alternative::Less {
            -1.0
        } else {
            1.0
        };
        let magnitude = magnitude_reaching(
            |magnitude| self.evaluate(n, sign * magnitude).map(|e| e.power),
            self.alpha,
            power,
        )?;
        Ok(sign * magnitude)
    }
}

/// The power of an F test at level `alpha`: `P(F > F_{1−α})` under the noncentral F with `df1`
/// and `df2` degrees of freedom (whole or not) and noncentrality `lambda`.
fn f_power(alpha: f64, df1: f64, df2: f64, lambda: f64) -> Result<Evaluation, PowerError> {
    let critical = f_quantile_upper(alpha, df1, df2).ok_or(PowerError::Numeric)?;
    let power =
        super::noncentral_f::upper_tail(critical, df1, df2, lambda).ok_or(PowerError::Numeric)?;
    Ok(Evaluation {
        power,
        noncentrality: lambda,
        critical,
        df: (df1, Some(df2)),
    })
}

/// The smallest whole n in [2, `max_n`] that `reaches` the power (which grows with n): doubling,
/// then bisection. [`PowerError::NeedsTooMany`] when `max_n` does not reach it.
fn smallest_reaching(
    reaches: impl Fn(u64) -> Result<bool, PowerError>,
    max_n: u64,
    effect: f64,
    power: f64,
) -> Result<u64, PowerError> {
    if reaches(2)? {
        return Ok(2);
    }
    // Doubling: `low` never reaches the power, `high` does.
    let (mut low, mut high) = (2, 4.min(max_n));
    while !reaches(high)? {
        if high >= max_n {
            return Err(PowerError::NeedsTooMany {
                limit: max_n,
                effect,
                power,
            });
        }
        low = high;
        high = (high * 2).min(max_n);
    }
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if reaches(middle)? {
            high = middle;
        } else {
            low = middle;
        }
    }
    Ok(high)
}

/// The effect magnitude whose power (`power_at`, growing with it from α at zero) is `power`:
/// doubling from 1 to bracket it, then Brent's method to [`EFFECT_TOL`].
fn magnitude_reaching(
    power_at: impl Fn(f64) -> Result<f64, PowerError>,
    alpha: f64,
    power: f64,
) -> Result<f64, PowerError> {
    let gap = |magnitude: f64| -> f64 { power_at(magnitude).map_or(f64::NAN, |p| p - power) };
    // At zero effect the power is α < target; double until it is reached.
    let (mut low, mut high) = (0.0, 1.0);
    let (mut gap_low, mut gap_high) = (alpha - power, gap(1.0));
    while gap_high < 0.0 {
        if high >= MAX_SOLVED_EFFECT {
            return Err(PowerError::NoSolvedEffect(power));
        }
        (low, gap_low) = (high, gap_high);
        high *= 2.0;
        gap_high = gap(high);
    }
    if gap_high.is_nan() {
        return Err(PowerError::Numeric);
    }
    brent_root(gap, low, high, gap_low, gap_high, EFFECT_TOL).ok_or(PowerError::Numeric)
}

#[cfg(test)]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests;
