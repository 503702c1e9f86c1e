"""Finding quotation-mark regions in text, telling quotation marks from apostrophes.

A region is the text between a pair of quotation marks: straight or curly, double or single.
A single straight quote only opens after a space or bracket and only closes before a space or
punctuation, so "Maya's" and "don't" are never read as quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIRS = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", "\u201e": "\u201c"}
_OPEN_CONTEXT = set(" \t\n\r([{\u2014\u2013-/:;") | {""}
_CLOSE_CONTEXT = set(" \t\n\r)]}.,;:!?\u2014\u2013-/") | {""}
_OPENERS = re.compile("[" + re.escape("".join(_PAIRS) + "\"'") + "]")


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """Quoted text: ``start``/``end`` bound the content, ``open_at`` is the opening mark."""

    open_at: int
    start: int
    end: int

    def contains(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside the quotation marks."""
        return self.start <= start and end <= self.end


def find_quotes(text: str, max_length: int = 2000) -> list[QuoteRegion]:
    """All quoted regions, outermost first; an unclosed mark quotes nothing.

    ``max_length`` stops a stray mark from turning the rest of a long document into a quote.
    """
    regions: list[QuoteRegion] = []
    i, n = 0, len(text)
    while i < n:
        # Only these characters can open a quotation: jump to the next, not through every one.
        found = _OPENERS.search(text, i)
        if found is None:
            break
        i = found.start()
        close = _closing_mark(text, i)
        if close is None:
            i += 1
            continue
        end = _find_close(text, i + 1, close, min(n, i + 1 + max_length))
        if end is None:
            i += 1
            continue
        regions.append(QuoteRegion(open_at=i, start=i + 1, end=end))
        i = end + 1
    return regions


def _closing_mark(text: str, i: int) -> str | None:
    char = text[i]
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if char in _PAIRS:
        if char == "\u2018" and before.isalnum():
            return None
        return _PAIRS[char]
    if char == '"':
        return '"'
    if char == "'" and before in _OPEN_CONTEXT and after not in _CLOSE_CONTEXT:
        return "'"
    return None


def _find_close(text: str, start: int, close: str, limit: int) -> int | None:
    j = start
    while j < limit:
        char = text[j]
        if char == close:
            after = text[j + 1] if j + 1 < len(text) else ""
            if close in "'\u2019" and after.isalnum():
                j += 1
                continue
            if close == "'" and j > start and text[j - 1] == " ":
                return None
            return j if j > start else None
        if char == "\n" and j + 1 < len(text) and text[j + 1] in "\n\r":
            return None
        j += 1
    return None
