//! `[[power]]` entries of a study file: the sample size of the next study, for an expected
//! effect and a target power, with the people to recruit when some are expected to drop out.
//! Solved by [`crate::stats::power`] when the file is read, so an impossible request is an
//! error naming its line.

use std::ops::Range;

use serde::Serialize;
use toml::Spanned;

use super::StudyError;
use super::raw::RawPower;
use crate::stats::Alternative;
use crate::stats::power::{self, Design, Given, Mixed, PowerError, SampleSize, Term, solve_mixed};

/// The power a `[[power]]` entry aims at when it does not say.
pub const DEFAULT_POWER: f64 = 0.8;

/// A `[[power]]` entry, solved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// `paired`, `groups` (with its `ratio`), `anova` (with its `groups`) or `mixed` (with its
    /// `term`, `groups`, `waves`, `rho` and `eps`).
    #[serde(flatten)]
    pub test: PlanTest,
    /// The effect expected: d_z (paired), d (groups) or f (anova, mixed).
    pub effect: f64,
    /// The power aimed at.
    pub power: f64,
    /// The significance level.
    pub alpha: f64,
    /// The alternative of a t-test (`null` for an ANOVA).
    pub alternative: Option<Alternative>,
    /// The share of people expected to drop out before the last wave.
    pub dropout: f64,
    /// The people needed per group (the pairs of a paired test) at the end.
    pub n: u64,
    /// The second group's size when it differs (`ratio`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n2: Option<u64>,
    /// The power reached with `n`.
    pub achieved_power: f64,
    /// The people to recruit per group so that `n` remain after the dropout.
    pub recruit: u64,
    /// The second group's recruits when it differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recruit2: Option<u64>,
    /// Everyone to recruit, over all groups.
    pub recruit_total: u64,
}

/// The test of a `[[power]]` entry.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "test", rename_all = "snake_case")]
pub enum PlanTest {
    /// The paired t-test (one group before and after), effect d_z.
    Paired,
    /// The two-sample t-test, effect d; `ratio` = n₂/n₁.
    Groups {
        /// n₂ / n₁.
        ratio: f64,
    },
    /// The one-way ANOVA of `groups` groups of equal size, effect f.
    Anova {
        /// The number of groups.
        groups: u64,
    },
    /// A term of the `groups` × `waves` mixed (repeated-measures) design, effect f, as
    /// G*Power's repeated-measures ANOVAs.
    Mixed {
        /// `between`, `within` or `interaction`.
        #[serde(serialize_with = "term_name")]
        term: Term,
        /// The number of groups.
        groups: u64,
        /// The number of waves.
        waves: u64,
        /// The correlation among the waves.
        rho: f64,
        /// The nonsphericity correction.
        eps: f64,
    },
}

/// A term by its name in `results.json`.
fn term_name<S: serde::Serializer>(term: &Term, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(term.name())
}

impl PlanTest {
    /// The number of groups recruited.
    pub fn groups(self) -> u64 {
        match self {
            PlanTest::Paired => 1,
            PlanTest::Groups { .. } => 2,
            PlanTest::Anova { groups } | PlanTest::Mixed { groups, .. } => groups,
        }
    }

    /// A t-test (paired or two groups), which has an alternative.
    pub fn is_t_test(self) -> bool {
        matches!(self, PlanTest::Paired | PlanTest::Groups { .. })
    }
}

/// The message of a `[[power]]` key that is wrong, at its place.
type Fail<'a> = &'a dyn Fn(Range<usize>, String) -> StudyError;

