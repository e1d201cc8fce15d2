#!/usr/bin/env bash
# `npm-ci.sh DIR WHAT`: installs the npm packages pinned in DIR/package-lock.json with
# `npm ci --ignore-scripts` (no install scripts, nothing fetched at run time), only when they are missing or
# the lock changed (a stamp with the lock's sha256 in DIR/node_modules). WHAT says what they are for.
set -euo pipefail
dir="$1"; what="$2"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "node and npm are needed to $what: run scripts/system-deps.sh (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi
cd "$dir"
stamp=node_modules/.vidne-lock-sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
