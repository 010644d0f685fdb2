//! Power of the F tests of a mixed (split-plot) design: k groups measured at m waves, as
//! G*Power 3.1's "ANOVA: Repeated measures, between factors / within factors / within-between
//! interaction" compute them with their default effect size ("as in G*Power 3.0"; Faul,
//! Erdfelder, Lang & Buchner 2007, *Behav Res Methods* 39, 175–191).
//!
//! With N people in all (only the total enters, so the groups may differ in size), ρ the
//! correlation among the waves and ε the nonsphericity correction:
//!
//! | term | λ | ν₁ | ν₂ |
//! |---|---|---|---|
//! | between | f² N m / (1 + (m − 1)ρ) | k − 1 | N − k |
//! | within | f² N m ε / (1 − ρ) | (m − 1)ε | (N − k)(m − 1)ε |
//! | interaction | f² N m ε / (1 − ρ) | (k − 1)(m − 1)ε | (N − k)(m − 1)ε |
//!
//! The power is `P(F > F_{1−α})` under the noncentral F with (ν₁, ν₂) degrees of freedom —
//! fractional when ε < 1 — and noncentrality λ ([`super::super::noncentral_f`]). ε does not
//! enter the between term. ρ must lie in (−1/(m − 1), 1), where a correlation matrix with ρ
//! everywhere off the diagonal exists; ε in [1/(m − 1), 1], its possible range. The sample size
//! solved for is the smallest n per group, all groups of n (N = k n); the effect is found as for
//! the other designs ([`super::solve`]).

use super::{
    Given, MAX_ANOVA_TOTAL, MAX_GROUPS, MAX_N, MAX_WAVES, Power, PowerError, SolveFor,
    check_effect, check_power, f_power, magnitude_reaching, smallest_reaching,
};

/// The term of a mixed design whose F test is planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Term {
    /// The groups' main effect (the means over the waves).
    Between,
    /// The waves' main effect (change over time); a single group is allowed.
    Within,
    /// The group × wave interaction (the groups change differently).
    Interaction,
}

impl Term {
    /// The term's name: `between`, `within` or `interaction`.
    pub fn name(self) -> &'static str {
        match self {
            Term::Between => "between",
            Term::Within => "within",
            Term::Interaction => "interaction",
        }
    }
}

/// A mixed design: `groups` groups measured at `waves` waves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mixed {
    /// The term tested.
    pub term: Term,
    /// The number of groups k (1 allowed for the within term only).
    pub groups: u64,
    /// The number of waves m (at least 2).
    pub waves: u64,
    /// The correlation ρ among the waves, in (−1/(m − 1), 1).
    pub rho: f64,
    /// The nonsphericity correction ε, in [1/(m − 1), 1] (1 under sphericity; unused by the
    /// between term).
    pub eps: f64,
}

/// Solves the mixed design for the quantity `given` leaves out. The sample size is the size of
/// each group, one per group (`vec![8, 9]`); solved for, every group has the n found.
///
/// The smallest interaction effect f that groups of 8 and 9 people measured at 3 waves detect
/// with 80% power at α = .05:
///
/// ```
/// use psyscore::stats::power::{Given, Mixed, Term, solve_mixed};
///
/// let design = Mixed { term: Term::Interaction, groups: 2, waves: 3, rho: 0.5, eps: 1.0 };
/// let answer = solve_mixed(design, 0.05, Given::SizePower { n: vec![8, 9], power: 0.8 })?;
/// assert!((answer.effect - 0.3234).abs() < 1e-4);
/// # Ok::<(), psyscore::stats::power::PowerError>(())
/// ```
pub fn solve_mixed(
    design: Mixed,
    alpha: f64,
    given: Given<Vec<u64>>,
) -> Result<Power<Vec<u64>>, PowerError> {
    check_design(design, alpha)?;
    solve_checked(design, alpha, given)
}

/// Solves the one-way ANOVA of `groups` groups of any size (one size per group in `given`), as
/// G*Power's "ANOVA: fixed effects, omnibus, one-way": λ = f² N, ν₁ = k − 1, ν₂ = N − k — the
/// between term of a design of one wave, and `pwr.anova.test`'s λ = k n f² when the groups are
/// equal. Solved for, every group has the n found.
pub fn solve_oneway(
    groups: u64,
    alpha: f64,
    given: Given<Vec<u64>>,
) -> Result<Power<Vec<u64>>, PowerError> {
    check_f_alpha(alpha)?;
    if !(2..=MAX_GROUPS).contains(&groups) {
        return Err(PowerError::Groups(groups));
    }
    let design = Mixed {
        term: Term::Between,
        groups,
        waves: 1,
        rho: 0.0,
        eps: 1.0,
    };
    solve_checked(design, alpha, given)
}

/// [`solve_mixed`] of a design already checked.
fn solve_checked(
    design: Mixed,
    alpha: f64,
    given: Given<Vec<u64>>,
) -> Result<Power<Vec<u64>>, PowerError> {
    match given {
        Given::SizeEffect { n, effect } => {
            check_sizes(design, &n)?;
            check_effect(effect)?;
            answer(design, alpha, SolveFor::Power, None, n, effect)
        }
        Given::EffectPower { effect, power } => {
            check_power(power, alpha)?;
            check_effect(effect)?;
            if effect <= 0.0 {
                return Err(PowerError::NoEffect {
                    effect,
                    power,
                    side: "",
                    direction: "above 0, such as f = 0.25",
                });
            }
            let max_n = largest_n(design);
            let sizes = |n: u64| vec![n; design.groups as usize];
            let n = smallest_reaching(
                |n| Ok(power_of(design, alpha, &sizes(n), effect)? >= power),
                max_n,
                effect,
                power,
            )?;
            answer(design, alpha, SolveFor::N, Some(power), sizes(n), effect)
        }
        Given::SizePower { n, power } => {
            check_power(power, alpha)?;
            check_sizes(design, &n)?;
            let effect = magnitude_reaching(|f| power_of(design, alpha, &n, f), alpha, power)?;
            answer(design, alpha, SolveFor::Effect, Some(power), n, effect)
        }
    }
}

