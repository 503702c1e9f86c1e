"""The audit's one Dask task: read a piece **and** check it, returning counts only.

Reading inside the task means note text exists only in the worker's own memory, for the
length of one task: it is never a task argument, a task result or a stored key, so it can
never be spilled, logged by Dask or sent to the scheduler. The pipeline loads once per worker
process (the worker plugin loads it at start-up) and each task runs in one ``memory_zone``.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from vblint.audit.checking import findings_for_notes
from vblint.audit.counts import Cell, PieceResult, WorkerSample, count_words
from vblint.audit.periods import DateError, Period, period_of, to_date
from vblint.audit.pieces import Piece, Record
from vblint.audit.settings import CheckSettings
from vblint.audit.sources import read_piece
from vblint.linter import Linter

CHECK_BATCH = 256
_LINTERS: dict[tuple[str | None, tuple[str, ...]], Linter] = {}
_LOADS = [0]


@dataclass(frozen=True)
class TaskOptions:
    """What every task needs besides its piece: small, sent once with each task."""

    settings: CheckSettings
    period: Period | None = None
    date_format: str | None = None
    export_ids: bool = False


def linter_for(settings: CheckSettings) -> Linter:
    """The Linter for the model and rule packs, loaded on first use only."""
    key = (settings.model, settings.packs)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(model=settings.model, extra_packs=settings.packs)
        _LOADS[0] += 1
    return _LINTERS[key]


def audit_piece(piece: Piece, options: TaskOptions) -> PieceResult:
    """Counts for one piece. Never raises: a piece that fails is one named problem.

    Only the exception's class is kept: readers and drivers put row contents in messages.
    """
    started, cpu = time.perf_counter(), time.process_time()
    result = PieceResult(piece.index)
    try:
        linter = linter_for(options.settings)
        with _zone(linter):
            _check(read_piece(piece, options.settings.max_note_chars), linter, options, result)
    except Exception as exc:
        result.problem("piece", f"could not be read past here ({exc.__class__.__name__})")
    result.sample = WorkerSample(
        _worker_name(),
        _rss(),
        _LOADS[0],
        time.perf_counter() - started,
        time.process_time() - cpu,
    )
    return result


def _zone(linter: Linter) -> AbstractContextManager[object]:
    """One spaCy memory zone for the whole task (the Linter opens none inside it)."""
    zone = getattr(linter.nlp, "memory_zone", None)
    return zone() if zone is not None else nullcontext()


def _check(
    records: Iterator[Record], linter: Linter, options: TaskOptions, out: PieceResult
) -> None:
    batch: list[tuple[Record, str]] = []
    for record in records:
        out.positions = record.row + 1
        if record.text is None:
            if record.problem is not None:
                out.problem(_where(record), record.problem)
            continue
        try:
            period = (
                period_of(to_date(record.date, options.date_format), options.period)
                if options.period
                else ""
            )
        except DateError as exc:
            out.problem(_where(record), str(exc))
            continue
        batch.append((record, period))
        if len(batch) >= CHECK_BATCH:
            _tally(batch, linter, options, out)
            batch = []
    if batch:
        _tally(batch, linter, options, out)


def _tally(
    batch: list[tuple[Record, str]], linter: Linter, options: TaskOptions, out: PieceResult
) -> None:
    texts = [record.text or "" for record, _ in batch]
    for (record, period), text, found in zip(
        batch, texts, findings_for_notes(linter, texts, options.settings), strict=True
    ):
        out.cells.setdefault((record.group, period), Cell()).add_note(count_words(text), found)
        if options.export_ids:
            errors = sorted({f.rule for f in found if f.severity.value == "error"})
            if errors:
                out.ids.append((_record_id(record), tuple(errors)))


def _where(record: Record) -> str:
    return f"key:{record.key}" if record.key is not None else f"row:{record.row}"


def _record_id(record: Record) -> str:
    """The note's id column, else its key, else its row (turned into a file and row later)."""
    if record.record_id is not None:
        return f"id:{record.record_id}"
    return _where(record)


def _rss() -> int:
    """The resident memory of this process now (peak so far where psutil is missing)."""
    try:
        import psutil

        return int(psutil.Process().memory_info().rss)
    except ImportError:  # pragma: no cover - distributed depends on psutil
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak * 1024 if sys.platform != "darwin" else peak)


def _worker_name() -> str:
    try:
        from distributed import get_worker

        return str(get_worker().name)
    except (ImportError, ValueError):
        return f"pid {os.getpid()}"


def preload(settings: CheckSettings) -> int:
    """Load the pipeline now (a worker at start-up); returns how many loads this process made."""
    linter_for(settings)
    return _LOADS[0]


def switch_off_spilling(worker: Any) -> None:
    """Make a running Dask worker keep everything in memory and never write to disk.

    An audit's results are small counts, so nothing needs spilling; switching it off means
    nothing can reach the worker's disk even on a cluster started with spilling on.
    """
    memory = getattr(worker, "memory_manager", None)
    if memory is None:
        return
    memory.memory_target_fraction = False
    memory.memory_spill_fraction = False
    data = getattr(memory, "data", None)
    if data is not None and hasattr(data, "n") and hasattr(data, "slow"):
        data.n = float("inf")  # a SpillBuffer: its target is never reached
