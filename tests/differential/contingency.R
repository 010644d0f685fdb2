# A categorical characteristic in two to four groups (one file: id, g, x), for the contingency
# statistics of the baseline table (src/stats/contingency.rs, src/stats/fisher.rs). g is the
# group (letters a, b, ...); x is the level, an integer 1..L (L from 2 to 6; every level is
# declared, and in about a fifth of the sets one level is given to nobody, so the table has an
# empty row, which psyscore drops and R's chisq.test would turn into NaN). Each set's folder also
# holds levels.txt, the declared levels 1..L joined by commas, for the command's level option.
#
# References, on the table k = table(factor(x, levels = 1:L), g) with its empty rows dropped:
#   chi2, chi2_df, chi2_p   chisq.test(k, correct = FALSE): statistic, df, p-value
#   yates_chi2, yates_p     chisq.test(k) (Yates' correction), only when k is 2 x 2
#   cramers_v               effectsize::cramers_v(k, adjust = FALSE)
#   min_expected            the smallest of chisq.test(k)$expected
#   fisher_p                fisher.test(t, workspace = 2e7)$p.value on the table t with the
#                           empty row (as R's fisher.test takes it; the tolerance on "no more
#                           probable" is R's for t's shape); left out when R's FEXACT gives up
#                           (workspace), where psyscore may also report "not computed".
# Sets whose table has one level or one group with counts are skipped (no test).
suppressMessages(library(effectsize))
source("common.R")
for (k in seq_len(sets)) {
  g_count <- sample(2:4, 1)
  levels_count <- sample(2:6, 1)
  n <- if (k %% 10 == 0) sample(100:300, 1) else sample(6:60, 1)
  weights <- runif(levels_count)
  if (k %% 5 == 0) weights[sample(levels_count, 1)] <- 0
  g <- sample(letters[seq_len(g_count)], n, replace = TRUE)
  x <- sample(seq_len(levels_count), n, replace = TRUE, prob = weights)
  set <- sprintf("contingency%03d", k)
  dir.create(file.path(out_dir, set))
  frame <- write_and_read(data.frame(id = seq_len(n), g = g, x = x), file.path(out_dir, set, "data.csv"))
  writeLines(paste(seq_len(levels_count), collapse = ","), file.path(out_dir, set, "levels.txt"))
  t <- table(factor(frame$x, levels = seq_len(levels_count)), frame$g)
  kept <- t[rowSums(t) > 0, colSums(t) > 0, drop = FALSE]
  if (nrow(kept) < 2 || ncol(kept) < 2) next
  pearson <- suppressWarnings(chisq.test(kept, correct = FALSE))
  values <- list(chi2 = pearson$statistic, chi2_df = pearson$parameter, chi2_p = pearson$p.value,
                 cramers_v = cramers_v(kept, adjust = FALSE)$Cramers_v,
                 min_expected = min(pearson$expected))
  if (all(dim(kept) == 2)) {
    yates <- suppressWarnings(chisq.test(kept))
    values <- c(values, list(yates_chi2 = yates$statistic, yates_p = yates$p.value))
  }
  fisher <- tryCatch(fisher.test(t, workspace = 2e7)$p.value, error = function(e) NULL)
  if (!is.null(fisher)) values$fisher_p <- fisher
  emit(set, values)
}
