"""A capture killed at any moment leaves either no bundle or a whole one, and the index agrees."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from evidence_store.bundle.verify import verify_bundle
from evidence_store.store.store import Store
from tests.e2e.helpers import ROOT
from tests.support import pages


def _start(store: Path, url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "app.cli.main", "--store", str(store), "capture", url],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Like a power cut for the capture: the CLI, its capture child and Playwright's driver all die.

    Returns only once every process of the group is gone, as after a real power cut. SIGKILL reaches
    them all at once, but each dies only when it next runs, and ``proc.wait`` reaps only the CLI. A
    child the CLI had forked but not yet exec'd (the capture child, multiprocessing's resource
    tracker) shares the CLI's open files, so it still holds the staging lock (flock belongs to the
    open file, not to a process) until it dies; a store opened before that rightly leaves the
    folder alone as in use. Chromium is not in the group (Playwright starts it in a session of its
    own); it never holds a staging lock, and exits by itself once its pipe to the driver closes.
    """
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(10)
    end = time.monotonic() + 10
    while (left := _alive_in_group(proc.pid)) and time.monotonic() < end:
        time.sleep(0.01)
    assert not left, f"still running 10 s after SIGKILL to their process group: {left}"


def _alive_in_group(pgid: int) -> list[int]:
    """Processes of group ``pgid`` with a thread that has not yet exited (Linux, from /proc). A zombie
    counts as gone: a process closes its files, and so drops its locks, before it becomes one."""
    alive = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            threads = [Path(f"/proc/{entry}/task/{tid}/stat").read_text()
                       for tid in os.listdir(f"/proc/{entry}/task")]
        except OSError:        # gone while we looked
            continue
        for stat in threads:
            state, _parent, group = stat[stat.rindex(")") + 2:].split()[:3]
            if int(group) == pgid and state not in ("Z", "X"):
                alive.append(int(entry))
                break
    return alive


def _wait_for(predicate: Callable[[], bool], proc: subprocess.Popen[bytes], timeout: float) -> None:
    """Until the moment to kill has come, or the capture ended by itself."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and proc.poll() is None and not predicate():
        time.sleep(0.01)


@pytest.mark.long
@pytest.mark.slow
def test_kill_at_many_points_leaves_no_partial_bundle(web: pages.Server, tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    staging = store_dir / "staging"
    url = web.url("/lazy")

    def staged(name: str) -> bool:
        return any(p.name == name for p in staging.rglob("*")) if staging.exists() else False

    started = time.monotonic()
    proc = _start(store_dir, url)
    proc.wait(120)
    whole = time.monotonic() - started        # one uninterrupted capture, for the timed points

    def after(fraction: float) -> Callable[[], bool]:
        moment = time.monotonic() + whole * fraction
        return lambda: time.monotonic() >= moment

    points: list[tuple[str, Callable[[], Callable[[], bool]]]] = [
        ("at start", lambda: lambda: True),
        ("staging created", lambda: lambda: staging.exists() and any(staging.iterdir())),
        ("viewport screenshot written", lambda: lambda: staged("screenshot-viewport.png")),
        ("full screenshot written", lambda: lambda: staged("screenshot-full.png")),
        ("mhtml written", lambda: lambda: staged("page.mhtml")),
        ("while sealing (90%)", lambda: after(0.90)),
        ("while sealing (95%)", lambda: after(0.95)),
        ("at the very end (99%)", lambda: after(0.99)),
    ]
    for label, make_ready in points:
        proc = _start(store_dir, url)
        _wait_for(make_ready(), proc, 60)
        _kill_group(proc)
        store = Store.open(store_dir)    # the next start cleans up
        on_disk = sorted(p.name for p in (store_dir / "bundles").iterdir())
        indexed = sorted(r.id for r in store.list_captures())
        store.close()
        assert indexed == on_disk, label
        assert not any(staging.iterdir()), (label, sorted(str(p.relative_to(staging)) for p in staging.rglob("*")))
        for name in on_disk:
            assert verify_bundle(store_dir / "bundles" / name).intact, (label, name)
