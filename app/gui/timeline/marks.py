"""The timeline's drawing: a line with one mark per event, in time order and evenly spaced, the mark's
colour and shape saying the outcome (the same as the report's, so that both read alike and a mark is
told apart without colour too), the selected event ringed, and a legend. Painted with QPainter: no
text from a page is drawn here, only numbers and the outcome words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.gui.state.wording import outcome_words

translate = QCoreApplication.translate

# outcome -> (colour, shape); the report's evidence_store/report/pdf/timeline.py uses the same.
MARKS: dict[str, tuple[str, str]] = {
    "captured": ("#1f5fa8", "circle"),
    "unchanged": ("#2e7d32", "square"),
    "changed": ("#c2410c", "diamond"),
    "gone": ("#b91c1c", "cross"),
    "login_needed": ("#7c3aed", "triangle"),
    "unreachable": ("#6b7280", "ring"),
}
_OTHER = ("#52606d", "hollow_square")
RADIUS = 6.0
_SIDE = 18.0
_LINE_Y = 26.0
_LEGEND_Y = 58.0


def mark_colour(outcome: str) -> QColor:
    return QColor(MARKS.get(outcome, _OTHER)[0])


def draw_mark(painter: QPainter, centre: QPointF, outcome: str, radius: float = RADIUS) -> None:
    colour_name, shape = MARKS.get(outcome, _OTHER)
    colour = QColor(colour_name)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(colour, 1.6))
    painter.setBrush(colour)
    x, y, r = centre.x(), centre.y(), radius
    if shape == "circle":
        painter.drawEllipse(centre, r, r)
    elif shape == "square":
        painter.drawRect(QRectF(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8))
    elif shape == "diamond":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.2), QPointF(x + r * 1.2, y), QPointF(x, y + r * 1.2),
                                       QPointF(x - r * 1.2, y)]))
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(x, y - r * 1.15), QPointF(x + r * 1.1, y + r * 0.85),
                                       QPointF(x - r * 1.1, y + r * 0.85)]))
    elif shape == "cross":
        painter.setPen(QPen(colour, 2.6))
        painter.drawLine(QPointF(x - r, y - r), QPointF(x + r, y + r))
        painter.drawLine(QPointF(x - r, y + r), QPointF(x + r, y - r))
    elif shape == "ring":
        painter.setBrush(Qt.GlobalColor.white)
        painter.drawEllipse(centre, r * 0.85, r * 0.85)
    else:
        painter.setBrush(Qt.GlobalColor.white)
        painter.drawRect(QRectF(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6))
    painter.restore()


class TimelineStrip(QWidget):
    """The drawn timeline. ``set_outcomes`` gives the events' outcomes in time order; ``set_current``
    rings one; a click on a mark emits ``picked(row)``. Keyboard focus stays with the list beside it."""

    picked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineStrip")
        self.outcomes: list[str] = []
        self.current = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(600, int(_LEGEND_Y + 14 * 2 + 6))

    def set_outcomes(self, outcomes: list[str]) -> None:
        self.outcomes = list(outcomes)
        self.current = min(self.current, len(self.outcomes) - 1)
        self.setAccessibleDescription(", ".join(f"{n}: {outcome_words(o)}" for n, o in enumerate(outcomes, 1)))
        self.update()

    def set_current(self, row: int) -> None:
        self.current = row
        self.update()

    def positions(self) -> list[float]:
        count, width = len(self.outcomes), float(self.width())
        if count == 1:
            return [width / 2]
        step = (width - 2 * _SIDE) / max(1, count - 1)
        return [_SIDE + n * step for n in range(count)]

    def legend(self) -> list[str]:
        """The outcomes shown, in the legend's order."""
        shown = [o for o in MARKS if o in self.outcomes]
        return shown + sorted(set(self.outcomes) - set(MARKS))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().windowText().color()
        painter.setPen(QPen(QColor("#9aa5b1"), 2))
        painter.drawLine(QPointF(4, _LINE_Y), QPointF(self.width() - 4, _LINE_Y))
        xs = self.positions()
        metrics = painter.fontMetrics()
        gap = xs[1] - xs[0] if len(xs) > 1 else float(self.width())
        every = max(1, int((metrics.horizontalAdvance(str(len(xs))) + 6) // max(gap, 1.0)) + 1)
        for n, (x, outcome) in enumerate(zip(xs, self.outcomes, strict=True)):
            if n == self.current:
                painter.setPen(QPen(self.palette().highlight().color(), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QPointF(x, _LINE_Y), RADIUS * 1.9, RADIUS * 1.9)
            draw_mark(painter, QPointF(x, _LINE_Y), outcome)
            if n % every == 0 or n == len(xs) - 1 or n == self.current:
                painter.setPen(ink)
                label = str(n + 1)
                painter.drawText(QPointF(x - metrics.horizontalAdvance(label) / 2, _LINE_Y - RADIUS * 2 - 3), label)
        x, y = 4.0, _LEGEND_Y
        for outcome in self.legend():
            words = outcome_words(outcome)
            width = RADIUS * 2 + 6 + metrics.horizontalAdvance(words) + 16
            if x > 4 and x + width > self.width():
                x, y = 4.0, y + metrics.height() + 4
            draw_mark(painter, QPointF(x + RADIUS, y), outcome, RADIUS * 0.8)
            painter.setPen(ink)
            painter.drawText(QPointF(x + RADIUS * 2 + 6, y + metrics.ascent() / 2 - 1), words)
            x += width
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        xs = self.positions()
        if not xs:
            return
        at = event.position()
        nearest = min(range(len(xs)), key=lambda n: abs(xs[n] - at.x()))
        if abs(xs[nearest] - at.x()) <= RADIUS * 2 and abs(at.y() - _LINE_Y) <= RADIUS * 3:
            self.picked.emit(nearest)
