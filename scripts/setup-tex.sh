#!/usr/bin/env bash
# Installs the TeX Live parts from Debian's apt that `npm run build:planted` needs to rebuild the planted
# test PDFs (test/planted/). Only developers who change those sources need it: the PDFs are committed,
# so `npm test` and `npm run check:corpus` need no TeX.
#   texlive-latex-base/-recommended/-extra: pdflatex, latexmk's friends and the packages the CALM style
#     loads (natbib, geometry, lineno, environ, microtype, hyperref, nicefrac);
#   texlive-fonts-recommended: Times (ptm) and Helvetica (phv), as Type 1;
#   cm-super-minimal: Type 1 versions of the T1-encoded Computer Modern fonts (typewriter text), so that the
#     clean papers have no bitmap (Type 3) fonts; the Type 3 plant switches it off on purpose;
#   texlive-binaries also brings METAFONT and mktexpk, which make that plant's bitmap font.
set -euo pipefail
PACKAGES=(texlive-latex-base texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended cm-super-minimal)
if command -v pdflatex >/dev/null && command -v mktexpk >/dev/null && kpsewhich environ.sty lineno.sty ectt1000.pfb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
