"""Long work off the GUI thread: a plain-Python job runs on a QThread; results come back by signal.

Two shapes:

* ``JobRunner.start(job, ...)``: one job on its own thread (a capture, a verification, a note).
  The job is a plain object with ``run(progress) -> result`` and, optionally, ``cancel()``.
* ``BackgroundLoader``: one long-lived thread serving many small keyed requests (thumbnails,
  screenshot bands, status checks), newest request first, stale ones dropped.

Callbacks passed in must be methods of QObjects that live on the GUI thread: Qt then queues the call
onto the GUI thread, so widgets are only ever touched there.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThread, Signal, Slot

from capture.errors import CaptureError
from evidence_store.errors import StoreError

log = logging.getLogger(__name__)

Progress = Callable[[object], None]


class Job(Protocol):
    def run(self, progress: Progress) -> object: ...


class JobWorker(QObject):
    """Runs one job on the thread it was moved to. ``failed`` carries the exception itself; what the
    person reads is decided in one place (messages.py)."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job

    @Slot()
    def run(self) -> None:
        try:
            result = self.job.run(self.progress.emit)
        except (CaptureError, StoreError, OSError) as exc:
            log.info("%s ended: %s: %s", type(self.job).__name__, type(exc).__name__, exc)
            self.failed.emit(exc)
        except Exception as exc:
            log.exception("%s failed unexpectedly", type(self.job).__name__)
            self.failed.emit(exc)
        else:
            self.finished.emit(result)

    def cancel(self) -> None:
        cancel = getattr(self.job, "cancel", None)
        if callable(cancel):
            cancel()


class JobRunner(QObject):
    """Starts jobs on their own threads and keeps thread and worker alive until the thread ends."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: list[tuple[QThread, JobWorker]] = []

    def start(self, job: Job, *, finished: Callable[[Any], None] | None = None,
              failed: Callable[[Any], None] | None = None,
              progress: Callable[[Any], None] | None = None) -> JobWorker:
        """Run ``job``; the callbacks are connected before the thread starts, so none is missed."""
        thread = QThread()
        thread.setObjectName(f"vidne-{type(job).__name__}")
        worker = JobWorker(job)
        worker.moveToThread(thread)
        if progress is not None:
            worker.progress.connect(progress)
        if finished is not None:
            worker.finished.connect(finished)
        if failed is not None:
            worker.failed.connect(failed)
        worker.finished.connect(thread.quit)
        worker.failed.connect(thread.quit)
        thread.started.connect(worker.run)
        thread.finished.connect(self._reap)
        self._running.append((thread, worker))
        thread.start()
        return worker

    @Slot()
    def _reap(self) -> None:
        done = [(t, w) for t, w in self._running if t.isFinished()]
        for pair in done:
            self._running.remove(pair)

    def busy(self) -> bool:
        return any(t.isRunning() for t, _ in self._running)

    def shutdown(self, timeout_ms: int = 15_000) -> None:
        """Cancel what can be cancelled and wait for every thread to end (at application exit)."""
        for thread, worker in list(self._running):
            worker.cancel()
            thread.quit()
        for thread, _ in list(self._running):
            if not thread.wait(timeout_ms):
                log.error("thread %s did not stop in time", thread.objectName())
        self._running.clear()


class LatestFirstQueue:
    """Keyed requests, the newest served first; re-requesting a key moves it to the front; only the
    ``limit`` newest are kept (what scrolled out of view long ago is dropped). No Qt here."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._items: OrderedDict[Hashable, object] = OrderedDict()
        self._cond = threading.Condition()
        self._closed = False
        self._busy: Hashable | None = None     # the key being worked on: asking again is a no-op

    def put(self, key: Hashable, payload: object) -> None:
        with self._cond:
            if key == self._busy:
                return
            self._items.pop(key, None)
            self._items[key] = payload
            while len(self._items) > self._limit:
                self._items.popitem(last=False)
            self._cond.notify_all()     # the worker, and any loader waiting for this one to be idle

    def take(self) -> tuple[Hashable, object] | None:
        """The newest request, waiting for one; None once closed."""
        with self._cond:
            while not self._items and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            item = self._items.popitem(last=True)
            self._busy = item[0]
            return item

    def idle(self) -> None:
        """The worker finished its item."""
        with self._cond:
            self._busy = None
            self._cond.notify_all()

    def clear(self) -> None:
        with self._cond:
            self._items.clear()
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        return self._closed

    def wait_idle(self, timeout: float) -> bool:
        """Wait (at most ``timeout`` seconds) until nothing is waiting or being worked on; whether it is so
        (a closed queue is idle)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._closed or (not self._items and self._busy is None), timeout)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._items.clear()
            self._cond.notify_all()


class _LoaderWorker(QObject):
    done = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, queue: LatestFirstQueue, load: Callable[[Any], object],
                 after: LatestFirstQueue | None = None) -> None:
        super().__init__()
        self._queue = queue
        self._load = load
        self._after = after

    @Slot()
    def loop(self) -> None:
        while (item := self._queue.take()) is not None:
            if self._after is not None:     # the other loader's requests first (what the person waits for)
                while not self._after.wait_idle(0.1) and not self._queue.closed:
                    pass
                if self._queue.closed:
                    return
            key, payload = item
            try:
                result = self._load(payload)
            except Exception as exc:  # noqa: BLE001 — one unreadable file must not stop the loader
                log.warning("loading %s failed: %s: %s", key, type(exc).__name__, exc)
                self.failed.emit(key, str(exc))
            else:
                self.done.emit(key, result)
            self._queue.idle()      # after the result is on its way: asking meanwhile is a no-op


class BackgroundLoader(QObject):
    """One thread that runs ``load(payload)`` for keyed requests; ``done(key, result)`` on the GUI thread."""

    done = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, name: str, load: Callable[[Any], object], limit: int = 64,
                 parent: QObject | None = None, *, after: BackgroundLoader | None = None) -> None:
        """With ``after``, a request starts only while that loader has nothing to do: its work (quick, and
        what the person waits to see) goes first; both run in this one process, and share its interpreter."""
        super().__init__(parent)
        self._queue = LatestFirstQueue(limit)
        self._thread = QThread()
        self._thread.setObjectName(f"vidne-{name}")
        self._worker = _LoaderWorker(self._queue, load, after._queue if after is not None else None)
        self._worker.moveToThread(self._thread)
        self._worker.done.connect(self._relay_done)
        self._worker.failed.connect(self._relay_failed)
        self._thread.started.connect(self._worker.loop)
        self._thread.start(QThread.Priority.LowPriority)

    def request(self, key: Hashable, payload: object) -> None:
        self._queue.put(key, payload)

    def clear(self) -> None:
        self._queue.clear()

    def stop(self) -> None:
        self._queue.close()
        self._thread.quit()
        self._thread.wait(10_000)

    @Slot(object, object)
    def _relay_done(self, key: object, result: object) -> None:
        self.done.emit(key, result)

    @Slot(object, str)
    def _relay_failed(self, key: object, message: str) -> None:
        self.failed.emit(key, message)
