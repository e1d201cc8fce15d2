"""Screenshots for the report, read in horizontal strips so that tall ones never fill the memory.

A full-page screenshot can be 1280 × 150,000 pixels: 770 MB once decoded. The report shows it in
page-sized strips, and only the strips it shows are ever decoded. For a large PNG of the kind a
capture writes (8 bits per sample, not interlaced) :class:`_PngReader` inflates the file's pixel
stream once, front to back, and hands each strip to Pillow as a small PNG of its own, so at most one
strip is in memory at a time. Small images, and any other kind, are read whole by Pillow, with a cap
on their size.

Each strip leaves as RGB pixels already deflated, which is how the PDF stores them: they go into the
report without being encoded again.
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from PIL import Image

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_BYTES_PER_PIXEL = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}     # PNG colour type -> bytes per 8-bit pixel
_KEEP_CHUNKS = (b"PLTE", b"tRNS")
MAX_WIDTH = 4096                  # wider screenshots are not drawn (the file stays in the bundle)
MAX_FALLBACK_PIXELS = 40_000_000  # non-streamable images are decoded whole, up to this size
MAX_STRIP_WIDTH = 2560            # strips wider than this are scaled down before going in the PDF
SMALL_PIXELS = 16_000_000         # images up to this size are simply read whole (64 MB at most)
DEFLATE_LEVEL = 6
_READ_SIZE = 1 << 16


class ImageProblem(Exception):
    """A screenshot could not be read; the message says why, in plain words (English)."""


@dataclass(frozen=True)
class Strip:
    first_row: int        # 0-based, in the original image
    rows: int             # rows of the original image in this strip
    width: int            # pixels of ``deflated`` (may be scaled down from the original)
    height: int
    deflated: bytes       # RGB, 8 bits a sample, row after row, zlib-compressed (PDF FlateDecode)

    def image(self) -> Image.Image:
        return Image.frombytes("RGB", (self.width, self.height), zlib.decompress(self.deflated))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def image_size(path: Path) -> tuple[int, int]:
    """Width and height, read from the header only."""
    with path.open("rb") as handle:
        header = handle.read(24)
    if header[:8] == _PNG_SIGNATURE and header[12:16] == b"IHDR":
        width, height = struct.unpack(">II", header[16:24])
        return width, height
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                return image.size
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
                Image.DecompressionBombError) as exc:
            raise ImageProblem(f"not a readable image: {exc}") from exc


def iter_strips(path: Path, plan: list[int]) -> Iterator[Strip]:
    """The image from the top in strips of ``plan[0]``, ``plan[1]``, ... rows.

    The plan may ask for more rows than the image has; the strips stop at its bottom. Only the rows
    in the plan are ever decoded.
    """
    if any(rows < 1 for rows in plan):
        raise ValueError("every strip must have at least one row")
    width, height = image_size(path)
    if width < 1 or height < 1:
        raise ImageProblem("the image is empty")
    if width > MAX_WIDTH:
        raise ImageProblem(f"the image is {width} pixels wide; at most {MAX_WIDTH} can be drawn")
    spans = _spans(plan, height)
    with path.open("rb") as handle:
        png = _PngReader.open(handle) if width * height > SMALL_PIXELS else None
        if png is not None and png.streamable:
            for first, rows in spans:
                yield _strip(first, png.next_rows(rows))
            return
    yield from _fallback_strips(path, spans)


def _spans(plan: list[int], height: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    first = 0
    for rows in plan:
        if first >= height:
            break
        spans.append((first, min(rows, height - first)))
        first += rows
    return spans


def _fallback_strips(path: Path, spans: list[tuple[int, int]]) -> Iterator[Strip]:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_FALLBACK_PIXELS:
                    raise ImageProblem(f"the image is {width} × {height} pixels, too large to draw")
                image.load()
                for first, rows in spans:
                    yield _strip(first, image.crop((0, first, width, first + rows)))
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning,
                Image.DecompressionBombError) as exc:
            raise ImageProblem(f"not a readable image: {exc}") from exc


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


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


class _PngReader:
    """Reads an 8-bit, non-interlaced PNG's rows front to back, a few at a time."""

    def __init__(self, handle: BinaryIO, header: bytes, width: int, height: int, streamable: bool,
                 colour_type: int) -> None:
        self._handle = handle
        self._header = header
        self.width = width
        self.height = height
        self.streamable = streamable
        self._colour_type = colour_type
        self._row_bytes = width * _BYTES_PER_PIXEL.get(colour_type, 0)
        self._kept: list[bytes] = []      # PLTE, tRNS: needed to decode any strip
        self._left_in_chunk = 0           # IDAT bytes not yet read from the current chunk
        self._in_idat = False
        self._done = False
        self._inflate = zlib.decompressobj()
        self._pending = b""               # compressed input zlib has not taken yet
        self._inflated = bytearray()
        self._previous_row: bytes | None = None   # the last row handed out, unfiltered

    @classmethod
    def open(cls, handle: BinaryIO) -> _PngReader | None:
        """A reader positioned at the first pixel data, or None when the file is not a PNG."""
        if handle.read(8) != _PNG_SIGNATURE:
            return None
        length, kind = struct.unpack(">I4s", handle.read(8))
        if kind != b"IHDR" or length != 13:
            raise ImageProblem("the PNG file has no proper header")
        header = handle.read(13)
        handle.read(4)
        width, height, depth, colour_type, _compression, _filter, interlace = struct.unpack(
            ">IIBBBBB", header)
        streamable = depth == 8 and interlace == 0 and colour_type in _BYTES_PER_PIXEL
        reader = cls(handle, header, width, height, streamable, colour_type)
        if streamable:
            reader._seek_pixels()
        return reader

    def _next_chunk(self) -> tuple[bytes, int]:
        raw = self._handle.read(8)
        if len(raw) < 8:
            raise ImageProblem("the PNG file ends too early")
        length, kind = struct.unpack(">I4s", raw)
        if length > 0x7FFFFFFF:
            raise ImageProblem("the PNG file has a broken chunk")
        return kind, length

    def _seek_pixels(self) -> None:
        while True:
            kind, length = self._next_chunk()
            if kind == b"IDAT":
                self._left_in_chunk = length
                self._in_idat = True
                return
            if kind == b"IEND":
                raise ImageProblem("the PNG file has no pixel data")
            data = self._handle.read(length)
            self._handle.read(4)
            if kind in _KEEP_CHUNKS:
                self._kept.append(_chunk(kind, data))

    def _read_compressed(self) -> bytes:
        while not self._done:
            if self._left_in_chunk:
                data = self._handle.read(min(self._left_in_chunk, _READ_SIZE))
                if not data:
                    raise ImageProblem("the PNG file ends too early")
                self._left_in_chunk -= len(data)
                return data
            self._handle.read(4)                      # CRC of the IDAT chunk just finished
            kind, length = self._next_chunk()
            if kind != b"IDAT":
                self._done = True
                break
            self._left_in_chunk = length
        return b""

    def next_rows(self, rows: int) -> Image.Image:
        """The next ``rows`` rows, decoded by Pillow, in the PNG's own mode."""
        stride = self._row_bytes + 1
        need = rows * stride
        while len(self._inflated) < need:
            if not self._pending:
                self._pending = self._read_compressed()
                if not self._pending:
                    raise ImageProblem("the PNG file has fewer rows than its header says")
            try:
                # Bounded output per call: a small file cannot inflate into a huge buffer.
                out = self._inflate.decompress(self._pending, need - len(self._inflated))
            except zlib.error as exc:
                raise ImageProblem(f"the PNG pixel data is damaged: {exc}") from exc
            self._pending = self._inflate.unconsumed_tail
            self._inflated += out
            if self._inflate.eof and len(self._inflated) < need:
                raise ImageProblem("the PNG file has fewer rows than its header says")
        filtered = bytes(self._inflated[:need])
        del self._inflated[:need]
        return self._decode(filtered, rows)

    def _decode(self, filtered: bytes, rows: int) -> Image.Image:
        # A PNG row may be filtered against the row above it. The first row of this strip refers to
        # the last row of the previous one, so that row goes first, unfiltered (filter type 0).
        carried = self._previous_row
        body = (b"\x00" + carried + filtered) if carried is not None else filtered
        total_rows = rows + (1 if carried is not None else 0)
        header = struct.pack(">II", self.width, total_rows) + self._header[8:]
        small_png = b"".join([
            _PNG_SIGNATURE, _chunk(b"IHDR", header), *self._kept,
            _chunk(b"IDAT", zlib.compress(body, 0)), _chunk(b"IEND", b""),
        ])
        try:
            image: Image.Image = Image.open(io.BytesIO(small_png))
            image.load()
        except (OSError, SyntaxError, ValueError) as exc:
            raise ImageProblem(f"the PNG pixel data is damaged: {exc}") from exc
        self._previous_row = image.crop((0, total_rows - 1, self.width, total_rows)).tobytes()
        if len(self._previous_row) != self._row_bytes:
            raise ImageProblem("the PNG rows have an unexpected size")
        if carried is not None:
            image = image.crop((0, 1, self.width, total_rows))
        return image
