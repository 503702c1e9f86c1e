#!/usr/bin/env python3
"""Draw the extensions' icons: a page of writing with one phrase underlined, as vblint marks it.

Drawn at 512 pixels and scaled down, so every size is the same picture:

    .venv/bin/python scripts/draw_icons.py
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
SIZE = 512
INDIGO = (63, 81, 181, 255)
PAPER = (255, 255, 255, 255)
INK = (96, 105, 130, 255)
MARK = (198, 40, 40, 255)
TARGETS = {
    ROOT / "extensions" / "vscode" / "images" / "icon.png": 128,
    **{ROOT / "extensions" / "browser" / "icons" / f"icon-{n}.png": n for n in (16, 32, 48, 128)},
}


def draw() -> Image.Image:
    """The icon at full size."""
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((16, 16, SIZE - 16, SIZE - 16), radius=96, fill=INDIGO)
    pen.rounded_rectangle((112, 80, SIZE - 112, SIZE - 80), radius=28, fill=PAPER)
    for top, right in ((140, 360), (300, 330), (370, 300)):
        pen.rounded_rectangle((152, top, right, top + 30), radius=15, fill=INK)
    # The flagged phrase: a darker line with the wavy underline of an error.
    pen.rounded_rectangle((152, 200, 360, 234), radius=17, fill=(40, 44, 60, 255))
    wave = [(x, 262 + 12 * math.sin((x - 152) / 13)) for x in range(152, 362, 2)]
    pen.line(wave, fill=MARK, width=14, joint="curve")
    return image


def main() -> int:
    """Write every size."""
    picture = draw()
    for path, size in TARGETS.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        picture.resize((size, size), Image.Resampling.LANCZOS).save(path, optimize=True)
        print(f"wrote {path.relative_to(ROOT)} ({size}x{size})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
