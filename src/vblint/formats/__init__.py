"""Output formats: each a pure function of a :class:`Report` of findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from vblint.findings import Finding
from vblint.rules import RuleSet


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read as text, and why (never its content)."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Something to tell the writer about a suppression directive (unused, or bare)."""

    line: int
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class FileResult:
    """The findings for one checked input, with its text for source excerpts.

    Each finding carries where a person finds it (``Finding.location``): line and column in the
    file for text formats, paragraph or table cell (Word) or page (PDF) with a snippet.
    """

    path: str
    text: str
    findings: list[Finding]
    kind: str = "text"
    notices: list[Notice] = field(default_factory=list)

    def location(self, index: int) -> dict[str, Any]:
        """The location of finding ``index`` (its line and column when no reader gave one)."""
        f = self.findings[index]
        if f.location:
            return f.location
        return {
            "line": f.line,
            "column": f.column,
            "end_line": f.end_line,
            "end_column": f.end_column,
        }


@dataclass
class Report:
    """Everything one run found, in input order."""

    rules: RuleSet
    files: list[FileResult] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    docs_url: str | None = None  # where rule pages are; None: the published documentation

    def add(
        self,
        path: str,
        text: str,
        findings: list[Finding],
        kind: str = "text",
        notices: list[Notice] | None = None,
    ) -> None:
        """Record one checked input."""
        self.files.append(FileResult(path, text, findings, kind, notices or []))


Formatter = Callable[[Report, bool], str]


def _formats() -> dict[str, Formatter]:
    from vblint.formats import github, json_format, sarif, text

    return {
        "text": text.render,
        "json": json_format.render,
        "sarif": sarif.render,
        "github": github.render,
    }


FORMATS = ("github", "json", "sarif", "text")


def render_report(report: Report, fmt: str, color: bool = False) -> str:
    """Render ``report`` in the named format."""
    return _formats()[fmt](report, color)


def where(item: FileResult, index: int) -> str:
    """A short human description of a finding's place: ``12:5``, ``page 2``, ``table 1 ...``."""
    loc = item.location(index)
    if "line" in loc:
        return f"{loc['line']}:{loc['column']}"
    parts = []
    if loc.get("part") not in (None, "body"):
        parts.append(str(loc["part"]))
    for key in ("page", "table", "row", "cell", "paragraph"):
        if key in loc:
            parts.append(f"{key} {loc[key]}")
    return ", ".join(parts)
