"""The detail view's tables: the recorded facts, the files with their hashes, and the custody log.

Every cell is a plain-text item (QTreeWidgetItem/QTableWidgetItem never interpret markup) and every
value is bounded before it is shown."""

from __future__ import annotations

import json
import re
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from app.gui.detail.facts import Fact, as_tree, summary
from app.gui.runtime.jobs import Details
from app.gui.state.wording import custody_sentence, event_name, signer_text
from app.gui.text import fill, grouped_fingerprint, human_size, plain, tooltip_html
from app.gui.timefmt import utc_text
from evidence_store import CustodyEntry

MAX_ROWS = 5000
PART = re.compile(r"artifacts/screenshot-full-part-(\d{1,4})\.png")


def _mono() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class FactsTab(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("factsTree")
        self.setColumnCount(2)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)
        self.details: Details | None = None
        self.technical = False
        self.retranslate()

    def set_technical(self, on: bool) -> None:
        self.technical = on
        self.show_details(self.details)

    def show_details(self, details: Details | None) -> None:
        self.details = details
        self.clear()
        if details is None:
            return
        for fact in summary(details.manifest, details.record, self.technical):
            self.addTopLevelItem(self._item(fact))
        if self.technical:
            everything = as_tree(details.manifest, self.tr("Everything recorded (manifest.json)"))
            self.addTopLevelItem(self._item(everything))
        for problem in details.problems:
            self.addTopLevelItem(QTreeWidgetItem([self.tr("Problem"), plain(problem, 500)]))

    def _item(self, fact: Fact) -> QTreeWidgetItem:
        item = QTreeWidgetItem([fact.label, fact.value])
        for child in fact.children:
            item.addChild(self._item(child))
        return item

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Fact"), self.tr("Value")])
        self.setAccessibleName(self.tr("Facts of the capture"))
        if self.details is not None:
            self.show_details(self.details)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _table(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)


