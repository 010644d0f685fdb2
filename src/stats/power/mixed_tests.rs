//! Tests of the mixed design's power against R (`pf`, `qf`, `uniroot`) and G*Power's printed
//! results. R's power of a term is
//!
//! ```r
//! pw <- function(f, N, k, m, rho, eps, term, a = .05) {
//!   if (term == "between") { lam <- f^2*N*m/(1+(m-1)*rho); d1 <- k-1; d2 <- N-k }
//!   else if (term == "within") { lam <- f^2*N*m*eps/(1-rho); d1 <- (m-1)*eps; d2 <- (N-k)*(m-1)*eps }
//!   else { lam <- f^2*N*m*eps/(1-rho); d1 <- (k-1)*(m-1)*eps; d2 <- (N-k)*(m-1)*eps }
//!   cr <- qf(1-a, d1, d2); c(1 - pf(cr, d1, d2, ncp = lam), lam, cr, d1, d2)
//! }
//! ```
//!
//! R's `pf(ncp =)` is good to about 1e-9, so values are compared at 1e-7 relative; solved
//! effects are `uniroot(function(f) pw(f, ...)[1] - .8, c(1e-4, 20), tol = 1e-15)$root`.

use super::*;
use crate::stats::assert_close;

const REL: f64 = 1e-7;

fn design(term: Term, groups: u64, waves: u64, rho: f64, eps: f64) -> Mixed {
    Mixed {
        term,
        groups,
        waves,
        rho,
        eps,
    }
}

/// (design, α, group sizes, f, R's power, λ, critical F, ν₁, ν₂, R's f at power .8).
type Point = (
    Mixed,
    f64,
    &'static [u64],
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
    f64,
);

fn points() -> Vec<Point> {
    use Term::*;
    vec![
        // R: pw(.25, 17, 2, 3, .5, 1, "interaction")
        (
            design(Interaction, 2, 3, 0.5, 1.0),
            0.05,
            &[8, 9],
            0.25,
            0.56589313826452448,
            6.375,
            3.3158295010135221,
            2.0,
            30.0,
            0.32335764772836989,
        ),
        // R: pw(.4, 27, 3, 4, .3, .7, "interaction")
        (
            design(Interaction, 3, 4, 0.3, 0.7),
            0.05,
            &[8, 9, 10],
            0.4,
            0.9010397096777939,
            17.28,
            2.5196626671058033,
            4.2,
            50.4,
            0.35164526718818434,
        ),
        // R: pw(.1, 100, 2, 2, .8, 1, "interaction", a = .01)
        (
            design(Interaction, 2, 2, 0.8, 1.0),
            0.01,
            &[50, 50],
            0.1,
            0.70292051012540058,
            10.0,
            6.9007669818517723,
            1.0,
            98.0,
            0.10993619763254395,
        ),
        // R: pw(.3, 17, 2, 5, -.2, .4, "interaction", a = .1)
        (
            design(Interaction, 2, 5, -0.2, 0.4),
            0.1,
            &[5, 12],
            0.3,
            0.39949877134520972,
            2.55,
            2.6631636229104672,
            1.6,
            24.0,
            0.52462570944235731,
        ),
        // R: pw(.25, 20, 1, 3, .5, 1, "within")
        (
            design(Within, 1, 3, 0.5, 1.0),
            0.05,
            &[20],
            0.25,
            0.65051431399205262,
            7.5,
            3.2448183607328054,
            2.0,
            38.0,
            0.2949064240173912,
        ),
        // R: pw(.2, 17, 2, 4, .6, .5, "within")
        (
            design(Within, 2, 4, 0.6, 0.5),
            0.05,
            &[8, 9],
            0.2,
            0.36129232094602426,
            3.4,
            3.7613610625866647,
            1.5,
            22.5,
            0.34149482323308722,
        ),
        // R: pw(.15, 90, 3, 2, 0, 1, "within")
        (
            design(Within, 3, 2, 0.0, 1.0),
            0.05,
            &[30, 30, 30],
            0.15,
            0.51210828855837021,
            4.05,
            3.9505866810414552,
            1.0,
            87.0,
            0.21115815085388093,
        ),
        // R: pw(.25, 17, 2, 3, .5, 1, "between")
        (
            design(Between, 2, 3, 0.5, 1.0),
            0.05,
            &[8, 9],
            0.25,
            0.21930508084100742,
            1.59375,
            4.5430771652669719,
            1.0,
            15.0,
            0.59366525301305895,
        ),
        // R: pw(.4, 30, 3, 2, -.5, 1, "between")
        (
            design(Between, 3, 2, -0.5, 1.0),
            0.05,
            &[10, 10, 10],
            0.4,
            0.96767907650856999,
            19.2,
            3.3541308285291973,
            2.0,
            27.0,
            0.29984109958955485,
        ),
        // R: pw(.2, 100, 2, 6, .7, 1, "between", a = .01)
        (
            design(Between, 2, 6, 0.7, 1.0),
            0.01,
            &[40, 60],
            0.2,
            0.38001191136893198,
            5.3333333333333333,
            6.9007669818517723,
            1.0,
            98.0,
            0.30107267664845183,
        ),
    ]
}

