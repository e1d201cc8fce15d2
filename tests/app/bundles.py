"""Real, sealed bundles made quickly through the store API, without a browser.

Used by the GUI tests (a few hundred) and by benchmarks/gui_bench.py (ten thousand)."""

from __future__ import annotations

import functools
import io
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from PIL import Image

from evidence_store.store.index import CaptureRecord
from evidence_store.store.store import Store


@dataclass(frozen=True)
class Art:
    name: str
    media_type: str
    description: str = ""


@functools.lru_cache(maxsize=64)
def _png(size: tuple[int, int], color: tuple[int, int, int], stripes: bool = False) -> bytes:
    image = Image.new("RGB", size, color)
    if stripes:   # a pattern that shows where each band of a tall image belongs
        band = Image.new("RGB", (size[0], 200), (0, 0, 0))
        for y in range(0, size[1], 2000):
            image.paste(band, (0, y))
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=1)
    return buf.getvalue()


def make_bundle(store: Store, *, case: str = "", title: str = "Forside", url: str = "https://example.dk/",
                note: str = "", started: datetime | None = None, full_height: int = 1800,
                color: tuple[int, int, int] = (200, 220, 240)) -> CaptureRecord:
    started = started or datetime.now(UTC)
    iso = started.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    done = (started + timedelta(seconds=4)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    with store.begin_capture(started) as staging:
        out = staging.artifacts_dir
        (out / "screenshot-viewport.png").write_bytes(_png((1280, 900), color))
        (out / "screenshot-full.png").write_bytes(_png((1280, full_height), color, stripes=True))
        (out / "page.html").write_text(f"<html><title>{title}</title></html>", encoding="utf-8")
        facts = {"url_requested": url, "final_url": url, "redirects": [], "http_status": 200,
                 "status_text": "OK", "title": title, "started_at": iso, "finished_at": done,
                 "server": {"ip": "127.0.0.1", "port": 443}, "tls": None, "content_kind": "html",
                 "viewport": {"width": 1280, "height": 900}, "warnings": [],
                 "screenshot": {"page_height_px": full_height, "image_height_px": full_height,
                                "method": "native", "truncated": False, "cut_at_px": None, "parts": 1},
                 "steps": [{"at": iso, "action": "navigate", "detail": {"url": url}}]}
        arts = [Art("screenshot-viewport.png", "image/png", "What the page showed on opening"),
                Art("screenshot-full.png", "image/png", "The whole page, top to bottom"),
                Art("page.html", "text/html", "The page as the browser had built it (DOM)")]
        return store.seal(staging, facts=facts, artifacts=arts, operator="Test Operatør",
                          organisation="Testkommune", case=case, note=note)


PALETTE = [(200, 220, 240), (240, 200, 200), (210, 240, 200), (240, 230, 180), (220, 200, 240),
           (180, 180, 180), (250, 250, 250), (120, 160, 220)]


def make_many(store: Store, count: int, cases: int = 12, seed: int = 4) -> None:
    """``count`` bundles spread over ``cases`` cases (and some without a case), one minute apart."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    for n in range(count):
        case = "" if n % 7 == 0 else f"Sag {n % cases:02d}"
        color = PALETTE[rng.randrange(len(PALETTE))]
        make_bundle(store, case=case, title=f"Opslag nummer {n}", url=f"https://social.example/post/{n}",
                    started=start + timedelta(minutes=n), color=color, full_height=1200)
