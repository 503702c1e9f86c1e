"""Blanking regions of a text with spaces of equal length, keeping line breaks."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NOT_BREAK = re.compile(r"[^\r\n]")


def blank(text: str, regions: Iterable[tuple[int, int]]) -> str:
    """``text`` with every ``[start, end)`` region turned into spaces (line breaks kept)."""
    merged = sorted((max(0, s), min(len(text), e)) for s, e in regions if e > s)
    out: list[str] = []
    pos = 0
    for start, end in merged:
        start = max(start, pos)
        if end <= start:
            continue
        out.append(text[pos:start])
        out.append(_NOT_BREAK.sub(" ", text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)
