"""Fuzz target "png": the one PNG decoder, evidence_store.files.png (read_header, TiledPng in bands,
in rows across band boundaries, again from a checkpoint, whole; read_whole).

Seeds: small PNGs of every kind in corpus/png (8-bit RGB, RGBA, grey, grey+alpha, palette with
transparency, 16-bit, 1-bit, interlaced, picture data split over many chunks) and the real screenshot
of tests/data/before-issue-10. Mutations know the format: a chunk's data changed with its checksum
made right again, header fields set to telling values, chunks dropped, doubled, moved, split, and the
filtered rows changed inside the inflated picture data (compressed again); or bytes, blindly.

An input is the file's bytes. Property: nothing but PngError is raised, its message is one clause
without a line break; every band has the size asked for; and what streams is what Pillow decodes
from the same file, pixel for pixel, whenever both read it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Hashable
from pathlib import Path

from PIL import Image

from evidence_store.files import png
from evidence_store.files.png import PngError, TiledPng, read_header, read_whole
from tests.fuzz import mutate as m
from tests.fuzz.harness import CORPUS, MAX_INPUT, OLD_DATA, Target, cached, expect
from tests.fuzz.mutate import Chooser, pick

MAX_BANDS = 64                 # bands read of one input: a header may claim 200,000 rows


@cached
def bases() -> list[bytes]:
    shot = OLD_DATA / "bundles" / "20261203T133101Z-21fb7d0e" / "artifacts" / "screenshot-full.png"
    return [shot.read_bytes(), *(p.read_bytes() for p in sorted((CORPUS / "png").glob("seed-*.png")))]


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def chunks(data: bytes) -> list[tuple[bytes, bytes]] | None:
    """(type, data) of every chunk, or None when the file is not that regular."""
    if not data.startswith(png.SIGNATURE):
        return None
    out, at = [], len(png.SIGNATURE)
    while at + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if at + 12 + length > len(data):
            return None
        out.append((kind, data[at + 8:at + 8 + length]))
        at += 12 + length
    return out if at == len(data) else None


def _join(parts: list[tuple[bytes, bytes]]) -> bytes:
    return png.SIGNATURE + b"".join(chunk(k, d) for k, d in parts)


_IHDR_FIELDS = ((0, ">I", (0, 1, 2, 3, 17, 4097, 20_000, 20_001, 0x7FFFFFFF, 0xFFFFFFFF)),     # width
                (4, ">I", (0, 1, 2, 7, 1025, 200_000, 200_001, 0xFFFFFFFF)),                   # height
                (8, ">B", (0, 1, 2, 4, 8, 16, 3, 255)),                                        # bit depth
                (9, ">B", (0, 1, 2, 3, 4, 5, 6, 7)),                                           # colour type
                (10, ">B", (0, 1)), (11, ">B", (0, 1)), (12, ">B", (0, 1, 2)))                 # methods, interlace


def _mutate_rows(c: Chooser, parts: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """Change the filtered rows themselves: inflate the picture data, change it, deflate it again."""
    idat = b"".join(d for k, d in parts if k == b"IDAT")
    try:
        raw = zlib.decompressobj().decompress(idat, 8 << 20)
    except zlib.error:
        return parts
    if c.below(2) and raw:
        at = c.below(len(raw))
        raw = raw[:at] + bytes([pick(c, (0, 1, 2, 3, 4, 5, 255))]) + raw[at + 1:]     # a filter byte, maybe
    else:
        raw = m.mutate_bytes(c, raw)
    packed = zlib.compress(raw, 6)
    pieces = [packed[i:i + 97] for i in range(0, len(packed), 97)] if c.below(2) else [packed]
    first = next((i for i, (k, _) in enumerate(parts) if k == b"IDAT"), len(parts))
    rest = [p for p in parts if p[0] != b"IDAT"]
    return rest[:first] + [(b"IDAT", p) for p in pieces] + rest[first:]


def mutate(c: Chooser, data: bytes) -> bytes:
    for _ in range(1 + c.below(2)):
        parts = chunks(data)
        op = c.below(8)
        if not parts or op == 0:
            data = m.mutate_bytes(c, data)
            continue
        i = c.below(len(parts))
        kind, body = parts[i]
        if op == 1 and parts[0][0] == b"IHDR" and len(parts[0][1]) == 13:
            offset, fmt, values = pick(c, _IHDR_FIELDS)
            head = bytearray(parts[0][1])
            struct.pack_into(fmt, head, offset, pick(c, values))
            parts[0] = (b"IHDR", bytes(head))
        elif op == 2:
            parts[i] = (kind, m.mutate_bytes(c, body))                  # checksum made right again
        elif op == 3:
            del parts[i]
        elif op == 4:
            kinds = (b"PLTE", b"tRNS", b"IDAT", b"IEND", b"tEXt", b"iCCP", b"acTL", b"zzZz")
            parts.insert(c.below(len(parts) + 1), parts[i] if c.below(2) else (pick(c, kinds), c.blob(48)))
        elif op == 5:
            parts.insert(c.below(len(parts) + 1), parts.pop(i))
        else:
            parts = _mutate_rows(c, parts)
        data = _join(parts)
    return data[:MAX_INPUT]


def _clause(exc: PngError) -> str:
    text = str(exc)
    expect(bool(text) and "\n" not in text, f"PngError's message is not one clause: {text!r}")
    return text.split("(")[0][:60]


def check(data: bytes, scratch: Path) -> Hashable:
    path = scratch / "in.png"
    path.write_bytes(data)
    try:
        read_header(path)
    except PngError as exc:
        _clause(exc)
    streamed = _stream(path)
    try:
        read_whole(path).close()
    except PngError as exc:
        return ("whole refused", _clause(exc), streamed is None)
    if streamed is not None:
        _compare(path, streamed)
    return ("read", streamed is None)


def _stream(path: Path) -> Image.Image | None:
    """The whole picture, streamed band by band (None when refused or not streamed)."""
    try:
        with TiledPng(path, band_rows=7) as image:
            bands = []
            for index in range(min(image.bands, MAX_BANDS)):
                band = image.band(index)
                expect(band.size == (image.width, image.band_span(index)[1]),
                       f"band {index} is {band.size}, not {image.width} × {image.band_span(index)[1]}")
                bands.append(band)
            if image.height > 8:
                image.rows(5, 4)                                      # across a band boundary, from a checkpoint
                image.band(0)
            if not image.streaming or image.bands > MAX_BANDS:
                return None
            whole = Image.new(bands[0].mode, (image.width, image.height))
            if bands[0].mode == "P":
                whole.putpalette(bands[0].getpalette() or [])
            for index, band in enumerate(bands):
                whole.paste(band, (0, index * image.band_rows))
            return whole
    except PngError as exc:
        _clause(exc)
        return None


def _compare(path: Path, streamed: Image.Image) -> None:
    try:
        with Image.open(path) as pillow:
            pillow.load()
            reference = pillow.copy()
    except (OSError, SyntaxError, ValueError, EOFError, Image.DecompressionBombError):
        return
    if reference.mode != streamed.mode or reference.size != streamed.size:
        return
    expect(reference.tobytes() == streamed.tobytes(), "the streamed pixels are not Pillow's")


TARGET = Target("png", ".png", bases, mutate, check, examples=60)
