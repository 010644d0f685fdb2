# One column of scores; references: mean, sd, median, quantile(type = 7), range,
# psych::describe(type = 2) skew and kurtosis (SPSS's G1 and G2) and SPSS's standard errors.
suppressMessages(library(psych))
source("common.R")
for (k in seq_len(sets)) {
  n <- sample(4:60, 1)
  x <- if (k %% 3 == 0) round(rgamma(n, 2, 0.2), 1) else sample(0:20, n, replace = TRUE)
  set <- sprintf("describe%03d", k)
  dir.create(file.path(out_dir, set))
  x <- write_and_read(data.frame(x = x), file.path(out_dir, set, "data.csv"))$x
  if (sd(x) == 0) next
  d <- describe(x, type = 2)
  ses <- sqrt(6 * n * (n - 1) / ((n - 2) * (n + 1) * (n + 3)))
  q <- quantile(x, c(0.25, 0.75), type = 7)
  emit(set, list(mean = mean(x), sd = sd(x), se = sd(x) / sqrt(n), median = median(x),
                 q1 = q[[1]], q3 = q[[2]], min = min(x), max = max(x), skew = d$skew,
                 kurtosis = d$kurtosis, skew_se = ses,
                 kurtosis_se = 2 * ses * sqrt((n^2 - 1) / ((n - 3) * (n + 5)))))
}
