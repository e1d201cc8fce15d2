"""Secrets in the address (an OAuth callback's code and token, an implicit flow's #access_token) are in
no file and no fact a capture gives, whether the network record is on or off, and the account of
what was removed is the same either way."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from capture.engine import capture_page
from capture.result import CaptureOptions, Step
from tests.capture.privacy.address_site import CODE, SECRETS, address_site
from tests.support.secret_search import find_secrets


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with address_site() as base:
        yield base


@pytest.mark.parametrize("record_network", [True, False], ids=["network-on", "network-off"])
def test_no_secret_from_the_address_reaches_a_file_or_a_fact(site: str, tmp_path: Path,
                                                             record_network: bool) -> None:
    out = tmp_path / "artifacts"
    out.mkdir()
    seen: list[Step] = []
    result = capture_page(CaptureOptions(url=f"{site}/login", record_network=record_network, save_media=False),
                          out, on_step=seen.append)
    facts = result.facts
    # What the manifest would hold, and every step as the front ends were told it, join the files.
    (tmp_path / "manifest-facts.json").write_text(json.dumps(facts), encoding="utf-8")
    (tmp_path / "steps-told.json").write_text(json.dumps([[s.action, s.detail] for s in seen]), encoding="utf-8")
    assert find_secrets(tmp_path, SECRETS) == []

    assert facts["http_status"] == 200 and "Signed in" in (out / "page.html").read_text("utf-8")
    assert facts["final_url"] == (f"{site}/cb?code=REDACTED&access_token=REDACTED&x=1"
                                  "#access_token=REDACTED&state=abc")
    assert facts["redirects"] == [{"url": f"{site}/login", "status": 302,
                                   "location": "/cb?code=REDACTED&access_token=REDACTED&x=1"}]
    assert facts["url_requested"] == f"{site}/login"
    navigated = [s["detail"]["url"] for s in facts["steps"] if s["action"] == "navigated"]
    assert navigated and all("REDACTED" in u and "x=1" in u for u in navigated)
    shown = "this page is " + facts["final_url"].replace("&", "&amp;")      # the page's own text, kept
    assert shown in (out / "page.html").read_text("utf-8")
    redactions: dict[str, Any] = facts["redactions"]
    assert redactions["removed"] == {"url_parameters": ["access_token", "code"]}     # on or off, the same
    assert redactions["values_replaced_in_files"]["page.html"] >= 3
    assert redactions["values_replaced_in_files"]["page.mhtml"] >= 3
    assert CODE not in json.dumps(redactions)
    assert ("page.wacz" in {a.name for a in result.artifacts}) is record_network


def test_an_address_given_with_a_secret_is_recorded_without_it(site: str, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    out.mkdir()
    result = capture_page(CaptureOptions(url=f"{site}/cb?session_id=SESSIONSECRET5555&x=1", record_network=False,
                                         save_media=False), out)
    (tmp_path / "manifest-facts.json").write_text(json.dumps(result.facts), encoding="utf-8")
    assert find_secrets(tmp_path, ["SESSIONSECRET5555", *SECRETS]) == []
    assert result.facts["url_requested"] == f"{site}/cb?session_id=REDACTED&x=1"
    assert "session_id" in result.facts["redactions"]["removed"]["url_parameters"]
