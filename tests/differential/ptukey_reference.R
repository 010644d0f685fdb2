# Independent reference values for src/stats/tukey.rs where R's own ptukey is inaccurate
# (few degrees of freedom): the defining double integral by nested adaptive quadrature.
#   P(Q <= q) = int_0^Inf f_df(s) P(R <= q s) ds,
#   P(R <= w) = k int phi(z) (Phi(z + w) - Phi(z))^(k - 1) dz,
#   f_df(s)   = 2 (df/2)^(df/2) / Gamma(df/2) s^(df - 1) exp(-df s^2 / 2).
# Run by hand: Rscript tests/differential/ptukey_reference.R
prange <- function(w, k) {
  if (w <= 0) return(0)
  f <- function(z) k * dnorm(z) * (pnorm(z + w) - pnorm(z))^(k - 1)
  integrate(f, -Inf, Inf, rel.tol = 1e-13, abs.tol = 0, subdivisions = 1000L)$value
}
ptk <- function(q, k, df) {
  if (!is.finite(df)) return(prange(q, k))
  lc <- log(2) + (df / 2) * log(df / 2) - lgamma(df / 2)
  g <- function(s) sapply(s, function(si) exp(lc + (df - 1) * log(si) - df * si^2 / 2) * prange(q * si, k))
  integrate(g, 0, 1, rel.tol = 1e-12, abs.tol = 0, subdivisions = 1000L)$value +
    integrate(g, 1, Inf, rel.tol = 1e-12, abs.tol = 0, subdivisions = 1000L)$value
}
pts <- expand.grid(k = c(3, 5, 10, 20), df = c(2, 3, 5), p = c(0.05, 0.95, 0.999))
for (i in seq_len(nrow(pts))) with(pts[i, ], {
  q <- signif(qtukey(p, k, df), 4)
  cat(sprintf("(%d, %.1f, %s, %.15e),  # R ptukey: %.15e\n", k, df, format(q), ptk(q, k, df), ptukey(q, k, df)))
})
