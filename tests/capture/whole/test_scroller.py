"""The page's real scroller is found and captured whole: an element that scrolls inside a fixed layout
(the issue's exact CSS), a full-size frame from the same site; a second scroller and a frame from another
site that holds more than it shows are named in the warnings, never silently left out."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from capture.result import CaptureResult
from tests.capture.whole import site
from tests.capture.whole.conftest import capture

Image.MAX_IMAGE_PIXELS = None


@pytest.fixture(scope="module")
def inner(whole_site: site.Site, tmp_path_factory: pytest.TempPathFactory) -> tuple[CaptureResult, Path]:
    out = tmp_path_factory.mktemp("inner") / "artifacts"
    return capture(whole_site.url("/inner"), out, run_behaviors=False), out


def _shows_every_post_and_the_last(image: Path, top: int, posts: int) -> None:
    """Post k's bottom border (grey) is at row top + 200(k+1) - 1, and the green last post ends the
    image: the stitching put every screen exactly where it belongs."""
    with Image.open(image) as img:
        rgb = img.convert("RGB")
        width, height = rgb.size
        assert height == top + posts * 200 + 300
        for k in range(posts):
            border = rgb.getpixel((width // 2, top + 200 * (k + 1) - 1))
            inside = rgb.getpixel((width // 2, top + 200 * k + 100))
            assert border == (204, 204, 204) and inside == (255, 255, 255), k
        assert rgb.getpixel((width // 2, height - 150)) == site.GREEN
        assert rgb.getpixel((width // 2, height - 1)) == site.GREEN


def test_an_inner_scroller_is_captured_to_its_last_post(inner: tuple[CaptureResult, Path]) -> None:
    result, out = inner
    facts = result.facts
    assert facts["scroller"]["kind"] == "element" and facts["scroller"]["element"] == "div#feed"
    assert facts["scroller"]["scroll_height_px"] == 20_300
    assert facts["scroller"]["captured_by"] == "scrolled in steps of its box and stitched"
    assert facts["screenshot"]["method"] == "scrolled" and not facts["screenshot"]["truncated"]
    assert facts["screenshot"]["scroller_box"] == {"x": 0, "y": 60, "width": 1280, "height": 840}
    assert facts["scroll"]["scroller"] == "element" and facts["scroll"]["reached_bottom"]
    assert facts["warnings"] == []
    _shows_every_post_and_the_last(out / "screenshot-full.png", top=60, posts=100)
    with Image.open(out / "screenshot-full.png") as img:      # the header, once, as on screen
        assert img.convert("RGB").getpixel((640, 30)) == (59, 89, 152)
    actions = [s.action for s in result.steps]
    assert actions.index("screenshot_viewport") < actions.index("find_scroller") < actions.index("screenshot_full")


def test_a_full_size_frame_is_captured_to_its_last_post(whole_site: site.Site, tmp_path: Path) -> None:
    result = capture(whole_site.url("/framed"), tmp_path / "artifacts", run_behaviors=False)
    scroller = result.facts["scroller"]
    assert scroller["kind"] == "frame" and scroller["frame_url"] == whole_site.url("/tall-document")
    assert result.facts["screenshot"]["method"] == "scrolled" and result.facts["warnings"] == []
    _shows_every_post_and_the_last(tmp_path / "artifacts" / "screenshot-full.png", top=0, posts=100)


def test_a_second_scroller_is_named_in_the_warnings(whole_site: site.Site, tmp_path: Path) -> None:
    result = capture(whole_site.url("/two-scrollers"), tmp_path / "artifacts", run_behaviors=False)
    scroller = result.facts["scroller"]
    assert scroller["element"] == "div#feed"
    assert scroller["other_scrollers"] == [{"kind": "element", "scroll_height_px": 4300, "visible_height_px": 900,
                                           "element": "div#chat"}]
    assert [w for w in result.facts["warnings"] if "div#chat" in w and "only what it showed" in w]
    with Image.open(tmp_path / "artifacts" / "screenshot-full.png") as img:
        rgb = img.convert("RGB")
        assert rgb.size == (1280, 6300) and rgb.getpixel((450, 6300 - 10)) == site.GREEN


def test_a_frame_from_another_site_that_holds_more_is_warned(whole_site: site.Site, other_site: site.Site,
                                                              tmp_path: Path) -> None:
    result = capture(whole_site.url("/cross-origin"), tmp_path / "artifacts", run_behaviors=False)
    host = other_site.base.removeprefix("http://")
    frames = result.facts["scroller"]["frames_from_other_sites"]
    assert frames == [{"host": host, "frame_url": other_site.url("/tall-document"), "box_height_px": 400,
                       "box_width_px": 600, "content_height_px": 20_300, "content_larger_than_box": True}]
    assert result.facts["scroller"]["kind"] == "document"
    assert [w for w in result.facts["warnings"] if f"frame from another site ({host})" in w]


def test_a_plain_page_is_still_the_document(whole_site: site.Site, tmp_path: Path) -> None:
    result = capture(whole_site.url("/tall-document"), tmp_path / "artifacts", run_behaviors=False)
    assert result.facts["scroller"]["kind"] == "document" and "other_scrollers" not in result.facts["scroller"]
    assert result.facts["screenshot"]["method"] in ("native", "stitched") and result.facts["warnings"] == []
    _shows_every_post_and_the_last(tmp_path / "artifacts" / "screenshot-full.png", top=0, posts=100)


def test_a_scroller_that_jumps_past_a_screen_names_the_blank_rows(whole_site: site.Site, tmp_path: Path) -> None:
    """Scroll snapping: asked for 900 px, the feed jumps to the next post at 1,000 px; rows 900-999 of it
    never showed on screen, and the record says so instead of closing the gap."""
    result = capture(whole_site.url("/snapping"), tmp_path / "artifacts", run_behaviors=False)
    assert result.facts["scroller"]["element"] == "div#feed"
    gaps = [s.detail for s in result.steps if s.action == "screenshot_scroller_gap"]
    assert gaps and gaps[0] == {"rows_from": 900, "rows_to": 1000}
    assert [w for w in result.facts["warnings"] if "rows 900 to 999" in w and "blank" in w]
    assert result.facts["screenshot"]["image_height_px"] == 6000


def test_a_page_that_breaks_the_search_is_captured_as_a_document_and_says_so(whole_site: site.Site,
                                                                             tmp_path: Path) -> None:
    result = capture(whole_site.url("/hostile-search"), tmp_path / "artifacts", run_behaviors=False)
    assert result.facts["scroller"]["kind"] == "document" and result.facts["scroller"]["found"] is False
    assert "find_scroller_failed" in [s.action for s in result.steps]
    assert [w for w in result.facts["warnings"] if "could not tell what scrolls" in w]
    assert (tmp_path / "artifacts" / "screenshot-full.png").is_file()
