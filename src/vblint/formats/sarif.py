"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, ...).

Every rule is described once in ``tool.driver.rules`` (message, explanation, source, and a help
URI to the rule's own page under ``docs-url``); each finding is a result pointing at it. Text
formats get a line and column region; Word and PDF findings have no line in the file, so they
name their page or paragraph as a logical location and in the message, with a snippet in
``properties.location``.
Each result carries the finding's fingerprint in ``partialFingerprints``, so code-scanning
services track it across commits that move it. Unreadable files are tool notifications.

Columns are UTF-16 code units (``columnKind: utf16CodeUnits``, what code-scanning services and
editors count), so an emoji before a finding does not shift it. A finding with a rewrite has it
as a SARIF ``fix``: the top suggestion replacing exactly the result's region, the same edit the
other surfaces make (never for quoted speech, and only where the file holds the finding's words
at its offsets, so not inside HTML markup).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from vblint import __version__
from vblint.findings import Finding, Severity, SuggestionKind
from vblint.formats import FileResult, Report, where
from vblint.links import rule_url
from vblint.offsets import LineIndex, OffsetMap
from vblint.rule_docs import summary
from vblint.rules import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HOME = "https://github.com/vblint/vblint"
# Versioned, as SARIF asks: a change to how fingerprints are computed gets a new key, so a
# dashboard does not mistake every old result for a new one.
FINGERPRINT_KEY = "vblintFingerprint/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(rule: Rule, docs_url: str | None) -> dict[str, Any]:
    explanation = " ".join(rule.explanation.split())
    short = summary(rule)
    page = rule_url(rule.id, docs_url)
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": explanation},
        "help": {
            "text": f"{explanation}\nSource: {rule.source}",
            "markdown": f"{explanation}\n\n**Source:** {rule.source}\n\n"
            f"Examples and limits: [{rule.id}]({page}), or `vblint explain {rule.id}`.",
        },
        "helpUri": page,
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {"category": rule.category.value, "tags": [rule.category.value]},
    }


def _uri(path: str) -> str:
    """A URI reference: relative to the working folder when inside it.

    Code-scanning services resolve results against the repository root.
    """
    if path == "-":
        return "stdin"
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = pure.relative_to(Path.cwd())
        except ValueError:
            return Path(path).as_uri()
    return quote(pure.as_posix())


class _Columns:
    """Code-point line/column locations of one file as SARIF regions in UTF-16 code units."""

    def __init__(self, text: str) -> None:
        self._lines = LineIndex(text)
        self._units = OffsetMap(text)
        self._length = len(text)

    def column(self, line: int, column: int) -> int:
        """The 1-based UTF-16 column of a 1-based code-point ``column`` on ``line``."""
        starts = self._lines.line_starts
        if not 1 <= line <= len(starts):
            return column
        start = starts[line - 1]
        offset = min(start + column - 1, self._length)
        return self._units.to_units(offset, "utf-16") - self._units.to_units(start, "utf-16") + 1

    def region(self, loc: dict[str, Any]) -> dict[str, Any]:
        """``startLine``/``startColumn``/``endLine``/``endColumn`` for a location."""
        return {
            "startLine": loc["line"],
            "startColumn": self.column(loc["line"], loc["column"]),
            "endLine": loc["end_line"],
            "endColumn": self.column(loc["end_line"], loc["end_column"]),
        }


def _fix(item: FileResult, f: Finding, uri: str, region: dict[str, Any]) -> dict[str, Any] | None:
    """The finding's top rewrite as a SARIF fix over its region, when it has one to offer."""
    top = f.suggestions[0] if f.suggestions else None
    if top is None or top.kind is not SuggestionKind.REPLACE or "quoted" in f.context:
        return None
    if item.text[f.start : f.end] != f.text:
        return None  # the file's text is not the checked text here (HTML markup): no safe edit
    return {
        "description": {"text": f"Replace with '{top.text}'"},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": uri},
                "replacements": [
                    {"deletedRegion": dict(region), "insertedContent": {"text": top.text}}
                ],
            }
        ],
        "properties": {
            "safeFix": f.safe_fix and not top.has_placeholder,
            "placeholders": [p.label for p in top.placeholders],
        },
    }


def render(report: Report, color: bool = False) -> str:
    """The SARIF log for a run."""
    rules = list(report.rules)
    index = {r.id: i for i, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for item in report.files:
        columns = _Columns(item.text) if item.findings else None
        for n, f in enumerate(item.findings):
            loc = item.location(n)
            uri = _uri(item.path)
            physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            location: dict[str, Any] = {"physicalLocation": physical}
            message = f.message
            fix = None
            if "line" in loc and columns is not None:
                region = columns.region(loc)
                physical["region"] = {**region, "snippet": {"text": f.text}}
                fix = _fix(item, f, uri, region)
            else:
                # A Word paragraph or PDF page has no line in the file: name it logically.
                place = where(item, n)
                kind = "page" if "page" in loc else "paragraph"
                location["logicalLocations"] = [{"name": place, "kind": kind}]
                message = f"{message} ({place})"
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _LEVEL[f.severity],
                "message": {"text": message},
                "locations": [location],
                "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
                "properties": {"category": f.category.value, "location": loc},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            if f.suggestions:
                result["message"]["text"] += f" Suggestion: {f.suggestions[0].text}"
            elif f.advice:
                result["message"]["text"] += f" Advice: {f.advice}"
            if fix is not None:
                result["fixes"] = [fix]
            results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": error.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(error.path)}}}],
        }
        for error in report.errors
    ]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "vblint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": HOME,
                        "rules": [_rule(r, report.docs_url) for r in rules],
                        "properties": {"rulesVersion": report.rules.version},
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not report.errors,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "columnKind": "utf16CodeUnits",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
