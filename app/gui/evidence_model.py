"""The evidence list's model: the store's index as a tree, cases at the top level, captures inside,
newest first. Thumbnails and status are asked for only when a row is painted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Slot

from evidence_store.index import CaptureRecord

from .context import AppContext
from .text import fill, plain, site_of, tooltip_html
from .timefmt import local_time

Index = QModelIndex | QPersistentModelIndex

RecordRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
StatusRole = Qt.ItemDataRole.UserRole + 3
ThumbnailRole = Qt.ItemDataRole.UserRole + 4
CountRole = Qt.ItemDataRole.UserRole + 5
CaseNameRole = Qt.ItemDataRole.UserRole + 6
SubtitleRole = Qt.ItemDataRole.UserRole + 7

CASE, CAPTURE = "case", "capture"
_TOP = 0          # internal id of case rows; capture rows carry their case's row + 1


@dataclass
class _Group:
    name: str
    records: list[CaptureRecord] = field(default_factory=list)


class EvidenceModel(QAbstractItemModel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._groups: list[_Group] = []
        self._where: dict[str, tuple[int, int]] = {}
        ctx.thumbnails.ready.connect(self._thumbnail_ready)
        ctx.thumbnails.reset.connect(self._everything_changed)
        ctx.statuses.changed.connect(self._status_changed)

    # -- filling ------------------------------------------------------------------------------------
    def set_records(self, records: list[CaptureRecord]) -> None:
        """``records`` newest first (as the store lists them); cases ordered by their newest capture."""
        self.beginResetModel()
        groups: dict[str, _Group] = {}
        for record in records:
            group = groups.get(record.case)
            if group is None:
                group = groups[record.case] = _Group(record.case)
            group.records.append(record)
        self._groups = list(groups.values())
        self._where = {r.id: (g, i) for g, group in enumerate(self._groups)
                       for i, r in enumerate(group.records)}
        self.endResetModel()

    def capture_count(self) -> int:
        return len(self._where)

    def index_of(self, capture_id: str) -> QModelIndex:
        where = self._where.get(capture_id)
        if where is None:
            return QModelIndex()
        group, row = where
        return self.createIndex(row, 0, group + 1)

    def record_at(self, index: Index) -> CaptureRecord | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        group = self._groups[index.internalId() - 1]
        return group.records[index.row()] if index.row() < len(group.records) else None

    def replace_record(self, record: CaptureRecord) -> None:
        """A capture's index row changed (a note was added): show the new one."""
        where = self._where.get(record.id)
        if where is not None:
            self._groups[where[0]].records[where[1]] = record
            index = self.index_of(record.id)
            self.dataChanged.emit(index, index)

    # -- the tree -----------------------------------------------------------------------------------
    def index(self, row: int, column: int = 0, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _TOP:
            return QModelIndex()
        group = parent.row()
        if group < len(self._groups) and row < len(self._groups[group].records):
            return self.createIndex(row, 0, group + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _TOP and parent.column() == 0 and parent.row() < len(self._groups):
            return len(self._groups[parent.row()].records)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._case_data(self._groups[index.row()], role)
        record = self.record_at(index)
        return None if record is None else self._capture_data(record, role)

    def case_title(self, name: str) -> str:
        return plain(name, 120) if name else self.tr("No case")

    def _case_data(self, group: _Group, role: int) -> Any:
        if role == KindRole:
            return CASE
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            title = self.case_title(group.name)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return fill(self.tr("Case %1, %n capture(s)", "", len(group.records)), title)
            return title
        if role == CountRole:
            return len(group.records)
        if role == CaseNameRole:
            return group.name
        if role == SubtitleRole:
            newest = group.records[0].started_at if group.records else ""
            return fill(self.tr("%n capture(s), newest %1", "", len(group.records)), local_time(newest))
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
            return tooltip_html(record.title, record.final_url or record.url, record.note)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return fill(self.tr("%1, %2, saved %3"), plain(record.title, 200),
                        site_of(record.final_url or record.url), local_time(record.started_at))
        if role == StatusRole:
            return self.ctx.statuses.status(record)
        if role == ThumbnailRole:
            return self.ctx.thumbnails.get(record.id, record.path)
        if role == CaseNameRole:
            return record.case
        return None

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
            self.dataChanged.emit(index, index, [StatusRole])

    @Slot()
    def _everything_changed(self) -> None:
        for g, group in enumerate(self._groups):
            if group.records:
                first = self.createIndex(0, 0, g + 1)
                last = self.createIndex(len(group.records) - 1, 0, g + 1)
                self.dataChanged.emit(first, last, [ThumbnailRole])
