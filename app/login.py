"""Logging in once in Vidne's own browser profile, so later captures see what the person sees.

The profile is a folder inside the evidence store (``<store>/browser-profile``), used by Vidne
alone: never the person's everyday Chrome or Edge profile. The CLI's ``vidne login`` and the app's
"Log in to a site…" both call ``log_in``; captures then use the profile headless.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.settings import Settings
    from evidence_store import Store

log = logging.getLogger(__name__)

PROFILE_FOLDER = "browser-profile"


def login_runs(store_root: Path) -> Path:
    """Where a log-in window's browser keeps its temporary files while it runs (tasks.open_store ends what
    a killed Vidne left there)."""
    return store_root / "login-runs"


def profile_dir(store: Store) -> Path:
    """Vidne's own browser profile for this store (it may not exist yet)."""
    return store.root / PROFILE_FOLDER


@dataclass
class LoginOutcome:
    profile: Path
    sites: list[str]          # the sites (cookie domains) the profile holds cookies for afterwards


def log_in(store: Store, settings: Settings, url: str | None = None, *,
           opened: Callable[[], None] | None = None) -> LoginOutcome:
    """Open a visible browser window on Vidne's profile at ``url`` and return when the person closes it.

    Blocks; in the app, run it on a worker. Raises CaptureError subclasses with a message for the
    person (no browser, the profile already open in another window, a bad address).
    """
    from capture.browser.profile import open_login_window  # Playwright only when a window opens

    folder = profile_dir(store)
    log.info("login window: opening")
    sites = open_login_window(folder, url, browser_path=settings.browser_path or None, opened=opened,
                              work_root=login_runs(store.root))
    log.info("login window: closed; the profile has cookies for %d site(s)", len(sites))
    return LoginOutcome(folder, sites)
