"""browsertrix-behaviors run after the first view, open comments collapsed behind "Show more", report
every step into the step log, stay inside their time, and can be switched off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import resources
from tests.capture.whole import site
from tests.capture.whole.conftest import capture


@pytest.mark.long
def test_a_behaviour_opens_collapsed_comments_after_the_first_view(whole_site: site.Site, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = capture(whole_site.url("/comments"), out)
    about = json.loads(resources.read_text("behaviors", "about.json"))
    record = result.facts["behaviors"]
    assert record["ran"] is True and record["main_behavior"] == "Autoscroll" and record["frames"] == 1
    assert record["library"] == {"package": "browsertrix-behaviors", "version": about["version"],
                                 "sha256": about["sha256"]}
    assert record["options"]["autoclick"] is False
    actions = [s.action for s in result.steps]
    assert actions.index("screenshot_viewport") < actions.index("behaviors_start") < actions.index("behaviors_end")
    assert actions.index("behaviors_end") < actions.index("screenshot_full")
    said = [s.detail["message"] for s in result.steps if s.action == "behavior"]
    assert any("Clicking 'Show More'" in m for m in said) and record["messages"] == len(said)
    html = (out / "page.html").read_text("utf-8")
    assert ">HIDDEN COMMENT 40<" in html and ">Show more comments</button>" not in html


def test_behaviours_switched_off_leave_the_comments_collapsed(whole_site: site.Site, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = capture(whole_site.url("/comments"), out, run_behaviors=False)
    assert result.facts["behaviors"] == {"ran": False, "reason": "switched off"}
    assert not {"behavior", "show_more_clicked", "show_more_end"} & {s.action for s in result.steps}
    html = (out / "page.html").read_text("utf-8")
    assert ">HIDDEN COMMENT 2<" not in html and ">Show more comments</button>" in html


def test_behaviours_stop_at_their_time(whole_site: site.Site, tmp_path: Path) -> None:
    """The comments page keeps autoscroll busy for far longer than two seconds."""
    result = capture(whole_site.url("/comments"), tmp_path / "artifacts", max_behavior_seconds=2)
    record = result.facts["behaviors"]
    assert record["stopped_because"] == "time_limit"
    end = next(s for s in result.steps if s.action == "behaviors_end")
    assert end.detail["stopped_because"] == "time_limit"


@pytest.mark.long
def test_a_page_that_does_not_scroll_gets_no_autoscroll_probe(whole_site: site.Site, tmp_path: Path) -> None:
    """Autoscroll on a page shorter than the window would only probe and give up; it is left out, and the
    record says so. The page's other behaviours still run."""
    result = capture(whole_site.url("/"), tmp_path / "artifacts")
    record = result.facts["behaviors"]
    assert record["ran"] is True and record["autoscroll_skipped"] == ["main"]
    said = [s.detail["message"] for s in result.steps if s.action == "behavior"]
    assert "Using Autoplay" in said and "Using Autoscroll" not in said
    tall = capture(whole_site.url("/comments"), tmp_path / "tall")
    assert tall.facts["behaviors"]["autoscroll_skipped"] == []
