"""Evidence bundles: hashing, signing, custody log, verification, the local store and its index.

This module names the API that app/ uses; app/ imports from here (and exceptions from
``evidence_store.errors``), never the sub-packages, so their insides can change. Each name is
loaded the first time it is used, so ``import evidence_store`` costs nothing and a command
loads only what it needs (a capture never loads the report or the export code). The map of
the sub-packages is in docs/architecture.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evidence_store.bundle.names import ARTIFACTS_DIR
    from evidence_store.bundle.read import BundleView, read_bundle
    from evidence_store.bundle.verify import VerificationReport, verify_bundle
    from evidence_store.files.fsutil import UnreadableFile, read_limited
    from evidence_store.files.locking import lock_fd, unlock_fd
    from evidence_store.files.png import PngError, TiledPng, band_rows_for, check_size, read_header
    from evidence_store.handover.export import ExportResult, export_case
    from evidence_store.handover.importing import ImportResult, import_zip
    from evidence_store.handover.record import Progress
    from evidence_store.handover.verify import BundleResult, ExportReport, verify_export
    from evidence_store.report.timeline import TimelineEvent, case_timeline
    from evidence_store.safe_text import printable
    from evidence_store.store.index import CaptureRecord, CaseSummary
    from evidence_store.store.stamping import StampOutcome, stamp_capture, stamp_pending
    from evidence_store.store.store import Store, default_root
    from evidence_store.trust.confirmed import confirm_key, forget_key, read_confirmed
    from evidence_store.trust.policy import (
        KnownKey,
        TrustPolicy,
        TrustSettingError,
        load_root_files,
        parse_fingerprint,
    )
    from evidence_store.trust.verdict import CustodyEntry, Signer, TimeVerdict
    from evidence_store.vault.errors import (
        VaultCredentialsMissing,
        VaultError,
        VaultNotWorm,
        VaultRefused,
        VaultUnavailable,
    )
    from evidence_store.vault.fetch import FetchResult, fetch_case
    from evidence_store.vault.layout import VaultConfig
    from evidence_store.vault.pending import pending_ids
    from evidence_store.vault.push import PushOutcome, push_captures
    from evidence_store.vault.remote import VaultBundle, VaultEntry, list_cases, verify_vault
    from evidence_store.version import vidne_version

_HOME = {
    # the local store and what it lists
    "Store": "evidence_store.store.store",
    "default_root": "evidence_store.store.store",
    "CaptureRecord": "evidence_store.store.index",
    "CaseSummary": "evidence_store.store.index",
    # trusted time for sealed bundles
    "StampOutcome": "evidence_store.store.stamping",
    "stamp_capture": "evidence_store.store.stamping",
    "stamp_pending": "evidence_store.store.stamping",
    # one bundle: reading it (bounded) and verifying it
    "ARTIFACTS_DIR": "evidence_store.bundle.names",
    "BundleView": "evidence_store.bundle.read",
    "read_bundle": "evidence_store.bundle.read",
    "VerificationReport": "evidence_store.bundle.verify",
    "verify_bundle": "evidence_store.bundle.verify",
    # the hand-over
    "Progress": "evidence_store.handover.record",
    "ExportResult": "evidence_store.handover.export",
    "export_case": "evidence_store.handover.export",
    "ExportReport": "evidence_store.handover.verify",
    "BundleResult": "evidence_store.handover.verify",
    "verify_export": "evidence_store.handover.verify",
    "ImportResult": "evidence_store.handover.importing",
    "import_zip": "evidence_store.handover.importing",
    # a case over time: its captures and re-checks in order
    "TimelineEvent": "evidence_store.report.timeline",
    "case_timeline": "evidence_store.report.timeline",
    # trust: which time-stamp roots and keys a verifier trusts, and its answers
    "TrustPolicy": "evidence_store.trust.policy",
    "KnownKey": "evidence_store.trust.policy",
    "TrustSettingError": "evidence_store.trust.policy",
    "load_root_files": "evidence_store.trust.policy",
    "parse_fingerprint": "evidence_store.trust.policy",
    "TimeVerdict": "evidence_store.trust.verdict",
    "Signer": "evidence_store.trust.verdict",
    "CustodyEntry": "evidence_store.trust.verdict",
    "confirm_key": "evidence_store.trust.confirmed",
    "forget_key": "evidence_store.trust.confirmed",
    "read_confirmed": "evidence_store.trust.confirmed",
    # a file read bounded, never through a link
    "UnreadableFile": "evidence_store.files.fsutil",
    "read_limited": "evidence_store.files.fsutil",
    # an advisory lock between processes (the same on every system)
    "lock_fd": "evidence_store.files.locking",
    "unlock_fd": "evidence_store.files.locking",
    # screenshots, read a band at a time
    "PngError": "evidence_store.files.png",
    "TiledPng": "evidence_store.files.png",
    "band_rows_for": "evidence_store.files.png",
    "check_size": "evidence_store.files.png",
    "read_header": "evidence_store.files.png",
    # text and version
    "printable": "evidence_store.safe_text",
    "vidne_version": "evidence_store.version",
    # the organisation's vault (S3 Object Lock): push, pending, verify, list, fetch
    "VaultConfig": "evidence_store.vault.layout",
    "VaultError": "evidence_store.vault.errors",
    "VaultUnavailable": "evidence_store.vault.errors",
    "VaultCredentialsMissing": "evidence_store.vault.errors",
    "VaultRefused": "evidence_store.vault.errors",
    "VaultNotWorm": "evidence_store.vault.errors",
    "PushOutcome": "evidence_store.vault.push",
    "push_captures": "evidence_store.vault.push",
    "pending_ids": "evidence_store.vault.pending",
    "VaultBundle": "evidence_store.vault.remote",
    "VaultEntry": "evidence_store.vault.remote",
    "list_cases": "evidence_store.vault.remote",
    "verify_vault": "evidence_store.vault.remote",
    "FetchResult": "evidence_store.vault.fetch",
    "fetch_case": "evidence_store.vault.fetch",
}

__all__ = [  # the same names as _HOME (a test checks)
    "ARTIFACTS_DIR", "BundleResult", "BundleView", "CaptureRecord", "CaseSummary", "CustodyEntry", "ExportReport",
    "ExportResult", "FetchResult", "ImportResult", "KnownKey", "PngError", "Progress", "PushOutcome", "Signer",
    "StampOutcome", "Store", "TiledPng", "TimeVerdict", "TimelineEvent", "TrustPolicy", "TrustSettingError",
    "UnreadableFile", "VaultBundle", "VaultConfig", "VaultCredentialsMissing", "VaultEntry", "VaultError",
    "VaultNotWorm", "VaultRefused", "VaultUnavailable", "VerificationReport", "band_rows_for", "case_timeline",
    "check_size", "confirm_key", "default_root", "export_case", "fetch_case", "forget_key", "import_zip",
    "list_cases", "load_root_files", "lock_fd", "parse_fingerprint", "pending_ids", "printable", "push_captures",
    "read_bundle", "read_confirmed", "read_header", "read_limited", "stamp_capture", "stamp_pending", "unlock_fd",
    "verify_bundle", "verify_export", "verify_vault", "vidne_version",
]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'evidence_store' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value          # the next look-up is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
