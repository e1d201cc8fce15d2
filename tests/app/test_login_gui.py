"""File ▸ Log in to a site…, and the note after a capture that met a login wall."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.gui.login_action import show_login_wall
from app.gui.main_window import MainWindow
from tests import pages

CAPTURE_TIMEOUT_MS = 90_000


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
