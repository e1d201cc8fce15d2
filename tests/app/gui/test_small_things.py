"""The small things of issue 14, point 10: the settings show the folder --store gives (not "the standard
folder"); the language menu ticks the language shown from the start."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow
from tests.app.conftest import open_settings, open_window


def test_settings_show_the_folder_store_gives(qtbot: QtBot, tmp_path: Path) -> None:
    elsewhere = tmp_path / "case-store"
    window = open_window(qtbot, elsewhere)
    dialog = open_settings(window, qtbot)
    assert dialog.store_dir.text() == str(elsewhere) and dialog.store_dir.isReadOnly()
    assert not dialog.store_pick.isEnabled()
    note = dialog.explanations["store_dir"]
    assert note.isVisible() and "--store" in note.text()
    assert "store_dir" not in {k for k, v in dialog.values().items() if not dialog.is_fixed(k)}
    dialog.reject()


def test_the_language_shown_is_ticked_from_the_start(window: MainWindow) -> None:
    assert window.act_english.isChecked() and not window.act_danish.isChecked()
