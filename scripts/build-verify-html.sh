#!/usr/bin/env bash
# Builds resources/verify/verify.html (the verifier every export carries) from the readable source in
# verify/src and the npm packages pinned in verify/package-lock.json: installs them with `npm ci` when
# they are missing or the lock changed, then bundles them, unminified, into one file. The same inputs
# give the same bytes; tests/evidence_store/handover/test_verify_html_build.py checks the shipped file
# is what this builds. `build-verify-html.sh OUT.html` writes elsewhere (the test does).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/resources/verify/verify.html}"
cd "$root/verify"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node and npm are needed to build verify.html: run scripts/system-deps.sh (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
stamp=node_modules/.vidne-lock-sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
node build.mjs "$out"
