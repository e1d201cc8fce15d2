"""Scrolling through the page in viewport steps so lazy images and comments load, bounded in
steps, height and time, then back to the top."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from capture.page.screenshot import page_size
from capture.steplog import StepLog, stop_reason

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from capture.page.watcher import PageWatcher


def scroll_through(page: Page, *, max_steps: int, max_seconds: float, max_height: int, steps: StepLog,
                   watcher: PageWatcher) -> dict[str, Any]:
    viewport = page.viewport_size or {"height": 900}
    step_px = max(int(viewport["height"] * 0.9), 100)
    started = time.monotonic()
    y = 0
    count = 0
    reason = "reached_bottom"
    while True:
        _, height = page_size(page)
        if stop := stop_reason(y=y, view=viewport["height"], height=height, count=count, started=started,
                               max_steps=max_steps, max_seconds=max_seconds, max_height=max_height):
            reason = stop
            break
        y += step_px
        count += 1
        page.evaluate("y => window.scrollTo(0, y)", y)
        steps.add("scroll", y=y, page_height_px=height)
        watcher.wait_quiet(1000)
    page.evaluate("() => window.scrollTo(0, 0)")
    watcher.wait_quiet(500)
    steps.add("scroll_to_top", stopped_because=reason, steps=count)
    _, height = page_size(page)
    return {"steps": count, "stopped_because": reason, "reached_bottom": reason == "reached_bottom",
            "page_height_px": height, "seconds": round(time.monotonic() - started, 2)}
