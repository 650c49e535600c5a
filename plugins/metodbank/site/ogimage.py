"""The picture that a shared link shows (Open Graph and Twitter cards): one PNG per kind of
entry, 1200 × 630 pixels, drawn offline at build time with Pillow (no network, no stored
binary). The title and summary of the entry travel in the page's metadata beside it."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1200, 630)
BACKGROUND = "#00594f"
FOREGROUND = "#ffffff"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
TAGLINE = "Fall och metoder mot segregation för bostadsaktörer: att söka, jämföra och kopiera."


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu (installed for the method cards) or Pillow's own scalable font."""
    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def _wrapped(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return lines + ([line] if line else [])


@lru_cache(maxsize=16)
def share_image(kind_label: str) -> bytes:
    """A PNG: the site's name, the kind of entry and a one-line description (drawn once per
    process, so rebuilds under `invoke serve` do not draw it again)."""
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, SIZE[1] - 24, SIZE[0], SIZE[1]), fill="#003d36")
    draw.text((80, 90), kind_label.upper(), font=_font(40, bold=True), fill=FOREGROUND)
    draw.text((80, 160), "Metodbanken", font=_font(110, bold=True), fill=FOREGROUND)
    y = 330
    for line in _wrapped(draw, TAGLINE, _font(44), SIZE[0] - 160):
        draw.text((80, y), line, font=_font(44), fill=FOREGROUND)
        y += 60
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def image_path(section: str) -> str:
    """Where the picture of one kind (by its site section) lives on the site."""
    return f"assets/dela/{section}.png"
