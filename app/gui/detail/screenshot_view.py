"""A screenshot viewer for pages of any length: bands are decoded off the GUI thread as they scroll into
view (by evidence_store.files.png), scaled there to the width shown, and cached. Zoom with Ctrl+wheel or Ctrl+±."""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path
from typing import cast

from PIL import Image
from PySide6.QtCore import QEvent, QRectF, Qt, Signal, Slot
from PySide6.QtGui import QImage, QKeyEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app.gui.runtime.images import blurred, to_qimage
from app.gui.runtime.workers import BackgroundLoader
from app.gui.text import fill, plain
from evidence_store import PngError, TiledPng, band_rows_for, check_size, read_header

log = logging.getLogger(__name__)

ZOOMS = (0.125, 0.25, 0.33, 0.5, 0.67, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0)
MARGIN = 12
CACHE_BANDS = 24


class _BandReader:
    """Runs on the loader's thread only: keeps the last few images open between requests."""

    def __init__(self) -> None:
        self._open: OrderedDict[str, TiledPng] = OrderedDict()

    def __call__(self, payload: object) -> QImage:
        path, index, width, blur = cast(tuple[str, int, int, bool], payload)
        tiled = self._open.get(path)
        if tiled is None:
            tiled = self._open[path] = TiledPng(Path(path))
            while len(self._open) > 2:
                self._open.popitem(last=False)[1].close()
        self._open.move_to_end(path)
        band = tiled.band(index)
        if blur:
            band = blurred(band, 14)
        top, rows = tiled.band_span(index)
        height = max(1, round((top + rows) * width / tiled.width) - round(top * width / tiled.width))
        if (width, height) != band.size:
            band = band.resize((width, height), Image.Resampling.BILINEAR if width < tiled.width
                               else Image.Resampling.NEAREST)
        return to_qimage(band)


