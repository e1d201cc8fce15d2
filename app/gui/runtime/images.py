"""Pillow images to Qt images, on any thread (QImage, unlike QPixmap, may be made off the GUI thread)."""

from __future__ import annotations

from PIL import Image
from PySide6.QtGui import QImage


def to_qimage(image: Image.Image) -> QImage:
    rgba = image if image.mode == "RGBA" else image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    # QImage does not own ``data``: copy() makes an image that does, before ``data`` goes away.
    return QImage(data, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888).copy()
