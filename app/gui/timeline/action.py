"""View ▸ Timeline of the case… (Ctrl+T): opens the timeline of the case chosen in the evidence list's
filter, else of the selected capture's case. Added to the main window from outside it (app/gui/main.py),
as the vault's menu is; the window closes the timeline when it hides (Hide now)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.gui.context import AppContext
from app.gui.runtime.keys import insert_after
from app.gui.runtime.style import icon
from app.gui.timeline.view import TimelineDialog


class TimelineAction(QObject):
    """The menu action and the open timeline window (one at a time)."""

    def __init__(self, ctx: AppContext, window: QMainWindow) -> None:
        super().__init__(window)
        self.ctx, self.window = ctx, window
        self.dialog: TimelineDialog | None = None
        self.action = QAction(icon("list"), "", window, shortcut=QKeySequence("Ctrl+T"))
        self.action.triggered.connect(self.open)
        window.addAction(self.action)          # the shortcut works wherever the focus is in the window
        insert_after(getattr(window, "view_menu", None), getattr(window, "act_show_evidence", None), self.action)
        window.installEventFilter(self)
        self.retranslate()

    def chosen_case(self) -> str | None:
        """The case in the evidence list's filter, else the selected capture's; None when neither."""
        listing = getattr(getattr(self.window, "evidence", None), "list", None)
        if listing is None:
            return None
        case = listing.chosen_case()
        if case is None and (current := listing.current_record()) is not None:
            case = current.case
        return case

    @Slot()
    def open(self) -> None:
        if self.ctx.store is None:
            return
        case = self.chosen_case()
        if case is None:
            self.window.statusBar().showMessage(
                self.tr("Choose a case in the evidence list, or select one of its captures, to see its timeline."),
                15_000)
            show = getattr(self.window, "show_evidence", None)
            if callable(show):
                show()
            return
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = TimelineDialog(self.ctx, case, self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._closed)
        self.dialog.load()
        self.dialog.show()

    @Slot(int)
    def _closed(self, result: int) -> None:
        self.dialog = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.WindowStateChange and self.window.isMinimized() \
                    and self.dialog is not None:
                self.dialog.close()       # "Hide now": page text and pictures go out of sight with the window
        return False

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Timeline of the case…"))
        tip = self.tr("Every capture and re-check of the case in time order, with what was removed and added "
                      "(Ctrl+T)")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