class ScreenshotView(QAbstractScrollArea):
    zoomChanged = Signal()
    failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screenshotView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.path: Path | None = None
        self.image_size = (0, 0)
        self.band_rows = 1
        self.blur = False
        self.zoom: float | None = None     # None: fit the width of the view
        self.message = ""
        self._cache: OrderedDict[tuple[int, int, bool], QPixmap] = OrderedDict()
        self._loader = BackgroundLoader("screenshot-bands", _BandReader(), limit=12, parent=self)
        self._loader.done.connect(self._band_ready)
        self._loader.failed.connect(self._band_failed)

    # -- what is shown ------------------------------------------------------------------------------
    def set_image(self, path: Path | None, blur: bool) -> None:
        self._loader.clear()
        self._cache.clear()
        self.path, self.blur, self.message = path, blur, ""
        self.image_size = (0, 0)
        if path is not None:
            try:
                header = read_header(path)
                check_size(header.width, header.height)
                self.image_size = (header.width, header.height)
                self.band_rows = band_rows_for(header.width)
            except (OSError, PngError) as exc:
                self.path = None
                self.message = fill(self.tr("This picture cannot be shown: %1"), plain(str(exc), 300))
                log.warning("screenshot %s cannot be shown: %s", path.name, exc)
        self.verticalScrollBar().setValue(0)
        self.horizontalScrollBar().setValue(0)
        self._layout()

    def set_blur(self, blur: bool) -> None:
        if blur != self.blur:
            self.blur = blur
            self._loader.clear()
            self.viewport().update()

    def set_zoom(self, zoom: float | None) -> None:
        if zoom is not None:
            zoom = min(max(zoom, ZOOMS[0]), ZOOMS[-1])
        centre = self._centre_fraction()
        self.zoom = zoom
        self._cache.clear()
        self._loader.clear()
        self._layout()
        bar = self.verticalScrollBar()
        bar.setValue(int(centre * (bar.maximum() + self.viewport().height())) - self.viewport().height() // 2)
        self.zoomChanged.emit()

    def zoom_in(self) -> None:
        scale = self.scale()
        self.set_zoom(next((z for z in ZOOMS if z > scale + 1e-3), ZOOMS[-1]))

    def zoom_out(self) -> None:
        scale = self.scale()
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < scale - 1e-3), ZOOMS[0]))

    def scale(self) -> float:
        width = self.image_size[0]
        if not width:
            return 1.0
        if self.zoom is not None:
            return self.zoom
        return max(0.05, min(1.0, (self.viewport().width() - 2 * MARGIN) / width))

    def shown_width(self) -> int:
        return max(1, round(self.image_size[0] * self.scale()))

    def stop(self) -> None:
        self._loader.stop()

    # -- layout and painting ------------------------------------------------------------------------
    def _shown_height(self) -> int:
        return round(self.image_size[1] * self.scale())

    def _layout(self) -> None:
        v, h = self.verticalScrollBar(), self.horizontalScrollBar()
        view = self.viewport()
        v.setRange(0, max(0, self._shown_height() + 2 * MARGIN - view.height()))
        v.setPageStep(view.height())
        v.setSingleStep(48)
        h.setRange(0, max(0, self.shown_width() + 2 * MARGIN - view.width()))
        h.setPageStep(view.width())
        h.setSingleStep(48)
        view.update()

    def _centre_fraction(self) -> float:
        total = self._shown_height()
        if not total:
            return 0.0
        return (self.verticalScrollBar().value() + self.viewport().height() / 2) / (total + 2 * MARGIN)

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.zoom is None:
            self._cache.clear()
        self._layout()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        view = self.viewport().rect()
        painter.fillRect(view, self.palette().window())
        if self.path is None or not self.image_size[0]:
            painter.setPen(self.palette().text().color())
            painter.drawText(view.adjusted(20, 20, -20, -20),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self.message or self.tr("No picture"))
            return
        scale = self.scale()
        width = self.shown_width()
        dy = self.verticalScrollBar().value() - MARGIN
        dx = self.horizontalScrollBar().value() - max(MARGIN, (view.width() - width) // 2)
        first = max(0, int(dy / scale) // self.band_rows)
        last = min(self._band_count() - 1, int((dy + view.height()) / scale) // self.band_rows)
        wanted: list[int] = []
        for index in range(first, last + 1):
            top = index * self.band_rows
            rows = min(self.band_rows, self.image_size[1] - top)
            target = QRectF(-dx, top * scale - dy, width, rows * scale)
            pixmap = self._cache.get((index, width, self.blur))
            if pixmap is not None:
                self._cache.move_to_end((index, width, self.blur))
                painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
            else:
                painter.fillRect(target, self.palette().midlight())
                wanted.append(index)
        # Neighbours first, then what is on screen, so the visible bands are served first.
        for index in (first - 1, last + 1):
            if 0 <= index < self._band_count() and (index, width, self.blur) not in self._cache:
                self._request(index, width)
        for index in reversed(wanted):
            self._request(index, width)

    def _band_count(self) -> int:
        return -(-self.image_size[1] // self.band_rows) if self.image_size[1] else 0

    def _request(self, index: int, width: int) -> None:
        assert self.path is not None
        key = (str(self.path), index, width, self.blur)
        self._loader.request(key, key)

    @Slot(object, object)
    def _band_ready(self, key: object, image: object) -> None:
        path, index, width, blur = cast(tuple[str, int, int, bool], key)
        if path != str(self.path) or not isinstance(image, QImage):
            return
        self._cache[(index, width, blur)] = QPixmap.fromImage(image)
        while len(self._cache) > CACHE_BANDS:
            self._cache.popitem(last=False)
        if width == self.shown_width() and blur == self.blur:
            self.viewport().update()

    @Slot(object, str)
    def _band_failed(self, key: object, message: str) -> None:
        path = key[0] if isinstance(key, tuple) else None
        if path == str(self.path):
            self.path = None
            self.message = fill(self.tr("This picture cannot be shown: %1"), plain(message, 300))
            self.viewport().update()
            self.failed.emit(message)

    # -- keyboard and wheel -------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            (self.zoom_in if event.angleDelta().y() > 0 else self.zoom_out)()
            event.accept()
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.zoom_in()
                return
            if event.key() == Qt.Key.Key_Minus:
                self.zoom_out()
                return
            if event.key() == Qt.Key.Key_0:
                self.set_zoom(None)
                return
        if event.key() == Qt.Key.Key_Home:
            self.verticalScrollBar().setValue(0)
            return
        if event.key() == Qt.Key.Key_End:
            self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.viewport().update()
        super().changeEvent(event)
