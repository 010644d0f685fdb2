# Mixed (split-plot) data sets: 2 to 4 groups of 3 to 12 people, 2 to 5 waves, integer scores
# with ties or one-decimal scores, one long CSV per set. References: afex::aov_ez (type 3,
# effect coding) with car's sphericity test and corrections; for one group, friedman.test too.
suppressMessages(library(afex))
source("common.R")
anova_values <- function(a, k, groups, prefix = "") {
  s <- summary(a$Anova, multivariate = FALSE)
  u <- s$univariate.tests
  tab <- a$anova_table
  values <- list()
  for (term in rownames(tab)) {
    name <- c(g = "between", t = "within", `g:t` = "interaction")[[term]]
    values[[paste0(name, "_f")]] <- u[term, "F value"]
    values[[paste0(name, "_p")]] <- u[term, "Pr(>F)"]
    values[[paste0(name, "_ges")]] <- tab[term, "ges"]
    values[[paste0(name, "_pes")]] <- tab[term, "pes"]
    if (k > 2 && term != "g") {
      adj <- s$pval.adjustments
      values[[paste0(name, "_eps_gg")]] <- adj[term, "GG eps"]
      values[[paste0(name, "_p_gg")]] <- adj[term, "Pr(>F[GG])"]
      values[[paste0(name, "_eps_hf")]] <- adj[term, "HF eps"]
      values[[paste0(name, "_p_hf")]] <- adj[term, "Pr(>F[HF])"]
    }
  }
  if (k > 2) {
    values$mauchly_w <- s$sphericity.tests["t", 1]
    values$mauchly_p <- s$sphericity.tests["t", 2]
  }
  values
}
for (set_number in seq_len(sets)) {
  g <- if (set_number %% 4 == 0) 1 else sample(2:4, 1)
  k <- sample(2:5, 1)
  sizes <- sample(3:12, g, replace = TRUE)
  n <- sum(sizes)
  decimal <- set_number %% 3 == 0
  level <- rep(seq_len(g), sizes)
  person <- if (decimal) rnorm(n, 20, 5) else sample(5:15, n, replace = TRUE)
  y <- sapply(seq_len(k), function(t) {
    change <- -t * level / 2
    if (decimal) round(person + change + rnorm(n, 0, 2), 1) else person + round(change) + sample(-2:2, n, replace = TRUE)
  })
  set <- sprintf("mixed%03d", set_number)
  dir.create(file.path(out_dir, set))
  frame <- data.frame(id = rep(seq_len(n), k), t = rep(seq_len(k), each = n),
                      g = rep(letters[level], k), x = as.vector(y))
  frame <- write_and_read(frame, file.path(out_dir, set, "data.csv"))
  writeLines(c(paste(seq_len(k), collapse = ","), paste(letters[seq_len(g)], collapse = ",")),
             file.path(out_dir, set, "design.txt"))
  frame$id <- factor(frame$id); frame$t <- factor(frame$t); frame$g <- factor(frame$g)
  values <- tryCatch(suppressWarnings(suppressMessages({
    a <- if (g > 1) aov_ez("id", "x", frame, between = "g", within = "t", type = 3,
                           anova_table = list(es = c("ges", "pes"), correction = "none"))
         else aov_ez("id", "x", frame, within = "t", type = 3,
                     anova_table = list(es = c("ges", "pes"), correction = "none"))
    anova_values(a, k, g)
  })), error = function(e) NULL)
  if (is.null(values)) next
  if (g == 1) {
    f <- friedman.test(matrix(frame$x, ncol = k))
    values$friedman_chi2 <- f$statistic
    values$friedman_p <- f$p.value
  }
  emit(set, values)
}
