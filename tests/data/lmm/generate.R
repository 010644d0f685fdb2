# Generates the data sets of tests/data/lmm (run once: Rscript generate.R); the reference values
# in src/compare/lmm_tests.rs and src/stats/lmm/tests.rs come from fitting these files in R.
set.seed(16)
waves <- c("pre", "post", "followup")
person <- function(id, group, shift, sd_b, sd_e, keep) {
  b <- rnorm(1, 0, sd_b)
  age <- round(runif(1, 30, 70))
  rows <- data.frame(id = id, group = group, time = waves,
                     score = round(50 + shift + c(0, -3, -4) * (group == "intervention") +
                                   b + 0.1 * (age - 50) + rnorm(3, 0, sd_e), 2),
                     age = age)
  rows[keep, ]
}
write <- function(d, file) write.csv(d, file, row.names = FALSE, quote = FALSE)

# Balanced: 2 groups x 8 persons x 3 waves, complete.
d <- do.call(rbind, lapply(1:16, function(i)
  person(sprintf("b%02d", i), if (i <= 8) "control" else "intervention", 0, 4, 3, 1:3)))
write(d, "balanced.csv")

# Dropout: 3 groups, unbalanced, later waves missing, some persons with one observation only.
groups <- c("control", "intervention", "waitlist")
d <- do.call(rbind, lapply(1:30, function(i) {
  keep <- 1:3
  if (i %% 4 == 0) keep <- 1:2
  if (i %% 7 == 0) keep <- 1
  if (i %% 9 == 0) keep <- c(1, 3)
  person(sprintf("d%02d", i), groups[(i %% 3) + 1], if (i %% 3 == 2) 2 else 0, 5, 3, keep)
}))
write(d, "dropout.csv")

# Singular: no between-person variation at all, the REML estimate of sigma_b^2 is 0.
repeat {
  d <- do.call(rbind, lapply(1:12, function(i)
    person(sprintf("s%02d", i), if (i <= 6) "control" else "intervention", 0, 0, 4,
           if (i %% 5 == 0) 1:2 else 1:3)))
  m <- lme4::lmer(score ~ group * time + (1 | id), d)
  if (lme4::getME(m, "theta") == 0) break
}
write(d, "singular.csv")
