"""``--format text``: for people at a terminal.

``path:line:col: VB101 [category] message``, then the source line with a caret underline and
the top suggestion. Colour only when writing to a terminal.
"""

from __future__ import annotations

from collections import Counter

from vblint.findings import Finding, Severity, SuggestionKind
from vblint.formats import FileResult, Report
from vblint.offsets import LineIndex

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def render(report: Report, color: bool = False) -> str:
    """The text report for a run, ending with a one-line summary."""
    out: list[str] = []
    for item in report.files:
        lines = LineIndex(item.text) if item.findings else None
        for finding in item.findings:
            assert lines is not None
            out.extend(_finding(item, finding, lines, color))
    out.append(_summary(report))
    return "\n".join(out) + "\n"


def _finding(item: FileResult, f: Finding, lines: LineIndex, color: bool) -> list[str]:
    head = f"{item.path}:{f.line}:{f.column}: {f.rule} [{f.category.value}] {f.message}"
    rows = [_paint(head, "1", color)]
    start = lines.line_starts[f.line - 1]
    next_start = lines.line_starts[f.line] if f.line < len(lines.line_starts) else len(item.text)
    source = item.text[start:next_start].rstrip("\r\n")
    prefix = "".join(c if c == "\t" else " " for c in source[: f.column - 1])
    width = max(1, (f.end - f.start) if f.end_line == f.line else len(source) - f.column + 1)
    caret = prefix + "^" * width
    rows.append("    " + source)
    rows.append("    " + _paint(caret, _COLOURS[f.severity], color) + f" {f.severity.value}")
    top = f.suggestions[0] if f.suggestions else None
    if top is not None:
        label = "consider" if top.kind is SuggestionKind.FRAME else "suggestion"
        rows.append(f"    {label}: {top.text}")
    return rows


def _summary(report: Report) -> str:
    counts = Counter(f.severity for item in report.files for f in item.findings)
    total = sum(counts.values())
    files = len(report.files)
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    detail = f" ({', '.join(reversed(parts))})" if parts else ""
    noun = "finding" if total == 1 else "findings"
    text = f"{total} {noun}{detail} in {files} file{'s' if files != 1 else ''}"
    if report.errors:
        text += f"; {len(report.errors)} could not be checked"
    return text
