# Linear mixed models with a random intercept per person: 1 to 3 groups of 3 to 15 people, 2 to 5
# waves, each later wave missing for some people (some seen once only), sometimes no
# between-person variation (singular fits), sometimes a baseline covariate, REML or ML; one long
# CSV per set. References: lmerTest::lmer, anova(m, type = 3), emmeans(m, ~ time | group,
# lmer.df = "satterthwaite") and pairs(..., adjust = "holm"). lme4's default optimizer stops near
# 1e-6 (on some sets 1e-4 off in the variances), so it is run here with bobyqa to rhoend = 1e-12;
# check.py compares at 1e-5 (1e-4 for df and p), as the unit tests do.
suppressMessages({library(lmerTest); library(emmeans)})
source("common.R")
emm_options(lmerTest.limit = Inf, pbkrtest.limit = 0)
for (set_number in seq_len(sets)) {
  g <- sample(1:3, 1)
  k <- sample(2:5, 1)
  sizes <- sample(3:15, g, replace = TRUE)
  n <- sum(sizes)
  level <- rep(seq_len(g), sizes)
  sd_b <- if (set_number %% 5 == 0) 0 else runif(1, 0.5, 6)
  person <- rnorm(n, 0, sd_b)
  age <- round(runif(n, 20, 70))
  covariate <- set_number %% 3 == 0
  reml <- set_number %% 4 != 1
  rows <- list()
  for (t in seq_len(k)) {
    present <- if (t == 1) rep(TRUE, n) else runif(n) > 0.25
    y <- round(50 + person - t * level / 2 + 0.05 * age + rnorm(n, 0, 3), 1)
    rows[[t]] <- data.frame(id = seq_len(n), t = t, g = letters[level], x = y, age = age)[present, ]
  }
  frame <- do.call(rbind, rows)
  set <- sprintf("lmm%03d", set_number)
  dir.create(file.path(out_dir, set))
  frame <- write_and_read(frame, file.path(out_dir, set, "data.csv"))
  writeLines(c(paste(seq_len(k), collapse = ","), paste(letters[seq_len(g)], collapse = ","),
               if (covariate) "age" else "-", if (reml) "reml" else "ml"),
             file.path(out_dir, set, "design.txt"))
  frame$t <- factor(frame$t, levels = seq_len(k)); frame$g <- factor(frame$g)
  rhs <- paste(c(if (g > 1) "g * t" else "t", if (covariate) "age"), collapse = " + ")
  values <- tryCatch(suppressWarnings(suppressMessages({
    m <- lmer(as.formula(paste("x ~", rhs, "+ (1 | id)")), frame, REML = reml,
              control = lmerControl(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12)))
    s <- coef(summary(m))
    values <- list()
    for (i in seq_len(nrow(s))) {
      values[[paste0("fixed_estimate_", i)]] <- s[i, "Estimate"]
      values[[paste0("fixed_se_", i)]] <- s[i, "Std. Error"]
      values[[paste0("fixed_df_", i)]] <- s[i, "df"]
      values[[paste0("fixed_p_", i)]] <- s[i, "Pr(>|t|)"]
    }
    a <- anova(m, type = 3)
    for (i in seq_len(nrow(a))) {
      values[[paste0("anova_f_", i)]] <- a[i, "F value"]
      values[[paste0("anova_df2_", i)]] <- a[i, "DenDF"]
      values[[paste0("anova_p_", i)]] <- a[i, "Pr(>F)"]
    }
    vc <- as.data.frame(VarCorr(m))$vcov
    values$random_intercept_var <- vc[1]
    values$random_residual_var <- vc[2]
    values$fit_loglik <- as.numeric(logLik(m))
    values$fit_bic <- BIC(m)
    e <- if (g > 1) emmeans(m, ~ t | g, lmer.df = "satterthwaite") else emmeans(m, ~ t, lmer.df = "satterthwaite")
    es <- summary(e)
    for (i in seq_len(nrow(es))) {
      values[[paste0("emmeans_emmean_", i)]] <- es$emmean[i]
      values[[paste0("emmeans_se_", i)]] <- es$SE[i]
      values[[paste0("emmeans_df_", i)]] <- es$df[i]
    }
    ps <- summary(pairs(e, adjust = "holm"))
    for (i in seq_len(nrow(ps))) {
      values[[paste0("contrasts_estimate_", i)]] <- ps$estimate[i]
      values[[paste0("contrasts_df_", i)]] <- ps$df[i]
      values[[paste0("contrasts_p_adj_", i)]] <- ps$p.value[i]
    }
    values
  })), error = function(e) NULL)
  # A group without anyone at some wave: lme4 drops a column and emmeans gives NA for that
  # cell, where psyscore names the empty cell and fits nothing (tested in tests/cli/lmm.rs).
  if (is.null(values) || anyNA(unlist(values))) next
  emit(set, values)
}
