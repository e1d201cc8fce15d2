"""Hide now (issue 14, point 6): after Ctrl+H or "Hide now", Vidne always comes back blurred — the
picture shown clearly is blurred again, and a setting to show pictures clearly is turned back."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from evidence_store import Store
from tests.app.bundles import make_bundle
from tests.app.conftest import open_window


def shown_clearly(qtbot: QtBot, isolated_home: Path) -> MainWindow:
    with Store.open(isolated_home) as store:
        record = make_bundle(store, title="Krænkende opslag")
    window = open_window(qtbot)
    window.show_in_list(record.id)
    pictures = window.evidence.detail.pictures
    qtbot.waitUntil(lambda: pictures.chooser.count() == 2, timeout=10_000)
    assert pictures.view.blur
    qtbot.mouseClick(pictures.clear, Qt.MouseButton.LeftButton)          # "Show clearly"
    assert not pictures.view.blur and pictures.clear.text() == "Blur again"
    return window


def test_ctrl_h_then_show_again_brings_the_picture_back_blurred(qtbot: QtBot, isolated_home: Path) -> None:
    window = shown_clearly(qtbot, isolated_home)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    qtbot.keyClick(window.evidence.list.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.curtain
    window.showNormal()
    qtbot.mouseClick(window.curtain.button, Qt.MouseButton.LeftButton)   # "Show Vidne again"
    pictures = window.evidence.detail.pictures
    assert window.stack.currentWidget() is window.page
    assert pictures.view.blur and not pictures.clear.isChecked() and pictures.clear.text() == "Show clearly"


def test_a_setting_to_show_pictures_clearly_is_turned_back_by_a_hide(qtbot: QtBot, isolated_home: Path,
                                                                     tmp_path: Path) -> None:
    window = shown_clearly(qtbot, isolated_home)
    window.ctx.change_settings(blur_previews=False)
    assert not window.ctx.thumbnails.blur
    window.hide_button.click()                                             # "Hide now"
    assert window.ctx.settings.blur_previews and window.ctx.thumbnails.blur
    saved = tomllib.loads((tmp_path / "config" / "settings.toml").read_text(encoding="utf-8"))
    assert saved["blur_previews"] is True
    window.reveal()
    assert window.evidence.detail.pictures.view.blur
