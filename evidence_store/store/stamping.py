"""Getting time-stamps for sealed bundles: right after a capture, later for pending ones, and again for
a bundle whose stamp is broken or not trusted.

A capture never fails for want of a time-stamp: offline or with the TSA down, the bundle is kept
without one ("pending") and stamped by ``stamp_pending`` when a TSA answers again.

Every stamp is judged as the bundle check judges it (evidence_store.bundle.timestamp_check) under the
verifier's TrustPolicy, and the words follow: "Trusted time" only for a stamp that verifies up to a
root the policy trusts. A token whose chain cannot be checked is never added. One that verifies up
to a root the policy does not trust is added only where the capture has no stamp, and is said
plainly to be NOT trusted. A broken or untrusted stamp is replaced by a better one (a trusted one;
over a broken one, also one that at least verifies), never silently: the new 'timestamped' custody
event keeps the old files under "replaces". A trusted stamp is never replaced.
"""

from __future__ import annotations

import base64
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from evidence_store.bundle.custody import split_lines
from evidence_store.bundle.manifest import TIMESTAMP_FILE, TSA_CHAIN_FILE
from evidence_store.bundle.read import UnreadableBundleFile, bundle_view, read_bundle_file, read_custody, read_manifest
from evidence_store.bundle.timestamp_check import (
    TokenResult,
    check_timestamp_token,
    recorded_stamp_problems,
    time_verdict,
)
from evidence_store.errors import StoreError
from evidence_store.files.hashing import sha256_bytes
from evidence_store.rfc3161.client import DEFAULT_TSA_URLS, TimestampToken, clock_skew, request_token_any
from evidence_store.safe_text import printable
from evidence_store.store.ledger import read_limited_ledger, stamp_names, stamped_lines
from evidence_store.store.staging import place_file
from evidence_store.store.store import CaptureRecord, Store
from evidence_store.trust.policy import TrustPolicy
from evidence_store.trust.verdict import TimeStatus, TimeVerdict, iso_z

log = logging.getLogger(__name__)

TSA_TIMEOUT_S = 10.0
PENDING_ADVICE = "('vidne timestamp --pending')"


@dataclass(frozen=True)
class StampOutcome:
    capture_id: str
    stamped: bool                   # the capture has a time-stamp that verifies: trusted or not, see status
    time: str | None = None         # the TSA's time, ISO 8601 UTC
    tsa: str | None = None
    message: str = ""               # for the person: what happened, what to do
    clock_skew_s: float | None = None
    status: TimeStatus = "none"     # the capture's time now, as verifying says it (none: still pending)
    added: bool = False             # this call added a time-stamp
    replaced: bool = False          # ... in place of a broken or untrusted one, kept in its custody event

    @property
    def trusted(self) -> bool:
        return self.status == "trusted"


@dataclass(frozen=True)
class _Current:
    """A capture's manifest.json and its stamp as it is now: judged, and the stamp files' bytes."""

    manifest: bytes
    verdict: TimeVerdict
    files: dict[str, bytes] = field(default_factory=dict)


def _current(record: CaptureRecord, trust: TrustPolicy) -> _Current:
    """Judge the capture's stamp as the bundle check does (the token against manifest.json and its chain
    up to ``trust``'s roots, its files against the custody log), without hashing any artifact.
    StoreError when manifest.json or a stamp file cannot be read."""
    try:
        manifest = read_manifest(record.path)
    except UnreadableBundleFile as exc:
        raise StoreError(f"Capture {record.id}: {exc.describe()}, so it cannot be time-stamped. Verify the "
                         "capture and keep it as it is.") from exc
    files: dict[str, bytes] = {}
    try:
        for name in (TIMESTAMP_FILE, TSA_CHAIN_FILE):
            if os.path.lexists(record.path / name):
                files[name] = read_bundle_file(record.path, name)
        if TIMESTAMP_FILE not in files:     # a tsa-chain.pem alone is left over from an interrupted stamp
            return _Current(manifest, TimeVerdict("none"))
        custody = read_custody(record.path)
    except UnreadableBundleFile as exc:
        raise StoreError(f"Capture {record.id}: {exc.describe()}, so its time-stamp cannot be judged and it "
                         "cannot be time-stamped. Verify the capture and keep it as it is.") from exc
    result = check_timestamp_token(manifest, files[TIMESTAMP_FILE], files.get(TSA_CHAIN_FILE), trust.tsa_roots)
    return _Current(manifest, time_verdict(result, recorded_stamp_problems(custody, files)), files)


