"""PNG screenshots read a few rows at a time, with bounded memory: the one PNG decoder of Vidne.

A full-page screenshot can be 1280 × 150,000 px: 770 MB once decoded. Neither Qt nor Pillow can
decode part of a PNG, so this module streams it: it inflates the picture data with ``zlib`` (whose
state can be copied), cuts out the filtered rows asked for, and hands them to Pillow as a small PNG of
their own, with the preceding row (already unfiltered) in front so that the PNG filters of the first
row have what they refer to. The inflater's state is kept at every band boundary read (about 40 kB
each), so any rows can later be decoded again without starting from the top. The GUI reads bands
(:meth:`TiledPng.band`), the report reads strips front to back (:meth:`TiledPng.rows`).

Plain 8-bit, non-interlaced PNGs (what browsers and Pillow write) take this path. Anything else
(interlaced, 16-bit, 1/2/4-bit) is decoded whole by Pillow if it is small enough, and refused otherwise.

Every file is treated as hostile: sizes are checked against one set of limits before anything is
allocated, every chunk's CRC is checked (picture data as it is read), and inflating never produces
more than the rows asked for. Every refusal is a :class:`PngError` whose message is a clause a
person can read ("the PNG image ends too early ..."), to be shown after "cannot be shown: ".
No Qt here.
"""

from __future__ import annotations

import io
import os
import struct
import warnings
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from PIL import Image

SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_WIDTH = 20_000               # a capture is at most 5,000 px wide (capture/page/screenshot.py MAX_WIDTH_PX)
MAX_HEIGHT = 200_000             # a capture is cut at 150,000 px (capture.result.CaptureOptions)
MAX_PIXELS = 1_000_000_000       # 5,000 × 200,000: the widest capture at more than the tallest height
MAX_WHOLE_PIXELS = 40_000_000    # images the streaming path cannot take are decoded whole up to this
MAX_CHUNKS = 250_000             # a 2 GB file in the 8 kB chunks libpng writes
MAX_CHUNK_BYTES = 0x7FFFFFFF     # the PNG format's own limit, for picture data
MAX_OTHER_CHUNK_BYTES = 8 << 20  # text, colour profiles and the like; nothing Vidne writes is near it
MAX_READ_BYTES = 256 << 20       # decoded bytes one call may ask for (RGBA), 4096 × 16,384 px
BAND_BYTES = 6 << 20             # decoded bytes per band (RGBA), about 1,200 rows of 1280 px
_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}      # colour type -> bytes per 8-bit pixel
_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8), 4: (8, 16), 6: (8, 16)}
_KEEP = (b"PLTE", b"tRNS")       # small chunks every part needs to be decoded
_READ = 1 << 16


class PngError(Exception):
    """The file is not a PNG image Vidne can read. ``str()`` is a clause for people."""


@dataclass(frozen=True)
class PngHeader:
    width: int
    height: int
    bit_depth: int
    color_type: int
    interlaced: bool


