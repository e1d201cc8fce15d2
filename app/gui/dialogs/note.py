"""Adding a note to a capture: it becomes a signed event in the custody log; the bundle is not edited."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

MAX_NOTE = 4000


class NoteDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setModal(True)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.label = QLabel()
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.label.setBuddy(self.text)
        buttons = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.label)
        layout.addWidget(self.text)
        layout.addWidget(self.buttons)
        self.resize(480, 260)
        self.retranslate()
        self._changed()

    def note(self) -> str:
        return self.text.toPlainText().strip()[:MAX_NOTE]

    @Slot()
    def _changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.note()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a note"))
        self.explain.setText(self.tr("The note is added to the capture's custody log, signed with your name "
                                     "and the time. The evidence itself is not changed, and a note cannot "
                                     "be removed later."))
        self.label.setText(self.tr("&Note"))
        self.text.setAccessibleName(self.tr("Note"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add note"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)



