//! `compare_lmm` against lme4 1.1 + lmerTest 3.1 + emmeans 1.8 on the data sets of
//! tests/data/lmm (made by its generate.R), at the tolerances: 1e-5 relative on
//! estimates, SEs, variances, t and criteria (lme4's optimizer stops near 1e-6), 1e-4 on df and p.
//! The R calls are tests/data/lmm/reference.R FILE FORMULA REML; each prints the values below.

use super::{LmmDesign, LmmPerson, LmmResult, Note, compare_lmm};
use crate::stats::assert_close;

struct Reference {
    estimate: &'static [f64],
    se: &'static [f64],
    df: &'static [f64],
    t: &'static [f64],
    p: &'static [f64],
    ci_low: &'static [f64],
    ci_high: &'static [f64],
    anova_df1: &'static [f64],
    anova_df2: &'static [f64],
    anova_f: &'static [f64],
    anova_p: &'static [f64],
    /// σ_b², σ².
    variances: &'static [f64],
    /// REML criterion (deviance under ML), logLik, AIC, BIC.
    criteria: &'static [f64],
    emmean: &'static [f64],
    emm_se: &'static [f64],
    emm_df: &'static [f64],
    emm_low: &'static [f64],
    emm_high: &'static [f64],
    pair_estimate: &'static [f64],
    pair_se: &'static [f64],
    pair_df: &'static [f64],
    pair_t: &'static [f64],
    pair_p_adj: &'static [f64],
    pair_p: &'static [f64],
}

const TIMES: [&str; 3] = ["pre", "post", "followup"];