#[test]
fn power_matches_r_for_every_term() {
    for (design, alpha, sizes, f, power, lambda, critical, df1, df2, _) in points() {
        let given = Given::SizeEffect {
            n: sizes.to_vec(),
            effect: f,
        };
        let answer = solve_mixed(design, alpha, given).unwrap();
        assert_eq!(answer.solve_for, SolveFor::Power);
        assert_eq!(answer.n, sizes);
        assert_close(answer.achieved_power, power, REL);
        assert_close(answer.power, power, REL);
        assert_close(answer.noncentrality, lambda, 1e-12);
        assert_close(answer.critical, critical, 1e-9);
        assert_close(answer.df.0, df1, 1e-12);
        assert_close(answer.df.1.unwrap(), df2, 1e-12);
    }
}

#[test]
fn effect_matches_r_for_every_term() {
    for (design, alpha, sizes, _, _, _, _, _, _, effect) in points() {
        let given = Given::SizePower {
            n: sizes.to_vec(),
            power: 0.8,
        };
        let answer = solve_mixed(design, alpha, given).unwrap();
        assert_eq!(answer.solve_for, SolveFor::Effect);
        assert_close(answer.effect, effect, REL);
        assert_close(answer.achieved_power, 0.8, 1e-9);
    }
}

#[test]
fn n_is_the_smallest_reaching_the_power() {
    // (design, α, f, n per group; R's power at n and at n − 1 per group, e.g.
    // pw(.25, 2*14, 2, 3, .5, 1, "interaction")[1] and pw(.25, 2*13, ...)[1]).
    use Term::*;
    let cases = [
        (
            design(Interaction, 2, 3, 0.5, 1.0),
            0.05,
            0.25,
            14,
            0.811560217726922,
            0.77810907485355096,
        ),
        (
            design(Interaction, 3, 4, 0.3, 0.7),
            0.05,
            0.4,
            8,
            0.85359356976672873,
            0.78833223254759355,
        ),
        (
            design(Interaction, 2, 2, 0.8, 1.0),
            0.01,
            0.1,
            61,
            0.80746806617677169,
            0.79938964305923488,
        ),
        (
            design(Interaction, 2, 5, -0.2, 0.4),
            0.1,
            0.3,
            25,
            0.80663188480509362,
            0.79133145919100567,
        ),
        (
            design(Within, 1, 3, 0.5, 1.0),
            0.05,
            0.25,
            28,
            0.8124546112328731,
            0.79639428128049539,
        ),
        (
            design(Within, 2, 4, 0.6, 0.5),
            0.05,
            0.2,
            23,
            0.80056559011596051,
            0.78138065795226808,
        ),
        (
            design(Within, 3, 2, 0.0, 1.0),
            0.05,
            0.15,
            59,
            0.80140851903287036,
            0.79460535253048536,
        ),
        (
            design(Between, 2, 3, 0.5, 1.0),
            0.05,
            0.25,
            43,
            0.80147185293083179,
            0.79197009506943805,
        ),
        (
            design(Between, 3, 2, -0.5, 1.0),
            0.05,
            0.4,
            7,
            0.86284889941213305,
            0.78820553653994807,
        ),
        (
            design(Between, 2, 6, 0.7, 1.0),
            0.01,
            0.2,
            112,
            0.80364175913665459,
            0.79929860248808893,
        ),
    ];
    for (design, alpha, f, n, power, below) in cases {
        let given = Given::EffectPower {
            effect: f,
            power: 0.8,
        };
        let answer = solve_mixed(design, alpha, given).unwrap();
        assert_eq!(answer.solve_for, SolveFor::N);
        assert_eq!(answer.n, vec![n; design.groups as usize]);
        assert_close(answer.achieved_power, power, REL);
        let one_less = Given::SizeEffect {
            n: vec![n - 1; design.groups as usize],
            effect: f,
        };
        assert_close(
            solve_mixed(design, alpha, one_less).unwrap().achieved_power,
            below,
            REL,
        );
    }
}

