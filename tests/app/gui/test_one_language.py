"""One language (issue 14, point 7): Qt's own texts (file dialogs, standard buttons, "Show Details…")
come in the app's language, and switching language switches them at once."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app.gui.main_window import MainWindow


def file_dialog_texts() -> set[str]:
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)      # Qt's own dialog, as offscreen and on Linux
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    texts |= {button.text() for button in box.buttons()}
    dialog.deleteLater()
    return texts


def test_qt_dialogs_speak_danish_and_switch_back(window: MainWindow, qtbot: QtBot) -> None:
    assert {"File &name:", "Cancel"} <= file_dialog_texts()
    window.ctx.set_language("da")
    texts = file_dialog_texts()
    assert {"&Filnavn:", "Annuller"} <= texts and "File &name:" not in texts, texts
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuller"
    box = QMessageBox()
    box.setDetailedText("x")
    box.show()
    assert any(b.text().startswith("Vis detaljer") for b in box.buttons()), [b.text() for b in box.buttons()]
    box.close()
    window.ctx.set_language("en")
    assert {"File &name:", "Cancel"} <= file_dialog_texts()
