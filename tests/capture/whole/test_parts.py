"""A 60,000 px screenshot is also kept in parts of at most 16,000 px that ImageMagick opens with its
default limits, and that together are exactly the full image."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from capture.page.whole.parts import PART_HEIGHT_PX
from tests.capture.whole import site
from tests.capture.whole.conftest import capture

Image.MAX_IMAGE_PIXELS = None


@pytest.mark.long
def test_a_60000_px_page_has_parts_identify_opens_that_make_up_the_image(whole_site: site.Site,
                                                                        tmp_path: Path) -> None:
    identify = shutil.which("identify")
    assert identify, "ImageMagick's identify is missing: run scripts/system-deps.sh"
    out = tmp_path / "artifacts"
    result = capture(whole_site.url("/tall-60000"), out, run_behaviors=False)
    shot = result.facts["screenshot"]
    assert shot["image_height_px"] == 60_000 and not shot["truncated"]
    split = shot["split"]
    assert split["of"] == "artifacts/screenshot-full.png" and split["max_part_height_px"] == PART_HEIGHT_PX == 16_000
    assert [p["rows"] for p in split["parts"]] == [[0, 16_000], [16_000, 32_000], [32_000, 48_000], [48_000, 60_000]]
    names = [p["path"].removeprefix("artifacts/") for p in split["parts"]]
    assert names == [a.name for a in result.artifacts if a.name.startswith("screenshot-full-part-")]

    with Image.open(out / "screenshot-full.png") as full:
        stacked = Image.new(full.mode, full.size)
        for name, part in zip(names, split["parts"], strict=True):
            with Image.open(out / name) as img:
                assert img.size == (full.size[0], part["rows"][1] - part["rows"][0]) and img.mode == full.mode
                stacked.paste(img, (0, part["rows"][0]))
        assert ImageChops.difference(stacked, full).getbbox() is None      # exactly the full image
        assert full.convert("RGB").getpixel((640, 59_990)) == site.GREEN

    for name in names:      # %k counts the colours: ImageMagick reads every pixel, with its default limits
        opened = subprocess.run([identify, "-format", "%w %h %k", str(out / name)], capture_output=True, text=True,
                                check=False, env={"PATH": "/usr/bin:/bin"})
        assert opened.returncode == 0 and opened.stderr == "", (name, opened.stderr)
        width, height, _colours = opened.stdout.split()
        assert int(width) == 1280 and int(height) <= 16_000
