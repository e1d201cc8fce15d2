"""The custody records a store writes beyond a plain event, as a part of Store (a mixin, kept apart so
that store.py stays readable): two-phase events (signed first, written once what they say has
happened, finished or dropped after a crash), and a sealed bundle's time-stamp files (timestamp.tsr,
tsa-chain.pem) with the 'timestamped' event that vouches for their bytes. The TSA side (asking for a
token, judging it) is stamping.py.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.custody import ExpectedCustody
from evidence_store.bundle.keys import SigningKey
from evidence_store.bundle.manifest import TIMESTAMP_FILE, TSA_CHAIN_FILE
from evidence_store.bundle.read import UnreadableBundleFile, read_bundle_file, read_manifest
from evidence_store.errors import CustodyError, StoreError
from evidence_store.files.fsutil import UnreadableFile, fsync_dir, make_private_dir, write_all
from evidence_store.files.hashing import hash_file, sha256_bytes
from evidence_store.files.locking import lock_fd, unlock_fd
from evidence_store.store.index import CaptureRecord, Index
from evidence_store.store.ledger import Ledger, LedgerError, read_all
from evidence_store.store.rows import custody_row
from evidence_store.store.staging import place_file

log = logging.getLogger(__name__)


# -- two-phase records -------------------------------------------------------------------------------
PENDING_DIR = "pending"


@dataclass(frozen=True)
class PreparedEvent:
    """A custody event signed but not yet written (custody.prepare_event): written only once what it
    says has happened (Store.commit_custody)."""

    capture_id: str
    event: dict[str, Any]
    line: bytes                     # with its newline
    before: bytes                   # the log it follows

    @property
    def log_after(self) -> bytes:
        return self.before + self.line


def write_pending(root: Path, name: str, *, condition: tuple[Path, str], events: list[PreparedEvent],
                  log_line: tuple[str, bytes] | None = None, undo: tuple[tuple[Path, str], ...] = ()) -> Pending:
    """Record, before the act, what to write once it is done: the events, and a line for one of the
    store's own logs (e.g. exports.jsonl). ``condition``: the file (and its sha256) whose presence
    proves the act happened. ``undo``: files (and their sha256) the act may have placed before it was
    cut short, removed when it did not happen. The journal stays locked while its act runs (no other
    process finishes or drops it); the caller ends it with Store.finish or Pending.drop, and a store
    opened after a crash finishes or drops it (finish_pending)."""
    folder = root / PENDING_DIR
    folder.mkdir(mode=0o700, exist_ok=True)
    body = {"condition": [str(condition[0]), condition[1]],
            "events": [[e.capture_id, base64.b64encode(e.line).decode("ascii")] for e in events],
            "log_line": [log_line[0], base64.b64encode(log_line[1]).decode("ascii")] if log_line else None,
            "undo": [[str(path), sha] for path, sha in undo]}
    path = folder / f"{name}.json"
    temp = folder / f".{name}.tmp"
    if os.path.lexists(temp):
        os.unlink(temp)
    fd = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        lock_fd(fd)                     # held from before the journal has its name until it is ended
        write_all(fd, json.dumps(body).encode("utf-8"))
        os.fsync(fd)
        os.replace(temp, path)
        fsync_dir(folder)
    except BaseException:
        os.close(fd)
        raise
    return Pending(path, fd, condition, [(e.capture_id, e.line) for e in events], log_line, list(undo))


@dataclass
class Pending:
    """A journal of an act begun, held locked by whoever finishes or drops it."""

    path: Path
    fd: int
    condition: tuple[Path, str]
    events: list[tuple[str, bytes]]             # (capture id, line)
    log_line: tuple[str, bytes] | None
    undo: list[tuple[Path, str]]

    def happened(self) -> bool:
        """The condition's file is there with its sha256."""
        target, sha = self.condition
        try:
            return target.is_file() and not target.is_symlink() and hash_file(target).sha256 == sha
        except (OSError, UnreadableFile):
            return False

    def close(self) -> None:
        """The act is recorded (or undone): the journal goes."""
        self.path.unlink(missing_ok=True)
        os.close(self.fd)               # releases the lock

    def drop(self) -> None:
        """The act did not happen: remove what it placed (only files with the sha256 it wrote)."""
        for path, sha in self.undo:
            try:
                if path.is_file() and not path.is_symlink() and hash_file(path).sha256 == sha:
                    path.unlink()
            except (OSError, UnreadableFile) as exc:
                log.warning("could not remove %s, left by an interrupted act: %s", path, exc)
        self.close()


