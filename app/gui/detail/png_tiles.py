"""Very tall PNG screenshots read one band of rows at a time, with bounded memory. No Qt here.

A full-page screenshot can be 1280 × 150,000 px: 750 MB once decoded. Neither Qt nor Pillow can
decode part of a PNG, so this module does the streaming itself: it inflates the image data with
``zlib`` (which keeps its place between calls and can be copied), cuts out the filtered rows of one
band, and hands them to Pillow as a small PNG of their own, with the band's preceding row (already
unfiltered) in front so the PNG filters of the first row have what they refer to. The inflater's
state at the start of every band already read is kept (about 40 kB each), so any band can later be
decoded again without starting from the top.

Plain 8-bit, non-interlaced PNGs (what browsers and Pillow write) take this path. Anything else is
decoded whole by Pillow if it is small enough, and refused otherwise.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_WIDTH = 20_000               # wider than any screen; refuse rather than allocate huge bands
MAX_HEIGHT = 2_000_000
MAX_WHOLE_PIXELS = 40_000_000    # images the fast path cannot take are decoded whole up to this size
BAND_BYTES = 6 << 20             # decoded bytes per band (RGBA), about 1,200 rows of 1280 px
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
_READ = 1 << 16


class PngUnreadable(Exception):
    """The file is not a PNG this viewer can show. ``str()`` is for people."""


@dataclass(frozen=True)
class PngHeader:
    width: int
    height: int
    bit_depth: int
    color_type: int
    interlaced: bool


def _chunks(fh: BinaryIO) -> list[tuple[bytes, int, int]]:
    """(type, data offset, data length) of every chunk, without reading the data."""
    if fh.read(8) != SIGNATURE:
        raise PngUnreadable("The file is not a PNG image.")
    found: list[tuple[bytes, int, int]] = []
    while True:
        head = fh.read(8)
        if len(head) < 8:
            raise PngUnreadable("The PNG image ends early (it may be damaged).")
        length, kind = struct.unpack(">I4s", head)
        offset = fh.tell()
        found.append((kind, offset, length))
        if kind == b"IEND":
            return found
        if len(found) > 1_000_000:
            raise PngUnreadable("The PNG image has too many parts to be shown.")
        fh.seek(length + 4, io.SEEK_CUR)   # data and CRC
        if fh.tell() > offset + length + 4 or fh.tell() < offset:
            raise PngUnreadable("The PNG image is damaged.")


def band_rows_for(width: int) -> int:
    """How many rows make one band of an image this wide."""
    return max(16, min(4096, BAND_BYTES // (4 * max(1, width))))


def read_header(path: Path) -> PngHeader:
    with open(path, "rb") as fh:
        if fh.read(8) != SIGNATURE:
            raise PngUnreadable("The file is not a PNG image.")
        head = fh.read(8 + 13)
    if len(head) < 21 or head[4:8] != b"IHDR":
        raise PngUnreadable("The PNG image has no header (it may be damaged).")
    width, height, depth, ctype, _comp, _filter, interlace = struct.unpack(">IIBBBBB", head[8:21])
    return PngHeader(width, height, depth, ctype, interlace == 1)


@dataclass
class _Cursor:
    """Where the inflater stands: at the first row of ``row`` with ``prev`` the row above, unfiltered."""

    row: int
    inflater: Any                 # zlib decompress object (its type is private)
    chunk: int                    # index into the IDAT list
    pos: int                      # bytes of that chunk already fed to the inflater
    tail: bytes                   # compressed input the inflater did not take yet
    drain: bool                   # the inflater may hold output without needing more input
    pending: bytes                # inflated bytes read past the row boundary
    prev: bytes | None

    def copy(self) -> _Cursor:
        return _Cursor(self.row, self.inflater.copy(), self.chunk, self.pos, self.tail, self.drain,
                       self.pending, self.prev)


class TiledPng:
    """One PNG, served as bands of ``band_rows`` rows (Pillow images). Not thread-safe: use it from
    one thread. Close it (or use ``with``) to release the file."""

    def __init__(self, path: Path, band_rows: int | None = None) -> None:
        self.path = Path(path)
        self.header = read_header(self.path)
        h = self.header
        if not (0 < h.width <= MAX_WIDTH and 0 < h.height <= MAX_HEIGHT):
            raise PngUnreadable(f"The image is {h.width} × {h.height} px, too large to be shown here.")
        self.width, self.height = h.width, h.height
        self.band_rows = band_rows or band_rows_for(h.width)
        self.bands = -(-self.height // self.band_rows)
        self._fh: BinaryIO = open(self.path, "rb")
        self._whole: Image.Image | None = None
        try:
            chunks = _chunks(self._fh)
        except BaseException:
            self._fh.close()
            raise
        self._idat = [(offset, length) for kind, offset, length in chunks if kind == b"IDAT"]
        self._extra = [(kind, offset, length) for kind, offset, length in chunks
                       if kind in (b"PLTE", b"tRNS")]
        self.streaming = (h.bit_depth == 8 and h.color_type in _CHANNELS and not h.interlaced)
        self._stride = h.width * _CHANNELS.get(h.color_type, 1)
        self._checkpoints: dict[int, _Cursor] = {
            0: _Cursor(0, zlib.decompressobj(), 0, 0, b"", False, b"", None)}
        if not self.streaming and h.width * h.height > MAX_WHOLE_PIXELS:
            self.close()
            raise PngUnreadable("This kind of PNG image is too large to be shown here; open the file with "
                                "another program.")

    def __enter__(self) -> TiledPng:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._fh.close()
        self._whole = None
        self._checkpoints.clear()

    def band_span(self, index: int) -> tuple[int, int]:
        """(first row, number of rows) of band ``index``."""
        top = index * self.band_rows
        return top, min(self.band_rows, self.height - top)

    def band(self, index: int) -> Image.Image:
        """Band ``index`` as a Pillow image (mode RGB, RGBA, L, LA or P as in the file)."""
        if not 0 <= index < self.bands:
            raise IndexError(index)
        if not self.streaming:
            return self._band_from_whole(index)
        start = max(k for k in self._checkpoints if k <= index)
        cursor = self._checkpoints[start].copy()
        image: Image.Image | None = None
        for k in range(start, index + 1):
            image, cursor = self._decode_band(cursor)
            self._checkpoints.setdefault(k + 1, cursor.copy())
        assert image is not None
        return image

    # -- the streaming path ------------------------------------------------------------------------
    def _decode_band(self, cursor: _Cursor) -> tuple[Image.Image, _Cursor]:
        rows = min(self.band_rows, self.height - cursor.row)
        need = rows * (1 + self._stride)
        data = self._inflate(cursor, need)
        raw, cursor.pending = data[:need], data[need:]
        payload = raw if cursor.prev is None else b"\x00" + cursor.prev + raw
        height = rows + (0 if cursor.prev is None else 1)
        image: Image.Image = Image.open(io.BytesIO(self._mini_png(height, payload)))
        image.load()
        if cursor.prev is not None:
            image = image.crop((0, 1, self.width, height))
        cursor.prev = image.crop((0, rows - 1, self.width, rows)).tobytes()
        if len(cursor.prev) != self._stride:       # a mode whose bytes are not the PNG's own layout
            raise PngUnreadable("This PNG image cannot be shown in parts.")
        cursor.row += rows
        return image, cursor

    def _inflate(self, cursor: _Cursor, need: int) -> bytes:
        out = bytearray(cursor.pending)
        while len(out) < need:
            if cursor.tail:
                data, cursor.tail = cursor.tail, b""
            elif cursor.drain:
                data = b""
            else:
                data = self._next_input(cursor)
            limit = max(need - len(out), _READ)
            produced = cursor.inflater.decompress(data, limit)
            cursor.tail = cursor.inflater.unconsumed_tail
            cursor.drain = len(produced) == limit
            out += produced
            if cursor.inflater.eof and len(out) < need:
                raise PngUnreadable("The PNG image holds fewer rows than it says (it may be damaged).")
        return bytes(out)

    def _next_input(self, cursor: _Cursor) -> bytes:
        while cursor.chunk < len(self._idat):
            offset, length = self._idat[cursor.chunk]
            if cursor.pos < length:
                self._fh.seek(offset + cursor.pos)
                data = self._fh.read(min(_READ, length - cursor.pos))
                if not data:
                    break
                cursor.pos += len(data)
                return data
            cursor.chunk, cursor.pos = cursor.chunk + 1, 0
        raise PngUnreadable("The PNG image ends early (it may be damaged).")

    def _mini_png(self, height: int, payload: bytes) -> bytes:
        h = self.header
        ihdr = struct.pack(">IIBBBBB", h.width, height, 8, h.color_type, 0, 0, 0)
        parts = [SIGNATURE, _chunk(b"IHDR", ihdr)]
        for kind, offset, length in self._extra:
            if length <= 1 << 16:
                self._fh.seek(offset)
                parts.append(_chunk(kind, self._fh.read(length)))
        parts += [_chunk(b"IDAT", zlib.compress(payload, 0)), _chunk(b"IEND", b"")]
        return b"".join(parts)

    # -- everything else -----------------------------------------------------------------------
    def _band_from_whole(self, index: int) -> Image.Image:
        if self._whole is None:
            with Image.open(self.path) as image:
                image.load()
                self._whole = image.copy()
        top, rows = self.band_span(index)
        return self._whole.crop((0, top, self.width, top + rows))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def thumbnail(path: Path, box: tuple[int, int]) -> Image.Image:
    """A small RGB(A) picture of the top of the image at ``path``, at most ``box`` in size.

    Reads only the first band of a tall PNG; refuses images too large to decode safely."""
    header = read_header(path)
    if header.height > 4 * header.width or header.width * header.height > MAX_WHOLE_PIXELS:
        with TiledPng(path) as tiled:
            image = tiled.band(0)
    else:
        with Image.open(path) as opened:
            opened.load()
            image = opened.copy()
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    # The top of the page, as wide as the box allows: thumbnails show what a visitor saw first.
    crop_h = min(image.height, max(1, image.width * box[1] // box[0]))
    image = image.crop((0, 0, image.width, crop_h))
    image.thumbnail(box, Image.Resampling.LANCZOS)
    return image


def blurred(image: Image.Image, strength: int = 12) -> Image.Image:
    """A heavily blurred copy: shapes and colours stay, text cannot be read."""
    small = image.resize((max(1, image.width // strength), max(1, image.height // strength)),
                         Image.Resampling.BILINEAR)
    return small.resize(image.size, Image.Resampling.BICUBIC)
