#!/bin/sh
# Start Vidne's desktop app in a real X window on a virtual screen (Xvfb) and save screenshots of
# its screens, to look at: scripts/gui_screenshot.sh [OUT_DIR]   (default /tmp/vidne-gui-screenshots)
set -eu
cd "$(dirname "$0")/.."
OUT=${1:-/tmp/vidne-gui-screenshots}
SCREEN=${VIDNE_XVFB_DISPLAY:-:99}
PY=${VIDNE_VENV:-.venv}/bin/python
command -v Xvfb >/dev/null || { echo "Xvfb is not installed (make system-deps)" >&2; exit 2; }
Xvfb "$SCREEN" -screen 0 1366x860x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill "$XVFB" 2>/dev/null || true' EXIT INT TERM
socket="/tmp/.X11-unix/X${SCREEN#:}"
tries=0
while [ ! -e "$socket" ]; do
  tries=$((tries + 1))
  [ "$tries" -le 100 ] || { echo "Xvfb did not start on $SCREEN" >&2; exit 1; }
  sleep 0.05
done
DISPLAY="$SCREEN" QT_QPA_PLATFORM=xcb PYTHONPATH=. "$PY" scripts/gui_screenshot.py "$OUT"
