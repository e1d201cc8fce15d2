"""Capturing the local test site through the real browser."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image

from capture.child_process import run_capture
from capture.engine import capture_page
from capture.errors import BrowserNotFound, CaptureFailed, CaptureTimedOut, InvalidURL
from capture.result import CaptureOptions, CaptureResult
from capture.urls import validate_url
from tests.support import pages

Image.MAX_IMAGE_PIXELS = None


def run(url: str, tmp_path: Path, **options: object) -> CaptureResult:
    out = tmp_path / "artifacts"
    out.mkdir()
    return capture_page(CaptureOptions(url=url, **options), out)  # type: ignore[arg-type]


def actions(result: CaptureResult) -> list[str]:
    return [s.action for s in result.steps]


def test_ordinary_page_gives_all_artifacts_and_facts(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/"), tmp_path)
    names = {a.name for a in result.artifacts}
    assert names == {"screenshot-viewport.png", "screenshot-full.png", "page.html", "page.mhtml", "page-text.txt",
                     "page.wacz"}
    for a in result.artifacts:
        assert (tmp_path / "artifacts" / a.name).stat().st_size > 0
    f = result.facts
    assert f["http_status"] == 200 and f["title"] == "Forside"
    assert f["final_url"] == web.url("/") and f["url_requested"] == web.url("/")
    assert f["server"] == {"ip": "127.0.0.1", "port": int(web.base.rsplit(":", 1)[1])}
    assert f["tls"] is None and f["redirects"] == []
    assert f["browser"]["version"] and f["playwright_version"] and "Chrome/" in f["user_agent"]
    assert "HeadlessChrome" not in f["user_agent"]
    assert f["viewport"] == {"width": 1280, "height": 900}
    assert f["started_at"].endswith("Z") and f["finished_at"] >= f["started_at"]
    with Image.open(tmp_path / "artifacts" / "screenshot-viewport.png") as img:
        assert img.size == (1280, 900)
    assert (tmp_path / "artifacts" / "page.mhtml").read_bytes().startswith(b"From: <Saved by Blink>")
    assert "<h1>Hej</h1>" in (tmp_path / "artifacts" / "page.html").read_text()
    steps = actions(result)
    assert steps.index("navigate") < steps.index("screenshot_viewport") < steps.index("screenshot_full")
    assert all(s.at.endswith("Z") for s in result.steps)


@pytest.mark.long
@pytest.mark.slow
def test_page_taller_than_60000px_is_whole_to_the_bottom(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/tall"), tmp_path)
    shot = result.facts["screenshot"]
    assert shot["page_height_px"] == 70_300 and shot["image_height_px"] == 70_300
    assert shot["truncated"] is False and shot["method"] == "stitched"
    with Image.open(tmp_path / "artifacts" / "screenshot-full.png") as img:
        assert img.size == (1280, 70_300)
        assert img.getpixel((640, 70_300 - 100))[:3] == (0, 255, 0)   # the green bottom marker
        assert img.getpixel((640, 69_000))[:3] != (0, 255, 0)


@pytest.mark.slow
def test_cap_is_recorded_never_silent(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/tall"), tmp_path, max_height_px=20_000)
    shot = result.facts["screenshot"]
    assert shot["truncated"] is True and shot["cut_at_px"] == 20_000 and shot["page_height_px"] == 70_300
    assert any("cut at 20000 px" in w for w in result.facts["warnings"])
    with Image.open(tmp_path / "artifacts" / "screenshot-full.png") as img:
        assert img.size[1] == 20_000


def test_lazy_content_loads_before_the_screenshot(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/lazy"), tmp_path)
    html = (tmp_path / "artifacts" / "page.html").read_text()
    assert "KOMMENTAR: du er inkompetent" in html
    assert result.facts["scroll"]["reached_bottom"] and result.facts["scroll"]["steps"] >= 3
    assert "scroll_to_top" in actions(result)


@pytest.mark.long
def test_endless_page_stops_at_its_bounds(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/endless"), tmp_path, max_scroll_steps=8)
    assert result.facts["scroll"]["stopped_because"] == "max_steps"
    assert result.facts["scroll"]["reached_bottom"] is False


def test_redirect_chain_is_recorded_hop_by_hop(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/chain/3"), tmp_path)
    hops = result.facts["redirects"]
    assert [h["url"] for h in hops] == [web.url("/chain/3"), web.url("/chain/2"), web.url("/chain/1")]
    assert [h["status"] for h in hops] == [301, 302, 301]
    assert hops[-1]["location"] == "/final"
    assert result.facts["final_url"] == web.url("/final") and result.facts["http_status"] == 200


def test_redirect_loop_fails_with_a_clear_message(web: pages.Server, tmp_path: Path) -> None:
    with pytest.raises(CaptureFailed, match="loop"):
        run(web.url("/loop"), tmp_path)


@pytest.mark.parametrize(("path", "status"), [("/gone", 404), ("/error", 500)])
def test_error_pages_are_evidence_too(web: pages.Server, tmp_path: Path, path: str, status: int) -> None:
    result = run(web.url(path), tmp_path)
    assert result.facts["http_status"] == status
    assert any(a.name == "screenshot-full.png" for a in result.artifacts)


def test_server_that_never_answers_is_bounded_by_the_time_limit(web: pages.Server, tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(CaptureTimedOut):
        run(web.url("/hang"), tmp_path, timeout_s=6)
    assert time.monotonic() - started < 15


@pytest.mark.long
def test_half_sent_page_is_captured_as_it_was_and_says_so(web: pages.Server, tmp_path: Path) -> None:
    started = time.monotonic()
    result = run(web.url("/slowbody"), tmp_path, timeout_s=20)
    assert time.monotonic() - started < 20
    assert "first part arrived" in (tmp_path / "artifacts" / "page.html").read_text()
    assert any("not finished loading" in w for w in result.facts["warnings"])


@pytest.mark.long
def test_a_picture_that_never_ends_holds_up_neither_the_behaviours_nor_the_network_record(
    web: pages.Server, tmp_path: Path
) -> None:
    """The page's loading never finishes (its picture's last bytes never come, its script is never
    answered). The behaviours wait for a
    loaded page before they start: Vidne stops waiting for them soon and says why; the network record
    keeps the picture's exchange as far as it went without waiting for its end (Playwright's raw headers
    wait for it). Before, the capture waited for the picture until the time limit ended it."""
    # in a child process with its hard limit, as Vidne runs captures: a wait that came back fails, not hangs
    (tmp_path / "artifacts").mkdir()
    result = run_capture(CaptureOptions(url=web.url("/slowsub"), timeout_s=45), tmp_path / "artifacts")
    assert result.facts["behaviors"]["stopped_because"] == "page_not_loaded"
    network = result.facts["network"]
    assert network["saved"] and network["not_finished"] == 1 and network["failed"] == 1
    assert "The text is here." in (tmp_path / "artifacts" / "page.html").read_text()


def test_popups_dialogs_and_downloads_never_block(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/popups"), tmp_path, timeout_s=40)
    steps = actions(result)
    dialogs = [s.detail for s in result.steps if s.action == "dialog_dismissed"]
    assert {d["type"] for d in dialogs} == {"alert", "confirm"}
    assert "Velkommen!" in [d["message"] for d in dialogs]
    assert "popup_closed" in steps and "download_refused" in steps
    assert "dialogs done: false" in (tmp_path / "artifacts" / "page.html").read_text()


def test_danish_text_and_emoji_survive(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/dansk"), tmp_path)
    assert result.facts["title"] == pages.DANISH
    assert "Ærlig talt, ørkesløst åndssvagt" in (tmp_path / "artifacts" / "page.html").read_text("utf-8")


def test_hostile_title_is_kept_literally(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/hostile"), tmp_path)
    assert result.facts["title"].startswith("<b>Ayse & Birgitte</b> <script>")


def test_image_url_saves_the_body_and_a_screenshot(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/image.png"), tmp_path)
    assert result.facts["content_kind"] == "file" and result.facts["media_type"] == "image/png"
    assert (tmp_path / "artifacts" / "response-body.png").read_bytes() == pages.RED_PNG
    assert any(a.name == "screenshot-viewport.png" for a in result.artifacts)


@pytest.mark.parametrize(("path", "name"), [("/download", "response-body.bin"), ("/doc.pdf", "response-body.pdf")])
def test_download_address_saves_the_file(web: pages.Server, tmp_path: Path, path: str, name: str) -> None:
    result = run(web.url(path), tmp_path)
    assert [a.name for a in result.artifacts] == [name]
    assert (tmp_path / "artifacts" / name).stat().st_size > 0
    assert result.facts["content_kind"] == "file" and result.facts["screenshot"] is None
    assert any("download" in w for w in result.facts["warnings"])


def test_invalid_tls_fails_by_default(web_tls: pages.Server, tmp_path: Path) -> None:
    with pytest.raises(CaptureFailed, match="certificate is not valid") as refused:
        run(web_tls.url("/"), tmp_path)
    # The flag that allows it is the CLI's to name (tests/e2e/test_capture_errors_cli.py), not capture's.
    assert refused.value.code == "invalid_tls" and "--allow-invalid-tls" not in str(refused.value)


def test_invalid_tls_when_allowed_is_recorded(web_tls: pages.Server, tmp_path: Path) -> None:
    result = run(web_tls.url("/"), tmp_path, allow_invalid_tls=True)
    tls = result.facts["tls"]
    assert tls["errors_ignored"] is True and tls["protocol"].startswith("TLS")
    assert tls["subject"] == "vidne-test.local" and tls["issuer"] == "vidne-test.local"
    assert tls["valid_from"].endswith("Z") and tls["valid_to"] > tls["valid_from"]
    assert any("Certificate errors" in w for w in result.facts["warnings"])


@pytest.mark.parametrize("bad", ["file:///etc/passwd", "javascript:alert(1)", "chrome://settings", "not a url",
                                 "ftp://example.dk/x", "http://", ""])
def test_bad_addresses_are_refused_before_any_browser(bad: str) -> None:
    with pytest.raises(InvalidURL):
        validate_url(bad)


def test_address_without_scheme_is_taken_as_https() -> None:
    assert validate_url("  www.example.dk/opslag?id=1 ") == "https://www.example.dk/opslag?id=1"


def test_missing_browser_error_says_how_to_get_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VIDNE_BROWSER", str(tmp_path / "no-such-chrome"))
    with pytest.raises(BrowserNotFound, match="playwright install chromium"):
        run("http://127.0.0.1:9/", tmp_path)
