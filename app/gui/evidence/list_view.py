"""The evidence list: every capture in the store, grouped by case, newest first, with a case filter
and a search field. The store's index does the filtering; the list is read off the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QModelIndex, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.evidence.delegate import EvidenceDelegate, EvidenceView
from app.gui.evidence.model import EvidenceModel
from app.gui.messages import show_error
from app.gui.runtime.jobs import Listing, ListJob
from app.gui.text import plain
from evidence_store import CaptureRecord

log = logging.getLogger(__name__)

ALL_CASES = "\x00all"      # the filter's "every case" entry (no real case name holds a NUL)
SEARCH_DELAY_MS = 250


class EvidenceList(QWidget):
    currentChanged = Signal(object)     # CaptureRecord or None
    listed = Signal(int)                # a new listing is shown (number of captures)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceList")
        self.ctx = ctx
        self._pending_select: str | None = None
        self._case_names: list[str] | None = None

        self.case_filter = QComboBox()
        self.case_filter.setObjectName("caseFilter")
        self.case_filter.setMinimumContentsLength(18)
        self.case_filter.currentIndexChanged.connect(self.refresh)
        self.case_label = QLabel()
        self.case_label.setBuddy(self.case_filter)
        self.search = QLineEdit()
        self.search.setObjectName("searchField")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)
        self.count = QLabel()
        self.count.setObjectName("muted")

        self.model = EvidenceModel(ctx)
        self.view = EvidenceView()
        self.view.setObjectName("evidenceView")
        self.view.setModel(self.model)
        self.view.setItemDelegate(EvidenceDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setMouseTracking(False)
        selection = self.view.selectionModel()
        selection.currentChanged.connect(self._current_changed)

        top = QHBoxLayout()
        top.addWidget(self.case_label)
        top.addWidget(self.case_filter)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.setTabOrder(self.case_filter, self.search)
        self.setTabOrder(self.search, self.view)

        ctx.storeOpened.connect(self.refresh)
        ctx.captureAdded.connect(self._capture_added)
        ctx.evidenceChanged.connect(self.refresh)
        self.retranslate()

    # -- listing ------------------------------------------------------------------------------------
    def chosen_case(self) -> str | None:
        if self.case_filter.count() == 0:
            return None
        data = self.case_filter.currentData()
        return None if data is None or data == ALL_CASES else str(data)

    @Slot()
    def refresh(self) -> None:
        store = self.ctx.store
        if store is None:
            return
        self.count.setText(self.tr("Loading…"))
        job = ListJob(store, self.chosen_case(), self.search.text().strip())
        self.ctx.jobs.start(job, finished=self._listed, failed=self._list_failed)

    @Slot(object)
    def _listed(self, listing: object) -> None:
        assert isinstance(listing, Listing)
        if listing.case != self.chosen_case() or listing.text != self.search.text().strip():
            return     # an older answer; a newer one is on its way
        current = self.current_record()
        keep = self._pending_select or (current.id if current else None)
        self.model.set_records(listing.records)
        self._set_cases([c.name for c in listing.cases])
        self._show_count(len(listing.records))
        if keep and self.model.index_of(keep).isValid():
            self.select(keep)
            self._pending_select = None
        elif current is not None:
            self.currentChanged.emit(None)
        self.listed.emit(len(listing.records))
        self.ctx.listing_shown()

    @Slot(object)
    def _list_failed(self, exc: object) -> None:
        self.count.setText("")
        self.ctx.listing_shown()
        if isinstance(exc, BaseException):
            show_error(self.window(), exc)

    def _show_count(self, count: int) -> None:
        self.count.setText(self.tr("%n capture(s) shown", "", count))

    def _set_cases(self, names: list[str]) -> None:
        if names == self._case_names:
            return
        self._case_names = names
        chosen = self.case_filter.currentData() if self.case_filter.count() else ALL_CASES
        self.case_filter.blockSignals(True)
        self.case_filter.clear()
        self.case_filter.addItem(self.tr("All cases"), ALL_CASES)
        for name in names:
            self.case_filter.addItem(plain(name, 80) if name else self.tr("No case"), name)
        found = self.case_filter.findData(chosen)
        self.case_filter.setCurrentIndex(found if found >= 0 else 0)
        self.case_filter.blockSignals(False)

    @Slot(object)
    def _capture_added(self, record: object) -> None:
        self.refresh()

    # -- selection ----------------------------------------------------------------------------------
    def current_record(self) -> CaptureRecord | None:
        return self.model.record_at(self.view.currentIndex())

    def select(self, capture_id: str) -> bool:
        """Make ``capture_id`` the current row (clearing the filters if it is not shown)."""
        index = self.model.index_of(capture_id)
        if not index.isValid():
            self._pending_select = capture_id
            if self.case_filter.currentIndex() != 0 or self.search.text():
                self.search.blockSignals(True)
                self.search.clear()
                self.search.blockSignals(False)
                self.case_filter.setCurrentIndex(0)   # refreshes
            else:
                self.refresh()
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    @Slot(QModelIndex, QModelIndex)
    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self.currentChanged.emit(self.model.record_at(current))

    def retranslate(self) -> None:
        self.case_label.setText(self.tr("C&ase:"))
        self.case_filter.setAccessibleName(self.tr("Show captures of this case"))
        self.search.setPlaceholderText(self.tr("Search titles, addresses and notes"))
        self.search.setAccessibleName(self.tr("Search the evidence"))
        self.view.setAccessibleName(self.tr("Evidence, grouped by case, newest first"))
        if self.case_filter.count():
            self.case_filter.setItemText(0, self.tr("All cases"))
            no_case = self.case_filter.findData("")
            if no_case >= 0:
                self.case_filter.setItemText(no_case, self.tr("No case"))
        self._show_count(self.model.capture_count())
        self.view.viewport().update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
