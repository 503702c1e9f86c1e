"""Edits to a file's text and their diff: shared by plain-text and Word fixes.

Kept apart from :mod:`vblint.fix` (which decides *which* edits are safe) so that format-specific
writers such as :mod:`vblint.documents.word_fix` can use them without importing the fixer.
Writing a file safely is :mod:`vblint.safe_write` (``atomic_write`` is re-exported here).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from vblint.printable import shown
from vblint.safe_write import atomic_write

__all__ = ["Edit", "FixResult", "apply", "atomic_write", "unified_diff"]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``[start, end)`` of the checked text (``old``) with ``new``."""

    start: int
    end: int
    old: str
    new: str
    rule: str


@dataclass(frozen=True, slots=True)
class FixResult:
    """What fixing one file did: how many edits, the diff, and a note when none could be."""

    applied: int
    diff: str
    note: str | None = None


def apply(text: str, edits: list[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` applied."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        out.append(text[pos : e.start])
        out.append(e.new)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def unified_diff(name: str, old: str, new: str) -> str:
    """A unified diff of two texts, as ``git diff`` would show it."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        new.splitlines(keepends=True),
        fromfile=f"a/{shown(name)}",  # one line each, whatever the file is called
        tofile=f"b/{shown(name)}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
