#!/usr/bin/env bash
# Builds examples/calm-paper/paper.pdf (with SyncTeX) from paper.tex and references.bib with the CALM
# workshop's style, for the sample's Check Submission report. The style is third-party and never part
# of this repository: pass the workshop's neurips_2024_calm.sty, or its neurips_2024_calm.zip, which
# holds it.
#
#   bash scripts/build-sample-pdf.sh path/to/neurips_2024_calm.zip
#
# Installs TeX Live from Debian's packages when it is missing (as root, or through sudo). The build runs
# in a temporary folder; only paper.pdf and paper.synctex.gz are written beside paper.tex.
set -euo pipefail

STYLE_SHA256=7488aec22b5f2019747909bb162fb2762ee86dd389bc2107bc924cc19398ec4a
TEX_PACKAGES=(texlive-latex-base texlive-latex-recommended texlive-fonts-recommended texlive-latex-extra texlive-pictures)

style=${1:-}
if [[ -z "$style" || ! -f "$style" ]]; then
  echo "usage: bash scripts/build-sample-pdf.sh neurips_2024_calm.sty|neurips_2024_calm.zip (the CALM workshop's style files)" >&2
  exit 2
fi

repo=$(cd "$(dirname "$0")/.." && pwd)
sample="$repo/examples/calm-paper"
build=$(mktemp -d "${TMPDIR:-/tmp}/calm-sample-pdf.XXXXXX")
trap 'rm -rf "$build"' EXIT

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# TeX Live: pdflatex, bibtex, the packages the style loads (natbib, geometry, lineno, environ, Times) and TikZ.
if ! command -v pdflatex >/dev/null || ! command -v bibtex >/dev/null || ! command -v unzip >/dev/null \
  || ! kpsewhich lineno.sty environ.sty natbib.sty geometry.sty tikz.sty >/dev/null 2>&1; then
  echo "Installing TeX Live from Debian's packages: ${TEX_PACKAGES[*]} unzip"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${TEX_PACKAGES[@]}" unzip >/dev/null
fi

mkdir "$build/style"
case "$style" in
  *.zip) unzip -q -j -o "$style" 'neurips_2024_calm.sty' -d "$build/style" ;;
  *) cp "$style" "$build/style/neurips_2024_calm.sty" ;;
esac
actual=$(sha256sum "$build/style/neurips_2024_calm.sty" | cut -d' ' -f1)
if [[ "$actual" != "$STYLE_SHA256" ]]; then
  echo "$style does not hold the official neurips_2024_calm.sty (sha256 $actual, expected $STYLE_SHA256)." >&2
  exit 1
fi

# Sources are read where they are (so SyncTeX points at examples/calm-paper/paper.tex); everything
# LaTeX and BibTeX write goes to the build folder. A fixed date keeps rebuilds byte-stable.
export TEXINPUTS="$build/style:$sample:"
export BIBINPUTS="$sample:"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1733961600}
export FORCE_SOURCE_DATE=1
latex() {
  (cd "$sample" && pdflatex -synctex=1 -interaction=nonstopmode -halt-on-error -output-directory="$build" paper.tex >"$build/latex.out") || {
    tail -n 30 "$build/latex.out" >&2
    exit 1
  }
}
latex
(cd "$build" && bibtex paper >"$build/bibtex.out") || {
  cat "$build/bibtex.out" >&2
  exit 1
}
latex
latex
if grep -q 'undefined' "$build/paper.log" && grep -Eq 'Citation .* undefined|Reference .* undefined' "$build/paper.log"; then
  grep -E 'Citation .* undefined|Reference .* undefined' "$build/paper.log" >&2
  exit 1
fi

cp "$build/paper.pdf" "$build/paper.synctex.gz" "$sample/"
echo "Built $sample/paper.pdf: $(grep -o "([0-9]* pages\?" "$build/latex.out" | tr -d "(")."
