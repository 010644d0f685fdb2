# Two independent groups in one file; references: Student and Welch t.test, the exact conditional
# rank-sum test (coin), the normal approximation of wilcox.test, d's exact limits,
# car::leveneTest centred at the median and at the mean.
suppressMessages({library(coin); library(car)})
source("common.R")
for (k in seq_len(sets)) {
  # Every tenth pair of groups is beyond the exact test's limit, so the normal approximation is used.
  sizes <- if (k %% 10 == 0) 45:70 else 2:30
  na <- sample(sizes, 1); nb <- sample(sizes, 1)
  decimal <- k %% 3 == 0
  a <- if (decimal) round(rnorm(na, 20, 6), 1) else sample(0:12, na, replace = TRUE)
  b <- if (decimal) round(rnorm(nb, 18, 4), 1) else sample(0:10, nb, replace = TRUE)
  set <- sprintf("groups%03d", k)
  dir.create(file.path(out_dir, set))
  frame <- write_and_read(data.frame(id = seq_len(na + nb), g = rep(c("a", "b"), c(na, nb)),
                                     x = c(a, b)), file.path(out_dir, set, "data.csv"))
  a <- frame$x[frame$g == "a"]; b <- frame$x[frame$g == "b"]
  if (is.na(sd(a) + sd(b)) || (sd(a) == 0 && sd(b) == 0)) next
  frame$g <- factor(frame$g)
  student <- t.test(a, b, var.equal = TRUE)
  welch <- t.test(a, b)
  d <- ncp_limits(student$statistic, na + nb - 2) / sqrt(na * nb / (na + nb))
  values <- list(
    student_t = student$statistic, student_p = student$p.value,
    student_ci_low = student$conf.int[1], student_ci_high = student$conf.int[2],
    welch_t = welch$statistic, welch_df = welch$parameter, welch_p = welch$p.value,
    welch_ci_low = welch$conf.int[1], welch_ci_high = welch$conf.int[2],
    d_ci_low = d[1], d_ci_high = d[2],
    mann_whitney_normal_p = suppressWarnings(
      wilcox.test(a, b, exact = FALSE, correct = TRUE)$p.value),
    levene_p = leveneTest(x ~ g, data = frame, center = median)$`Pr(>F)`[1],
    levene_mean_p = leveneTest(x ~ g, data = frame, center = mean)$`Pr(>F)`[1])
  if (na <= 50 && nb <= 50) values$mann_whitney_exact_p <- pvalue(
    wilcox_test(x ~ g, data = frame, distribution = "exact"))
  emit(set, values)
}
