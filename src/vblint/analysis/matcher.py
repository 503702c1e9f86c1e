"""Compiling rules' match entries into spaCy matchers, and running them over a Doc.

Phrases share one PhraseMatcher (a hash lookup per token, whatever the number of phrases).
Token patterns are costlier: spaCy's Matcher tries every pattern at every token. So each rule's
token patterns get a Matcher of their own, run only on the sentences that contain one of the
rule's anchor words; on clean text almost no pattern runs at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

import numpy
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from vblint.analysis.judgement import judgements
from vblint.analysis.typos import TYPO_CONFIDENCE, TypoMatcher, word_frequencies
from vblint.rules import RulePackError, RuleSet


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's match before context decides whether it becomes a finding."""

    rule: str
    span: Span
    confidence: float = 1.0
    near_miss: str | None = None


class RuleMatcher:
    """Every rule's patterns, compiled once per pipeline.

    ``prefilter`` (on by default) runs each part only where its words occur: a rule's token
    patterns on the sentences holding its anchor words, the dependency patterns on documents
    holding a node's words, the judgement detector on tokens holding a judging word. Off, every
    part runs on everything; the findings are the same (the tests compare the two).
    """

    def __init__(self, vocab: Vocab, rules: RuleSet, make_doc: Callable[[str], Doc]) -> None:
        self.prefilter = True
        self.tokens: dict[str, Matcher] = {}
        self.free = Matcher(vocab, validate=True)
        anchor_rules: dict[int, set[str]] = {}
        self._needs: dict[str, list[list[frozenset[int]]]] = {}
        self._dep_needs: list[list[frozenset[int]]] = []
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.deps = DependencyMatcher(vocab, validate=True)
        self._has_deps = False
        self.detectors: dict[str, list[str]] = {}
        self._deps_always = False
        dep_anchors: set[int] = set()
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
                            for word in words:
                                anchor_rules.setdefault(vocab.strings.add(word), set()).add(rule.id)
                            matcher = self.tokens.setdefault(rule.id, Matcher(vocab, validate=True))
                            matcher.add(key, [tolerate_spaces(spec.pattern)])
                            self._needs.setdefault(rule.id, []).append(
                                [
                                    frozenset(vocab.strings.add(w) for w in group)
                                    for group in anchor_sets(spec.pattern)
                                ]
                            )
                        else:
                            self.free.add(key, [spec.pattern])
                    elif spec.detector is not None:
                        self.detectors.setdefault(spec.detector, []).append(rule.id)
                    elif spec.dependency is not None:
                        self.deps.add(key, [spec.dependency])
                        self._has_deps = True
                        # Every node of a dependency pattern is required: the rarest node's
                        # words must occur for it to match.
                        nodes = [node.get("RIGHT_ATTRS", {}) for node in spec.dependency]
                        self._dep_needs.append(
                            [
                                frozenset(vocab.strings.add(w) for w in group)
                                for group in anchor_sets(nodes)
                            ]
                        )
                        root_words = anchor_words(nodes)
                        if root_words:
                            dep_anchors.update(vocab.strings.add(w) for w in root_words)
                        else:
                            self._deps_always = True
                except (ValueError, KeyError) as exc:
                    lines = [ln.strip() for ln in str(exc).splitlines() if ln.strip()]
                    detail = "; ".join(ln for ln in lines if not ln.startswith("Invalid"))
                    origin = rules.origins.get(rule.id, "patterns")
                    message = f"match[{index}]: invalid pattern: {detail or 'see spaCy docs'}"
                    raise RulePackError(origin, message, rule.id) from None
        self.typos = TypoMatcher(typo_triggers)
        self._strings = vocab.strings
        self._anchor_rules = {h: sorted(ids) for h, ids in anchor_rules.items()}
        self._anchor_set = frozenset(anchor_rules)
        self._dep_anchor_set = frozenset(dep_anchors)

    def __call__(self, doc: Doc) -> list[Candidate]:
        """Candidates in document order, longest first where one rule matched twice."""
        found: list[Candidate] = []
        # (LOWER, LEMMA) of each token, flat: read once for the windows and the dependency check.
        flat = cast("list[int]", doc.to_array([LOWER, LEMMA]).ravel().tolist())
        for window, rule_ids in self._windows(doc, flat):
            for rule_id in rule_ids:
                for _, start, end in self.tokens[rule_id](window):
                    span = doc[window.start + start : window.start + end]
                    found.append(Candidate(rule_id, span))
        if len(self.free):
            for match_id, start, end in self.free(doc):
                found.append(Candidate(self._rule(match_id), doc[start:end]))
        for match_id, start, end in self.phrases(doc):
            found.append(Candidate(self._rule(match_id), doc[start:end]))
        deps_wanted = self._deps_always or not self.prefilter or self._may_match_deps(flat)
        if self._has_deps and deps_wanted:
            for match_id, token_ids in self.deps(doc):
                span = doc[min(token_ids) : max(token_ids) + 1]
                found.append(Candidate(self._rule(match_id), span))
        if self.detectors:
            for found_by in judgements(doc, self.prefilter, flat):
                for rule_id in self.detectors.get(_DETECTOR_OF[found_by.kind], ()):
                    found.append(Candidate(rule_id, found_by.span, found_by.confidence))
        if self.typos:
            for rule_id, index, trigger in self.typos(doc):
                found.append(Candidate(rule_id, doc[index : index + 1], TYPO_CONFIDENCE, trigger))
        return _longest_per_rule(found)

    def needs(self) -> list[list[frozenset[str]]]:
        """For every token and dependency pattern, the word sets a match needs one word of each."""
        every = [n for needs in self._needs.values() for n in needs] + self._dep_needs
        return [[frozenset(self._strings[h] for h in group) for group in n] for n in every]

    def matches_anywhere(self) -> bool:
        """Some pattern has no anchor word, so no text can be ruled out from its words."""
        return bool(len(self.free)) or (self._has_deps and self._deps_always)

    def _windows(self, doc: Doc, flat: list[int]) -> list[tuple[Span, list[str]]]:
        """Each sentence holding an anchor word, with the rules whose anchors it holds.

        Token patterns only ever match within a sentence. ``flat`` is (LOWER, LEMMA) of each
        token, one after the other; each sentence's values are read as a set, so no step in
        Python is taken per token.
        """
        if not len(doc) or not self._anchor_set:
            return []
        if not self.prefilter:
            every = sorted(self.tokens)
            return [(sent, every) for sent in doc.sents]
        rules_of = self._anchor_rules
        if self._anchor_set.isdisjoint(flat):
            return []
        starts = numpy.flatnonzero(doc.to_array([SENT_START]) == 1).tolist() or [0]
        # Tokens before the first marked start belong to a sentence starting at 0.
        firsts = starts if starts[0] == 0 else [0, *starts]
        ends = [*firsts[1:], len(doc)]
        windows = []
        for first, last in zip(firsts, ends, strict=True):
            present = set(flat[2 * first : 2 * last])
            anchors = self._anchor_set.intersection(present)
            if not anchors:
                continue
            rule_ids = set().union(*(rules_of[value] for value in anchors))
            viable = [r for r in sorted(rule_ids) if self._viable(r, present)]
            if viable:
                windows.append((doc[first:last], viable))
        return windows

    def _viable(self, rule_id: str, present: set[int]) -> bool:
        """Some pattern of the rule has every one of its required words in the sentence."""
        for needs in self._needs[rule_id]:
            for group in needs:
                if group.isdisjoint(present):
                    break
            else:
                return True
        return False

    def _may_match_deps(self, flat: list[int]) -> bool:
        """A dependency pattern's root word occurs in the document (else none can match).

        ``flat`` is (LOWER, LEMMA) of each token: a set test, not an array search per note.
        """
        return not self._dep_anchor_set.isdisjoint(flat)

    def _rule(self, match_id: int) -> str:
        return self._strings[match_id].split("#", 1)[0]


