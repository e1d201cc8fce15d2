"""Logging for the whole app, set up once: a rotating file in the user's log folder.

Records carry capture ids and actions, never page content or secrets.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

from .settings import APP_NAME

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    override = os.environ.get("VIDNE_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def setup_logging(verbose: bool = False) -> Path | None:
    """Send records to the rotating log file (and to stderr when verbose). Returns the file's path."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("asyncio", "PIL"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    path: Path | None = log_dir() / "vidne.log"
    try:
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2 * 1024 * 1024, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(handler)
    except OSError:
        path = None  # a read-only profile must not stop Vidne; records then go nowhere but stderr
    if verbose:
        console = logging.StreamHandler()
        console.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(console)
    return path
