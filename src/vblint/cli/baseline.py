"""Baselines: adopt vblint on existing writing and fail only on new wording.

``vblint check --write-baseline FILE`` records every finding of a run; ``--baseline FILE`` (or
``baseline`` in the project configuration) then hides the findings it records, so CI fails only
on what was written since. The file is small, sorted JSON, stable across runs so it can be
reviewed and committed::

    {
      "version": 1,
      "findings": [
        {"path": "policies/missing.md", "rule": "VB101", "fingerprint": "26d383efd263b35b"}
      ]
    }

Paths are relative to the baseline file's folder, in POSIX form (``-`` is standard input).
Findings are matched by path, rule and fingerprint (see :attr:`vblint.findings.Finding.
fingerprint`), which survive edits elsewhere in the document; matching counts, so a file with
the same finding twice needs two entries and a third copy is new. No note text is stored: only
the path, rule and fingerprint.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from vblint.findings import Finding

VERSION = 1
STDIN = "-"
Key = tuple[str, str, str]  # path, rule, fingerprint


class BaselineError(Exception):
    """A baseline that cannot be read or written; the message names the file, never note text."""


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str
    rule: str
    fingerprint: str


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    findings: list[_Entry]


def key_path(path: str, folder: Path) -> str:
    """``path`` as a baseline records it: relative to ``folder``, in POSIX form.

    The file's folder is resolved but not the file itself, so a symlinked file keeps its name.
    """
    if path == STDIN:
        return STDIN
    where = Path(path)
    absolute = where.parent.resolve() / where.name
    return Path(os.path.relpath(absolute, folder)).as_posix()


class Baseline:
    """The known findings of one baseline file; :meth:`new` hides them from a file's findings."""

    def __init__(self, path: Path, entries: Iterable[Key] = ()) -> None:
        self.path = path
        self.folder = path.parent.resolve()
        self.known: Counter[Key] = Counter(entries)
        self.hidden = 0
        self.checked: set[str] = set()

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read and validate a baseline file; a missing or broken one is a BaselineError."""
        if not path.is_file():
            raise BaselineError(f"{path}: no such baseline file (write one with --write-baseline)")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise BaselineError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
        except json.JSONDecodeError as exc:
            raise BaselineError(f"{path}: not valid JSON (line {exc.lineno})") from None
        version = data.get("version") if isinstance(data, dict) else None
        if isinstance(version, int) and version != VERSION:
            raise BaselineError(
                f"{path}: baseline version {version}; this vblint reads version {VERSION}"
            )
        try:
            parsed = _File.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "top level"
            message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
            raise BaselineError(f"{path}: not a vblint baseline: {where}: {message}") from None
        return cls(path, ((e.path, e.rule, e.fingerprint) for e in parsed.findings))

    def new(self, path: str, findings: list[Finding]) -> list[Finding]:
        """The findings of ``path`` the baseline does not know; each entry hides one finding."""
        where = key_path(path, self.folder)
        self.checked.add(where)
        out = []
        for finding in findings:
            key = (where, finding.rule, finding.fingerprint)
            if self.known[key] > 0:
                self.known[key] -= 1
                self.hidden += 1
            else:
                out.append(finding)
        return out

    def summary(self) -> str | None:
        """One line for stderr: how many findings were hidden, how many entries matched nothing.

        Only entries for files checked in this run count as unmatched: their wording changed.
        """
        stale = sum(n for (where, _, _), n in self.known.items() if where in self.checked)
        if not self.hidden and not stale:
            return None
        line = f"{self.path}: {_count(self.hidden, 'known finding')} not shown"
        if stale:
            line += f"; {_count(stale, 'entry', 'entries')} matched nothing (write it again)"
        return line


class Recorder:
    """Collects a run's findings and writes them as a baseline file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.entries: list[Key] = []
        self.files: set[str] = set()

    def add(self, path: str, findings: list[Finding]) -> None:
        """Record every finding of one checked file."""
        where = key_path(path, self.path.parent.resolve())
        self.entries += [(where, f.rule, f.fingerprint) for f in findings]
        if findings:
            self.files.add(where)

    def summary(self) -> str:
        """One line for stderr saying what was recorded."""
        found = _count(len(self.entries), "finding")
        return f"wrote {found} in {_count(len(self.files), 'file')} to {self.path}"

    def write(self) -> None:
        """Write the baseline, sorted and one entry a line, so a change reviews as a small diff.

        The same findings always give the same bytes.
        """
        lines = [
            "    " + json.dumps({"path": p, "rule": r, "fingerprint": f}, ensure_ascii=False)
            for p, r, f in sorted(self.entries)
        ]
        body = "\n" + ",\n".join(lines) + "\n  " if lines else ""
        text = f'{{\n  "version": {VERSION},\n  "findings": [{body}]\n}}\n'
        try:
            self.path.write_text(text, encoding="utf-8")
        except OSError as exc:
            reason = exc.strerror or exc.__class__.__name__
            raise BaselineError(f"{self.path}: baseline not written ({reason})") from None


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"
