"""Edits to a file's text and writing them safely: shared by plain-text and Word fixes.

Kept apart from :mod:`vblint.fix` (which decides *which* edits are safe) so that format-specific
writers such as :mod:`vblint.documents.word_fix` can use them without importing the fixer.
"""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


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
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader sees the old file or the new one, never half."""
    mode = path.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".vblint-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
