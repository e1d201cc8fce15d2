"""Pushing sealed bundles into the vault, in two phases: first the objects, then the record.

1. The bucket is checked before any upload: Object Lock enabled, versioning on, no shorter default
   retention (else VaultNotWorm, "Object Lock" in its message).
2. Every file of the bundle but its custody log becomes a locked object version (``ObjectLockMode``,
   ``ObjectLockRetainUntilDate``, ``ChecksumSHA256``), unless the vault already holds the same bytes (an
   earlier, interrupted push): then that version is used. Each version is read back and hashed by Vidne,
   held to the bundle's SHA256SUMS and files (the bundle verifies intact first), and its lock read back
   (a shorter retention is extended, never shortened).
3. Only then is a signed "vaulted" custody event written, recording the bucket, every object's key,
   version id, sha256 and retain-until. A push that adds nothing new (every file already recorded by an
   earlier "vaulted" event) writes none.
4. Last, the custody log as it now is goes up as a new locked version, is read back, and the push is noted
   in the store (vault/pending.py).

Killed at any point, nothing is recorded that did not happen: before 3 the vault may hold versions no
event names (the next push reads them back and uses them, uploading nothing twice); between 3 and 4 the
event is true (the objects are there) and the bundle is still pending, so the next push sends the log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from evidence_store.bundle.manifest import SUMS_FILE, parse_sha256sums
from evidence_store.bundle.names import MAX_CUSTODY_BYTES
from evidence_store.bundle.read import read_bundle_file, read_custody
from evidence_store.bundle.verify import verify_bundle
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.store.store import Store
from evidence_store.vault.client import Vault
from evidence_store.vault.errors import (
    VaultCredentialsMissing,
    VaultError,
    VaultNotWorm,
    VaultRefused,
    VaultUnavailable,
)
from evidence_store.vault.layout import CUSTODY, STAMP_FILES, VaultConfig
from evidence_store.vault.pending import record_confirmed
from evidence_store.vault.records import iso_z, last_vaulted, work_folder

log = logging.getLogger(__name__)

UPLOADS_AT_ONCE = 6       # files sent and read back side by side (boto3's clients are thread-safe)
BUNDLES_AT_ONCE = 3       # bundles pushed side by side (their store work one at a time)


@dataclass
class PushOutcome:
    capture_id: str
    status: str                     # "pushed" (something uploaded), "checked" (all there already), "pending"
    uploaded: list[str] = field(default_factory=list)
    retain_until: str | None = None
    vaulted_seq: int | None = None  # the "vaulted" event this push wrote, if it wrote one
    message: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"id": self.capture_id, "status": self.status, "uploaded": self.uploaded,
                "retain_until": self.retain_until, "vaulted_event": self.vaulted_seq, "message": self.message}


def push_captures(store: Store, config: VaultConfig, capture_ids: Iterable[str], *, actor: str,
                  organisation: str, on_done: Callable[[PushOutcome], None] | None = None) -> list[PushOutcome]:
    """Push each capture; one refused stays pending with the reason and the rest go on. VaultNotWorm (before
    any upload) and VaultCredentialsMissing are raised; an unreachable vault leaves the rest pending."""
    ids = list(capture_ids)
    with Vault(config, workers=UPLOADS_AT_ONCE) as vault:
        return _push_each(store, vault, ids, actor=actor, organisation=organisation, on_done=on_done)


def _push_each(store: Store, vault: Vault, ids: list[str], *, actor: str, organisation: str,
               on_done: Callable[[PushOutcome], None] | None) -> list[PushOutcome]:
    """A few bundles at a time (their store work one at a time, under ``guard``). Once the vault is out of
    reach the rest are left pending at once; no credentials, or a bucket found not write-once, is raised."""
    if ids:
        vault.check_worm()
    guard, stop, reason = threading.Lock(), threading.Event(), [""]

    def one(capture_id: str) -> PushOutcome:
        if stop.is_set():
            return PushOutcome(capture_id, "pending", message=reason[0])
        try:
            return push_capture(store, vault, capture_id, actor=actor, organisation=organisation, store_lock=guard)
        except (VaultCredentialsMissing, VaultNotWorm) as exc:
            reason[0] = str(exc)
            stop.set()
            raise
        except VaultUnavailable as exc:
            reason[0] = str(exc)
            stop.set()
            log.warning("capture %s: left pending, the vault is out of reach: %s", capture_id, exc)
            return PushOutcome(capture_id, "pending", message=str(exc))
        except VaultError as exc:
            log.warning("capture %s: not pushed to the vault: %s", capture_id, exc)
            return PushOutcome(capture_id, "pending", message=str(exc))

    outcomes: list[PushOutcome] = []
    with ThreadPoolExecutor(max_workers=BUNDLES_AT_ONCE, thread_name_prefix="vidne-vault-bundle") as pool:
        for outcome in pool.map(one, ids):
            outcomes.append(outcome)
            if on_done is not None:
                on_done(outcome)
    return outcomes


def push_capture(store: Store, vault: Vault, capture_id: str, *, actor: str, organisation: str,
                 store_lock: threading.Lock | None = None) -> PushOutcome:
    """Push one capture; see the module docstring. Raises VaultError (nothing recorded) when it cannot.
    ``store_lock``: held around every use of the store, when several captures are pushed at once."""
    config = vault.config
    guard = store_lock or contextlib.nullcontext()
    with guard:
        record = store.get(capture_id)
        cid, folder = record.id, Path(record.path)
        expected, events = store.expected_custody(cid), store.custody_events(cid)
    report = verify_bundle(folder, expected_custody=expected)   # held to the store's ledger
    if not report.intact or report.capture_id != cid:
        raise VaultRefused(f"Capture {cid} does not verify, so it was not pushed to the vault:\n"
                           f"{report.problem_text()}")
    manifest = report.manifest or {}
    prefix = config.bundle_prefix(str(manifest.get("case") or ""), cid)
    files = _bundle_files(folder)
    vault.check_worm()
    listing = vault.listing(prefix)
    before = last_vaulted(events, config, prefix)
    until = config.retain_until()

    def place(rel: str) -> tuple[str, dict[str, str], bool]:
        """One file as a locked, read-back version: the one held already, or a new upload."""
        sha, key = files[rel], prefix + rel
        held = [v.version_id for v in listing.versions.get(key, [])]
        old = before.get(rel)
        if old is not None and old["sha256"] == sha and old["version_id"] in held:
            return rel, dict(old), False             # read back and checked by the push that recorded it
        version, lock, new = None, None, False
        if held:
            got, lock = vault.read_back_locked(key, held[0])
            version = held[0] if got == sha else None
        if version is None and held and rel not in STAMP_FILES:
            raise VaultRefused(f"The vault ({config.where()}) already holds a different {rel} for capture {cid}: "
                               f"nothing was uploaded or recorded. Check it with 'vidne vault verify {cid}'.")
        if version is None:
            version, new = vault.put_locked(key, folder / rel, sha, until), True
            got, lock = vault.read_back_locked(key, version)
            if got != sha:
                raise VaultError(f"{rel} of capture {cid} read back from the vault differs from the bundle's; "
                                 "nothing was recorded. Try again; if it repeats, ask IT to check the vault.")
        date = _hold_lock(vault, key, version, until, lock)
        return rel, {"key": key, "version_id": version, "sha256": sha, "retain_until": iso_z(date)}, new

    placed = list(vault.pool.map(place, sorted(files)))
    objects = {rel: item for rel, item, _new in placed}
    uploaded = [rel for rel, _item, new in placed if new]
    outcome = PushOutcome(cid, "checked", uploaded=uploaded)
    if {r: (o["version_id"], o["sha256"]) for r, o in objects.items()} != \
            {r: (o["version_id"], o["sha256"]) for r, o in before.items()}:
        earliest = min(o["retain_until"] for o in objects.values())
        details = {"endpoint": config.endpoint or "AWS S3", "bucket": config.bucket, "prefix": prefix,
                   "lock_mode": config.mode, "locked_until": earliest, "objects": objects}
        with guard:
            event = store.append_custody(cid, "vaulted", details, actor, organisation)
        outcome.vaulted_seq = int(event["seq"])
    outcome.retain_until = min((o["retain_until"] for o in objects.values()), default=None)
    if _push_custody(store, vault, cid, folder, prefix, until, listing.versions.get(prefix + CUSTODY, [])):
        uploaded.append(CUSTODY)
    outcome.status = "pushed" if uploaded else "checked"
    log.info("capture %s: %s in the vault (%s); uploaded %s", cid, outcome.status, config.where(),
             ", ".join(uploaded) or "nothing")
    return outcome


def _push_custody(store: Store, vault: Vault, cid: str, folder: Path, prefix: str, until: Any,
                  held: list[Any]) -> bool:
    """The custody log as it is now, as a locked version (unless the newest one holds it); True if uploaded."""
    data = read_custody(folder)
    sha, key = sha256_bytes(data), prefix + CUSTODY
    uploaded = False
    if held:
        newest = vault.read_bytes(key, held[0].version_id, MAX_CUSTODY_BYTES)
        if sha256_bytes(newest) == sha:
            record_confirmed(store, vault.config, cid, sha)
            return False
        if not data.startswith(newest):
            raise VaultRefused(f"The vault's custody log of capture {cid} holds events this store's log has not "
                               "(another copy was changed); nothing more was uploaded. Fetch the capture from the "
                               "vault to see them.")
    with work_folder(store.staging_dir, "custody") as work:
        (work / CUSTODY).write_bytes(data)          # the log may grow while it is sent; this is the one sent
        version = vault.put_locked(key, work / CUSTODY, sha, until)
    uploaded = True
    got, lock = vault.read_back_locked(key, version)
    if got != sha:
        raise VaultError(f"The custody log of capture {cid} read back from the vault differs from the one sent; "
                         "it stays pending.")
    _hold_lock(vault, key, version, until, lock)
    record_confirmed(store, vault.config, cid, sha)
    return uploaded


def _hold_lock(vault: Vault, key: str, version: str, until: Any, lock: Any = None) -> Any:
    """The version's retain-until date, after checking it is locked in the configured mode (or the stricter
    COMPLIANCE) and extending a retention shorter than wanted (an earlier push's version). ``lock``: the
    mode and date the read-back's answer gave, if it gave them."""
    mode, date = lock if lock is not None else vault.retention(key, version)
    if mode is None or date is None or (mode != vault.config.mode and mode != "COMPLIANCE"):
        raise VaultNotWorm(f"{key} in the vault ({vault.config.where()}) is not held by Object Lock in "
                           f"{vault.config.mode} mode (the server says {mode or 'no lock'}); nothing was recorded.")
    if date < until - timedelta(days=1):
        vault.extend_retention(key, version, until)
        mode, date = vault.retention(key, version)
        if date is None or date < until - timedelta(seconds=1):
            raise VaultNotWorm(f"The Object Lock retention of {key} could not be extended; nothing was recorded.")
    return date


def _bundle_files(folder: Path) -> dict[str, str]:
    """Every file of the bundle but its custody log, by its path inside the bundle, with its sha256: for
    the files SHA256SUMS lists, the sha256 it lists (the bundle was just verified against it; a file
    changed since is refused by the server's checksum or caught by the read-back), the others hashed."""
    entries, problems = parse_sha256sums(read_bundle_file(folder, SUMS_FILE))
    if problems:
        raise VaultRefused(f"{folder.name}: its SHA256SUMS cannot be read ({problems[0]}); it was not pushed.")
    listed = {path: sha for _, sha, path in entries}
    files: dict[str, str] = {}
    for parent, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(parent) / name
            rel = path.relative_to(folder).as_posix()
            if rel != CUSTODY and not path.is_symlink():
                files[rel] = listed.get(rel) or hash_file(path).sha256
    return files
