#!/usr/bin/env bash
# Writes the seed corpus of each fuzz target into fuzz/seeds/TARGET/ from psyscore's own test
# data, scales and examples. The first byte of a delimited or workbook seed picks what the
# target does with the rest (see fuzz_targets/*.rs): for delimited text 0 auto-detects the
# encoding, 2 reads GB18030, 4 reads in chunks; for workbooks 0 is .xlsx, 1 .xlsb (no .xlsb
# fixture exists: the .xlsx ones give it zip archives to start from), 2 .xls, 3 .ods.
# Usage: fuzz/seeds.sh   (from anywhere; rewrites fuzz/seeds/)
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{delimited,workbook,scale_file,study_file,baseline}

prefixed() { # BYTE FILE OUT
  { printf "\\$(printf '%03o' "$1")"; cat "$2"; } >"$3"
}

find tests/data -name '*.csv' -size -8k | sort | while read -r file; do
  name=$(echo "${file#tests/data/}" | tr '/' '_')
  prefixed 0 "$file" "$seeds/delimited/auto_$name"
  prefixed 4 "$file" "$seeds/delimited/chunks_$name"
done
for file in tests/data/input_gbk.csv tests/data/hostile/bad_gb18030.csv; do
  prefixed 2 "$file" "$seeds/delimited/gb18030_$(basename "$file")"
done

for file in examples/cbi_pre.xlsx tests/data/hostile/*.xlsx; do
  prefixed 0 "$file" "$seeds/workbook/xlsx_$(basename "$file")"
  prefixed 1 "$file" "$seeds/workbook/xlsb_$(basename "$file")"
done
for file in tests/data/workbooks/*.xls tests/data/hostile/*.xls; do
  prefixed 2 "$file" "$seeds/workbook/xls_$(basename "$file")"
done
for file in tests/data/workbooks/*.ods; do
  prefixed 3 "$file" "$seeds/workbook/ods_$(basename "$file")"
done

for file in scales/*.toml $(find tests/data -name '*.toml' | sort); do
  grep -q '^\[data\]' "$file" && continue
  cp "$file" "$seeds/scale_file/$(echo "$file" | tr '/' '_')"
done
for file in examples/*_study.toml $(grep -rl '^\[data\]' tests/data --include='*.toml' | sort); do
  cp "$file" "$seeds/study_file/$(echo "$file" | tr '/' '_')"
done
# The baseline target: the first byte picks each characteristic's kind (two bits per column
# after the group: 0-1 categorical, 2 ordered, 3 continuous).
for file in tests/data/baseline/*.csv examples/cbi_pre.csv examples/cbi_arms_pre.csv; do
  for choice in 0 170 255 204; do
    prefixed "$choice" "$file" "$seeds/baseline/${choice}_$(basename "$file")"
  done
done
for target in delimited workbook scale_file study_file baseline; do
  echo "$target: $(ls "$seeds/$target" | wc -l) seeds"
done
