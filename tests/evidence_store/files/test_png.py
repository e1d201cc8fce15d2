"""The one PNG decoder on honest and hostile files: every refusal is a PngError a person can read."""

from __future__ import annotations

import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from evidence_store.files import png
from evidence_store.files.png import PngError, TiledPng
from tests.support.images import noisy


def _chunk(kind: bytes, data: bytes, crc: int | None = None) -> bytes:
    crc = zlib.crc32(kind + data) if crc is None else crc
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _png(width: int, height: int, idat: bytes, *, colour: int = 2, depth: int = 8, extra: bytes = b"",
         interlace: int = 0) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace)
    return (png.SIGNATURE + _chunk(b"IHDR", header) + extra + _chunk(b"IDAT", idat)
            + _chunk(b"IEND", b""))


def _noisy(size: tuple[int, int], seed: int = 1) -> Image.Image:
    return noisy(size, seed=seed)


def _chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """(type, offset of the length field, data length) of every chunk."""
    found, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        found.append((kind, at, length))
        at += 12 + length
    return found


def _refused(path: Path, match: str) -> str:
    with pytest.raises(PngError, match=match) as caught:
        with TiledPng(path) as image:
            image.rows(0, image.height)
    message = str(caught.value)
    assert message and message[0].islower() and "\n" not in message     # a clause to show after a colon
    return message


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "P", "PA-as-P-with-tRNS"])
def test_every_8_bit_kind_streams_to_the_same_pixels(tmp_path: Path, mode: str) -> None:
    image = _noisy((173, 611)).convert("RGBA")
    if mode == "PA-as-P-with-tRNS":
        image = image.convert("P", palette=Image.Palette.ADAPTIVE)
        image.info["transparency"] = 3
    elif mode == "P":
        image = image.convert("P", palette=Image.Palette.ADAPTIVE)
    else:
        image = image.convert(mode)
    path = tmp_path / "shot.png"
    image.save(path)
    expected = Image.open(path).convert("RGBA")
    with TiledPng(path, band_rows=50) as tiled:
        assert tiled.streaming
        # Bands in any order, then strips front to back across band boundaries, then one in the middle.
        spans = [tiled.band_span(i) for i in (12, 0, 5, 11)] + [(0, 77), (77, 200), (277, 334), (130, 99)]
        for first, rows in spans:
            got = tiled.rows(first, rows)
            assert got.size == (173, rows)
            assert got.convert("RGBA").tobytes() == expected.crop((0, first, 173, first + rows)).tobytes()


def test_the_widest_screenshot_a_capture_makes_is_read(tmp_path: Path) -> None:
    # capture/page/screenshot.py keeps a page's full width up to 5,000 px; the evidence must open.
    from capture.page.screenshot import MAX_WIDTH_PX

    image = _noisy((MAX_WIDTH_PX, 40))
    path = tmp_path / "wide.png"
    image.save(path)
    with TiledPng(path, band_rows=16) as tiled:
        assert tiled.streaming
        assert tiled.rows(10, 25).convert("RGB").tobytes() == image.crop((0, 10, MAX_WIDTH_PX, 35)).tobytes()


