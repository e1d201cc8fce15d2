"""Whether each capture is intact: checked in the background when it is shown, remembered for the
session, and updated at once when someone presses "Verify now"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import cast

from PySide6.QtCore import QObject, Signal, Slot

from app.gui.runtime.workers import BackgroundLoader
from evidence_store import CaptureRecord, Store, VerificationReport


class Status(Enum):
    CHECKING = "checking"
    INTACT = "intact"               # intact, with a trusted time-stamp
    NO_TIMESTAMP = "no_timestamp"   # intact, the trusted time-stamp is still pending
    NOT_INTACT = "not_intact"
    UNREADABLE = "unreadable"       # the check itself could not run


@dataclass(frozen=True)
class Verdict:
    status: Status
    custody_count: int
    problems: list[str] = field(default_factory=list)
    trusted_time: datetime | None = None


def verdict_of(report: VerificationReport, custody_count: int) -> Verdict:
    """``custody_count``: the length of the custody log the index knew when the check was asked for."""
    if not report.intact:
        status = Status.NOT_INTACT
    elif report.trusted_time is None:
        status = Status.NO_TIMESTAMP
    else:
        status = Status.INTACT
    return Verdict(status, custody_count, [str(p) for p in report.problems], report.trusted_time)


def _verify(payload: object) -> Verdict:
    store, capture_id, custody_count = cast(tuple[Store, str, int], payload)
    return verdict_of(store.verify(capture_id), custody_count)


class StatusBook(QObject):
    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self._known: dict[str, Verdict] = {}
        self._loader = BackgroundLoader("verify", _verify, limit=24, parent=self)
        self._loader.done.connect(self._checked)
        self._loader.failed.connect(self._failed)

    def use_store(self, store: Store | None) -> None:
        self.store = store
        self._known.clear()
        self._loader.clear()

    def status(self, record: CaptureRecord) -> Status:
        """What is known now; asks for a check when nothing (current) is known."""
        known = self._known.get(record.id)
        if known is not None and known.custody_count >= record.custody_count:
            return known.status
        if self.store is not None:
            self._loader.request(record.id, (self.store, record.id, record.custody_count))
        return Status.CHECKING if known is None else known.status

    def verdict(self, capture_id: str) -> Verdict | None:
        return self._known.get(capture_id)

    def record(self, record: CaptureRecord, report: VerificationReport) -> Verdict:
        """A verification done elsewhere ("Verify now")."""
        capture_id = record.id
        verdict = verdict_of(report, record.custody_count)
        self._known[capture_id] = verdict
        self.changed.emit(capture_id)
        return verdict

    def stop(self) -> None:
        self._loader.stop()

    @Slot(object, object)
    def _checked(self, key: object, verdict: object) -> None:
        if isinstance(key, str) and isinstance(verdict, Verdict):
            self._known[key] = verdict
            self.changed.emit(key)

    @Slot(object, str)
    def _failed(self, key: object, message: str) -> None:
        if isinstance(key, str):
            self._known[key] = Verdict(Status.UNREADABLE, 1 << 30, [message])
            self.changed.emit(key)
