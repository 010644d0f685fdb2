# Paired data sets, pre and post files by id; references: t.test(paired = TRUE), the exact
# conditional signed-rank test (coin, zeros dropped as psyscore does), the normal approximation
# of wilcox.test, d_z's exact limits, shapiro.test.
suppressMessages(library(coin))
source("common.R")
for (k in seq_len(sets)) {
  # Every tenth set is beyond the exact tests' limit of 50, so the normal approximation is used.
  n <- if (k %% 10 == 0) sample(51:80, 1) else sample(3:30, 1)
  decimal <- k %% 3 == 0
  pre <- if (decimal) round(rnorm(n, 20, 6), 1) else sample(0:12, n, replace = TRUE)
  post <- pre + if (decimal) round(rnorm(n, -1.5, 3), 1) else sample(-4:3, n, replace = TRUE)
  set <- sprintf("paired%03d", k)
  dir.create(file.path(out_dir, set))
  pre <- write_and_read(data.frame(id = 1:n, x = pre), file.path(out_dir, set, "pre.csv"))$x
  post <- write_and_read(data.frame(id = 1:n, x = post), file.path(out_dir, set, "post.csv"))$x
  d <- post - pre
  if (sd(d) == 0) next
  t <- t.test(post, pre, paired = TRUE)
  dz <- ncp_limits(t$statistic, n - 1) / sqrt(n)
  values <- list(t = t$statistic, t_p = t$p.value, t_ci_low = t$conf.int[1],
                 t_ci_high = t$conf.int[2], dz = mean(d) / sd(d), dz_ci_low = dz[1],
                 dz_ci_high = dz[2],
                 wilcoxon_normal_p = suppressWarnings(
                   wilcox.test(post, pre, paired = TRUE, exact = FALSE, correct = TRUE)$p.value))
  if (sum(d != 0) <= 50) values$wilcoxon_exact_p <- pvalue(wilcoxsign_test(
    post ~ pre, distribution = "exact", zero.method = "Wilcoxon"))
  if (length(unique(d)) > 1) {
    sw <- shapiro.test(d)
    values$shapiro_w <- sw$statistic
    values$shapiro_p <- sw$p.value
  }
  emit(set, values)
}
