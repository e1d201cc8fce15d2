"""Test pictures that compress like screenshots do not: random rectangles, the same for a seed."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw


def noisy(size: tuple[int, int], *, rectangles: int = 300, seed: int = 1) -> Image.Image:
    rng = random.Random(seed)
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for _ in range(rectangles):
        x0, x1 = sorted(rng.randrange(size[0]) for _ in range(2))
        y0, y1 = sorted(rng.randrange(size[1]) for _ in range(2))
        draw.rectangle((x0, y0, x1, y1), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    return image