def read_pending(root: Path) -> Iterator[Pending]:
    """The journals of acts begun and not ended, each locked for the caller; one whose act is still
    running in another process (its journal locked) is left alone."""
    folder = root / PENDING_DIR
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            continue
        if not lock_fd(fd, blocking=False):
            os.close(fd)
            continue
        try:
            body = json.loads(read_all(fd).decode("utf-8"))
            condition = (Path(str(body["condition"][0])), str(body["condition"][1]))
            events = [(str(cid), base64.b64decode(line)) for cid, line in body["events"]]
            log_line = (str(body["log_line"][0]), base64.b64decode(body["log_line"][1])) \
                if body["log_line"] else None
            undo = [(Path(str(undo_path)), str(sha)) for undo_path, sha in body.get("undo", [])]
        except (OSError, ValueError, KeyError, TypeError, IndexError, binascii.Error, LedgerError):
            log.warning("ledger: %s is not a record Vidne can finish; it is left for inspection", path)
            os.close(fd)
            continue
        yield Pending(path, fd, condition, events, log_line, undo)


def append_line_once(path: Path, line: bytes) -> None:
    """Append ``line`` to one of the store's own logs (exports.jsonl) unless it is there already;
    locked, one write, fsync."""
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    try:
        lock_fd(fd)
        try:
            if line not in read_all(fd).splitlines(keepends=True):
                write_all(fd, line)
                os.fsync(fd)
        finally:
            unlock_fd(fd)
    finally:
        os.close(fd)


