"""The work the CLI and the GUI share, as plain functions: no Qt, no printing."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from capture.isolated import run_capture
from capture.result import CaptureOptions, Step
from capture.urls import validate_url
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


def capture_to_store(store: Store, request: CaptureRequest, settings: Settings, *,
                     on_step: Callable[[Step], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> CaptureRecord:
    """Capture one page and seal it into the store. Raises CaptureError / StoreError for the person."""
    url = validate_url(request.url)
    options = CaptureOptions(url=url, timeout_s=request.timeout_s or settings.capture_timeout_s,
                             browser_path=settings.browser_path or None,
                             allow_invalid_tls=request.allow_invalid_tls)
    with store.begin_capture() as staging:
        log.info("capture %s: started", staging.capture_id)
        result = run_capture(options, staging.artifacts_dir, on_step=on_step, cancelled=cancelled)
        record = store.seal(staging, facts=result.facts, artifacts=result.artifacts,
                            operator=settings.operator_or_login(), organisation=settings.organisation,
                            case=request.case, note=request.note)
    log.info("capture %s: sealed (HTTP %s)", record.id, record.http_status)
    return record