/// α in (0, 1), and at most .5: the F quantile is computed for α ≤ .5 only.
fn check_f_alpha(alpha: f64) -> Result<(), PowerError> {
    if !(alpha > 0.0 && alpha < 1.0) {
        return Err(PowerError::Alpha(alpha));
    }
    if alpha > 0.5 {
        return Err(PowerError::AnovaAlpha(alpha));
    }
    Ok(())
}

fn check_design(design: Mixed, alpha: f64) -> Result<(), PowerError> {
    check_f_alpha(alpha)?;
    let waves = design.waves;
    if !(2..=MAX_WAVES).contains(&waves) {
        return Err(PowerError::Waves(waves));
    }
    let least = if design.term == Term::Within { 1 } else { 2 };
    if !(least..=MAX_GROUPS).contains(&design.groups) {
        return Err(PowerError::MixedGroups {
            term: design.term.name(),
            groups: design.groups,
            least,
        });
    }
    let bound = 1.0 / (waves - 1) as f64;
    if !(design.rho > -bound && design.rho < 1.0) {
        return Err(PowerError::Rho {
            rho: design.rho,
            waves,
            low: -bound,
        });
    }
    if !(design.eps >= bound && design.eps <= 1.0) {
        return Err(PowerError::Eps {
            eps: design.eps,
            waves,
            low: bound,
        });
    }
    Ok(())
}

fn check_sizes(design: Mixed, sizes: &[u64]) -> Result<(), PowerError> {
    if sizes.len() as u64 != design.groups {
        return Err(PowerError::GroupSizes {
            sizes: sizes.len(),
            groups: design.groups,
        });
    }
    for &size in sizes {
        if size < 2 {
            return Err(PowerError::SmallN(size));
        }
        if size > MAX_N {
            return Err(PowerError::LargeN(size));
        }
    }
    let total: u64 = sizes.iter().sum();
    if total > MAX_ANOVA_TOTAL {
        return Err(PowerError::Total(total));
    }
    let (_, _, df2) = parameters(design, total, 0.0);
    if df2 > MAX_ANOVA_TOTAL as f64 {
        return Err(PowerError::ErrorDf(df2));
    }
    Ok(())
}

/// The largest n per group searched: [`MAX_N`], [`MAX_ANOVA_TOTAL`] people in all, and as many
/// error degrees of freedom (beyond, the F quantile's search becomes slow).
fn largest_n(design: Mixed) -> u64 {
    let k = design.groups;
    let by_total = MAX_N.min(MAX_ANOVA_TOTAL / k);
    match design.term {
        Term::Between => by_total,
        Term::Within | Term::Interaction => {
            // (k n − k)(m − 1)ε ≤ limit, so n ≤ 1 + limit / (k (m − 1) ε).
            let per_person = k as f64 * (design.waves - 1) as f64 * design.eps;
            let by_df = 1.0 + (MAX_ANOVA_TOTAL as f64 / per_person).floor();
            by_total.min(by_df as u64)
        }
    }
}

/// λ, ν₁ and ν₂ of the term for `total` people (see the module docs).
fn parameters(design: Mixed, total: u64, effect: f64) -> (f64, f64, f64) {
    let (k, m, n) = (design.groups as f64, design.waves as f64, total as f64);
    let (rho, eps) = (design.rho, design.eps);
    let f2 = effect * effect;
    match design.term {
        Term::Between => (f2 * n * m / (1.0 + (m - 1.0) * rho), k - 1.0, n - k),
        Term::Within => (
            f2 * n * m * eps / (1.0 - rho),
            (m - 1.0) * eps,
            (n - k) * (m - 1.0) * eps,
        ),
        Term::Interaction => (
            f2 * n * m * eps / (1.0 - rho),
            (k - 1.0) * (m - 1.0) * eps,
            (n - k) * (m - 1.0) * eps,
        ),
    }
}

fn power_of(design: Mixed, alpha: f64, sizes: &[u64], effect: f64) -> Result<f64, PowerError> {
    let (lambda, df1, df2) = parameters(design, sizes.iter().sum(), effect);
    Ok(f_power(alpha, df1, df2, lambda)?.power)
}

fn answer(
    design: Mixed,
    alpha: f64,
    solve_for: SolveFor,
    target: Option<f64>,
    sizes: Vec<u64>,
    effect: f64,
) -> Result<Power<Vec<u64>>, PowerError> {
    let (lambda, df1, df2) = parameters(design, sizes.iter().sum(), effect);
    let evaluation = f_power(alpha, df1, df2, lambda)?;
    Ok(Power {
        solve_for,
        alpha,
        power: target.unwrap_or(evaluation.power),
        n: sizes,
        effect,
        achieved_power: evaluation.power,
        noncentrality: evaluation.noncentrality,
        critical: evaluation.critical,
        df: evaluation.df,
    })
}

#[cfg(test)]
#[path = "mixed_tests.rs"]
#[allow(
    clippy::excessive_precision,
    reason = "reference values are R's sprintf(\"%.17g\") output, kept verbatim"
)]
mod tests;
