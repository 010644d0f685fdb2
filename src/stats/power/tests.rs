//! Tests of power and sample size against R's `pwr` 1.3-0 (see the parent module). Solved
//! effects are R's `uniroot` on pwr's own power function at `tol = 1e-15` (pwr's default
//! tolerance, 1.2e-4, is too loose for a reference), with
//! `root <- function(f, lo, hi) uniroot(f, c(lo, hi), tol = 1e-15)$root`.

use super::*;
use crate::stats::{REL_TOL_P, assert_close};

fn two(n1: u64, n2: u64) -> SampleSize {
    SampleSize { n1, n2: Some(n2) }
}

fn one(n: u64) -> SampleSize {
    SampleSize { n1: n, n2: None }
}

const GROUPS: Design = Design::Groups { ratio: 1.0 };

fn power_of(design: Design, alternative: Alternative, n: SampleSize, effect: f64) -> f64 {
    solve(design, 0.05, alternative, Given::SizeEffect { n, effect })
        .unwrap()
        .achieved_power
}

fn effect_of(design: Design, alternative: Alternative, n: SampleSize, power: f64) -> f64 {
    let answer = solve(design, 0.05, alternative, Given::SizePower { n, power }).unwrap();
    assert_eq!(answer.solve_for, SolveFor::Effect);
    assert_close(answer.achieved_power, power, 1e-9);
    answer.effect
}

#[test]
fn paired_power_matches_pwr() {
    use Alternative::*;
    // R: pwr.t.test(n=20, d=.5, type="paired")$power
    assert_close(
        power_of(Design::Paired, TwoSided, one(20), 0.5),
        0.56450441843908394,
        REL_TOL_P,
    );
    // Two-sided, the sign of d does not matter.
    assert_close(
        power_of(Design::Paired, TwoSided, one(20), -0.5),
        0.56450441843908394,
        REL_TOL_P,
    );
    // R: pwr.t.test(n=20, d=.5, type="paired", alternative="greater")$power
    assert_close(
        power_of(Design::Paired, Greater, one(20), 0.5),
        0.69514933824465752,
        REL_TOL_P,
    );
    // R: pwr.t.test(n=20, d=-.5, type="paired", alternative="less")$power
    assert_close(
        power_of(Design::Paired, Less, one(20), -0.5),
        0.69514933824465752,
        REL_TOL_P,
    );
    // Against the alternative, below α. R: pwr.t.test(n=20, d=-.3, type="paired",
    // alternative="greater")$power
    assert_close(
        power_of(Design::Paired, Greater, one(20), -0.3),
        0.0016385380436497732,
        REL_TOL_P,
    );
}

#[test]
fn paired_n_is_the_smallest_reaching_the_power() {
    let answer = solve(
        Design::Paired,
        0.05,
        Alternative::TwoSided,
        Given::EffectPower {
            effect: 0.5,
            power: 0.8,
        },
    )
    .unwrap();
    // R: pwr.t.test(d=.5, power=.8, type="paired")$n is 33.367129139076646, so 34;
    // pwr.t.test(n=34, d=.5, type="paired")$power 0.80777750127944004 (n = 33: 0.795).
    assert_eq!(answer.n, one(34));
    assert_eq!(answer.solve_for, SolveFor::N);
    assert_eq!(answer.power, 0.8);
    assert_close(answer.achieved_power, 0.80777750127944004, REL_TOL_P);
    assert_eq!(answer.df, (33.0, None));
    assert_close(answer.noncentrality, 0.5 * 34f64.sqrt(), 1e-15);
    for (alternative, effect) in [(Alternative::Greater, 0.4), (Alternative::Less, -0.4)] {
        let answer = solve(
            Design::Paired,
            0.01,
            alternative,
            Given::EffectPower { effect, power: 0.9 },
        )
        .unwrap();
        // R: pwr.t.test(d=.4, power=.9, sig.level=.01, type="paired", alternative="greater")$n
        // is 84.088702025321282 (the same for d=-.4, "less"); at n = 85 the power is
        // 0.90349100997020915.
        assert_eq!(answer.n, one(85));
        assert_close(answer.achieved_power, 0.90349100997020915, REL_TOL_P);
    }
}

