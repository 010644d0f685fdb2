//! The rank tests' power against R's noncentral t on the A.R.E.-scaled sample and against
//! pwrss's test values (`power.np.wilcoxon(method = "guenther")`, which reproduces G*Power's
//! A.R.E. method). R's power is
//!
//! ```r
//! are <- c(normal = 3/pi, laplace = 1.5, logistic = pi^2/9)
//! pw <- function(d, n1, n2, k, paired, alt = "two", a = .05) {
//!   if (paired) { df <- k*n1 - 1; ncp <- d*sqrt(k*n1) }
//!   else { df <- k*(n1+n2) - 2; ncp <- d*sqrt(k*n1*n2/(n1+n2)) }
//!   if (alt == "two") { t <- qt(1-a/2, df); pt(t, df, ncp, lower.tail = FALSE) + pt(-t, df, ncp) }
//!   else if (alt == "greater") { t <- qt(1-a, df); pt(t, df, ncp, lower.tail = FALSE) }
//!   else { t <- qt(a, df); pt(t, df, ncp) }
//! }
//! ```
//!
//! solved effects `uniroot(function(d) pw(d, ...) - .8, c(.01, 5), tol = 1e-15)$root`, and n the
//! first whole n whose `pw` reaches .8.

use super::super::{Design, Given, SampleSize, SolveFor, solve};
use super::Parent;
use crate::stats::{Alternative, REL_TOL_P, assert_close};

fn pairs(n: u64) -> SampleSize {
    SampleSize { n1: n, n2: None }
}

fn two(n1: u64, n2: u64) -> SampleSize {
    SampleSize { n1, n2: Some(n2) }
}

fn signed(parent: Parent) -> Design {
    Design::SignedRank { parent }
}

fn rank_sum(parent: Parent) -> Design {
    Design::RankSum { ratio: 1.0, parent }
}

fn power(design: Design, alternative: Alternative, n: SampleSize, effect: f64) -> f64 {
    let answer = solve(design, 0.05, alternative, Given::SizeEffect { n, effect }).unwrap();
    assert_eq!(answer.solve_for, SolveFor::Power);
    answer.achieved_power
}

/// (parent, paired n = 17 d = .5 two-sided, n = 10 d = .6 greater, n = 10 d = −.6 less,
/// groups 8 and 9 d = 1 two-sided, 20 and 20 d = .5 greater; the effects at power .8 of 17
/// pairs and of 8 and 9; n for d = .5: pairs, with R's power at n and n − 1, per group, same).
type Row = (Parent, [f64; 5], [f64; 2], (u64, f64, f64), (u64, f64, f64));

fn rows() -> [Row; 3] {
    [
        (
            Parent::Normal,
            [
                0.47105717850789863,
                0.52410776443152141,
                0.52410776443152096,
                0.4662190218116965,
                0.44879590600084651,
            ],
            [0.74323384311403451, 1.4964433189877053],
            (35, 0.8006915493153367, 0.78848290468361304),
            (67, 0.80133715732290001, 0.79532994822874459),
        ),
        (
            Parent::Laplace,
            [
                0.67904848383526817,
                0.71377695342048675,
                0.71377695342048686,
                0.67601074635729363,
                0.60602532788680674,
            ],
            [0.57776692115429262, 1.1596099228930143],
            (23, 0.81373675168032444, 0.79536584148763401),
            (43, 0.80454259343076395, 0.79516833812338539),
        ),
        (
            Parent::Logistic,
            [
                0.53220471609524456,
                0.58119189581779018,
                0.58119189581778974,
                0.52797894187645911,
                0.49364869874077677,
            ],
            [0.68698269683332969, 1.3813170858431325],
            (31, 0.80772076315611163, 0.79407088381039537),
            (59, 0.80576875740166864, 0.79898903645514896),
        ),
    ]
}

#[test]
fn power_matches_r_for_every_parent_and_alternative() {
    use Alternative::*;
    for (parent, expected, _, _, _) in rows() {
        let got = [
            power(signed(parent), TwoSided, pairs(17), 0.5),
            power(signed(parent), Greater, pairs(10), 0.6),
            power(signed(parent), Less, pairs(10), -0.6),
            power(rank_sum(parent), TwoSided, two(8, 9), 1.0),
            power(rank_sum(parent), Greater, two(20, 20), 0.5),
        ];
        for (got, expected) in got.into_iter().zip(expected) {
            assert_close(got, expected, REL_TOL_P);
        }
    }
}

#[test]
fn effect_matches_r_for_every_parent() {
    for (parent, _, [paired, groups], _, _) in rows() {
        for (design, n, expected) in [
            (signed(parent), pairs(17), paired),
            (rank_sum(parent), two(8, 9), groups),
        ] {
            let given = Given::SizePower { n, power: 0.8 };
            let answer = solve(design, 0.05, Alternative::TwoSided, given).unwrap();
            assert_eq!(answer.solve_for, SolveFor::Effect);
            assert_close(answer.effect, expected, REL_TOL_P);
        }
    }
}

#[test]
fn n_is_the_smallest_reaching_the_power() {
    for (parent, _, _, paired, groups) in rows() {
        for (design, (n, at_n, below)) in [(signed(parent), paired), (rank_sum(parent), groups)] {
            let given = Given::EffectPower {
                effect: 0.5,
                power: 0.8,
            };
            let answer = solve(design, 0.05, Alternative::TwoSided, given).unwrap();
            assert_eq!(answer.solve_for, SolveFor::N);
            assert_eq!(answer.n.n1, n);
            assert_close(answer.achieved_power, at_n, REL_TOL_P);
            let size = match design {
                Design::RankSum { .. } => two(n - 1, n - 1),
                _ => pairs(n - 1),
            };
            assert_close(
                power(design, Alternative::TwoSided, size, 0.5),
                below,
                REL_TOL_P,
            );
        }
    }
}

#[test]
fn pwrss_values_agree() {
    // pwrss 0.3 tests: power.np.wilcoxon(d = .25, power = .8, design = "independent"): n 265
    // per group, power 0.801445824, ncp 2.81211864, t.alpha 1.964680946, df 504.112719; and
    // design = "paired", alternative = "one.sided", d = -.25: n 106, power 0.80326579,
    // ncp -2.51523537, t.alpha -1.66019985, df 100.2225438.
    let given = Given::EffectPower {
        effect: 0.25,
        power: 0.8,
    };
    let groups = solve(rank_sum(Parent::Normal), 0.05, Alternative::TwoSided, given).unwrap();
    assert_eq!(groups.n, two(265, 265));
    assert_close(groups.achieved_power, 0.801445824, 1e-8);
    assert_close(groups.noncentrality, 2.81211864, 1e-8);
    assert_close(groups.critical, 1.964680946, 1e-9);
    assert_close(groups.df.0, 504.112719, 1e-9);
    let given = Given::EffectPower {
        effect: -0.25,
        power: 0.8,
    };
    let paired = solve(signed(Parent::Normal), 0.05, Alternative::Less, given).unwrap();
    assert_eq!(paired.n, pairs(106));
    assert_close(paired.achieved_power, 0.80326579, 1e-7);
    assert_close(paired.noncentrality, -2.51523537, 1e-8);
    assert_close(paired.critical, -1.66019985, 1e-8);
    assert_close(paired.df.0, 100.2225438, 1e-9);
}

#[test]
fn are_values() {
    // R: 3/pi, pi^2/9
    assert_close(Parent::Normal.are(), 0.95492965855137202, 1e-15);
    assert_eq!(Parent::Laplace.are(), 1.5);
    assert_close(Parent::Logistic.are(), 1.0966227112321509, 1e-15);
}
