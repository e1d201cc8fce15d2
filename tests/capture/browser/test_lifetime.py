"""The browser's lifetime is Vidne's: a capture that ends, is cancelled, times out or whose Vidne is
killed leaves no browser running and no browser profile behind — in the store's staging folder or in
the system temporary folder (each test gives Vidne a private one, so it can be checked for emptiness).

Real Chromium, real Playwright, the local test site. Linux: processes are read from /proc.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from capture.browser.find import find_browser, launch_args
from capture.browser.lifetime import MARKER, clean_leftovers
from capture.child_process import run_capture
from capture.errors import CaptureCancelled, CaptureError, CaptureTimedOut
from capture.result import CaptureOptions
from evidence_store import Store
from tests.support import pages

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")


# --- what runs and what is on disk, seen from outside ----------------------------------------------
def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return b""


def _state(pid: int) -> tuple[str, int] | None:
    """(state, process group) of a process; None once it is gone."""
    text = _read(f"/proc/{pid}/stat")
    if not text:
        return None
    fields = text.rsplit(b")", 1)[1].split()
    return fields[0].decode(), int(fields[2])


def running_for(folder: Path) -> dict[int, int]:
    """{pid: process group} of the live processes whose command line or environment names ``folder``
    (Chromium's main process has its profile on its command line; the driver and Chromium carry it in
    their environment)."""
    needle = os.fsencode(str(folder))
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        if needle in _read(f"/proc/{entry}/cmdline") or needle in _read(f"/proc/{entry}/environ"):
            state = _state(int(entry))
            if state is not None and state[0] not in ("Z", "X"):
                found[int(entry)] = state[1]
    return found


def in_group(group: int) -> list[int]:
    """Live processes of process group ``group`` (Chromium's zygote, renderers, utility processes)."""
    alive = []
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (state := _state(int(entry))) is not None:
            if state[1] == group and state[0] not in ("Z", "X"):
                alive.append(int(entry))
    return alive


def chromium_of(folder: Path) -> tuple[int, int] | None:
    """(pid, group) of the main process of a browser started for ``folder``."""
    for pid, group in running_for(folder).items():
        command = _read(f"/proc/{pid}/cmdline").split(b"\0")
        if any(a.startswith(b"--user-data-dir=") for a in command) and not any(a.startswith(b"--type=")
                                                                               for a in command):
            return pid, group
    return None


def wait_until(what: Callable[[], object], seconds: float, why: str) -> None:
    end = time.monotonic() + seconds
    while not what():
        assert time.monotonic() < end, why
        time.sleep(0.02)


def browser_files(folder: Path) -> list[str]:
    """What a browser leaves in a temporary folder."""
    names = ("playwright", "org.chromium", ".org.chromium", "vidne-", "com.google")
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(names))


