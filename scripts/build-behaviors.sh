#!/usr/bin/env bash
# Builds resources/behaviors/ from Webrecorder's browsertrix-behaviors at the version
# vendor/behaviors/package-lock.json pins (npm checks the package's sha512 there): its built file
# dist/behaviors.js, copied as behaviors.js, and about.json (package, version, licence, sha256) that a
# capture checks the file against. Both are committed, so a checkout without npm still captures and the
# packaged app (build.spec takes all of resources/) carries them; this script re-derives them from npm
# and says when the committed copy differs. Nothing is fetched when a capture runs.
set -euo pipefail
cd "$(dirname "$0")/.."
out=resources/behaviors
if ! command -v npm >/dev/null; then
  if [ -s "$out/behaviors.js" ] && [ -s "$out/about.json" ]; then
    echo "npm not found: using the committed resources/behaviors/ (install npm to rebuild it)." >&2
    exit 0
  fi
  echo "npm not found and resources/behaviors/ is missing: install npm (Debian: apt-get install npm)." >&2
  exit 1
fi
if ! (cd vendor/behaviors && npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null); then
  [ -s "$out/behaviors.js" ] || { echo "npm could not install browsertrix-behaviors (see above)." >&2; exit 1; }
  echo "npm could not install browsertrix-behaviors: using the committed resources/behaviors/." >&2
  exit 0
fi
pkg=vendor/behaviors/node_modules/browsertrix-behaviors
version=$(node -p "require('./$pkg/package.json').version")
licence=$(node -p "require('./$pkg/package.json').license")
sha=$(sha256sum "$pkg/dist/behaviors.js" | cut -d' ' -f1)
about=$(printf '{\n  "package": "browsertrix-behaviors",\n  "version": "%s",\n  "licence": "%s",\n  "file": "dist/behaviors.js",\n  "sha256": "%s"\n}\n' "$version" "$licence" "$sha")
mkdir -p "$out"
if ! cmp -s "$pkg/dist/behaviors.js" "$out/behaviors.js" || [ "$about" != "$(cat "$out/about.json" 2>/dev/null)" ]; then
  cp "$pkg/dist/behaviors.js" "$out/behaviors.js"
  printf '%s\n' "$about" > "$out/about.json"
  echo "resources/behaviors/: browsertrix-behaviors $version written (commit it)."
fi
