"""``--format github``: GitHub Actions workflow commands that annotate the changed files.

Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is given. Error findings
become ``::error``, warnings ``::warning``, info ``::notice``. Word and PDF findings have no
line, so the place (page, paragraph) leads the message instead.
"""

from __future__ import annotations

from vblint.findings import Severity
from vblint.formats import Report, where

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, color: bool = False) -> str:
    """One workflow command per finding, notice and unreadable file."""
    out: list[str] = []
    for item in report.files:
        for index, f in enumerate(item.findings):
            loc = item.location(index)
            props = [f"file={_prop(item.path)}"]
            message = f.message
            if "line" in loc:
                props += [
                    f"line={loc['line']}",
                    f"col={loc['column']}",
                    f"endLine={loc['end_line']}",
                    f"endColumn={loc['end_column']}",
                ]
            else:
                message = f"{where(item, index)}: {message}"
            if f.suggestions:
                message += f"\nSuggestion: {f.suggestions[0].text}"
            props.append(f"title={_prop(f'{f.rule} {f.category.value}')}")
            out.append(f"::{_LEVEL[f.severity]} {','.join(props)}::{_data(message)}")
        for notice in item.notices:
            head = f"file={_prop(item.path)},line={notice.line},title={_prop(notice.kind)}"
            out.append(f"::warning {head}::{_data(notice.message)}")
    for error in report.errors:
        out.append(f"::error file={_prop(error.path)},title=vblint::{_data(error.message)}")
    return "\n".join(out) + ("\n" if out else "")
