"""Watches: captures whose address is re-checked on a schedule, for ``vidne watch`` and the desktop app.

A store's watches are kept in ``<store>/private/watches.json`` (watchlist.py). ``run_due`` re-checks
every watch that is due, one at a time with one shared warm browser, and holds the store's run lock
meanwhile, so two runs at once (cron and the app, say) never both re-check a watch: the second finds
the lock taken and does nothing. A watch ends by itself after its end date, or after its post was gone
three checks in a row; why is kept with it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.overtime.watchlist import (
    MIN_EVERY_S,
    UNITS,
    Watch,
    WatchError,
    changing,
    every_text,
    file_lock,
    iso,
    parse_iso,
    read_watches,
    utc_now,
    watches_path,
)
from evidence_store.errors import StoreError

if TYPE_CHECKING:
    from app.settings import Settings
    from capture.child_process import WarmBrowser
    from evidence_store import CaptureRecord, Store

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30                     # a watch ends by itself after this many days unless --until says
GONE_LIMIT = 3                        # ... or after its post was gone this many checks in a row

ENDED_DATE, ENDED_GONE, ENDED_STOPPED = "end_date", "gone", "stopped"


class WatchInputError(WatchError):
    """What was asked for cannot be: no such watch, an end that has passed, too short an interval."""


class WatchesBusy(WatchError):
    """Another run of the due watches is under way on this store (the app, or cron)."""


def parse_every(text: str) -> int:
    """``30m``, ``6h``, ``1d``, ``90s`` (or plain seconds) as seconds; at least a minute. ValueError with
    a message for the person otherwise."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*([smhd]?)\s*", text.lower())
    if match is None:
        raise ValueError(f"'{text}' is not an interval: write it like 30m, 6h or 1d (s, m, h, d)")
    seconds = int(match.group(1)) * UNITS[match.group(2) or "s"]
    if seconds < MIN_EVERY_S:
        raise ValueError("a watch checks at most once a minute: give 1m or more")
    return seconds


@dataclass(frozen=True)
class WatchResult:
    """What one due watch's check did: the re-check's outcome (or "error" and why), and whether the
    watch ended because of it (or because its end date passed: then no check ran)."""

    watch: str                        # the watched capture's id
    url: str
    at: str
    outcome: str                      # a re-check outcome; "error"; "ended" when only its end date passed
    recheck: str | None = None        # the new bundle's id
    http_status: int | None = None
    changes: dict[str, list[str]] = field(default_factory=dict)
    message: str = ""
    ended: str | None = None
    news: bool = False                # the post looks different from the last answered check (or the first)

    @property
    def failed(self) -> bool:
        return self.outcome == "error"

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


# -- what the commands do -----------------------------------------------------------------------------
def add_watch(store: Store, capture_id: str, every_s: int, *, until: datetime | None = None,
              now: datetime | None = None) -> Watch:
    """Watch a capture (or change its watch: a new interval, a new end, an ended one started again); a
    re-check's bundle stands for the capture it re-checks. The first check is due one interval from now.
    BundleNotFound for an unknown id."""
    if every_s < MIN_EVERY_S:
        raise WatchInputError("A watch checks at most once a minute: give 1m or more.")
    now = now or utc_now()
    record = _original(store, store.get(capture_id))
    ends = until if until is not None else now + timedelta(days=DEFAULT_DAYS)
    if ends <= now:
        raise WatchInputError(f"The end of the watch ({iso(ends)}) has already passed: give a later date.")
    watch = Watch(id=record.id, url=record.url, every_s=every_s, started_at=iso(now),
                  next_due=iso(now + timedelta(seconds=every_s)), ends_at=iso(ends))
    with changing(store.root) as watches:
        old = next((w for w in watches if w.id == record.id), None)
        if old is not None:
            watch = replace(old, every_s=every_s, next_due=watch.next_due, ends_at=watch.ends_at,
                            ended=None, ended_at=None, started_at=old.started_at if old.active else watch.started_at,
                            gone_in_a_row=old.gone_in_a_row if old.active else 0)
            watches[watches.index(old)] = watch
        else:
            watches.append(watch)
    log.info("watch %s: every %s until %s", watch.id, every_text(every_s), watch.ends_at)
    return watch


def _original(store: Store, record: CaptureRecord) -> CaptureRecord:
    """The capture a re-check's bundle re-checks (its signed facts name it), else the record itself."""
    from evidence_store import read_bundle

    of = read_bundle(record.path).facts.get("recheck")
    of_id = of.get("of") if isinstance(of, dict) else None
    try:
        return store.get(of_id) if isinstance(of_id, str) and of_id and of_id != record.id else record
    except StoreError:       # the original is not in this store: watch the re-check's own address
        return record


def stop_watch(store: Store, capture_id: str, *, now: datetime | None = None) -> Watch:
    """End a watch by hand (it stays in the list, ended). WatchError if the capture is not watched."""
    wanted = _resolve(store, capture_id)
    with changing(store.root) as watches:
        for index, watch in enumerate(watches):
            if watch.id == wanted:
                if watch.active:
                    watch = watches[index] = _end(watch, why=ENDED_STOPPED, at=now or utc_now())
                log.info("watch %s: stopped", watch.id)
                return watch
    raise WatchInputError(f"Capture {wanted} is not watched ('vidne watch --list' shows the watches).")


