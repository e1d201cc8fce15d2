"""The GUI's plain-Python parts: safe text, phases, the request queue, and banded PNG reading."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot

from app.gui.capture.phases import Phase, PhaseTracker, phase_of
from app.gui.runtime.images import thumbnail
from app.gui.runtime.workers import LatestFirstQueue
from app.gui.text import fill, grouped_fingerprint, plain, site_of, tooltip_html
from evidence_store.files import png
from tests.support import pages
from tests.support.images import noisy


def test_plain_makes_hostile_text_one_safe_bounded_line() -> None:
    shown = plain(pages.TITLE_HOSTILE + "\u202eevil\n" + "x" * 10_000, 80)
    assert "\x07" not in shown and "\x1b" not in shown and "\u202e" not in shown and "\n" not in shown
    assert len(shown) == 80 and shown.endswith("…")
    assert shown.startswith("<b>Ayse & Birgitte</b>")
    assert plain(pages.DANISH, 500) == pages.DANISH
    assert plain("a\nb", keep_newlines=True) == "a\nb"
    assert plain(None) == ""


def test_rich_text_places_get_escaped_text() -> None:
    assert tooltip_html("<script>", "a & b") == "<p>&lt;script&gt;<br>a &amp; b</p>"


def test_fill_does_not_let_a_value_fill_another_slot() -> None:
    assert fill("%1 and %2", "has %2", "second") == "has %2 and second"


def test_small_helpers() -> None:
    assert site_of("https://www.facebook.com/groups/x?y") == "facebook.com"
    assert grouped_fingerprint("ABCDEF0123456789") == "abcd ef01 2345 6789"


def test_phases_move_forward_only() -> None:
    tracker = PhaseTracker()
    for action in ["start", "navigate", "scroll", "scroll", "dialog_dismissed", "loaded", "screenshot_full",
                   "close_browser", "timestamp"]:
        tracker.feed(action)
    assert tracker.phase == Phase.TIMESTAMP and tracker.scroll_steps == 2
    assert phase_of("popup_closed") is None
    assert 0 < tracker.fraction() <= 1


def test_latest_request_is_served_first_and_old_ones_drop() -> None:
    queue = LatestFirstQueue(limit=3)
    for key in "abcd":
        queue.put(key, key.upper())
    queue.put("b", "B2")                      # asked again: to the front
    assert queue.take() == ("b", "B2")
    queue.put("b", "again")                   # being worked on: not queued twice
    queue.idle()
    assert [queue.take(), queue.take()] == [("d", "D"), ("c", "C")]   # "a" was dropped
    queue.close()
    assert queue.take() is None


def _noisy(size: tuple[int, int], mode: str, seed: int = 1) -> Image.Image:
    image = noisy(size, rectangles=400, seed=seed)
    return image.convert("P", palette=Image.Palette.ADAPTIVE) if mode == "P" else image.convert(mode)


def test_a_loader_after_another_starts_only_when_the_other_is_idle(qtbot: QtBot) -> None:
    """The store's checks wait for the thumbnails (both share this process's interpreter; a first check reads
    the whole ledger): a check never starts while a thumbnail is waiting or being made."""
    from app.gui.runtime.workers import BackgroundLoader

    order: list[str] = []
    other_started = threading.Event()

    def picture(payload: object) -> object:
        order.append("picture starts")
        other_started.wait(1.0)         # set at once if the check started meanwhile
        order.append("picture done")
        return payload

    def check(payload: object) -> object:
        order.append("check starts")
        other_started.set()
        return payload

    pictures = BackgroundLoader("test-pictures", picture)
    checks = BackgroundLoader("test-checks", check, after=pictures)
    try:
        with qtbot.waitSignal(checks.done, timeout=10_000):
            pictures.request("a", 1)
            qtbot.waitUntil(lambda: bool(order))
            checks.request("b", 2)
        assert order == ["picture starts", "picture done", "check starts"]
    finally:
        pictures.stop()
        checks.stop()


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "LA", "P"])
def test_bands_equal_the_whole_image_in_any_order(tmp_path: Path, mode: str) -> None:
    image = _noisy((211, 997), mode)
    path = tmp_path / f"{mode}.png"
    image.save(path)
    with png.TiledPng(path, band_rows=41) as tiled:
        assert tiled.streaming and tiled.bands == 25
        order = list(range(tiled.bands))
        random.Random(2).shuffle(order)
        for index in [*order, 0, tiled.bands - 1]:
            top, rows = tiled.band_span(index)
            assert tiled.band(index).tobytes() == image.crop((0, top, 211, top + rows)).tobytes(), index


def test_a_tall_png_is_read_with_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "tall.png"
    Image.new("RGB", (1280, 40_000), (250, 250, 250)).save(path, compress_level=1)
    with png.TiledPng(path) as tiled:
        band = tiled.band(tiled.bands - 1)
        assert band.width == 1280 and band.height <= tiled.band_rows
        assert tiled.band_rows * 1280 * 4 <= png.BAND_BYTES
    thumb = thumbnail(path, (120, 84))
    assert thumb.size[0] <= 120 and thumb.size[1] <= 84


def test_damaged_and_hostile_pngs_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not a png at all")
    with pytest.raises(png.PngError):
        png.TiledPng(bad)
    good = tmp_path / "good.png"
    _noisy((64, 64), "RGB").save(good)
    data = good.read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(png.PngError):
        png.TiledPng(cut).band(0)
    huge = tmp_path / "huge.png"
    header = bytearray(data[:33])
    header[16:24] = (100_000).to_bytes(4, "big") + (100_000).to_bytes(4, "big")   # claims 100,000² px
    huge.write_bytes(bytes(header) + data[33:])
    with pytest.raises(png.PngError):
        png.TiledPng(huge)


def test_the_qt_binding_is_one_that_does_not_corrupt_memory() -> None:
    from app.gui.runtime.qtcheck import binding_problem

    assert binding_problem() is None
