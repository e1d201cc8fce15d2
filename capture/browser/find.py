"""Finding and starting a Chromium-based browser, always in this order:

1. the configured path (settings), 2. ``VIDNE_BROWSER``, 3. Playwright's own Chromium,
4. an installed Chrome, Edge or Chromium. Where none is found, the error names the fix.

A packaged Vidne (PyInstaller) carries ``resources/build_config.toml``, written by build.spec, whose
``browser`` says how it was built: "bundled" (Playwright's Chromium inside the folder, step 3) or
"system" (step 3 is skipped: only an installed browser is used). Its messages then speak to someone
who has no Python.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from capture.errors import BrowserNotFound

if TYPE_CHECKING:
    from playwright.sync_api import Playwright

log = logging.getLogger(__name__)

HOW_TO_GET_A_BROWSER = (
    "Install one of: Google Chrome, Microsoft Edge or Chromium; or run "
    "'python -m playwright install chromium'; on Debian/Ubuntu: 'sudo apt-get install chromium'. "
    "You can also point Vidne at a browser with the VIDNE_BROWSER environment variable or the "
    "browser setting."
)

HOW_TO_GET_A_BROWSER_PACKAGED = (
    "This copy of Vidne uses the browser installed on the computer: install Google Chrome, Microsoft "
    "Edge or Chromium, or ask your IT department. You can also point Vidne at a browser with the "
    "browser setting or the VIDNE_BROWSER environment variable."
)

# Flags that keep the browser from talking to anyone but the page being captured.
QUIET_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--disable-gpu",
)


@dataclass(frozen=True)
class BrowserChoice:
    executable: str
    source: str  # "configured", "VIDNE_BROWSER", "playwright", "installed"


def _installed_candidates() -> list[Path]:
    names = ["google-chrome", "google-chrome-stable", "chromium", "chromium-browser",
             "microsoft-edge", "microsoft-edge-stable", "msedge", "chrome"]
    found = [Path(p) for name in names if (p := shutil.which(name))]
    if sys.platform == "win32":
        roots = [os.environ.get(k) for k in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
        for root in filter(None, roots):
            found += [Path(root, "Google", "Chrome", "Application", "chrome.exe"),
                      Path(root, "Microsoft", "Edge", "Application", "msedge.exe"),
                      Path(root, "Chromium", "Application", "chrome.exe")]
    elif sys.platform == "darwin":
        for app in ("Google Chrome", "Microsoft Edge", "Chromium"):
            found.append(Path("/Applications", f"{app}.app", "Contents", "MacOS", app))
    else:
        found += [Path("/usr/bin/chromium"), Path("/usr/bin/google-chrome"), Path("/snap/bin/chromium")]
    return found


def _usable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def packaged_route() -> str | None:
    """How a packaged Vidne was built to find its browser: "bundled", "system"; None when not packaged."""
    base = getattr(sys, "_MEIPASS", None)
    if not getattr(sys, "frozen", False) or not base:
        return None
    try:
        with Path(base, "resources", "build_config.toml").open("rb") as fh:
            route = tomllib.load(fh).get("browser")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return route if route in ("bundled", "system") else None


def _how_to_get_a_browser(route: str | None) -> str:
    return HOW_TO_GET_A_BROWSER if route is None else HOW_TO_GET_A_BROWSER_PACKAGED


def find_browser(playwright: Playwright | None, configured: str | None = None) -> BrowserChoice:
    """Return the browser to use, or raise BrowserNotFound saying how to get one."""
    route = packaged_route()
    how = _how_to_get_a_browser(route)
    for source, value in (("configured", configured), ("VIDNE_BROWSER", os.environ.get("VIDNE_BROWSER"))):
        if value:
            path = Path(value).expanduser()
            if not _usable(path):
                raise BrowserNotFound(f"The browser set in {source} ({value}) does not exist or cannot be "
                                      f"run. Correct the setting or remove it. {how}")
            return BrowserChoice(str(path), source)
    missing_own = ""
    if playwright is not None and route != "system":
        own = Path(playwright.chromium.executable_path)
        if _usable(own):
            return BrowserChoice(str(own), "playwright")
        if route == "bundled":
            log.warning("the Chromium shipped with Vidne is missing: %s", own)
            missing_own = (f"The Chromium that comes with Vidne is missing ({own}); reinstalling Vidne puts "
                           "it back. ")
    for path in _installed_candidates():
        if _usable(path):
            return BrowserChoice(str(path.resolve()), "installed")
    raise BrowserNotFound(f"No Chromium-based browser was found on this computer. {missing_own}{how}")


def launch_args() -> list[str]:
    args = list(QUIET_FLAGS)
    # Chromium refuses to start its sandbox as root (containers, CI); it needs --no-sandbox there.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    return args
