"""browsertrix-behaviors run after the first view, in the background while Vidne scrolls the page itself
(the library's autoscroll stays off), report every step into the step log, stay inside their time, and can
be switched off; "Show more" is opened by Vidne's own clicks (capture/page/whole/show_more.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import resources
from tests.capture.whole import site
from tests.capture.whole.conftest import capture


def test_a_feed_is_scrolled_to_its_end_and_its_comments_opened(whole_site: site.Site, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = capture(whole_site.url("/comments"), out)
    about = json.loads(resources.read_text("behaviors", "about.json"))
    record = result.facts["behaviors"]
    assert record["ran"] is True and record["main_behavior"] == "" and record["frames"] == 1
    assert record["alongside_vidne"] is True and record["stopped_because"] == "finished"
    assert record["library"] == {"package": "browsertrix-behaviors", "version": about["version"],
                                 "sha256": about["sha256"]}
    assert record["options"]["autoclick"] is False and record["options"]["autoscroll"] is False
    actions = [s.action for s in result.steps]
    assert actions.index("screenshot_viewport") < actions.index("behaviors_start") < actions.index("scroll")
    assert actions.index("scroll") < actions.index("behaviors_end") < actions.index("screenshot_full")
    said = [s.detail["message"] for s in result.steps if s.action == "behavior"]
    assert "Using Autoplay" in said and "Using Autoscroll" not in said and record["messages"] == len(said)
    clicked = [s.detail["text"] for s in result.steps if s.action == "show_more_clicked"]
    assert clicked == ["Show more comments"]
    html = (out / "page.html").read_text("utf-8")
    assert ">HIDDEN COMMENT 40<" in html and ">Show more comments</button>" not in html
    assert ">post 39<" in html                          # the feed grew while Vidne scrolled, to its end
    assert result.facts["scroll"]["stopped_because"] == "reached_bottom"


def test_behaviours_switched_off_leave_the_comments_collapsed(whole_site: site.Site, tmp_path: Path) -> None:
    out = tmp_path / "artifacts"
    result = capture(whole_site.url("/comments"), out, run_behaviors=False)
    assert result.facts["behaviors"] == {"ran": False, "reason": "switched off"}
    assert not {"behavior", "show_more_clicked", "show_more_end"} & {s.action for s in result.steps}
    html = (out / "page.html").read_text("utf-8")
    assert ">HIDDEN COMMENT 2<" not in html and ">Show more comments</button>" in html


def test_behaviours_stop_at_their_time(whole_site: site.Site, tmp_path: Path) -> None:
    """The library's image fetcher waits for an image that never comes: its time ends it, and the capture
    goes on."""
    result = capture(whole_site.url("/busy"), tmp_path / "artifacts", max_behavior_seconds=2)
    record = result.facts["behaviors"]
    assert record["stopped_because"] == "time_limit" and 1.4 <= record["seconds"]
    end = next(s for s in result.steps if s.action == "behaviors_end")
    assert end.detail["stopped_because"] == "time_limit"
    assert (tmp_path / "artifacts" / "screenshot-full.png").is_file()


@pytest.mark.slow
def test_behaviours_that_ended_while_vidne_scrolled_are_said_to_have_finished(whole_site: site.Site,
                                                                              tmp_path: Path) -> None:
    """The scroll-through waits for a slow lazy image longer than the behaviours' own time: the library,
    done long before, is recorded as finished, not as stopped by its time."""
    result = capture(whole_site.url("/slow-lazy"), tmp_path / "artifacts", max_behavior_seconds=2)
    record = result.facts["behaviors"]
    assert record["alongside_vidne"] is True and record["seconds"] > 1.5      # its own time: 1.5 s
    assert record["stopped_because"] == "finished"