def _shown(name: str | None) -> str:
    return printable(name or "an unnamed time-stamp authority", replacement="?", limit=200)


def _kept(capture_id: str, before: TimeVerdict, message: str) -> StampOutcome:
    """Nothing was added: the capture's time stays as it was."""
    return StampOutcome(capture_id, before.status in ("trusted", "untrusted"), time=iso_z(before.at),
                        tsa=before.authority, message=message, status=before.status)


def _later(before: TimeVerdict) -> str:
    if before.status == "broken":
        return f"The capture keeps its broken time-stamp until a good one replaces it {PENDING_ADVICE}."
    if before.status == "untrusted":
        return (f"The capture keeps its time-stamp from {_shown(before.authority)}, which is NOT trusted, until "
                f"a trusted one replaces it {PENDING_ADVICE}.")
    return f"The capture is kept; Vidne adds the time-stamp later {PENDING_ADVICE}."


def stamp_capture(store: Store, record: CaptureRecord, urls: Sequence[str] = (), *, actor: str,
                  organisation: str, timeout: float = TSA_TIMEOUT_S,
                  trust: TrustPolicy | None = None) -> StampOutcome:
    """Ask the TSAs (in order) for a token over manifest.json and add it to the bundle when it is better
    than the stamp the bundle has under ``trust`` (default: the store's policy); see the module
    docstring. Raises StoreError when manifest.json or a stamp file cannot be read: that is no
    time-stamp to ask for."""
    trust = store.trust_policy() if trust is None else trust
    return _stamp(store, record, _current(record, trust), urls, trust, actor, organisation, timeout)[0]


def _stamp(store: Store, record: CaptureRecord, current: _Current, urls: Sequence[str], trust: TrustPolicy,
           actor: str, organisation: str, timeout: float) -> tuple[StampOutcome, TokenResult | None]:
    """The outcome, and the check of the token the TSAs gave (None: no token that verifies)."""
    before = current.verdict
    if before.trusted:
        return _kept(record.id, before, f"The capture already has a trusted time-stamp: {iso_z(before.at)} "
                                        f"from {_shown(before.authority)}."), None
    try:
        token = request_token_any(current.manifest, list(urls) or list(DEFAULT_TSA_URLS), timeout,
                                  extra_roots=trust.tsa_roots)
    except StoreError as err:
        log.info("capture %s: no time-stamp yet", record.id)
        return _kept(record.id, before, f"{err} {_later(before)}"), None
    check = check_timestamp_token(current.manifest, token.tsr_bytes, token.chain_pem, trust.tsa_roots)
    if not check.ok:    # e.g. the chain ends short of a root: nobody could check the stamp
        why = token.problems[0] if token.problems else str(check.problems[0]) if check.problems else (
            check.notes[0] if check.notes else "it does not verify")
        log.warning("capture %s: the time-stamp from %s was not added: %s", record.id, token.tsa_url, why)
        return _kept(record.id, before, f"The time-stamp from {_shown(token.tsa_name)} was not added: {why} "
                                        f"{_later(before)}"), None
    if before.status == "untrusted" and not check.root_trusted:
        return _kept(record.id, before, f"The time-stamp from {_shown(token.tsa_name)} is not trusted either "
                                        f"(its root '{_shown(check.root_name)}' is not one this installation "
                                        f"trusts), so it does not replace the capture's. {_later(before)}"), check
    return _add(store, record, current, token, check, actor, organisation), check


