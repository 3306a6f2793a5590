"""The demo's case-study photos, drawn when the demo is seeded rather than shipped as
image files: a small landscape with a group of people in front of it, its colours and
shapes drawn from the caption, so that seeding again draws the same picture."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

PHOTO_SIZE = (480, 320)
_SKIES = ((164, 200, 236), (250, 214, 165), (200, 220, 240), (236, 190, 170))
_LANDS = ((96, 148, 84), (176, 150, 96), (120, 160, 120), (150, 120, 90))
_CLOTHES = (
    (196, 64, 64),
    (64, 96, 176),
    (232, 180, 48),
    (120, 64, 150),
    (40, 140, 130),
    (220, 110, 40),
)


def photo_png(caption: str) -> bytes:
    """A PNG picture for the photo with this caption (the same caption, the same
    bytes)."""
    rng = random.Random(f"sse-demo-photo-{caption}")
    width, height = PHOTO_SIZE
    image = Image.new("RGB", PHOTO_SIZE, rng.choice(_SKIES))
    draw = ImageDraw.Draw(image)
    sun = rng.randrange(40, width - 40)
    draw.ellipse((sun - 22, 28, sun + 22, 72), fill=(252, 236, 160))
    land = rng.choice(_LANDS)
    horizon = height * 3 // 5
    for hill in range(3):
        middle = rng.randrange(width)
        rise = rng.randrange(30, 80)
        shade = tuple(max(0, channel - 18 * hill) for channel in land)
        draw.polygon(
            [
                (middle - 220, horizon),
                (middle, horizon - rise),
                (middle + 220, horizon),
            ],
            fill=shade,
        )
    draw.rectangle((0, horizon, width, height), fill=land)
    for row in range(horizon + 12, height, 18):
        darker = tuple(max(0, channel - 24) for channel in land)
        draw.line((0, row, width, row + rng.randrange(-6, 7)), fill=darker, width=3)
    people = rng.randrange(4, 8)
    step = width // (people + 1)
    for person in range(people):
        x = step * (person + 1) + rng.randrange(-10, 11)
        tall = rng.randrange(70, 100)
        feet = height - 24 - rng.randrange(0, 16)
        body = rng.choice(_CLOTHES)
        draw.rounded_rectangle(
            (x - 14, feet - tall + 26, x + 14, feet), radius=8, fill=body
        )
        draw.ellipse(
            (x - 11, feet - tall, x + 11, feet - tall + 22), fill=(150, 105, 75)
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
