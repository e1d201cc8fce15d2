"""The custody records a store writes beyond a plain event, as a part of Store (a mixin, kept apart so
that store.py stays readable): two-phase events (signed first, written once what they say has
happened, finished or dropped after a crash), and a sealed bundle's time-stamp files (timestamp.tsr,
tsa-chain.pem) with the 'timestamped' event that vouches for their bytes. The TSA side (asking for a
token, judging it) is stamping.py.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.custody import ExpectedCustody
from evidence_store.bundle.keys import SigningKey
from evidence_store.bundle.manifest import TIMESTAMP_FILE, TSA_CHAIN_FILE
from evidence_store.bundle.read import UnreadableBundleFile, read_bundle_file, read_manifest
from evidence_store.errors import CustodyError, StoreError
from evidence_store.files.hashing import sha256_bytes
from evidence_store.store.index import CaptureRecord, Index
from evidence_store.store.ledger import Ledger, PreparedEvent, append_line_once, read_pending
from evidence_store.store.rows import custody_row
from evidence_store.store.staging import place_file

log = logging.getLogger(__name__)


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
            self.index.add_custody_event(record.id, custody_row(new["seq"], new, line[:-1]))

    def finish_pending(self) -> None:
        """Acts begun before a crash: finished when they happened (their file is there), else dropped."""
        for pending in read_pending(self.root):
            if pending.happened:
                for capture_id, line in pending.events:
                    try:
                        self.commit_custody(capture_id, line)
                    except (StoreError, CustodyError) as exc:
                        log.error("capture %s: an interrupted record could not be finished: %s", capture_id, exc)
                if pending.log_line is not None:    # OSError keeps the journal for the next try
                    append_line_once(self.root / pending.log_line[0], pending.log_line[1])
                log.warning("finished the records of an act interrupted by a crash (%s)", pending.path.name)
            else:
                log.warning("dropped the records of an act that did not finish (%s)", pending.path.name)
            pending.path.unlink(missing_ok=True)

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
        try:
            if os.path.lexists(chain_path):   # left by an interrupted add_timestamp
                log.warning("capture %s: replacing a tsa-chain.pem that has no timestamp.tsr", record.id)
                chain_path.unlink()
            place_file(self.staging_dir, chain_path, chain_pem)
            place_file(self.staging_dir, tsr_path, tsr)
        except OSError as exc:
            raise StoreError(
                f"Capture {record.id}: the time-stamp could not be saved ({exc.strerror or exc})."
            ) from exc
        new, line = self._timestamped_event(record, actor, organisation, details)
        self.index.add_custody_event(record.id, custody_row(new["seq"], new, line[:-1]), has_timestamp=True)
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
