# Shared by the generators, which check.py runs from this folder: the command line (output
# folder, number of data sets, seed), writing a CSV and reading it back (so R analyses exactly
# the numbers psyscore reads), and printing one reference row at full precision.
args <- commandArgs(trailingOnly = TRUE)
out_dir <- args[1]
sets <- as.integer(args[2])
set.seed(as.integer(args[3]))

write_and_read <- function(frame, path) {
  write.csv(frame, path, row.names = FALSE)
  read.csv(path)
}

# The exact noncentral-t limits for an observed t: the ncp whose upper tail puts t at
# 1 - (1 - conf) / 2, and at (1 - conf) / 2.
ncp_limits <- function(t, df, conf = 0.95) {
  f <- function(ncp, q) pt(t, df, ncp) - q
  c(uniroot(f, c(-37.6, 37.6), q = 1 - (1 - conf) / 2, tol = 1e-15)$root,
    uniroot(f, c(-37.6, 37.6), q = (1 - conf) / 2, tol = 1e-15)$root)
}

emit <- function(set, values) {
  cat(set, paste(names(values), sprintf("%.17g", unlist(values)), sep = "=", collapse = " "), "\n")
}
