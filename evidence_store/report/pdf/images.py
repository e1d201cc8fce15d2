"""Screenshots for the report, read in horizontal strips so that tall ones never fill the memory.

A full-page screenshot can be 1280 × 150,000 pixels: 770 MB once decoded. The report shows it in
page-sized strips, and only the strips it shows are ever decoded: a large PNG is streamed front to
back by the one PNG decoder (evidence_store.files.png), so at most one strip is in memory at a time.
Small images, and other formats, are read whole, within the same limits.

Each strip leaves as RGB pixels already deflated, which is how the PDF stores them: they go into the
report without being encoded again. Every problem is a :class:`PngError` with a readable message.
"""

from __future__ import annotations

import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from evidence_store.files.png import SIGNATURE, PngError, TiledPng, check_size, read_header, read_whole

MAX_STRIP_WIDTH = 2560            # strips wider than this are scaled down before going in the PDF
SMALL_PIXELS = 16_000_000         # images up to this size are simply read whole (64 MB at most)
DEFLATE_LEVEL = 6


@dataclass(frozen=True)
class Strip:
    first_row: int        # 0-based, in the original image
    rows: int             # rows of the original image in this strip
    width: int            # pixels of ``deflated`` (may be scaled down from the original)
    height: int
    deflated: bytes       # RGB, 8 bits a sample, row after row, zlib-compressed (PDF FlateDecode)

    def image(self) -> Image.Image:
        return Image.frombytes("RGB", (self.width, self.height), zlib.decompress(self.deflated))


def _is_png(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SIGNATURE)) == SIGNATURE


def image_size(path: Path) -> tuple[int, int]:
    """Width and height, read from the header only."""
    if _is_png(path):
        header = read_header(path)
        return header.width, header.height
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                return image.size
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
                Image.DecompressionBombError) as exc:
            raise PngError(f"not a readable image: {exc}") from exc


def iter_strips(path: Path, plan: list[int]) -> Iterator[Strip]:
    """The image from the top in strips of ``plan[0]``, ``plan[1]``, ... rows.

    The plan may ask for more rows than the image has; the strips stop at its bottom. Only the rows
    in the plan are ever decoded.
    """
    if any(rows < 1 for rows in plan):
        raise ValueError("every strip must have at least one row")
    width, height = image_size(path)
    check_size(width, height)
    spans = _spans(plan, height)
    if width * height > SMALL_PIXELS and _is_png(path):
        with TiledPng(path) as png:
            for first, rows in spans:
                yield _strip(first, png.rows(first, rows))
        return
    image = read_whole(path)
    for first, rows in spans:
        yield _strip(first, image.crop((0, first, width, first + rows)))


def _spans(plan: list[int], height: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    first = 0
    for rows in plan:
        if first >= height:
            break
        spans.append((first, min(rows, height - first)))
        first += rows
    return spans


def _strip(first: int, image: Image.Image) -> Strip:
    rgb = _on_white(image)
    if rgb.width > MAX_STRIP_WIDTH:
        factor = -(-rgb.width // MAX_STRIP_WIDTH)
        rgb = rgb.reduce(factor)
    return Strip(first_row=first, rows=image.height, width=rgb.width, height=rgb.height,
                 deflated=zlib.compress(rgb.tobytes(), DEFLATE_LEVEL))


def _on_white(image: Image.Image) -> Image.Image:
    """RGB, with any transparency laid on white (as a browser shows a page without a background)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if not has_alpha:
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, (255, 255, 255))
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
