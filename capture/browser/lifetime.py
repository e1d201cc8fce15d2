"""The browser's lifetime is Vidne's: no browser and no browser profile outlives the capture.

Every capture's browser works in a folder of the capture's own, ``browser/`` beside the ``artifacts/``
folder it fills (``<store>/staging/<capture-id>/browser/``, never the system temporary folder).
``browser/tmp/`` is the temporary folder of the capture child, Playwright's driver and Chromium: the
fresh profile Playwright makes (``playwright_chromiumdev_profile-*``, with the page's cookies and
cache), its download and artifact folders. A logged-in capture uses Vidne's own profile instead,
and only the temporary files go here.

Chromium itself needs a temporary folder with a short path: it puts the socket that keeps one browser
per profile there, and a socket path may not be longer than about 100 characters. Where
``browser/tmp`` is short enough, Chromium uses it too; otherwise it gets a folder of its own in the
system temporary folder (``vidne-*``, holding only that socket and shared-memory files, no page data),
with a file ``owner`` naming the capture's browser folder, and it goes the same way as the browser.

Every process started for the capture carries ``VIDNE_BROWSER_WORK=<that folder>`` in its
environment, so it can be found (Linux: ``/proc/<pid>/environ``) whatever process group or session it
put itself in: Playwright starts Chromium in a session of its own, out of reach of a kill of Vidne's
process group. A marked process that leads its process group is ended with its whole group (Chromium's
zygote, renderers and utility processes have a changed environment but stay in its group).

The browser and its folders are ended:

- when the capture ends, is cancelled or times out: ``BrowserLifetime.end`` kills what is left and
  removes the folder;
- when Vidne itself dies (killed, crashed): a watchdog process, in a session of its own, holds one end
  of a pipe from Vidne. When the pipe closes without a word, it kills the capture child and every
  marked process at once, and removes Chromium's folder in the system temporary folder. It leaves
  the folder in staging: a store opened meanwhile removes the capture's staging folder, and two
  removers at once would trip each other;
- at the next start: ``clean_leftovers(staging)`` kills the marked processes of captures whose owner is
  gone and removes their folders (the store removes the rest of the staging folder).

Where there is no ``/proc`` (Windows, macOS) the folder and its cleaning work, but processes are not
found; on Windows a job object would tie the browser to Vidne (not done).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

log = logging.getLogger(__name__)

MARKER = "VIDNE_BROWSER_WORK"
BROWSER_TMP = "VIDNE_BROWSER_TMP"   # the temporary folder Chromium itself gets
WORK_NAME = "browser"               # beside the capture's artifacts folder
OWNER_LOCK = ".owner"               # held by the Vidne process that runs the capture
OWNER_FILE = "owner"                # in Chromium's own folder in the system temporary folder
SHORT_PREFIX = "vidne-"
SHORT_ENOUGH = 50                   # + "/org.chromium.Chromium.XXXXXX/SingletonSocket" stays under 104
KILL_SECONDS = 10.0
READY_SECONDS = 30.0
POLL_SECONDS = 0.02

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def work_folder(out_dir: Path) -> Path:
    """The browser's folder for a capture that writes its artifacts into ``out_dir``."""
    return out_dir.resolve().parent / WORK_NAME


def enter_work_folder(work: Path, browser_tmp: Path) -> None:
    """In the capture child, before Playwright starts: mark every process started from here on, and
    send every temporary file (Playwright's profile too) into ``work/tmp``."""
    os.environ[MARKER] = str(work)
    os.environ[BROWSER_TMP] = str(browser_tmp)
    for name in ("TMPDIR", "TEMP", "TMP"):
        os.environ[name] = str(work / "tmp")
    tempfile.tempdir = None          # Python's own temporary files too


def held_env(lifetime: BrowserLifetime) -> dict[str, str | float | bool]:
    """The environment to start a browser with that ``lifetime`` holds (outside a capture child: the
    log-in window): marked as that folder's, its temporary files in it."""
    folder = str(lifetime.browser_tmp)
    return {**os.environ, MARKER: str(lifetime.work), "TMPDIR": folder, "TEMP": folder, "TMP": folder}


def browser_env() -> dict[str, str | float | bool] | None:
    """The environment to start Chromium with (Playwright's ``env``); None outside a capture child."""
    folder = os.environ.get(BROWSER_TMP)
    if not folder or MARKER not in os.environ:
        return None
    return {**os.environ, "TMPDIR": folder, "TEMP": folder, "TMP": folder}


