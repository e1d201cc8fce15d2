"""The evidence list's model: the store's index as one flat list, each case's heading followed by its
captures, newest first. Thumbnails and status are asked for only when a row is painted.

Flat (not a tree) on purpose: a QListView lays out ten thousand rows in small batches between events,
where a tree view would walk every row at once and stall the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Slot

from app.gui.context import AppContext
from app.gui.state.status import Status
from app.gui.state.wording import time_short, unknown_line
from app.gui.text import fill, plain, site_of, tooltip_html
from app.gui.timefmt import local_time
from evidence_store import CaptureRecord

Index = QModelIndex | QPersistentModelIndex

RecordRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3
ThumbnailRole = Qt.ItemDataRole.UserRole + 4
CountRole = Qt.ItemDataRole.UserRole + 5
CaseNameRole = Qt.ItemDataRole.UserRole + 6
SubtitleRole = Qt.ItemDataRole.UserRole + 7
VerdictRole = Qt.ItemDataRole.UserRole + 8      # the last check's Verdict (both answers), or None

CASE, CAPTURE = "case", "capture"


class _Heading:
    __slots__ = ("count", "name", "newest")

    def __init__(self, name: str, newest: str) -> None:
        self.name, self.newest, self.count = name, newest, 0


class EvidenceModel(QAbstractListModel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._rows: list[_Heading | CaptureRecord] = []
        self._where: dict[str, int] = {}
        self._cases: list[_Heading] = []
        ctx.thumbnails.ready.connect(self._thumbnail_ready)
        ctx.thumbnails.reset.connect(self._everything_changed)
        ctx.statuses.changed.connect(self._status_changed)

    # -- filling ------------------------------------------------------------------------------------
    def set_records(self, records: list[CaptureRecord]) -> None:
        """``records`` newest first (as the store lists them); cases ordered by their newest capture."""
        groups: dict[str, list[CaptureRecord]] = {}
        for record in records:
            groups.setdefault(record.case, []).append(record)
        rows: list[_Heading | CaptureRecord] = []
        cases = []
        for name, members in groups.items():
            heading = _Heading(name, members[0].started_at)
            heading.count = len(members)
            cases.append(heading)
            rows.append(heading)
            rows.extend(members)
        self.beginResetModel()
        self._rows, self._cases = rows, cases
        self._where = {row.id: n for n, row in enumerate(rows) if isinstance(row, CaptureRecord)}
        self.endResetModel()

    def capture_count(self) -> int:
        return len(self._where)

    def case_rows(self) -> list[QModelIndex]:
        return [self.index(n) for n, row in enumerate(self._rows) if isinstance(row, _Heading)]

    def records(self) -> list[CaptureRecord]:
        return [row for row in self._rows if isinstance(row, CaptureRecord)]

    def index_of(self, capture_id: str) -> QModelIndex:
        row = self._where.get(capture_id)
        return self.index(row) if row is not None else QModelIndex()

    def record_at(self, index: Index) -> CaptureRecord | None:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        return row if isinstance(row, CaptureRecord) else None

    def replace_record(self, record: CaptureRecord) -> None:
        """A capture's index row changed (a note was added): show the new one."""
        row = self._where.get(record.id)
        if row is not None:
            self._rows[row] = record
            index = self.index(row)
            self.dataChanged.emit(index, index)

    # -- the list -----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and index.row() < len(self._rows) and isinstance(self._rows[index.row()], _Heading):
            return Qt.ItemFlag.NoItemFlags      # a heading: the keyboard moves from capture to capture
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, _Heading):
            return self._case_data(row, role)
        return self._capture_data(row, role)

    def case_title(self, name: str) -> str:
        return plain(name, 120) if name else self.tr("No case")

    def _case_data(self, heading: _Heading, role: int) -> Any:
        if role == KindRole:
            return CASE
        if role == Qt.ItemDataRole.DisplayRole:
            return self.case_title(heading.name)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return fill(self.tr("Case %1, %n capture(s)", "", heading.count), self.case_title(heading.name))
        if role == CountRole:
            return heading.count
        if role == CaseNameRole:
            return heading.name
        if role == SubtitleRole:
            return fill(self.tr("%n capture(s), newest %1", "", heading.count), local_time(heading.newest))
        return None

    def _capture_data(self, record: CaptureRecord, role: int) -> Any:
        if role == KindRole:
            return CAPTURE
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.DisplayRole:
            return plain(record.title, 200) or self.tr("(no title)")
        if role == SubtitleRole:
            return f"{site_of(record.final_url or record.url)}  ·  {local_time(record.started_at)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(record.title, record.final_url or record.url, record.note,
                                *self._trust_lines(record))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return fill(self.tr("%1, %2, saved %3"), plain(record.title, 200),
                        site_of(record.final_url or record.url), local_time(record.started_at))
        if role == StatusRole:
            return self.ctx.statuses.status(record)
        if role == VerdictRole:
            return self.ctx.statuses.verdict(record.id)
        if role == ThumbnailRole:
            return self.ctx.thumbnails.get(record.id, record.path)
        if role == CaseNameRole:
            return record.case
        return None

    def _trust_lines(self, record: CaptureRecord) -> list[str]:
        """The time's status and any unknown signer, once a check has said."""
        verdict = self.ctx.statuses.verdict(record.id)
        if verdict is None or verdict.status in (Status.CHECKING, Status.UNREADABLE):
            return []
        return [time_short(verdict.time), *(unknown_line(e) for e in verdict.unknown_signers[:3])]

    # -- what changed ------------------------------------------------------------------------------
    @Slot(str)
    def _thumbnail_ready(self, capture_id: str) -> None:
        index = self.index_of(capture_id)
        if index.isValid():
            self.dataChanged.emit(index, index, [ThumbnailRole])

    @Slot(str)
    def _status_changed(self, capture_id: str) -> None:
        index = self.index_of(capture_id)
        if index.isValid():
            self.dataChanged.emit(index, index, [StatusRole, VerdictRole, Qt.ItemDataRole.ToolTipRole])

    @Slot()
    def _everything_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [ThumbnailRole])
