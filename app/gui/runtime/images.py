"""Pictures for the GUI, on any thread: thumbnails and blurred copies (Pillow), and Pillow images to
Qt images (QImage, unlike QPixmap, may be made off the GUI thread). PNGs are read by the one PNG
decoder, evidence_store.files.png, which raises PngError for what it cannot read."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from PySide6.QtGui import QImage

from evidence_store import TiledPng


def to_qimage(image: Image.Image) -> QImage:
    rgba = image if image.mode == "RGBA" else image.convert("RGBA")
    data = rgba.tobytes("raw", "RGBA")
    # QImage does not own ``data``: copy() makes an image that does, before ``data`` goes away.
    return QImage(data, rgba.width, rgba.height, 4 * rgba.width, QImage.Format.Format_RGBA8888).copy()


def thumbnail(path: Path, box: tuple[int, int]) -> Image.Image:
    """A small RGB(A) picture of the top of the PNG at ``path``, at most ``box`` in size.

    Decodes only the rows it shows (the top of a tall screenshot); refuses images too large to read."""
    with TiledPng(path) as png:
        # The top of the page, as wide as the box allows: thumbnails show what a visitor saw first.
        image = png.rows(0, min(png.height, max(1, png.width * box[1] // box[0])))
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    image.thumbnail(box, Image.Resampling.LANCZOS)
    return image


def blurred(image: Image.Image, strength: int = 12) -> Image.Image:
    """A heavily blurred copy: shapes and colours stay, text cannot be read."""
    small = image.resize((max(1, image.width // strength), max(1, image.height // strength)),
                         Image.Resampling.BILINEAR)
    return small.resize(image.size, Image.Resampling.BICUBIC)
