"""Whether each capture is intact, and whether its time and signers are trusted: checked in the
background when it is shown (by the app's trust policy, app.trust.build_policy), remembered for the
session, and updated at once when someone presses "Verify now" or the policy changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import cast

from PySide6.QtCore import QObject, Signal, Slot

from app.gui.runtime.workers import BackgroundLoader
from evidence_store import CaptureRecord, CustodyEntry, Signer, Store, TimeVerdict, TrustPolicy, VerificationReport


class Status(Enum):
    CHECKING = "checking"
    INTACT = "intact"                   # intact, with a trusted time-stamp
    NO_TIMESTAMP = "no_timestamp"       # intact, no time-stamp yet
    UNTRUSTED_TIME = "untrusted_time"   # intact, but its time-stamp leads to a root not trusted here
    TIME_BROKEN = "time_broken"         # intact, but its time-stamp gives no time
    NOT_INTACT = "not_intact"
    UNREADABLE = "unreadable"           # the check itself could not run


_TIME_STATUS = {"trusted": Status.INTACT, "none": Status.NO_TIMESTAMP, "untrusted": Status.UNTRUSTED_TIME,
                "broken": Status.TIME_BROKEN}


@dataclass(frozen=True)
class Verdict:
    """Both answers: intact (``status``, ``problems``) and trusted (``time``, ``seal``, ``custody``)."""

    status: Status
    custody_count: int
    problems: list[str] = field(default_factory=list)
    time: TimeVerdict = field(default_factory=lambda: TimeVerdict("none"))
    seal: Signer | None = None
    custody: tuple[CustodyEntry, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def trusted_time(self) -> datetime | None:
        return self.time.at if self.time.trusted else None

    @property
    def unknown_signers(self) -> list[CustodyEntry]:
        return [entry for entry in self.custody if entry.signer.kind == "unknown"]


def verdict_of(report: VerificationReport, custody_count: int) -> Verdict:
    """``custody_count``: the length of the custody log the index knew when the check was asked for."""
    status = _TIME_STATUS[report.time.status] if report.intact else Status.NOT_INTACT
    return Verdict(status, custody_count, [str(p) for p in report.problems], report.time, report.seal,
                   tuple(report.custody), tuple(report.notes))


def _verify(payload: object) -> tuple[int, Verdict]:
    store, capture_id, custody_count, policy, generation = cast(
        tuple[Store, str, int, TrustPolicy | None, int], payload)
    return generation, verdict_of(store.verify(capture_id, trust=policy), custody_count)


class StatusBook(QObject):
    changed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, after: BackgroundLoader | None = None) -> None:
        """``after``: a loader whose work goes before the checks (the thumbnails: a first check reads and
        verifies the store's whole ledger, seconds for ten thousand captures)."""
        super().__init__(parent)
        self.store: Store | None = None
        self.policy: TrustPolicy | None = None
        self._generation = 0            # checks asked for before the store or policy changed are dropped
        self._known: dict[str, Verdict] = {}
        self._loader = BackgroundLoader("verify", _verify, limit=24, parent=self, after=after)
        self._loader.done.connect(self._checked)
        self._loader.failed.connect(self._failed)

    def use_store(self, store: Store | None, policy: TrustPolicy | None = None) -> None:
        self.store, self.policy = store, policy
        self.forget()

    def use_policy(self, policy: TrustPolicy | None) -> None:
        """Judge by ``policy`` from now on; what was known is checked again when next shown."""
        self.policy = policy
        self.forget()

    def forget(self) -> None:
        self._generation += 1
        known = list(self._known)
        self._known.clear()
        self._loader.clear()
        for capture_id in known:
            self.changed.emit(capture_id)

    def status(self, record: CaptureRecord) -> Status:
        """What is known now; asks for a check when nothing (current) is known."""
        known = self._known.get(record.id)
        if known is not None and known.custody_count >= record.custody_count:
            return known.status
        if self.store is not None:
            self._loader.request(record.id, (self.store, record.id, record.custody_count, self.policy,
                                              self._generation))
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
    def _checked(self, key: object, result: object) -> None:
        if not isinstance(key, str) or not isinstance(result, tuple):
            return
        generation, verdict = result
        if generation == self._generation and isinstance(verdict, Verdict):
            self._known[key] = verdict
            self.changed.emit(key)

    @Slot(object, str)
    def _failed(self, key: object, message: str) -> None:
        if isinstance(key, str):
            self._known[key] = Verdict(Status.UNREADABLE, 1 << 30, [message])
            self.changed.emit(key)
