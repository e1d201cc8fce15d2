"""Logging for the whole app, set up once: a rotating file in the user's log folder.

Records carry capture ids and actions, never page content or secrets. The file is for IT, so it is
guarded here rather than trusted to every caller: it takes INFO and above only (the capture's step
log writes page-supplied text such as dialog messages at DEBUG), and every web address in a record
is cut to its scheme and host (paths and queries can hold names, search terms and tokens).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
from pathlib import Path

import platformdirs

from app.settings import APP_NAME

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
FILE_LEVEL = logging.INFO
_URL = re.compile(r"\b([a-zA-Z][a-zA-Z0-9+.-]{1,15})://(?:[^\s/?#@'\"<>]*@)?([^\s/?#:'\"<>]+)(?::\d+)?[^\s'\"<>]*")


def redact_urls(text: str) -> str:
    """Every URL cut to scheme and host: "https://example.dk/x?token=1" -> "https://example.dk/…"."""
    return _URL.sub(lambda m: f"{m.group(1)}://{m.group(2)}/…", text)


class RedactingFormatter(logging.Formatter):
    """The log file's formatter: the whole formatted record (tracebacks too) with URLs cut short."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_urls(super().format(record))


def log_dir() -> Path:
    override = os.environ.get("VIDNE_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(verbose: bool = False) -> Path | None:
    """Send records to the rotating log file (and to stderr when verbose). Returns the file's path.

    Called once at the start of the CLI and of the desktop app, it also makes every file this process
    (and the capture and browser processes it starts) writes from now on owner-only, whatever the
    umask was: logs, settings, exports, captures. The store and the bundle code set their own modes as well.
    """
    if sys.platform != "win32":
        os.umask(0o077)
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("asyncio", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    path: Path | None = log_dir() / "vidne.log"
    try:
        assert path is not None
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2 * 1024 * 1024, backupCount=5, encoding="utf-8")
        if sys.platform != "win32":      # a log an older Vidne wrote under umask 022
            os.chmod(path, 0o600)
        handler.setFormatter(RedactingFormatter(FORMAT))
        handler.setLevel(FILE_LEVEL)   # never DEBUG, even with --verbose: DEBUG may carry page text
        root.addHandler(handler)
    except OSError:
        path = None  # a read-only profile must not stop Vidne; records then go nowhere but stderr
    if verbose:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(console)
    return path