def _resolve(store: Store, capture_id: str) -> str:
    """A capture id (or its unique beginning) as the watches know it; a watch outlives its bundle's row."""
    known = [w.id for w in read_watches(store.root) if capture_id and w.id.startswith(capture_id)]
    if len(known) == 1:
        return known[0]
    return _original(store, store.get(capture_id)).id


def _finish(store_root: Path, watch_id: str, change: Callable[[Watch], Watch]) -> Watch | None:
    """Apply ``change`` to the watch as it is on disk now (it may have been stopped meanwhile)."""
    with changing(store_root) as watches:
        for index, watch in enumerate(watches):
            if watch.id == watch_id:
                watches[index] = change(watch)
                return watches[index]
    return None


def run_due(store: Store, settings: Settings, *, now: datetime | None = None, use_tsa: bool | None = None,
            on_result: Callable[[WatchResult], None] | None = None, cancelled: Callable[[], bool] | None = None,
            warm: WarmBrowser | None = None, on_check: Callable[[Watch], None] | None = None) -> list[WatchResult]:
    """Re-check every watch that is due at ``now`` (default: the clock), one at a time with one warm
    browser: ``warm`` (the app's), else one started only if a watch is due and ended after. Each check's
    next one is due one interval after it ran; a watch past its end date ends without a check. A
    re-check that raises is an "error" result for its watch, and the others still run; once
    ``cancelled()``, the run stops and the watch being checked stays due. WatchesBusy if another run
    holds this store's run lock. ``on_check(watch)`` is called as each check begins (a progress line)."""
    results: list[WatchResult] = []

    def report(result: WatchResult) -> None:
        results.append(result)
        if on_result is not None:
            on_result(result)

    with file_lock(watches_path(store.root).with_name("watches-run.lock"), blocking=False) as got:
        if not got:
            raise WatchesBusy("Another run of the due watches is under way on this store (the app or a "
                              "scheduled 'vidne watch --run-due'); it checks them. Nothing was done.")
        start = now or utc_now()
        for watch in read_watches(store.root):         # end what is past its end date, checked or not
            if watch.active and parse_iso(watch.ends_at) <= start:
                _finish(store.root, watch.id, partial(_end, why=ENDED_DATE, at=start))
                report(WatchResult(watch.id, watch.url, iso(start), "ended", ended=ENDED_DATE,
                                   message="its end date has passed"))
        due = sorted((w for w in read_watches(store.root) if w.due(start)), key=lambda w: w.next_due)
        if not due:
            return results
        from app.overtime.recheck import recheck
        from app.tasks import open_warm  # the browser is started only when something is due

        with nullcontext(warm) if warm is not None else open_warm(store) as browser:
            for watch in due:
                ran = now or utc_now()
                current = next((w for w in read_watches(store.root) if w.id == watch.id), None)
                if (cancelled is not None and cancelled()) or current is None or not current.due(ran):
                    continue                 # cancelled, or stopped or changed meanwhile
                if on_check is not None:
                    on_check(current)
                try:
                    outcome = recheck(store, watch.id, settings, use_tsa=use_tsa, warm=browser,
                                      cancelled=cancelled)
                except Exception as exc:     # noqa: BLE001 - one failed check must not stop the other watches
                    if cancelled is not None and cancelled():
                        break                # stopped from outside: this watch stays due, nothing recorded
                    log.warning("watch %s: the re-check failed: %s: %s", watch.id, type(exc).__name__, exc)
                    message = str(exc) or type(exc).__name__
                    done = _finish(store.root, watch.id, partial(_after, ran=ran, outcome="error", error=message))
                    report(WatchResult(watch.id, watch.url, iso(ran), "error", message=message,
                                       ended=done.ended if done else None))
                    continue
                seen = _seen(outcome.outcome, outcome.changes)
                done = _finish(store.root, watch.id, partial(_after, ran=ran, outcome=outcome.outcome,
                                                             check_id=outcome.id, seen=seen))
                report(WatchResult(watch.id, watch.url, iso(ran), outcome.outcome, recheck=outcome.id,
                                   http_status=outcome.http_status, changes=dict(outcome.changes),
                                   ended=done.ended if done else None,
                                   news=seen is not None and seen != current.last_seen))
    return results


def _end(watch: Watch, *, why: str, at: datetime) -> Watch:
    return replace(watch, ended=why, ended_at=iso(at)) if watch.active else watch


def _seen(outcome: str, changes: dict[str, list[str]]) -> str | None:
    """What an answered check found, in short (its outcome and a digest of its changes); None for none."""
    if outcome == "unreachable":
        return None
    body = json.dumps(changes, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return f"{outcome}:{hashlib.sha256(body).hexdigest()[:16]}"


def _after(watch: Watch, *, ran: datetime, outcome: str, check_id: str | None = None,
           error: str | None = None, seen: str | None = None) -> Watch:
    """The watch after a check that ran at ``ran``: the next one due an interval later; gone counted (only
    an answer that the post is there resets it; no answer or an error leaves it as it was)."""
    gone = watch.gone_in_a_row + 1 if outcome == "gone" else (
        watch.gone_in_a_row if outcome in ("unreachable", "error") else 0)
    changed = replace(watch, next_due=iso(ran + timedelta(seconds=watch.every_s)), last_outcome=outcome,
                      last_at=iso(ran), last_check=check_id or watch.last_check, last_error=error,
                      checks=watch.checks + 1, gone_in_a_row=gone, last_seen=seen or watch.last_seen)
    return _end(changed, why=ENDED_GONE, at=ran) if gone >= GONE_LIMIT else changed
