"""Checking many files: read each, check it through the one entry point, fix it if asked.

One :class:`Task` per input; :func:`run` yields one :class:`TaskResult` per task in input order,
in this process or in ``jobs`` worker processes (each loads the spaCy pipeline once, and ends with
this process, even after ``kill -9``: see :mod:`vblint.cli.workers`). Results are plain data, so
every output format is built from the same thing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vblint.directives import Directive
from vblint.documents import Document, DocumentError, Kind, read_bytes, read_path
from vblint.findings import Finding
from vblint.fix import fix_document, safe_edits
from vblint.linter import Linter, shared
from vblint.options import Options
from vblint.safe_write import WriteRefusedError

DEFAULT_MODEL: str | None = None


@dataclass(frozen=True)
class Task:
    """One input and the settings that apply to it."""

    path: str
    kind: Kind | None = None
    data: bytes | None = None  # standard input
    options: Options = field(default_factory=Options)
    packs: tuple[str, ...] = ()
    fix: bool = False
    diff: bool = False
    model: str | None = None


@dataclass
class TaskResult:
    """What checking one input produced, or the one-line reason it could not be checked."""

    path: str
    kind: str = "text"
    text: str = ""
    findings: list[Finding] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    error: str | None = None
    fixed: int = 0
    diff: str = ""
    fix_note: str | None = None
    fix_error: str | None = None


def linter_for(model: str | None, packs: tuple[str, ...]) -> Linter:
    """One Linter per model and pack set in this process (see :func:`vblint.linter.shared`)."""
    return shared(model, packs)


def check_task(task: Task) -> TaskResult:
    """Read, check, filter and (when asked) fix one input. Never raises for a bad file."""
    try:
        if task.data is not None:
            doc = read_bytes(task.path, task.data, task.kind or "text")
        else:
            doc = read_path(Path(task.path), task.kind)
    except DocumentError as exc:
        return TaskResult(task.path, error=str(exc))
    except Exception as exc:  # a library failing on a file nobody foresaw: still one line
        return TaskResult(task.path, error=f"could not be read ({exc.__class__.__name__})")
    return check_document(doc, task)


def check_document(doc: Document, task: Task) -> TaskResult:
    """Findings for a document that has been read (the Linter's one entry point), then fixes."""
    checked = linter_for(task.model, task.packs).check_document(doc, task.options)
    findings = checked.findings
    result = TaskResult(
        doc.path,
        doc.kind,
        doc.display if doc.display is not None else doc.text,
        findings,
        checked.directives,
    )
    if (task.fix or task.diff) and task.data is None:
        try:
            fixed = fix_document(doc, Path(task.path), safe_edits(findings), write=task.fix)
        except (OSError, DocumentError, WriteRefusedError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            result.fix_error = f"fixes not written ({reason or exc.__class__.__name__})"
            return result
        result.fixed, result.diff, result.fix_note = fixed.applied, fixed.diff, fixed.note
        if task.fix and fixed.applied:
            done = {(e.start, e.end) for e in safe_edits(findings)}
            result.findings = [f for f in findings if (f.start, f.end) not in done]
    return result


def run(tasks: Sequence[Task], jobs: int = 1, progress: bool = False) -> Iterator[TaskResult]:
    """Results in task order, from ``jobs`` processes; a progress bar only when asked."""
    bar = _bar(len(tasks)) if progress else None
    try:
        if jobs <= 1 or len(tasks) <= 1:
            for task in tasks:
                outcome = check_task(task)
                if bar is not None:
                    bar.update(1)
                yield outcome
            return
        import multiprocessing
        import os
        from concurrent.futures import ProcessPoolExecutor

        from vblint.cli.workers import start_worker

        context = multiprocessing.get_context("fork" if _can_fork() else "spawn")
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=start_worker,  # workers end with this process, even after kill -9
            initargs=(os.getpid(),),
        ) as pool:
            for outcome in pool.map(check_task, tasks, chunksize=1):
                if bar is not None:
                    bar.update(1)
                yield outcome
    finally:
        if bar is not None:
            bar.close()


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _bar(total: int) -> Any:
    import os
    import sys

    from tqdm import tqdm  # type: ignore[import-untyped]

    try:
        columns, lines = os.get_terminal_size(sys.stderr.fileno())
    except OSError:
        columns, lines = 0, 0
    tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked after this
    # A terminal that reports no size (some CI pseudo-terminals) would hide the bar entirely.
    return tqdm(
        total=total,
        unit="file",
        leave=False,
        ncols=columns or 80,
        nrows=lines or 24,
        file=sys.stderr,
    )
