"""Adding and replacing a sealed bundle's time-stamp files (timestamp.tsr, tsa-chain.pem) with the
'timestamped' custody event that vouches for their bytes. A part of Store (a mixin), kept apart so that
store.py stays readable; the TSA side (asking for a token, judging it) is stamping.py.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from evidence_store.bundle import custody
from evidence_store.bundle.custody import ExpectedCustody
from evidence_store.bundle.keys import SigningKey
from evidence_store.bundle.manifest import TIMESTAMP_FILE, TSA_CHAIN_FILE
from evidence_store.bundle.read import UnreadableBundleFile, read_bundle_file, read_manifest
from evidence_store.errors import StoreError
from evidence_store.files.hashing import sha256_bytes
from evidence_store.store.index import CaptureRecord, Index
from evidence_store.store.ledger import Ledger
from evidence_store.store.rows import custody_row
from evidence_store.store.staging import place_file

log = logging.getLogger(__name__)


class TimestampFiles:
    """What Store provides to these methods."""

    staging_dir: Path
    index: Index
    ledger: Ledger

    def get(self, capture_id: str) -> CaptureRecord:
        raise NotImplementedError

    def signing_key(self) -> SigningKey:
        raise NotImplementedError

    def expected_custody(self, capture_id: str) -> ExpectedCustody | None:
        raise NotImplementedError

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
