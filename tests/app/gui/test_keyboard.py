"""The whole capture by keyboard alone (issue 14, point 2): type the address, Tab to the button, Enter;
Enter presses every button of the capture flow as Space does; Escape stops a running capture after
asking; and every control a person can Tab to has a name a screen reader reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.gui.dialogs.welcome import WelcomeDialog
from app.gui.main_window import MainWindow
from app.gui.messages import FolderPath
from capture.errors import CaptureCancelled
from evidence_store import Store
from evidence_store.store.index import CaptureRecord
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window
from tests.support import pages

CAPTURE_TIMEOUT_MS = 90_000


def activate(window: QWidget, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=15_000)


def press_enter(qtbot: QtBot, button: QPushButton) -> None:
    """Focus ``button`` the way a person does (it must take focus) and press Enter on it."""
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert button.hasFocus(), button.text()
    qtbot.keyClick(button, Qt.Key.Key_Return)


def test_the_whole_capture_by_keyboard_alone(window: MainWindow, qtbot: QtBot, web: pages.Server) -> None:
    activate(window, qtbot)
    panel = window.capture
    panel.url_field.setFocus()
    qtbot.keyClicks(panel.url_field, web.url("/"))
    for _ in range(3):                                  # address → case → note → the button
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is panel.form.button
    with qtbot.waitSignal(panel.captureFinished, timeout=CAPTURE_TIMEOUT_MS) as done:
        qtbot.keyClick(panel.form.button, Qt.Key.Key_Return)
        assert panel.running
    record = done.args[0]
    assert isinstance(record, CaptureRecord)
    confirmation = panel.confirmation
    assert QApplication.focusWidget() is confirmation.again        # ready for the next Enter
    press_enter(qtbot, confirmation.show_list)                      # "Show in the evidence list"
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.evidence)
    window.tabs.setCurrentIndex(0)
    press_enter(qtbot, confirmation.again)                          # "Save another page"
    assert panel.pages.currentWidget() is panel.form and panel.url_field.text() == ""
    press_enter(qtbot, window.hide_button)                          # "Hide now"
    assert window.stack.currentWidget() is window.curtain
    window.showNormal()
    press_enter(qtbot, window.curtain.button)                       # "Show Vidne again"
    assert window.stack.currentWidget() is window.page


def test_enter_on_cancel_and_escape_after_asking_both_stop_a_capture(window: MainWindow, qtbot: QtBot,
                                                                     web: pages.Server) -> None:
    activate(window, qtbot)
    panel = window.capture
    qtbot.keyClicks(panel.url_field, web.url("/hang"))
    qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(panel.captureFailed, timeout=30_000) as failed:
        press_enter(qtbot, panel.progress.cancel)
    assert isinstance(failed.args[0], CaptureCancelled)

    qtbot.keyClick(panel.url_field, Qt.Key.Key_Return)              # the address is still there
    assert panel.running
    qtbot.keyClick(panel.progress.cancel, Qt.Key.Key_Escape)
    question = panel.stop_question
    assert isinstance(question, QMessageBox)
    qtbot.waitUntil(question.isVisible, timeout=15_000)
    activate(question, qtbot)
    assert question.text() == "If you stop now, nothing is saved. You can try again whenever you are ready."
    keep = question.defaultButton()                                 # Enter on the default: keep saving
    assert keep is not None and keep.text() == "&Keep saving"
    press_enter(qtbot, keep)
    assert panel.running and panel.stop_question is None
    activate(window, qtbot)
    qtbot.keyClick(panel.progress, Qt.Key.Key_Escape)
    question = panel.stop_question
    assert isinstance(question, QMessageBox)
    qtbot.waitUntil(question.isVisible, timeout=15_000)
    activate(question, qtbot)
    stop = next(b for b in question.buttons() if b.text() == "&Stop")
    with qtbot.waitSignal(panel.captureFailed, timeout=30_000) as failed:
        press_enter(qtbot, stop)
    assert isinstance(failed.args[0], CaptureCancelled)
    assert "Nothing was saved" in panel.form.status.text()


CHECKED: list[int] = []


def unnamed(root: QWidget) -> list[str]:
    """Every visible, enabled widget one can Tab to under ``root`` whose accessible name is empty (what a
    screen reader would read: Qt's accessibility interface, so a button's text or a buddy label counts)."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not (widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if widget.focusProxy() is not None:
            continue
        CHECKED.append(1)
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_control_of_every_screen_has_a_name(qtbot: QtBot, isolated_home: Path) -> None:
    with Store.open(isolated_home) as store:
        record = make_bundle(store, title="Opslag", case="Sag 1")
    window = open_window(qtbot)
    CHECKED.clear()
    screens: dict[str, list[str]] = {}
    screens["capture form"] = unnamed(window)
    window.capture.url_field.setText("not an address")
    window.capture.start()
    assert window.banner.isVisible()
    screens["error banner"] = unnamed(window)
    window.banner.clear()
    panel = window.capture
    panel.progress.begin("https://example.dk/")
    panel.pages.setCurrentWidget(panel.progress)
    screens["capture progress"] = unnamed(window)
    panel.progress.end()
    panel.confirmation.show_record(record, None)
    panel.pages.setCurrentWidget(panel.confirmation)
    screens["confirmation"] = unnamed(window)
    window.show_in_list(record.id)
    detail = window.evidence.detail
    qtbot.waitUntil(lambda: detail.details is not None, timeout=10_000)
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        screens[f"detail, tab {index}"] = unnamed(window)
    window.hide_now()
    screens["curtain"] = unnamed(window)
    window.reveal()
    for name, action, attribute in (("settings", window.act_settings, "settings_dialog"),
                                    ("import", window.act_import, "import_dialog"),
                                    ("export", window.act_export, "export_dialog"),
                                    ("what now", window.act_what_now, "what_now")):
        action.trigger()
        dialog = getattr(window, attribute)
        qtbot.waitUntil(dialog.isVisible)
        screens[name] = unnamed(dialog)
        dialog.close()
    welcome = WelcomeDialog(window.ctx, window)
    welcome.show()
    screens["first start"] = unnamed(welcome)
    welcome.close()
    folder = FolderPath(record.path, window)
    folder.show()
    screens["folder path"] = unnamed(folder)
    folder.close()
    assert {k: v for k, v in screens.items() if v} == {}
    assert len(CHECKED) > 50               # the walk really reached the controls


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_and_space_press_a_button_alike(window: MainWindow, qtbot: QtBot, key: Qt.Key) -> None:
    activate(window, qtbot)
    button = window.hide_button
    button.setFocus()
    with qtbot.waitSignal(button.clicked, timeout=2000):
        qtbot.keyClick(button, key)
