#!/usr/bin/env bash
# A look at report.docx as it prints (not run in CI): runs the example STUDY (default
# examples/cbi_study.toml) in REPORT_LANG (default en), converts its report.docx to PDF with LibreOffice
# and the PDF to one PNG a page at RES dpi (default 60) with pdftoppm, into OUT (default
# target/docx-look/). Open the PNG files to see the page, the three-line tables and the figures.
# Needs LibreOffice Writer and poppler-utils (Debian, Ubuntu: apt-get install libreoffice-writer
# poppler-utils); LibreOffice shows SimSun and SimHei with the closest installed fonts.
#
#   tests/look/docx_pages.sh                                # STUDY=examples/case_study.toml REPORT_LANG=zh ...
set -euo pipefail

cd "$(dirname "$0")/../.."
study=${STUDY:-examples/cbi_study.toml}
lang=${REPORT_LANG:-en}
res=${RES:-60}
out=${OUT:-target/docx-look}
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || {
    echo "error: $tool is not installed (apt-get install libreoffice-writer poppler-utils)" >&2
    exit 1
  }
done
rm -rf "$out"
mkdir -p "$out"
cargo run --quiet -- study "$study" --lang "$lang" -o "$out/report"
# LibreOffice refuses to start beside a running instance of the same profile: use a fresh one.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf \
  --outdir "$out" "$out/report/report.docx" >/dev/null
pdftoppm -png -r "$res" "$out/report.pdf" "$out/page"
echo "$out: report.pdf and $(ls "$out"/page-*.png | wc -l) pages as page-N.png"
