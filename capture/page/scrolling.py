"""Scrolling through the page in viewport steps so lazy images and comments load, bounded in
steps, height and time, then back to the top.

After each step: two animation frames, then until no request is in flight (at most STEP_WAIT_MS,
capture/page/watcher.py). The
page is measured again before every step, so a page that grows while it is scrolled (a feed that loads
more at its end) is followed until it stops growing or a bound is reached; the reason is recorded. At
the bottom the page gets one more look (frames and quiet) before Vidne says it ended: what a loader
fetched may be put into the page just after its request ended.
"""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING, Any

from capture.page.screenshot import page_size
from capture.page.watcher import STEP_WAIT_MS
from capture.steplog import StepLog, stop_reason

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from capture.page.watcher import PageWatcher

TOP_WAIT_MS = 500        # the longest wait for the network after going back to the top


def scroll_through(page: Page, *, max_steps: int, max_seconds: float, max_height: int, steps: StepLog,
                   watcher: PageWatcher) -> dict[str, Any]:
    viewport = page.viewport_size or {"height": 900}
    step_px = max(int(viewport["height"] * 0.9), 100)
    started = time.monotonic()
    y = 0
    count = 0
    reason = "reached_bottom"
    bounds = partial(stop_reason, view=viewport["height"], started=started, max_steps=max_steps,
                     max_seconds=max_seconds, max_height=max_height)
    while True:
        _, height = page_size(page)
        stop = bounds(y=y, height=height, count=count)
        if stop == "reached_bottom" and count:
            height = watcher.grew_at_bottom(height, lambda: page_size(page)[1])
            stop = bounds(y=y, height=height, count=count)
        if stop:
            reason = stop
            break
        y += step_px
        count += 1
        page.evaluate("y => window.scrollTo(0, y)", y)
        steps.add("scroll", y=y, page_height_px=height)
        watcher.wait_quiet(STEP_WAIT_MS)
    page.evaluate("() => window.scrollTo(0, 0)")
    watcher.wait_quiet(TOP_WAIT_MS)
    steps.add("scroll_to_top", stopped_because=reason, steps=count)
    _, height = page_size(page)
    return {"steps": count, "stopped_because": reason, "reached_bottom": reason == "reached_bottom",
            "page_height_px": height, "seconds": round(time.monotonic() - started, 2)}
