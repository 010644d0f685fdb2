//! The exact check of a balanced complete design: β̂ are the cell means, σ² and σ_b² follow
//! from the split-plot ANOVA's mean squares, and the Satterthwaite df are `n − g` between persons
//! and `(n − g)(k − 1)` within (the design of tests/data/lmm/balanced.csv). The comparisons with
//! R are in src/compare/lmm_tests.rs.

use nalgebra::{DMatrix, DVector};

use super::{Sums, fit};
use crate::stats::assert_close;

/// The rows of a long CSV of id, group, time, score, age.
fn read(file: &str) -> Vec<(String, String, String, f64)> {
    let path = format!("{}/tests/data/lmm/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            (f[0].into(), f[1].into(), f[2].into(), f[3].parse().unwrap())
        })
        .collect()
}

const TIMES: [&str; 3] = ["pre", "post", "followup"];
const GROUPS: [&str; 2] = ["control", "intervention"];

/// The cell-means design: one column per group × time cell (so β̂ are the cell means).
fn cell_sums(rows: &[(String, String, String, f64)]) -> Sums {
    let mut sums = Sums::new(6);
    let mut ids: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    ids.dedup();
    for id in ids {
        let mut x = Vec::new();
        let mut y = Vec::new();
        for r in rows.iter().filter(|r| r.0 == id) {
            let g = GROUPS.iter().position(|g| *g == r.1).unwrap();
            let t = TIMES.iter().position(|t| *t == r.2).unwrap();
            let mut row = [0.0; 6];
            row[g * 3 + t] = 1.0;
            x.extend(row);
            y.push(r.3);
        }
        sums.add_person(&x, &y);
    }
    sums
}

#[test]
fn balanced_complete_design_is_the_split_plot_anova() {
    let rows = read("balanced.csv");
    let (g, k) = (2usize, 3usize);
    let n = rows.len() / k; // persons
    let cell_mean = |gi: usize, ti: usize| {
        let v: Vec<f64> = rows
            .iter()
            .filter(|r| r.1 == GROUPS[gi] && r.2 == TIMES[ti])
            .map(|r| r.3)
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    // Mean squares of persons within groups and of persons × time within groups.
    let mut ss_persons = 0.0;
    let mut ss_residual = 0.0;
    for chunk in rows.chunks(k) {
        let gi = GROUPS.iter().position(|x| *x == chunk[0].1).unwrap();
        let group_mean = (0..k).map(|t| cell_mean(gi, t)).sum::<f64>() / k as f64;
        let person_mean = chunk.iter().map(|r| r.3).sum::<f64>() / k as f64;
        ss_persons += k as f64 * (person_mean - group_mean).powi(2);
        for (t, r) in chunk.iter().enumerate() {
            let e = r.3 - person_mean - cell_mean(gi, t) + group_mean;
            ss_residual += e * e;
        }
    }
    let ms_persons = ss_persons / (n - g) as f64;
    let ms_residual = ss_residual / ((n - g) * (k - 1)) as f64;
    assert!(ms_persons > ms_residual);

    let model = fit(cell_sums(&rows), true).unwrap();
    for gi in 0..g {
        for ti in 0..k {
            assert_close(model.beta[gi * 3 + ti], cell_mean(gi, ti), 1e-10);
        }
    }
    assert_close(model.sigma2, ms_residual, 1e-10);
    assert_close(
        model.intercept_var(),
        (ms_persons - ms_residual) / k as f64,
        1e-10,
    );
    assert!(model.converged && !model.singular());
    // Between persons: the difference of the groups' averages over time.
    let between = DVector::from_vec(vec![-1.0, -1.0, -1.0, 1.0, 1.0, 1.0]);
    assert_close(model.df(&between).unwrap(), (n - g) as f64, 1e-10);
    // Within: a change over time in one group, and the interaction.
    let within = DVector::from_vec(vec![-1.0, 1.0, 0.0, 0.0, 0.0, 0.0]);
    assert_close(
        model.df(&within).unwrap(),
        ((n - g) * (k - 1)) as f64,
        1e-10,
    );
    let interaction = DMatrix::from_row_slice(
        2,
        6,
        &[
            1.0, -1.0, 0.0, -1.0, 1.0, 0.0, 1.0, 0.0, -1.0, -1.0, 0.0, 1.0,
        ],
    );
    let f = model.f_test(&interaction).unwrap();
    assert_close(f.df2, ((n - g) * (k - 1)) as f64, 1e-10);
    // lme4's REML criterion and F (Rscript tests/data/lmm/reference.R balanced.csv
    // "score ~ group * time + (1 | id)" TRUE): 237.271107245; F(2, 28) = 11.0183934879, to
    // the 1e-5 (lme4 stops its search near 1e-6).
    assert_close(model.criterion, 237.271107245, 1e-5);
    assert_close(f.f, 11.0183934879, 1e-5);
}

#[test]
fn too_few_observations_and_no_repeats_are_errors() {
    let mut sums = Sums::new(2);
    sums.add_person(&[1.0, 0.0], &[3.0]);
    sums.add_person(&[1.0, 1.0], &[4.0]);
    assert_eq!(
        fit(sums.clone(), true).unwrap_err().to_string(),
        "2 observations for 2 fixed effects: the model needs more observations than fixed effects"
    );
    sums.add_person(&[1.0, 1.0], &[5.0]);
    assert_eq!(fit(sums, true).unwrap_err(), super::LmmError::NoRepeats);
}

#[test]
fn a_column_that_copies_another_is_not_estimable() {
    let mut sums = Sums::new(3);
    for (i, y) in [3.0, 4.5, 2.0, 6.0, 5.5, 4.0].chunks(2).enumerate() {
        let x = i as f64;
        sums.add_person(&[1.0, x, 5.0, 1.0, x + 1.0, 5.0], y);
    }
    assert_eq!(fit(sums, true).unwrap_err(), super::LmmError::NotEstimable);
}

#[test]
fn no_variation_within_persons_is_an_error_not_a_fit() {
    // Each person's scores rise by exactly the time effects: no residual within persons.
    let mut sums = Sums::new(2);
    for base in [2.0, 7.0, 3.0, 11.0] {
        sums.add_person(&[1.0, 0.0, 1.0, 1.0], &[base, base + 1.5]);
    }
    assert_eq!(fit(sums, true).unwrap_err(), super::LmmError::NoResidual);
}
