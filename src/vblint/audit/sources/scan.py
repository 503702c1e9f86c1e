"""Finding record boundaries in a file without parsing it, so byte ranges split cleanly.

CSV values may hold line breaks inside quotes, so a line break ends a record only where the
quotes before it are balanced (RFC 4180: a quote inside a value is written twice, which keeps
the balance). The file is memory-mapped and each byte is counted once, at C speed.
"""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from vblint.audit.pieces import Columns, Piece, SourceKind

SAMPLE_BYTES = 1 << 20
MIN_PIECE_BYTES = 4096


class Scanner:
    """Walks forward through a mapped file keeping track of quote balance."""

    def __init__(self, data: mmap.mmap | bytes, quoted: bool = True) -> None:
        self.data = data
        self.quoted = quoted
        self.pos = 0
        self.balanced = True

    def _advance(self, to: int) -> None:
        if self.quoted and to > self.pos and self.data[self.pos : to].count(b'"') % 2:
            self.balanced = not self.balanced
        self.pos = max(self.pos, to)

    def record_end(self, at: int) -> int:
        """The offset just past the first record-ending line break at or after ``at``."""
        self._advance(max(at, self.pos))
        while True:
            newline = self.data.find(b"\n", self.pos)
            if newline < 0:
                self._advance(len(self.data))
                return len(self.data)
            self._advance(newline + 1)
            if self.balanced:
                return newline + 1


@contextmanager
def mapped(path: str) -> Iterator[mmap.mmap | bytes]:
    """The file's bytes, memory-mapped (an empty file cannot be mapped: empty bytes)."""
    with Path(path).open("rb") as handle:
        if Path(path).stat().st_size == 0:
            yield b""
            return
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            yield data


def split(
    data: mmap.mmap | bytes, start: int, piece_notes: int, quoted: bool
) -> list[tuple[int, int]]:
    """Byte ranges from ``start`` to the end, each about ``piece_notes`` records long.

    The record size is estimated from the first megabyte after ``start``.
    """
    size = len(data)
    if start >= size:
        return []
    sample = Scanner(data, quoted)
    sample._advance(start)
    records, end = 0, start
    while end < min(size, start + SAMPLE_BYTES):
        end = sample.record_end(end)
        records += 1
    per_record = max(1, (end - start) // max(records, 1))
    step = max(MIN_PIECE_BYTES, per_record * piece_notes)
    scanner = Scanner(data, quoted)
    ranges: list[tuple[int, int]] = []
    low = start
    while low < size:
        high = scanner.record_end(min(size, low + step) - 1) if low + step < size else size
        ranges.append((low, high))
        low = high
    return ranges


def byte_pieces(
    kind: SourceKind,
    path: str,
    number: int,
    columns: Columns,
    ranges: list[tuple[int, int]],
    header: tuple[str, ...] = (),
) -> list[Piece]:
    """One piece per byte range of a text file (CSV, JSON Lines), in order, weighed by size."""
    return [
        Piece(
            index=0,
            kind=kind,
            location=path,
            file=number,
            seq=seq,
            columns=columns,
            start=low,
            stop=high,
            header=header,
            weight=high - low,
            label=path,
        )
        for seq, (low, high) in enumerate(ranges)
    ]
