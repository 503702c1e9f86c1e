r"""Text made safe to check, once, at the edge where it enters vblint.

JSON (``"\ud800"``), the language server protocol and some PDF extractors can hand over a
string holding a lone surrogate: a code point that is half of a UTF-16 pair and is no
character at all. spaCy's tokenizer raises ``UnicodeEncodeError`` on one, and so does any
UTF-8 output of a finding's text. Each is replaced by U+FFFD, one code point for one, so every
offset into the text as sent stays exact; the count says how many were replaced.
"""

from __future__ import annotations

import re
from typing import NamedTuple

REPLACEMENT = "\ufffd"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Cleaned(NamedTuple):
    """The text to check and how many code points in it were replaced."""

    text: str
    replaced: int


def clean(text: str) -> Cleaned:
    """``text`` with every lone surrogate replaced by U+FFFD (same length, same offsets).

    The common case, text with none, is one scan and returns the very same string.
    """
    if _LONE_SURROGATE.search(text) is None:
        return Cleaned(text, 0)
    cleaned, count = _LONE_SURROGATE.subn(REPLACEMENT, text)
    return Cleaned(cleaned, count)


def cleaned(text: str) -> str:
    """Just the text of :func:`clean`, for edges that need no count."""
    return clean(text).text
