"""Compiling rules' match entries into spaCy matchers, and running them over a Doc.

All rules share one Matcher, one PhraseMatcher and one DependencyMatcher, so adding rules
adds patterns, not passes over the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from vblint.rules import RulePackError, RuleSet
from vblint.typos import TYPO_CONFIDENCE, TypoMatcher


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's match before context decides whether it becomes a finding."""

    rule: str
    span: Span
    confidence: float = 1.0
    near_miss: str | None = None


class RuleMatcher:
    """Every rule's patterns, compiled once per pipeline."""

    def __init__(self, vocab: Vocab, rules: RuleSet, make_doc: Callable[[str], Doc]) -> None:
        self.tokens = Matcher(vocab, validate=True)
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.deps = DependencyMatcher(vocab, validate=True)
        self._has_deps = False
        typo_triggers: list[tuple[str, str]] = []
        for rule in rules:
            for index, spec in enumerate(rule.match):
                key = f"{rule.id}#{index}"
                try:
                    if spec.phrase is not None:
                        self.phrases.add(key, [make_doc(spec.phrase)])
                        if rule.typos:
                            typo_triggers.append((spec.phrase, rule.id))
                    elif spec.pattern is not None:
                        self.tokens.add(key, [spec.pattern])
                    elif spec.dependency is not None:
                        self.deps.add(key, [spec.dependency])
                        self._has_deps = True
                except (ValueError, KeyError) as exc:
                    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
                    detail = "; ".join(ln for ln in lines if not ln.startswith("Invalid"))
                    origin = rules.origins.get(rule.id, "patterns")
                    message = f"match[{index}]: invalid pattern: {detail or 'see spaCy docs'}"
                    raise RulePackError(origin, message, rule.id) from None
        self.typos = TypoMatcher(typo_triggers)
        self._strings = vocab.strings

    def __call__(self, doc: Doc) -> list[Candidate]:
        """Candidates in document order, longest first where one rule matched twice."""
        found: list[Candidate] = []
        for match_id, start, end in self.tokens(doc):
            found.append(Candidate(self._rule(match_id), doc[start:end]))
        for match_id, start, end in self.phrases(doc):
            found.append(Candidate(self._rule(match_id), doc[start:end]))
        if self._has_deps:
            for match_id, token_ids in self.deps(doc):
                span = doc[min(token_ids) : max(token_ids) + 1]
                found.append(Candidate(self._rule(match_id), span))
        if self.typos:
            for rule_id, index, trigger in self.typos(doc):
                found.append(Candidate(rule_id, doc[index : index + 1], TYPO_CONFIDENCE, trigger))
        return _longest_per_rule(found)

    def _rule(self, match_id: int) -> str:
        return self._strings[match_id].split("#", 1)[0]


def _longest_per_rule(candidates: list[Candidate]) -> list[Candidate]:
    """Drop a rule's match that lies inside a longer match of the same rule."""
    candidates.sort(key=lambda c: (c.span.start, -(c.span.end - c.span.start)))
    kept: list[Candidate] = []
    reach: dict[str, int] = {}
    for cand in candidates:
        if reach.get(cand.rule, -1) >= cand.span.end or (
            cand.rule in reach and cand.span.start < reach[cand.rule]
        ):
            continue
        kept.append(cand)
        reach[cand.rule] = cand.span.end
    return kept
