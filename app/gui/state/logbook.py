"""The log records the app keeps for its log view: from any thread, shown on the GUI thread."""

from __future__ import annotations

import logging
from collections import deque

from PySide6.QtCore import QObject, Signal, Slot

from app.gui.text import plain
from app.logs import FORMAT, RedactingFormatter

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
