//! Satterthwaite's degrees of freedom as lmerTest computes them (Kuznetsova, Brockhoff &
//! Christensen 2017, J Stat Softw 82(13)), analytically.
//!
//! For a contrast `l`, `ν = 2 (l'Cl)² / (g'Ag)`: `C = Cov(β̂)` as a function of lmerTest's
//! variance parameters `φ = (θ, σ)`, `g` its gradient `∂(l'Cl)/∂φ`, and `A = 2H⁻¹` with `H` the
//! Hessian of the deviance (REML or ML as fitted, `β` profiled out) in `φ`.
//!
//! The derivatives are taken in `ψ = (σ_b², σ²)` (`V = σ_b² ZZ' + σ² I`, `V_1 = ZZ'`, `V_2 = I`,
//! `P = V⁻¹ − V⁻¹X C X'V⁻¹`, `r = y − Xβ̂`):
//!
//! - gradient: REML `D_a = tr(P V_a) − r'V⁻¹V_aV⁻¹r`, ML `D_a = tr(V⁻¹V_a) − r'V⁻¹V_aV⁻¹r`;
//! - Hessian: REML `D_ab = −tr(P V_a P V_b) + 2 y'P V_a P V_b P y`, ML
//!   `D_ab = −tr(V⁻¹V_aV⁻¹V_b) + 2 y'P V_a P V_b P y`;
//! - `∂C/∂ψ_a = C X'V⁻¹V_aV⁻¹X C`,
//!
//! then carried to `φ` by the chain rule, `H_φ = J'D_ψψJ + Σ_a D_a ∂²ψ_a/∂φ²` with
//! `ψ_1 = θ²σ²`, `ψ_2 = σ²`. The second term matters at the boundary `θ = 0`, where `D_1 > 0`.
//! Every per-person matrix is `αQ + γP`, so each quantity is a sum over the blocks of
//! [`Sums`](super::Sums).

use nalgebra::{DMatrix, DVector, Matrix2, Vector2};

use super::sums::{QP, Sums};

/// What the degrees of freedom of any contrast need: `∂C/∂φ_k` and `A = 2H⁻¹`.
#[derive(Debug, Clone)]
pub(super) struct Varpar {
    /// `∂C/∂θ` and `∂C/∂σ`.
    pub jacobian: [DMatrix<f64>; 2],
    /// The asymptotic covariance of `(θ̂, σ̂)`, `2H⁻¹`.
    pub vcov: Matrix2<f64>,
}

/// The variance parameters' covariance and `C`'s Jacobian at the fit `(t = θ², σ², β̂, C)`;
/// `None` when the Hessian is not positive definite (the df are then undefined).
pub(super) fn varpar(
    sums: &Sums,
    reml: bool,
    t: f64,
    sigma2: f64,
    beta: &DVector<f64>,
    cov: &DMatrix<f64>,
) -> Option<Varpar> {
    let p = sums.p();
    let mut tr_va = [0.0; 2];
    let mut tr_vv: Matrix2<f64> = Matrix2::zeros();
    let mut g: [DMatrix<f64>; 2] = [DMatrix::zeros(p, p), DMatrix::zeros(p, p)];
    let mut gg: [[DMatrix<f64>; 2]; 2] =
        std::array::from_fn(|_| [DMatrix::zeros(p, p), DMatrix::zeros(p, p)]);
    let mut rer = [0.0; 2];
    let mut rerr: Matrix2<f64> = Matrix2::zeros();
    let mut xer: [DVector<f64>; 2] = [DVector::zeros(p), DVector::zeros(p)];
    for block in sums.blocks() {
        let n = block.n;
        let vinv = QP {
            q: 1.0 / sigma2,
            p: 1.0 / (sigma2 * (1.0 + n * t)),
        };
        let psi = [QP::ones(n), QP::IDENTITY];
        for a in 0..2 {
            let va = vinv.times(psi[a]);
            tr_va[a] += block.count * va.trace(n);
            let ea = va.times(vinv);
            g[a] += block.quad(ea);
            rer[a] += block.residual_quad(ea, beta);
            xer[a] += block.residual_cross(ea, beta);
            for b in 0..2 {
                let vab = va.times(vinv.times(psi[b]));
                tr_vv[(a, b)] += block.count * vab.trace(n);
                let eab = vab.times(vinv);
                gg[a][b] += block.quad(eab);
                rerr[(a, b)] += block.residual_quad(eab, beta);
            }
        }
    }
    let cg: [DMatrix<f64>; 2] = [cov * &g[0], cov * &g[1]];
    let mut gradient: Vector2<f64> = Vector2::zeros();
    let mut hessian: Matrix2<f64> = Matrix2::zeros();
    for a in 0..2 {
        gradient[a] = tr_va[a] - rer[a];
        if reml {
            gradient[a] -= cg[a].trace();
        }
        for b in 0..2 {
            let mut trace = tr_vv[(a, b)];
            if reml {
                trace += -2.0 * (cov * &gg[a][b]).trace() + (&cg[a] * &cg[b]).trace();
            }
            let ypy = rerr[(a, b)] - (cov * &xer[b]).dot(&xer[a]);
            hessian[(a, b)] = -trace + 2.0 * ypy;
        }
    }
    // ψ = (θ²σ², σ²) in φ = (θ, σ): the Jacobian ∂ψ_a/∂φ_k and the second derivatives.
    let theta = t.sqrt();
    let sigma = sigma2.sqrt();
    let jac = Matrix2::new(2.0 * theta * sigma2, 2.0 * t * sigma, 0.0, 2.0 * sigma);
    let second = [
        Matrix2::new(
            2.0 * sigma2,
            4.0 * theta * sigma,
            4.0 * theta * sigma,
            2.0 * t,
        ),
        Matrix2::new(0.0, 0.0, 0.0, 2.0),
    ];
    let h = jac.transpose() * hessian * jac + second[0] * gradient[0] + second[1] * gradient[1];
    let det = h[(0, 0)] * h[(1, 1)] - h[(0, 1)] * h[(1, 0)];
    if !(h[(0, 0)] > 0.0 && det > 0.0 && det.is_finite()) {
        return None;
    }
    let vcov = h.try_inverse()? * 2.0;
    let dc: [DMatrix<f64>; 2] = [&cg[0] * cov, &cg[1] * cov];
    let jacobian = [
        &dc[0] * jac[(0, 0)] + &dc[1] * jac[(1, 0)],
        &dc[0] * jac[(0, 1)] + &dc[1] * jac[(1, 1)],
    ];
    Some(Varpar { jacobian, vcov })
}

impl Varpar {
    /// `ν = 2 (l'Cl)² / (g'Ag)` for the contrast `l` of variance `l'Cl`; `None` when not positive
    /// and finite.
    pub fn df(&self, l: &DVector<f64>, variance: f64) -> Option<f64> {
        let grad = Vector2::new(
            (&self.jacobian[0] * l).dot(l),
            (&self.jacobian[1] * l).dot(l),
        );
        let denominator = (self.vcov * grad).dot(&grad);
        let df = 2.0 * variance * variance / denominator;
        (df.is_finite() && df > 0.0).then_some(df)
    }
}