def band_rows_for(width: int) -> int:
    """How many rows make one band of an image this wide."""
    return max(16, min(4096, BAND_BYTES // (4 * max(1, width))))


def check_size(width: int, height: int) -> None:
    """Refuse an image of this size before anything is allocated for it."""
    if width < 1 or height < 1:
        raise PngError("the image is empty")
    if width > MAX_WIDTH:
        raise PngError(f"the image is {width:,} pixels wide; at most {MAX_WIDTH:,} can be shown")
    if height > MAX_HEIGHT:
        raise PngError(f"the image is {height:,} pixels tall; at most {MAX_HEIGHT:,} can be shown")
    if width * height > MAX_PIXELS:
        raise PngError(f"the image has {width * height:,} pixels; at most {MAX_PIXELS:,} can be shown")


def _crc_ok(data_crc: int, stored: bytes) -> bool:
    return len(stored) == 4 and struct.unpack(">I", stored)[0] == data_crc & 0xFFFFFFFF


def _parse_header(fh: BinaryIO) -> PngHeader:
    if fh.read(8) != SIGNATURE:
        raise PngError("the file is not a PNG image")
    head = fh.read(8 + 13 + 4)
    if len(head) < 25 or head[:8] != b"\x00\x00\x00\x0dIHDR":
        raise PngError("the PNG image has no proper header (the file may be damaged)")
    if not _crc_ok(zlib.crc32(head[4:21]), head[21:25]):
        raise PngError("the PNG image's header fails its checksum (the file is damaged)")
    width, height, depth, ctype, compression, filtering, interlace = struct.unpack(">IIBBBBB", head[8:21])
    if depth not in _DEPTHS.get(ctype, ()) or compression or filtering or interlace > 1:
        raise PngError("the PNG image's header describes no valid kind of picture")
    return PngHeader(width, height, depth, ctype, interlace == 1)


def read_header(path: Path) -> PngHeader:
    """The header of the PNG at ``path``, checked (its size is not: see :func:`check_size`)."""
    with open(path, "rb") as fh:
        return _parse_header(fh)


def read_whole(path: Path) -> Image.Image:
    """Any image Pillow reads (PNG of any kind, JPEG, ...), decoded whole: at most MAX_WHOLE_PIXELS.

    A PNG is first checked as :class:`TiledPng` checks it (header, sizes, parts, every checksum)."""
    with open(path, "rb") as fh:
        is_png = fh.read(len(SIGNATURE)) == SIGNATURE
    if is_png:
        with TiledPng(path) as png:
            return png.whole()
    return _pillow_whole(path)


def _pillow_whole(path: Path) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                width, height = image.size
                check_size(width, height)
                _check_whole(width, height)
                image.load()
                return image.copy()
        except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombWarning,
                Image.DecompressionBombError) as exc:
            raise PngError(f"not a readable image: {exc}") from exc


def _check_whole(width: int, height: int) -> None:
    if width * height > MAX_WHOLE_PIXELS:
        raise PngError(f"the image is {width:,} × {height:,} pixels of a kind that can only be read whole; "
                       f"at most {MAX_WHOLE_PIXELS:,} pixels can be")


@dataclass
class _Cursor:
    """Where the inflater stands: at the first byte of ``row``, with ``prev`` the row above, unfiltered."""

    row: int
    inflater: Any                 # zlib decompress object (its type is private)
    chunk: int                    # index into the IDAT chunks
    pos: int                      # bytes of that chunk already fed to the inflater
    crc: int                      # CRC of the chunk's type and of those bytes
    tail: bytes                   # compressed input the inflater did not take yet
    prev: bytes | None

    def copy(self) -> _Cursor:
        return _Cursor(self.row, self.inflater.copy(), self.chunk, self.pos, self.crc, self.tail, self.prev)


class TiledPng:
    """One PNG, served as rows or bands of ``band_rows`` rows (Pillow images, mode RGB, RGBA, L, LA
    or P as in the file). Not thread-safe: use it from one thread. Close it (or use ``with``)."""

    def __init__(self, path: Path, band_rows: int | None = None) -> None:
        self.path = Path(path)
        self._fh: BinaryIO = open(self.path, "rb")
        try:
            self.header = h = _parse_header(self._fh)
            check_size(h.width, h.height)
            self._scan()
        except BaseException:
            self._fh.close()
            raise
        self.width, self.height = h.width, h.height
        self.band_rows = band_rows or band_rows_for(h.width)
        self.bands = -(-self.height // self.band_rows)
        self.streaming = h.bit_depth == 8 and not h.interlaced
        self._stride = h.width * _CHANNELS[h.color_type]
        self._whole: Image.Image | None = None
        self._checkpoints: dict[int, _Cursor] = {
            0: _Cursor(0, zlib.decompressobj(), 0, 0, zlib.crc32(b"IDAT"), b"", None)}
        self._last: _Cursor | None = None       # where the last read stopped: strips read in order
        if not self.streaming:
            try:
                _check_whole(h.width, h.height)
            except PngError:
                self.close()
                raise

    def _scan(self) -> None:
        """Find the picture data, keep PLTE and tRNS, check every other chunk's checksum."""
        fh = self._fh
        size = os.fstat(fh.fileno()).st_size
        self._idat_offsets, self._idat_lengths = array("Q"), array("Q")
        self._extra: list[bytes] = []
        count = 0
        while True:
            head = fh.read(8)
            if len(head) < 8:
                raise PngError("the PNG image ends too early (the file may be damaged)")
            length, kind = struct.unpack(">I4s", head)
            offset = fh.tell()
            count += 1
            if length > MAX_CHUNK_BYTES or offset + length + 4 > size:
                raise PngError("the PNG image ends too early (the file may be damaged)")
            if count > MAX_CHUNKS:
                raise PngError(f"the PNG image has more than {MAX_CHUNKS:,} parts")
            if kind == b"IDAT":
                self._idat_offsets.append(offset)
                self._idat_lengths.append(length)
                fh.seek(length + 4, io.SEEK_CUR)     # checked as it is inflated
                continue
            if length > MAX_OTHER_CHUNK_BYTES:
                raise PngError(f"the PNG image has a part of {length:,} bytes besides its picture data")
            crc = zlib.crc32(kind)
            data = b""
            for left in range(length, 0, -_READ):
                block = fh.read(min(left, _READ))
                crc = zlib.crc32(block, crc)
                if kind in _KEEP:
                    data += block
            if not _crc_ok(crc, fh.read(4)):
                raise PngError(f"the PNG image's {_name(kind)} part fails its checksum (the file is damaged)")
            if kind in _KEEP:
                self._extra.append(_chunk(kind, data))
            if kind == b"IEND":
                break
        if not self._idat_offsets:
            raise PngError("the PNG image has no picture data")
        if self.header.color_type == 3 and not any(part[4:8] == b"PLTE" for part in self._extra):
            raise PngError("the PNG image has no palette for its colours")

    def __enter__(self) -> TiledPng:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._fh.close()
        self._whole = None
        self._last = None
        self._checkpoints.clear()

    def band_span(self, index: int) -> tuple[int, int]:
        """(first row, number of rows) of band ``index``."""
        top = index * self.band_rows
        return top, min(self.band_rows, self.height - top)

    def band(self, index: int) -> Image.Image:
        """Band ``index`` (see :meth:`band_span`)."""
        if not 0 <= index < self.bands:
            raise IndexError(index)
        return self.rows(*self.band_span(index))

    def rows(self, first: int, count: int) -> Image.Image:
        """``count`` rows from row ``first`` (0-based). Cheapest in order, or along band boundaries."""
        if first < 0 or count < 1 or first + count > self.height:
            raise IndexError((first, count))
        if count * self.width * 4 > MAX_READ_BYTES:
            raise PngError(f"{count:,} rows of {self.width:,} pixels are too many to read at once")
        if not self.streaming:
            if self._whole is None:
                self._whole = self.whole()
            return self._whole.crop((0, first, self.width, first + count))
        start = max(k for k in self._checkpoints if k <= first)
        if self._last is not None and start <= self._last.row <= first:
            cursor = self._last
        else:
            cursor = self._checkpoints[start].copy()
        self._last = None                  # a failed read must not leave a half-moved cursor behind
        while cursor.row < first:          # decode up to ``first``, stopping at every band boundary
            boundary = (cursor.row // self.band_rows + 1) * self.band_rows
            self._decode(cursor, min(boundary, first) - cursor.row)
        image = self._decode(cursor, count)
        if cursor.row == self.height:
            self._finish(cursor)
        self._last = cursor
        return image

    def whole(self) -> Image.Image:
        """The whole image, decoded by Pillow once every checksum is checked: at most MAX_WHOLE_PIXELS."""
        _check_whole(self.width, self.height)
        for offset, length in zip(self._idat_offsets, self._idat_lengths, strict=True):
            self._fh.seek(offset)
            crc = zlib.crc32(b"IDAT")
            for left in range(length, 0, -_READ):
                crc = zlib.crc32(self._fh.read(min(left, _READ)), crc)
            if not _crc_ok(crc, self._fh.read(4)):
                raise PngError("the PNG image's picture data fails its checksum (the file is damaged)")
        return _pillow_whole(self.path)

    # -- the streaming path ------------------------------------------------------------------------
    def _decode(self, cursor: _Cursor, rows: int) -> Image.Image:
        need = rows * (1 + self._stride)
        raw = self._inflate(cursor, need)
        payload = raw if cursor.prev is None else b"\x00" + cursor.prev + raw
        height = rows + (0 if cursor.prev is None else 1)
        try:
            image: Image.Image = Image.open(io.BytesIO(self._mini_png(height, payload)))
            image.load()
        except (OSError, SyntaxError, ValueError) as exc:
            raise PngError(f"the PNG picture data is damaged ({exc})") from exc
        if cursor.prev is not None:
            image = image.crop((0, 1, self.width, height))
        cursor.prev = image.crop((0, rows - 1, self.width, rows)).tobytes()
        if len(cursor.prev) != self._stride:       # a mode whose bytes are not the PNG's own layout
            raise PngError("this kind of PNG image cannot be read in parts")
        cursor.row += rows
        if cursor.row % self.band_rows == 0 and cursor.row not in self._checkpoints:
            self._checkpoints[cursor.row] = cursor.copy()
        return image

    def _inflate(self, cursor: _Cursor, need: int) -> bytes:
        """Exactly ``need`` inflated bytes: output is bounded, so a small file cannot fill the memory."""
        out = bytearray()
        inflater = cursor.inflater
        try:
            while len(out) < need:
                if inflater.eof:
                    raise PngError("the PNG image holds fewer rows than its header says (the file may be "
                                   "damaged)")
                data, cursor.tail = cursor.tail, b""
                if not data:
                    produced = inflater.decompress(b"", need - len(out))    # output held back before
                    if produced:
                        out += produced
                        continue
                    data = self._next_input(cursor)
                    if not data:
                        raise PngError("the PNG image ends too early (the file may be damaged)")
                out += inflater.decompress(data, need - len(out))
                cursor.tail = inflater.unconsumed_tail
        except zlib.error as exc:
            raise PngError(f"the PNG picture data is damaged ({exc})") from exc
        return bytes(out)

    def _finish(self, cursor: _Cursor) -> None:
        """After the last row: the rest of the picture data must still pass its checksums (the
        stream's own, unless more than a band of surplus rows follows, and every chunk's CRC)."""
        inflater, surplus = cursor.inflater, 0
        try:
            while True:
                data, cursor.tail = cursor.tail or self._next_input(cursor), b""
                if not data:
                    return
                if not inflater.eof and surplus <= BAND_BYTES:
                    surplus += len(inflater.decompress(data, _READ))
                    cursor.tail = inflater.unconsumed_tail
        except zlib.error as exc:
            raise PngError(f"the PNG picture data is damaged ({exc})") from exc

    def _next_input(self, cursor: _Cursor) -> bytes:
        """The next piece of picture data, or b"" after the last chunk (all CRCs checked)."""
        while cursor.chunk < len(self._idat_offsets):
            offset, length = self._idat_offsets[cursor.chunk], self._idat_lengths[cursor.chunk]
            self._fh.seek(offset + cursor.pos)
            if cursor.pos < length:
                data = self._fh.read(min(_READ, length - cursor.pos))
                if not data:
                    raise PngError("the PNG image ends too early (the file may be damaged)")
                cursor.pos += len(data)
                cursor.crc = zlib.crc32(data, cursor.crc)
                return data
            if not _crc_ok(cursor.crc, self._fh.read(4)):
                raise PngError("the PNG image's picture data fails its checksum (the file is damaged)")
            cursor.chunk, cursor.pos, cursor.crc = cursor.chunk + 1, 0, zlib.crc32(b"IDAT")
        return b""

    def _mini_png(self, height: int, payload: bytes) -> bytes:
        h = self.header
        ihdr = struct.pack(">IIBBBBB", h.width, height, 8, h.color_type, 0, 0, 0)
        return b"".join([SIGNATURE, _chunk(b"IHDR", ihdr), *self._extra,
                         _chunk(b"IDAT", zlib.compress(payload, 0)), _chunk(b"IEND", b"")])


def _name(kind: bytes) -> str:
    return kind.decode("ascii") if kind.isalpha() else repr(kind)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
