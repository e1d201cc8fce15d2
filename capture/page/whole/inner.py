"""A page that scrolls inside an element or a full-size frame: scrolled through so lazy content loads,
then captured by scrolling it in steps of its own height and stitching what the screen showed.

The stitched image is what a person scrolling that element would see, one screen at a time: the
window as it opened down to the bottom of the scroller's box (headers, side bars: once, as on screen),
then the scroller's content below, one box-height at a time in the box's own columns, then whatever
lay below the box on screen. Same bounds and cap as the document: a cut is recorded, never silent.
"""

from __future__ import annotations

import io
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from capture.page.watcher import STEP_WAIT_MS
from capture.page.whole.parts import save_parts, split_record
from capture.steplog import Deadline, StepLog, stop_reason

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from capture.page.watcher import PageWatcher
    from capture.page.whole.scroller import Scroller

Image.MAX_IMAGE_PIXELS = None  # our own screenshots: their size is bounded by max_height_px

ELEMENT_JS = """el => { const r = el.getBoundingClientRect();
  return {top: el.scrollTop, scroll_height: el.scrollHeight, x: r.left + el.clientLeft, y: r.top + el.clientTop,
          width: el.clientWidth, height: el.clientHeight}; }"""
ELEMENT_SCROLL_JS = """(el, y) => { el.scrollTo({top: y, left: el.scrollLeft, behavior: 'instant'});
  return el.scrollTop; }"""
IFRAME_BOX_JS = """el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
  return {x: r.left + el.clientLeft + parseFloat(s.paddingLeft || '0'),
          y: r.top + el.clientTop + parseFloat(s.paddingTop || '0')}; }"""
FRAME_JS = """() => { const r = document.scrollingElement || document.documentElement;
  return {top: r.scrollTop, scroll_height: r.scrollHeight, width: document.documentElement.clientWidth,
          height: document.documentElement.clientHeight}; }"""
FRAME_SCROLL_JS = """y => { const r = document.scrollingElement || document.documentElement;
  r.scrollTo({top: y, left: r.scrollLeft, behavior: 'instant'}); return r.scrollTop; }"""


def metrics(scroller: Scroller) -> dict[str, Any]:
    """The scroller's position, content height and its box on screen (CSS px)."""
    if scroller.kind == "element" and scroller.handle is not None:
        return dict(scroller.handle.evaluate(ELEMENT_JS))
    if scroller.kind == "frame" and scroller.handle is not None and scroller.frame is not None:
        inner = dict(scroller.frame.evaluate(FRAME_JS))
        inner.update(scroller.handle.evaluate(IFRAME_BOX_JS))
        return inner
    raise ValueError("the document is captured by capture.page.screenshot")


def scroll_to(scroller: Scroller, y: int) -> int:
    if scroller.kind == "element" and scroller.handle is not None:
        return round(scroller.handle.evaluate(ELEMENT_SCROLL_JS, y))
    if scroller.frame is not None:
        return round(scroller.frame.evaluate(FRAME_SCROLL_JS, y))
    raise ValueError("the document is captured by capture.page.screenshot")


def scroll_inner_through(scroller: Scroller, *, max_steps: int, max_seconds: float, max_height: int,
                         steps: StepLog, watcher: PageWatcher) -> dict[str, Any]:
    """As capture.page.scrolling.scroll_through (the same waits and the same look at the bottom), on the
    page's own scroller: steps of 90% of its box."""
    started = time.monotonic()
    box = metrics(scroller)
    step_px = max(int(box["height"] * 0.9), 100)
    y = count = 0
    bounds = partial(stop_reason, view=int(box["height"]), started=started, max_steps=max_steps,
                     max_seconds=max_seconds, max_height=max_height)
    while True:
        height = int(metrics(scroller)["scroll_height"])
        stop = bounds(y=y, height=height, count=count)
        if stop == "reached_bottom" and count:
            height = watcher.grew_at_bottom(height, lambda: int(metrics(scroller)["scroll_height"]))
            stop = bounds(y=y, height=height, count=count)
        if stop:
            reason = stop
            break
        got = scroll_to(scroller, y + step_px)
        count += 1
        steps.add("scroll", scroller=scroller.kind, y=got, page_height_px=height)
        watcher.wait_quiet(STEP_WAIT_MS)
        if got <= y:             # it would not scroll further although it says it is taller
            reason = "reached_bottom"
            break
        y = got
    scroll_to(scroller, 0)
    watcher.wait_quiet(500)
    steps.add("scroll_to_top", scroller=scroller.kind, stopped_because=reason, steps=count)
    height = int(metrics(scroller)["scroll_height"])
    return {"steps": count, "stopped_because": reason, "reached_bottom": reason == "reached_bottom",
            "page_height_px": height, "seconds": round(time.monotonic() - started, 2), "scroller": scroller.kind}


