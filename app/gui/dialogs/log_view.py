"""The log, inside the app: what Vidne did and the details of any error, for the person or their IT
support. Records arrive from any thread and are shown on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.gui.state.logbook import KEEP, LogBook
from app.gui.text import fill
from app.logs import log_dir


class LogView(QDialog):
    def __init__(self, book: LogBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logView")
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMaximumBlockCount(KEEP)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText("\n".join(book.lines))
        book.appended.connect(self.text.appendPlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 480)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Vidne's log"))
        self.where.setText(fill(self.tr("What Vidne did, newest last. The full log is kept in %1"),
                                str(log_dir())))
        self.text.setAccessibleName(self.tr("Log"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
