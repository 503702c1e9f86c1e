"""Planning: the pieces of a source, and the problems found before any note is read."""

from __future__ import annotations

import dataclasses
import glob
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from vblint.audit.pieces import Columns, Piece, SourceKind
from vblint.audit.sources.problems import FileError, missing

__all__ = ["FileError", "Plan", "PlanError", "Problem", "expand", "missing", "plan_files"]

SUFFIXES: dict[str, SourceKind] = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
DEFAULT_PIECE_NOTES = 1_000


class PlanError(Exception):
    """A source that cannot be audited at all (nothing to read); one line."""


@dataclass(frozen=True)
class Problem:
    """Input that was not audited: where (file and row, or key) and a fixed reason."""

    where: str
    reason: str
    rows: int = 1


@dataclass
class Plan:
    """The pieces to run and what was already found wrong."""

    pieces: list[Piece] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def expand(sources: Iterable[str], input_format: SourceKind | None) -> list[tuple[str, SourceKind]]:
    """Files named, found in directories, or matched by globs, each with its format.

    A path that matches nothing is a :class:`PlanError`: a typo should not audit nothing.
    """
    found: list[tuple[str, SourceKind]] = []
    for raw in sources:
        if any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            paths = [Path(m) for m in matches if Path(m).is_file()]
            if not paths:
                raise PlanError(f"{raw}: no files match")
        elif Path(raw).is_dir():
            paths = sorted(
                p
                for p in Path(raw).rglob("*")
                if p.is_file() and (input_format or p.suffix.lower() in SUFFIXES)
            )
            if not paths:
                raise PlanError(f"{raw}: no CSV, JSON Lines or Parquet files in it")
        elif Path(raw).exists():
            paths = [Path(raw)]
        else:
            raise PlanError(f"{raw}: no such file or directory")
        for path in paths:
            kind = input_format or SUFFIXES.get(path.suffix.lower())
            if kind is None:
                raise PlanError(f"{path}: unknown format (use --input-format csv|jsonl|parquet)")
            found.append((str(path), kind))
    return list(dict.fromkeys(found))


def plan_files(
    sources: Iterable[str],
    columns: Columns,
    input_format: SourceKind | None = None,
    piece_notes: int = DEFAULT_PIECE_NOTES,
) -> Plan:
    """Pieces for every file; a file that cannot be used is a problem, not the end of the run."""
    plan = Plan()
    for number, (path, kind) in enumerate(expand(sources, input_format)):
        plan.files.append(path)
        try:
            pieces = _plan_one(path, kind, number, columns, piece_notes)
        except FileError as exc:
            plan.problems.append(Problem(path, str(exc), rows=0))
            continue
        except OSError as exc:
            reason = f"cannot be read ({exc.strerror or exc.__class__.__name__})"
            plan.problems.append(Problem(path, reason, rows=0))
            continue
        start = len(plan.pieces)
        plan.pieces.extend(dataclasses.replace(p, index=start + i) for i, p in enumerate(pieces))
    return plan


def _plan_one(
    path: str, kind: SourceKind, number: int, columns: Columns, piece_notes: int
) -> list[Piece]:
    if not os.access(path, os.R_OK):
        raise FileError("cannot be read (permission denied)")
    from vblint.audit.sources import csv_source, jsonl_source, parquet_source

    if kind == "csv":
        return csv_source.plan(path, number, columns, piece_notes)
    if kind == "jsonl":
        return jsonl_source.plan(path, number, columns, piece_notes)
    return parquet_source.plan(path, number, columns)
