"""A tall full-page screenshot is also kept in parts that ordinary tools open.

Debian's ImageMagick refuses images taller than 16,000 px ("16KP" in its policy.xml) and Pillow warns
above 89 Mpx; a full-page screenshot may be 150,000 px tall. So every screenshot taller than
PART_HEIGHT_PX is also written as consecutive parts, same width, at most PART_HEIGHT_PX rows each,
that together are exactly the full image: part k holds rows [start, end) of it. The full image stays
the primary artifact; the parts are derived from the same pixels in memory, before it is closed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image

from capture.result import Artifact
from capture.steplog import StepLog

PART_HEIGHT_PX = 16_000
FULL_NAME = "screenshot-full.png"


def part_name(number: int) -> str:
    return f"screenshot-full-part-{number:02d}.png"


def save_parts(image: Image.Image, out_dir: Path, steps: StepLog) -> list[dict[str, Any]]:
    """Write the parts of ``image`` (the full screenshot, already saved as FULL_NAME) beside it when it
    is taller than PART_HEIGHT_PX. Returns [{"path", "rows": [start, end]}] in order; [] when not needed."""
    width, height = image.size
    if height <= PART_HEIGHT_PX:
        return []
    parts = []
    for number, start in enumerate(range(0, height, PART_HEIGHT_PX), start=1):
        end = min(start + PART_HEIGHT_PX, height)
        name = part_name(number)
        with image.crop((0, start, width, end)) as part:
            part.save(out_dir / name, format="PNG", compress_level=3)
        parts.append({"path": f"artifacts/{name}", "rows": [start, end]})
    steps.add("screenshot_parts", parts=len(parts), part_height_px=PART_HEIGHT_PX, image_height_px=height)
    return parts


def split_record(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """The screenshot facts' ``split``: which file holds which rows of the full image."""
    return {"of": f"artifacts/{FULL_NAME}", "max_part_height_px": PART_HEIGHT_PX, "parts": parts}


def part_artifacts(parts: list[dict[str, Any]]) -> list[Artifact]:
    total = len(parts)
    return [Artifact(p["path"].removeprefix("artifacts/"), "image/png",
                     f"Part {n} of {total} of {FULL_NAME}: its rows {p['rows'][0]} to {p['rows'][1] - 1}, "
                     "for programs that cannot open the whole image")
            for n, p in enumerate(parts, start=1)]
