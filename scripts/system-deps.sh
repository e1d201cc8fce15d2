#!/usr/bin/env bash
# Installs what a fresh machine lacks for running and testing Vidne: the tools recipients use to
# check bundles and exports (openssl, python3, unzip, poppler's pdftotext/pdftoppm, qpdf, ImageMagick),
# a virtual screen for the GUI (Xvfb), Qt's window libraries, fonts for the scripts pages are written
# in (Noto), and Firefox and WebKitGTK, in which the tests open verify.html. Debian/Ubuntu as root
# installs them; elsewhere it says what is missing.
# `system-deps.sh dist`: the tools `make dist` builds with instead (strip, gcc, ICU's icupkg).
set -euo pipefail

need=()
if [ "${1:-}" = dist ]; then
  { command -v strip && command -v readelf; } >/dev/null || need+=(binutils)
  command -v gcc    >/dev/null || need+=(gcc)
  command -v icupkg >/dev/null || need+=(icu-devtools)
else
  command -v openssl   >/dev/null || need+=(openssl)
  command -v sha256sum >/dev/null || need+=(coreutils)
  command -v unzip     >/dev/null || need+=(unzip)
  command -v python3   >/dev/null || need+=(python3)
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  command -v qpdf      >/dev/null || need+=(qpdf)
  command -v Xvfb      >/dev/null || need+=(xvfb)
  command -v xdotool   >/dev/null || need+=(xdotool)
  command -v identify  >/dev/null || need+=(imagemagick)   # a tall screenshot's parts open in it
  command -v fc-list   >/dev/null || need+=(fontconfig)
  command -v node      >/dev/null || need+=(nodejs)     # builds verify.html (scripts/build-verify-html.sh)
  command -v npm       >/dev/null || need+=(npm)
  # verify.html's tests in the other engines (tests/e2e/test_verify_html_browsers.py): Firefox ESR, and
  # WebKitGTK's WebKitWebDriver with its MiniBrowser (Safari's engine); localedef's sources give WebKit a
  # Danish locale
  command -v firefox-esr     >/dev/null || need+=(firefox-esr)
  command -v WebKitWebDriver >/dev/null || need+=(webkit2gtk-driver)
  [ -f /usr/share/i18n/locales/da_DK ] || need+=(locales)
  if command -v dpkg-query >/dev/null; then
    # Fonts for what pages show: Latin, Greek, Cyrillic, Arabic, Hebrew, Indic and more, CJK, colour emoji.
    for pkg in libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libegl1 libgl1 fonts-dejavu-core \
               fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji; do
      dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
    done
  fi
fi
[ ${#need[@]} -eq 0 ] && exit 0

if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing system packages: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "Missing system packages: ${need[*]}" >&2
  echo "Install them with your package manager (Debian/Ubuntu: sudo apt-get install ${need[*]})." >&2
  [ "${1:-}" = dist ] && echo "Without them the packaged folder is larger (see build.spec)." >&2 \
    || echo "Tests that need them fail until they are installed." >&2
fi
