#!/usr/bin/env bash
# Installs the driver the browser tests of verify.html use for the system's Firefox
# (tests/e2e/test_verify_html_browsers.py): puppeteer-core, pinned in tests/support/browsers/package-lock.json,
# with `npm ci --ignore-scripts` (no browser is downloaded; Firefox and WebKitGTK come from
# scripts/system-deps.sh, Selenium for WebKitGTK from the `dev` extra). Runs npm only when the lock changed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/tests/support/browsers"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node and npm are needed for the browser tests: run scripts/system-deps.sh (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
stamp=node_modules/.vidne-lock-sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
