"""The work the CLI and the GUI share, as plain functions: no Qt, no printing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from capture.isolated import run_capture
from capture.result import CaptureOptions, Step, utc_now
from capture.urls import validate_url
from evidence_store.stamping import StampOutcome, stamp_capture
from evidence_store.store import CaptureRecord, Store

from .settings import Settings

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


@dataclass
class CaptureOutcome:
    record: CaptureRecord
    timestamp: StampOutcome | None          # None: time-stamping was switched off


def capture_to_store(store: Store, request: CaptureRequest, settings: Settings, *,
                     on_step: Callable[[Step], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> CaptureOutcome:
    """Capture one page, seal it into the store, and ask for a trusted time-stamp.

    Raises CaptureError / StoreError for the person. A missing time-stamp is not an error: the
    outcome says it is pending.
    """
    url = validate_url(request.url)
    options = CaptureOptions(url=url, timeout_s=request.timeout_s or settings.capture_timeout_s,
                             browser_path=settings.browser_path or None,
                             allow_invalid_tls=request.allow_invalid_tls)
    with store.begin_capture() as staging:
        log.info("capture %s: started", staging.capture_id)
        result = run_capture(options, staging.artifacts_dir, on_step=on_step, cancelled=cancelled)
        record = store.seal(staging, facts=result.facts, artifacts=result.artifacts,
                            operator=settings.operator_or_login(), organisation=settings.organisation,
                            case=request.case or settings.default_case(url), note=request.note)
    log.info("capture %s: sealed (HTTP %s)", record.id, record.http_status)
    use_tsa = settings.use_tsa if request.use_tsa is None else request.use_tsa
    if not use_tsa:
        return CaptureOutcome(record, None)
    if on_step is not None:
        on_step(Step(at=utc_now(), action="timestamp", detail={}))
    stamp = stamp_capture(store, record, request.tsa_urls or settings.tsa_urls,
                          actor=settings.operator_or_login(), organisation=settings.organisation)
    return CaptureOutcome(store.get(record.id), stamp)
