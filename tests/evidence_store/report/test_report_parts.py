"""The report's building blocks: strips of tall screenshots, exact text, hostile-text cleaning."""

from __future__ import annotations

import json
import struct
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image

from evidence_store.files.png import PngError
from evidence_store.report.pdf import images as report_images
from evidence_store.report.pdf.flowables import break_exact
from evidence_store.report.pdf.images import image_size, iter_strips
from evidence_store.report.pdf.style import MONO, load_fonts
from evidence_store.report.text import Texts, clean, esc, from_epoch, moment_text, parse_utc
from tests.evidence_store.report.fixtures import write_png, write_tall_png


def _on_white(image: Image.Image) -> Image.Image:
    rgba = image.convert("RGBA")
    white = Image.new("RGB", rgba.size, (255, 255, 255))
    white.paste(rgba, mask=rgba.getchannel("A"))
    return white


@pytest.fixture(params=["streamed", "whole"])
def reading(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test both ways: PNGs streamed strip by strip (as big ones are), and read whole."""
    monkeypatch.setattr(report_images, "SMALL_PIXELS", 0 if request.param == "streamed" else 10**9)
    return str(request.param)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "L", "LA"])
def test_strips_are_exactly_the_rows_of_the_image(tmp_path: Path, mode: str, reading: str) -> None:
    # Pillow's encoder filters rows adaptively (Sub, Up, Average, Paeth), so every strip boundary
    # crosses rows filtered against the row above.
    path = write_png(tmp_path / "shot.png", 640, 2_345, mode=mode)
    expected = _on_white(Image.open(path))
    strips = list(iter_strips(path, [700, 1_000, 1_000, 1_000]))
    assert [(s.first_row, s.rows) for s in strips] == [(0, 700), (700, 1_000), (1_700, 645)]
    for strip in strips:
        got = strip.image()
        assert got.mode == "RGB"
        want = expected.crop((0, strip.first_row, 640, strip.first_row + strip.rows))
        assert got.tobytes() == want.tobytes()


def test_strips_of_a_band_written_png_and_of_other_formats(tmp_path: Path, reading: str) -> None:
    tall = write_tall_png(tmp_path / "tall.png", 300, 5_000, mode="RGBA", band_rows=700)
    whole = _on_white(Image.open(tall))
    strips = list(iter_strips(tall, [1_234] * 3))
    assert sum(s.rows for s in strips) == 3_702
    assert strips[2].image().tobytes() == whole.crop((0, 2_468, 300, 3_702)).tobytes()
    interlaced = tmp_path / "interlaced.png"        # not streamable: read whole by Pillow instead
    Image.open(tall).crop((0, 0, 300, 400)).save(interlaced, interlace=1)
    assert [s.rows for s in iter_strips(interlaced, [150, 150, 150])] == [150, 150, 100]
    jpeg = tmp_path / "shot.jpg"
    whole.crop((0, 0, 300, 400)).save(jpeg)
    assert image_size(jpeg) == (300, 400)
    assert [s.rows for s in iter_strips(jpeg, [400])] == [400]


def test_broken_images_raise_a_readable_problem(tmp_path: Path, reading: str) -> None:
    good = write_png(tmp_path / "good.png", 200, 3_000).read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(good[: len(good) // 3])
    strips = iter_strips(cut, [1_000, 1_000, 1_000])
    with pytest.raises(PngError, match=r"ends too early|fewer rows|truncated"):
        list(strips)
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"not an image at all")
    with pytest.raises(PngError, match="not a readable image"):
        list(iter_strips(garbage, [10]))
    wide = tmp_path / "wide.png"
    _png_header_only(wide, 100_000, 10)
    with pytest.raises(PngError, match="wide"):
        list(iter_strips(wide, [10]))


def test_a_small_file_cannot_inflate_into_a_huge_buffer(tmp_path: Path) -> None:
    # (4,000 × 20,000 is above SMALL_PIXELS: this PNG is streamed)
    # 240 MB of pixels in a 240 KB file; asking for 100 rows inflates only 100 rows.
    squeeze = zlib.compressobj(9)
    block = bytes((4_000 * 3 + 1) * 1_000)
    idat = b"".join(squeeze.compress(block) for _ in range(20)) + squeeze.flush()
    assert len(idat) < 1_000_000
    bomb = tmp_path / "bomb.png"
    _png_header_only(bomb, 4_000, 20_000, idat=idat)
    (strip,) = iter_strips(bomb, [100])
    assert strip.rows == 100


def _png_header_only(path: Path, width: int, height: int, idat: bytes = b"") -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + (chunk(b"IDAT", idat) if idat else b"") + chunk(b"IEND", b""))


def test_break_exact_never_adds_or_drops_a_character() -> None:
    load_fonts()
    text = "https://example.org/" + "ø<&>" * 300 + "\ufffd"
    lines = break_exact(text, 200, MONO, 8)
    assert "".join(lines) == text
    assert len({len(line) for line in lines[:-1]}) == 1
    fingerprint = "0123456789abcdef" * 4
    assert break_exact(fingerprint, 130, MONO, 6.5, group=16) == [fingerprint[:32], fingerprint[32:]]
    assert break_exact("", 100, MONO, 8) == [""]


def test_clean_makes_hostile_text_visible_and_bounded() -> None:
    covered = load_fonts().sans
    shown = clean("a\x00b\nc\u202e\u200bd\ud800中😀", covered, limit=100)
    assert shown.text == "a[U+0000]b[U+000A]c[U+202E][U+200B]d[U+D800]\ufffd😀"
    assert not shown.cut
    assert clean("x\r\ny\tz", covered, limit=100, multiline=True).text == "x\ny    z"
    long = clean("é" * 5_000, covered, limit=1_000)
    assert long.cut and long.total == 5_000 and long.text == "é" * 1_000
    assert clean(None, covered, limit=5).text == ""
    assert clean(12, covered, limit=5).text == "12"
    assert esc("<b>A & B</b>\n") == "&lt;b&gt;A &amp; B&lt;/b&gt;<br/>"


def test_times_and_numbers() -> None:
    da, en = Texts("da"), Texts("en")
    moment = parse_utc("2026-07-01T22:30:00.250Z")
    assert moment == datetime(2026, 7, 1, 22, 30, 0, 250_000, tzinfo=UTC)
    assert moment_text(moment, da) == "2026-07-01 22:30:00.250 UTC · 2026-07-02 00:30:00.250 CEST dansk tid"
    assert parse_utc("2026-07-01T22:30:00") is None           # no zone: not a UTC time
    assert parse_utc("yesterday") is None and parse_utc(5) is None
    assert from_epoch(1_790_000_000) == datetime(2026, 9, 21, 14, 13, 20, tzinfo=UTC)
    assert from_epoch(True) is None and from_epoch("1") is None
    assert da.size(1_234_567) == "1.234.567 byte (1,2 MB)"
    assert en.size(999) == "999 bytes"
    assert en.number(100_000) == "100,000"


def test_every_report_text_is_valid_paragraph_markup() -> None:
    from reportlab.platypus import Paragraph

    import resources
    from evidence_store.report.pdf.style import styles

    texts = json.loads(resources.read_text("report", "texts.json"))
    for language in ("da", "en"):
        for key, value in texts[language].items():
            if isinstance(value, str):
                Paragraph(value, styles()["body"])      # raises on broken markup
                assert "&" not in value.replace("&amp;", ""), key


def test_without_time_zone_data_the_report_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    # Windows has no system time zone database: zoneinfo needs the tzdata package there.
    from evidence_store.report import text as report_text

    monkeypatch.setattr(report_text, "danish_zone", lambda: None)
    moment = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    assert moment_text(moment, Texts("en")) == (
        "2026-01-05 08:00:00 UTC · Danish time cannot be shown: time zone data is missing on this computer")
