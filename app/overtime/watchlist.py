"""The watch list on disk: the ``Watch`` record, its times, and ``<store>/private/watches.json`` read,
changed and written safely (owner-only, replaced whole and flushed, under a lock between processes; a
damaged file is an error, never taken for an empty list). The schedule and the runs are in watches.py.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from evidence_store import lock_fd, unlock_fd
from evidence_store.errors import StoreError

WATCHES_FILE = "watches.json"
MIN_EVERY_S = 60                      # at least a minute between checks
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_MAX_FILE = 16 * 1024 * 1024


class WatchError(StoreError):
    """A watch cannot be read, changed or run; the message says what to do."""


def every_text(seconds: int) -> str:
    """The interval as it was given: 30m, 6h, 1d (the largest unit that divides it)."""
    for unit in ("d", "h", "m"):
        if seconds % UNITS[unit] == 0:
            return f"{seconds // UNITS[unit]}{unit}"
    return f"{seconds}s"


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError(f"time without a zone: {text!r}")
    return moment.astimezone(UTC)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class Watch:
    """One watched capture. Times are UTC ISO strings ending in 'Z', as stored."""

    id: str                           # the capture whose address is re-checked
    url: str                          # that capture's address, as the index keeps it (no secrets)
    every_s: int
    started_at: str
    next_due: str
    ends_at: str
    gone_in_a_row: int = 0
    last_outcome: str | None = None   # unchanged, changed, gone, login_needed, unreachable, or error
    last_at: str | None = None
    last_check: str | None = None     # the id of the last re-check's bundle
    last_error: str | None = None
    last_seen: str | None = None      # what the last answered check found: outcome and a digest of its changes
    checks: int = 0
    ended: str | None = None          # None while active; else end_date, gone or stopped
    ended_at: str | None = None

    @property
    def active(self) -> bool:
        return self.ended is None

    def due(self, now: datetime) -> bool:
        return self.active and parse_iso(self.next_due) <= now

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "every": every_text(self.every_s), "active": self.active}


# -- the file -----------------------------------------------------------------------------------------


def watches_path(store_root: Path) -> Path:
    return Path(store_root) / "private" / WATCHES_FILE


def _fail_corrupt(path: Path, why: str) -> WatchError:
    return WatchError(f"The list of watches at {path} cannot be read ({why}). Nothing was changed and no "
                      "watch was run. Move the file aside (the watches in it are then forgotten) or put "
                      "back a good copy, and try again.")


def read_watches(store_root: Path) -> list[Watch]:
    """Every watch of the store, active and ended; [] when there are none yet. WatchError when the file
    is there but damaged: it is never taken for an empty list (and so never overwritten)."""
    path = watches_path(store_root)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_FILE + 1)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise _fail_corrupt(path, exc.strerror or str(exc)) from exc
    if len(raw) > _MAX_FILE:
        raise _fail_corrupt(path, "it is far too large")
    try:
        body = json.loads(raw.decode("utf-8"))
        items = body["watches"] if isinstance(body, dict) and body.get("version") == 1 else None
        if not isinstance(items, list):
            raise ValueError("not a list of watches of version 1")
        names = {f.name for f in fields(Watch)}
        watches = [Watch(**{k: v for k, v in item.items() if k in names}) for item in items]
        for watch in watches:
            _check(watch)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise _fail_corrupt(path, f"not a valid list of watches: {exc}") from exc
    return watches


def _check(watch: Watch) -> None:
    if not (isinstance(watch.id, str) and isinstance(watch.url, str) and isinstance(watch.every_s, int)
            and watch.every_s >= MIN_EVERY_S and isinstance(watch.gone_in_a_row, int)):
        raise ValueError(f"watch {watch.id!r} is damaged")
    for moment in (watch.started_at, watch.next_due, watch.ends_at):
        parse_iso(moment)


def write_watches(store_root: Path, watches: list[Watch]) -> None:
    """Replace the file whole: a new owner-only file, flushed, renamed over the old one, folder flushed."""
    path = watches_path(store_root)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    data = json.dumps({"version": 1, "watches": [asdict(w) for w in watches]}, indent=1, ensure_ascii=False)
    temp = path.with_name(f".{WATCHES_FILE}.{os.getpid()}.tmp")
    if os.path.lexists(temp):
        os.unlink(temp)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        view = memoryview((data + "\n").encode("utf-8"))
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(temp, path)
    if sys.platform != "win32":
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


@contextmanager
def file_lock(path: Path, *, blocking: bool) -> Iterator[bool]:
    """An advisory lock on ``path`` between processes; yields False when not blocking and it is taken."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        got = lock_fd(fd, blocking=blocking)
        try:
            yield got
        finally:
            if got:
                unlock_fd(fd)
    finally:
        os.close(fd)


@contextmanager
def changing(store_root: Path) -> Iterator[list[Watch]]:
    """Read, change in place and write back the watches, under the file's lock (held only briefly)."""
    with file_lock(watches_path(store_root).with_name("watches.lock"), blocking=True):
        watches = read_watches(store_root)
        yield watches
        write_watches(store_root, watches)

