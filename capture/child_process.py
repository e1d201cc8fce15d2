"""Running a capture in a child process, so that a hard time limit and Cancel always work.

Playwright calls can block inside the browser (a page that never finishes a snapshot, a download
that never ends). The child runs ``capture_page``; the parent forwards its steps, and kills the
child and its browser when the time limit (plus a short grace) passes or the person cancels.
A child whose parent dies exits on its own. The browser works in a folder of the capture's own and
is ended with it on every path, a killed Vidne included (capture/browser/lifetime.py).

``WarmBrowser`` keeps one such child, with its browser, running for a series of captures (a batch,
re-checks and watches, the desktop app): each capture gets a fresh, empty browser context (or a tab of
Vidne's profile), keeps its own time limit and Cancel, and a capture that overruns, is cancelled or
loses its browser takes the child and browser with it; the next capture starts new ones.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import multiprocessing
import os
import queue
import secrets
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from capture import errors
from capture.browser.lifetime import BrowserLifetime, enter_work_folder, resident_bytes
from capture.result import CaptureOptions, CaptureResult, Step

log = logging.getLogger(__name__)

NICE = 5                  # a capture's processes give way to the desktop's (Unix nice): see _give_way
GRACE_SECONDS = 10.0      # beyond the capture's own limit, for the child to wind down by itself
POLL_SECONDS = 0.1


def run_capture(options: CaptureOptions, out_dir: Path, *, on_step: Callable[[Step], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> CaptureResult:
    """Capture in a child process. Same contract as ``capture_page``; the limit is enforced by force."""
    ctx = multiprocessing.get_context("spawn")
    lifetime = BrowserLifetime(out_dir, ctx)
    lifetime.start()
    channel: Any = ctx.Queue()
    child = ctx.Process(target=_child_main, name="vidne-capture", daemon=True,
                        args=(options, str(out_dir), (str(lifetime.work), str(lifetime.browser_tmp)), channel,
                              os.getpid()))
    try:
        child.start()
    except BaseException:
        lifetime.end()
        raise
    lifetime.watch(child.pid)
    try:
        return _wait(child, channel, options, on_step, cancelled)
    finally:
        _stop(child)
        lifetime.end()          # the browser and its folder go with the child, whatever happened
        channel.close()
        channel.join_thread()


def _wait(child: Any, channel: Any, options: CaptureOptions, on_step: Callable[[Step], None] | None,
          cancelled: Callable[[], bool] | None, *, extra_s: float = 0.0) -> CaptureResult:
    """Forward the child's steps until its result or error comes; Cancel, the limit (plus a grace, plus
    ``extra_s`` for starting a browser) and a dead child end the wait with the error that says so."""
    hard_end = time.monotonic() + options.timeout_s + GRACE_SECONDS + extra_s
    while True:
        if cancelled is not None and cancelled():
            raise errors.CaptureCancelled("The capture was cancelled. Nothing was saved.")
        if time.monotonic() > hard_end:
            raise errors.CaptureTimedOut(
                f"The capture took longer than its limit of {options.timeout_s:.0f} seconds and was "
                "stopped. Nothing was saved. Try again.")
        try:
            kind, payload = channel.get(timeout=POLL_SECONDS)
        except queue.Empty:
            if not child.is_alive():
                raise errors.CaptureFailed(
                    f"The capture process ended unexpectedly (exit code {child.exitcode}). Nothing "
                    "was saved. Try again; if it happens again, see the log.") from None
            continue
        if kind == "step" and on_step is not None:
            on_step(payload)
        elif kind == "result":
            return payload  # type: ignore[no-any-return,unused-ignore]
        elif kind == "trace":
            log.error("the capture process failed:\n%s", payload)
        elif kind == "error":
            name, code, message = payload
            err = errors.rebuild(name, code, message)
            err.from_child = True       # the child ended this capture itself and can take the next one
            raise err


def _stop(child: Any) -> None:
    if child.is_alive():
        child.terminate()        # the child's Playwright driver then closes its browser
        child.join(3)
    if child.is_alive():
        child.kill()
        child.join(3)


def _give_way() -> None:
    """Lower this process's CPU priority, and so its browser's (they inherit it): where the cores are few, a
    browser rendering a tall page kept the app's own thread waiting for a CPU for 100-400 ms (the window
    froze). The capture loses nothing when the machine is otherwise idle. Unix only (os.nice). A browser
    run as root raises its own display threads again (Chromium: nice -8); a normal user's cannot."""
    if hasattr(os, "nice"):
        try:
            os.nice(NICE)
        except OSError as err:
            log.info("could not lower the capture's priority: %s", err)


def _child_main(options: CaptureOptions, out_dir: str, work: tuple[str, str], channel: Any,
                parent_pid: int) -> None:
    enter_work_folder(Path(work[0]), Path(work[1]))   # before Playwright: its profile goes there, not to /tmp
    _give_way()
    from capture.engine import capture_page  # imported here: only the child needs Playwright

    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    try:
        _report(channel, out_dir, lambda: capture_page(options, Path(out_dir),
                                                       on_step=lambda s: channel.put(("step", s))))
    finally:
        channel.close()
        channel.join_thread()