#[test]
fn paired_effect_matches_pwr() {
    use Alternative::*;
    // R: root(function(d) pwr.t.test(n=20, d=d, type="paired")$power - .8, 1e-7, 10)
    assert_close(
        effect_of(Design::Paired, TwoSided, one(20), 0.8),
        0.66044165462283033,
        REL_TOL_P,
    );
    // R: root(function(d) pwr.t.test(n=20, d=d, type="paired", alternative="greater")$power - .8, 1e-7, 10)
    assert_close(
        effect_of(Design::Paired, Greater, one(20), 0.8),
        0.57691700133812274,
        REL_TOL_P,
    );
    // R: root(function(d) pwr.t.test(n=20, d=d, type="paired", alternative="less")$power - .8, -10, -1e-7)
    assert_close(
        effect_of(Design::Paired, Less, one(20), 0.8),
        -0.57691700133812274,
        REL_TOL_P,
    );
    // R: root(function(d) pwr.t.test(n=8, d=d, type="paired")$power - .8, 1e-7, 10)
    assert_close(
        effect_of(Design::Paired, TwoSided, one(8), 0.8),
        1.1560346779945427,
        REL_TOL_P,
    );
}

#[test]
fn groups_power_matches_pwr() {
    use Alternative::*;
    // R: pwr.t2n.test(n1=8, n2=9, d=.8)$power
    assert_close(
        power_of(GROUPS, TwoSided, two(8, 9), 0.8),
        0.3380209142193138,
        REL_TOL_P,
    );
    // R: pwr.t2n.test(n1=8, n2=9, d=.8, alternative="greater")$power
    assert_close(
        power_of(GROUPS, Greater, two(8, 9), 0.8),
        0.47082456429642683,
        REL_TOL_P,
    );
    // R: pwr.t2n.test(n1=8, n2=9, d=-.8, alternative="less")$power
    assert_close(
        power_of(GROUPS, Less, two(8, 9), -0.8),
        0.47082456429642683,
        REL_TOL_P,
    );
    // Equal groups. R: pwr.t.test(n=30, d=.5)$power
    assert_close(
        power_of(GROUPS, TwoSided, one(30), 0.5),
        0.47789652076020861,
        REL_TOL_P,
    );
}

#[test]
fn groups_effect_matches_pwr() {
    use Alternative::*;
    // R: root(function(d) pwr.t2n.test(n1=8, n2=9, d=d)$power - .8, 1e-7, 10)
    assert_close(
        effect_of(GROUPS, TwoSided, two(8, 9), 0.8),
        1.456699373332365,
        REL_TOL_P,
    );
    // R: root(function(d) pwr.t2n.test(n1=8, n2=9, d=d, alternative="greater")$power - .8, 1e-7, 10)
    assert_close(
        effect_of(GROUPS, Greater, two(8, 9), 0.8),
        1.2666770475206384,
        REL_TOL_P,
    );
    // R: root(function(d) pwr.t2n.test(n1=8, n2=9, d=d, alternative="less")$power - .8, -10, -1e-7)
    assert_close(
        effect_of(GROUPS, Less, two(8, 9), 0.8),
        -1.2666770475206384,
        REL_TOL_P,
    );
}