@pytest.fixture
def system_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private system temporary folder for Vidne (this process and the processes it starts); with a
    short path, as the system's own (Chromium's sockets in it may not have long paths)."""
    folder = Path(tempfile.mkdtemp(prefix="vt-", dir="/tmp"))
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    yield folder
    shutil.rmtree(folder)


# --- a capture run by this process (the parent): Cancel, time-out -----------------------------------
class Running:
    """``run_capture`` in a thread, as the GUI runs it."""

    def __init__(self, url: str, out: Path, **options: object) -> None:
        self.cancel = threading.Event()
        self.error: BaseException | None = None
        out.mkdir(parents=True)
        opts = CaptureOptions(url=url, record_network=False, save_media=False, **options)  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self._run, args=(opts, out), daemon=True)
        self.thread.start()

    def _run(self, options: CaptureOptions, out: Path) -> None:
        try:
            run_capture(options, out, cancelled=self.cancel.is_set)
        except CaptureError as err:      # handed to the test
            self.error = err

    def finished(self, seconds: float) -> BaseException | None:
        self.thread.join(seconds)
        assert not self.thread.is_alive(), "the capture did not end"
        return self.error


def test_cancel_ends_the_browser_and_removes_its_profile(web: pages.Server, tmp_path: Path,
                                                         system_tmp: Path) -> None:
    work = tmp_path / "capture" / "browser"
    capture = Running(web.url("/hang"), tmp_path / "capture" / "artifacts")
    wait_until(lambda: chromium_of(work), 60, "the browser did not start")
    _pid, group = chromium_of(work) or (0, 0)
    # While it runs: its profile is in the capture's own folder, nothing of it in the system's.
    assert list((work / "tmp").glob("playwright_chromiumdev_profile-*"))
    assert not list(system_tmp.glob("playwright*"))
    capture.cancel.set()
    assert isinstance(capture.finished(60), CaptureCancelled)
    assert running_for(work) == {} and in_group(group) == []      # at once: no waiting needed
    assert not work.exists()
    assert browser_files(system_tmp) == []


def test_time_out_ends_the_browser_and_removes_its_profile(web: pages.Server, tmp_path: Path,
                                                           system_tmp: Path) -> None:
    work = tmp_path / "capture" / "browser"
    capture = Running(web.url("/hang"), tmp_path / "capture" / "artifacts", timeout_s=5)
    wait_until(lambda: chromium_of(work), 60, "the browser did not start")
    _pid, group = chromium_of(work) or (0, 0)
    assert isinstance(capture.finished(60), CaptureTimedOut)
    assert running_for(work) == {} and in_group(group) == []
    assert not work.exists()
    assert browser_files(system_tmp) == []


def test_a_finished_capture_leaves_nothing(web: pages.Server, tmp_path: Path, system_tmp: Path) -> None:
    out = tmp_path / "capture" / "artifacts"
    out.mkdir(parents=True)
    run_capture(CaptureOptions(url=web.url("/"), record_network=False, save_media=False), out)
    assert (out / "screenshot-full.png").is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == ["artifacts"]
    assert running_for(out.parent) == {}
    assert browser_files(system_tmp) == []


def test_the_next_start_leaves_a_running_capture_alone(web: pages.Server, tmp_path: Path,
                                                       system_tmp: Path) -> None:
    staging = tmp_path / "staging"
    work = staging / "capture-1" / "browser"
    capture = Running(web.url("/hang"), staging / "capture-1" / "artifacts")
    wait_until(lambda: chromium_of(work), 60, "the browser did not start")
    assert clean_leftovers(staging) == []                # another Vidne starting meanwhile
    assert chromium_of(work) is not None and work.is_dir()
    capture.cancel.set()
    assert isinstance(capture.finished(60), CaptureError)
    assert running_for(work) == {} and not work.exists()


# --- Vidne killed: the parent-death watchdog, then the next start -----------------------------------
def _vidne(store: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "app.cli.main", "--store", str(store), *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _next_start(store: Path) -> None:
    """What a start of Vidne does with a store's leftovers."""
    clean_leftovers(store / "staging")
    Store.open(store).close()


def test_a_killed_vidne_takes_its_browser_along(web: pages.Server, tmp_path: Path, system_tmp: Path) -> None:
    store = tmp_path / "store"
    staging = store / "staging"
    vidne = _vidne(store, "capture", web.url("/hang"))
    wait_until(lambda: staging.is_dir() and chromium_of(staging), 60, "the browser did not start")
    _pid, group = chromium_of(staging) or (0, 0)
    assert group != vidne.pid        # the case that matters: the browser is outside Vidne's process group
    assert not list(system_tmp.glob("playwright*"))

    os.killpg(vidne.pid, signal.SIGKILL)        # Vidne, its capture child and Playwright's driver
    vidne.wait(10)
    wait_until(lambda: not running_for(staging) and not in_group(group), 20,
               f"the browser outlived Vidne: {running_for(staging)} {in_group(group)}")
    wait_until(lambda: browser_files(system_tmp) == [], 20, f"left in the temporary folder: "
                                                            f"{browser_files(system_tmp)}")
    _next_start(store)
    assert list(staging.iterdir()) == []
    assert browser_files(system_tmp) == []


def test_the_next_start_ends_a_browser_nobody_ended(tmp_path: Path, system_tmp: Path) -> None:
    """A browser whose capture and watchdog both died (here: started by a process that is gone, in a
    session of its own, as Playwright starts it) is ended, and its folders removed, at the next start."""
    staging = tmp_path / "store" / "staging"
    work = staging / "capture-1" / "browser"
    (work / "tmp").mkdir(parents=True)
    own_tmp = Path(tempfile.mkdtemp(prefix="vidne-"))
    (own_tmp / "owner").write_text(str(work.resolve()))
    executable = find_browser(None).executable
    orphan = (f"import subprocess, sys; subprocess.Popen({[executable, *launch_args()]!r} + ['--headless', "
              f"'--remote-debugging-port=0', '--user-data-dir={work / 'tmp' / 'profile'}', 'about:blank'], "
              f"start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)")
    env = {**os.environ, MARKER: str(work.resolve()), "TMPDIR": str(own_tmp)}
    subprocess.run([sys.executable, "-c", orphan], env=env, check=True, timeout=30)
    wait_until(lambda: chromium_of(work), 30, "the browser did not start")
    _pid, group = chromium_of(work) or (0, 0)
    wait_until(lambda: (work / "tmp" / "profile" / "Default").is_dir(), 30, "no profile was written")

    assert clean_leftovers(staging) == ["capture-1"]
    assert running_for(work) == {} and in_group(group) == []
    assert not work.exists() and not own_tmp.exists()
    assert browser_files(system_tmp) == []
