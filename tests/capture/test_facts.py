"""The typed capture facts give the manifest's `capture` object with the documented keys, in the order
bundles have always had them (manifest.json's bytes depend on it)."""

from __future__ import annotations

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from capture.engine import capture_page
from capture.facts import CaptureFacts, PageFacts, ResponseFacts
from capture.result import CaptureOptions
from tests.support import pages

DOC = Path(__file__).resolve().parents[2] / "docs" / "bundle-format.md"

# The order of manifest.json's `capture` keys since format_version 1. Never reorder: old bundles'
# manifests were written in this order.
MANIFEST_ORDER = ("url_requested", "final_url", "title", "http_status", "status_text", "redirects", "server", "tls",
                  "media_type", "content_kind", "started_at", "finished_at", "warnings", "screenshot", "scroll",
                  "browser", "playwright_version", "user_agent", "viewport", "os", "response_headers",
                  "overlays", "login_wall", "media", "network", "scroller", "behaviors", "fonts", "session",
                  "redactions", "steps")
ONLY_WHEN_THEY_APPLY = {"overlays", "login_wall", "media", "network", "scroller", "behaviors", "fonts"}


def documented_keys() -> set[str]:
    """The keys the `capture` table of docs/bundle-format.md names in its first column."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("`capture` (written by", 1)[1].split("\n## ", 1)[0]
    keys: set[str] = set()
    for line in table.splitlines():
        if line.startswith("| `"):
            first_column = line.split("|")[1]
            keys.update(k for k in re.findall(r"`([^`]+)`", first_column) if re.fullmatch(r"[a-z_]+", k))
    return keys


def example(**changes: object) -> CaptureFacts:
    fetched = ResponseFacts(http_status=200, status_text="OK", response_headers=[["server", "x"]], redirects=[],
                            server={"ip": "127.0.0.1", "port": 80}, tls=None, media_type="text/html")
    page = PageFacts(final_url="http://127.0.0.1/", title="t", response=fetched, content_kind="html",
                     warnings=[], screenshot={}, scroll={}, user_agent="Chrome")
    facts = CaptureFacts.of(page, url_requested="http://127.0.0.1/", started_at="a", finished_at="b", browser={},
                            playwright_version="1", viewport={"width": 1, "height": 2}, os="Linux", session={},
                            steps=[])
    for name, value in {"redactions": {}, **changes}.items():
        setattr(facts, name, value)
    return facts


def test_the_fields_are_the_documented_keys_in_manifest_order() -> None:
    names = tuple(f.name for f in fields(CaptureFacts))
    assert names == MANIFEST_ORDER
    # "recheck" is documented in the same table but added by the app (app/overtime/recheck.py), not the capture
    assert documented_keys() - {"recheck"} == set(names)
    assert "recheck" in documented_keys()


def test_fields_that_did_not_apply_are_left_out_and_the_rest_keep_their_place() -> None:
    assert tuple(example().to_manifest()) == tuple(k for k in MANIFEST_ORDER if k not in ONLY_WHEN_THEY_APPLY)
    everything = example(overlays={"dismissed": 0, "clicks": []}, login_wall={"detected": False}, media=[],
                         network={"saved": True}, scroller={"kind": "document"}, behaviors={"ran": False},
                         fonts={"characters_checked": 0})
    assert tuple(everything.to_manifest()) == MANIFEST_ORDER
    assert everything.to_manifest()["media"] == []      # an empty list is a fact, not an absence


def test_facts_are_not_handed_out_before_their_secrets_are_sealed() -> None:
    with pytest.raises(ValueError, match="sealed"):
        example(redactions=None).to_manifest()


@pytest.mark.parametrize(("path", "options", "absent"), [
    ("/", {}, {"overlays"}),
    ("/consent", {"dismiss_overlays": True}, set()),
    ("/download", {}, ONLY_WHEN_THEY_APPLY),
])
def test_a_real_capture_gives_its_keys_in_manifest_order(web: pages.Server, tmp_path: Path, path: str,
                                                         options: dict[str, bool], absent: set[str]) -> None:
    out = tmp_path / "artifacts"
    out.mkdir()
    result = capture_page(CaptureOptions(url=web.url(path), **options), out)
    assert isinstance(result.facts, dict)
    assert list(json.loads(json.dumps(result.facts))) == [k for k in MANIFEST_ORDER if k not in absent]
