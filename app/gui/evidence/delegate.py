"""Painting one row of the evidence list: thumbnail, title, site and time, and a status badge.

Colours come from the stylesheet (``qproperty-…`` on EvidenceView), not from this file. Text is
drawn with QPainter.drawText, which never interprets markup.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from app.gui.evidence.model import CASE, KindRole, StatusRole, SubtitleRole, ThumbnailRole, VerdictRole
from app.gui.state.status import Status, Verdict
from app.gui.state.thumbnails import SIZE as THUMB

ROW_HEIGHT = THUMB.height() + 14
INDENT = 14
CASE_HEIGHT = 40
Index = QModelIndex | QPersistentModelIndex


def _color_property(name: str) -> Property:
    """A QColor property the stylesheet can set (``qproperty-<name>``) for the badge colours."""
    def get(view: EvidenceView) -> QColor:
        return view.color(name)

    def put(view: EvidenceView, value: QColor) -> None:
        view.set_color(name, value)

    return Property(QColor, get, put)


def _data(index: Index, role: int) -> Any:
    """The model's own ``data()``, called directly: painting asks for every visible row several times,
    and this skips a round trip through C++ and QVariant for each value."""
    model = index.model()
    return model.data(index, role) if model is not None else None


class EvidenceView(QListView):
    """The list's view; its badge colours are properties the stylesheet sets. Rows are laid out in
    batches between events, so ten thousand of them never stall the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(150)
        self.setUniformItemSizes(False)     # case headings are lower than captures
        self._colors = {
            "intact": QColor("#2e7d32"), "pending": QColor("#a15c00"), "broken": QColor("#c62828"),
            "waiting": QColor("#486581"),
            "checking": QColor("#6b6b6b"), "caseBackground": QColor("#eef1f5"), "muted": QColor("#5f6368"),
            "placeholder": QColor("#dde3ea"),
        }

    def color(self, name: str) -> QColor:
        return self._colors[name]

    def set_color(self, name: str, value: QColor) -> None:
        self._colors[name] = QColor(value)
        self.viewport().update()

    intactColor = _color_property("intact")
    pendingColor = _color_property("pending")
    waitingColor = _color_property("waiting")
    brokenColor = _color_property("broken")
    checkingColor = _color_property("checking")
    caseBackground = _color_property("caseBackground")
    mutedColor = _color_property("muted")
    placeholderColor = _color_property("placeholder")


