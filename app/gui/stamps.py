"""Trusted time-stamps that could not be had at capture time (offline, the service down), and better
ones for broken or untrusted stamps, are asked for when a store opens (once its list is shown: the round
reads every capture too) and whenever the person asks (File → Get missing time-stamps)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.gui.context import AppContext
from app.gui.runtime.jobs import StampPendingJob, StampRound

log = logging.getLogger(__name__)

AFTER_LISTING_MS = 2000     # the round a store's opening asks for starts this long after its list is shown


class PendingStamps(QObject):
    stamped = Signal(int)      # how many captures got a time-stamp (trusted or not)
    said = Signal(str)         # a line for the status bar
    answered = Signal(str)     # the same line, when the person asked (File → Get missing time-stamps)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.asked = False     # the person asked, so the answer is shown to them, not only in the status bar
        self._due = False      # a store opened: ask a little after its list is shown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.ask)
        ctx.storeOpened.connect(self._store_opened)
        ctx.listingShown.connect(self._listing_shown)

    def ask(self, asked: bool = False) -> bool:
        """Start asking, unless the store is not open or it is already asking. ``asked``: the person
        chose it, so the answer goes to them (``answered``) even when time-stamps are turned off."""
        store = self.ctx.store
        if self.running or store is None:
            return False
        if not self.ctx.settings.use_tsa:
            if asked:
                self.answered.emit(self.tr("Trusted time-stamps are turned off in the settings."))
            return False
        self.running, self.asked = True, asked
        self._timer.stop()         # this round is the one that was due
        self.ctx.jobs.start(StampPendingJob(store, self.ctx.settings), finished=self._done, failed=self._failed)
        return True

    @property
    def busy(self) -> bool:
        """A round runs, or is due to start."""
        return self.running or self._timer.isActive()

    @Slot()
    def ask_now(self) -> None:
        self.ask(asked=True)

    @Slot()
    def _store_opened(self) -> None:
        self._due = True

    @Slot()
    def _listing_shown(self) -> None:
        """Not at once: the first thumbnails and checks of the rows on screen come first (the round, the
        thumbnails and the checks share this process's interpreter)."""
        if self._due:
            self._due = False
            self._timer.start(AFTER_LISTING_MS)

    def _say(self, text: str) -> None:
        self.said.emit(text)
        if self.asked:
            self.answered.emit(text)
        self.asked = False

    @Slot(object)
    def _done(self, result: object) -> None:
        self.running = False
        if not isinstance(result, StampRound):
            return
        done = result.outcomes
        trusted = sum(1 for o in done if o.added and o.trusted)
        untrusted = sum(1 for o in done if o.added and not o.trusted)
        if trusted:
            self._say(self.tr("%n capture(s) got a trusted time-stamp.", "", trusted))
        elif untrusted:
            self._say(self.tr("%n capture(s) got a time-stamp that is NOT trusted: its authority's root "
                              "is not one this installation trusts.", "", untrusted))
        elif done:
            self._say(self.tr("No time-stamp service answered just now. Nothing is lost: Vidne asks again "
                              "by itself later."))
        elif result.captures == 0:
            self._say(self.tr("There is no evidence yet, so there is nothing to time-stamp."))
        else:
            self._say(self.tr("Every capture has its trusted time-stamp."))
        self.stamped.emit(trusted + untrusted)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.running = False
        log.warning("asking for pending time-stamps failed: %s", exc)
        self._say(self.tr("Time-stamps could not be asked for now. Vidne will try again later."))
