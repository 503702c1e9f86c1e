"""``--format text``: for people at a terminal.

``path:line:col: VB101 [category] message`` (``path: page 2: ...`` for PDF, ``path: table 1,
row 2, cell 2, paragraph 1: ...`` for Word), then the source line with a caret underline (or
a snippet) and the top suggestion, or where no rewrite fits, advice in words. Ends with a
summary by severity and by category. Colour only when writing to a terminal. A file name with a
control character in it (a newline) is printed escaped (see :mod:`vblint.printable`).
"""

from __future__ import annotations

from collections import Counter

from vblint.findings import Finding, Severity, SuggestionKind
from vblint.formats import FileResult, Report, where
from vblint.offsets import LineIndex
from vblint.printable import shown

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, color: bool) -> str:
    return f"\033[{code}m{text}\033[0m" if color else text


def render(report: Report, color: bool = False) -> str:
    """The text report for a run, ending with a summary."""
    out: list[str] = []
    for item in report.files:
        lines = LineIndex(item.text) if item.findings else None
        for index, finding in enumerate(item.findings):
            assert lines is not None
            out.extend(_finding(item, index, finding, lines, color))
        for notice in item.notices:
            out.append(f"{shown(item.path)}:{notice.line}: {notice.kind}: {notice.message}")
    out.extend(_summary(report))
    return "\n".join(out) + "\n"


def _finding(item: FileResult, index: int, f: Finding, lines: LineIndex, color: bool) -> list[str]:
    loc = item.location(index)
    sep = ":" if "line" in loc else ": "
    head = f"{shown(item.path)}{sep}{where(item, index)}: {f.rule} [{f.category.value}] {f.message}"
    rows = [_paint(head, "1", color)]
    if "line" in loc:
        line, column = int(loc["line"]), int(loc["column"])
        start = lines.line_starts[line - 1]
        following = lines.line_starts[line] if line < len(lines.line_starts) else len(item.text)
        source = item.text[start:following].rstrip("\r\n")
        prefix = "".join(c if c == "\t" else " " for c in source[: column - 1])
        same_line = loc.get("end_line") == line
        width = int(loc["end_column"]) - column if same_line else len(source) - column + 1
        rows.append("    " + source)
        caret = prefix + "^" * max(1, width)
        rows.append("    " + _paint(caret, _COLOURS[f.severity], color) + f" {f.severity.value}")
    else:
        rows.append(f"    {loc.get('snippet', f.text)}")
        rows.append("    " + _paint(f.severity.value, _COLOURS[f.severity], color))
    top = f.suggestions[0] if f.suggestions else None
    if top is not None:
        label = "consider" if top.kind is SuggestionKind.FRAME else "suggestion"
        rows.append(f"    {label}: {top.text}")
    elif f.advice:
        rows.append(f"    advice: {f.advice}")
    return rows


def _summary(report: Report) -> list[str]:
    counts = Counter(f.severity for item in report.files for f in item.findings)
    total = sum(counts.values())
    files = len(report.files)
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    detail = f" ({', '.join(reversed(parts))})" if parts else ""
    noun = "finding" if total == 1 else "findings"
    text = f"{total} {noun}{detail} in {files} file{'s' if files != 1 else ''}"
    if report.errors:
        text += f"; {len(report.errors)} could not be checked"
    rows = []
    categories = Counter(f.category.value for item in report.files for f in item.findings)
    if categories:
        rows.append("by category:")
        rows += [f"  {count:>4}  {name}" for name, count in categories.most_common()]
    return [*rows, text]
