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
cleanup() { [ "${KEEP:-0}" = 1 ] || apt-get purge -y -qq vidne >/dev/null; }
trap cleanup EXIT
apt-get install -y -qq "./$deb" >/dev/null
echo "installed $(dpkg-query -W -f='${Package} ${Version}' vidne): $(env -i HOME=/nonexistent PATH=/usr/bin:/bin vidne --version)"
test -f /usr/share/applications/vidne.desktop && test -f /usr/share/icons/hicolor/scalable/apps/vidne.svg
# The documented example, at the real place (/etc/vidne/config.toml), changes and locks settings.
if [ ! -e /etc/vidne/config.toml ]; then
  mkdir -p /etc/vidne && cp /usr/share/doc/vidne/config.toml.example /etc/vidne/config.toml
  shown=$(env -i HOME="$(mktemp -d)" PATH=/usr/bin:/bin VIDNE_ORGANISATION=other vidne settings --json)
  rm -f /etc/vidne/config.toml && rmdir --ignore-fail-on-non-empty /etc/vidne
  echo "$shown" | .venv/bin/python -c '
import json, sys
s = json.load(sys.stdin)
assert s["organisation_file"] == "/etc/vidne/config.toml" and not s["problems"], s
assert s["settings"]["organisation"] == "Eksempel Kommune, HR" and "organisation" in s["locked"], s
print("/etc/vidne/config.toml: organisation set and locked:", ", ".join(s["locked"]))'
fi
VIDNE_FROZEN_DIR=/opt/vidne VIDNE_FROZEN_BIN=/usr/bin QT_QPA_PLATFORM=offscreen \
  .venv/bin/python -m pytest -q -m dist tests/frozen -p no:cacheprovider
