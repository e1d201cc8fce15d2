"""Vidne's own browser profile: logging in once in a visible window, capturing with it headless.

The profile is a Chromium user-data folder that belongs to Vidne alone (never the person's everyday
Chrome or Edge profile). ``open_login_window`` shows it in a normal window so the person can log in
to Facebook or any site; captures then open the same folder headless, so the pages they see are
the ones the person sees. What the manifest says about it (``session_facts``) names the sites and
cookie names, never a cookie's value.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing
import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from capture.browser.find import find_browser, launch_args
from capture.browser.lifetime import BrowserLifetime, browser_env, held_env
from capture.errors import BrowserNotFound, CaptureFailed
from capture.steplog import bounded
from capture.urls import validate_url

if TYPE_CHECKING:
    from playwright._impl._api_structures import SetCookieParam
    from playwright.sync_api import Browser, BrowserContext, Cookie, Page, Playwright, Request, Response

    from capture.browser.find import BrowserChoice
    from capture.result import CaptureOptions

log = logging.getLogger(__name__)

# Chromium preferences Vidne's profile always has: no saved passwords (the profile keeps log-ins as
# cookies only), no translation offers (they would send page text to a translation service).
QUIET_PREFERENCES = {
    "credentials_enable_service": False,
    "profile": {"password_manager_enabled": False},
    "translate": {"enabled": False},
}

# A log-in a site keeps only "until the browser closes" would be gone when the person closes the log-in
# window; Vidne's profile keeps such cookies this long instead.
SESSION_COOKIE_DAYS = 30

PROFILE_IN_USE = ("Vidne's browser profile is open in another window (the log-in window, or another "
                  "capture). Close that window, then try again.")


@dataclass
class BrowserSession:
    """A browser context to capture in, the tab to capture in, and how to close them."""

    context: BrowserContext
    version: str
    uses_profile: bool
    close: Callable[[], None]
    page: Page | None = None


@dataclass
class LaunchedBrowser:
    """A started browser that captures open sessions in: a plain browser, where each capture gets a
    fresh, empty context of its own (nothing from one capture reaches the next), or Vidne's profile,
    one persistent context where each capture gets a tab of its own (the profile's log-ins are meant
    to be shared: that is what the profile is for)."""

    choice: BrowserChoice
    version: str
    browser: Browser | None
    profile: BrowserContext | None
    captures: int = 0

    restart: Callable[[], LaunchedBrowser] | None = None     # a warm browser: how to start it again
    restarts: int = 0
    prepared: tuple[dict[str, Any], BrowserSession] | None = None   # the next capture's, opened ahead

    def prepare(self, options: CaptureOptions) -> None:
        """Open the next capture's fresh, empty context and tab now, while no capture waits for them (a
        warm browser between captures); a capture with other context options opens its own instead."""
        if self.browser is None or self.prepared is not None:
            return
        wanted = context_options(options)
        try:
            context = self.browser.new_context(**wanted)
            self.prepared = (wanted, BrowserSession(context, self.version, False, context.close, context.new_page()))
        except PlaywrightError as err:
            log.info("the next capture's context could not be opened ahead: %s", err)

    def session(self, options: CaptureOptions) -> BrowserSession:
        """A session for one capture; a warm browser that died since the last one is started again."""
        try:
            return self._session(options)
        except PlaywrightError:
            if self.restart is None:
                raise
        log.warning("the warm browser had stopped; starting it again")
        with contextlib.suppress(PlaywrightError):
            self.close()
        fresh = self.restart()
        self.version, self.browser, self.profile, self.captures = fresh.version, fresh.browser, fresh.profile, 0
        self.restarts += 1
        return self._session(options)

    def _session(self, options: CaptureOptions) -> BrowserSession:
        ahead, self.prepared = self.prepared, None
        if ahead is not None:
            if ahead[0] == context_options(options) and self._answers(ahead[1]):
                self.captures += 1
                return ahead[1]
            with contextlib.suppress(PlaywrightError):
                ahead[1].close()
        self.captures += 1
        if self.profile is not None:
            fresh_tab = self.profile.pages[0] if self.captures == 1 and self.profile.pages else self.profile.new_page()
            return BrowserSession(self.profile, self.version, True, fresh_tab.close, fresh_tab)
        assert self.browser is not None
        context = self.browser.new_context(**context_options(options))
        return BrowserSession(context, self.version, False, context.close)

    @staticmethod
    def _answers(session: BrowserSession) -> bool:
        """Whether a context opened ahead still has its browser (it may have died since)."""
        try:
            return session.page is not None and session.page.evaluate("1") == 1
        except PlaywrightError:
            return False

    def close(self) -> None:
        if self.profile is not None:
            self.profile.close()
        if self.browser is not None:
            self.browser.close()

    def alive(self) -> bool:
        if self.browser is not None:
            return self.browser.is_connected()
        return self.profile is not None and self.profile.browser is not None and self.profile.browser.is_connected()


def context_options(options: CaptureOptions) -> dict[str, Any]:
    """What every capture's browser context is opened with."""
    return {"viewport": {"width": options.viewport_width, "height": options.viewport_height},
            "ignore_https_errors": options.allow_invalid_tls, "accept_downloads": True, "service_workers": "block"}


