"""The log, inside the app: what Vidne did and the details of any error, for the person or their IT
support. Records arrive from any thread and are shown on the GUI thread."""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QEvent, QObject, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.gui.text import fill, plain
from app.logs import FORMAT, RedactingFormatter, log_dir

KEEP = 2000


class _Handler(logging.Handler):
    def __init__(self, book: LogBook) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(RedactingFormatter(FORMAT))   # as the log file: web addresses cut to the host
        self.book = book

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = plain(self.format(record), 2000, keep_newlines=True)
        except (ValueError, TypeError):
            return
        try:
            self.book.arrived.emit(line)    # queued to the GUI thread when sent from another thread
        except RuntimeError:                # the app is closing and the book is gone
            logging.getLogger().removeHandler(self)


class LogBook(QObject):
    """Keeps the last records for the log view. ``install()`` once; ``uninstall()`` at exit."""

    arrived = Signal(str)
    appended = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lines: deque[str] = deque(maxlen=KEEP)
        self._handler = _Handler(self)
        self.arrived.connect(self._keep)

    def install(self) -> None:
        logging.getLogger().addHandler(self._handler)

    def uninstall(self) -> None:
        logging.getLogger().removeHandler(self._handler)

    @Slot(str)
    def _keep(self, line: str) -> None:
        self.lines.append(line)
        self.appended.emit(line)


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
