# Pre and post files, the group in the pre file; references: car::Anova (type II) of
# lm(post ~ pre + group), emmeans' adjusted means and their difference with its CI, the
# slopes-homogeneity F (anova of the model with pre x group), the gain-score Welch t.test.
suppressMessages({library(car); library(emmeans)})
source("common.R")
for (k in seq_len(sets)) {
  na <- sample(3:25, 1); nb <- sample(3:25, 1); n <- na + nb
  g <- rep(c("a", "b"), c(na, nb))
  if (k %% 2 == 0) {
    pre <- round(rnorm(n, 20, 6), 1)
    post <- round(pre * runif(1, 0.2, 1.2) + rnorm(n, ifelse(g == "a", -2, 0), 4), 1)
  } else {
    pre <- sample(0:20, n, replace = TRUE)
    post <- pmax(0, pre + sample(-6:4, n, replace = TRUE) - (g == "a") * 2)
  }
  set <- sprintf("ancova%03d", k)
  dir.create(file.path(out_dir, set))
  before <- write_and_read(data.frame(id = 1:n, g = g, x = pre), file.path(out_dir, set, "pre.csv"))
  after <- write_and_read(data.frame(id = 1:n, x = post), file.path(out_dir, set, "post.csv"))
  frame <- data.frame(pre = before$x, post = after$x, g = factor(before$g))
  model <- lm(post ~ pre + g, data = frame)
  table <- Anova(model, type = 2)
  means <- emmeans(model, "g")
  difference <- confint(pairs(means))
  slopes <- anova(model, lm(post ~ pre * g, data = frame))
  gain <- with(frame, t.test((post - pre)[g == "a"], (post - pre)[g == "b"]))
  emit(set, list(
    f = table["g", "F value"], p = table["g", "Pr(>F)"],
    partial_eta2 = table["g", "Sum Sq"] / (table["g", "Sum Sq"] + table["Residuals", "Sum Sq"]),
    adj_mean_a = summary(means)$emmean[1], adj_mean_b = summary(means)$emmean[2],
    adj_diff = difference$estimate, adj_diff_ci_low = difference$lower.CL,
    adj_diff_ci_high = difference$upper.CL,
    slopes_f = slopes$F[2], slopes_p = slopes$`Pr(>F)`[2],
    gain_t = gain$statistic, gain_df = gain$parameter, gain_p = gain$p.value))
}
