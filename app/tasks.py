"""The work the CLI and the GUI share, as plain functions: no Qt, no printing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.login import login_runs, profile_dir
from app.settings import Settings
from app.trust import build_policy
from capture.browser.lifetime import clean_leftovers
from capture.child_process import WarmBrowser, run_capture
from capture.result import CaptureOptions, CaptureResult, Step, utc_now
from capture.urls import validate_url
from evidence_store import CaptureRecord, StampOutcome, Store, TrustSettingError, default_root, stamp_capture

if TYPE_CHECKING:
    from evidence_store import PushOutcome

log = logging.getLogger(__name__)


@dataclass
class CaptureRequest:
    url: str
    case: str = ""
    note: str = ""
    timeout_s: float | None = None
    allow_invalid_tls: bool = False
    use_tsa: bool | None = None             # None: as the settings say
    tsa_urls: tuple[str, ...] = ()          # (): the settings' list, else the built-in one
    dismiss_overlays: bool | None = None    # None: as the settings say
    # Called with the page's result and its artifacts folder after the capture, before sealing; what it
    # returns is sealed into the manifest as the capture's facts["recheck"] (app/overtime/recheck.py).
    recheck: Callable[[CaptureResult, Path], dict[str, Any]] | None = None
    options: dict[str, Any] = field(default_factory=dict)     # CaptureOptions fields to set (a re-check's)


@dataclass
class CaptureOutcome:
    record: CaptureRecord
    timestamp: StampOutcome | None          # None: time-stamping was switched off
    warnings: list[str] = field(default_factory=list)    # what did not go as planned, for the person
    login_wall: dict[str, Any] | None = None             # when the page was a login wall or robot check
    vault: PushOutcome | None = None                     # None: the organisation has no vault


WARM_FOLDER = "warm"     # <store>/warm/: the warm browser's folders while it runs


def open_warm(store: Store, *, idle_seconds: float | None = None) -> WarmBrowser:
    """A warm browser for a series of captures into ``store`` (a batch, re-checks, watches, the app);
    close it (or use it as a context manager) when done."""
    return WarmBrowser(store.root / WARM_FOLDER, idle_seconds=idle_seconds)


def warm_up(warm: WarmBrowser, store: Store, settings: Settings) -> None:
    """Start ``warm``'s browser for the captures ``settings`` will ask for (Vidne's profile once the person
    has logged in with it), so the first one finds it running. Blocks while the process starts: call it
    off the GUI thread."""
    warm.start(settings.browser_path or None, _profile_for_capture(store, settings))


def open_store(root: Path | None = None, *, compare_ledger: bool = True) -> Store:
    """The store at ``root`` (default: VIDNE_HOME or the user's data folder), opened the way every front
    end opens it: first the browsers and folders a killed capture left are ended and removed (before the
    store's own clean-up of staging, so no browser still writes into a folder being removed).
    ``compare_ledger=False``: the caller runs ``store.check_ledger()`` later (Store.open)."""
    folder = Path(root).expanduser() if root is not None else default_root()
    clean_leftovers(folder / "staging")
    for runs in (login_runs(folder), folder / WARM_FOLDER):   # a log-in window's or warm browser a killed Vidne left
        if runs.is_dir():
            clean_leftovers(runs)
    return Store.open(root, compare_ledger=compare_ledger)


def capture_to_store(store: Store, request: CaptureRequest, settings: Settings, *,
                     on_step: Callable[[Step], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, warm: WarmBrowser | None = None) -> CaptureOutcome:
    """Capture one page, seal it into the store, ask for a trusted time-stamp, and push the bundle to the
    organisation's vault when it has one (offline or refused, the outcome says it waits as pending).
    With ``warm`` the page is captured in that running browser (a fresh context of its own)."""
    outcome = _capture_and_stamp(store, request, settings, on_step=on_step, cancelled=cancelled, warm=warm)
    pushed = push_to_vault(store, settings, [outcome.record.id])
    outcome.vault = pushed[0] if pushed else None
    return outcome


@dataclass
class BatchItem:
    """One address of a series: its outcome, or the error that stopped it (a CaptureError or StoreError)."""

    url: str
    outcome: CaptureOutcome | None = None
    error: Exception | None = None


def capture_many(store: Store, requests: list[CaptureRequest], settings: Settings, *,
                 on_start: Callable[[int, CaptureRequest], None] | None = None,
                 on_done: Callable[[int, BatchItem], None] | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[BatchItem]:
    """Capture a series of pages in one warm browser, one after the other; a page that fails (never
    answers, loops, an invalid address) fails alone and the others go on. Returns one item per request."""
    from capture.errors import CaptureCancelled, CaptureError
    from evidence_store.errors import StoreError

    items: list[BatchItem] = []
    with open_warm(store) as warm:
        for n, request in enumerate(requests):
            if on_start is not None:
                on_start(n, request)
            item = BatchItem(request.url)
            try:
                item.outcome = capture_to_store(store, request, settings, cancelled=cancelled, warm=warm)
            except (CaptureError, StoreError) as exc:
                item.error = exc
            items.append(item)
            if on_done is not None:
                on_done(n, item)
            if isinstance(item.error, CaptureCancelled):
                break
    return items


def push_to_vault(store: Store, settings: Settings, capture_ids: list[str] | None = None) -> list[PushOutcome]:
    """Push captures (None: every pending one) to the organisation's vault; [] when it has none. Never
    raises a VaultError: what could not be pushed comes back "pending" with the reason, and waits."""
    config = settings.vault()
    if config is None:
        return []
    from evidence_store import PushOutcome, VaultError, pending_ids, push_captures  # boto3 only when needed

    ids = pending_ids(store, config) if capture_ids is None else capture_ids
    try:
        return push_captures(store, config, ids, actor=settings.operator_or_login(),
                             organisation=settings.organisation)
    except VaultError as exc:
        log.warning("vault: %d capture(s) left pending: %s", len(ids), exc)
        return [PushOutcome(capture_id, "pending", message=str(exc)) for capture_id in ids]


def _capture_and_stamp(store: Store, request: CaptureRequest, settings: Settings, *,
                       on_step: Callable[[Step], None] | None = None,
                       cancelled: Callable[[], bool] | None = None,
                       warm: WarmBrowser | None = None) -> CaptureOutcome:
    """Capture one page, seal it into the store, and ask for a trusted time-stamp.

    Raises CaptureError / StoreError for the person. A missing time-stamp is not an error: the
    outcome says it is pending.
    """
    url = validate_url(request.url)
    options = CaptureOptions(url=url, timeout_s=request.timeout_s or settings.capture_timeout_s,
                             browser_path=settings.browser_path or None,
                             allow_invalid_tls=request.allow_invalid_tls,
                             profile_dir=_profile_for_capture(store, settings),
                             record_network=settings.record_network, save_media=settings.save_media,
                             max_media_bytes=int(settings.max_media_mb * 1024 * 1024),
                             dismiss_overlays=settings.dismiss_overlays if request.dismiss_overlays is None
                             else request.dismiss_overlays, run_behaviors=settings.run_behaviors)
    options = replace(options, **request.options)
    clean_leftovers(store.staging_dir)     # a browser a killed capture left running, and its folders
    with store.begin_capture() as staging:
        log.info("capture %s: started%s", staging.capture_id, " (warm browser)" if warm is not None else "")
        if warm is not None:
            result = warm.capture(options, staging.artifacts_dir, on_step=on_step, cancelled=cancelled)
        else:
            result = run_capture(options, staging.artifacts_dir, on_step=on_step, cancelled=cancelled)
        if request.recheck is not None:
            result.facts["recheck"] = request.recheck(result, staging.artifacts_dir)
        record = store.seal(staging, facts=result.facts, artifacts=result.artifacts,
                            operator=settings.operator_or_login(), organisation=settings.organisation,
                            case=request.case or settings.default_case(url), note=request.note)
    log.info("capture %s: sealed (HTTP %s)", record.id, record.http_status)
    wall = result.facts.get("login_wall")
    warnings = [str(w) for w in result.facts.get("warnings", [])]
    login_wall = wall if isinstance(wall, dict) and wall.get("detected") else None
    use_tsa = settings.use_tsa if request.use_tsa is None else request.use_tsa
    if not use_tsa:
        return CaptureOutcome(record, None, warnings, login_wall)
    if on_step is not None:
        on_step(Step(at=utc_now(), action="timestamp", detail={}))
    try:
        trust = build_policy(settings, store)
    except TrustSettingError as exc:   # judged with less trust, a good stamp could be taken for a bad one
        log.warning("capture %s: not time-stamped now: %s", record.id, exc)
        stamp = StampOutcome(record.id, False, message=f"No time-stamp was asked for: {exc} The capture is kept; "
                             "Vidne adds the time-stamp later ('vidne timestamp --pending').")
        return CaptureOutcome(store.get(record.id), stamp, warnings, login_wall)
    stamp = stamp_capture(store, record, request.tsa_urls or settings.tsa_urls,
                          actor=settings.operator_or_login(), organisation=settings.organisation, trust=trust)
    return CaptureOutcome(store.get(record.id), stamp, warnings, login_wall)


def _profile_for_capture(store: Store, settings: Settings) -> str | None:
    """Vidne's own profile once the person has logged in with it ('vidne login'); else a fresh browser."""
    folder = profile_dir(store)
    return str(folder) if settings.use_profile and folder.is_dir() else None
