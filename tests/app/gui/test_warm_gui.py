"""The app's warm browser: started after the window and the store (never before the first window), used
by every capture (each in a fresh context), ended after its idle time, by Cancel, and with the app."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.gui import context
from app.gui.main_window import MainWindow
from capture.browser.lifetime import _marked
from evidence_store.store.index import CaptureRecord
from tests.app.conftest import open_window
from tests.support import pages

CAPTURE_TIMEOUT_MS = 90_000


def _capture(window: MainWindow, qtbot: QtBot, url: str) -> CaptureRecord:
    panel = window.capture
    if panel.pages.currentWidget() is not panel.form:
        panel.new_capture()                      # "Save another page"
    panel.url_field.clear()
    qtbot.keyClicks(panel.url_field, url)
    with qtbot.waitSignal(panel.captureFinished, timeout=CAPTURE_TIMEOUT_MS) as done:
        qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)
    record = done.args[0]
    assert isinstance(record, CaptureRecord)
    return record


def _warm_step(record: CaptureRecord) -> dict[str, object]:
    manifest = json.loads((Path(record.path) / "manifest.json").read_text("utf-8"))
    steps = manifest["capture"]["steps"]
    assert not any(s["action"] == "launch_browser" for s in steps)
    found: dict[str, object] = next(s["detail"] for s in steps if s["action"] == "warm_browser")
    return found


def _chromium(window: MainWindow) -> list[int]:
    warm = window.ctx.warm
    assert warm is not None and warm._worker is not None
    work = str(warm._worker.lifetime.work)
    return [pid for pid, folder in _marked() if folder == work and "chrom" in Path(f"/proc/{pid}/comm").read_text()]


@pytest.mark.slow
def test_the_browser_starts_after_the_window_and_serves_every_capture(qtbot: QtBot, isolated_home: Path,
                                                                      web: pages.Server,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIDNE_WARM_BROWSER", "1")
    window = open_window(qtbot)
    warm = window.ctx.warm
    assert warm is not None
    qtbot.waitUntil(lambda: bool(_chromium(window)), timeout=60_000)     # started in the background
    first = _capture(window, qtbot, web.url("/"))
    assert _warm_step(first)["captures_before"] == 0
    second = _capture(window, qtbot, web.url("/dansk"))
    assert _warm_step(second)["captures_before"] == 1                    # the same browser, a fresh context
    # a browser killed from outside: the next capture starts a new one
    for pid in _chromium(window):
        os.kill(pid, signal.SIGKILL)
    third = _capture(window, qtbot, web.url("/"))
    assert _warm_step(third)["restarted"] == 1
    window.close()
    qtbot.waitUntil(lambda: warm._worker is None, timeout=30_000)        # the app took its browser with it


@pytest.mark.slow
def test_an_idle_browser_is_closed_and_the_next_capture_starts_one(qtbot: QtBot, isolated_home: Path,
                                                                   web: pages.Server,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "WARM_IDLE_SECONDS", 1.0)
    window = open_window(qtbot)
    _capture(window, qtbot, web.url("/"))
    warm = window.ctx.warm
    assert warm is not None
    qtbot.waitUntil(lambda: warm._worker is None, timeout=30_000)
    record = _capture(window, qtbot, web.url("/"))
    assert _warm_step(record)["captures_before"] == 0


def test_no_warm_browser_when_it_is_switched_off(qtbot: QtBot, isolated_home: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIDNE_WARM_BROWSER", "0")
    window = open_window(qtbot)
    assert window.ctx.warm is None


def test_a_closed_window_starts_no_browser(qtbot: QtBot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser's delayed start dies with the window: a browser started for a closed window ran on, unused,
    until the process ended, and its start made the next window's event loop stall (gui_bench, issue 15)."""
    monkeypatch.setenv("VIDNE_WARM_BROWSER", "1")
    monkeypatch.setattr(context, "WARM_START_DELAY_MS", 600_000)
    window = open_window(qtbot)
    ctx, warm = window.ctx, window.ctx.warm
    assert warm is not None and ctx._warm_timer.isActive()      # due to start later
    window.close()
    assert not ctx._warm_timer.isActive() and ctx.warm is None
    ctx._warm_up()              # what the timer would have done
    warm.start()                # and a start already on its way on another thread
    assert warm._worker is None and not warm.running