class CustodyRecords:
    """What Store provides to these methods."""

    root: Path
    staging_dir: Path
    index: Index
    ledger: Ledger

    def get(self, capture_id: str) -> CaptureRecord:
        raise NotImplementedError

    def signing_key(self) -> SigningKey:
        raise NotImplementedError

    def expected_custody(self, capture_id: str) -> ExpectedCustody | None:
        raise NotImplementedError

    # -- work done one at a time per store -------------------------------------------------------
    @contextlib.contextmanager
    def work_lock(self, name: str) -> Iterator[bool]:
        """Try the advisory lock ``<store>/private/<name>.lock`` (between processes): yields True holding
        it for the block, or False at once, holding nothing, when another holds it (e.g. "recheck": one
        re-check at a time per store)."""
        if not re.fullmatch(r"[a-z][a-z0-9-]{0,40}", name):
            raise ValueError(f"not a lock name: {name!r}")
        folder = self.root / "private"
        make_private_dir(folder)
        fd = os.open(folder / f"{name}.lock", os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
        got = False
        try:
            got = lock_fd(fd, blocking=False)
            yield got
        finally:
            if got:
                unlock_fd(fd)
            os.close(fd)

    # -- two-phase records -----------------------------------------------------------------------
    def prepare_custody(self, capture_id: str, event: str, details: dict[str, Any], actor: str,
                        organisation: str) -> PreparedEvent:
        """Sign the bundle's next event without writing it (see commit_custody)."""
        record = self.get(capture_id)
        new, line, before = custody.prepare_event(
            record.path / custody.CUSTODY_FILE, self._manifest_of(record), event=event, actor=actor,
            organisation=organisation, details=details, key=self.signing_key(),
            expected=self.expected_custody(record.id))
        return PreparedEvent(record.id, new, line, before)

    def commit_custody(self, capture_id: str, line: bytes) -> None:
        """Write a prepared event now that what it says has happened: the log, the ledger, the index."""
        record = self.get(capture_id)
        if custody.append_prepared(record.path / custody.CUSTODY_FILE, self._manifest_of(record), line):
            new = json.loads(line)
            self.ledger.record_event(record.id, new["seq"], line[:-1])
            self.index.add_custody_event(record.id, custody_row(new["seq"], new, line[:-1]),
                                         has_timestamp=True if new["event"] == "timestamped" else None)

    def finish(self, pending: Pending) -> None:
        """The act ``pending`` records has happened: write its events (log, ledger, index) and its line in
        the store's own log, then end the journal. An OSError keeps the journal for the next opening."""
        for capture_id, line in pending.events:
            try:
                self.commit_custody(capture_id, line)
            except (StoreError, CustodyError) as exc:
                log.error("capture %s: a prepared event could not be written: %s", capture_id, exc)
        if pending.log_line is not None:
            append_line_once(self.root / pending.log_line[0], pending.log_line[1])
        pending.close()

    def finish_pending(self) -> None:
        """Acts a crash interrupted: finished when they happened (their file is there), else dropped."""
        for pending in read_pending(self.root):
            if pending.happened():
                log.warning("finishing the records of an act interrupted by a crash (%s)", pending.path.name)
                try:
                    self.finish(pending)
                except OSError:
                    os.close(pending.fd)
                    raise
            else:
                log.warning("dropping the records of an act that did not finish (%s)", pending.path.name)
                pending.drop()

    def _manifest_of(self, record: CaptureRecord) -> bytes:
        try:
            return read_manifest(record.path)
        except UnreadableBundleFile as exc:
            raise StoreError(f"Capture {record.id}: manifest.json {exc}; its custody log cannot grow.") from exc

    def add_timestamp(self, capture_id: str, tsr: bytes, chain_pem: bytes, *, actor: str, organisation: str,
                      details: dict[str, Any] | None = None, replaces: dict[str, Any] | None = None,
                      ) -> CaptureRecord:
        """Add timestamp.tsr and tsa-chain.pem to a sealed bundle and record a 'timestamped' custody event
        whose details carry their sha256 under "files". The caller checks the token. Without ``replaces``
        the bundle must have no time-stamp; with it a broken or untrusted one is replaced (the caller
        decides, never for a trusted one) and ``replaces`` (the old files, each {"sha256", "base64"}, and
        "why") goes into the event, so the old token stays in the signed log."""
        record = self.get(capture_id)
        files = {TIMESTAMP_FILE: sha256_bytes(tsr), TSA_CHAIN_FILE: sha256_bytes(chain_pem)}
        details = {**(details or {}), "files": files}
        if replaces is not None:
            return self._replace_timestamp(record, tsr, chain_pem, actor, organisation,
                                           {**details, "replaces": replaces})
        tsr_path, chain_path = record.path / TIMESTAMP_FILE, record.path / TSA_CHAIN_FILE
        if os.path.lexists(tsr_path):
            raise StoreError(f"Capture {record.id} already has a time-stamp; only a re-stamp keeping it replaces it.")
        # Two phases: the event is signed first, a journal says "once timestamp.tsr is there, write it",
        # the files are placed (the chain first), then the event is written; a crash in between is
        # finished (or dropped) when the store is next opened.
        prepared = self.prepare_custody(record.id, "timestamped", details, actor, organisation)
        journal = write_pending(self.root, f"stamp-{record.id}", condition=(tsr_path, files[TIMESTAMP_FILE]),
                                events=[prepared], undo=((chain_path, files[TSA_CHAIN_FILE]),))
        try:
            if os.path.lexists(chain_path):   # left by an interrupted add_timestamp
                log.warning("capture %s: replacing a tsa-chain.pem that has no timestamp.tsr", record.id)
                chain_path.unlink()
            place_file(self.staging_dir, chain_path, chain_pem)
            place_file(self.staging_dir, tsr_path, tsr)
        except OSError as exc:
            journal.drop()
            raise StoreError(
                f"Capture {record.id}: the time-stamp could not be saved ({exc.strerror or exc})."
            ) from exc
        self.finish(journal)
        return self.get(record.id)

    def _replace_timestamp(self, record: CaptureRecord, tsr: bytes, chain_pem: bytes, actor: str,
                           organisation: str, details: dict[str, Any]) -> CaptureRecord:
        # The event first, then the files: a crash between them leaves old files under an event that
        # records new ones, which the verifier names (not intact, time broken); the old token is already
        # in the signed log and the next re-stamp replaces them again. Files first could lose the old
        # token to a crash and leave files that no event records.
        for name in (TIMESTAMP_FILE, TSA_CHAIN_FILE):
            if (details["replaces"].get(name) or {}).get("sha256") != self._stamp_file_sha256(record, name):
                raise StoreError(f"Capture {record.id}: {name} changed while it was being re-stamped; nothing "
                                 "was replaced. Try again.")
        new, line = self._timestamped_event(record, actor, organisation, details)
        self.index.add_custody_event(record.id, custody_row(new["seq"], new, line[:-1]), has_timestamp=True)
        try:
            for name, data in ((TSA_CHAIN_FILE, chain_pem), (TIMESTAMP_FILE, tsr)):
                place_file(self.staging_dir, record.path / name, data, replace=True)
        except OSError as exc:
            raise StoreError(
                f"Capture {record.id}: the new time-stamp is recorded in the custody log, but its files could "
                f"not be saved ({exc.strerror or exc}); the old ones are kept in that record. Stamp it again."
            ) from exc
        return self.get(record.id)

    @staticmethod
    def _stamp_file_sha256(record: CaptureRecord, name: str) -> str | None:
        if not os.path.lexists(record.path / name):
            return None
        try:
            return sha256_bytes(read_bundle_file(record.path, name))
        except UnreadableBundleFile as exc:
            raise StoreError(f"Capture {record.id}: {exc.describe()}; it is kept as it is.") from exc

    def _timestamped_event(
        self, record: CaptureRecord, actor: str, organisation: str, details: dict[str, Any]
    ) -> tuple[dict[str, Any], bytes]:
        manifest_data = read_manifest(record.path)
        new, line = custody.append_event(
            record.path / custody.CUSTODY_FILE, manifest_data, event="timestamped", actor=actor,
            organisation=organisation, details=details, key=self.signing_key(),
            expected=self.expected_custody(record.id),
        )
        self.ledger.record_event(record.id, new["seq"], line[:-1])
        return new, line