def launch_browser(pw: Playwright, choice: BrowserChoice, options: CaptureOptions,
                   timeout_ms: float) -> LaunchedBrowser:
    """Start the browser: a plain one, or Vidne's profile when ``options.profile_dir`` is set (then the
    profile's context takes ``options``' viewport and certificate setting for all its captures)."""
    env = browser_env()     # in a capture child: Chromium's own temporary folder (capture/browser/lifetime.py)
    try:
        if options.profile_dir:
            folder = Path(options.profile_dir)
            _refuse_if_in_use(folder)
            prepare_profile(folder)
            context = pw.chromium.launch_persistent_context(
                folder, executable_path=choice.executable, args=launch_args(), headless=True,
                timeout=timeout_ms, env=env, **context_options(options))
            browser = context.browser
            return LaunchedBrowser(choice, browser.version if browser else "", None, context)
        plain = pw.chromium.launch(executable_path=choice.executable, args=launch_args(), headless=True,
                                   timeout=timeout_ms, env=env)
    except PlaywrightError as err:
        raise BrowserNotFound(f"The browser at {choice.executable} could not be started: "
                              f"{bounded(str(err).splitlines()[0], 300)}") from err
    return LaunchedBrowser(choice, plain.version, plain, None)


def first_page(session: BrowserSession) -> Page:
    """The tab to capture in: the session's own, or a new one in its context."""
    return session.page if session.page is not None else session.context.new_page()


def session_facts(context: BrowserContext, urls: list[str]) -> dict[str, Any]:
    """For the manifest: which of the captured addresses had the profile's cookies, by site and
    cookie name. Never a value."""
    urls = [u for u in dict.fromkeys(urls) if u.startswith(("http:", "https:"))]
    cookies = context.cookies(urls) if urls else []
    sites = sorted({str(c.get("domain", "")).lstrip(".") for c in cookies} - {""})
    return {
        "profile": "Vidne's own browser profile",
        "logged_in_session": bool(cookies),
        "sites": sites,
        "cookie_names": sorted({str(c.get("name", "")) for c in cookies} - {""})[:200],
        "cookie_count": len(cookies),
        "note": ("Cookies from Vidne's own browser profile were sent to these sites, so the page shows "
                 "what the logged-in person sees. Cookie values and other secrets are not in this "
                 "bundle.") if cookies else "The profile held no cookies for this page's site.",
    }


