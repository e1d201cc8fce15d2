"""Fixtures for the evidence store tests: an isolated store, and real bundles made from small files."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store

# Every file a bundle made by `sealed` holds, relative to the bundle.
BUNDLE_FILES = (
    "manifest.json",
    "manifest.json.sig",
    "signer.pub.pem",
    "SHA256SUMS",
    "custody.jsonl",
    "VERIFY.txt",
    "artifacts/screenshot-full.png",
    "artifacts/page.html",
    "artifacts/parts/part-1.png",
)


@dataclass(frozen=True)
class Art:
    name: str
    media_type: str
    description: str = ""


@pytest.fixture(autouse=True)
def vidne_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The store's default root is inside tmp_path: no test touches a real home folder."""
    home = tmp_path / "vidne-home"
    monkeypatch.setenv("VIDNE_HOME", str(home))
    return home


def png_bytes(width: int = 6, height: int = 4, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def sample_facts(title: str = "Opslag om Mette — <b>hostile</b>") -> dict[str, object]:
    return {
        "url_requested": "https://example.org/post/1",
        "final_url": "https://example.org/post/1?x=1",
        "redirects": [{"url": "https://example.org/post/1", "status": 301, "location": "/post/1?x=1"}],
        "http_status": 200,
        "status_text": "OK",
        "title": title,
        "started_at": "2026-11-21T10:15:30.123Z",
        "finished_at": "2026-11-21T10:15:42.456Z",
        "warnings": [],
        "steps": [{"at": "2026-11-21T10:15:30.200Z", "action": "navigate", "detail": {}}],
    }


@pytest.fixture
def store(vidne_home: Path) -> Iterator[Store]:
    s = Store.open()
    yield s
    s.close()


SealFn = Callable[..., CaptureRecord]


@pytest.fixture
def seal(store: Store) -> SealFn:
    """Seal a capture of a few real files; keyword arguments override the defaults."""

    def _seal(
        *,
        case: str = "Facebook-gruppe oktober",
        note: str = "Set af Mette",
        title: str = "Opslag om Mette — <b>hostile</b>",
        target: Store | None = None,
    ) -> CaptureRecord:
        s = target or store
        with s.begin_capture() as staging:
            (staging.artifacts_dir / "screenshot-full.png").write_bytes(png_bytes())
            (staging.artifacts_dir / "page.html").write_text(
                "<html><head><title>Opslag</title></head><body>Hej æøå</body></html>", encoding="utf-8"
            )
            (staging.artifacts_dir / "parts").mkdir()
            (staging.artifacts_dir / "parts" / "part-1.png").write_bytes(png_bytes(3, 3, (0, 0, 255)))
            return s.seal(
                staging,
                facts=sample_facts(title),
                artifacts=[
                    Art("screenshot-full.png", "image/png", "The whole page, top to bottom"),
                    Art("page.html", "text/html", "The rendered page"),
                    Art("parts/part-1.png", "image/png", "A part of the stitched screenshot"),
                ],
                operator="Mette Hansen",
                organisation="Aarhus Kommune",
                case=case,
                note=note,
            )

    return _seal


@pytest.fixture
def sealed(seal: SealFn) -> CaptureRecord:
    return seal()
