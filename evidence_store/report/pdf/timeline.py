"""The drawn timeline of a case in the report: a horizontal line with one mark per capture or re-check,
in time order, its colour and its shape saying the outcome (so that it reads on a greyscale print too),
a number above each mark (the event's number in the list under it) and a legend.

Only drawing here: the texts (outcome words, dates) come in ready to print, already cleaned."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from evidence_store.report.pdf.flowables import ExactText
from evidence_store.report.pdf.style import INK, MUTED, RULE, SANS, SMALL_MONO_SIZE, load_fonts, styles
from evidence_store.report.text import Texts, clean, esc, local_short, parse_utc, utc_text
from evidence_store.report.timeline import TimelineEvent

# outcome -> (colour, shape). The shapes differ, so that a black-and-white print still tells them apart.
MARKS: dict[str, tuple[colors.Color, str]] = {
    "captured": (colors.HexColor("#1f5fa8"), "circle"),
    "unchanged": (colors.HexColor("#2e7d32"), "square"),
    "changed": (colors.HexColor("#c2410c"), "diamond"),
    "gone": (colors.HexColor("#b91c1c"), "cross"),
    "login_needed": (colors.HexColor("#7c3aed"), "triangle"),
    "unreachable": (colors.HexColor("#6b7280"), "ring"),
}
OUTCOMES = tuple(MARKS)
_OTHER = (MUTED, "hollow_square")       # an outcome this version does not know
_RADIUS = 4.5
_NUMBER_SIZE = 6.5
_CAPTION_SIZE = 7.0
_LEGEND_SIZE = 7.5
_SIDE = 14.0                            # room left and right of the first and last mark
_TOP = 12.0                             # room for the numbers above the marks
_LINE_GAP = 30.0                        # from the top to the line (the marks sit on it)
_CAPTIONS = 14.0                        # room under the line for the first and last event's date
_LEGEND_LINE = 12.0


@dataclass(frozen=True)
class Mark:
    """One event on the line: its outcome, and the text under its mark ("" for none)."""

    outcome: str
    caption: str = ""


def mark_style(outcome: str) -> tuple[colors.Color, str]:
    return MARKS.get(outcome, _OTHER)


def draw_mark(canvas: Canvas, x: float, y: float, outcome: str, radius: float = _RADIUS) -> None:
    """The mark of ``outcome`` centred on (x, y) on a reportlab canvas."""
    colour, shape = mark_style(outcome)
    c = canvas
    c.saveState()
    c.setStrokeColor(colour)
    c.setFillColor(colour)
    c.setLineWidth(1.4)
    r = radius
    if shape == "circle":
        c.circle(x, y, r, stroke=1, fill=1)
    elif shape == "square":
        c.rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, stroke=1, fill=1)
    elif shape == "diamond":
        _polygon(c, [(x, y + r * 1.2), (x + r * 1.2, y), (x, y - r * 1.2), (x - r * 1.2, y)], fill=True)
    elif shape == "triangle":
        _polygon(c, [(x, y + r * 1.15), (x + r * 1.1, y - r * 0.85), (x - r * 1.1, y - r * 0.85)], fill=True)
    elif shape == "cross":
        c.setLineWidth(2.2)
        c.line(x - r, y - r, x + r, y + r)
        c.line(x - r, y + r, x + r, y - r)
    elif shape == "ring":
        c.setFillColor(colors.white)
        c.circle(x, y, r * 0.85, stroke=1, fill=1)
    else:
        c.setFillColor(colors.white)
        c.rect(x - r * 0.8, y - r * 0.8, r * 1.6, r * 1.6, stroke=1, fill=1)
    c.restoreState()


def _polygon(c: Canvas, points: list[tuple[float, float]], *, fill: bool) -> None:
    path = c.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    c.drawPath(path, stroke=1, fill=1 if fill else 0)


class TimelineDrawing(Flowable):
    """The line, the marks evenly spaced in time order (the list under it gives each time), and a legend
    of the outcomes ``legend`` names: (outcome, words) in the order shown."""

    def __init__(self, marks: list[Mark], legend: list[tuple[str, str]]) -> None:
        super().__init__()
        self.marks = marks
        self.legend = legend
        self._legend_rows: list[list[tuple[str, str, float]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._legend_rows = self._layout_legend(availWidth)
        self.height = _LINE_GAP + _CAPTIONS + 6 + len(self._legend_rows) * _LEGEND_LINE
        return self.width, self.height

    def _layout_legend(self, width: float) -> list[list[tuple[str, str, float]]]:
        rows: list[list[tuple[str, str, float]]] = [[]]
        used = 0.0
        for outcome, words in self.legend:
            item = _RADIUS * 2 + 5 + stringWidth(words, SANS, _LEGEND_SIZE) + 14
            if rows[-1] and used + item > width:
                rows.append([])
                used = 0.0
            rows[-1].append((outcome, words, used))
            used += item
        return rows if rows[0] else []

    def positions(self) -> list[float]:
        """The x of each mark: evenly spaced, in the order given (time order)."""
        count = len(self.marks)
        if count == 0:
            return []
        if count == 1:
            return [self.width / 2]
        step = (self.width - 2 * _SIDE) / (count - 1)
        return [_SIDE + n * step for n in range(count)]

    def draw(self) -> None:
        c = self.canv
        line_y = self.height - _LINE_GAP
        xs = self.positions()
        c.saveState()
        c.setStrokeColor(RULE)
        c.setLineWidth(1.2)
        c.line(2, line_y, self.width - 2, line_y)
        # Numbers above the marks: every one where they fit, else every k-th (and the last).
        widest = stringWidth(str(len(xs)), SANS, _NUMBER_SIZE) + 4
        gap = xs[1] - xs[0] if len(xs) > 1 else self.width
        every = max(1, int(widest // gap) + 1) if gap > 0 else 1
        c.setFont(SANS, _NUMBER_SIZE)
        c.setFillColor(INK)
        for n, x in enumerate(xs):
            if n % every == 0 or n == len(xs) - 1:
                c.drawCentredString(x, line_y + _TOP - 2, str(n + 1))
        c.restoreState()
        for x, mark in zip(xs, self.marks, strict=True):
            draw_mark(c, x, line_y, mark.outcome)
        self._captions(xs, line_y)
        self._draw_legend(line_y - _CAPTIONS - 6)

    def _captions(self, xs: list[float], line_y: float) -> None:
        c = self.canv
        c.saveState()
        c.setFont(SANS, _CAPTION_SIZE)
        c.setFillColor(MUTED)
        y = line_y - _RADIUS - 9
        shown = [(n, m.caption) for n, m in enumerate(self.marks) if m.caption]
        for n, caption in shown:
            x = xs[n]
            width = stringWidth(caption, SANS, _CAPTION_SIZE)
            if len(xs) == 1:
                c.drawCentredString(x, y, caption)
            elif n == 0:
                c.drawString(max(0.0, x - _SIDE), y, caption)
            elif n == len(xs) - 1:
                c.drawString(min(self.width - width, x + _SIDE - width), y, caption)
            else:
                c.drawCentredString(x, y, caption)
        c.restoreState()

    def _draw_legend(self, top: float) -> None:
        c = self.canv
        for row_number, row in enumerate(self._legend_rows):
            y = top - row_number * _LEGEND_LINE - _LEGEND_LINE / 2
            for outcome, words, x in row:
                draw_mark(c, x + _RADIUS + 1, y, outcome, radius=_RADIUS * 0.8)
                c.saveState()
                c.setFont(SANS, _LEGEND_SIZE)
                c.setFillColor(INK)
                c.drawString(x + _RADIUS * 2 + 5, y - _LEGEND_SIZE / 3, words)
                c.restoreState()


# -- the section -------------------------------------------------------------------------------------
MAX_EVENTS = 2_000          # events listed (the drawing and the list); the rest are said to be cut
MAX_CHANGES = 200           # removed or added items listed per event
CHANGE_LIMIT = 2_000        # characters of one removed or added item
TEXT_LIMIT = 2_000          # characters of a title or an address


def has_rechecks(events: Sequence[TimelineEvent]) -> bool:
    """The section is printed when the case has at least one re-check: a case of first captures only is
    told by the report's overview already."""
    return any(event.outcome != "captured" for event in events)


