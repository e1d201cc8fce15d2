"""Re-checking a capture: its address captured again now, with the original's options, sealed as a new,
complete bundle in the same case whose signed manifest names the capture it re-checks and what changed
(``facts["recheck"]``, docs/bundle-format.md); then the original's custody log gets a "rechecked" event
naming the new bundle and the outcome.

A re-check that gets no answer from the site (no connection, time-out) seals no bundle, but it did happen:
the original's log gets a "rechecked" event with the outcome "unreachable" and the error's code and
message. A re-check stopped by this computer (Cancel, no browser, a full disk, offline) is an error and
records nothing. Re-checks go only to the capture's own address, and at most one runs at a time per store
(the store's "recheck" work lock; a second waits for it).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from app.login import profile_dir
from app.overtime.compare import Seen, classify, picture
from app.overtime.sources import FIRST_VIEW, MAX_PICTURE_BYTES, bundle_file, folder_file, new_text, original_text
from app.settings import Settings
from app.tasks import CaptureOutcome, CaptureRequest, capture_to_store
from capture.child_process import WarmBrowser
from capture.errors import CaptureCancelled, CaptureError
from capture.result import CaptureResult, Step, utc_now
from evidence_store import BundleView, CaptureRecord, Store, read_bundle
from evidence_store.errors import StoreError

log = logging.getLogger(__name__)

NOTE = "A re-check sees what the browser sees now, logged in as the profile is."
LOCK = "recheck"                    # <store>/private/recheck.lock: one re-check at a time per store
WAIT_FOR_LOCK_S = 900.0             # how long a re-check waits for the one before it
RECHECKED = "rechecked"             # the custody event in the original's log
UNREACHABLE = "unreachable"
# Capture error codes that mean the site gave no answer: recorded as an "unreachable" re-check. Every
# other code (cancelled, browser_not_found, invalid_url, offline, disk_full, not_writable) is about this
# computer, not the site: an error, nothing recorded.
UNREACHABLE_CODES = frozenset({"timeout", "network_timeout", "name_not_resolved", "connection_refused",
                               "unreachable", "tls_failed", "invalid_tls", "capture_failed"})
MAX_ERROR_CHARS = 1000


class RecheckBusy(StoreError):
    """Another re-check of this store ran for longer than a re-check waits."""


@dataclass
class RecheckOutcome:
    """What a re-check found. ``id``/``bundle``: the new bundle (None when unreachable: none was sealed)."""

    of: str                                         # the capture re-checked
    outcome: str                                    # unchanged | changed | gone | login_needed | unreachable
    id: str | None = None
    bundle: Path | None = None
    http_status: int | None = None
    changes: dict[str, list[str]] = field(default_factory=lambda: {"removed": [], "added": []})
    reason: str = ""                                # one sentence: why this outcome
    picture: dict[str, Any] | None = None           # the first views' difference hashes, beside the verdict
    error: dict[str, str] | None = None             # {"code", "message"} of an unreachable re-check
    warnings: list[str] = field(default_factory=list)
    capture: CaptureOutcome | None = None           # the new bundle's time-stamp, vault and warnings

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "bundle": str(self.bundle) if self.bundle is not None else None, "of": self.of,
                "outcome": self.outcome, "http_status": self.http_status,
                "changes": {"removed": list(self.changes["removed"]), "added": list(self.changes["added"])},
                "reason": self.reason, "picture": self.picture, "error": self.error, "warnings": list(self.warnings)}


def recheck(store: Store, capture_id: str, settings: Settings, *, use_tsa: bool | None = None,
            warm: WarmBrowser | None = None, on_step: Callable[[Step], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> RecheckOutcome:
    """Capture ``capture_id``'s address again now and say what changed (see the module's docstring).
    Raises CaptureError (not about the site), StoreError, RecheckBusy; BundleNotFound for no such capture."""
    record = store.get(capture_id)
    waited_until = time.monotonic() + WAIT_FOR_LOCK_S
    while True:
        with store.work_lock(LOCK) as got:
            if got:
                return _recheck(store, record, settings, use_tsa=use_tsa, warm=warm, on_step=on_step,
                                cancelled=cancelled)
        if cancelled is not None and cancelled():
            raise CaptureCancelled("The re-check was cancelled before it began. Nothing was saved.")
        if time.monotonic() >= waited_until:
            raise RecheckBusy("Another re-check of this evidence store is still running. Try again when it has "
                              "finished.")
        time.sleep(0.25)


def _recheck(store: Store, record: CaptureRecord, settings: Settings, *, use_tsa: bool | None,
             warm: WarmBrowser | None, on_step: Callable[[Step], None] | None,
             cancelled: Callable[[], bool] | None) -> RecheckOutcome:
    view = read_bundle(record.path)
    if view.manifest_sha256 is None or not view.manifest:
        raise StoreError(f"Capture {record.id} cannot be re-checked: {'; '.join(view.problems) or 'no manifest'}.")
    if not view.url:
        raise StoreError(f"Capture {record.id} cannot be re-checked: its manifest names no address.")
    _record_missed(store, record, view, settings)
    text, source = original_text(view)
    before = Seen(view.http_status, text, _login_wall(view.facts))
    first_view = bundle_file(view, FIRST_VIEW, MAX_PICTURE_BYTES)
    found: dict[str, Any] = {}

    def compare(result: CaptureResult, folder: Path) -> dict[str, Any]:
        """The signed facts["recheck"] of the new bundle, from what it just captured."""
        now_text, now_source = new_text(folder, source)
        verdict = classify(before, Seen(_status(result.facts), now_text, _login_wall(result.facts)))
        facts: dict[str, Any] = {
            "of": record.id, "of_manifest_sha256": view.manifest_sha256, "outcome": verdict.outcome,
            "reason": verdict.reason, "changes": verdict.changes,
            "picture": picture(first_view, folder_file(folder, FIRST_VIEW, MAX_PICTURE_BYTES)),
            "text_source": {"original": source, "recheck": now_source}, "note": NOTE}
        if verdict.cut:
            facts["changes_cut"] = True
        found.update(facts)
        return facts

    options, warnings = _options(view, store, settings)
    request = CaptureRequest(view.url, case=view.case, use_tsa=use_tsa, recheck=compare, options=options,
                             allow_invalid_tls=_invalid_tls_allowed(view.facts),
                             dismiss_overlays=isinstance(view.facts.get("overlays"), dict))
    same_case = settings if view.case else replace(settings, case_name_template="")   # no case: none now either
    started = utc_now()
    log.info("capture %s: re-check started", record.id)
    try:
        done = capture_to_store(store, request, same_case, on_step=on_step, cancelled=cancelled, warm=warm)
    except CaptureError as exc:
        if exc.code not in UNREACHABLE_CODES:
            raise
        error = {"code": exc.code, "message": str(exc)[:MAX_ERROR_CHARS]}
        _record(store, record.id, settings, {"recheck": None, "outcome": UNREACHABLE, "started_at": started,
                                             "error": error})
        log.info("capture %s: re-check found the site unreachable (%s)", record.id, exc.code)
        return RecheckOutcome(of=record.id, outcome=UNREACHABLE, reason="The site gave no answer.", error=error,
                              warnings=warnings)
    new = done.record
    warnings += done.warnings
    try:
        _record(store, record.id, settings, {"recheck": new.id, "outcome": found["outcome"],
                                             "http_status": new.http_status, "started_at": new.started_at,
                                             "manifest_sha256": read_bundle(new.path).manifest_sha256})
    except StoreError as exc:       # the re-check is sealed and names its original all the same
        log.error("capture %s: the re-check %s is sealed, but not recorded in its log: %s", record.id, new.id, exc)
        warnings.append(f"The re-check {new.id} is sealed, but the custody log of {record.id} could not record "
                        f"it: {exc}")
    log.info("capture %s: re-checked as %s: %s", record.id, new.id, found["outcome"])
    return RecheckOutcome(of=record.id, outcome=found["outcome"], id=new.id, bundle=new.path,
                          http_status=new.http_status, changes=found["changes"], reason=found["reason"],
                          picture=found["picture"], warnings=warnings, capture=done)


def _record(store: Store, capture_id: str, settings: Settings, details: dict[str, Any]) -> None:
    """The "rechecked" event in the original's custody log, written now that the re-check has happened
    (signed, then written to the log, the ledger and the index)."""
    prepared = store.prepare_custody(capture_id, RECHECKED, details, settings.operator_or_login(),
                                     settings.organisation)
    store.commit_custody(capture_id, prepared.line)


def _record_missed(store: Store, record: CaptureRecord, view: BundleView, settings: Settings) -> None:
    """A re-check sealed before a crash kept its "rechecked" event from being written: write it now,
    marked ``"recorded_late": true`` (it names the bundle, which names this capture and its manifest)."""
    named = {str(e["details"].get("recheck")) for e in view.custody_events
             if e.get("event") == RECHECKED and isinstance(e.get("details"), dict)}
    for other in store.list_captures(case=view.case):
        if other.id in named or other.id == record.id or other.url != record.url:
            continue
        later = read_bundle(other.path)
        facts = later.facts.get("recheck")
        if not isinstance(facts, dict) or facts.get("of") != record.id \
                or facts.get("of_manifest_sha256") != view.manifest_sha256:
            continue
        log.warning("capture %s: its re-check %s was not in its custody log; recording it now", record.id, other.id)
        _record(store, record.id, settings, {"recheck": other.id, "outcome": str(facts.get("outcome")),
                                             "http_status": other.http_status, "started_at": other.started_at,
                                             "manifest_sha256": later.manifest_sha256, "recorded_late": True})


def _options(view: BundleView, store: Store, settings: Settings) -> tuple[dict[str, Any], list[str]]:
    """The original capture's options (CaptureOptions fields) as its facts record them: the viewport,
    the page's behaviours on or off, and Vidne's browser profile or a fresh browser."""
    facts = view.facts
    options: dict[str, Any] = {}
    warnings: list[str] = []
    viewport = facts.get("viewport")
    if isinstance(viewport, dict):
        width, height = viewport.get("width"), viewport.get("height")
        if _whole(width, 200, 10_000) and _whole(height, 200, 10_000):
            options.update(viewport_width=width, viewport_height=height)
    behaviors = facts.get("behaviors")
    if isinstance(behaviors, dict):
        options["run_behaviors"] = behaviors.get("reason") != "switched off"
    session = facts.get("session")
    used_profile = isinstance(session, dict) and bool(session.get("profile"))
    folder = profile_dir(store)
    options["profile_dir"] = str(folder) if used_profile and folder.is_dir() else None
    if used_profile and not folder.is_dir():
        warnings.append("The original capture used Vidne's browser profile, which is no longer there: this "
                        "re-check used a fresh browser without log-ins.")
    return options, warnings


def _login_wall(facts: dict[str, Any]) -> bool:
    wall = facts.get("login_wall")
    return isinstance(wall, dict) and wall.get("detected") is True


def _invalid_tls_allowed(facts: dict[str, Any]) -> bool:
    tls = facts.get("tls")
    return isinstance(tls, dict) and tls.get("errors_ignored") is True


def _status(facts: dict[str, Any]) -> int | None:
    status = facts.get("http_status")
    return status if isinstance(status, int) and not isinstance(status, bool) else None


def _whole(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
