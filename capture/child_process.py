"""Running a capture in a child process, so that a hard time limit and Cancel always work.

Playwright calls can block inside the browser (a page that never finishes a snapshot, a download
that never ends). The child runs ``capture_page``; the parent forwards its steps, and kills the
child and its browser when the time limit (plus a short grace) passes or the person cancels.
A child whose parent dies exits on its own. The browser works in a folder of the capture's own and
is ended with it on every path, a killed Vidne included (capture/browser/lifetime.py).
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import os
import queue
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from capture import errors
from capture.browser.lifetime import BrowserLifetime, enter_work_folder
from capture.result import CaptureOptions, CaptureResult, Step

log = logging.getLogger(__name__)

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
    hard_end = time.monotonic() + options.timeout_s + GRACE_SECONDS
    try:
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
                raise errors.rebuild(name, code, message)
    finally:
        _stop(child)
        lifetime.end()          # the browser and its folder go with the child, whatever happened
        channel.close()
        channel.join_thread()


def _stop(child: Any) -> None:
    if child.is_alive():
        child.terminate()        # the child's Playwright driver then closes its browser
        child.join(3)
    if child.is_alive():
        child.kill()
        child.join(3)


def _child_main(options: CaptureOptions, out_dir: str, work: tuple[str, str], channel: Any,
                parent_pid: int) -> None:
    enter_work_folder(Path(work[0]), Path(work[1]))   # before Playwright: its profile goes there, not to /tmp
    from capture.engine import capture_page  # imported here: only the child needs Playwright

    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    try:
        result = capture_page(options, Path(out_dir), on_step=lambda s: channel.put(("step", s)))
        channel.put(("result", result))
    except errors.CaptureError as err:
        channel.put(("error", (type(err).__name__, err.code, str(err))))
    except OSError as err:      # the disk: full, read-only, no permission - said plainly, traceback to the log
        channel.put(("trace", traceback.format_exc()))
        code, message = disk_problem(err, out_dir)
        channel.put(("error", ("CaptureFailed", code, message)))
    except Exception as err:  # noqa: BLE001 - sent to the parent, which logs the traceback (the child has no log)
        channel.put(("trace", traceback.format_exc()))
        channel.put(("error", ("CaptureFailed", "capture_failed", f"The capture failed unexpectedly: {err}")))
    finally:
        channel.close()
        channel.join_thread()


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