def timeline_section(texts: Texts, events: Sequence[TimelineEvent]) -> list[Flowable]:
    """The "Timeline" section: heading, what a re-check is and what it cannot see, the drawing, and each
    event with its time (UTC and Danish time), outcome, capture id, title, address and the removed
    (struck through) and added (underlined) text. Every value from a page is cleaned and escaped."""
    fonts, style = load_fonts(), styles()
    shown = list(events[:MAX_EVENTS])

    def value(text: object, limit: int = TEXT_LIMIT) -> str:
        cleaned = clean(text, fonts.sans, limit=limit)
        return esc(cleaned.text) + texts.cut_note(cleaned)

    def outcome_words(outcome: str) -> str:
        return texts.plain(f"outcome_{outcome}") if outcome in MARKS else clean(outcome, fonts.sans, limit=40).text

    marks = []
    for number, event in enumerate(shown):
        moment = parse_utc(event.at)
        caption = (local_short(moment) or utc_text(moment))[:10] if moment is not None else ""
        marks.append(Mark(event.outcome, caption if number in (0, len(shown) - 1) else ""))
    present = {event.outcome for event in shown}
    legend = [(o, outcome_words(o)) for o in OUTCOMES if o in present]
    legend += [(o, outcome_words(o)) for o in sorted(present - set(OUTCOMES))]
    story: list[Flowable] = [
        PageBreak(),
        Paragraph(esc(texts.plain("timeline_title")), style["h1"]),
        Paragraph(esc(texts.plain("timeline_intro")), style["body"]),
        Paragraph(esc(texts.plain("timeline_limits")), style["body"]),
        Spacer(1, 6),
        TimelineDrawing(marks, legend),
        Spacer(1, 4),
    ]
    for number, event in enumerate(shown, start=1):
        story += _event(texts, number, event, value, outcome_words)
    if len(events) > MAX_EVENTS:
        story.append(Paragraph(esc(texts.plain("custody_cut", shown=texts.number(MAX_EVENTS),
                                                total=texts.number(len(events)))), style["muted"]))
    return story


