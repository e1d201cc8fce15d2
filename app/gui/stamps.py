"""Trusted time-stamps that could not be had at capture time (offline, the service down), and better
ones for broken or untrusted stamps, are asked for when the app starts and whenever the person asks
(File → Get missing time-stamps)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from app.gui.context import AppContext
from app.gui.runtime.jobs import StampPendingJob
from evidence_store import StampOutcome

log = logging.getLogger(__name__)


class PendingStamps(QObject):
    stamped = Signal(int)      # how many captures got a time-stamp (trusted or not)
    said = Signal(str)         # a line for the status bar

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False

    def ask(self) -> bool:
        """Start asking, unless time-stamps are off, the store is not open, or it is already asking."""
        store = self.ctx.store
        if self.running or store is None or not self.ctx.settings.use_tsa:
            return False
        self.running = True
        self.ctx.jobs.start(StampPendingJob(store, self.ctx.settings), finished=self._done, failed=self._failed)
        return True

    @Slot(object)
    def _done(self, outcomes: object) -> None:
        self.running = False
        done = [o for o in outcomes if isinstance(o, StampOutcome)] if isinstance(outcomes, list) else []
        trusted = sum(1 for o in done if o.added and o.trusted)
        untrusted = sum(1 for o in done if o.added and not o.trusted)
        if trusted:
            self.said.emit(self.tr("%n capture(s) got a trusted time-stamp.", "", trusted))
        elif untrusted:
            self.said.emit(self.tr("%n capture(s) got a time-stamp that is NOT trusted: its authority's root "
                                   "is not one this installation trusts.", "", untrusted))
        elif done:
            self.said.emit(self.tr("No trusted time-stamp could be had just now. Vidne will ask again later."))
        else:
            self.said.emit(self.tr("Every capture has its trusted time-stamp."))
        self.stamped.emit(trusted + untrusted)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.running = False
        log.warning("asking for pending time-stamps failed: %s", exc)
        self.said.emit(self.tr("Time-stamps could not be asked for now. Vidne will try again later."))
