//! The linear mixed model of several waves, one group or several: `score ~ group * time +
//! covariates + (1 | id)` with a random intercept per person, as `lmerTest::lmer` fits it, its
//! type III tests as `anova(m, type = 3)`, and the marginal means and within-group wave contrasts
//! as `emmeans(m, ~ time | group, lmer.df = "satterthwaite")` and `pairs(..., adjust = "holm")`.
//! Everyone with a score at any wave enters (one observation included, as lme4 does).

use nalgebra::{DMatrix, DVector};
use serde::Serialize;

use super::{LmmUnfitted, Note, adjust_family};
use crate::stats::adjust::Adjust;
use crate::stats::levene::FTest;
use crate::stats::lmm::{Contrast, Fit, Sums, fit};
use crate::stats::magnitude_problem;

/// One person of the model: group (index into the groups, 0 without groups), a score or none per
/// wave, and the baseline covariates.
#[derive(Debug, Clone, PartialEq)]
pub struct LmmPerson {
    /// Index of the person's group.
    pub group: usize,
    /// The score at each wave, `None` where missing.
    pub scores: Vec<Option<f64>>,
    /// The covariates, in the order of [`LmmDesign::covariates`].
    pub covariates: Vec<f64>,
}

/// The model asked for.
#[derive(Debug, Clone, Copy)]
pub struct LmmDesign<'a> {
    /// The waves, in order; the first is the reference.
    pub times: &'a [String],
    /// The groups, reference first; empty for `score ~ time + (1 | id)`.
    pub groups: &'a [String],
    /// The covariates' names.
    pub covariates: &'a [String],
    /// REML (true) or ML.
    pub reml: bool,
    /// Confidence level of the intervals.
    pub conf: f64,
}

/// The number of observations at one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveCount {
    /// The wave.
    pub time: String,
    /// Persons with a score there.
    pub n: usize,
}

/// One fixed effect, as `summary(lmerTest::lmer(...))` with a Wald-t interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixedEffect {
    /// `(Intercept)`, `group[B]`, `time[b]`, `group[B]:time[b]` or a covariate's name.
    pub term: String,
    /// The estimate, its SE, Satterthwaite df, t, p and interval.
    #[serde(flatten)]
    pub test: Contrast,
}

/// One row of the type III table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnovaRow {
    /// `group`, `time`, `group:time` or a covariate's name.
    pub term: String,
    /// F.
    pub f: Option<f64>,
    /// Numerator df.
    pub df1: Option<f64>,
    /// Satterthwaite's denominator df.
    pub df2: Option<f64>,
    /// p.
    pub p: Option<f64>,
}

/// The variance components.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RandomEffects {
    /// Between-person (random intercept) variance `σ_b²`.
    pub intercept_var: f64,
    /// Residual variance `σ²`.
    pub residual_var: f64,
    /// Intraclass correlation `σ_b²/(σ_b² + σ²)`.
    pub icc: f64,
}

/// The fit's criteria.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitCriteria {
    /// lme4's REML criterion (−2 × REML log-likelihood); `null` under ML.
    pub reml: Option<f64>,
    /// The log-likelihood lme4 reports (REML or ML as fitted).
    pub loglik: f64,
    /// AIC, from the criterion fitted.
    pub aic: f64,
    /// BIC, with N the number of observations.
    pub bic: f64,
    /// Whether the variance ratio was found where the criterion's slope changes sign.
    pub converged: bool,
}

/// An estimated marginal mean of one group at one wave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Emmean {
    /// The group (`null` without groups).
    pub group: Option<String>,
    /// The wave.
    pub time: String,
    /// The mean, covariates at their mean over the observations.
    pub emmean: f64,
    /// Its standard error.
    pub se: f64,
    /// Satterthwaite's df.
    pub df: Option<f64>,
    /// Lower confidence limit.
    pub ci_low: Option<f64>,
    /// Upper confidence limit.
    pub ci_high: Option<f64>,
}

/// A within-group wave contrast `a − b`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WaveContrast {
    /// The group (`null` without groups).
    pub group: Option<String>,
    /// The earlier wave.
    pub a: String,
    /// The later wave.
    pub b: String,
    /// `a − b`.
    pub estimate: f64,
    /// Its standard error.
    pub se: f64,
    /// Satterthwaite's df.
    pub df: Option<f64>,
    /// t.
    pub t: Option<f64>,
    /// p.
    pub p: Option<f64>,
    /// p adjusted by Holm's method within the group.
    pub p_adj: Option<f64>,
}

