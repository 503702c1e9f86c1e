"""What a rule offers for a sentence, as whole sentences: the helpers the rewrite tests share."""

from __future__ import annotations

from vblint import Linter
from vblint.findings import SuggestionKind


def offered(linter: Linter, text: str, rule: str) -> list[str]:
    """The rewrites a rule offers, applied to the sentence (the rule must flag it)."""
    found = [f for f in linter.check(text) if f.rule == rule]
    assert found, f"{rule} did not flag {text!r}"
    finding = found[0]
    return [
        text[: finding.start] + s.text + text[finding.end :]
        for s in finding.suggestions
        if s.kind is SuggestionKind.REPLACE
    ]


def top(linter: Linter, text: str, rule: str) -> str | None:
    """The sentence with the rule's top rewrite applied (None: advice only)."""
    rewrites = offered(linter, text, rule)
    return rewrites[0] if rewrites else None
