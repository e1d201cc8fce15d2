"""Two local servers for the whole-page tests (the second one is "another site"), and a capture helper."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from capture.engine import capture_page
from capture.result import CaptureOptions, CaptureResult
from tests.capture.whole import site


@pytest.fixture(scope="session")
def other_site() -> Iterator[site.Site]:
    server = site.Site({"/tall-document": site.TALL_DOCUMENT})
    yield server
    server.close()


@pytest.fixture(scope="session")
def whole_site(other_site: site.Site) -> Iterator[site.Site]:
    server = site.Site({
        "/inner": site.INNER, "/snapping": site.SNAPPING, "/hostile-search": site.HOSTILE_SEARCH,
        "/two-scrollers": site.TWO_SCROLLERS, "/framed": site.FRAMED,
        "/tall-document": site.TALL_DOCUMENT, "/cross-origin": lambda: site.cross_origin(other_site.base),
        "/comments": site.COMMENTS, "/scripts": site.SCRIPTS, "/tall-60000": site.tall(60_000),
        "/busy": site.BUSY, "/slow-image": site.slow_image, "/slow-lazy": site.SLOW_LAZY,
    })
    yield server
    server.close()


def capture(url: str, folder: Path, **options: object) -> CaptureResult:
    """One real capture of ``url`` into ``folder`` (made here)."""
    folder.mkdir(parents=True)
    return capture_page(CaptureOptions(url=url, **options), folder)  # type: ignore[arg-type]