#[test]
fn gpower_printed_results() {
    // G*Power 3.1, "ANOVA: Repeated measures, within factors", 1 group, 3 measurements, ρ = 0,
    // ε = 1, f = .25, α = .05, power .95: total sample size 84 (printed in the answer of
    // stats.stackexchange.com/q/68754; R: pw(.25, 84, 1, 3, 0, 1, "within") 0.9503021 and
    // pw(.25, 83, ...) 0.9478582).
    let within = design(Term::Within, 1, 3, 0.0, 1.0);
    let given = Given::EffectPower {
        effect: 0.25,
        power: 0.95,
    };
    assert_eq!(solve_mixed(within, 0.05, given).unwrap().n, [84]);
    // G*Power 3.1.9.7's printout at fractional df (stats.stackexchange.com/q/630621): numerator
    // df 2.016, denominator df 131.04, λ = 9.9603207 give critical F = 3.0568300 and actual power
    // 0.8032615 (R: qf(.95, 2.016, 131.04) 3.0568300164355531, power 0.80326152042198962).
    let evaluation = f_power(0.05, 2.016, 131.04, 9.9603207).unwrap();
    assert_close(evaluation.critical, 3.0568300164355531, 1e-10);
    assert_close(evaluation.power, 0.80326152042198962, REL);
    assert_close(evaluation.critical, 3.0568300, 1e-7);
    assert_close(evaluation.power, 0.8032615, 1e-6);
}

#[test]
fn pwrss_values_agree() {
    // pwrss 0.3 tests (power.f.mixed.anova, which its authors check against G*Power): within,
    // 1 group, 2 waves, ρ = .5, η² = .022 (f² = .022/.978): n.total 90, ncp 8.09815951, power
    // 0.803705778; between, 2 groups, 2 waves, ρ = .5, η² = .038: n.total 152, ncp 8.005544,
    // power 0.802695047.
    let f = (0.022f64 / 0.978).sqrt();
    let within = design(Term::Within, 1, 2, 0.5, 1.0);
    let given = Given::EffectPower {
        effect: f,
        power: 0.8,
    };
    let answer = solve_mixed(within, 0.05, given).unwrap();
    assert_eq!(answer.n, [90]);
    assert_close(answer.noncentrality, 8.09815951, 1e-8);
    assert_close(answer.achieved_power, 0.803705778, 1e-8);
    let f = (0.038f64 / 0.962).sqrt();
    let between = design(Term::Between, 2, 2, 0.5, 1.0);
    let given = Given::EffectPower {
        effect: f,
        power: 0.8,
    };
    let answer = solve_mixed(between, 0.05, given).unwrap();
    assert_eq!(answer.n, [76, 76]);
    assert_close(answer.noncentrality, 8.005544, 1e-6);
    assert_close(answer.achieved_power, 0.802695047, 1e-8);
}

#[test]
fn only_the_total_matters() {
    // Groups of 8 and 9 and of 5 and 12 have the same power: only N = 17 enters.
    let interaction = design(Term::Interaction, 2, 3, 0.5, 1.0);
    let power = |sizes: &[u64]| {
        let given = Given::SizeEffect {
            n: sizes.to_vec(),
            effect: 0.3,
        };
        solve_mixed(interaction, 0.05, given)
            .unwrap()
            .achieved_power
    };
    assert_eq!(power(&[8, 9]), power(&[5, 12]));
}

/// The one-way ANOVA of groups of any size: R's
/// `ow <- function(f, N, k) 1 - pf(qf(.95, k-1, N-k), k-1, N-k, ncp = f^2*N)`.
#[test]
fn the_one_way_anova_of_unequal_groups_matches_r() {
    let effect = |sizes: &[u64]| {
        let given = Given::SizePower {
            n: sizes.to_vec(),
            power: 0.8,
        };
        solve_oneway(sizes.len() as u64, 0.05, given)
            .unwrap()
            .effect
    };
    // uniroot(function(f) ow(f, 30, 3) - .8, c(.01, 5), tol = 1e-14)$root; pwr.anova.test(k = 3,
    // n = 10, power = .8)$f = 0.59969 (to pwr's own tolerance)
    assert_close(effect(&[10, 10, 10]), 0.599682199179, REL);
    // uniroot(function(f) ow(f, 27, 3) - .8, ...)$root: groups of 10, 8 and 9
    assert_close(effect(&[10, 8, 9]), 0.636702134375, REL);
    // ow(.3, 27, 3)
    let given = Given::SizeEffect {
        n: vec![10, 8, 9],
        effect: 0.3,
    };
    let power = solve_oneway(3, 0.05, given).unwrap();
    assert_close(power.achieved_power, 0.239529326817, REL);
    assert_eq!(power.df, (2.0, Some(24.0)));
    assert_eq!(
        solve_oneway(
            1,
            0.05,
            Given::SizePower {
                n: vec![10],
                power: 0.8
            }
        ),
        Err(PowerError::Groups(1))
    );
}

