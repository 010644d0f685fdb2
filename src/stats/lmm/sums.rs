//! The sufficient statistics of the random-intercept model: per number of observations `n`,
//! sums over the persons with `n` observations. With `V_i = σ²(I + θ²11')` every matrix the fit
//! needs is, per person, `αI + βJ` (`J = 11'`) with `α`, `β` depending on `n_i` only, so
//! `X_i'(αI + βJ)X_i = α X_i'X_i + β s_i s_i'` (`s_i = X_i'1`) sums block by block.

use nalgebra::{DMatrix, DVector};

/// The sums over the persons with `n` observations each.
#[derive(Debug, Clone)]
pub(super) struct Block {
    /// Observations per person.
    pub n: f64,
    /// Persons.
    pub count: f64,
    /// `Σ X_i'X_i`.
    pub xtx: DMatrix<f64>,
    /// `Σ s_i s_i'`, `s_i = X_i'1`.
    pub sst: DMatrix<f64>,
    /// `Σ X_i'y_i`.
    pub xty: DVector<f64>,
    /// `Σ s_i Y_i`, `Y_i = 1'y_i`.
    pub sy: DVector<f64>,
    /// `Σ y_i'y_i`.
    pub yty: f64,
    /// `Σ Y_i²`.
    pub yy: f64,
}

impl Block {
    fn new(n: usize, p: usize) -> Block {
        Block {
            n: n as f64,
            count: 0.0,
            xtx: DMatrix::zeros(p, p),
            sst: DMatrix::zeros(p, p),
            xty: DVector::zeros(p),
            sy: DVector::zeros(p),
            yty: 0.0,
            yy: 0.0,
        }
    }

    /// `Σ r_i'r_i` and `Σ R_i²` (`R_i = 1'r_i`) of the residuals `r = y − Xβ`.
    pub fn residual_squares(&self, beta: &DVector<f64>) -> (f64, f64) {
        let rr = self.yty - 2.0 * beta.dot(&self.xty) + (&self.xtx * beta).dot(beta);
        let rr_sum = self.yy - 2.0 * beta.dot(&self.sy) + (&self.sst * beta).dot(beta);
        (rr, rr_sum)
    }

    /// `Σ X_i'r_i` and `Σ s_i R_i` of the residuals `r = y − Xβ`.
    pub fn residual_products(&self, beta: &DVector<f64>) -> (DVector<f64>, DVector<f64>) {
        (&self.xty - &self.xtx * beta, &self.sy - &self.sst * beta)
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
        let mut s = vec![0.0; p];
        let mut total = 0.0;
        for (row, &yv) in x.chunks_exact(p).zip(y).take(n) {
            for a in 0..p {
                let xa = row[a];
                s[a] += xa;
                block.xty[a] += xa * yv;
                if xa != 0.0 {
                    // Lower triangle; `symmetrise` fills the upper.
                    for (b, xb) in row.iter().enumerate().take(a + 1) {
                        block.xtx[(a, b)] += xa * xb;
                    }
                }
            }
            block.yty += yv * yv;
            total += yv;
        }
        for (a, &sa) in s.iter().enumerate() {
            block.sy[a] += sa * total;
            if sa != 0.0 {
                for (b, sb) in s.iter().enumerate().take(a + 1) {
                    block.sst[(a, b)] += sa * sb;
                }
            }
        }
        block.yy += total * total;
        block.count += 1.0;
        self.observations += n;
        self.persons += 1;
    }

    /// Fills the upper triangles from the lower ones.
    pub(super) fn symmetrise(&mut self) {
        for block in self.blocks.iter_mut().flatten() {
            for matrix in [&mut block.xtx, &mut block.sst] {
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

/// A per-person matrix `a I + b J` (`J = 11'`).
#[derive(Debug, Clone, Copy)]
pub(super) struct IJ {
    /// Coefficient of `I`.
    pub a: f64,
    /// Coefficient of `J`.
    pub b: f64,
}

/// `I`.
pub(super) const I: IJ = IJ { a: 1.0, b: 0.0 };
/// `J`.
pub(super) const J: IJ = IJ { a: 0.0, b: 1.0 };

impl IJ {
    /// The product with `other` for `n` observations (`J² = nJ`).
    pub fn times(self, other: IJ, n: f64) -> IJ {
        IJ {
            a: self.a * other.a,
            b: self.a * other.b + self.b * other.a + n * self.b * other.b,
        }
    }

    /// The trace for `n` observations.
    pub fn trace(self, n: f64) -> f64 {
        n * (self.a + self.b)
    }
}