/// The mixed model of one measure: `psyscore compare lmm`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LmmResult {
    /// Subscale id, `total`, or the column name.
    pub measure: String,
    /// Persons with a score at some wave.
    pub n_persons: usize,
    /// Scores in the model.
    pub n_observations: usize,
    /// Scores per wave.
    pub per_wave: Vec<WaveCount>,
    /// The fixed effects (empty when the model cannot be fitted: see `notes`).
    pub fixed: Vec<FixedEffect>,
    /// The type III tests.
    pub anova: Vec<AnovaRow>,
    /// The variance components (`null` when not fitted).
    pub random: Option<RandomEffects>,
    /// The fit's criteria (`null` when not fitted).
    pub fit: Option<FitCriteria>,
    /// The marginal means, groups then waves in order.
    pub emmeans: Vec<Emmean>,
    /// Every pair of waves within each group.
    pub contrasts: Vec<WaveContrast>,
    /// Remarks: a singular fit, undefined statistics, why the model was not fitted.
    pub notes: Vec<Note>,
}

/// The columns of `X`: intercept, groups, times, covariates, group × time (R's order).
struct Columns {
    g: usize,
    k: usize,
    c: usize,
}

impl Columns {
    fn p(&self) -> usize {
        1 + (self.g - 1) + (self.k - 1) + self.c + (self.g - 1) * (self.k - 1)
    }
    fn group(&self, j: usize) -> usize {
        j
    }
    fn time(&self, t: usize) -> usize {
        self.g - 1 + t
    }
    fn covariate(&self, c: usize) -> usize {
        self.g + self.k - 1 + c
    }
    /// Interaction of group `j ≥ 1` and time `t ≥ 1`, the group varying fastest (as R).
    fn interaction(&self, j: usize, t: usize) -> usize {
        self.g + self.k - 1 + self.c + (t - 1) * (self.g - 1) + (j - 1)
    }

    /// The row of `X` of group `j` at time `t` with covariates `cov`.
    fn row(&self, j: usize, t: usize, cov: &[f64]) -> Vec<f64> {
        let mut x = vec![0.0; self.p()];
        x[0] = 1.0;
        if j > 0 {
            x[self.group(j)] = 1.0;
        }
        if t > 0 {
            x[self.time(t)] = 1.0;
        }
        if j > 0 && t > 0 {
            x[self.interaction(j, t)] = 1.0;
        }
        for (c, v) in cov.iter().enumerate() {
            x[self.covariate(c)] = *v;
        }
        x
    }
}

/// Fits the model of one measure to `persons` and reports it (see the module docs). Persons
/// without any score are skipped (the caller names them).
pub fn compare_lmm(measure: &str, design: &LmmDesign, persons: &[LmmPerson]) -> LmmResult {
    let columns = Columns {
        g: design.groups.len().max(1),
        k: design.times.len(),
        c: design.covariates.len(),
    };
    let per_wave: Vec<WaveCount> = design
        .times
        .iter()
        .enumerate()
        .map(|(t, time)| WaveCount {
            time: time.clone(),
            n: persons.iter().filter(|p| p.scores[t].is_some()).count(),
        })
        .collect();
    let entered = persons
        .iter()
        .filter(|p| p.scores.iter().any(Option::is_some));
    let mut result = LmmResult {
        measure: measure.to_owned(),
        n_persons: entered.clone().count(),
        n_observations: per_wave.iter().map(|w| w.n).sum(),
        per_wave,
        fixed: Vec::new(),
        anova: Vec::new(),
        random: None,
        fit: None,
        emmeans: Vec::new(),
        contrasts: Vec::new(),
        notes: Vec::new(),
    };
    if let Some(why) = not_fittable(design, persons, &result.per_wave) {
        result.notes.push(Note::LmmNotFitted(why));
        return result;
    }
    let mut sums = Sums::new(columns.p());
    let mut covariate_means = vec![0.0; columns.c];
    for person in entered {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for (t, score) in person.scores.iter().enumerate() {
            if let Some(score) = score {
                x.extend(columns.row(person.group, t, &person.covariates));
                y.push(*score);
                for (mean, v) in covariate_means.iter_mut().zip(&person.covariates) {
                    *mean += v;
                }
            }
        }
        sums.add_person(&x, &y);
    }
    for mean in &mut covariate_means {
        *mean /= result.n_observations as f64;
    }
    for (j, group) in design.groups.iter().enumerate() {
        if persons.iter().filter(|p| p.group == j).count() == 1 {
            result.notes.push(Note::LmmGroupOfOne {
                group: group.clone(),
            });
        }
    }
    let model = match fit(sums, design.reml) {
        Ok(model) => model,
        Err(error) => {
            result.notes.push(Note::LmmNotFitted(LmmUnfitted::Fit {
                error,
                covariates: !design.covariates.is_empty(),
            }));
            return result;
        }
    };
    report(&mut result, &model, design, &columns, &covariate_means);
    result
}

