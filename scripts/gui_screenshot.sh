#!/bin/sh
# Pictures of every screen of Vidne's desktop app, in Danish and in English, to look at:
#   scripts/gui_screenshot.sh [OUT_DIR]        (default build/screens; PNGs in OUT_DIR/da and OUT_DIR/en)
# Offscreen (no display needed); captures a local page with the real browser.
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-build/screens}
PY=${VIDNE_VENV:-.venv}/bin/python
for language in da en; do
  QT_QPA_PLATFORM=offscreen PYTHONPATH=. "$PY" scripts/gui_screenshot.py "$OUT" "$language"
done
