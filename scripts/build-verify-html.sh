#!/usr/bin/env bash
# Builds resources/verify/verify.html (the verifier every export carries) from the readable source in
# verify/src and the npm packages pinned in verify/package-lock.json: installs them with `npm ci` when
# they are missing or the lock changed, then bundles them, unminified, into one file. The same inputs
# give the same bytes; tests/evidence_store/handover/test_verify_html_build.py checks the shipped file
# is what this builds. `build-verify-html.sh OUT.html` writes elsewhere (the test does).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/resources/verify/verify.html}"
bash "$root/scripts/npm-ci.sh" "$root/verify" "build verify.html"
cd "$root/verify"
node build.mjs "$out"
