"""The warm browser: one browser for a series of captures, each in a fresh context of its own; a capture
that hangs, is cancelled or loses its browser fails alone and the next one gets a new browser."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from capture.browser.lifetime import _marked, start_time
from capture.child_process import NICE, WarmBrowser
from capture.errors import CaptureCancelled, CaptureTimedOut
from capture.result import CaptureOptions, CaptureResult
from tests.support import pages


@pytest.fixture
def state_site(web: pages.Server) -> str:
    """The local test site: its /state/… pages show the cookies and storage a capture brought, then leave some."""
    return web.base


def _capture(warm: WarmBrowser, url: str, out: Path, **options: object) -> CaptureResult:
    out.mkdir(parents=True)
    chosen: dict[str, object] = {"timeout_s": 30, "settle_seconds": 0.5, "run_behaviors": False, **options}
    return warm.capture(CaptureOptions(url=url, **chosen), out)  # type: ignore[arg-type]


def _browser_pids(warm: WarmBrowser) -> list[int]:
    worker = warm._worker
    assert worker is not None
    return [pid for pid, folder in _marked() if folder == str(worker.lifetime.work) and pid != worker.child.pid
            and "chrom" in Path(f"/proc/{pid}/comm").read_text()]      # Chromium, not Playwright's driver


def test_a_series_in_one_browser_shares_nothing_between_captures(state_site: str, tmp_path: Path) -> None:
    with WarmBrowser(tmp_path / "warm") as warm:
        results = [_capture(warm, f"{state_site}/state/page{i}", tmp_path / f"c{i}") for i in range(3)]
        worker = warm._worker
        assert worker is not None and warm.running
        assert (warm.resident_bytes() or 0) > 10 * 1024 * 1024
        # the capture process gives way to the desktop's processes (the app's window), and so does the browser
        # it starts, which inherits that; not checked here: as root, Chromium raises its own display threads
        # (nice -8), which a normal user's browser cannot
        child = worker.child.pid
        assert child is not None and os.getpriority(os.PRIO_PROCESS, child) == os.getpriority(os.PRIO_PROCESS, 0) + NICE
    for i, result in enumerate(results):
        shown = [line for line in (tmp_path / f"c{i}" / "page-text.txt").read_text("utf-8").splitlines() if line]
        # the page's own response sets "server"; "visit" and the storage item were set by the capture before
        assert shown[:2] == ["cookie=[server=REDACTED]", "storage=[]"], shown
        assert result.facts["http_status"] == 200
    steps = [[s.action for s in r.steps] for r in results]
    assert all("warm_browser" in s and "launch_browser" not in s for s in steps)
    assert [r.facts["browser"]["version"] for r in results].count(results[0].facts["browser"]["version"]) == 3
    # one browser served all three: the capture counts before each go up
    counts = [next(s.detail["captures_before"] for s in r.steps if s.action == "warm_browser") for r in results]
    assert counts == [0, 1, 2]
    text = (tmp_path / "c0" / "page-text.txt").read_text("utf-8")
    assert "storage=[]" in text and "<p" not in text
    assert not worker.folder.exists()          # closed: its folders are gone


def test_a_hanging_page_times_out_alone_and_the_next_capture_gets_a_new_browser(state_site: str,
                                                                                 tmp_path: Path) -> None:
    with WarmBrowser(tmp_path / "warm") as warm:
        _capture(warm, f"{state_site}/state/first", tmp_path / "a")
        with pytest.raises(CaptureTimedOut):
            _capture(warm, f"{state_site}/hang", tmp_path / "b", timeout_s=3)
        after = _capture(warm, f"{state_site}/state/after", tmp_path / "c")
        assert after.facts["http_status"] == 200


def test_cancel_during_a_warm_capture_ends_its_browser_and_the_next_one_works(state_site: str,
                                                                              tmp_path: Path) -> None:
    with WarmBrowser(tmp_path / "warm") as warm:
        _capture(warm, f"{state_site}/state/first", tmp_path / "a")
        worker = warm._worker
        assert worker is not None
        pids = _browser_pids(warm)
        asked = time.monotonic()
        with pytest.raises(CaptureCancelled):
            (tmp_path / "b").mkdir()
            warm.capture(CaptureOptions(url=f"{state_site}/hang", timeout_s=60, run_behaviors=False), tmp_path / "b",
                         cancelled=lambda: time.monotonic() - asked > 2)
        assert not worker.child.is_alive() and not worker.folder.exists()
        assert all(start_time(pid) is None for pid in pids)       # its browser went with it
        assert _capture(warm, f"{state_site}/state/next", tmp_path / "c").facts["http_status"] == 200


def test_a_browser_killed_from_outside_is_started_again_by_the_next_capture(state_site: str,
                                                                            tmp_path: Path) -> None:
    with WarmBrowser(tmp_path / "warm") as warm:
        _capture(warm, f"{state_site}/state/first", tmp_path / "a")
        pids = _browser_pids(warm)
        assert pids
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while any(start_time(pid) is not None for pid in pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        result = _capture(warm, f"{state_site}/state/again", tmp_path / "b")
        assert result.facts["http_status"] == 200
        step = next(s for s in result.steps if s.action == "warm_browser")
        assert step.detail["captures_before"] == 0 and step.detail["restarted"] == 1


def test_an_idle_warm_browser_closes_itself_and_starts_again_when_needed(state_site: str, tmp_path: Path) -> None:
    with WarmBrowser(tmp_path / "warm", idle_seconds=1.0) as warm:
        _capture(warm, f"{state_site}/state/first", tmp_path / "a")
        worker = warm._worker
        assert worker is not None
        deadline = time.monotonic() + 30
        while warm._worker is not None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert warm._worker is None and not worker.child.is_alive() and not worker.folder.exists()
        assert _capture(warm, f"{state_site}/state/again", tmp_path / "b").facts["http_status"] == 200


def test_start_warms_the_browser_before_the_first_capture(web: pages.Server, tmp_path: Path) -> None:
    with WarmBrowser(tmp_path / "warm") as warm:
        warm.start()
        assert warm.running
        result = _capture(warm, web.url("/"), tmp_path / "a")
        assert result.facts["title"] == "Forside"