/// Fits `file` (long CSV: id, group, time, score, age) by REML (`reml`) or ML, with the groups
/// (`grouped`) and age as a covariate (`age`).
fn fit_file(file: &str, grouped: bool, age: bool, reml: bool) -> LmmResult {
    let path = format!("{}/tests/data/lmm/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let mut groups: Vec<String> = rows.iter().map(|r| r[1].to_owned()).collect();
    groups.sort();
    groups.dedup();
    let mut persons: Vec<(String, LmmPerson)> = Vec::new();
    for r in &rows {
        if persons.last().is_none_or(|(id, _)| id != r[0]) {
            persons.push((
                r[0].to_owned(),
                LmmPerson {
                    group: if grouped {
                        groups.iter().position(|g| g == r[1]).unwrap()
                    } else {
                        0
                    },
                    scores: vec![None; 3],
                    covariates: if age {
                        vec![r[4].parse().unwrap()]
                    } else {
                        vec![]
                    },
                },
            ));
        }
        let t = TIMES.iter().position(|t| *t == r[2]).unwrap();
        persons.last_mut().unwrap().1.scores[t] = Some(r[3].parse().unwrap());
    }
    let times: Vec<String> = TIMES.iter().map(|t| (*t).to_owned()).collect();
    let covariates = if age { vec!["age".to_owned()] } else { vec![] };
    let persons: Vec<LmmPerson> = persons.into_iter().map(|(_, p)| p).collect();
    compare_lmm(
        "score",
        &LmmDesign {
            times: &times,
            groups: if grouped { &groups } else { &[] },
            covariates: &covariates,
            reml,
            conf: 0.95,
        },
        &persons,
    )
}

fn close_all(actual: impl Iterator<Item = Option<f64>>, expected: &[f64], rel: f64) {
    let actual: Vec<Option<f64>> = actual.collect();
    assert_eq!(actual.len(), expected.len());
    for (a, e) in actual.iter().zip(expected) {
        assert_close(a.expect("a value"), *e, rel);
    }
}

fn check(result: &LmmResult, r: &Reference) {
    const EST: f64 = 1e-5;
    const DF: f64 = 1e-4;
    let f = &result.fixed;
    close_all(f.iter().map(|x| Some(x.test.estimate)), r.estimate, EST);
    close_all(f.iter().map(|x| Some(x.test.se)), r.se, EST);
    close_all(f.iter().map(|x| x.test.df), r.df, DF);
    close_all(f.iter().map(|x| x.test.t), r.t, EST);
    close_all(f.iter().map(|x| x.test.p), r.p, DF);
    close_all(f.iter().map(|x| x.test.ci_low), r.ci_low, EST);
    close_all(f.iter().map(|x| x.test.ci_high), r.ci_high, EST);
    let a = &result.anova;
    close_all(a.iter().map(|x| x.df1), r.anova_df1, DF);
    close_all(a.iter().map(|x| x.df2), r.anova_df2, DF);
    close_all(a.iter().map(|x| x.f), r.anova_f, EST);
    close_all(a.iter().map(|x| x.p), r.anova_p, DF);
    let random = result.random.as_ref().unwrap();
    assert_close(random.residual_var, r.variances[1], EST);
    if r.variances[0] == 0.0 {
        assert_eq!(random.intercept_var, 0.0);
    } else {
        assert_close(random.intercept_var, r.variances[0], EST);
    }
    let fit = result.fit.as_ref().unwrap();
    close_all(
        [
            fit.reml.or(Some(-2.0 * fit.loglik)),
            Some(fit.loglik),
            Some(fit.aic),
            Some(fit.bic),
        ]
        .into_iter(),
        r.criteria,
        EST,
    );
    assert!(fit.converged);
    let e = &result.emmeans;
    close_all(e.iter().map(|x| Some(x.emmean)), r.emmean, EST);
    close_all(e.iter().map(|x| Some(x.se)), r.emm_se, EST);
    close_all(e.iter().map(|x| x.df), r.emm_df, DF);
    close_all(e.iter().map(|x| x.ci_low), r.emm_low, EST);
    close_all(e.iter().map(|x| x.ci_high), r.emm_high, EST);
    let c = &result.contrasts;
    close_all(c.iter().map(|x| Some(x.estimate)), r.pair_estimate, EST);
    close_all(c.iter().map(|x| Some(x.se)), r.pair_se, EST);
    close_all(c.iter().map(|x| x.df), r.pair_df, DF);
    close_all(c.iter().map(|x| x.t), r.pair_t, EST);
    close_all(c.iter().map(|x| x.p), r.pair_p, DF);
    close_all(c.iter().map(|x| x.p_adj), r.pair_p_adj, DF);
}

#[test]
fn balanced_design_agrees_with_lmertest_and_emmeans() {
    let result = fit_file("balanced.csv", true, false, true);
    check(&result, &BALANCED);
    assert_eq!((result.n_persons, result.n_observations), (16, 48));
    assert!(result.notes.is_empty(), "{:?}", result.notes);
    assert_eq!(result.fixed[4].term, "group[intervention]:time[post]");
}

#[test]
fn dropouts_and_single_observations_agree_with_lmertest() {
    let result = fit_file("dropout.csv", true, false, true);
    check(&result, &DROPOUT);
    let per_wave: Vec<usize> = result.per_wave.iter().map(|w| w.n).collect();
    assert_eq!(per_wave, [30, 23, 20]);
    assert_eq!((result.n_persons, result.n_observations), (30, 73));
}

#[test]
fn baseline_covariate_agrees_with_lmertest() {
    let result = fit_file("dropout.csv", true, true, true);
    check(&result, &COVARIATE);
    let terms: Vec<&str> = result.anova.iter().map(|a| a.term.as_str()).collect();
    assert_eq!(terms, ["group", "time", "age", "group:time"]);
}

#[test]
fn without_groups_agrees_with_lmertest() {
    let result = fit_file("dropout.csv", false, false, true);
    check(&result, &NOGROUP);
    assert!(result.emmeans.iter().all(|e| e.group.is_none()));
}

#[test]
fn maximum_likelihood_agrees_with_lme4() {
    let result = fit_file("dropout.csv", true, false, false);
    check(&result, &ML);
    assert_eq!(result.fit.as_ref().unwrap().reml, None);
}

#[test]
fn singular_fit_has_lmertest_boundary_df_and_a_note() {
    let result = fit_file("singular.csv", true, false, true);
    check(&result, &SINGULAR);
    assert!(
        result.notes[0]
            .to_string()
            .starts_with("boundary (singular) fit"),
        "{:?}",
        result.notes
    );
}
// The values R printed, one constant per data set and model.
include!("lmm_references.rs");

fn person(group: usize, scores: [Option<f64>; 3]) -> LmmPerson {
    LmmPerson {
        group,
        scores: scores.to_vec(),
        covariates: vec![],
    }
}

fn design<'a>(times: &'a [String], groups: &'a [String]) -> LmmDesign<'a> {
    LmmDesign {
        times,
        groups,
        covariates: &[],
        reml: true,
        conf: 0.95,
    }
}

#[test]
fn an_empty_wave_or_cell_is_named_and_nothing_is_fitted() {
    let times: Vec<String> = TIMES.iter().map(|t| (*t).to_owned()).collect();
    let groups = vec!["control".to_owned(), "intervention".to_owned()];
    let persons: Vec<LmmPerson> = (0..6u8)
        .map(|i| {
            let v = f64::from(i);
            person(usize::from(i % 2), [Some(v), Some(v * 1.5 + 1.0), None])
        })
        .collect();
    let result = compare_lmm("score", &design(&times, &groups), &persons);
    assert_eq!(
        result.notes.iter().map(Note::to_string).collect::<Vec<_>>(),
        [
            "nobody has a score at wave followup, so its effect cannot be estimated and the model is not fitted; leave the wave out of --wave/--waves, or check that sheet"
        ]
    );
    assert!(result.fixed.is_empty() && result.fit.is_none());
    let mut persons = persons;
    for p in &mut persons {
        p.scores[2] = (p.group == 0).then_some(3.0 + p.scores[0].unwrap_or(0.0));
    }
    let result = compare_lmm("score", &design(&times, &groups), &persons);
    assert_eq!(
        result.notes.iter().map(Note::to_string).collect::<Vec<_>>(),
        [
            "nobody in group intervention has a score at wave followup: that cell of group × time is empty, so the interaction cannot be estimated and the model is not fitted"
        ]
    );
}

#[test]
fn a_group_of_one_person_is_fitted_with_a_note() {
    let times: Vec<String> = TIMES.iter().map(|t| (*t).to_owned()).collect();
    let groups = vec!["control".to_owned(), "intervention".to_owned()];
    let mut persons: Vec<LmmPerson> = [1.0, 4.0, 2.0, 7.0, 5.0]
        .iter()
        .zip([0.5, -0.25, 1.0, 0.0, 0.75])
        .map(|(b, e)| person(0, [Some(b + e), Some(b + 1.0 - e), Some(b + 2.0 + e * e)]))
        .collect();
    persons.push(person(1, [Some(3.0), Some(3.5), Some(2.0)]));
    let result = compare_lmm("score", &design(&times, &groups), &persons);
    assert!(
        result.notes.contains(&Note::LmmGroupOfOne {
            group: "intervention".to_owned()
        }),
        "{:?}",
        result.notes
    );
    assert_eq!(result.n_observations, 18);
    assert!(result.fit.is_some());
}

#[test]
fn everyone_seen_once_cannot_separate_the_variances() {
    let times: Vec<String> = TIMES.iter().map(|t| (*t).to_owned()).collect();
    let persons: Vec<LmmPerson> = (0..9u8)
        .map(|i| {
            let mut scores = [None; 3];
            scores[usize::from(i % 3)] = Some(f64::from(i) * 0.7);
            person(0, scores)
        })
        .collect();
    let result = compare_lmm("score", &design(&times, &[]), &persons);
    assert_eq!(
        result.notes.iter().map(Note::to_string).collect::<Vec<_>>(),
        [
            "no person has two or more observations, so the between-person and residual variances cannot be told apart; the model is not fitted"
        ]
    );
}
