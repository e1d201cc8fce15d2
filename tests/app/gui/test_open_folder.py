""""Open folder" that cannot open a file manager (issue 14, point 8): the folder's path is shown with
"Copy", never a silent failure. The offscreen platform the tests run on has no file manager service,
so the failure here is the real one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.gui.messages import FolderPath
from evidence_store import Store
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window


def folder_dialogs() -> list[FolderPath]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, FolderPath) and w.isVisible()]


def test_open_folder_shows_the_path_with_copy(qtbot: QtBot, isolated_home: Path) -> None:
    with Store.open(isolated_home) as store:
        record = make_bundle(store, title="Opslag")
    window = open_window(qtbot)
    confirmation = window.capture.confirmation
    confirmation.show_record(record, None)
    window.capture.pages.setCurrentWidget(confirmation)
    qtbot.mouseClick(confirmation.open_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(folder_dialogs()), timeout=5000)
    dialog = folder_dialogs()[0]
    assert dialog.path.text() == str(record.path) and dialog.path.isReadOnly()
    qtbot.mouseClick(dialog.copy, Qt.MouseButton.LeftButton)              # "Copy"
    assert QGuiApplication.clipboard().text() == str(record.path)
    assert dialog.copied.text() == "Copied."
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not folder_dialogs(), timeout=5000)
    window.show_in_list(record.id)                                          # the same from the detail view
    detail = window.evidence.detail
    qtbot.waitUntil(lambda: detail.details is not None, timeout=10_000)
    qtbot.mouseClick(detail.open_folder, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(folder_dialogs()), timeout=5000)
    assert folder_dialogs()[0].path.text() == str(record.path)
    folder_dialogs()[0].close()
