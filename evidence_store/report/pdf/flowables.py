"""Drawing pieces of the report that reportlab does not have: exact text and numbered pages."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase.pdfdoc import PDFImageXObject
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from evidence_store.report.pdf.style import (
    FRAME_HEIGHT,
    INK,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MONO,
    MONO_SIZE,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RULE,
    SANS,
    SANS_BOLD,
)

if TYPE_CHECKING:
    from evidence_store.report.pdf.images import Strip

_widths: dict[tuple[str, float], dict[str, float]] = {}


def _char_width(ch: str, font: str, size: float) -> float:
    table = _widths.setdefault((font, size), {})
    width = table.get(ch)
    if width is None:
        width = table[ch] = stringWidth(ch, font, size)
    return width


def break_exact(text: str, width: float, font: str, size: float, group: int = 1) -> list[str]:
    """Cut ``text`` into lines no wider than ``width``, only ever between characters.

    Nothing is added or removed: ``"".join(lines) == text``. With ``group`` > 1 a line holds a
    multiple of ``group`` characters where it can (a 64-digit hash in two lines of 32).
    """
    lines: list[str] = []
    start = 0
    used = 0.0
    for index, ch in enumerate(text):
        char_width = _char_width(ch, font, size)
        if index > start and used + char_width > width:
            end = index
            if group > 1 and (index - start) >= group:
                end = start + ((index - start) // group) * group
            lines.append(text[start:end])
            start = end
            used = sum(_char_width(c, font, size) for c in text[start:index])
        used += char_width
    lines.append(text[start:])
    return lines


def _actual_text(text: str) -> str:
    """A PDF text string in hex (UTF-16BE with BOM): safe for any content."""
    return "<FEFF" + text.encode("utf-16-be", "surrogatepass").hex().upper() + ">"


class ExactText(Flowable):
    """Text that must be copied exactly (URLs, hashes, commands): fixed-width, wrapped only between
    characters, and marked with /ActualText so that text extraction (pdftotext, copy and paste in
    most viewers) returns it as one unbroken string.

    ``text`` must already be cleaned (see evidence_store.report.text.clean). Splits across pages only when it is
    taller than a whole page.
    """

    def __init__(
        self,
        text: str,
        *,
        font: str = MONO,
        size: float = MONO_SIZE,
        color: Any = INK,
        indent: float = 0.0,
        group: int = 1,
        space_before: float = 0.0,
        space_after: float = 2.0,
        background: Any = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.size = size
        self.leading = size * 1.25
        self.color = color
        self.indent = indent
        self.group = group
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.background = background
        self.padding = 3.0 if background is not None else 0.0
        self._lines: list[str] = [text]

    def _lines_for(self, avail_width: float) -> list[str]:
        room = avail_width - self.indent - 2 * self.padding
        return break_exact(self.text, max(room, self.size), self.font, self.size, self.group)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._lines = self._lines_for(availWidth)
        self.width = availWidth
        self.height = len(self._lines) * self.leading + 2 * self.padding
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._lines_for(availWidth)
        if len(lines) * self.leading <= FRAME_HEIGHT * 0.9:
            return []       # fits on a fresh page: move it there whole rather than break it
        fit = int((availHeight - 2 * self.padding) // self.leading)
        if fit < 1:
            return []
        cut = sum(len(line) for line in lines[:fit])
        return [self._copy(self.text[:cut]), self._copy(self.text[cut:])]

    def _copy(self, text: str) -> ExactText:
        return ExactText(text, font=self.font, size=self.size, color=self.color, indent=self.indent,
                         group=self.group, space_before=self.spaceBefore, space_after=self.spaceAfter,
                         background=self.background)

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        if self.background is not None:
            canv.setFillColor(self.background)
            canv.rect(self.indent, 0, self.width - self.indent, self.height, stroke=0, fill=1)
        canv.addLiteral(f"/Span <</ActualText {_actual_text(self.text)}>> BDC")
        canv.setFont(self.font, self.size)
        canv.setFillColor(self.color)
        x = self.indent + self.padding
        # Each line's baseline sits half the line gap plus the font's descent above its bottom.
        descent = (self.leading - self.size) / 2 + self.size * 0.22
        baseline = self.height - self.padding - self.leading + descent
        for line in self._lines:
            canv.drawString(x, baseline, line)
            baseline -= self.leading
        canv.addLiteral("EMC")
        canv.restoreState()


class Picture(Flowable):
    """A screenshot strip drawn at a given size, with a thin frame so a white page edge shows.

    The strip's pixels are already deflated RGB, the PDF's own image format, so they are written
    into the file as they are (reportlab's drawImage would decode and compress them again).
    """

    def __init__(self, strip: Strip, width: float, height: float) -> None:
        super().__init__()
        self.strip = strip
        self.width = width
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        name = "vidne" + hashlib.sha256(self.strip.deflated).hexdigest()[:32]
        doc = canv._doc
        registered = doc.getXObjectName(name)
        if doc.idToObject.get(registered) is None:
            # What Canvas.drawImage does for a new image, with the stream given instead of made.
            image = PDFImageXObject(name)
            image.width, image.height = self.strip.width, self.strip.height
            image.bitsPerComponent = 8
            image.colorSpace = "DeviceRGB"
            image._filters = ("FlateDecode",)
            image.streamContent = self.strip.deflated
            image.mask = None
            canv._setXObjects(image)
            doc.Reference(image, registered)
            doc.addForm(name, image)
        canv.saveState()
        canv.scale(self.width, self.height)
        canv.addLiteral(f"/{registered} Do")
        canv.restoreState()
        canv._formsinuse.append(name)
        canv._currentPageHasImages = 1
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with … so that it is no wider than ``width`` (for one-line header text)."""
    if stringWidth(text, font, size) <= width:
        return text
    ellipsis = "…"
    room = width - stringWidth(ellipsis, font, size)
    used = 0.0
    for index, ch in enumerate(text):
        used += _char_width(ch, font, size)
        if used > room:
            return text[:index] + ellipsis
    return text


@dataclass(frozen=True)
class PageFurniture:
    """What every page carries; plain, already cleaned text."""

    header_left: str
    header_right: str
    footer_left: str
    page_of: str            # "Side {page} af {pages}"


class NumberedCanvas(Canvas):
    """A canvas that holds its pages back until the end, so that each can say "page N of M"."""

    def __init__(self, *args: Any, furniture: PageFurniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._draw_furniture(number, total)
            super().showPage()
        super().save()

    def _draw_furniture(self, number: int, total: int) -> None:
        f = self._furniture
        width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
        top = PAGE_HEIGHT - MARGIN_TOP + 22
        bottom = MARGIN_BOTTOM - 24
        self.saveState()
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(MARGIN_LEFT, top - 5, PAGE_WIDTH - MARGIN_RIGHT, top - 5)
        self.line(MARGIN_LEFT, bottom + 10, PAGE_WIDTH - MARGIN_RIGHT, bottom + 10)
        self.setFillColor(MUTED)
        self.setFont(SANS_BOLD, 7.5)
        self.drawString(MARGIN_LEFT, top, f.header_left)
        left_width = stringWidth(f.header_left, SANS_BOLD, 7.5) + 20
        self.setFont(SANS, 7.5)
        self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, top,
                             fit_width(f.header_right, SANS, 7.5, width - left_width))
        page_of = f.page_of.format(page=number, pages=total)
        self.setFont(SANS_BOLD, 7.5)
        self.drawRightString(PAGE_WIDTH - MARGIN_RIGHT, bottom, page_of)
        self.setFont(SANS, 7.5)
        page_width = stringWidth(page_of, SANS_BOLD, 7.5) + 20
        self.drawString(MARGIN_LEFT, bottom, fit_width(f.footer_left, SANS, 7.5, width - page_width))
        self.restoreState()