/// Checks and solves one `[[power]]` entry; `alpha` is the study's, used unless the entry
/// gives its own. Errors are made by `fail` at the offending key.
pub fn plan(raw: Spanned<RawPower>, alpha: f64, fail: Fail) -> Result<Plan, StudyError> {
    let span = raw.span();
    let raw = raw.into_inner();
    let test = test_of(&raw, fail)?;
    let alternative = match raw.alternative.as_ref().map(|a| (a.get_ref().as_str(), a)) {
        None | Some(("two-sided", _)) => Alternative::TwoSided,
        Some(("less", _)) => Alternative::Less,
        Some(("greater", _)) => Alternative::Greater,
        Some((other, at)) => {
            return Err(fail(
                at.span(),
                format!(
                    "alternative must be \"two-sided\", \"less\" or \"greater\", not \"{other}\""
                ),
            ));
        }
    };
    let dropout = match &raw.dropout {
        None => 0.0,
        Some(dropout) if (0.0..0.9).contains(dropout.get_ref()) => *dropout.get_ref(),
        Some(dropout) => {
            return Err(fail(
                dropout.span(),
                format!(
                    "dropout is the share expected to leave, from 0 up to (not including) 0.9, e.g. dropout = 0.2; not {}",
                    dropout.get_ref()
                ),
            ));
        }
    };
    let alpha = raw.alpha.as_ref().map_or(alpha, |alpha| *alpha.get_ref());
    let target = raw.power.as_ref().map_or(DEFAULT_POWER, |p| *p.get_ref());
    let effect = *raw.effect.get_ref();
    let answer = solve(test, alpha, alternative, effect, target).map_err(|err| {
        // At the key the answer depends on, else the entry.
        let at = match err {
            PowerError::Power { .. } => raw.power.as_ref().map(Spanned::span),
            PowerError::NoEffect { .. } | PowerError::LargeEffect(_) => Some(raw.effect.span()),
            PowerError::Alpha(_) | PowerError::AnovaAlpha(_) => {
                raw.alpha.as_ref().map(Spanned::span)
            }
            PowerError::Ratio(_) => raw.ratio.as_ref().map(Spanned::span),
            PowerError::Groups(_) | PowerError::MixedGroups { .. } => {
                raw.groups.as_ref().map(Spanned::span)
            }
            PowerError::Waves(_) => raw.waves.as_ref().map(Spanned::span),
            PowerError::Rho { .. } => raw.rho.as_ref().map(Spanned::span),
            PowerError::Eps { .. } => raw.eps.as_ref().map(Spanned::span),
            _ => None,
        };
        fail(at.unwrap_or(span), format!("[[power]]: {err}"))
    })?;
    // Equal groups are one size per group.
    let n2 = answer.n.n2.filter(|&n2| n2 != answer.n.n1);
    let recruit = recruits(answer.n.n1, dropout);
    let recruit2 = n2.map(|n2| recruits(n2, dropout));
    let recruit_total = recruit2.map_or(recruit * test.groups(), |second| recruit + second);
    Ok(Plan {
        test,
        effect,
        power: target,
        alpha,
        alternative: test.is_t_test().then_some(alternative),
        dropout,
        n: answer.n.n1,
        n2,
        achieved_power: answer.achieved_power,
        recruit,
        recruit2,
        recruit_total,
    })
}

/// The entry's test with its own keys, refusing keys of other tests.
fn test_of(raw: &RawPower, fail: Fail) -> Result<PlanTest, StudyError> {
    let name = raw.test.get_ref().as_str();
    let test = match name {
        "paired" => PlanTest::Paired,
        "groups" => PlanTest::Groups {
            ratio: raw.ratio.as_ref().map_or(1.0, |ratio| *ratio.get_ref()),
        },
        "anova" => PlanTest::Anova {
            groups: *raw
                .groups
                .as_ref()
                .ok_or_else(|| {
                    fail(
                        raw.test.span(),
                        "test = \"anova\" needs the number of groups, e.g. groups = 3".to_owned(),
                    )
                })?
                .get_ref(),
        },
        "mixed" => mixed_test(raw, fail)?,
        other => {
            return Err(fail(
                raw.test.span(),
                format!(
                    "test must be \"paired\", \"groups\", \"anova\" or \"mixed\", not \"{other}\""
                ),
            ));
        }
    };
    let mixed = matches!(test, PlanTest::Mixed { .. });
    let groups = matches!(test, PlanTest::Groups { .. });
    for (given, key, applies, to) in [
        (
            raw.alternative.as_ref().map(Spanned::span),
            "alternative",
            "the t-tests (paired, groups)",
            test.is_t_test(),
        ),
        (
            raw.ratio.as_ref().map(Spanned::span),
            "ratio",
            "test = \"groups\"",
            groups,
        ),
        (
            raw.groups.as_ref().map(Spanned::span),
            "groups",
            "test = \"anova\" or \"mixed\"",
            !test.is_t_test(),
        ),
        (
            raw.waves.as_ref().map(Spanned::span),
            "waves",
            "test = \"mixed\"",
            mixed,
        ),
        (
            raw.rho.as_ref().map(Spanned::span),
            "rho",
            "test = \"mixed\"",
            mixed,
        ),
        (
            raw.eps.as_ref().map(Spanned::span),
            "eps",
            "test = \"mixed\"",
            mixed,
        ),
        (
            raw.term.as_ref().map(Spanned::span),
            "term",
            "test = \"mixed\"",
            mixed,
        ),
    ] {
        if let (Some(at), false) = (given, to) {
            return Err(fail(
                at,
                format!("{key} does not apply to test = \"{name}\"; it is for {applies}"),
            ));
        }
    }
    Ok(test)
}