@cache
def _change_style() -> ParagraphStyle:
    return ParagraphStyle("change", parent=styles()["body"], leftIndent=10, spaceAfter=2)


def _event(texts: Texts, number: int, event: TimelineEvent, value: Callable[..., str],
           outcome_words: Callable[[str], str]) -> list[Flowable]:
    style = styles()
    moment = parse_utc(event.at)
    when = (local_short(moment) or utc_text(moment)) if moment is not None else event.at
    colour, _shape = mark_style(event.outcome)
    head = texts.markup("timeline_event", number=str(number), when=value(when, 64),
                        outcome=f"<font color='#{colour.hexval()[2:]}'>"
                                + esc(outcome_words(event.outcome)) + "</font>")
    if event.http_status is not None:
        head += " · " + esc(texts.plain("timeline_http", status=str(event.http_status)))
    facts = [value(event.title) or esc(texts.plain("none"))]
    if moment is not None:
        facts.append(esc(utc_text(moment)))
    if event.of:
        facts.append(texts.markup("timeline_of", capture_id=value(event.of, 300)))
    header: list[Flowable] = [
        Paragraph("<b>" + head + "</b>", style["h2"]),
        Paragraph("<br/>".join(facts), style["small"]),
        ExactText(clean(event.id, load_fonts().mono, limit=300).text, size=SMALL_MONO_SIZE, space_after=1),
        ExactText(clean(event.url, load_fonts().mono, limit=TEXT_LIMIT).text, size=SMALL_MONO_SIZE,
                  space_after=3),
    ]
    story: list[Flowable] = [KeepTogether(header)]
    for key, label, tag in (("removed", "timeline_removed", "strike"), ("added", "timeline_added", "u")):
        items = event.changes.get(key) or []
        if not items:
            continue
        story.append(Paragraph(esc(texts.plain(label)), style["label"]))
        for item in items[:MAX_CHANGES]:
            story.append(Paragraph(f"<{tag}>" + value(item, CHANGE_LIMIT) + f"</{tag}>", _change_style()))
        if len(items) > MAX_CHANGES:
            story.append(Paragraph(esc(texts.plain("timeline_changes_cut", shown=texts.number(MAX_CHANGES),
                                                   total=texts.number(len(items)))), style["muted"]))
    return story
