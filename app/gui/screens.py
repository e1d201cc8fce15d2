"""Screens of the main window made of several packages' widgets: the evidence screen (the list of
captures from app/gui/evidence, the selected capture from app/gui/detail). Kept here, above both
packages, so that neither has to import the other's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from app.gui.context import AppContext
from app.gui.detail.view import DetailView
from app.gui.evidence.list_view import EvidenceList
from evidence_store import CaptureRecord


class EvidencePage(QWidget):
    """The list on the left, the selected capture on the right."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = EvidenceList(ctx)
        self.detail = DetailView(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.splitter)
        self.list.currentChanged.connect(self._current_changed)
        ctx.custodyChanged.connect(self._custody_changed)

    @Slot(object)
    def _current_changed(self, record: object) -> None:
        self.detail.show_capture(record if isinstance(record, CaptureRecord) else None)

    @Slot(str)
    def _custody_changed(self, capture_id: str) -> None:
        self.list.refresh()
