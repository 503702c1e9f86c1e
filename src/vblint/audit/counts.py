"""The only thing a task returns: counts per cell (group and period), never text.

A cell holds how many notes and words it has, how many notes carry a warning or an error,
and the findings by severity, category and rule. Counts add up, so pieces can finish in any
order, be saved to a checkpoint as JSON and be summed later into any table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vblint.findings import Finding, Severity

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
MAX_NAMED_PROBLEMS = 100
CellKey = tuple[tuple[str, ...], str]  # (group values, period)


def count_words(text: str) -> int:
    """Words as people count them: runs of letters and digits, with inner apostrophes."""
    return len(_WORD.findall(text))


@dataclass
class Tally:
    """One category's or rule's share of a cell."""

    notes: int = 0  # notes with at least one warning or error of this kind
    findings: int = 0  # its warnings and errors
    info: int = 0  # its info findings (quoted speech, mostly)

    def add(self, other: Tally) -> None:
        """Add another tally's counts to this one."""
        self.notes += other.notes
        self.findings += other.findings
        self.info += other.info


@dataclass
class Cell:
    """Counts for the notes of one group in one period."""

    notes: int = 0
    words: int = 0
    flagged: int = 0  # notes with at least one warning or error
    with_error: int = 0  # notes with at least one error
    findings: int = 0  # warnings and errors
    severity: Counter[str] = field(default_factory=Counter)
    categories: dict[str, Tally] = field(default_factory=dict)
    rules: dict[str, Tally] = field(default_factory=dict)

    def add_note(self, words: int, findings: Iterable[Finding]) -> None:
        """Count one checked note and its findings."""
        self.notes += 1
        self.words += words
        seen_cat: set[str] = set()
        seen_rule: set[str] = set()
        flagged = error = False
        for f in findings:
            self.severity[f.severity.value] += 1
            cat = self.categories.setdefault(f.category.value, Tally())
            rule = self.rules.setdefault(f.rule, Tally())
            if f.severity is Severity.INFO:
                cat.info += 1
                rule.info += 1
                continue
            flagged = True
            error |= f.severity is Severity.ERROR
            self.findings += 1
            cat.findings += 1
            rule.findings += 1
            if f.category.value not in seen_cat:
                seen_cat.add(f.category.value)
                cat.notes += 1
            if f.rule not in seen_rule:
                seen_rule.add(f.rule)
                rule.notes += 1
        self.flagged += flagged
        self.with_error += error

    def add(self, other: Cell) -> None:
        """Add another cell's counts to this one."""
        self.notes += other.notes
        self.words += other.words
        self.flagged += other.flagged
        self.with_error += other.with_error
        self.findings += other.findings
        self.severity.update(other.severity)
        for mine, theirs in ((self.categories, other.categories), (self.rules, other.rules)):
            for name, tally in theirs.items():
                mine.setdefault(name, Tally()).add(tally)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON for a checkpoint."""
        return {
            "notes": self.notes,
            "words": self.words,
            "flagged": self.flagged,
            "with_error": self.with_error,
            "findings": self.findings,
            "severity": dict(self.severity),
            "categories": {k: [t.notes, t.findings, t.info] for k, t in self.categories.items()},
            "rules": {k: [t.notes, t.findings, t.info] for k, t in self.rules.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cell:
        """The cell :meth:`to_json` wrote."""
        return cls(
            notes=int(data["notes"]),
            words=int(data["words"]),
            flagged=int(data["flagged"]),
            with_error=int(data["with_error"]),
            findings=int(data["findings"]),
            severity=Counter({k: int(v) for k, v in data["severity"].items()}),
            categories={k: Tally(*map(int, v)) for k, v in data["categories"].items()},
            rules={k: Tally(*map(int, v)) for k, v in data["rules"].items()},
        )


@dataclass
class WorkerSample:
    """Which worker ran a piece, its process's memory at the end, and the task's CPU time."""

    worker: str = ""
    rss: int = 0
    loads: int = 0
    seconds: float = 0.0
    cpu: float = 0.0


@dataclass
class PieceResult:
    """Everything one task returns: counts, named problems (row or key and a fixed reason)."""

    index: int
    positions: int = 0  # rows (or lines) the piece spans, for numbering rows from the file start
    cells: dict[CellKey, Cell] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # ("row:12" | "key:7", reason)
    problem_counts: Counter[str] = field(default_factory=Counter)
    ids: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    sample: WorkerSample = field(default_factory=WorkerSample)

    def problem(self, where: str, reason: str) -> None:
        """Count a record that was not audited; name the first few of each piece."""
        self.problem_counts[reason] += 1
        if len(self.problems) < MAX_NAMED_PROBLEMS:
            self.problems.append((where, reason))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON for a checkpoint: counts, positions, ids and reasons only."""
        return {
            "index": self.index,
            "positions": self.positions,
            "cells": [
                {"group": list(g), "period": p, "counts": c.to_json()}
                for (g, p), c in self.cells.items()
            ],
            "problems": [list(p) for p in self.problems],
            "problem_counts": dict(self.problem_counts),
            "ids": [[i, list(r)] for i, r in self.ids],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PieceResult:
        """The result :meth:`to_json` wrote."""
        return cls(
            index=int(data["index"]),
            positions=int(data["positions"]),
            cells={
                (tuple(c["group"]), str(c["period"])): Cell.from_json(c["counts"])
                for c in data["cells"]
            },
            problems=[(str(w), str(r)) for w, r in data["problems"]],
            problem_counts=Counter({k: int(v) for k, v in data["problem_counts"].items()}),
            ids=[(str(i), tuple(r)) for i, r in data["ids"]],
        )
