#!/usr/bin/env bash
# Installs the driver the browser tests of verify.html use for the system's Firefox
# (tests/e2e/test_verify_html_browsers.py): puppeteer-core, pinned in tests/support/browsers/package-lock.json,
# with `npm ci --ignore-scripts` (no browser is downloaded; Firefox and WebKitGTK come from
# scripts/system-deps.sh, Selenium for WebKitGTK from the `dev` extra). Runs npm only when the lock changed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/npm-ci.sh" "$root/tests/support/browsers" "run the browser tests"