def _clip(box: dict[str, Any], view_w: int, view_h: int) -> tuple[int, int, int, int]:
    """The scroller's box on screen in whole pixels, inside the window: (x, y, width, height)."""
    x0, y0 = max(0, round(box["x"])), max(0, round(box["y"]))
    x1 = min(view_w, round(box["x"] + box["width"]))
    y1 = min(view_h, round(box["y"] + box["height"]))
    return x0, y0, max(1, x1 - x0), max(1, y1 - y0)


def _shot(page: Page, x: int, y: int, w: int, h: int, deadline: Deadline) -> Image.Image:
    png = page.screenshot(clip={"x": x, "y": y, "width": w, "height": h}, timeout=deadline.ms(reserve=2),
                          animations="disabled", scale="css")
    with Image.open(io.BytesIO(png)) as img:
        return img.convert("RGB")


def stitched_scroller(page: Page, scroller: Scroller, out: Path, *, max_height: int, deadline: Deadline,
                      steps: StepLog, watcher: PageWatcher) -> dict[str, Any]:
    """Write the scroller's whole content, stitched screen by screen, to ``out``; return the facts."""
    view = page.viewport_size or {"width": 1280, "height": 900}
    view_w, view_h = int(view["width"]), int(view["height"])
    scroll_to(scroller, 0)
    watcher.wait_quiet(500)
    box = metrics(scroller)
    x, y, w, h = _clip(box, view_w, view_h)
    below = max(0, view_h - (y + h))
    content = max(int(box["scroll_height"]), h)
    truncated = y + content + below > max_height
    target = max(h, max_height - y - below) if truncated else content
    facts: dict[str, Any] = {"page_height_px": y + content + below, "page_width_px": view_w, "truncated": truncated,
                             "cut_at_px": y + target + below if truncated else None, "max_height_px": max_height,
                             "scroller_box": {"x": x, "y": y, "width": w, "height": h},
                             "scroller_content_height_px": content}
    steps.add("screenshot_full", method="scrolled", scroller=scroller.kind, content_height_px=content, box_height_px=h)
    canvas = Image.new("RGB", (view_w, y + target + below), "white")
    try:
        with _shot(page, 0, 0, view_w, y + h, deadline) as first:
            canvas.paste(first, (0, 0))
        pos, shots = 0, 1
        while pos + h < target:
            deadline.check("taking the full-page screenshot")
            got = scroll_to(scroller, min(pos + h, target - h))
            watcher.wait_quiet(300)
            if got <= pos:       # it would not scroll further: the content ended sooner than it said
                break
            if got > pos + h:    # it jumped further than asked (scroll snapping): say which rows are blank
                steps.add("screenshot_scroller_gap", rows_from=y + pos + h, rows_to=y + got)
                facts.setdefault("warnings", []).append(
                    f"The scrolling part of the page jumped while it was captured; rows {y + pos + h} to "
                    f"{y + got - 1} of the full-page screenshot are blank.")
            with _shot(page, x, y, w, h, deadline) as part:
                canvas.paste(part, (x, y + got))
            steps.add("screenshot_scroller_part", scroll_top=got, height=h)
            pos, shots = got, shots + 1
        ended = pos + h
        if ended < target:
            steps.add("screenshot_part_short", expected=target, got=ended)
            facts.setdefault("warnings", []).append(
                f"The scrolling part of the page became shorter while it was captured; the image ends at "
                f"{y + ended + below} px.")
            target = ended
            cropped = canvas.crop((0, 0, view_w, y + target + below))
            canvas.close()
            canvas = cropped
        if below:
            with _shot(page, 0, y + h, view_w, below, deadline) as bottom:
                canvas.paste(bottom, (0, y + target))
        canvas.save(out, format="PNG", compress_level=3)
        parts = save_parts(canvas, out.parent, steps)
        height = canvas.size[1]
    finally:
        canvas.close()
    scroll_to(scroller, 0)
    facts.update(method="scrolled", parts=shots, image_height_px=height, image_width_px=view_w)
    if parts:
        facts["split"] = split_record(parts)
    return facts