#[test]
fn groups_n_matches_pwr_with_equal_and_unequal_allocation() {
    let n_for = |ratio: f64, alternative: Alternative, effect: f64, power: f64| {
        solve(
            Design::Groups { ratio },
            0.05,
            alternative,
            Given::EffectPower { effect, power },
        )
        .unwrap()
    };
    // R: pwr.t.test(d=.5, power=.8)$n is 63.765610444141771; pwr.t.test(n=64, d=.5)$power
    let answer = n_for(1.0, Alternative::TwoSided, 0.5, 0.8);
    assert_eq!(answer.n, two(64, 64));
    assert_close(answer.achieved_power, 0.80145955792232759, REL_TOL_P);
    assert_eq!(answer.df, (126.0, None));
    // R: pwr.t.test(d=.5, power=.8, alternative="greater")$n is 50.150797199929329;
    // pwr.t.test(n=51, d=.5, alternative="greater")$power
    let answer = n_for(1.0, Alternative::Greater, 0.5, 0.8);
    assert_eq!(answer.n, two(51, 51));
    assert_close(answer.achieved_power, 0.80589859909404504, REL_TOL_P);
    // R: pw <- function(n1) pwr.t2n.test(n1=n1, n2=ceiling(2*n1), d=.5)$power;
    // n1 <- 2; while (pw(n1) < .8) n1 <- n1 + 1 gives 48 (n2 = 96), pw(48)
    let answer = n_for(2.0, Alternative::TwoSided, 0.5, 0.8);
    assert_eq!(answer.n, two(48, 96));
    assert_close(answer.achieved_power, 0.80213954966780909, REL_TOL_P);
    // R: pw <- function(n1) pwr.t2n.test(n1=n1, n2=ceiling(.5*n1), d=-.6, alternative="less")$power;
    // n1 <- 4; while (pw(n1) < .9) n1 <- n1 + 1 gives 73 (n2 = 37), pw(73)
    let answer = n_for(0.5, Alternative::Less, -0.6, 0.9);
    assert_eq!(answer.n, two(73, 37));
    assert_close(answer.achieved_power, 0.90483326882410586, REL_TOL_P);
}

#[test]
fn anova_matches_pwr_in_every_direction() {
    let k3 = Design::Anova { groups: 3 };
    let answer = solve(
        k3,
        0.05,
        Alternative::TwoSided,
        Given::SizeEffect {
            n: one(20),
            effect: 0.25,
        },
    )
    .unwrap();
    // R: pwr.anova.test(k=3, n=20, f=.25)$power; qf(.95, 2, 57)
    assert_close(answer.achieved_power, 0.37443107631934985, REL_TOL_P);
    assert_close(answer.critical, 3.1588427192606447, 1e-12);
    assert_eq!(answer.df, (2.0, Some(57.0)));
    assert_close(answer.noncentrality, 3.75, 1e-15);
    let answer = solve(
        Design::Anova { groups: 4 },
        0.01,
        Alternative::TwoSided,
        Given::SizeEffect {
            n: one(8),
            effect: 0.4,
        },
    )
    .unwrap();
    // R: pwr.anova.test(k=4, n=8, f=.4, sig.level=.01)$power
    assert_close(answer.achieved_power, 0.17495339158349235, REL_TOL_P);

    // R: pwr.anova.test(k=3, f=.25, power=.8)$n is 52.396601605594526;
    // pwr.anova.test(k=3, n=53, f=.25)$power
    let answer = solve(
        k3,
        0.05,
        Alternative::TwoSided,
        Given::EffectPower {
            effect: 0.25,
            power: 0.8,
        },
    )
    .unwrap();
    assert_eq!(answer.n, one(53));
    assert_close(answer.achieved_power, 0.8048872853634701, REL_TOL_P);
    // R: pwr.anova.test(k=2, f=.1, power=.95)$n is 650.69742181479103;
    // pwr.anova.test(k=2, n=651, f=.1)$power
    let answer = solve(
        Design::Anova { groups: 2 },
        0.05,
        Alternative::TwoSided,
        Given::EffectPower {
            effect: 0.1,
            power: 0.95,
        },
    )
    .unwrap();
    assert_eq!(answer.n, one(651));
    assert_close(answer.achieved_power, 0.95008650450614784, REL_TOL_P);

    let f_for = |groups: u64, n: u64, alpha: f64, power: f64| {
        solve(
            Design::Anova { groups },
            alpha,
            Alternative::TwoSided,
            Given::SizePower { n: one(n), power },
        )
        .unwrap()
        .effect
    };
    // R: root(function(f) pwr.anova.test(k=4, n=10, f=f)$power - .8, 1e-7, 10)
    assert_close(f_for(4, 10, 0.05, 0.8), 0.55132591351735838, REL_TOL_P);
    // R: root(function(f) pwr.anova.test(k=3, n=9, f=f, sig.level=.1)$power - .9, 1e-7, 10)
    assert_close(f_for(3, 9, 0.1, 0.9), 0.6536372490677782, REL_TOL_P);
}