def _report(channel: Any, out_dir: str, capture: Callable[[], CaptureResult]) -> None:
    """Run one capture in the child and send its result, or its error in words with its code."""
    try:
        channel.put(("result", capture()))
    except errors.CaptureError as err:
        channel.put(("error", (type(err).__name__, err.code, str(err))))
    except OSError as err:      # the disk: full, read-only, no permission - said plainly, traceback to the log
        channel.put(("trace", traceback.format_exc()))
        code, message = disk_problem(err, out_dir)
        channel.put(("error", ("CaptureFailed", code, message)))
    except Exception as err:  # noqa: BLE001 - sent to the parent, which logs the traceback (the child has no log)
        channel.put(("trace", traceback.format_exc()))
        channel.put(("error", ("CaptureFailed", "capture_failed", f"The capture failed unexpectedly: {err}")))


def disk_problem(err: OSError, out_dir: str) -> tuple[str, str]:
    """(code, message) for a capture that could not write its files."""
    if err.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "disk_full", ("The disk is full, so the capture could not be saved. Nothing was saved. Free some "
                             "space on the disk that holds the evidence folder and try again.")
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "not_writable", (f"The capture could not be written to {out_dir} ({err.strerror}): the evidence "
                                "folder is read-only or you may not write to it. Nothing was saved. Choose "
                                "another evidence folder or ask for write access.")
    return "capture_failed", f"The capture could not save its files ({err.strerror or err}). Nothing was saved."