# TEXT and ORTH are matched on the lowercase form: a superset, which is all a prefilter needs.
_WORD_KEYS = ("LOWER", "LEMMA", "ORTH", "NORM", "TEXT")
# Which detector name a judgement kind answers to.
_DETECTOR_OF = {"character": "judgement", "credibility": "credibility"}


def tolerate_spaces(pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Let runs of spaces sit between a pattern's tokens.

    Pasted notes often hold double spaces, and readers blank markup (Markdown emphasis) with
    spaces so offsets stay exact; spaCy makes each extra run of spaces a token of its own.
    """
    spaced: list[dict[str, Any]] = []
    for index, token in enumerate(pattern):
        if index:
            spaced.append({"IS_SPACE": True, "OP": "*"})
        spaced.append(token)
    return spaced


def anchor_sets(pattern: list[dict[str, Any]]) -> list[list[str]]:
    """For each required token constrained by a word attribute, the words it may be.

    A match needs one word from every set, so a sentence lacking any set cannot match.
    """
    sets: list[list[str]] = []
    for token in pattern:
        if token.get("OP") not in (None, "+"):
            continue
        for key in _WORD_KEYS:
            value = token.get(key)
            words = value.get("IN") if isinstance(value, dict) else [value]
            if isinstance(words, list) and words and all(isinstance(w, str) for w in words):
                sets.append(sorted({str(w).lower() for w in words}))
                break
    return sets


def anchor_words(pattern: list[dict[str, Any]]) -> list[str]:
    """The most selective anchor set: its words are the rarest in English text (or [])."""
    frequency = word_frequencies()
    sets = anchor_sets(pattern)
    if not sets:
        return []
    return min(sets, key=lambda words: sum(frequency.get(w, 1) for w in words))


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
