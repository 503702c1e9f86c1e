"""Code points <-> UTF-16 / UTF-8 offsets, and line/column positions.

Findings carry code-point offsets (what Python strings index by). Browsers and LSP clients
count UTF-16 code units, byte-oriented tools count UTF-8 bytes. Every edge converts through
this one module so an emoji before a finding never shifts it.
"""

from __future__ import annotations

import bisect
import re
from array import array
from itertools import accumulate
from typing import Literal

Encoding = Literal["codepoint", "utf-16", "utf-8"]
ENCODINGS: tuple[Encoding, ...] = ("codepoint", "utf-16", "utf-8")


def _unit_width(char: str, encoding: Encoding) -> int:
    code = ord(char)
    if encoding == "utf-16":
        return 2 if code > 0xFFFF else 1
    if encoding == "utf-8":
        if code < 0x80:
            return 1
        if code < 0x800:
            return 2
        return 3 if code <= 0xFFFF else 4
    return 1


class OffsetMap:
    """Converts offsets in one text between encodings.

    Built once per text; ASCII-only texts (the common case) convert with no tables at all.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._ascii = text.isascii()
        self._tables: dict[Encoding, array[int]] = {}

    def _table(self, encoding: Encoding) -> array[int]:
        """Cumulative unit counts: ``table[i]`` is the unit offset of code point ``i``.

        A machine-integer array (8 bytes a character), not a list of int objects (about 36),
        so a long document open in an editor does not cost several times its size here.
        """
        table = self._tables.get(encoding)
        if table is None:
            widths = (_unit_width(char, encoding) for char in self._text)
            table = array("q", accumulate(widths, initial=0))
            self._tables[encoding] = table
        return table

    def to_units(self, offset: int, encoding: Encoding) -> int:
        """Code-point offset -> offset in ``encoding`` units."""
        if not 0 <= offset <= len(self._text):
            raise ValueError(f"offset {offset} is outside the text (0..{len(self._text)})")
        if encoding == "codepoint" or self._ascii:
            return offset
        return self._table(encoding)[offset]

    def from_units(self, units: int, encoding: Encoding) -> int:
        """Offset in ``encoding`` units -> code-point offset.

        An offset that falls inside a character (half a surrogate pair, part of a UTF-8
        sequence) is an error rather than a silent rounding.
        """
        if encoding == "codepoint" or self._ascii:
            if not 0 <= units <= len(self._text):
                raise ValueError(f"offset {units} is outside the text")
            return units
        table = self._table(encoding)
        index = bisect.bisect_left(table, units)
        if index > len(self._text) or table[index] != units:
            raise ValueError(f"{encoding} offset {units} does not fall on a character boundary")
        return index


def to_units(text: str, offset: int, encoding: Encoding) -> int:
    """One-off conversion of a code-point offset; use :class:`OffsetMap` for many."""
    return OffsetMap(text).to_units(offset, encoding)


def from_units(text: str, units: int, encoding: Encoding) -> int:
    """One-off conversion to a code-point offset; use :class:`OffsetMap` for many."""
    return OffsetMap(text).from_units(units, encoding)


_LINE_END = re.compile(r"\r\n?|\n")


class LineIndex:
    r"""1-based line and column (in code points) for offsets into one text.

    ``\\n``, ``\\r\\n`` and a lone ``\\r`` each end a line, as in editors.
    """

    def __init__(self, text: str) -> None:
        # One regular-expression scan, not a Python loop over every character: the language
        # server builds this for the whole document after every edit.
        self._starts = [0, *(m.end() for m in _LINE_END.finditer(text))]

    @property
    def line_starts(self) -> list[int]:
        """Offsets at which each line starts."""
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        """Code-point offset -> (line, column), both 1-based."""
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        """(line, column), both 1-based -> code-point offset."""
        return self._starts[line - 1] + column - 1