def _exit_with_parent(parent_pid: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:
            os._exit(3)


# --- the warm browser -------------------------------------------------------------------------------
WARM_PREFIX = "warm-"
START_SECONDS = 60.0      # a browser start is allowed this long beyond a capture's own limit
NEXT_AT_ONCE_S = 0.0      # the next capture's context is opened ahead at once: in a batch, while the parent seals


def _key(options: CaptureOptions) -> tuple[Any, ...]:
    """What a running browser must match to take a capture: the browser, and for Vidne's profile (one
    context for all its captures) the context's settings too."""
    if options.profile_dir:
        return (options.browser_path, options.profile_dir, options.viewport_width, options.viewport_height,
                options.allow_invalid_tls)
    return (options.browser_path, None)


class _Worker:
    """One capture child that keeps its browser: started, given captures one at a time, ended."""

    def __init__(self, root: Path, options: CaptureOptions) -> None:
        self.key = _key(options)
        ctx = multiprocessing.get_context("spawn")
        folder = root / f"{WARM_PREFIX}{secrets.token_hex(6)}"
        folder.mkdir(mode=0o700, parents=True)
        self.folder = folder
        self.lifetime = BrowserLifetime(folder / "artifacts", ctx)    # its browser folder: <folder>/browser
        self.lifetime.start()
        self.jobs: Any = ctx.Queue()
        self.channel: Any = ctx.Queue()
        self.child = ctx.Process(target=_warm_main, name="vidne-warm-browser", daemon=True,
                                 args=(options, (str(self.lifetime.work), str(self.lifetime.browser_tmp)),
                                       self.jobs, self.channel, os.getpid()))
        try:
            self.child.start()
        except BaseException:
            self.end()
            raise
        self.lifetime.watch(self.child.pid)
        self.fresh = True         # the first capture also waits for the browser to start

    def capture(self, options: CaptureOptions, out_dir: Path, on_step: Callable[[Step], None] | None,
                cancelled: Callable[[], bool] | None) -> CaptureResult:
        self.jobs.put((options, str(out_dir)))
        extra, self.fresh = (START_SECONDS if self.fresh else 0.0), False
        return _wait(self.child, self.channel, options, on_step, cancelled, extra_s=extra)

    def alive(self) -> bool:
        return bool(self.child.is_alive())

    def end(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.jobs.put(None)
        if self.child.pid is not None:
            self.child.join(5)        # a normal end: the child closes its browser itself
        _stop(self.child)
        self.lifetime.end()
        for q in (self.jobs, self.channel):
            q.close()
            q.cancel_join_thread()
        with contextlib.suppress(OSError):
            self.folder.rmdir()


class WarmBrowser:
    """One browser kept running for a series of captures, in folders of its own under ``root``
    (``<root>/warm-<random>/browser/``, ended like a capture's: capture/browser/lifetime.py).

    ``capture`` has the contract of ``run_capture``. Captures run one at a time; each gets a fresh, empty
    browser context (or a tab of Vidne's profile), so no cookie, storage or cache passes from one to the
    next. A capture that overruns its limit, is cancelled or loses its process ends the browser; the next
    one starts a new one. A browser that died between captures is started again by the next capture.
    With ``idle_seconds`` the browser is ended after that long without a capture (started again when needed).
    """

    def __init__(self, root: Path, *, idle_seconds: float | None = None) -> None:
        self.root = Path(root)
        self.idle_seconds = idle_seconds
        self._lock = threading.RLock()
        self._worker: _Worker | None = None
        self._last_used = time.monotonic()
        self._closed = threading.Event()
        if idle_seconds is not None:
            threading.Thread(target=self._idle_watch, name="vidne-warm-idle", daemon=True).start()

    def __enter__(self) -> WarmBrowser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def running(self) -> bool:
        worker = self._worker
        return worker is not None and worker.alive()

    def start(self, browser_path: str | None = None, profile_dir: str | None = None) -> None:
        """Start the browser now, in the background (returns at once): the first capture then finds it
        running. Does nothing while a capture runs or a browser is up, or once closed."""
        if not self._lock.acquire(blocking=False):
            return
        try:
            if not self.running and not self._closed.is_set():
                self._replace(CaptureOptions(url="about:blank", browser_path=browser_path, profile_dir=profile_dir))
        finally:
            self._lock.release()

    def capture(self, options: CaptureOptions, out_dir: Path, *, on_step: Callable[[Step], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> CaptureResult:
        with self._lock:
            if self._closed.is_set():
                raise errors.CaptureFailed("Vidne's browser was closed. Nothing was saved. Try again.")
            worker = self._worker
            if worker is None or worker.key != _key(options) or not worker.alive():
                worker = self._replace(options)
            try:
                return worker.capture(options, out_dir, on_step, cancelled)
            except errors.CaptureError as err:
                if not err.from_child:   # Cancel, the limit, a lost child: end it all
                    self._end_worker()
                raise
            except BaseException:
                self._end_worker()      # interrupted mid-capture: its browser may still be at work
                raise
            finally:
                self._last_used = time.monotonic()

    def _replace(self, options: CaptureOptions) -> _Worker:
        self._end_worker()
        self._worker = _Worker(self.root, options)
        self._last_used = time.monotonic()
        return self._worker

    def _end_worker(self) -> None:
        worker = self._worker
        try:
            if worker is not None:
                worker.end()
        finally:
            self._worker = None

    def close(self) -> None:
        """End the browser and its folders (a capture running now is waited for)."""
        self._closed.set()
        with self._lock:
            self._end_worker()

    def close_if_idle(self, seconds: float) -> bool:
        """End the browser when no capture used it for ``seconds``; whether it was ended."""
        if not self._lock.acquire(blocking=False):
            return False          # a capture runs
        try:
            if self._worker is None or time.monotonic() - self._last_used < seconds:
                return False
            self._end_worker()
            log.info("the warm browser was idle for %.0f s and was closed", seconds)
            return True
        finally:
            self._lock.release()

    def _idle_watch(self) -> None:
        seconds = float(self.idle_seconds or 0)
        while not self._closed.wait(min(max(seconds / 4, 0.2), 15.0)):
            self.close_if_idle(seconds)

    def resident_bytes(self) -> int | None:
        """The memory the browser and its capture process use now (their proportional set size, Linux);
        None when it is not running or the system does not tell."""
        worker = self._worker
        if worker is None or not worker.alive():
            return None
        return resident_bytes(str(worker.lifetime.work), also=(worker.child.pid,))


def _warm_main(first: CaptureOptions, work: tuple[str, str], jobs: Any, channel: Any, parent_pid: int) -> None:
    """The warm child: start the browser once, then capture what comes, each in a session of its own."""
    enter_work_folder(Path(work[0]), Path(work[1]))
    _give_way()
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    from playwright.sync_api import sync_playwright

    from capture.browser.find import find_browser
    from capture.browser.profile import launch_browser
    from capture.engine import capture_page

    try:
        with sync_playwright() as pw:
            failure: Exception | None = None
            try:                                   # the browser starts now, before the first capture asks
                start = partial(launch_browser, pw, find_browser(pw, first.browser_path), first, START_SECONDS * 1000)
                launched = replace(start(), restart=start)     # and again if it dies between captures
            except Exception as err:  # noqa: BLE001 - reported as the first capture's error; the child ends
                failure = err
            options = first

            def prepare() -> None:              # the next capture's fresh context, while nothing waits
                if failure is None:
                    launched.prepare(options)

            while (job := _next_job(jobs, prepare)) is not None:
                options, out_dir = job
                if failure is not None:
                    _report(channel, out_dir, partial(_raise, failure))
                    return
                _report(channel, out_dir, partial(capture_page, options, Path(out_dir), launched=launched,
                                                  on_step=lambda s: channel.put(("step", s))))
            if failure is None and launched.alive():
                launched.close()      # Vidne's profile keeps what it should (cookies) on a normal close
    finally:
        channel.close()
        channel.join_thread()


def _next_job(jobs: Any, idle: Callable[[], object]) -> Any:
    """The next capture (None: the end). When none is waiting, ``idle`` first opens the next capture's
    fresh context: in the app and for watches before a person or a clock asks, in a batch while the parent
    seals the capture before."""
    try:
        return jobs.get(timeout=NEXT_AT_ONCE_S)
    except queue.Empty:
        idle()
    return jobs.get()


def _raise(err: BaseException) -> CaptureResult:
    raise err