@pytest.mark.parametrize("kind", ["16-bit RGB", "16-bit gray", "interlaced", "1-bit palette"])
def test_other_kinds_are_read_whole_when_small(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "other.png"
    rgb = _noisy((90, 300))
    if kind == "16-bit RGB":
        rows = [b"\x00" + b"".join(struct.pack(">HHH", r * 257, g * 257, b * 257)
                                   for r, g, b in (rgb.getpixel((x, y)) for x in range(90)))
                for y in range(300)]
        path.write_bytes(_png(90, 300, zlib.compress(b"".join(rows)), depth=16))
    elif kind == "16-bit gray":
        Image.new("I;16", (90, 300), 40_000).save(path)
    elif kind == "interlaced":            # Adam7, written here: Pillow's encoder does not interlace
        raw = rgb.tobytes()
        passes = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
        stream = b"".join(b"\x00" + b"".join(raw[(y * 90 + x) * 3:(y * 90 + x) * 3 + 3] for x in range(x0, 90, dx))
                          for x0, y0, dx, dy in passes for y in range(y0, 300, dy))
        path.write_bytes(_png(90, 300, zlib.compress(stream), interlace=1))
    else:
        rgb.convert("1").convert("P").save(path, bits=1)
    assert png.read_header(path).bit_depth != 8 or png.read_header(path).interlaced
    with TiledPng(path, band_rows=64) as tiled:
        assert not tiled.streaming
        band = tiled.band(4)
        assert band.size == (90, 300 - 4 * 64)
        if kind in ("16-bit RGB", "interlaced"):
            assert band.convert("RGB").tobytes() == rgb.crop((0, 256, 90, 300)).tobytes()


def test_kinds_read_only_whole_are_refused_when_large(tmp_path: Path) -> None:
    path = tmp_path / "interlaced.png"
    idat = zlib.compress(bytes(10))
    path.write_bytes(_png(4_000, 20_000, idat, interlace=1))   # 80 million pixels, interlaced
    assert "only be read whole" in _refused(path, "read whole")


def test_truncated_files_are_refused_at_any_cut(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    _noisy((120, 400)).save(good)
    data = good.read_bytes()
    for cut in (7, 20, 40, len(data) // 3, len(data) - 13, len(data) - 1):
        path = tmp_path / f"cut-{cut}.png"
        path.write_bytes(data[:cut])
        _refused(path, "not a PNG|no proper header|ends too early|fewer rows")


def test_picture_data_that_stops_short_is_refused(tmp_path: Path) -> None:
    # A well-formed file whose zlib stream ends after 10 of its 500 rows.
    path = tmp_path / "short.png"
    path.write_bytes(_png(100, 500, zlib.compress(bytes(10 * 301))))
    with TiledPng(path) as tiled:
        assert tiled.rows(0, 10).size == (100, 10)
        with pytest.raises(PngError, match="fewer rows than its header says"):
            tiled.rows(10, 1)


@pytest.mark.parametrize("where", ["IHDR", "PLTE", "first IDAT", "last IDAT", "IEND", "adler32"])
def test_a_bad_checksum_anywhere_is_refused(tmp_path: Path, where: str) -> None:
    source = tmp_path / "source.png"
    noise = Image.frombytes("P", (64, 600), random.Random(3).randbytes(64 * 600))
    noise.putpalette(bytes(range(256)) * 3)
    noise.save(source)
    # Split the picture data over several chunks, as libpng does.
    data = source.read_bytes()
    chunks = _chunks(data)
    stream = b"".join(data[at + 8:at + 8 + length] for kind, at, length in chunks if kind == b"IDAT")
    if where == "adler32":
        stream = stream[:-1] + bytes([stream[-1] ^ 1])
    head = b"".join(data[at:at + 12 + length] for kind, at, length in chunks if kind in (b"IHDR", b"PLTE"))
    idats = [_chunk(b"IDAT", stream[i:i + 8192]) for i in range(0, len(stream), 8192)]
    assert len(idats) >= 3
    body = bytearray(png.SIGNATURE + head + b"".join(idats) + _chunk(b"IEND", b""))
    if where != "adler32":
        target = {"IHDR": 0, "PLTE": 1, "first IDAT": 2, "last IDAT": 1 + len(idats), "IEND": 2 + len(idats)}
        kind, at, length = _chunks(bytes(body))[target[where]]
        assert kind.decode() in where
        body[at + 8 + length] ^= 0x40          # the first byte of the chunk's CRC
    path = tmp_path / "bad-crc.png"
    path.write_bytes(bytes(body))
    _refused(path, "checksum|damaged")
    with pytest.raises(PngError, match=r"checksum|damaged|not a readable image"):
        png.read_whole(path)                   # the small-image path of the report checks them too


def test_huge_declared_sizes_are_refused_before_anything_is_allocated(tmp_path: Path) -> None:
    idat = zlib.compress(bytes(100))
    cases = {"wide": (100_000, 10), "tall": (1280, 2_000_000), "pixels": (19_999, 199_999),
             "empty": (0, 10)}
    for word, (width, height) in cases.items():
        path = tmp_path / f"{word}.png"
        path.write_bytes(_png(width, height, idat))
        assert word in _refused(path, word)


def test_a_capture_as_tall_as_vidne_allows_is_read_in_little_memory(tmp_path: Path) -> None:
    # 1280 × 150,000 px (770 MB decoded), read strip by strip, then its last band, in a fresh process
    # so that the peak resident size is the decoder's alone.
    path = tmp_path / "tall.png"
    squeeze = zlib.compressobj(1)
    row = b"\x00" + bytes(range(256)) * 15
    with path.open("wb") as out:
        out.write(png.SIGNATURE + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1280, 150_000, 8, 2, 0, 0, 0)))
        for _ in range(150):
            out.write(_chunk(b"IDAT", squeeze.compress(row * 1_000)))
        out.write(_chunk(b"IDAT", squeeze.flush()) + _chunk(b"IEND", b""))
    script = (
        "import resource, sys\n"
        "from evidence_store.files.png import TiledPng\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "with TiledPng(sys.argv[1]) as png:\n"
        "    rows = sum(png.rows(first, min(1778, png.height - first)).height\n"
        "               for first in range(0, png.height, 1778))\n"
        "    last = png.band(png.bands - 1).height\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(rows, last, (after - before) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(path)], check=True, capture_output=True,
                         text=True).stdout.split()
    assert int(out[0]) == 150_000 and 0 < int(out[1]) <= png.band_rows_for(1280)
    assert int(out[2]) < 150, f"reading grew the process by {out[2]} MB"


def test_a_small_file_cannot_inflate_into_a_huge_buffer(tmp_path: Path) -> None:
    # 240 MB of pixels in a file of 240 kB: reading 100 rows inflates 100 rows.
    squeeze = zlib.compressobj(9)
    block = bytes((4_000 * 3 + 1) * 1_000)
    idat = b"".join(squeeze.compress(block) for _ in range(20)) + squeeze.flush()
    path = tmp_path / "bomb.png"
    path.write_bytes(_png(4_000, 20_000, idat))
    with TiledPng(path) as tiled:
        assert tiled.rows(0, 100).size == (4_000, 100)
        with pytest.raises(PngError, match="too many to read at once"):
            tiled.rows(0, 20_000)


def test_broken_structure_is_refused(tmp_path: Path) -> None:
    idat = zlib.compress(bytes(10 * 31))
    cases = {
        "not a PNG": b"GIF89a" + bytes(100),
        "no proper header": png.SIGNATURE + _chunk(b"IHDX", bytes(13)),
        "no valid kind": _png(10, 10, idat, colour=2, depth=4),
        "no palette": _png(10, 10, idat, colour=3),
        "no picture data": png.SIGNATURE + _chunk(b"IHDR", struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0))
        + _chunk(b"IEND", b""),
        "part of": _png(10, 10, idat, extra=_chunk(b"tEXt", bytes(png.MAX_OTHER_CHUNK_BYTES + 1))),
        "damaged": _png(10, 10, b"\x78\x9c garbage, not deflate"),
        "ends too early": _png(10, 10, idat)[:-30] + struct.pack(">I", 1 << 30) + b"IDAT",
    }
    for match, content in cases.items():
        path = tmp_path / "case.png"
        path.write_bytes(content)
        _refused(path, match)
