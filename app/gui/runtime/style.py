"""The look: the stylesheet and icons are files under resources/, loaded here."""

from __future__ import annotations

import functools
import logging

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

import resources

log = logging.getLogger(__name__)


def stylesheet() -> str:
    try:
        text = resources.read_text("style", "vidne.qss")
    except OSError as exc:
        log.error("stylesheet missing (%s); using Qt's plain look", exc)
        return ""
    return text.replace("@ICONS@", resources.path("icons").as_posix())


@functools.cache
def icon(name: str) -> QIcon:
    """An icon from resources/icons/<name>.svg (an empty icon if the file is missing)."""
    path = resources.path("icons", f"{name}.svg")
    if not path.is_file():
        log.warning("icon %s is missing", path)
        return QIcon()
    return QIcon(str(path))


def apply(app: QApplication) -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(icon("vidne"))