#[test]
fn critical_values_match_r_qt() {
    let answer = solve(
        Design::Paired,
        0.05,
        Alternative::TwoSided,
        Given::SizeEffect {
            n: one(20),
            effect: 0.5,
        },
    )
    .unwrap();
    // R: qt(.975, 19)
    assert_close(answer.critical, 2.0930240544083092, 1e-12);
    let less = solve(
        Design::Paired,
        0.05,
        Alternative::Less,
        Given::SizeEffect {
            n: one(20),
            effect: -0.5,
        },
    )
    .unwrap();
    assert!(less.critical < 0.0);
}

#[test]
fn bad_requests_are_refused() {
    let paired = |alpha: f64, alternative: Alternative, given: Given| {
        solve(Design::Paired, alpha, alternative, given).unwrap_err()
    };
    let want = |effect: f64, power: f64| Given::EffectPower { effect, power };
    let two_sided = Alternative::TwoSided;
    assert_eq!(
        paired(0.05, two_sided, want(0.5, 1.0)),
        PowerError::Power {
            power: 1.0,
            alpha: 0.05
        }
    );
    assert_eq!(
        paired(0.05, two_sided, want(0.5, 0.05)),
        PowerError::Power {
            power: 0.05,
            alpha: 0.05
        }
    );
    assert_eq!(
        paired(0.0, two_sided, want(0.5, 0.8)),
        PowerError::Alpha(0.0)
    );
    assert_eq!(
        paired(1.0, two_sided, want(0.5, 0.8)),
        PowerError::Alpha(1.0)
    );
    assert!(matches!(
        paired(0.05, two_sided, want(0.0, 0.8)),
        PowerError::NoEffect { .. }
    ));
    assert!(matches!(
        paired(0.05, Alternative::Greater, want(-0.2, 0.8)),
        PowerError::NoEffect {
            side: ", with the alternative greater",
            ..
        }
    ));
    assert_eq!(
        paired(
            0.05,
            two_sided,
            Given::SizeEffect {
                n: one(1),
                effect: 0.5
            }
        ),
        PowerError::SmallN(1)
    );
    assert_eq!(
        paired(0.05, two_sided, want(1e-4, 0.8)),
        PowerError::NeedsTooMany {
            limit: 1_000_000,
            effect: 1e-4,
            power: 0.8
        }
    );
    let anova100 = Design::Anova { groups: 100 };
    let large = Given::SizeEffect {
        n: one(1_000_000),
        effect: 0.01,
    };
    assert_eq!(
        solve(anova100, 0.05, two_sided, large).unwrap_err(),
        PowerError::AnovaTotal {
            groups: 100,
            n: 1_000_000,
            total: 100_000_000
        }
    );
    assert_eq!(
        solve(anova100, 0.05, two_sided, want(0.0001, 0.8)).unwrap_err(),
        PowerError::NeedsTooMany {
            limit: 100_000,
            effect: 0.0001,
            power: 0.8
        }
    );
    assert_eq!(
        solve(
            Design::Anova { groups: 1 },
            0.05,
            two_sided,
            want(0.25, 0.8)
        )
        .unwrap_err(),
        PowerError::Groups(1)
    );
}
