#!/usr/bin/env bash
# Installs dist/vidne_*.deb on this machine (root, Debian/Ubuntu), runs the packaged-app checks
# against the installed copy through /usr/bin, and removes the package again (unless KEEP=1).
# Usage: make deb && bash scripts/check-deb.sh
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(ls -t dist/vidne_*.deb 2>/dev/null | head -n1)
[ -n "$deb" ] || { echo "No dist/vidne_*.deb: run 'make deb' first." >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "Installing a package needs root." >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
if dpkg-query -W -f='${Status}' vidne 2>/dev/null | grep -q "ok installed"; then
  echo "vidne is already installed; this check installs and removes it, so remove it first." >&2
  exit 1
fi
cleanup() { [ "${KEEP:-0}" = 1 ] || apt-get remove -y -qq vidne >/dev/null; }
trap cleanup EXIT
apt-get install -y -qq "./$deb" >/dev/null
echo "installed $(dpkg-query -W -f='${Package} ${Version}' vidne): $(env -i HOME=/nonexistent PATH=/usr/bin:/bin vidne --version)"
test -f /usr/share/applications/vidne.desktop && test -f /usr/share/icons/hicolor/scalable/apps/vidne.svg
VIDNE_FROZEN_DIR=/opt/vidne VIDNE_FROZEN_BIN=/usr/bin QT_QPA_PLATFORM=offscreen \
  .venv/bin/python -m pytest -q -m dist tests/frozen -p no:cacheprovider
