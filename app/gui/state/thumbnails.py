"""Thumbnails for the evidence list: decoded off the GUI thread when a row is shown, then cached."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import cast

from PySide6.QtCore import QObject, QSize, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

from app.gui.runtime.images import blurred, thumbnail, to_qimage
from app.gui.runtime.workers import BackgroundLoader
from evidence_store import ARTIFACTS_DIR

SIZE = QSize(120, 84)
CACHE_SIZE = 1000
PICTURES = ("screenshot-viewport.png", "screenshot-full.png")


def load_thumbnail(payload: object) -> QImage:
    """Runs on the loader's thread: the first view of the page, small, blurred if asked."""
    bundle, blur, width, height = cast(tuple[str, bool, int, int], payload)
    for name in PICTURES:
        path = Path(bundle) / ARTIFACTS_DIR / name
        if path.is_file() and not path.is_symlink():
            image = thumbnail(path, (width, height))
            if blur:      # strong enough that no text can be read, at any size shown
                image = blurred(image, max(6, image.width // 40))
            return to_qimage(image)
    return QImage()   # a capture of a file download has no picture


class ThumbnailCache(QObject):
    """``get(id, path)`` answers at once from the cache, or None and asks the loader; ``ready(id)``
    follows when the picture is there."""

    ready = Signal(str)
    reset = Signal()

    def __init__(self, blur: bool, device_pixel_ratio: float = 1.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blur = blur
        self._ratio = max(1.0, device_pixel_ratio)
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._loader = BackgroundLoader("thumbnails", load_thumbnail, limit=96, parent=self)
        self._loader.done.connect(self._loaded)
        self._loader.failed.connect(self._not_loaded)

    @property
    def loader(self) -> BackgroundLoader:
        return self._loader

    def get(self, capture_id: str, bundle: Path) -> QPixmap | None:
        pixmap = self._cache.get(capture_id)
        if pixmap is not None:
            self._cache.move_to_end(capture_id)
            return pixmap
        w, h = int(SIZE.width() * self._ratio), int(SIZE.height() * self._ratio)
        self._loader.request((capture_id, self.blur), (str(bundle), self.blur, w, h))
        return None

    def set_blur(self, blur: bool) -> None:
        if blur == self.blur:
            return
        self.blur = blur
        self._loader.clear()
        self._cache.clear()
        self.reset.emit()

    def forget(self) -> None:
        """Drop everything (another store was opened)."""
        self._loader.clear()
        self._cache.clear()

    def stop(self) -> None:
        self._loader.stop()

    @Slot(object, object)
    def _loaded(self, key: object, image: object) -> None:
        capture_id, blur = cast(tuple[str, bool], key)
        if blur != self.blur or not isinstance(image, QImage):
            return
        pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        pixmap.setDevicePixelRatio(self._ratio)
        self._cache[capture_id] = pixmap
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)
        self.ready.emit(capture_id)

    @Slot(object, str)
    def _not_loaded(self, key: object, message: str) -> None:
        capture_id, blur = cast(tuple[str, bool], key)
        if blur == self.blur:
            self._cache[capture_id] = QPixmap()
            self.ready.emit(capture_id)


class PictureJob:
    """One larger picture of a capture's first view (for the confirmation), as a one-off job."""

    def __init__(self, bundle: Path, blur: bool, size: QSize) -> None:
        self.payload = (str(bundle), blur, size.width(), size.height())

    def run(self, progress: object) -> QImage:
        return load_thumbnail(self.payload)
