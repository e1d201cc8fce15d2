"""The full-page screenshot: native where it works, in stitched parts where it does not, and a
recorded cut where the page is taller than the cap. Never a silent cut."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from capture.page.whole.parts import PART_HEIGHT_PX as FILE_PART_PX
from capture.page.whole.parts import save_parts, split_record
from capture.steplog import Deadline, StepLog

if TYPE_CHECKING:
    from playwright.sync_api import Page

log = logging.getLogger(__name__)

# Chromium's own full-page screenshot is reliable up to about its largest texture; above it we
# capture in parts. Parts are small enough to stay well inside that limit.
NATIVE_LIMIT_PX = 16_000
PART_HEIGHT_PX = 8_000
MAX_WIDTH_PX = 5_000

Image.MAX_IMAGE_PIXELS = None  # our own screenshots: their size is bounded by max_height_px

PAGE_SIZE_JS = """() => {
  const d = document.documentElement, b = document.body;
  const h = Math.max(d ? d.scrollHeight : 0, b ? b.scrollHeight : 0, d ? d.clientHeight : 0);
  const w = Math.max(d ? d.scrollWidth : 0, b ? b.scrollWidth : 0, d ? d.clientWidth : 0);
  return {width: Math.ceil(w), height: Math.ceil(h)};
}"""


def page_size(page: Page) -> tuple[int, int]:
    size: dict[str, int] = page.evaluate(PAGE_SIZE_JS)
    return int(size["width"]), int(size["height"])


def full_page_screenshot(page: Page, out: Path, *, viewport_width: int, max_height: int,
                         deadline: Deadline, steps: StepLog) -> dict[str, Any]:
    """Write the whole page as one PNG to ``out`` and return the facts for the manifest."""
    width, height = page_size(page)
    width = max(1, min(max(width, viewport_width), MAX_WIDTH_PX))
    target = min(height, max_height)
    truncated = height > max_height
    facts: dict[str, Any] = {"page_height_px": height, "page_width_px": width, "truncated": truncated,
                             "cut_at_px": target if truncated else None, "max_height_px": max_height}
    if not truncated and height <= NATIVE_LIMIT_PX:
        steps.add("screenshot_full", method="native", page_height_px=height)
        png = page.screenshot(full_page=True, timeout=deadline.ms(reserve=2), animations="disabled")
        with Image.open(io.BytesIO(png)) as img:
            got_w, got_h = img.size
        if abs(got_h - height) <= 2:
            out.write_bytes(png)
            facts.update(method="native", parts=1, image_height_px=got_h, image_width_px=got_w)
            if got_h > FILE_PART_PX:      # a few rows over what ImageMagick opens: parts too
                with Image.open(io.BytesIO(png)) as img:
                    facts["split"] = split_record(save_parts(img, out.parent, steps))
            return facts
        steps.add("screenshot_full_mismatch", image_height_px=got_h, page_height_px=height,
                  then="capturing in parts")
        log.info("native screenshot is %d px for a %d px page; capturing in parts", got_h, height)
    return _stitched(page, out, width=width, target=target, facts=facts, deadline=deadline, steps=steps)


def _stitched(page: Page, out: Path, *, width: int, target: int, facts: dict[str, Any],
              deadline: Deadline, steps: StepLog) -> dict[str, Any]:
    canvas = Image.new("RGB", (width, target), "white")
    y = 0
    parts = 0
    try:
        while y < target:
            deadline.check("taking the full-page screenshot")
            h = min(PART_HEIGHT_PX, target - y)
            steps.add("screenshot_part", y=y, height=h)
            png = page.screenshot(clip={"x": 0, "y": y, "width": width, "height": h}, full_page=True,
                                  timeout=deadline.ms(reserve=2), animations="disabled")
            with Image.open(io.BytesIO(png)) as part:
                canvas.paste(part.convert("RGB"), (0, y))
                got = part.size[1]
            parts += 1
            if got < h:  # the page shrank while we captured it: keep what is real, say so
                steps.add("screenshot_part_short", y=y, expected=h, got=got)
                target = y + got
                canvas = canvas.crop((0, 0, width, target))
                facts["warnings"] = [f"The page became shorter while it was captured; the image ends at "
                                     f"{target} px."]
                break
            y += h
        canvas.save(out, format="PNG", compress_level=3)
        split = save_parts(canvas, out.parent, steps)    # taller than ImageMagick opens: also in parts
    finally:
        canvas.close()
    facts.update(method="stitched", parts=parts, image_height_px=target, image_width_px=width)
    if split:
        facts["split"] = split_record(split)
    return facts
