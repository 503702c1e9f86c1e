"""What a task is given and what it reads: a :class:`Piece` of the archive and its records.

A piece names where to read (a file's byte range or row group, a table's key range) and
never carries note text, so it is safe as a Dask task argument and in a checkpoint.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

SourceKind = Literal["csv", "jsonl", "parquet", "sql"]


@dataclass(frozen=True)
class Columns:
    """The columns an audit reads; only ``text`` is required."""

    text: str
    group_by: tuple[str, ...] = ()
    date: str | None = None
    id: str | None = None

    @property
    def needed(self) -> tuple[str, ...]:
        """Every column read, each once, text first."""
        names = [self.text, *self.group_by, *(c for c in (self.date, self.id) if c)]
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class Piece:
    """One task's share of the archive.

    ``start``/``stop`` are byte offsets (CSV, JSON Lines), a row group (Parquet: ``start``),
    or key bounds (SQL: ``low`` inclusive, ``high`` exclusive, None for open). ``file`` and
    ``seq`` order the pieces of one file so bad rows can be numbered from the file's start;
    ``row_base`` is the rows before this piece when known at planning (Parquet).
    """

    index: int
    kind: SourceKind
    location: str
    file: int
    seq: int
    columns: Columns
    start: int = 0
    stop: int = 0
    header: tuple[str, ...] = ()
    low: Any = None
    high: Any = None
    key: str | None = None
    table: str | None = None
    query: str | None = None
    row_base: int | None = None
    weight: int = 1
    label: str = ""

    def describe(self) -> str:
        """The piece as a fingerprint line: where it reads, never what."""
        return "|".join(
            str(v)
            for v in (
                self.kind,
                self.label,
                self.start,
                self.stop,
                self.low,
                self.high,
                self.header,
                self.columns,
            )
        )


@dataclass(frozen=True, slots=True)
class Record:
    """One row as read: its text, or a problem that kept it from being checked.

    ``row`` counts from 0 within the piece; ``key`` is the table key for SQL sources.
    ``problem`` is a fixed phrase of ours, never a value from the row.
    """

    row: int
    text: str | None
    group: tuple[str, ...] = ()
    date: Any = None
    record_id: str | None = None
    key: Any = None
    problem: str | None = None


RecordStream = Iterator[Record]
BLANK = "(blank)"


def value_text(value: Any) -> str:
    """A group or id value as a label: text as it is, bytes decoded, None as ``(blank)``."""
    if value is None:
        return BLANK
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    text = str(value).strip()
    return text or BLANK


def note_text(value: Any, limit: int) -> tuple[str | None, str | None]:
    """(text, None) for a note that can be checked, or (None, the problem) for one that cannot."""
    if value is None:
        return None, "no text"
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            return None, "not UTF-8 text"
    if not isinstance(value, str):
        return None, "text is not a string"
    if not value.strip():
        return None, "empty note"
    if len(value) > limit:
        return None, f"note over {limit:,} characters"
    return value, None
