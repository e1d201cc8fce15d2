"""Video and audio saved as artifacts; cookie banners clicked away (and kept in a screenshot)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from capture.engine import capture_page
from capture.result import CaptureOptions, CaptureResult
from evidence_store.bundle.names import artifact_name_problem
from tests.support import pages


def run(url: str, out: Path, **options: object) -> CaptureResult:
    out.mkdir()
    return capture_page(CaptureOptions(url=url, record_network=False, **options), out)  # type: ignore[arg-type]


def test_video_and_audio_files_are_saved_and_a_missing_one_is_recorded(web: pages.Server, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = run(web.url("/video"), out)
    by_name = {a.name: a for a in result.artifacts}
    assert by_name["media/video-1.webm"].media_type == "video/webm"
    assert by_name["media/audio-1.wav"].media_type in ("audio/wav", "audio/x-wav")
    assert (out / "media" / "video-1.webm").read_bytes() == (pages.DATA / "tiny.webm").read_bytes()
    assert (out / "media" / "audio-1.wav").read_bytes() == (pages.DATA / "tone.wav").read_bytes()
    assert all(artifact_name_problem(name) is None for name in by_name)
    media = result.facts["media"]
    missing = [m for m in media if not m["saved"]]
    assert len(missing) == 1 and "404" in missing[0]["reason"] and missing[0]["url"].endswith("/media/missing.webm")
    assert any("could not be saved" in w for w in result.facts["warnings"])
    assert sorted(p.name for p in (out / "media").iterdir()) == ["audio-1.wav", "video-1.webm"]   # no leftovers
    actions = [s.action for s in result.steps]
    assert actions.count("media_saved") == 2 and "media_not_saved" in actions


def test_a_video_named_only_in_the_page_metadata_is_fetched_with_yt_dlp(web: pages.Server, tmp_path: Path) -> None:
    pytest.importorskip("yt_dlp")
    out = tmp_path / "artifacts"
    result = run(web.url("/og-video"), out)
    entry = next(m for m in result.facts["media"] if m.get("tool", "").startswith("yt-dlp"))
    assert entry["saved"] is True and entry["artifact"] == "media/video-1.webm" and entry["extractor"] == "Generic"
    assert (out / "media" / "video-1.webm").read_bytes() == (pages.DATA / "tiny.webm").read_bytes()
    assert sorted(p.name for p in (out / "media").iterdir()) == ["video-1.webm"]          # no leftovers
    assert {"media/video-1.webm"} == {a.name for a in result.artifacts if a.name.startswith("media/")}


def test_a_streamed_video_that_cannot_be_fetched_is_said_plainly(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/blob-video"), tmp_path / "artifacts")
    media = result.facts["media"]
    assert media[0]["url"].startswith("blob:") and media[0]["saved"] is False
    assert not any(a.name.startswith("media/") for a in result.artifacts)
    assert any("blob:" in w for w in result.facts["warnings"])
    assert not (tmp_path / "artifacts" / "media").exists()


def test_an_ordinary_page_has_no_media_and_no_warning(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/dansk"), tmp_path / "artifacts")
    assert result.facts["media"] == [] and result.facts["warnings"] == []


def test_media_over_the_size_limit_is_recorded_not_saved(web: pages.Server, tmp_path: Path) -> None:
    result = run(web.url("/video"), tmp_path / "artifacts", max_media_bytes=1000)
    assert not any(a.name.startswith("media/") for a in result.artifacts)
    assert all(not m["saved"] for m in result.facts["media"])
    assert any("larger than the limit" in m["reason"] for m in result.facts["media"])
    assert not (tmp_path / "artifacts" / "media").exists()


def test_consent_banner_is_rejected_and_both_views_are_kept(web: pages.Server, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = run(web.url("/consent"), out, dismiss_overlays=True)
    clicks = [s.detail for s in result.steps if s.action == "overlay_clicked"]
    assert len(clicks) == 1 and clicks[0]["choice"] == "reject" and clicks[0]["text"] == "Afvis alle"
    assert result.facts["overlays"]["dismissed"] == 1
    names = {a.name for a in result.artifacts}
    assert {"screenshot-viewport-before-overlays.png", "screenshot-viewport.png"} <= names
    with Image.open(out / "screenshot-viewport-before-overlays.png") as before, \
            Image.open(out / "screenshot-viewport.png") as after:
        assert before.convert("RGB").getpixel((640, 450)) != after.convert("RGB").getpixel((640, 450))
    assert 'data-consent="rejected"' in (out / "page.html").read_text("utf-8")


def test_overlays_are_left_alone_by_default(web: pages.Server, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = run(web.url("/consent"), out)
    assert "overlay_clicked" not in [s.action for s in result.steps]
    assert "screenshot-viewport-before-overlays.png" not in {a.name for a in result.artifacts}
    assert 'id="cookie-banner"' in (out / "page.html").read_text("utf-8")