def _cell(text: str, mono: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if mono:
        item.setFont(_mono())
    return item


class FilesTab(QTableWidget):
    """What was kept, in words and size; with Details also the file's name, media type and SHA-256."""

    TECHNICAL = (2, 3, 4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.setObjectName("filesTable")
        _table(self)
        self.details: Details | None = None
        self.set_technical(False)
        self.retranslate()

    def set_technical(self, on: bool) -> None:
        for column in self.TECHNICAL:
            self.setColumnHidden(column, not on)
        self.resizeColumnsToContents()

    def kept_what(self, artifact: dict[str, Any]) -> str:
        """What a file is, in the person's language (the manifest's own description is English)."""
        path = str(artifact.get("path", ""))
        known = {
            "artifacts/screenshot-viewport.png": self.tr("What the page showed on opening"),
            "artifacts/screenshot-viewport-before-overlays.png": self.tr("The page on opening, before cookie "
                                                                         "pop-ups were closed"),
            "artifacts/screenshot-full.png": self.tr("The whole page, top to bottom"),
            "artifacts/page.html": self.tr("The page as the browser had built it"),
            "artifacts/page.mhtml": self.tr("The page with its pictures and styles, in one file"),
            "artifacts/page.wacz": self.tr("Everything the page loaded (the network record)"),
            "artifacts/page-text.txt": self.tr("The page's text, as the browser showed it"),
        }
        if path in known:
            return known[path]
        part = PART.fullmatch(path)
        if part:                    # capture/page/whole/parts.py: a tall screenshot also kept in parts
            return fill(self.tr("Part %1 of the picture of the whole page, for programs that cannot open it "
                                "whole"), int(part.group(1)))
        if path.startswith("artifacts/media/"):
            return self.tr("A video or sound the page played")
        if path.startswith("artifacts/response-body."):
            return self.tr("The file the address answered with (not a web page), as the browser received it")
        return plain(artifact.get("description"), 300) or plain(path, 300)

    def show_details(self, details: Details | None) -> None:
        self.details = details
        artifacts = details.manifest.get("artifacts") if details is not None else None
        rows = [a for a in artifacts[:MAX_ROWS] if isinstance(a, dict)] if isinstance(artifacts, list) else []
        self.setRowCount(len(rows))
        for row, artifact in enumerate(rows):
            size = artifact.get("size")
            what = self.kept_what(artifact)
            self.setItem(row, 0, _cell(what))
            self.setItem(row, 1, _cell(human_size(size) if isinstance(size, int) else "?"))
            self.setItem(row, 2, _cell(plain(artifact.get("path"), 300)))
            self.setItem(row, 3, _cell(plain(artifact.get("media_type"), 100)))
            self.setItem(row, 4, _cell(plain(artifact.get("sha256"), 64), mono=True))
        self.resizeColumnsToContents()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("What was kept"), self.tr("Size"), self.tr("File"), self.tr("Type"),
                                        self.tr("SHA-256 fingerprint")])
        self.setAccessibleName(self.tr("What was kept of the page"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class CustodyTab(QTableWidget):
    """The custody log, one event a row as a sentence ("01.12.2026 22.04 — Mette Holm (HR) received the
    evidence"), with who signed it: the sealer, a known key by name, or an unknown key (its fingerprint in
    the tooltip, and "Trust this key…" on its row's menu). Details adds the number, the kind, the UTC
    time and the recorded details."""

    trustRequested = Signal(str)    # the fingerprint of an unknown signer the person wants to trust
    SIGNER = 1
    TECHNICAL = (2, 3, 4, 5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 6, parent)
        self.setObjectName("custodyTable")
        _table(self)
        self.details: Details | None = None
        self.signers: dict[int, CustodyEntry] = {}
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.set_technical(False)
        self.retranslate()

    def set_technical(self, on: bool) -> None:
        for column in self.TECHNICAL:
            self.setColumnHidden(column, not on)
        self.resizeColumnsToContents()

    def event_name(self, event: str) -> str:
        return event_name(event)

    def show_details(self, details: Details | None) -> None:
        self.details = details
        events = details.custody[:MAX_ROWS] if details is not None else []
        self.setRowCount(len(events))
        for row, event in enumerate(events):
            self.setItem(row, 0, _cell(custody_sentence(event)))
            self.setItem(row, self.SIGNER, self._signer_cell(event))
            self.setItem(row, 2, _cell(plain(event.get("seq"), 10)))
            self.setItem(row, 3, _cell(self.event_name(str(event.get("event", "")))))
            self.setItem(row, 4, _cell(utc_text(str(event.get("at", "")))))
            self.setItem(row, 5, _cell(_details_text(event.get("details"))))
        self.resizeColumnsToContents()

    def show_signers(self, entries: tuple[CustodyEntry, ...] | list[CustodyEntry]) -> None:
        """Who signed each event, as the last verification attributed them (by sequence number)."""
        self.signers = {entry.seq: entry for entry in entries if entry.seq is not None}
        if self.details is not None:
            for row, event in enumerate(self.details.custody[:MAX_ROWS]):
                self.setItem(row, self.SIGNER, self._signer_cell(event))
            self.resizeColumnsToContents()

    def signer_at(self, row: int) -> CustodyEntry | None:
        if self.details is None or not 0 <= row < min(len(self.details.custody), MAX_ROWS):
            return None
        seq = self.details.custody[row].get("seq")
        entry = self.signers.get(seq) if isinstance(seq, int) else None
        fingerprint = self.details.custody[row].get("signer_fingerprint")
        return entry if entry is not None and entry.signer.fingerprint == fingerprint else None

    def _signer_cell(self, event: dict[str, Any]) -> QTableWidgetItem:
        seq = event.get("seq")
        entry = self.signers.get(seq) if isinstance(seq, int) else None
        fingerprint = event.get("signer_fingerprint")
        if entry is None or entry.signer.fingerprint != fingerprint:
            item = _cell(self.tr("not checked yet"))
        else:
            item = _cell(signer_text(entry.signer))
        item.setToolTip(tooltip_html(self.tr("Key fingerprint:"), grouped_fingerprint(str(fingerprint or ""))))
        return item

    @Slot(QPoint)
    def _menu(self, point: QPoint) -> None:
        entry = self.signer_at(self.rowAt(point.y()))
        if entry is None or entry.signer.kind != "unknown" or not entry.signer.fingerprint:
            return
        menu = QMenu(self)
        fingerprint = entry.signer.fingerprint
        menu.addAction(self.tr("Trust this key…"), lambda: self.trustRequested.emit(fingerprint))
        menu.popup(self.viewport().mapToGlobal(point))

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("What happened"), self.tr("Signed by"), self.tr("#"),
                                        self.tr("Event"), self.tr("Time (UTC)"), self.tr("Recorded details")])
        self.setAccessibleName(self.tr("Chain of custody"))
        if self.details is not None:
            self.show_details(self.details)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _details_text(details: Any) -> str:
    if isinstance(details, dict) and isinstance(details.get("text"), str) and len(details) == 1:
        return plain(details["text"], 500)
    try:
        return plain(json.dumps(details, ensure_ascii=False, sort_keys=True), 500)
    except (TypeError, ValueError):
        return ""

