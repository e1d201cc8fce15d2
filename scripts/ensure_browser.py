"""Make sure a Chromium-based browser is there for Vidne, as the README promises.

Order: one already there (VIDNE_BROWSER, Playwright's, Chrome, Edge, Chromium); else Playwright's
own download; else, on Debian/Ubuntu as root, the distribution's `chromium` package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from playwright.sync_api import sync_playwright

from capture.browser.find import find_browser
from capture.errors import BrowserNotFound


def found() -> str | None:
    with sync_playwright() as pw:
        try:
            return find_browser(pw).executable
        except BrowserNotFound:
            return None


def main() -> int:
    if (path := found()):
        print(f"Browser: {path}")
        return 0
    print("No browser found; trying Playwright's download of Chromium…")
    try:
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True, timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as err:
        print(f"Playwright's download did not work ({err}).")
    if (path := found()):
        print(f"Browser: {path}")
        return 0
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        print("Installing Debian's chromium package…")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env)
    if (path := found()):
        print(f"Browser: {path}")
        return 0
    print("No browser could be installed. Install Google Chrome, Microsoft Edge or Chromium, or set "
          "VIDNE_BROWSER to one.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
