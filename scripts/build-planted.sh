#!/usr/bin/env bash
# Rebuilds the planted test papers in test/planted/: each *.tex there with a \documentclass is compiled
# with pdflatex (SyncTeX on) and BibTeX, and its PDF and .synctex.gz (and a log that names bitmap fonts)
# are copied back beside it. The
# results are committed, so tests and `npm run check:corpus` need no TeX; run this only after changing
# a planted source.
#
#   npm run build:planted -- PATH/neurips_2024_calm.zip   (the workshop's style zip, or the .sty itself)
#
# The style file is the workshop's and is not in the repository: pass its path. It is checked against
# the official sha256 first. TeX comes from Debian's apt (scripts/setup-tex.sh).
set -euo pipefail
STYLE_SHA256=7488aec22b5f2019747909bb162fb2762ee86dd389bc2107bc924cc19398ec4a
style=${1:?usage: build-planted.sh PATH/neurips_2024_calm.zip or PATH/neurips_2024_calm.sty}
repo=$(cd "$(dirname "$0")/.." && pwd)
planted="$repo/test/planted"

bash "$repo/scripts/setup-tex.sh"

# A fixed folder, so that SyncTeX files and logs name the same paths whoever builds them.
build=/tmp/calm-planted-build
rm -rf "$build"
mkdir -p "$build"
case "$style" in
  *.zip) unzip -p "$style" neurips_2024_calm.sty > "$build/neurips_2024_calm.sty" ;;
  *) cp "$style" "$build/neurips_2024_calm.sty" ;;
esac
actual=$(sha256sum "$build/neurips_2024_calm.sty" | cut -d' ' -f1)
if [ "$actual" != "$STYLE_SHA256" ]; then
  echo "build-planted: $style does not hold the official neurips_2024_calm.sty (sha256 $actual)" >&2
  exit 1
fi
cp "$planted"/*.tex "$planted"/*.bib "$build"/

# Reproducible PDFs: a fixed date (the CALM 2024 submission deadline) and no random trailer ID.
export SOURCE_DATE_EPOCH=1727049600 FORCE_SOURCE_DATE=1
cd "$build"
for source in *.tex; do
  grep -q '^\\documentclass' "$source" || continue
  paper=${source%.tex}
  run() { "$@" > "$paper.build-output" 2>&1 || { echo "build-planted: $* failed, see $build/$paper.log" >&2; exit 1; }; }
  run pdflatex -synctex=1 -interaction=nonstopmode -halt-on-error "$source"
  run bibtex "$paper"
  run pdflatex -synctex=1 -interaction=nonstopmode -halt-on-error "$source"
  run pdflatex -synctex=1 -interaction=nonstopmode -halt-on-error "$source"
  cp "$paper.pdf" "$paper.synctex.gz" "$planted"/
  # The log is kept only where it names bitmap fonts: the checker reads them from it to name a Type 3 font.
  if grep -q 'pk>' "$paper.log"; then cp "$paper.log" "$planted"/; fi
  echo "built $paper.pdf ($(stat -c %s "$paper.pdf") bytes)"
done
