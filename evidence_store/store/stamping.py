"""Getting trusted time for sealed bundles: right after a capture, and later for pending ones.

A capture never fails for want of a time-stamp: offline or with the TSA down, the bundle is kept
without one ("pending") and stamped by ``stamp_pending`` when a TSA answers again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from evidence_store.bundle.read import UnreadableBundleFile, bundle_view, read_manifest
from evidence_store.errors import StoreError
from evidence_store.rfc3161.client import DEFAULT_TSA_URLS, clock_skew, request_token_any
from evidence_store.store.store import CaptureRecord, Store

log = logging.getLogger(__name__)

TSA_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class StampOutcome:
    capture_id: str
    stamped: bool
    time: str | None = None         # the TSA's time, ISO 8601 UTC
    tsa: str | None = None
    message: str = ""               # for the person: what happened, what to do
    clock_skew_s: float | None = None


def stamp_capture(store: Store, record: CaptureRecord, urls: Sequence[str] = (), *, actor: str,
                  organisation: str, timeout: float = TSA_TIMEOUT_S) -> StampOutcome:
    """Ask the TSAs (in order) for a token over manifest.json and add it to the bundle. Raises
    StoreError when manifest.json cannot be read (a link, too big, gone): that is no time-stamp to ask for."""
    if record.has_timestamp:
        return StampOutcome(record.id, True, message="The capture already has a trusted time-stamp.")
    try:
        manifest = read_manifest(record.path)
    except UnreadableBundleFile as exc:
        raise StoreError(f"Capture {record.id}: {exc.describe()}, so it cannot be time-stamped. Verify the "
                         "capture and keep it as it is.") from exc
    try:
        token = request_token_any(manifest, list(urls) or list(DEFAULT_TSA_URLS), timeout)
    except StoreError as err:
        log.info("capture %s: no time-stamp yet", record.id)
        return StampOutcome(record.id, False, message=f"{err} The capture is kept; Vidne adds the time-stamp "
                            "later ('vidne timestamp --pending').")
    finished_at = bundle_view(record.path, manifest, b"").finished_at or record.finished_at
    skew = clock_skew(finished_at, token.gen_time)
    gen_time = token.gen_time.isoformat().replace("+00:00", "Z")
    details = {"tsa_name": token.tsa_name, "tsa_url": token.tsa_url, "time": gen_time,
               "serial": str(token.serial), "policy": token.policy, "chain_complete": token.chain_complete,
               "root_known": token.root_known, "problems": list(token.problems),
               "clock_difference_s": round(skew.seconds, 3), "clock_difference_large": skew.large}
    store.add_timestamp(record.id, token.tsr_bytes, token.chain_pem, actor=actor, organisation=organisation,
                        details=details)
    log.info("capture %s: time-stamped by %s", record.id, token.tsa_url)
    message = f"Trusted time {gen_time} from {token.tsa_name}."
    if skew.large:
        message += (f" This computer's clock differed from the time-stamp by {skew.seconds:.0f} seconds; "
                    "that is recorded.")
    return StampOutcome(record.id, True, time=gen_time, tsa=token.tsa_name, message=message,
                        clock_skew_s=skew.seconds)


def stamp_pending(store: Store, urls: Sequence[str] = (), *, actor: str, organisation: str,
                  timeout: float = TSA_TIMEOUT_S) -> list[StampOutcome]:
    """Stamp every capture in the store that has no time-stamp yet, oldest first. A capture whose
    manifest cannot be read is reported in its outcome and passed over; no answer from the TSAs
    ends the round (the rest stay pending)."""
    pending = [r for r in reversed(store.list_captures()) if not r.has_timestamp]
    outcomes = []
    for record in pending:
        try:
            outcome = stamp_capture(store, record, urls, actor=actor, organisation=organisation, timeout=timeout)
        except StoreError as err:   # this bundle cannot be stamped (its manifest is damaged); the others can
            log.warning("capture %s: cannot be time-stamped: %s", record.id, err)
            outcomes.append(StampOutcome(record.id, False, message=str(err)))
            continue
        outcomes.append(outcome)
        if not outcome.stamped:   # the TSAs are not answering: no point asking for every bundle
            break
    return outcomes
