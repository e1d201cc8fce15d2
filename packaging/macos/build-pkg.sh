#!/usr/bin/env bash
# macOS: from dist/Vidne.app (built by `pyinstaller --noconfirm build.spec` on a Mac) to a signed,
# notarised installer package dist/Vidne-<version>.pkg that installs /Applications/Vidne.app for
# all users and creates /Library/Application Support/Vidne for the organisation's config.toml.
#
# UNTESTED: written on Linux, where none of these tools exist. See docs/building-installers.md.
#
# Needs: Xcode command line tools; for signing, a "Developer ID Application" and a "Developer ID
# Installer" certificate in the keychain, and a notarytool keychain profile:
#   APP_SIGN="Developer ID Application: Eksempel Kommune (TEAMID)" \
#   PKG_SIGN="Developer ID Installer: Eksempel Kommune (TEAMID)" \
#   NOTARY_PROFILE=vidne-notary  bash packaging/macos/build-pkg.sh
# Without APP_SIGN/PKG_SIGN it builds an unsigned package (for testing only: Gatekeeper blocks it).
set -euo pipefail
cd "$(dirname "$0")/../.."

APP=dist/Vidne.app
[ -d "$APP" ] || { echo "No $APP: run 'pyinstaller --noconfirm build.spec' on this Mac first." >&2; exit 1; }
VERSION=$("$APP/Contents/MacOS/vidne" --version | awk '{print $2}')
OUT="dist/Vidne-$VERSION.pkg"

if [ -n "${APP_SIGN:-}" ]; then
  # Hardened runtime; Python and Node (JIT) need these entitlements. Sign inside-out: every
  # library and executable, then the bundle.
  find "$APP/Contents" -type f \( -name '*.so' -o -name '*.dylib' -o -perm -u+x \) -print0 \
    | xargs -0 codesign --force --timestamp --options runtime \
        --entitlements packaging/macos/entitlements.plist --sign "$APP_SIGN"
  codesign --force --timestamp --options runtime --entitlements packaging/macos/entitlements.plist \
    --sign "$APP_SIGN" "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
fi

rm -rf build/macos-pkg && mkdir -p build/macos-pkg/root/Applications
ditto "$APP" build/macos-pkg/root/Applications/Vidne.app
pkgbuild --root build/macos-pkg/root --install-location / --identifier dk.vidne.app --version "$VERSION" \
  --scripts packaging/macos/scripts --ownership recommended build/macos-pkg/Vidne-component.pkg
productbuild --package build/macos-pkg/Vidne-component.pkg ${PKG_SIGN:+--sign "$PKG_SIGN"} "$OUT"

if [ -n "${PKG_SIGN:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
  xcrun notarytool submit "$OUT" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$OUT"
fi
echo "Built $OUT"