def prepare_profile(folder: Path) -> None:
    """Create the profile folder (owner only) and set QUIET_PREFERENCES in its Preferences file."""
    default = folder / "Default"
    default.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    prefs_path = default / "Preferences"
    prefs: dict[str, Any] = {}
    if prefs_path.is_file():
        try:
            loaded = json.loads(prefs_path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as err:
            log.warning("the browser profile's preferences could not be read (%s); Chromium will renew them", err)
            return
        if isinstance(loaded, dict):
            prefs = loaded
    merged = _merge(prefs, QUIET_PREFERENCES)
    if merged == prefs and prefs_path.is_file():
        return
    tmp = prefs_path.with_name("Preferences.vidne-tmp")
    tmp.write_text(json.dumps(merged), encoding="utf-8")
    os.replace(tmp, prefs_path)


def _merge(base: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in wanted.items():
        out[key] = _merge(out[key] if isinstance(out.get(key), dict) else {}, value) if isinstance(value, dict) \
            else value
    return out


def _refuse_if_in_use(folder: Path) -> None:
    """Chromium allows one browser per profile; a second one would hand over to the first and exit."""
    if sys.platform == "win32":        # Chromium holds <profile>/lockfile open, unshared, while it runs
        lockfile = folder / "lockfile"
        try:
            if lockfile.is_file():
                with lockfile.open("ab"):
                    pass
        except PermissionError:
            raise CaptureFailed(PROFILE_IN_USE) from None
        return
    lock = folder / "SingletonLock"
    if not os.path.islink(lock):
        return
    target = os.readlink(lock)
    pid_text = target.rsplit("-", 1)[-1]
    if not pid_text.isdigit():
        return
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return          # a stale lock from a browser that died; Chromium clears it itself
    except PermissionError:
        pass
    raise CaptureFailed(PROFILE_IN_USE)


# --- the log-in window ---------------------------------------------------------------------------
def open_login_window(profile_dir: Path, url: str | None, *, browser_path: str | None = None,
                      opened: Callable[[], None] | None = None, work_root: Path | None = None) -> list[str]:
    """Show Vidne's profile in a visible browser window at ``url`` and wait until the person closes it.

    Returns the sites (cookie domains) the profile holds cookies for afterwards. Raises
    CaptureError subclasses with a message for the person. With ``work_root`` the browser's lifetime
    is Vidne's, as a capture's is: its temporary files go into a folder there, a watchdog ends it when
    Vidne dies, and ``lifetime.clean_leftovers(work_root)`` ends what a killed Vidne left.
    """
    start = validate_url(url) if url else None
    _refuse_if_in_use(profile_dir)
    prepare_profile(profile_dir)
    lifetime = None
    if work_root is not None:
        run = work_root / f"login-{secrets.token_hex(4)}"
        run.mkdir(mode=0o700, parents=True)
        lifetime = BrowserLifetime(run / "artifacts", multiprocessing.get_context("spawn"))
        lifetime.start()
        lifetime.watch(None)        # the watchdog runs before the browser starts
    try:
        return _login_window(profile_dir, start, browser_path, opened,
                             held_env(lifetime) if lifetime is not None else None)
    finally:
        if lifetime is not None:
            lifetime.end()
            shutil.rmtree(lifetime.work.parent, ignore_errors=True)


def _login_window(profile_dir: Path, start: str | None, browser_path: str | None,
                  opened: Callable[[], None] | None, env: dict[str, str | float | bool] | None) -> list[str]:
    with sync_playwright() as pw:
        choice = find_browser(pw, browser_path)
        try:
            context = pw.chromium.launch_persistent_context(
                profile_dir, executable_path=choice.executable, args=launch_args(), headless=False,
                no_viewport=True, timeout=60_000, env=env)
        except PlaywrightError as err:
            raise BrowserNotFound(f"The browser window could not be opened: "
                                  f"{bounded(str(err).splitlines()[0], 300)}") from err
        try:
            page = context.pages[0] if context.pages else context.new_page()
            if start:
                try:
                    page.goto(start, wait_until="commit", timeout=60_000)
                except PlaywrightError as err:   # the person can still type an address themselves
                    log.info("login window: the first address did not open: %s", bounded(str(err), 200))
            if opened is not None:
                opened()
            log.info("login window open on %s", urlsplit(start).hostname if start else "a blank page")
            session = _wait_until_closed(context)
        except PlaywrightError as err:
            session = []
            log.info("login window closed: %s", bounded(str(err).splitlines()[0] if str(err) else "", 200))
        finally:
            _close_quietly(context)
    return profile_sites(profile_dir, browser_path=browser_path, keep=session)


def _wait_until_closed(context: BrowserContext) -> list[Cookie]:
    """Wait until the person closes the window, noting meanwhile the cookies that last only until the
    browser closes (the browser drops them then)."""
    noted: dict[tuple[str, str, str], Cookie] = {}

    def note_session_cookies() -> None:
        # Merged, never replaced: while the window closes, the browser drops its session cookies
        # before the close event arrives, and a late read must not wipe out the log-in.
        try:
            for c in context.cookies():
                if float(c.get("expires", -1)) < 0:
                    noted[(c["name"], c["domain"], c["path"])] = c
        except PlaywrightError:          # the browser is closing; keep what was noted before
            log.debug("cookies could not be read; the browser is closing")

    def on_response(response: Response) -> None:
        # A log-in sets its cookie in a response; note it at once, so a window closed right after
        # logging in (before the next poll) still keeps the log-in.
        try:
            if "set-cookie" in response.all_headers():
                note_session_cookies()
        except PlaywrightError:
            log.debug("response headers could not be read; the browser is closing")

    def on_request(request: Request) -> None:
        # A redirect after a log-in form is a new navigation; by then the browser holds the cookie
        # the redirect's response set (redirect responses do not always come as response events).
        if request.is_navigation_request():
            note_session_cookies()

    context.on("response", on_response)
    context.on("request", on_request)
    while True:
        try:
            context.wait_for_event("close", timeout=500)
            return list(noted.values())
        except PlaywrightTimeout:
            note_session_cookies()       # also catches cookies that scripts set


def profile_sites(profile_dir: Path, *, browser_path: str | None = None,
                  keep: list[Cookie] | None = None) -> list[str]:
    """The sites Vidne's profile holds cookies for (domains only); first stores ``keep`` (session cookies
    from the log-in window) in it for SESSION_COOKIE_DAYS."""
    if not profile_dir.is_dir():
        return []
    _refuse_if_in_use(profile_dir)
    with sync_playwright() as pw:
        choice = find_browser(pw, browser_path)
        try:
            context = pw.chromium.launch_persistent_context(
                profile_dir, executable_path=choice.executable, args=launch_args(), headless=True,
                timeout=60_000)
        except PlaywrightError as err:
            raise BrowserNotFound(f"The browser could not be started: {bounded(str(err).splitlines()[0], 300)}") \
                from err
        try:
            if keep:
                context.add_cookies([_lasting(c) for c in keep])
                log.info("login window: kept %d cookie(s) that would have ended with the window", len(keep))
            return sorted({str(c.get("domain", "")).lstrip(".") for c in context.cookies()} - {""})
        finally:
            _close_quietly(context)


def _lasting(cookie: Cookie) -> SetCookieParam:
    param: SetCookieParam = {"name": cookie["name"], "value": cookie["value"], "domain": cookie["domain"],
                             "path": cookie["path"], "expires": time.time() + SESSION_COOKIE_DAYS * 86400,
                             "httpOnly": cookie["httpOnly"], "secure": cookie["secure"]}
    if cookie.get("sameSite"):
        param["sameSite"] = cookie["sameSite"]
    return param


def _close_quietly(context: BrowserContext) -> None:
    try:
        context.close()
    except PlaywrightError as err:   # the person closed the browser; it is already gone
        log.debug("browser already closed: %s", err)