#[test]
fn bad_requests_are_refused() {
    use Term::*;
    let power = |design: Mixed, alpha: f64, sizes: &[u64]| {
        solve_mixed(
            design,
            alpha,
            Given::SizeEffect {
                n: sizes.to_vec(),
                effect: 0.25,
            },
        )
        .unwrap_err()
    };
    let ok = design(Interaction, 2, 3, 0.5, 1.0);
    assert_eq!(power(ok, 0.0, &[8, 9]), PowerError::Alpha(0.0));
    assert_eq!(power(ok, 0.6, &[8, 9]), PowerError::AnovaAlpha(0.6));
    assert_eq!(
        power(design(Interaction, 2, 1, 0.5, 1.0), 0.05, &[8, 9]),
        PowerError::Waves(1)
    );
    assert_eq!(
        power(design(Interaction, 1, 3, 0.5, 1.0), 0.05, &[8]),
        PowerError::MixedGroups {
            term: "interaction",
            groups: 1,
            least: 2
        }
    );
    assert_eq!(
        power(design(Within, 0, 3, 0.5, 1.0), 0.05, &[]),
        PowerError::MixedGroups {
            term: "within",
            groups: 0,
            least: 1
        }
    );
    assert_eq!(
        power(design(Between, 2, 3, -0.5, 1.0), 0.05, &[8, 9]),
        PowerError::Rho {
            rho: -0.5,
            waves: 3,
            low: -0.5
        }
    );
    assert_eq!(
        power(design(Within, 2, 2, 1.0, 1.0), 0.05, &[8, 9]),
        PowerError::Rho {
            rho: 1.0,
            waves: 2,
            low: -1.0
        }
    );
    assert_eq!(
        power(design(Within, 2, 4, 0.5, 0.3), 0.05, &[8, 9]),
        PowerError::Eps {
            eps: 0.3,
            waves: 4,
            low: 1.0 / 3.0
        }
    );
    assert_eq!(
        power(ok, 0.05, &[8, 9, 10]),
        PowerError::GroupSizes {
            sizes: 3,
            groups: 2
        }
    );
    assert_eq!(power(ok, 0.05, &[8, 1]), PowerError::SmallN(1));
    assert_eq!(
        power(ok, 0.05, &[6_000_000, 6_000_000]),
        PowerError::LargeN(6_000_000)
    );
    let big = design(Interaction, 20, 3, 0.5, 1.0);
    assert_eq!(
        power(big, 0.05, &[600_000; 20]),
        PowerError::Total(12_000_000)
    );
    // (200000 − 1) · 99 error df: beyond 1e7, where the F quantile's search becomes slow.
    let waves = design(Within, 1, 100, 0.5, 1.0);
    assert_eq!(
        power(waves, 0.05, &[200_000]),
        PowerError::ErrorDf(19_799_901.0)
    );
    // Solving for n stops at the same bound: n ≤ 1 + 1e7 / (2 · 99 · 1).
    let tiny = solve_mixed(
        design(Interaction, 2, 100, 0.5, 1.0),
        0.05,
        Given::EffectPower {
            effect: 1e-4,
            power: 0.8,
        },
    )
    .unwrap_err();
    assert_eq!(
        tiny,
        PowerError::NeedsTooMany {
            limit: 50_506,
            effect: 1e-4,
            power: 0.8
        }
    );
    let no_effect = solve_mixed(
        ok,
        0.05,
        Given::EffectPower {
            effect: 0.0,
            power: 0.8,
        },
    )
    .unwrap_err();
    assert_eq!(
        no_effect.to_string(),
        "no sample size reaches a power of 0.8 for an effect of 0: give an effect above 0, such as f = 0.25"
    );
    let too_much = solve_mixed(
        ok,
        0.05,
        Given::SizePower {
            n: vec![8, 9],
            power: 1.0,
        },
    )
    .unwrap_err();
    assert_eq!(
        too_much,
        PowerError::Power {
            power: 1.0,
            alpha: 0.05
        }
    );
}