/// `test = "mixed"`: its term (default the interaction), groups (default 2), waves
/// (required), ρ (required: it drives the answer) and ε (default 1).
fn mixed_test(raw: &RawPower, fail: Fail) -> Result<PlanTest, StudyError> {
    let term = match raw.term.as_ref().map(|t| (t.get_ref().as_str(), t)) {
        None | Some(("interaction", _)) => Term::Interaction,
        Some(("within", _)) => Term::Within,
        Some(("between", _)) => Term::Between,
        Some((other, at)) => {
            return Err(fail(
                at.span(),
                format!("term must be \"interaction\", \"within\" or \"between\", not \"{other}\""),
            ));
        }
    };
    let needs = |what: &str| fail(raw.test.span(), format!("test = \"mixed\" needs {what}"));
    let waves = raw
        .waves
        .as_ref()
        .ok_or_else(|| needs("the number of waves, e.g. waves = 3"))?;
    let rho = raw.rho.as_ref().ok_or_else(|| {
        needs("the correlation expected between the waves, e.g. rho = 0.5 (from a pilot or a published study)")
    })?;
    Ok(PlanTest::Mixed {
        term,
        groups: raw.groups.as_ref().map_or(2, |g| *g.get_ref()),
        waves: *waves.get_ref(),
        rho: *rho.get_ref(),
        eps: raw.eps.as_ref().map_or(1.0, |e| *e.get_ref()),
    })
}

/// The smallest n reaching the power (per group; `n2` the second group's under a ratio) and
/// the power it reaches.
struct Solved {
    n: SampleSize,
    achieved_power: f64,
}

/// Solves the test for the n that reaches `power` for `effect`, as `psyscore power` does; a
/// mixed design's groups all get that n.
fn solve(
    test: PlanTest,
    alpha: f64,
    alternative: Alternative,
    effect: f64,
    power: f64,
) -> Result<Solved, PowerError> {
    let design = match test {
        PlanTest::Paired => Design::Paired,
        PlanTest::Groups { ratio } => Design::Groups { ratio },
        PlanTest::Anova { groups } => Design::Anova { groups },
        PlanTest::Mixed {
            term,
            groups,
            waves,
            rho,
            eps,
        } => {
            let design = Mixed {
                term,
                groups,
                waves,
                rho,
                eps,
            };
            let answer = solve_mixed(design, alpha, Given::EffectPower { effect, power })?;
            return Ok(Solved {
                n: SampleSize {
                    n1: answer.n[0],
                    n2: None,
                },
                achieved_power: answer.achieved_power,
            });
        }
    };
    let answer = power::solve(
        design,
        alpha,
        alternative,
        Given::EffectPower { effect, power },
    )?;
    Ok(Solved {
        n: answer.n,
        achieved_power: answer.achieved_power,
    })
}

/// The fewest people to recruit so that at least `n` remain when the share `dropout` leaves:
/// the smallest whole r with r (1 − dropout) ≥ n.
pub fn recruits(n: u64, dropout: f64) -> u64 {
    let stay = 1.0 - dropout;
    let mut r = (n as f64 / stay).ceil() as u64;
    // n / stay may round above a whole number it equals (64 / 0.8 = 80.000…01).
    while r > n && ((r - 1) as f64) * stay >= n as f64 - 1e-9 {
        r -= 1;
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recruits_are_the_fewest_that_leave_enough() {
        assert_eq!(recruits(64, 0.2), 80);
        assert_eq!(recruits(64, 0.0), 64);
        assert_eq!(recruits(10, 0.25), 14); // 13 × .75 = 9.75 < 10
        assert_eq!(recruits(9, 0.25), 12); // 12 × .75 = 9
        assert_eq!(recruits(1, 0.5), 2);
    }
}
