# Three to five independent groups in one file (id, g, x); references: aov with eta^2 and
# omega^2, oneway.test(var.equal = FALSE), kruskal.test with epsilon^2 = H / (N - 1)
# (effectsize::rank_epsilon_squared), and per pair (a, b) in level order TukeyHSD,
# Games-Howell by rstatix's formulas (its p.adj is rounded to 3 decimals, so unrounded here),
# and rstatix::dunn_test with Holm. Pair values are named <value>_<a>_<b>, a and b level letters.
#
# R's ptukey/qtukey are inaccurate below 10 df (up to 1e-3 at df = 2, 1e-5 at df = 7; see
# src/stats/tukey.rs), so the Tukey and Games-Howell p-values and limits are emitted only for
# pairs whose df (N - g for Tukey, Welch's for Games-Howell) is at least 10; *_df is emitted
# always.
# check.py runs `compare groups --levels a,b,c...` on each set and turns psyscore's a − b
# pairs round to compare.
suppressMessages({library(rstatix)})
source("common.R")
for (k in seq_len(sets)) {
  g_count <- sample(3:5, 1)
  sizes <- sample(2:30, g_count, replace = TRUE)
  decimal <- k %% 3 == 0
  x <- unlist(lapply(seq_len(g_count), function(i)
    if (decimal) round(rnorm(sizes[i], 20 + i, 5), 1) else sample(0:(8 + i), sizes[i], replace = TRUE)))
  set <- sprintf("oneway%03d", k)
  dir.create(file.path(out_dir, set))
  frame <- write_and_read(data.frame(id = seq_along(x), g = rep(letters[seq_len(g_count)], sizes), x = x),
                          file.path(out_dir, set, "data.csv"))
  frame$g <- factor(frame$g)
  y <- frame$x; g <- frame$g
  m <- tapply(y, g, mean); v <- tapply(y, g, var); n <- tapply(y, g, length)
  if (all(is.na(v) | v == 0)) next
  fit <- aov(y ~ g); tab <- summary(fit)[[1]]
  ss_b <- tab$`Sum Sq`[1]; ss_w <- tab$`Sum Sq`[2]; ms_w <- tab$`Mean Sq`[2]
  values <- list(anova_f = tab$`F value`[1], anova_p = tab$`Pr(>F)`[1],
                 eta2 = ss_b / (ss_b + ss_w), omega2 = (ss_b - (g_count - 1) * ms_w) / (ss_b + ss_w + ms_w))
  if (all(n >= 2) && all(v > 0)) {
    w <- oneway.test(y ~ g, var.equal = FALSE)
    values <- c(values, list(welch_f = w$statistic, welch_df2 = w$parameter[2], welch_p = w$p.value))
  }
  kw <- kruskal.test(y ~ g)
  values <- c(values, list(kruskal_h = kw$statistic, kruskal_p = kw$p.value,
                           epsilon2 = effectsize::rank_epsilon_squared(y ~ g, ci = NULL)$rank_epsilon_squared))
  tukey <- TukeyHSD(fit, conf.level = 0.95)$g
  dunn <- dunn_test(frame, x ~ g, p.adjust.method = "holm")
  lv <- levels(g)
  for (i in 1:(g_count - 1)) for (j in (i + 1):g_count) {
    a <- lv[i]; b <- lv[j]; pair <- paste(a, b, sep = "_")
    row <- tukey[paste(b, a, sep = "-"), ]
    values[[paste0("diff_", pair)]] <- row[["diff"]]
    if (fit$df.residual >= 10) {
      values[[paste0("tukey_lwr_", pair)]] <- row[["lwr"]]
      values[[paste0("tukey_upr_", pair)]] <- row[["upr"]]
      values[[paste0("tukey_p_", pair)]] <- row[["p adj"]]
    }
    if (n[a] >= 2 && n[b] >= 2 && v[a] + v[b] > 0) {
      s2 <- v[a] / n[a] + v[b] / n[b]
      df <- s2^2 / ((v[a] / n[a])^2 / (n[a] - 1) + (v[b] / n[b])^2 / (n[b] - 1))
      values[[paste0("gh_df_", pair)]] <- df
      if (df >= 10) {
        values[[paste0("gh_p_", pair)]] <- ptukey(abs(m[b] - m[a]) / sqrt(s2 / 2), g_count, df, lower.tail = FALSE)
        q <- qtukey(0.95, g_count, df)
        values[[paste0("gh_low_", pair)]] <- m[b] - m[a] - q * sqrt(s2 / 2)
        values[[paste0("gh_high_", pair)]] <- m[b] - m[a] + q * sqrt(s2 / 2)
      }
    }
    d <- dunn[dunn$group1 == a & dunn$group2 == b, ]
    values[[paste0("dunn_z_", pair)]] <- d$statistic
    values[[paste0("dunn_p_adj_", pair)]] <- d$p.adj
  }
  emit(set, values)
}
