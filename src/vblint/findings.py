"""Plain, typed findings: what every adapter (CLI, HTTP, LSP) is built from.

Nothing here imports spaCy, so clients that only format or transport findings stay light.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from vblint.offsets import LineIndex


class Severity(StrEnum):
    """How strongly a finding asks to be changed."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Order for comparisons: info < warning < error."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}

SeverityOrOff = Severity | Literal["off"]
"""A severity a configuration or rule may set, or ``off`` to drop the finding."""


class Category(StrEnum):
    """The kinds of harmful wording the rule packs know about."""

    RESPONSIBILITY_SHIFTING = "responsibility-shifting"
    CONSENT_IMPLYING = "consent-implying"
    MUTUALISING = "mutualising"
    MINIMISING = "minimising"
    SEXUALISING_ADULTIFYING = "sexualising-adultifying"
    CRIMINALISING = "criminalising"
    CHARACTER_JUDGEMENT = "character-judgement"
    AGENT_DELETING = "agent-deleting"
    OUTDATED_TERMINOLOGY = "outdated-terminology"


class SuggestionKind(StrEnum):
    """Whether a suggestion replaces the finding's span or is a sentence to add beside it."""

    REPLACE = "replace"
    FRAME = "frame"


_PLACEHOLDER = re.compile(r"\[[^\[\]]+\]")


@dataclass(frozen=True, slots=True)
class Placeholder:
    """A part of a suggestion the writer must fill in, in code points into the suggestion."""

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """Better wording for a finding.

    A ``replace`` suggestion is a whole replacement for the finding's span. A ``frame``
    suggestion is never applied as a replacement: it is a sentence the writer may add around
    quoted words, which themselves are evidence and are never rewritten.
    """

    text: str
    kind: SuggestionKind = SuggestionKind.REPLACE
    placeholders: tuple[Placeholder, ...] = ()

    @classmethod
    def build(cls, text: str, kind: SuggestionKind = SuggestionKind.REPLACE) -> Suggestion:
        """Make a suggestion, marking every ``[bracketed]`` part as a placeholder."""
        marks = tuple(
            Placeholder(m.start(), m.end(), m.group()[1:-1]) for m in _PLACEHOLDER.finditer(text)
        )
        return cls(text=text, kind=kind, placeholders=marks)

    @property
    def has_placeholder(self) -> bool:
        """True when the writer has to fill something in before the text can be used."""
        return bool(self.placeholders)

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of a suggestion."""
        return {
            "text": self.text,
            "kind": self.kind.value,
            "placeholders": [
                {"start": p.start, "end": p.end, "label": p.label} for p in self.placeholders
            ],
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One piece of wording that a rule asks the writer to reconsider.

    ``start`` and ``end`` are Unicode code-point offsets into the checked text (``end``
    exclusive). ``line`` and ``column`` are 1-based; ``end_line``/``end_column`` point just
    past the last character, as in LSP and SARIF. Convert offsets for other clients with
    :mod:`vblint.offsets`, never by hand.

    ``advice`` says in words what to write instead, for findings where no replacement text would
    fit (or none passed the checks a rewrite must pass); it is never applied to the text.

    ``fingerprint`` identifies the finding by its rule, its words and their occurrence in the
    sentence, not by offset, so it survives edits elsewhere in the document (baselines, SARIF
    ``partialFingerprints``). ``location`` is where a person finds it in the document as read
    (line and column in the file, or a Word paragraph or PDF page with a snippet); it is set by
    :meth:`vblint.linter.Linter.check_document`.
    """

    rule: str
    name: str
    category: Category
    severity: Severity
    message: str
    explanation: str
    source: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    suggestions: tuple[Suggestion, ...] = ()
    confidence: float = 1.0
    context: tuple[str, ...] = field(default=())
    safe_fix: bool = False
    fingerprint: str = ""
    advice: str = ""
    location: dict[str, Any] | None = field(default=None, compare=False)

    def moved(self, start: int, end: int, lines: LineIndex) -> Finding:
        """The same finding at other offsets, with line and column from ``lines``."""
        (line, column), (end_line, end_column) = lines.position(start), lines.position(end)
        return dataclasses.replace(
            self,
            start=start,
            end=end,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
        )

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape of a finding; fields may be added later, never removed."""
        return {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
            "message": self.message,
            "explanation": self.explanation,
            "source": self.source,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "confidence": self.confidence,
            "context": list(self.context),
            "safe_fix": self.safe_fix,
            "fingerprint": self.fingerprint,
            "advice": self.advice,
        }


def one_per_wording(found: list[Finding]) -> list[Finding]:
    """One finding per piece of wording and category: two rules over the same words say it once.

    A finding whose words lie inside another's of the same category is dropped, the wider one
    kept (at the higher severity of the two); different categories each stand, and so do two
    rules over exactly the same words. An organisation's own rule (VB900-VB999) always stands.
    """
    kept: list[Finding] = []
    # Indices into ``kept`` of findings that end at or after the current one's start: in start
    # order, nothing that ends before it can hold it or lie inside it, so each finding is
    # compared with its neighbours only, not with every finding kept so far.
    active: list[int] = []
    for finding in sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rule)):
        active = [i for i in active if kept[i].end >= finding.start]
        inside = [
            i
            for i in active
            if (other := kept[i]).category is finding.category
            and not _organisation(other)
            and not _organisation(finding)
            and (other.start, other.end) != (finding.start, finding.end)
            and (
                (other.start <= finding.start and finding.end <= other.end)
                or (finding.start <= other.start and other.end <= finding.end)
            )
        ]
        if not inside:
            active.append(len(kept))
            kept.append(finding)
            continue
        index = inside[0]
        other = kept[index]
        wider = finding if finding.end - finding.start > other.end - other.start else other
        severity = max(finding.severity, other.severity, key=lambda s: s.rank)
        kept[index] = dataclasses.replace(wider, severity=severity)
    return sorted(kept, key=lambda f: (f.start, f.end, f.rule))


def _organisation(finding: Finding) -> bool:
    """An organisation's own rule: its finding is never folded into a built-in one."""
    return finding.rule.startswith("VB9") and len(finding.rule) == 5