class EvidenceDelegate(QStyledItemDelegate):
    def __init__(self, view: EvidenceView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(400, CASE_HEIGHT if _data(index, KindRole) == CASE else ROW_HEIGHT)

    def badge_text(self, status: Status) -> str:
        """Both answers in a few words: intact or not, and the time's status."""
        return {
            Status.CHECKING: self.tr("Checking…"),
            Status.INTACT: self.tr("Intact · trusted time"),
            Status.NO_TIMESTAMP: self.tr("Intact · time-stamp to come"),
            Status.UNTRUSTED_TIME: self.tr("Intact · time not trusted"),
            Status.TIME_BROKEN: self.tr("Intact · time-stamp broken"),
            Status.NOT_INTACT: self.tr("Not intact"),
            Status.UNREADABLE: self.tr("Cannot be checked"),
        }[status]

    def signer_badge_text(self, verdict: object) -> str | None:
        """A second badge when a custody event was signed by a key this computer does not know."""
        if isinstance(verdict, Verdict) and verdict.unknown_signers:
            return self.tr("Unknown signer")
        return None

    def badge_color(self, status: Status) -> QColor:
        name = {Status.CHECKING: "checking", Status.INTACT: "intact", Status.NO_TIMESTAMP: "waiting",
                Status.UNTRUSTED_TIME: "pending", Status.TIME_BROKEN: "broken",
                Status.NOT_INTACT: "broken", Status.UNREADABLE: "broken"}[status]
        return self.view.color(name)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        style = option.widget.style() if option.widget is not None else QApplication.style()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect
        if _data(index, KindRole) == CASE and not selected:
            painter.fillRect(rect, self.view.color("caseBackground"))
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        palette = option.palette
        text_color = palette.highlightedText().color() if selected else palette.text().color()
        muted = text_color if selected else self.view.color("muted")
        font = QFont(option.font)
        if _data(index, KindRole) == CASE:
            self._paint_case(painter, rect, index, font, text_color, muted)
        else:
            self._paint_capture(painter, rect, index, font, text_color, muted)
        painter.restore()

    def _paint_case(self, painter: QPainter, rect: QRect, index: Index, font: QFont, color: QColor,
                    muted: QColor) -> None:
        bold = QFont(font)
        bold.setBold(True)
        bold.setPointSizeF(font.pointSizeF() * 1.15)
        inner = rect.adjusted(8, 0, -12, 0)
        metrics = QFontMetrics(bold)
        title = metrics.elidedText(str(_data(index, Qt.ItemDataRole.DisplayRole)), Qt.TextElideMode.ElideRight,
                                   inner.width() // 2)
        painter.setFont(bold)
        painter.setPen(color)
        painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
        painter.setFont(font)
        painter.setPen(muted)
        subtitle = QFontMetrics(font).elidedText(str(_data(index, SubtitleRole)), Qt.TextElideMode.ElideRight,
                                                 inner.width() - metrics.horizontalAdvance(title) - 24)
        painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, subtitle)

    def _paint_capture(self, painter: QPainter, rect: QRect, index: Index, font: QFont, color: QColor,
                       muted: QColor) -> None:
        rect = rect.adjusted(INDENT, 0, 0, 0)          # captures sit under their case's heading
        thumb_rect = QRect(rect.left() + 6, rect.top() + (rect.height() - THUMB.height()) // 2,
                           THUMB.width(), THUMB.height())
        pixmap = _data(index, ThumbnailRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            size = pixmap.deviceIndependentSize().toSize()
            target = QRect(thumb_rect.topLeft(), size)
            target.moveCenter(thumb_rect.center())
            painter.drawPixmap(target, pixmap)
        else:
            painter.fillRect(thumb_rect, self.view.color("placeholder"))

        text_rect = rect.adjusted(THUMB.width() + 20, 8, -12, -8)
        bold = QFont(font)
        bold.setBold(True)
        line_h = QFontMetrics(bold).height()
        painter.setFont(bold)
        painter.setPen(color)
        title = QFontMetrics(bold).elidedText(str(_data(index, Qt.ItemDataRole.DisplayRole)),
                                              Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(QRect(text_rect.left(), text_rect.top() + 2, text_rect.width(), line_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(font)
        painter.setPen(muted)
        subtitle = QFontMetrics(font).elidedText(str(_data(index, SubtitleRole)), Qt.TextElideMode.ElideRight,
                                                 text_rect.width())
        painter.drawText(QRect(text_rect.left(), text_rect.top() + 4 + line_h, text_rect.width(), line_h),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, subtitle)
        status = _data(index, StatusRole)
        if isinstance(status, Status):
            top = text_rect.top() + 10 + 2 * line_h
            width = self._paint_badge(painter, text_rect.left(), top, font, self.badge_text(status),
                                      self.badge_color(status))
            signer = self.signer_badge_text(_data(index, VerdictRole)) if status != Status.CHECKING else None
            if signer:
                self._paint_badge(painter, text_rect.left() + width + 8, top, font, signer,
                                  self.view.color("pending"))

    def _paint_badge(self, painter: QPainter, left: int, top: int, font: QFont, text: str, color: QColor) -> int:
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * 0.9)
        small.setBold(True)
        metrics = QFontMetrics(small)
        width = metrics.horizontalAdvance(text) + 20
        height = metrics.height() + 8
        badge = QRect(left, top, width, height)
        fill = QColor(color)
        fill.setAlpha(30)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(color)
        painter.setBrush(fill)
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setFont(small)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        return width