# --- finding and ending processes (Linux: /proc) ----------------------------------------------------
def _marked() -> Iterator[tuple[int, str]]:
    """(pid, its VIDNE_BROWSER_WORK) of every process that carries the marker and is not a zombie."""
    prefix = MARKER.encode() + b"="
    try:
        entries = os.listdir("/proc")
    except OSError:
        return
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as fh:
                env = fh.read()
        except OSError:        # gone, or not ours to read
            continue
        for item in env.split(b"\0"):
            if item.startswith(prefix):
                yield int(entry), os.fsdecode(item[len(prefix):])
                break


def start_time(pid: int) -> int | None:
    """When process ``pid`` started (clock ticks since boot), to tell it from a later one with its
    number; None when it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] in (b"Z", b"X") else int(fields[19])


def _kill(pid: int) -> int | None:
    """SIGKILL ``pid``, with its whole process group when it leads one; the group killed, if any."""
    try:
        group = os.getpgid(pid)
        if group == pid and group != os.getpgrp():
            os.killpg(group, signal.SIGKILL)       # the browser with its zygote, renderers, utilities
            return group
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    return None


def _group_alive(group: int) -> bool:
    """Whether any process of ``group`` still runs (zombies do not count: they hold nothing)."""
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.isdigit() and fields[2] == str(group) and fields[0] not in ("Z", "X"):
            return True
    return False


def end_processes(belongs: Callable[[str], bool], *, also: tuple[tuple[int, int], ...] = (),
                  seconds: float = KILL_SECONDS) -> list[int]:
    """Kill every marked process whose folder ``belongs``, and the processes ``also`` (pid, start time),
    until none is left or ``seconds`` pass. Returns the pids killed."""
    if not hasattr(os, "killpg"):
        return []
    killed: list[int] = []
    groups: set[int] = set()
    end = time.monotonic() + seconds
    while True:
        found = [pid for pid, folder in _marked() if belongs(folder) and pid != os.getpid()]
        found += [pid for pid, started in also if start_time(pid) == started]
        groups = {group for group in groups if _group_alive(group)}
        if not found and not groups:        # every marked process and every member of their groups gone
            return killed
        for pid in found:
            if (group := _kill(pid)) is not None:
                groups.add(group)
        killed += [pid for pid in found if pid not in killed]
        if time.monotonic() > end:
            log.error("processes of a capture's browser would not end: %s", found)
            return killed
        time.sleep(POLL_SECONDS)


# --- the capture's side: folder, owner lock, watchdog -----------------------------------------------
class BrowserLifetime:
    """The browser folder of one capture, held for as long as the capture runs, and its watchdog."""

    def __init__(self, out_dir: Path, ctx: Any) -> None:
        self.work = work_folder(out_dir)
        self._ctx = ctx
        self._lock_fd: int | None = None
        self._watchdog: Any = None
        self._conn: Any = None
        self._ready = False
        self.browser_tmp = self.work / "tmp"

    def start(self) -> None:
        """Make the folders, lock them as this process's, and start the watchdog."""
        self.work.mkdir(mode=0o700)
        try:
            self._start()
        except BaseException:
            self.end()
            raise

    def _start(self) -> None:
        self._lock_fd = os.open(self.work / OWNER_LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0),
                                0o600)
        _try_lock(self._lock_fd)
        (self.work / "tmp").mkdir(mode=0o700)
        self.browser_tmp = self.work / "tmp"
        if len(str(self.browser_tmp)) > SHORT_ENOUGH and sys.platform != "win32":
            self.browser_tmp = Path(tempfile.mkdtemp(prefix=SHORT_PREFIX))
            fd = os.open(self.browser_tmp / OWNER_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(str(self.work))
        if not hasattr(os, "setsid"):
            return
        here, there = self._ctx.Pipe()
        self._watchdog = self._ctx.Process(target=_watch, args=(str(self.work), str(self.browser_tmp), there),
                                           name="vidne-watchdog", daemon=True)
        self._watchdog.start()
        there.close()
        self._conn = here

    def watch(self, pid: int | None) -> None:
        """Wait until the watchdog runs (it starts alongside the capture child), then tell it the child's pid."""
        if self._conn is not None and not self._ready:
            self._ready = True
            try:
                ready = self._conn.poll(READY_SECONDS) and self._conn.recv() == "ready"
            except (EOFError, OSError):
                ready = False
            if not ready:
                log.warning("the browser watchdog did not start; a browser left by a crash is ended at the "
                            "next start")
        started = start_time(pid) if pid is not None else None
        if self._conn is not None and started is not None:
            self._conn.send(("child", pid, started))

    def end(self) -> None:
        """Kill the browser's processes, remove the folder, let the watchdog go."""
        try:
            killed = end_processes(lambda folder: folder == str(self.work))
            if killed:
                log.info("ended %d process(es) left by the capture's browser", len(killed))
            if sys.platform == "win32":      # Windows removes no file that is open
                self._unlock()
            remove_folder(self.browser_tmp)
            remove_folder(self.work)
        finally:
            if self._conn is not None:
                try:
                    self._conn.send("done")
                except OSError:
                    pass
                self._conn.close()
            if self._watchdog is not None:
                self._watchdog.join(5)
                if self._watchdog.is_alive():
                    self._watchdog.kill()
                    self._watchdog.join(2)
            self._unlock()

    def _unlock(self) -> None:
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            os.close(fd)


def remove_folder(work: Path) -> None:
    """Remove a browser folder; a failure is logged, and the next start tries again."""
    def gone_already(function: Any, path: str, exc_info: Any) -> None:
        if not isinstance(exc_info[1], FileNotFoundError):
            raise exc_info[1]

    for attempt in range(5):     # Windows holds a dead browser's files open for a moment
        try:
            shutil.rmtree(work, onerror=gone_already)
            return
        except FileNotFoundError:
            return
        except OSError as err:
            if attempt == 4:
                log.error("the browser folder %s could not be removed: %s", work, err)
                return
            time.sleep(0.2)


class _Stop(Exception):
    pass


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stop


def _watch(work: str, browser_tmp: str, conn: Any) -> None:
    """The watchdog: waits for Vidne; if Vidne goes without saying "done", ends the capture's processes."""
    os.setsid()          # a session of its own: a kill of Vidne's process group does not reach it
    signal.signal(signal.SIGTERM, _stop)      # how Vidne, exiting normally, ends its daemon processes
    also: tuple[tuple[int, int], ...] = ()
    try:
        conn.send("ready")
        while True:
            message = conn.recv()
            if message == "done":
                return
            if isinstance(message, tuple) and message[0] == "child":
                also = ((int(message[1]), int(message[2])),)
    except (EOFError, OSError, _Stop):
        pass            # Vidne is gone
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    end_processes(lambda folder: folder == work, also=also)
    if not Path(browser_tmp).is_relative_to(work):
        remove_folder(Path(browser_tmp))


# --- the next start ---------------------------------------------------------------------------------
def clean_leftovers(staging_dir: Path) -> list[str]:
    """End the browsers of captures whose Vidne is gone, and remove their folders; the names of the
    captures cleaned. Captures running in another Vidne are left alone."""
    root = str(staging_dir.resolve() if staging_dir.exists() else staging_dir)
    prefix = root.rstrip(os.sep) + os.sep
    cleaned: set[str] = set()

    def abandoned(folder: str) -> bool:
        if not folder.startswith(prefix):
            return False
        gone = _owner_gone(Path(folder))
        if gone:
            cleaned.add(Path(folder).parent.name)
        return gone

    killed = end_processes(abandoned)
    if killed:
        log.warning("ended %d browser process(es) left by interrupted captures", len(killed))
    for short in sorted(Path(tempfile.gettempdir()).glob(f"{SHORT_PREFIX}*")):
        try:
            owner = (short / OWNER_FILE).read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue            # not Vidne's, or not a browser's
        if owner.startswith(prefix) and _owner_gone(Path(owner)):
            remove_folder(short)
            cleaned.add(Path(owner).parent.name)
    if staging_dir.is_dir():
        for work in sorted(staging_dir.glob(f"*/{WORK_NAME}")):
            if work.is_dir() and not work.is_symlink() and _owner_gone(work):
                log.warning("removing the browser folder of interrupted capture %s", work.parent.name)
                remove_folder(work)
                with contextlib.suppress(OSError):      # a log-in window's run folder holds nothing else
                    work.parent.rmdir()
                cleaned.add(work.parent.name)
    return sorted(cleaned)


def _owner_gone(work: Path) -> bool:
    """True when no Vidne process holds the folder's owner lock (or the folder is gone)."""
    try:
        fd = os.open(work / OWNER_LOCK, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        return _try_lock(fd)
    finally:
        os.close(fd)


def resident_bytes(work: str, *, also: tuple[int | None, ...] = ()) -> int | None:
    """The memory the processes of browser folder ``work`` (and the pids ``also``) use now: the sum of their
    proportional set sizes (/proc/<pid>/smaps_rollup: shared pages split between their sharers); None: no /proc."""
    if not os.path.isdir("/proc"):
        return None
    pids = {pid for pid, folder in _marked() if folder == work} | {pid for pid in also if pid is not None}
    return sum(_pss(pid) for pid in pids)


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as fh:
            return next((int(line.split()[1]) * 1024 for line in fh if line.startswith("Pss:")), 0)
    except (OSError, ValueError, IndexError):
        return 0