/// Why the model cannot be fitted to these data, before trying: scores or covariates too large
/// for double precision, a wave nobody answered, an empty group × wave cell.
fn not_fittable(
    design: &LmmDesign,
    persons: &[LmmPerson],
    per_wave: &[WaveCount],
) -> Option<LmmUnfitted> {
    let scores = persons.iter().flat_map(|p| p.scores.iter().flatten());
    if let Some(problem) = magnitude_problem(scores) {
        return Some(LmmUnfitted::Scores(problem));
    }
    for (c, name) in design.covariates.iter().enumerate() {
        if let Some(problem) = magnitude_problem(persons.iter().map(|p| &p.covariates[c])) {
            return Some(LmmUnfitted::Covariate {
                name: name.clone(),
                why: problem,
            });
        }
    }
    if let Some(empty) = per_wave.iter().find(|w| w.n == 0) {
        return Some(LmmUnfitted::EmptyWave {
            time: empty.time.clone(),
        });
    }
    for (j, group) in design.groups.iter().enumerate() {
        for (t, time) in design.times.iter().enumerate() {
            let n = persons
                .iter()
                .filter(|p| p.group == j && p.scores[t].is_some())
                .count();
            if n == 0 {
                return Some(LmmUnfitted::EmptyCell {
                    group: group.clone(),
                    time: time.clone(),
                });
            }
        }
    }
    None
}

/// Fills `result` from the fitted `model`.
fn report(
    result: &mut LmmResult,
    model: &Fit,
    design: &LmmDesign,
    columns: &Columns,
    covariate_means: &[f64],
) {
    let conf = design.conf;
    let unit = |i: usize| DVector::from_fn(columns.p(), |r, _| f64::from(u8::from(r == i)));
    let names = term_names(design, columns);
    for (i, term) in names.into_iter().enumerate() {
        if let Some(test) = model.contrast(&unit(i), conf) {
            result.fixed.push(FixedEffect { term, test });
        }
    }
    let per_wave: Vec<f64> = result.per_wave.iter().map(|w| w.n as f64).collect();
    for (term, l) in type3_hypotheses(design, columns, &per_wave) {
        let test: Option<FTest> = model.f_test(&l);
        result.anova.push(AnovaRow {
            term,
            f: test.as_ref().map(|t| t.f),
            df1: test.as_ref().map(|t| t.df1),
            df2: test.as_ref().map(|t| t.df2),
            p: test.as_ref().map(|t| t.p),
        });
    }
    let intercept_var = model.intercept_var();
    result.random = Some(RandomEffects {
        intercept_var,
        residual_var: model.sigma2,
        icc: intercept_var / (intercept_var + model.sigma2),
    });
    result.fit = Some(FitCriteria {
        reml: model.reml.then_some(model.criterion),
        loglik: model.loglik(),
        aic: model.aic(),
        bic: model.bic(),
        converged: model.converged,
    });
    let group_names: Vec<Option<String>> = if design.groups.is_empty() {
        vec![None]
    } else {
        design.groups.iter().cloned().map(Some).collect()
    };
    for (j, group) in group_names.iter().enumerate() {
        let cell = |t: usize| DVector::from_vec(columns.row(j, t, covariate_means));
        for (t, time) in design.times.iter().enumerate() {
            if let Some(c) = model.contrast(&cell(t), conf) {
                result.emmeans.push(Emmean {
                    group: group.clone(),
                    time: time.clone(),
                    emmean: c.estimate,
                    se: c.se,
                    df: c.df,
                    ci_low: c.ci_low,
                    ci_high: c.ci_high,
                });
            }
        }
        let first = result.contrasts.len();
        for a in 0..columns.k {
            for b in a + 1..columns.k {
                let Some(c): Option<Contrast> = model.contrast(&(cell(a) - cell(b)), conf) else {
                    continue;
                };
                result.contrasts.push(WaveContrast {
                    group: group.clone(),
                    a: design.times[a].clone(),
                    b: design.times[b].clone(),
                    estimate: c.estimate,
                    se: c.se,
                    df: c.df,
                    t: c.t,
                    p: c.p,
                    p_adj: None,
                });
            }
        }
        adjust_family(
            result.contrasts[first..]
                .iter_mut()
                .map(|c| (&c.p, &mut c.p_adj)),
            Adjust::Holm,
        );
    }
    result.notes.extend(fit_notes(model));
}

/// The notes of a fitted model: a singular fit, undefined df, no convergence.
fn fit_notes(model: &Fit) -> Vec<Note> {
    let mut notes = Vec::new();
    if model.singular() {
        notes.push(Note::LmmSingular {
            zero: model.theta == 0.0,
        });
    }
    if model
        .df(&DVector::from_fn(model.beta.len(), |r, _| {
            f64::from(u8::from(r == 0))
        }))
        .is_none()
    {
        notes.push(Note::LmmDfUndefined);
    }
    if !model.converged {
        notes.push(Note::LmmNotConverged);
    }
    notes
}