def _add(store: Store, record: CaptureRecord, current: _Current, token: TimestampToken, check: TokenResult,
         actor: str, organisation: str) -> StampOutcome:
    before = current.verdict
    finished_at = bundle_view(record.path, current.manifest, b"").finished_at or record.finished_at
    skew = clock_skew(finished_at, token.gen_time)
    gen_time = iso_z(token.gen_time)
    details = {"tsa_name": token.tsa_name, "tsa_url": token.tsa_url, "time": gen_time,
               "serial": str(token.serial), "policy": token.policy, "chain_complete": token.chain_complete,
               "root_known": token.root_known, "problems": list(token.problems),
               "clock_difference_s": round(skew.seconds, 3), "clock_difference_large": skew.large}
    replaces = None if before.status == "none" else {
        **{name: {"sha256": sha256_bytes(data), "base64": base64.b64encode(data).decode("ascii")}
           for name, data in current.files.items()},
        "why": f"{before.status}: {before.why}",
    }
    store.add_timestamp(record.id, token.tsr_bytes, token.chain_pem, actor=actor, organisation=organisation,
                        details=details, replaces=replaces)
    trusted = check.root_trusted
    log.info("capture %s: time-stamped by %s (%s)%s", record.id, token.tsa_url,
             "trusted" if trusted else "not trusted", ", replacing a " + before.status + " one" if replaces else "")
    if trusted:
        message = f"Trusted time {gen_time} from {_shown(token.tsa_name)}."
    else:
        message = (f"Time-stamp {gen_time} from {_shown(token.tsa_name)}, NOT trusted: its root "
                   f"'{_shown(check.root_name)}' (sha256 {check.root_sha256}) is not one this installation "
                   "trusts. Confirm that root with the authority before relying on the time; the organisation "
                   "can then list it (trusted_tsa_roots).")
    if replaces:
        message += (f" It replaces a time-stamp that was {before.status}; the old one is kept in the custody "
                    "log's 'timestamped' event.")
    if skew.large:
        message += (f" This computer's clock differed from the time-stamp by {skew.seconds:.0f} seconds; "
                    "that is recorded.")
    return StampOutcome(record.id, True, time=gen_time, tsa=token.tsa_name, message=message,
                        clock_skew_s=skew.seconds, status="trusted" if trusted else "untrusted", added=True,
                        replaced=replaces is not None)


def stamp_pending(store: Store, urls: Sequence[str] = (), *, actor: str, organisation: str,
                  timeout: float = TSA_TIMEOUT_S, trust: TrustPolicy | None = None) -> list[StampOutcome]:
    """Stamp every capture whose time is not trusted under ``trust`` (default: the store's policy), oldest
    first: those with no time-stamp and those whose stamp is broken or untrusted. A capture whose files
    cannot be read is reported in its outcome and passed over. No usable stamp from the TSAs ends the
    round (the rest stay pending); once they give only untrusted stamps, a capture whose stamp is
    already untrusted is not asked for again this round (its outcome says so). While the TSAs answer,
    the store ledger's head is stamped too (stamp_ledger)."""
    trust = store.trust_policy() if trust is None else trust
    outcomes = []
    untrusted_only = False
    for record in reversed(store.list_captures()):
        try:
            current = _current(record, trust)
            if current.verdict.trusted:
                continue
            if untrusted_only and current.verdict.status == "untrusted":
                outcomes.append(_kept(record.id, current.verdict, "Not asked again: the time-stamp authorities "
                                      "give only stamps that are not trusted just now. " + _later(current.verdict)))
                continue
            outcome, check = _stamp(store, record, current, urls, trust, actor, organisation, timeout)
        except StoreError as err:   # this bundle cannot be stamped (its files are damaged); the others can
            log.warning("capture %s: cannot be time-stamped: %s", record.id, err)
            outcomes.append(StampOutcome(record.id, False, message=str(err)))
            continue
        outcomes.append(outcome)
        if check is None:   # the TSAs are not answering, or not with a stamp that can be checked
            return outcomes
        if not check.root_trusted:
            untrusted_only = True
    stamp_ledger(store, urls, timeout=timeout, trust=trust)    # the TSAs answer: the ledger's head too
    return outcomes


def stamp_ledger(store: Store, urls: Sequence[str] = (), *, timeout: float = TSA_TIMEOUT_S,
                 trust: TrustPolicy | None = None) -> str | None:
    """Time-stamp the store ledger's last line when it changed since the last such stamp, so a ledger
    later cut or edited below that line is caught (ledger.stamp_problems). Returns the authority's time,
    or None when there was nothing new or no authority answered (tried again next time)."""
    state = store.ledger.read()
    done = stamped_lines(store.root)
    if state.count == 0 or state.problems or (done and done[-1] >= state.count):
        return None
    trust = store.trust_policy() if trust is None else trust
    try:
        line = split_lines(read_limited_ledger(store.ledger.path))[0][state.count - 1]
        token = request_token_any(line, list(urls) or list(DEFAULT_TSA_URLS), timeout,
                                  extra_roots=trust.tsa_roots)
    except (StoreError, OSError, IndexError) as exc:
        log.info("the ledger's head was not time-stamped this time: %s", exc)
        return None
    if not token.chain_complete:
        return None
    tsr_path, chain_path = stamp_names(store.root, state.count)
    tsr_path.parent.mkdir(mode=0o700, exist_ok=True)
    for path, data in ((chain_path, token.chain_pem), (tsr_path, token.tsr_bytes)):
        place_file(store.staging_dir, path, data, replace=True)
    log.info("ledger line %d time-stamped by %s", state.count, token.tsa_name)
    return iso_z(token.gen_time)
