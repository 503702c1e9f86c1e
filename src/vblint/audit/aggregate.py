"""Summing piece results into one set of cells, and naming bad rows from the file's start.

A task numbers rows within its own piece; once every piece is in, the rows of the pieces
before it in the same file give each bad row its number in the file (CSV and Parquet rows
after the header, JSON Lines lines), or the table key for a database.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from vblint.audit.counts import Cell, CellKey, PieceResult, WorkerSample
from vblint.audit.pieces import Piece
from vblint.audit.sources.plan import Problem

MAX_NAMED = 1_000


@dataclass
class Totals:
    """All cells of the run, the problems named and counted, and the ids to export."""

    cells: dict[CellKey, Cell] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_counts: Counter[str] = field(default_factory=Counter)
    ids: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    samples: list[tuple[int, WorkerSample]] = field(default_factory=list)

    @property
    def not_audited(self) -> int:
        """Rows counted as bad input."""
        return sum(self.problem_counts.values())


def combine(
    pieces: list[Piece], results: Iterable[PieceResult], plan_problems: Iterable[Problem]
) -> Totals:
    """Totals of every result, with problems located in their files."""
    by_index = {r.index: r for r in results}
    bases = _row_bases(pieces, by_index)
    totals = Totals()
    for problem in plan_problems:
        totals.problem_counts[problem.reason] += problem.rows
        totals.problems.append(problem)
    for piece in pieces:
        result = by_index.get(piece.index)
        if result is None:
            continue
        for key, cell in result.cells.items():
            totals.cells.setdefault(key, Cell()).add(cell)
        totals.problem_counts.update(result.problem_counts)
        for where, reason in result.problems:
            if len(totals.problems) < MAX_NAMED:
                totals.problems.append(Problem(locate(piece, bases[piece.index], where), reason))
        totals.ids.extend(
            (_id(piece, bases[piece.index], record), rules) for record, rules in result.ids
        )
        if result.sample.worker:
            totals.samples.append((piece.index, result.sample))
    return totals


def _row_bases(pieces: list[Piece], results: dict[int, PieceResult]) -> dict[int, int]:
    """Rows (or lines) before each piece in its file."""
    bases: dict[int, int] = {}
    running: dict[int, int] = defaultdict(int)
    for piece in sorted(pieces, key=lambda p: (p.file, p.seq)):
        bases[piece.index] = piece.row_base if piece.row_base is not None else running[piece.file]
        done = results.get(piece.index)
        running[piece.file] = bases[piece.index] + (done.positions if done else 0)
    return bases


def locate(piece: Piece, base: int, where: str) -> str:
    """``row:N`` within a piece as a file's row or line; ``key:K`` as a table key."""
    kind, _, value = where.partition(":")
    if kind == "key":
        return f"{piece.label} key {value}"
    if kind == "row":
        unit = "line" if piece.kind == "jsonl" else "row"
        return f"{piece.label} {unit} {base + int(value) + 1}"
    return f"{piece.label} piece {piece.seq + 1}"


def _id(piece: Piece, base: int, record: str) -> str:
    kind, _, value = record.partition(":")
    return value if kind == "id" else locate(piece, base, record)