/// The fixed effects' names, in the columns' order.
fn term_names(design: &LmmDesign, columns: &Columns) -> Vec<String> {
    let mut names = vec![String::new(); columns.p()];
    names[0] = "(Intercept)".to_owned();
    for (j, group) in design.groups.iter().enumerate().skip(1) {
        names[columns.group(j)] = format!("group[{group}]");
    }
    for (t, time) in design.times.iter().enumerate().skip(1) {
        names[columns.time(t)] = format!("time[{time}]");
        for (j, group) in design.groups.iter().enumerate().skip(1) {
            names[columns.interaction(j, t)] = format!("group[{group}]:time[{time}]");
        }
    }
    for (c, name) in design.covariates.iter().enumerate() {
        names[columns.covariate(c)] = name.clone();
    }
    names
}

/// The type III hypotheses (lmerTest's `anova(m, type = 3)`), each term's rows of `L`: a main
/// effect compares the unweighted means over the other factor's levels, the interaction is its
/// own columns, a covariate its slope. In R's order: group, time, covariates, group:time.
///
/// The F statistic does not depend on how a term's hypothesis is written, but lmerTest's
/// denominator df do (they come from the eigenvectors of `LCL'`), so `L` is written as lmerTest
/// writes it: with time the only term (`score ~ time + (1 | id)`) lmerTest takes the type I rows
/// instead, from the Doolittle factorisation of `X'X` (whose time block holds the counts
/// `per_wave`).
fn type3_hypotheses(
    design: &LmmDesign,
    columns: &Columns,
    per_wave: &[f64],
) -> Vec<(String, DMatrix<f64>)> {
    let (g, k, p) = (columns.g, columns.k, columns.p());
    let mut terms = Vec::new();
    let grouped = !design.groups.is_empty();
    if !grouped && design.covariates.is_empty() {
        let mut xtx = DMatrix::zeros(p, p);
        xtx[(0, 0)] = per_wave.iter().sum::<f64>();
        for t in 1..k {
            xtx[(0, t)] = per_wave[t];
            xtx[(t, 0)] = per_wave[t];
            xtx[(t, t)] = per_wave[t];
        }
        let upper = doolittle_upper(&xtx);
        terms.push(("time".to_owned(), upper.rows(1, k - 1).into_owned()));
        return terms;
    }
    if grouped {
        let mut l = DMatrix::zeros(g - 1, p);
        for j in 1..g {
            l[(j - 1, columns.group(j))] = 1.0;
            for t in 1..k {
                l[(j - 1, columns.interaction(j, t))] = 1.0 / k as f64;
            }
        }
        terms.push(("group".to_owned(), l));
    }
    let mut l = DMatrix::zeros(k - 1, p);
    for t in 1..k {
        l[(t - 1, columns.time(t))] = 1.0;
        for j in 1..g {
            l[(t - 1, columns.interaction(j, t))] = 1.0 / g as f64;
        }
    }
    terms.push(("time".to_owned(), l));
    for (c, name) in design.covariates.iter().enumerate() {
        let mut l = DMatrix::zeros(1, p);
        l[(0, columns.covariate(c))] = 1.0;
        terms.push((name.clone(), l));
    }
    if grouped {
        let mut l = DMatrix::zeros((g - 1) * (k - 1), p);
        for (row, col) in (columns.interaction(1, 1)..p).enumerate() {
            l[(row, col)] = 1.0;
        }
        terms.push(("group:time".to_owned(), l));
    }
    terms
}

/// `L'` of lmerTest's `doolittle(x)$L` (unit lower triangular, `x = LU`), entries below 1e-6 in
/// size set to 0 as lmerTest sets them.
fn doolittle_upper(x: &DMatrix<f64>) -> DMatrix<f64> {
    const EPS: f64 = 1e-6;
    let n = x.nrows();
    let mut l = DMatrix::<f64>::identity(n, n);
    let mut u = DMatrix::<f64>::zeros(n, n);
    for i in 0..n {
        for j in 0..n {
            u[(i, j)] = x[(i, j)] - (0..i).map(|m| l[(i, m)] * u[(m, j)]).sum::<f64>();
        }
        for j in i + 1..n {
            let v = x[(j, i)] - (0..i).map(|m| l[(j, m)] * u[(m, i)]).sum::<f64>();
            l[(j, i)] = if u[(i, i)].abs() < EPS {
                0.0
            } else {
                v / u[(i, i)]
            };
        }
    }
    l.apply(|v| {
        if v.abs() < EPS {
            *v = 0.0;
        }
    });
    l.transpose()
}

#[cfg(test)]
#[path = "lmm_tests.rs"]
mod tests;
