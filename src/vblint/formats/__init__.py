"""Output formats: each a pure function of a :class:`Report` of findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from vblint.findings import Finding
from vblint.inputs import InputError
from vblint.rules import RuleSet


@dataclass(frozen=True, slots=True)
class FileResult:
    """The findings for one checked input, with its text for source excerpts."""

    path: str
    text: str
    findings: list[Finding]


@dataclass
class Report:
    """Everything one run found, in input order."""

    rules: RuleSet
    files: list[FileResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    def add(self, path: str, text: str, findings: list[Finding]) -> None:
        """Record one checked input."""
        self.files.append(FileResult(path, text, findings))


Formatter = Callable[[Report, bool], str]


def _formats() -> dict[str, Formatter]:
    from vblint.formats import json_format, text

    return {"text": text.render, "json": json_format.render}


FORMATS = ("json", "text")


def render_report(report: Report, fmt: str, color: bool = False) -> str:
    """Render ``report`` in the named format."""
    return _formats()[fmt](report, color)
