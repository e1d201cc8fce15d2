#!/usr/bin/env bash
# Builds dist/vidne_<version>_<arch>.deb from the PyInstaller folder dist/vidne (make dist):
#   /opt/vidne/                      the frozen folder, as built
#   /usr/bin/vidne, /usr/bin/vidne-app   symlinks into it
#   /usr/share/applications/vidne.desktop, /usr/share/icons/hicolor/.../vidne.{svg,png}
#   /usr/share/doc/vidne/            copyright, IT guide, an example organisation config
# Depends: the system libraries the frozen folder still loads from the system (found with ldd and
# dpkg -S, as dpkg-shlibdeps would), and, for a "system" browser build, a Chromium-based browser.
# Usage: make deb   (or: BROWSER_ROUTE=system bash packaging/linux/build-deb.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."

FROZEN=dist/vidne
[ -x "$FROZEN/vidne" ] || { echo "No $FROZEN/vidne: run 'make dist' first." >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is needed (Debian/Ubuntu)." >&2; exit 1; }

CONFIG="$FROZEN/_internal/resources/build_config.toml"
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$CONFIG")
ROUTE=$(sed -n 's/^browser = "\([a-z]*\)".*/\1/p' "$CONFIG")
ARCH=$(dpkg --print-architecture)
[ -n "$VERSION" ] && [ -n "$ROUTE" ] || { echo "Cannot read version/browser from $CONFIG" >&2; exit 1; }
if [ -n "${BROWSER_ROUTE:-}" ] && [ "$BROWSER_ROUTE" != "$ROUTE" ]; then
  echo "dist/vidne was built with browser=$ROUTE, not $BROWSER_ROUTE: run 'make dist BROWSER_ROUTE=$BROWSER_ROUTE'." >&2
  exit 1
fi

STAGE=build/deb/vidne_${VERSION}_${ARCH}
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/icons/hicolor/scalable/apps" "$STAGE/usr/share/doc/vidne"
cp -a "$FROZEN" "$STAGE/opt/vidne"
ln -s /opt/vidne/vidne "$STAGE/usr/bin/vidne"
ln -s /opt/vidne/vidne-app "$STAGE/usr/bin/vidne-app"
install -m 0644 packaging/linux/vidne.desktop "$STAGE/usr/share/applications/vidne.desktop"
install -m 0644 resources/icons/vidne.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/vidne.svg"
# Bitmap icons too, for menus that do not draw SVG (made by scripts/make-icons.py).
for size in 48 128 256; do
  install -D -m 0644 "packaging/icons/vidne-$size.png" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/vidne.png"
done
install -m 0644 docs/it-deployment.md "$STAGE/usr/share/doc/vidne/it-deployment.md"
install -m 0644 LICENSE "$STAGE/usr/share/doc/vidne/LICENSE"
install -m 0644 packaging/config.toml.example "$STAGE/usr/share/doc/vidne/config.toml.example"
cat > "$STAGE/usr/share/doc/vidne/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Vidne
Comment: Vidne, with the Python runtime and libraries it is built with (PySide6/Qt under LGPLv3,
 Playwright and its Node.js driver under Apache-2.0/MIT, DejaVu fonts). Their licence texts are in
 /opt/vidne/_internal (the *.dist-info folders, playwright/driver/LICENSE, resources/fonts).

Files: *
License: AGPL-3.0-or-later
 The full text of the GNU Affero General Public License, version 3, is in
 /usr/share/doc/vidne/LICENSE.
COPYRIGHT
chmod 0644 "$STAGE/usr/share/doc/vidne/"*

# What the frozen folder still takes from the system: resolve every ELF file's libraries the way the
# PyInstaller bootloader does (its _internal first), keep those outside the folder, map to packages.
INTERNAL=$(cd "$STAGE/opt/vidne/_internal" && pwd)
mapfile -t SYSLIBS < <(find "$STAGE/opt/vidne" -type f \( -name '*.so*' -o -name vidne -o -name vidne-app \) -print0 \
  | xargs -0 -n 50 env LD_LIBRARY_PATH="$INTERNAL" ldd 2>/dev/null \
  | awk '/=> \// {print $3}' | grep -v "^$INTERNAL" | sort -u)
declare -A PKGS=()
for lib in "${SYSLIBS[@]}"; do
  real=$(readlink -f "$lib")
  for candidate in "$lib" "$real" "${lib/#\/lib\//\/usr\/lib\/}" "${real/#\/lib\//\/usr\/lib\/}"; do
    if pkg=$(dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1); then
      [ -n "$pkg" ] && PKGS[$pkg]=1 && break
    fi
  done
done
DEPENDS=$(printf '%s\n' "${!PKGS[@]}" | sort | paste -sd, | sed 's/,/, /g')
if [ "$ROUTE" = system ]; then
  DEPENDS="$DEPENDS, chromium | google-chrome-stable | microsoft-edge-stable"
fi

SIZE_KB=$(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
cat > "$STAGE/DEBIAN/control" <<CONTROL
Package: vidne
Version: $VERSION
Architecture: $ARCH
Maintainer: Vidne <vidne@example.invalid>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Section: utils
Priority: optional
Homepage: https://example.invalid/vidne
Description: preserve web pages as signed, verifiable evidence
 Vidne records a web page with a real Chromium browser (full-page screenshot,
 rendered HTML, MHTML copy, how it was fetched) and seals it into an evidence
 bundle: every file hashed, the manifest signed, a trusted time-stamp and a
 chain-of-custody log. Anyone can check a bundle with sha256sum and openssl.
 .
 Organisation-wide settings: /etc/vidne/config.toml (see
 /usr/share/doc/vidne/it-deployment.md).
CONTROL
cat > "$STAGE/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
POSTINST
cp "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"
sed -i 's/if \[ "$1" = configure \]; then/if [ "$1" = remove ] || [ "$1" = purge ]; then/' "$STAGE/DEBIAN/postrm"
chmod 0755 "$STAGE/DEBIAN/postinst" "$STAGE/DEBIAN/postrm"

OUT=dist/vidne_${VERSION}_${ARCH}.deb
# xz is smallest (about 3 minutes for 340 MB on 2 cores); DEB_COMPRESSION=gzip is ten times faster.
dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-xz}" --build "$STAGE" "$OUT" >/dev/null
echo "Built $OUT ($(du -h "$OUT" | cut -f1); installed $(( SIZE_KB / 1024 )) MB; browser: $ROUTE)"
echo "Depends: $DEPENDS"
