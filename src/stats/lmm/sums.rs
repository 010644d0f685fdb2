//! The sufficient statistics of the random-intercept model: per number of observations `n`,
//! sums over the persons with `n` observations.
//!
//! With `V_i = σ²(I + θ²11')` every matrix the fit needs is, per person, `αQ + γP` with
//! `P = 11'/n_i` (the person's mean) and `Q = I − P` (deviations from it), `α`, `γ` depending
//! on `n_i` only: `V_i⁻¹ = (Q + P/(1 + n_i θ²))/σ²`. So `X_i'(αQ + γP)X_i = α W_i + γ B_i` with
//! the within-person cross-products `W_i = Σ_r (x_r − x̄)(x_r − x̄)'` and the between-person
//! `B_i = n_i x̄ x̄'`, summed block by block. Keeping the two apart (rather than `X'X` and
//! `X'11'X`, whose difference `X'A⁻¹X` would cancel for large `θ`) keeps full precision
//! whatever `θ`; a column constant within persons has exactly zero within-person sums.

use nalgebra::{DMatrix, DVector};

/// The sums over the persons with `n` observations each.
#[derive(Debug, Clone)]
pub(super) struct Block {
    /// Observations per person.
    pub n: f64,
    /// Persons.
    pub count: f64,
    /// `Σ W_i`, the within-person cross-products of `X`.
    pub wxx: DMatrix<f64>,
    /// `Σ B_i = Σ n_i x̄_i x̄_i'`.
    pub bxx: DMatrix<f64>,
    /// `Σ_i Σ_r (x_r − x̄_i)(y_r − ȳ_i)`.
    pub wxy: DVector<f64>,
    /// `Σ n_i x̄_i ȳ_i`.
    pub bxy: DVector<f64>,
    /// `Σ_i Σ_r (y_r − ȳ_i)²`.
    pub wyy: f64,
    /// `Σ n_i ȳ_i²`.
    pub byy: f64,
}

impl Block {
    fn new(n: usize, p: usize) -> Block {
        Block {
            n: n as f64,
            count: 0.0,
            wxx: DMatrix::zeros(p, p),
            bxx: DMatrix::zeros(p, p),
            wxy: DVector::zeros(p),
            bxy: DVector::zeros(p),
            wyy: 0.0,
            byy: 0.0,
        }
    }

    /// `Σ X_i'(αQ + γP)X_i`.
    pub fn quad(&self, m: QP) -> DMatrix<f64> {
        &self.wxx * m.q + &self.bxx * m.p
    }

    /// `Σ r_i'(αQ + γP)r_i` of the residuals `r = y − Xβ`.
    pub fn residual_quad(&self, m: QP, beta: &DVector<f64>) -> f64 {
        let within = self.wyy - 2.0 * beta.dot(&self.wxy) + (&self.wxx * beta).dot(beta);
        let between = self.byy - 2.0 * beta.dot(&self.bxy) + (&self.bxx * beta).dot(beta);
        m.q * within + m.p * between
    }

    /// `Σ X_i'(αQ + γP)r_i` of the residuals `r = y − Xβ`.
    pub fn residual_cross(&self, m: QP, beta: &DVector<f64>) -> DVector<f64> {
        (&self.wxy - &self.wxx * beta) * m.q + (&self.bxy - &self.bxx * beta) * m.p
    }
}

/// The data of a random-intercept model reduced to its sums: `O(K p²)` numbers for `K`
/// different numbers of observations per person, however many persons.
#[derive(Debug, Clone)]
pub struct Sums {
    p: usize,
    blocks: Vec<Option<Block>>,
    observations: usize,
    persons: usize,
}

impl Sums {
    /// Empty sums for `p` fixed effects.
    pub fn new(p: usize) -> Sums {
        Sums {
            p,
            blocks: Vec::new(),
            observations: 0,
            persons: 0,
        }
    }

    /// Adds one person: `x` holds the rows of `X_i` one after the other (`p` values each), `y`
    /// the scores, one per row. A person without observations adds nothing.
    pub fn add_person(&mut self, x: &[f64], y: &[f64]) {
        let p = self.p;
        let n = y.len().min(x.len() / p.max(1));
        if n == 0 || p == 0 {
            return;
        }
        if self.blocks.len() <= n {
            self.blocks.resize(n + 1, None);
        }
        let block = self.blocks[n].get_or_insert_with(|| Block::new(n, p));
        let rows = || x.chunks_exact(p).take(n);
        let nf = n as f64;
        let mut mean = vec![0.0; p];
        for row in rows() {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v;
            }
        }
        for m in &mut mean {
            *m /= nf;
        }
        let y_mean = y[..n].iter().sum::<f64>() / nf;
        let mut deviation = vec![0.0; p];
        for (row, &yv) in rows().zip(y) {
            for ((d, v), m) in deviation.iter_mut().zip(row).zip(&mean) {
                *d = v - m;
            }
            let dy = yv - y_mean;
            for (a, &da) in deviation.iter().enumerate() {
                block.wxy[a] += da * dy;
                if da != 0.0 {
                    // Lower triangle; `symmetrise` fills the upper.
                    for (b, db) in deviation.iter().enumerate().take(a + 1) {
                        block.wxx[(a, b)] += da * db;
                    }
                }
            }
            block.wyy += dy * dy;
        }
        for (a, &ma) in mean.iter().enumerate() {
            block.bxy[a] += nf * ma * y_mean;
            if ma != 0.0 {
                for (b, mb) in mean.iter().enumerate().take(a + 1) {
                    block.bxx[(a, b)] += nf * ma * mb;
                }
            }
        }
        block.byy += nf * y_mean * y_mean;
        block.count += 1.0;
        self.observations += n;
        self.persons += 1;
    }

    /// Fills the upper triangles from the lower ones.
    pub(super) fn symmetrise(&mut self) {
        for block in self.blocks.iter_mut().flatten() {
            for matrix in [&mut block.wxx, &mut block.bxx] {
                matrix.fill_upper_triangle_with_lower_triangle();
            }
        }
    }

    /// The blocks, one per number of observations held by some person.
    pub(super) fn blocks(&self) -> impl Iterator<Item = &Block> + Clone {
        self.blocks.iter().flatten()
    }

    /// Fixed effects.
    pub fn p(&self) -> usize {
        self.p
    }

    /// Observations added.
    pub fn observations(&self) -> usize {
        self.observations
    }

    /// Persons added (with at least one observation).
    pub fn persons(&self) -> usize {
        self.persons
    }

    /// Whether some person has two observations or more (without one, the between-person and
    /// residual variances cannot be told apart).
    pub fn has_repeats(&self) -> bool {
        self.blocks().any(|block| block.n >= 2.0)
    }
}

/// A per-person matrix `qQ + pP` (`P = 11'/n`, `Q = I − P`).
#[derive(Debug, Clone, Copy)]
pub(super) struct QP {
    /// Coefficient of `Q`, the deviations from the person's mean.
    pub q: f64,
    /// Coefficient of `P`, the person's mean.
    pub p: f64,
}

impl QP {
    /// `I`.
    pub const IDENTITY: QP = QP { q: 1.0, p: 1.0 };

    /// `J = 11' = nP` for `n` observations.
    pub fn ones(n: f64) -> QP {
        QP { q: 0.0, p: n }
    }

    /// The product with `other` (`Q` and `P` are orthogonal projections).
    pub fn times(self, other: QP) -> QP {
        QP {
            q: self.q * other.q,
            p: self.p * other.p,
        }
    }

    /// The trace for `n` observations.
    pub fn trace(self, n: f64) -> f64 {
        self.q * (n - 1.0) + self.p
    }
}
