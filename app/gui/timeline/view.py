"""The timeline window of one case: the drawn timeline above, the events as a list to arrow through
(each with its first view's picture, blurred as in the evidence list), and the selected event in full:
time in the organisation's zone, outcome, page title and address, capture id, and the removed text struck
through and the added text underlined. Every text from a page is escaped before it goes into rich text.
The events are read off the GUI thread (the same ``case_timeline`` as ``vidne timeline``). Escape closes."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, Slot
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.gui.context import AppContext
from app.gui.messages import show_error
from app.gui.text import fill, plain
from app.gui.timefmt import local_and_utc, local_time
from app.gui.timeline.marks import TimelineStrip, mark_colour, outcome_words
from evidence_store import Store, TimelineEvent

log = logging.getLogger(__name__)

TEXT_LIMIT = 2_000          # characters of one title, address, removed or added piece shown
MAX_PIECES = 200            # removed or added pieces shown per event (the bundle has them all)
ICON = QSize(96, 67)


@dataclass
class CaseTimeline:
    case: str
    events: list[TimelineEvent]
    bundles: dict[str, Path] = field(default_factory=dict)   # capture id -> its bundle (for the picture)


class TimelineJob:
    """Read a case's timeline and where each capture's bundle is (runs on a worker thread)."""

    def __init__(self, store: Store, case: str) -> None:
        self.store, self.case = store, case

    def run(self, progress: Any) -> CaseTimeline:
        from evidence_store import case_timeline

        found = CaseTimeline(self.case, case_timeline(self.store, self.case))
        for event in found.events:
            if event.outcome != "unreachable" and event.id not in found.bundles:   # no bundle of its own
                found.bundles[event.id] = self.store.get(event.id).path
        return found


def esc(value: object, limit: int = TEXT_LIMIT) -> str:
    """Hostile text made plain and escaped for Qt rich text."""
    return html.escape(plain(value, limit), quote=True)


class TimelineDialog(QDialog):
    """One case's timeline; ``load()`` reads it (again)."""

    def __init__(self, ctx: AppContext, case: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineDialog")
        self.ctx, self.case = ctx, case
        self.timeline: CaseTimeline | None = None
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.status = QLabel()
        self.status.setObjectName("muted")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.strip = TimelineStrip()
        self.strip.picked.connect(self._picked)
        self.events = QListWidget()
        self.events.setObjectName("timelineEvents")
        self.events.setIconSize(ICON)
        self.events.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.events.setWordWrap(True)
        self.events.currentRowChanged.connect(self._show_event)
        self.picture = QLabel()
        self.picture.setObjectName("timelinePicture")
        self.picture.setFixedSize(ICON * 2)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QTextBrowser()
        self.detail.setObjectName("timelineDetail")
        self.detail.setOpenLinks(False)
        self.detail.setOpenExternalLinks(False)
        self.detail.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        right = QVBoxLayout()
        right.addWidget(self.picture)
        right.addWidget(self.detail, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.events, 2)
        middle.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.strip)
        layout.addLayout(middle, 1)
        layout.addWidget(self.buttons)
        self.resize(980, 680)
        ctx.thumbnails.ready.connect(self._picture_ready)
        ctx.thumbnails.reset.connect(self._pictures_reset)
        ctx.captureAdded.connect(self._evidence_changed)
        ctx.evidenceChanged.connect(self.load)
        self.retranslate()
        self.events.setFocus()

    # -- loading ------------------------------------------------------------------------------------
    @Slot()
    def load(self) -> None:
        store = self.ctx.store
        if store is None:
            return
        self.status.setText(self.tr("Loading…"))
        self.ctx.jobs.start(TimelineJob(store, self.case), finished=self._loaded, failed=self._failed)

    @Slot(object)
    def _evidence_changed(self, record: object) -> None:
        if getattr(record, "case", None) == self.case:
            self.load()

    @Slot(object)
    def _loaded(self, timeline: object) -> None:
        assert isinstance(timeline, CaseTimeline)
        keep = self.events.currentRow()
        self.timeline = timeline
        self.events.clear()
        for number, event in enumerate(timeline.events, start=1):
            item = QListWidgetItem(self._item_text(number, event))
            item.setToolTip(f"<p>{esc(event.title, 300)}<br>{esc(event.url, 300)}</p>")
            self.events.addItem(item)
            self._set_icon(number - 1)
        self.strip.set_outcomes([event.outcome for event in timeline.events])
        self._show_count()
        if timeline.events:
            self.events.setCurrentRow(keep if 0 <= keep < len(timeline.events) else 0)
        else:
            self._show_event(-1)

    @Slot(object)
    def _failed(self, exc: object) -> None:
        self.status.setText("")
        if isinstance(exc, BaseException):
            show_error(self.window(), exc)

    # -- pictures -----------------------------------------------------------------------------------
    def _pixmap(self, row: int) -> QPixmap | None:
        if self.timeline is None or not 0 <= row < len(self.timeline.events):
            return None
        event = self.timeline.events[row]
        bundle = self.timeline.bundles.get(event.id) if event.outcome != "unreachable" else None
        return self.ctx.thumbnails.get(event.id, bundle) if bundle is not None else None

    def _set_icon(self, row: int) -> None:
        pixmap = self._pixmap(row)
        item = self.events.item(row)
        if item is not None:
            item.setIcon(QIcon(pixmap) if pixmap is not None and not pixmap.isNull() else QIcon())

    @Slot(str)
    def _picture_ready(self, capture_id: str) -> None:
        if self.timeline is None:
            return
        for row, event in enumerate(self.timeline.events):
            if event.id == capture_id:
                self._set_icon(row)
        self._show_picture(self.events.currentRow())

    @Slot()
    def _pictures_reset(self) -> None:
        for row in range(self.events.count()):
            self._set_icon(row)
        self._show_picture(self.events.currentRow())

    def _show_picture(self, row: int) -> None:
        pixmap = self._pixmap(row)
        if pixmap is None or pixmap.isNull():
            self.picture.clear()
            return
        size = self.picture.size() * pixmap.devicePixelRatio()
        self.picture.setPixmap(pixmap.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    # -- one event ----------------------------------------------------------------------------------
    def _item_text(self, number: int, event: TimelineEvent) -> str:
        return f"{number}. {local_time(event.at)} – {outcome_words(event.outcome)}\n{plain(event.title, 90)}"

    @Slot(int)
    def _picked(self, row: int) -> None:
        self.events.setCurrentRow(row)
        self.events.setFocus()

    @Slot(int)
    def _show_event(self, row: int) -> None:
        self.strip.set_current(row)
        self._show_picture(row)
        if self.timeline is None or not 0 <= row < len(self.timeline.events):
            self.detail.setHtml("")
            return
        self.detail.setHtml(self.event_html(row + 1, self.timeline.events[row]))

    def event_html(self, number: int, event: TimelineEvent) -> str:
        """The event in full, as rich text: every value from a page or a bundle escaped."""
        colour = mark_colour(event.outcome).name()
        head = (f"{number}. {esc(local_time(event.at), 60)} – "
                f"<span style='color:{colour}'>{esc(outcome_words(event.outcome), 60)}</span>")
        no_title = self.tr("(no title)")
        facts = [f"<b>{esc(event.title) or esc(no_title)}</b>", esc(event.url),
                 esc(fill(self.tr("Time: %1"), local_and_utc(event.at))),
                 esc(fill(self.tr("Capture: %1"), event.id), 200)]
        if event.of:
            facts.append(esc(fill(self.tr("Re-check of %1"), event.of), 200))
        if event.http_status is not None:
            facts.append(esc(fill(self.tr("HTTP status %1"), event.http_status)))
        parts = [f"<h3>{head}</h3>", "<p>" + "<br>".join(facts) + "</p>"]
        for key, label, (start, end) in (
            ("removed", self.tr("Removed text (struck through):"), ("<s>", "</s>")),
            ("added", self.tr("Added text (underlined):"), ("<u><b>", "</b></u>")),
        ):
            pieces = event.changes.get(key) or []
            if not pieces:
                continue
            parts.append(f"<p><b>{esc(label)}</b></p><ul>")
            parts += [f"<li>{start}{esc(piece)}{end}</li>" for piece in pieces[:MAX_PIECES]]
            parts.append("</ul>")
            if len(pieces) > MAX_PIECES:
                parts.append("<p>" + esc(self.tr("… %n more; all are in the bundle's manifest.json.", "",
                                                 len(pieces) - MAX_PIECES)) + "</p>")
        if event.outcome == "unreachable":
            parts.append("<p>" + esc(self.tr("No answer from the address: nothing was saved, the attempt is "
                                             "recorded in the custody log of the capture it re-checked.")) + "</p>")
        return "".join(parts)

    # -- texts --------------------------------------------------------------------------------------
    def _show_count(self) -> None:
        count = len(self.timeline.events) if self.timeline is not None else 0
        self.status.setText(self.tr("%n event(s), oldest first. A re-check sees what the browser sees at that "
                                    "moment, logged in as Vidne's browser profile was.", "", count))

    def retranslate(self) -> None:
        case = plain(self.case, 80) if self.case else self.tr("No case")
        self.setWindowTitle(fill(self.tr("Timeline – %1"), case))
        self.heading.setText(fill(self.tr("Timeline of the case %1"), case))
        self.events.setAccessibleName(self.tr("Captures and re-checks of the case, oldest first"))
        self.strip.setAccessibleName(self.tr("The timeline drawn: one mark per capture or re-check"))
        self.detail.setAccessibleName(self.tr("The selected capture or re-check"))
        self.picture.setAccessibleName(self.tr("The page's first view (blurred unless you chose otherwise)"))
        if self.timeline is not None:
            self._show_count()
            for row, event in enumerate(self.timeline.events):
                item = self.events.item(row)
                if item is not None:
                    item.setText(self._item_text(row + 1, event))
            self._show_event(self.events.currentRow())
        self.strip.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
