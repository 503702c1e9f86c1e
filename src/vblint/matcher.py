"""Compiling rules' match entries into spaCy matchers, and running them over a Doc.

All rules share one Matcher, one PhraseMatcher and one DependencyMatcher, so adding rules
adds patterns, not passes over the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from vblint.rules import RulePackError, RuleSet
from vblint.typos import TYPO_CONFIDENCE, TypoMatcher, word_frequencies


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
        self.free = Matcher(vocab, validate=True)
        anchors: set[int] = set()
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
                        words = anchor_words(spec.pattern)
                        if words:
                            anchors.update(vocab.strings.add(w) for w in words)
                            self.tokens.add(key, [spec.pattern])
                        else:
                            self.free.add(key, [spec.pattern])
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
        self._anchors = numpy.array(sorted(anchors), dtype="uint64")

    def __call__(self, doc: Doc) -> list[Candidate]:
        """Candidates in document order, longest first where one rule matched twice."""
        found: list[Candidate] = []
        for window in self._windows(doc):
            for match_id, start, end in self.tokens(window):
                found.append(
                    Candidate(self._rule(match_id), doc[window.start + start : window.start + end])
                )
        if len(self.free):
            for match_id, start, end in self.free(doc):
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

    def _windows(self, doc: Doc) -> list[Span]:
        """The sentences that contain an anchor word of some token pattern.

        Token patterns only ever match within a sentence, and most sentences of a case note
        contain no anchor at all, so matching only these keeps clean text nearly free.
        """
        if not len(doc) or not len(self._anchors):
            return []
        attrs = doc.to_array([LOWER, LEMMA])
        hits = numpy.nonzero(numpy.isin(attrs, self._anchors).any(axis=1))[0]
        windows: list[Span] = []
        for index in hits:
            if windows and index < windows[-1].end:
                continue
            windows.append(doc[int(index)].sent)
        return windows

    def _rule(self, match_id: int) -> str:
        return self._strings[match_id].split("#", 1)[0]


_WORD_KEYS = ("LOWER", "LEMMA", "ORTH", "NORM")


def anchor_words(pattern: list[dict[str, Any]]) -> list[str]:
    """Words of which a match must contain at least one, or [] when no such set exists.

    Taken from one required token (no ``OP``, or ``+``) constrained by a word attribute; the
    set whose words are rarest in English text wins, so the anchor is as selective as possible.
    """
    frequency = word_frequencies()
    best: list[str] = []
    best_cost: int | None = None
    for token in pattern:
        if token.get("OP") not in (None, "+"):
            continue
        for key in _WORD_KEYS:
            value = token.get(key)
            words = value.get("IN") if isinstance(value, dict) else [value]
            if not isinstance(words, list) or not words:
                continue
            if not all(isinstance(w, str) for w in words):
                continue
            lowered = sorted({str(w).lower() for w in words})
            cost = sum(frequency.get(w, 1) for w in lowered)
            if best_cost is None or cost < best_cost:
                best, best_cost = lowered, cost
    return best


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
