"""The GUI's long-running work as plain-Python jobs (no Qt): each has ``run(progress) -> result``.

They call the same functions the command line calls; workers.py runs them on a QThread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.login import LoginOutcome, log_in
from app.settings import Settings
from app.tasks import CaptureOutcome, CaptureRequest, capture_to_store, open_store
from app.trust import build_policy
from capture.child_process import WarmBrowser
from capture.result import Step
from evidence_store import (
    CaptureRecord,
    CaseSummary,
    ExportReport,
    ExportResult,
    ImportResult,
    StampOutcome,
    Store,
    TrustPolicy,
    VerificationReport,
    export_case,
    import_zip,
    read_bundle,
    stamp_pending,
    verify_export,
)

Progress = Callable[[object], None]


class OpenStoreJob:
    """Open (or create) the evidence store; bringing its index up to date can take a moment. Every custody
    log is compared with the ledger afterwards (LedgerCheckJob), so the list need not wait for it."""

    def __init__(self, root: Path | None) -> None:
        self.root = root

    def run(self, progress: Progress) -> Store:
        return open_store(self.root, compare_ledger=False)     # ends what a killed capture left, then opens


class LedgerCheckJob:
    """Compare every bundle's custody log with the store's ledger (Store.check_ledger: what disagrees is
    logged); returns what disagrees."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def run(self, progress: Progress) -> list[str]:
        return self.store.check_ledger()


class CaptureJob:
    """One capture, exactly as ``vidne capture`` does it; ``cancel()`` stops the browser's process."""

    def __init__(self, store: Store, request: CaptureRequest, settings: Settings,
                 warm: WarmBrowser | None = None) -> None:
        self.store = store
        self.request = request
        self.settings = settings
        self.warm = warm                # the app's warm browser (context.py), when it has one
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def run(self, progress: Progress) -> CaptureOutcome:
        def on_step(step: Step) -> None:
            progress(step)

        return capture_to_store(self.store, self.request, self.settings, on_step=on_step,
                                cancelled=self._cancelled.is_set, warm=self.warm)


class LoginJob:
    """Vidne's own browser in a window until the person closes it, exactly as ``vidne login`` does it."""

    def __init__(self, store: Store, settings: Settings, url: str | None, warm: WarmBrowser | None = None) -> None:
        self.store, self.settings, self.url, self.warm = store, settings, url, warm

    def run(self, progress: Progress) -> LoginOutcome:
        if self.warm is not None:       # a warm browser may hold the profile, which one browser at a time may use
            self.warm.close_if_idle(0)
        return log_in(self.store, self.settings, self.url)


@dataclass(frozen=True)
class Listing:
    """What the evidence list shows: the captures asked for and every case in the store."""

    records: list[CaptureRecord]
    cases: list[CaseSummary]
    case: str | None
    text: str


class ListJob:
    def __init__(self, store: Store, case: str | None, text: str, limit: int | None = None) -> None:
        self.store, self.case, self.text, self.limit = store, case, text, limit

    def run(self, progress: Progress) -> Listing:
        records = [] if self.limit == 0 else self.store.list_captures(case=self.case, text=self.text or None,
                                                                        limit=self.limit)
        return Listing(records, self.store.cases(), self.case, self.text)


class VerifyJob:
    """``trust``: the app's policy (AppContext.trust, from app.trust.build_policy)."""

    def __init__(self, store: Store, capture_id: str, trust: TrustPolicy | None = None) -> None:
        self.store, self.capture_id, self.trust = store, capture_id, trust

    def run(self, progress: Progress) -> VerificationReport:
        return self.store.verify(self.capture_id, trust=self.trust)


@dataclass(frozen=True)
class Details:
    """What the detail view shows of one bundle, read from its own files (not verified here)."""

    record: CaptureRecord
    manifest: dict[str, Any]
    custody: list[dict[str, Any]]
    problems: list[str]


class DetailsJob:
    def __init__(self, store: Store, capture_id: str) -> None:
        self.store, self.capture_id = store, capture_id

    def run(self, progress: Progress) -> Details:
        record = self.store.get(self.capture_id)
        view = read_bundle(record.path)      # bounded, never through a link; says what it could not read
        return Details(record, view.manifest, view.custody_events, list(view.problems))


class StampPendingJob:
    """Ask for the trusted time-stamps that could not be had at capture time (as 'vidne timestamp
    --pending' does)."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings

    def run(self, progress: Progress) -> StampRound:
        outcomes = stamp_pending(self.store, self.settings.tsa_urls, actor=self.settings.operator_or_login(),
                                 organisation=self.settings.organisation,
                                 trust=build_policy(self.settings, self.store))
        return StampRound(outcomes, sum(case.capture_count for case in self.store.cases()))


@dataclass(frozen=True)
class StampRound:
    """What one round of asking for missing time-stamps did, and how many captures the store holds."""

    outcomes: list[StampOutcome]
    captures: int


class AddNoteJob:
    """A note is a signed custody event; the bundle itself is never edited."""

    def __init__(self, store: Store, capture_id: str, text: str, actor: str, organisation: str) -> None:
        self.store, self.capture_id, self.text = store, capture_id, text
        self.actor, self.organisation = actor, organisation

    def run(self, progress: Progress) -> dict[str, Any]:
        return self.store.append_custody(self.capture_id, "note", {"text": self.text}, self.actor,
                                         self.organisation)


class ExportJob:
    """Export one case as a zip for the police (``vidne export``); progress: export_record.Progress."""

    def __init__(self, store: Store, case: str, out_zip: Path, settings: Settings, language: str,
                 include_damaged: bool, trust: TrustPolicy | None = None) -> None:
        self.store, self.case, self.out_zip, self.settings = store, case, out_zip, settings
        self.language, self.include_damaged, self.trust = language, include_damaged, trust

    def run(self, progress: Progress) -> ExportResult:
        """``trust``: the app's policy, which the report's time and signers are judged by."""
        return export_case(self.store, self.case, self.out_zip, time_zone=self.settings.time_zone,
                           exported_by=self.settings.operator_or_login(),
                           organisation=self.settings.organisation, language=self.language,
                           include_damaged=self.include_damaged, trust=self.trust, on_progress=progress)


class CheckExportJob:
    """Check a received export zip as a whole, before anything of it is added (``vidne verify X.zip``)."""

    def __init__(self, store: Store, path: Path, trust: TrustPolicy | None = None) -> None:
        self.store, self.path, self.trust = store, path, trust

    def run(self, progress: Progress) -> ExportReport:
        return verify_export(self.path, work_dir=self.store.staging_dir, on_progress=progress,
                             trust=self.trust if self.trust is not None else self.store.trust_policy())


class ImportJob:
    """Add a checked export zip's bundles to the store (``vidne import``)."""

    def __init__(self, store: Store, path: Path, settings: Settings, trust: TrustPolicy | None = None) -> None:
        self.store, self.path, self.settings, self.trust = store, path, settings, trust

    def run(self, progress: Progress) -> ImportResult:
        return import_zip(self.store, self.path, actor=self.settings.operator_or_login(),
                          organisation=self.settings.organisation, trust=self.trust, on_progress=progress)
