# K10 answer sheets (10 items, 1-5) from a one-factor model with random loadings, some near zero;
# references: psych::alpha (raw and standardized alpha, mean r, r.drop, alpha if deleted).
suppressMessages(library(psych))
source("common.R")
for (k in seq_len(sets)) {
  n <- sample(5:60, 1)
  factor_scores <- rnorm(n)
  answers <- sapply(runif(10, 0, 1.2),
                    function(l) pmin(5, pmax(1, round(3 + l * factor_scores + rnorm(n)))))
  colnames(answers) <- paste0("k10_", 1:10)
  if (any(apply(answers, 2, sd) == 0)) next
  set <- sprintf("reliability%03d", k)
  dir.create(file.path(out_dir, set))
  write_and_read(data.frame(id = 1:n, answers), file.path(out_dir, set, "data.csv"))
  a <- suppressWarnings(suppressMessages(alpha(answers, check.keys = FALSE, warnings = FALSE)))
  values <- list(alpha = a$total$raw_alpha, alpha_std = a$total$std.alpha,
                 mean_r = a$total$average_r)
  for (i in 1:10) {
    values[[sprintf("r_drop_%d", i)]] <- a$item.stats$r.drop[i]
    values[[sprintf("alpha_if_deleted_%d", i)]] <- a$alpha.drop$raw_alpha[i]
  }
  emit(set, values)
}
