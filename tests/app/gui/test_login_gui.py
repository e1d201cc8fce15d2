"""File ▸ Log in to a site…, and the note after a capture that met a login wall."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.gui.capture.login_action import show_login_wall
from app.gui.main_window import MainWindow
from tests.support import pages
from tests.support.xdisplay import virtual_display, xdo

CAPTURE_TIMEOUT_MS = 90_000


@pytest.fixture
def display() -> Iterator[str]:
    with virtual_display() as screen:
        yield screen


def visible(kind: type) -> list:  # type: ignore[type-arg]
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_the_file_menu_offers_to_log_in_and_asks_for_the_page(window: MainWindow, qtbot: QtBot) -> None:
    action = window.login.action
    assert action in window.file_menu.actions() and action.text() == "&Log in to a site…"
    action.trigger()
    qtbot.waitUntil(lambda: bool(visible(QInputDialog)), timeout=5_000)
    dialog = visible(QInputDialog)[0]
    assert dialog.textValue() == "https://www.facebook.com" and "own browser" in dialog.labelText()
    dialog.reject()
    assert not window.login.running and action.isEnabled()


def test_a_capture_that_meets_a_login_wall_says_so(window: MainWindow, qtbot: QtBot, web: pages.Server) -> None:
    panel = window.capture
    panel.url_field.setFocus()
    qtbot.keyClicks(panel.url_field, web.url("/private"))
    with qtbot.waitSignal(panel.captureFinished, timeout=CAPTURE_TIMEOUT_MS):
        qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)
    boxes = [b for b in visible(QMessageBox) if "login page" in b.text()]
    assert boxes and boxes[0].windowTitle() == "The page asked you to log in"


def test_robot_check_note(window: MainWindow) -> None:
    box = show_login_wall(window, "robot_check")
    assert "not a robot" in box.text()
    box.close()


def test_the_log_in_window_runs_on_a_worker_and_reports_when_closed(window: MainWindow, qtbot: QtBot,
                                                                     web: pages.Server, display: str,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", display)          # Qt stays offscreen; only the browser window needs a screen
    window.login._start(web.url("/login"))
    assert window.login.running and not window.login.action.isEnabled()
    browser = xdo(display, "search", "--sync", "--name", "Log ind").splitlines()[0]   # the GUI is not blocked
    qtbot.wait(50)
    xdo(display, "key", "--window", browser, "ctrl+shift+w")
    qtbot.waitUntil(lambda: not window.login.running, timeout=30_000)
    assert window.login.action.isEnabled()
    qtbot.waitUntil(lambda: any("no log-ins yet" in b.text() for b in visible(QMessageBox)), timeout=5_000)
    assert (window.ctx.store.root / "browser-profile").is_dir()   # type: ignore[union-attr]
