"""Checking many files: read, lint, apply config and directives, locate, fix.

One :class:`Task` per input; :func:`run` yields one :class:`Outcome` per task in input order,
in this process or in ``jobs`` worker processes (each loads the spaCy pipeline once). Outcomes
are plain data, so every output format is built from the same thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vblint.directives import Directive, suppress
from vblint.documents import Document, DocumentError, Kind, read_bytes, read_path
from vblint.findings import Finding, Severity
from vblint.fix import fix_document, safe_edits
from vblint.rules import Profile, Rule, RuleSet

DEFAULT_MODEL: str | None = None


@dataclass(frozen=True)
class Task:
    """One input and the settings that apply to it."""

    path: str
    kind: Kind | None = None
    data: bytes | None = None  # standard input
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    min_severity: Severity = Severity.INFO
    profile: Profile | None = None
    packs: tuple[str, ...] = ()
    fix: bool = False
    diff: bool = False
    model: str | None = None


@dataclass
class Outcome:
    """What checking one input produced, or the one-line reason it could not be checked."""

    path: str
    kind: str = "text"
    text: str = ""
    findings: list[Finding] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    error: str | None = None
    fixed: int = 0
    diff: str = ""
    fix_note: str | None = None
    fix_error: str | None = None


_LINTERS: dict[tuple[str | None, tuple[str, ...]], Any] = {}


def linter_for(model: str | None, packs: tuple[str, ...]) -> Any:
    """One Linter per model and pack set in this process."""
    from vblint.linter import Linter

    key = (model, packs)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(model=model, extra_packs=packs)
    return _LINTERS[key]


def check_task(task: Task) -> Outcome:
    """Read, check, filter and (when asked) fix one input. Never raises for a bad file."""
    try:
        if task.data is not None:
            doc = read_bytes(task.path, task.data, task.kind or "text")
        else:
            doc = read_path(Path(task.path), task.kind)
    except DocumentError as exc:
        return Outcome(task.path, error=str(exc))
    except Exception as exc:  # a library failing on a file nobody foresaw: still one line
        return Outcome(task.path, error=f"could not be read ({exc.__class__.__name__})")
    return check_document(doc, task)


def check_document(doc: Document, task: Task) -> Outcome:
    """Findings for a document that has been read, after config and directives."""
    from vblint.linter import Options

    linter = linter_for(task.model, task.packs)
    options = Options.make(task.select, task.ignore, Severity.INFO, task.profile)
    findings = linter.check(doc.text, options, quoted=doc.quoted)
    findings = _override(findings, dict(task.severity), linter.rules)
    # Directives first, so one that silences a finding below --min-severity is not "unused".
    findings, directives = suppress(doc, findings, linter.rules)
    findings = [f for f in findings if f.severity.rank >= task.min_severity.rank]
    outcome = Outcome(
        doc.path,
        doc.kind,
        doc.display if doc.display is not None else doc.text,
        findings,
        [doc.locate(f.start, f.end) for f in findings],
        directives,
    )
    if (task.fix or task.diff) and task.data is None:
        try:
            result = fix_document(doc, Path(task.path), safe_edits(findings), write=task.fix)
        except (OSError, DocumentError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            outcome.fix_error = f"fixes not written ({reason or exc.__class__.__name__})"
            return outcome
        outcome.fixed, outcome.diff, outcome.fix_note = result.applied, result.diff, result.note
        if task.fix and result.applied:
            fixed = {(e.start, e.end) for e in safe_edits(findings)}
            keep = [i for i, f in enumerate(findings) if (f.start, f.end) not in fixed]
            outcome.findings = [findings[i] for i in keep]
            outcome.locations = [outcome.locations[i] for i in keep]
    return outcome


def _override(findings: list[Finding], severity: dict[str, str], rules: RuleSet) -> list[Finding]:
    """Per-rule or per-category severities from config; ``off`` drops the finding.

    Quoted speech stays at info: it is evidence, whatever level the rule has.
    """
    if not severity:
        return findings
    out = []
    for f in findings:
        level = _level(rules.rules.get(f.rule), f, severity)
        if level == "off":
            continue
        if level is not None and "quoted" not in f.context:
            f = dataclasses.replace(f, severity=Severity(level))
        out.append(f)
    return out


def _level(rule: Rule | None, f: Finding, severity: dict[str, str]) -> str | None:
    keys = [f.rule.lower(), rule.name if rule else "", f.category.value]
    for key in keys:
        if key in severity:
            return severity[key]
    return None


def run(tasks: Sequence[Task], jobs: int = 1, progress: bool = False) -> Iterator[Outcome]:
    """Outcomes in task order, from ``jobs`` processes; a progress bar only when asked."""
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
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("fork" if _can_fork() else "spawn")
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
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
