#!/usr/bin/env bash
# Times `compare lmm` at registry scale: PERSONS caregivers (default 100,000) in two groups x
# 4 waves, one long CSV, each later wave missing for 20% of the persons (at random), so about
# 340,000 observations; score ~ group * time + (1 | id) by REML with the type III table, the
# marginal means and the wave contrasts. The fit reduces the data to sums per number of waves
# observed, so its memory does not grow with the waves beyond the sheet itself. Prints the time
# and peak RSS, and lme4 + lmerTest's time on the same data when Rscript and the packages are
# present.
#
#   bench/lmm.sh                   # PERSONS=10000 bench/lmm.sh for a quick run
set -euo pipefail

cd "$(dirname "$0")/.."
persons=${PERSONS:-100000}
target=${CARGO_TARGET_DIR:-target}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --quiet --bin psyscore
psyscore=$target/release/psyscore
awk -v n="$persons" 'BEGIN {
    srand(16); print "id,group,time,score"
    split("pre,post,followup,followup2", waves, ",")
    for (i = 1; i <= n; i++) {
        group = (i % 2) ? "intervention" : "control"
        b = 6 * sqrt(-2 * log(1 - rand())) * cos(6.283185307 * rand())
        for (t = 1; t <= 4; t++) {
            if (t > 1 && rand() < 0.2) continue
            e = 4 * sqrt(-2 * log(1 - rand())) * cos(6.283185307 * rand())
            change = (group == "intervention") ? -2 * (t - 1) : -0.5 * (t - 1)
            printf "p%d,%s,%s,%.2f\n", i, group, waves[t], 50 + b + change + e
        }
    }
}' >"$work/long.csv"
echo "input: $persons persons x 4 waves, $(($(wc -l <"$work/long.csv") - 1)) observations"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"

cmd=("$psyscore" compare lmm "$work/long.csv" --id id --time time
    --waves pre,post,followup,followup2 --group group --control control --measure score
    --format json)
if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f 'psyscore compare lmm: %e s, peak RSS %M KB' "${cmd[@]}" >/dev/null
else
    start=$(date +%s.%N)
    "${cmd[@]}" >/dev/null
    echo "psyscore compare lmm: $(echo "$(date +%s.%N) - $start" | bc) s (GNU time not found: no peak RSS)"
fi

if command -v Rscript >/dev/null && Rscript -e 'library(lmerTest)' >/dev/null 2>&1; then
    Rscript - "$work/long.csv" <<'RSCRIPT'
suppressMessages(library(lmerTest))
d <- read.csv(commandArgs(TRUE)[1])
d$time <- factor(d$time, levels = c("pre", "post", "followup", "followup2"))
d$group <- relevel(factor(d$group), "control")
t <- system.time({
  m <- lmer(score ~ group * time + (1 | id), d)
  a <- anova(m, type = 3)
  s <- summary(m)
})
cat(sprintf("lme4 + lmerTest (lmer, anova type 3, summary): %.2f s\n", t[["elapsed"]]))
RSCRIPT
else
    echo "Rscript with lme4 and lmerTest not found: lme4's time not measured"
fi
