"""The due watches run while the app is open: once a minute, off the GUI thread through the app's job
runner, the same ``run_due`` as ``vidne watch --run-due``, in the app's warm browser. Never two runs at
once, never while a capture or the log-in window runs (a capture that starts stops the run; the watch it
was checking stays due), and a run already under way elsewhere on the store (cron) is left to do the
checks. When a followed post changed, disappeared or asks for a log-in, a calm line says so in the
status bar, once (not again while it stays so), and the evidence list shows the new bundles.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from app.gui.context import AppContext
from app.gui.text import fill, plain, site_of, tooltip_html
from app.overtime.watches import ENDED_GONE, WatchesBusy, WatchResult, add_watch, run_due, stop_watch
from app.overtime.watchlist import Watch, read_watches
from app.settings import Settings
from capture.child_process import WarmBrowser
from evidence_store import Store
from evidence_store.errors import StoreError

log = logging.getLogger(__name__)

INTERVAL_MS = 60_000             # how often the app looks for due watches
NOTABLE = ("changed", "gone", "login_needed")


@dataclass(frozen=True)
class WatchNews:
    """One check's result, with the followed capture's title (read in the worker, shown as plain text)."""

    result: WatchResult
    title: str


@dataclass(frozen=True)
class WatchRun:
    news: list[WatchNews]
    watches: list[Watch]
    thread: str                    # the thread it ran on (never the GUI's)


class RunDueJob:
    """``run_due`` as the command line runs it; ``cancel()`` stops it between (or inside) checks."""

    def __init__(self, store: Store, settings: Settings, warm: WarmBrowser | None = None) -> None:
        self.store, self.settings, self.warm = store, settings, warm
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self, progress: Any) -> WatchRun:
        results = run_due(self.store, self.settings, cancelled=self._cancelled.is_set, on_result=progress,
                          warm=self.warm)
        return WatchRun([WatchNews(r, self._title(r.watch)) for r in results], read_watches(self.store.root),
                        QThread.currentThread().objectName())

    def _title(self, capture_id: str) -> str:
        try:
            return self.store.get(capture_id).title or ""
        except StoreError:
            return ""


class ChangeWatchJob:
    """Follow a capture every ``every_s`` seconds, or stop following it (``every_s`` None)."""

    def __init__(self, store: Store, capture_id: str, every_s: int | None) -> None:
        self.store, self.capture_id, self.every_s = store, capture_id, every_s

    def run(self, progress: Any) -> list[Watch]:
        if self.every_s is None:
            stop_watch(self.store, self.capture_id)
        else:
            add_watch(self.store, self.capture_id, self.every_s)
        return read_watches(self.store.root)


class ReadWatchesJob:
    def __init__(self, store: Store) -> None:
        self.store = store

    def run(self, progress: Any) -> list[Watch]:
        return read_watches(self.store.root)


class Watching(QObject):
    """Runs the due watches while the window is open and keeps what is followed for the actions."""

    changed = Signal()             # the watches were read again (``watched`` is new)
    news = Signal(str)             # a calm line about followed posts, also shown in the status bar
    finished = Signal(object)      # a WatchRun, after each run

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.watched: dict[str, Watch] = {}      # the active watches, by capture id
        self.loaded = False                       # ``watched`` has been read from the store
        self.job: RunDueJob | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.tick)
        self.label = QLabel()
        self.label.setObjectName("muted")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self._last: list[WatchNews] = []
        capture = getattr(window, "capture", None)
        if capture is not None and hasattr(capture, "captureStarted"):
            capture.captureStarted.connect(self._capture_started)
        window.installEventFilter(self)
        ctx.storeOpened.connect(self._store_opened)
        if ctx.store is not None:
            self._store_opened()

    @property
    def running(self) -> bool:
        return self.job is not None

    def _browser_busy(self) -> bool:
        """A capture or the log-in window uses the browser (and its profile) now."""
        return any(bool(getattr(getattr(self.window, part, None), "running", False)) for part in ("capture", "login"))

    @Slot()
    def _store_opened(self) -> None:
        self.timer.start()
        self.reload()

    def reload(self) -> None:
        if self.ctx.store is not None:
            self.ctx.jobs.start(ReadWatchesJob(self.ctx.store), finished=self._read, failed=self._read_failed)

    @Slot()
    def tick(self) -> bool:
        """Start a run of the due watches unless one runs, a capture or the log-in window runs, or the store
        is not open."""
        store = self.ctx.store
        if self.job is not None or store is None or self._browser_busy():
            return False
        self.job = RunDueJob(store, self.ctx.settings, self.ctx.warm)     # the app's warm browser, if it has one
        self.ctx.jobs.start(self.job, finished=self._ran, failed=self._failed)
        return True

    @Slot()
    def _capture_started(self) -> None:
        if self.job is not None:
            log.info("watches: a capture started, so the run of due watches stops (they stay due)")
            self.job.cancel()

    @Slot(object)
    def _ran(self, run: object) -> None:
        self.job = None
        if not isinstance(run, WatchRun):
            return
        self._read(run.watches)
        if any(n.result.recheck for n in run.news):
            self.ctx.evidenceChanged.emit()          # the list shows the new re-check bundles
        notable = [n for n in run.news if (n.result.news and n.result.outcome in NOTABLE)
                   or n.result.ended == ENDED_GONE]       # told once: not again while the post stays so
        if notable:
            self._last = notable
            self._say(announce=True)
        self.finished.emit(run)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.job = None
        if isinstance(exc, WatchesBusy):
            log.info("watches: another run is under way on this store; it does the checks")
        else:
            log.warning("watches: the due watches could not be run: %s", exc)

    @Slot(object)
    def _read(self, watches: object) -> None:
        if isinstance(watches, list):
            self.watched = {w.id: w for w in watches if isinstance(w, Watch) and w.active}
            self.loaded = True
            self.changed.emit()

    @Slot(object)
    def _read_failed(self, exc: object) -> None:
        log.warning("watches: the list of watches cannot be read: %s", exc)

    def set_watched(self, watches: list[Watch]) -> None:
        self._read(watches)

    def _say(self, *, announce: bool = False) -> None:
        if not self._last:
            return
        lines = [self.news_line(n) for n in self._last]
        text = lines[0] if len(lines) == 1 else fill(self.tr(
            "Posts you follow changed or could not be seen (%1 checks). The checks are saved as evidence; "
            "the list shows them."), len(lines))
        self.label.setText(text)
        self.label.setToolTip(tooltip_html(*lines, limit=400))
        self.label.show()
        if announce:
            self.window.statusBar().showMessage(text, 60_000)
            self.news.emit(text)

    def news_line(self, news: WatchNews) -> str:
        """The calm sentence for one check (the page's title is shown as plain text)."""
        result = news.result
        name = plain(news.title, 60) or site_of(result.url)
        if result.ended == ENDED_GONE:
            template = self.tr("The post you follow (%1) has been gone three checks in a row, so Vidne stopped "
                               "following it. Every check is saved as evidence.")
        elif result.outcome == "gone":
            template = self.tr("The post you follow (%1) could not be found just now. The check is saved as "
                               "evidence; Vidne looks again later.")
        elif result.outcome == "login_needed":
            template = self.tr("The post you follow (%1) now asks to log in. The check is saved as evidence.")
        else:
            template = self.tr("The post you follow (%1) has changed. The new version is saved as evidence.")
        return fill(template, name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.LanguageChange and self.label.isVisible():
            self._say()
        return False

    def stop(self) -> None:
        self.timer.stop()
        if self.job is not None:
            self.job.cancel()
