"""Suppression directives written in the document itself.

In Markdown and HTML: ``<!-- vblint-disable VB101 -->`` ... ``<!-- vblint-enable -->``,
``<!-- vblint-disable-next-line VB101 -->``, ``<!-- vblint-disable-file VB101 -->``. In any text
(plain text, Word, PDF) the same words after ``vblint:`` on a line of their own:
``vblint: disable-next-line VB101``. Rules are named by id, name or category; text after ``--``
is a reason. A directive naming no rule suppresses every rule (allowed; ``--strict`` reports it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from vblint.documents.model import Document
from vblint.findings import Finding
from vblint.rules import RuleSet

_DIRECTIVE = re.compile(
    r"(?:<!--\s*vblint-|(?<![\w-])vblint:\s*)"
    r"(?P<action>disable-next-line|disable-line|disable-file|disable|enable)\b"
    r"(?P<args>[^\n]*?)\s*(?:-->|$)",
    re.M,
)
Kind = str  # disable-next-line | disable-line | disable-file | disable | enable


@dataclass
class Directive:
    """One directive, where it is, what it names and whether it suppressed anything."""

    action: Kind
    line: int
    rules: tuple[str, ...]
    text: str
    used: int = 0
    until: int | None = field(default=None)

    @property
    def bare(self) -> bool:
        """Names no rule, so it silences everything in its reach."""
        return not self.rules

    def covers(self, rule_keys: set[str], line: int, next_text_line: int) -> bool:
        """True when this directive silences a finding with these keys on ``line``."""
        if self.rules and not rule_keys & set(self.rules):
            return False
        if self.action == "disable-file":
            return True
        if self.action == "disable-line":
            return line == self.line
        if self.action == "disable-next-line":
            return line == next_text_line
        if self.action == "disable":
            return self.line <= line and (self.until is None or line < self.until)
        return False


def parse(source: str) -> list[Directive]:
    """Every directive in ``source`` in order, with ``disable`` ranges closed by ``enable``."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
    found: list[Directive] = []
    for match in _DIRECTIVE.finditer(source):
        args = match.group("args").split("--", 1)[0]
        rules = tuple(a.lower() for a in re.split(r"[\s,]+", args.strip()) if a)
        line = bisect.bisect_right(line_starts, match.start())
        found.append(Directive(match.group("action"), line, rules, match.group(0).strip()))
    _close_ranges(found)
    return found


def _close_ranges(directives: list[Directive]) -> None:
    open_ranges: list[Directive] = []
    for d in directives:
        if d.action == "disable":
            open_ranges.append(d)
        elif d.action == "enable":
            for opened in open_ranges:
                if opened.until is None and (not d.rules or set(opened.rules) & set(d.rules)):
                    opened.until = d.line
            open_ranges = [o for o in open_ranges if o.until is None]


def apply(
    findings: Iterable[Finding],
    directives: list[Directive],
    rules: RuleSet,
    line_of: Callable[[Finding], int],
    text_lines: Callable[[int], int],
) -> list[Finding]:
    """The findings no directive silences; each directive counts what it silenced.

    ``line_of`` gives a finding's line in the text the directives were read from;
    ``text_lines`` maps a directive's line to the next line that has text.
    """
    active = [d for d in directives if d.action != "enable"]
    kept: list[Finding] = []
    for finding in findings:
        rule = rules.rules.get(finding.rule)
        keys = {finding.rule.lower(), finding.category.value}
        if rule is not None:
            keys.add(rule.name)
        line = line_of(finding)
        hit = [d for d in active if d.covers(keys, line, text_lines(d.line))]
        for d in hit:
            d.used += 1
        if not hit:
            kept.append(finding)
    return kept


def next_text_line(source: str) -> Callable[[int], int]:
    """A function from a line number to the next line after it that is not blank."""
    lines = re.split(r"\r\n|\r|\n", source)

    def after(line: int) -> int:
        for number in range(line + 1, len(lines) + 1):
            if lines[number - 1].strip():
                return number
        return line + 1

    return after


def suppress(
    doc: Document, findings: list[Finding], rules: RuleSet
) -> tuple[list[Finding], list[Directive]]:
    """The findings the document's own directives leave, and the directives with their counts.

    The one place directives are applied: the CLI and any other adapter (HTTP, editors) call
    this right after :meth:`vblint.Linter.check` on ``doc.text``.
    """
    directives = parse(doc.source)
    lines = next_text_line(doc.text if doc.kind == "markdown" else doc.source)
    kept = apply(findings, directives, rules, lambda f: doc.source_line(f.start), lines)
    return kept, directives
