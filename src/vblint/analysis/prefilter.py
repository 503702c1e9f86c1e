"""Whether a note can match any rule, from its tokens alone, before it is parsed.

Most case notes match no rule. Parsing is nearly all of vblint's time, so a note whose words
cannot start any match is not parsed at all. A note can match only if one of its tokens is

- a word of a rule's phrase (the phrase matcher runs on the tokens as they are),
- a near-miss of a trigger word (the typo matcher reads only the tokens' text),
- or, in any form, an anchor word of a token or dependency pattern, or a judging word.

"In any form" is the part that needs care: patterns and the judgement detector read lemmas,
which the parse gives. So each anchor word is also matched by every form the model's
lemmatizer could reduce to it: its exceptions (``went`` -> ``go``) and its suffix rules
(``grooming`` -> ``groom``), applied for every part of speech, and the few lemmas the attribute
rules set. That is a superset of what the parse can give, which is all a filter needs; what is
left is decided by the full analysis, so findings never change (``tests/test_prefilter.py``).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.tokens import Doc

from vblint.analysis.matcher import RuleMatcher

# Parts of speech the rule lemmatizer has tables for (it lower-cases every other word).
_POS = ("noun", "verb", "adj", "adv", "propn", "aux", "pron", "det", "num", "x")
_CACHE_LIMIT = 200_000


class NotePrefilter:
    """Answers "can this tokenised text match any rule?" for one pipeline and ruleset."""

    def __init__(self, nlp: Language, matcher: RuleMatcher, judging: Iterable[str]) -> None:
        self.matcher = matcher
        self.judging = frozenset(w.lower() for w in judging)
        self.needs = matcher.needs()
        every = {w for needs in self.needs for group in needs for w in group}
        self.words = self.judging | frozenset(every)
        self.enabled = not matcher.matches_anywhere()
        # Each pattern filed under the words of its first word set: a pattern can be met only
        # where one of those occurs, so only those patterns are weighed for a note.
        self._by_word: dict[str, list[list[frozenset[str]]]] = {}
        self._unfiled = any(not needs for needs in self.needs)
        for needs in self.needs:
            for word in needs[0] if needs else ():
                self._by_word.setdefault(word, []).append(needs)
        self._rules: dict[str, list[tuple[str, str]]] = {}
        self._exceptions: dict[str, set[str]] = {}
        if "lemmatizer" in nlp.pipe_names:
            lookups: Lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", Lookups())
            rules = lookups.get_table("lemma_rules", {})
            exceptions = lookups.get_table("lemma_exc", {})
            for pos in _POS:
                self._rules[pos] = [(old, new) for old, new in rules.get(pos, [])]
                for form, lemmas in exceptions.get(pos, {}).items():
                    self._exceptions.setdefault(form, set()).update(lemmas)
        self._always: set[str] = set()
        self._forms = self._ruler_forms(nlp)
        self._known: dict[int, frozenset[str]] = {}

    def _ruler_forms(self, nlp: Language) -> dict[str, set[str]]:
        """Forms the attribute rules give a lemma that is one of the words.

        A rule whose tokens are not literal forms (a regular expression) could give its lemma
        to any token: that lemma is taken to be in every note.
        """
        forms: dict[str, set[str]] = {}
        for name in ("attribute_ruler", "vblint_attributes"):
            pipe = nlp.get_pipe(name) if name in nlp.pipe_names else None
            for entry in getattr(pipe, "patterns", None) or ():
                lemma = entry.get("attrs", {}).get("LEMMA")
                if not isinstance(lemma, str) or lemma.lower() not in self.words:
                    continue
                for pattern in entry.get("patterns", ()):
                    for token in pattern:
                        value = token.get("LOWER", token.get("ORTH"))
                        if isinstance(value, str):
                            forms.setdefault(value.lower(), set()).add(lemma.lower())
                        else:
                            self._always.add(lemma.lower())
        return forms

    def may_match(self, doc: Doc) -> bool:
        """Whether any rule could match ``doc`` (tokenised, not parsed). True when unsure.

        A pattern can match only if the note holds a word of every word set it needs.
        """
        if not self.enabled or not self.matcher.prefilter:
            return True
        if len(self._known) > _CACHE_LIMIT:
            self._known.clear()
        strings = doc.vocab.strings
        present: set[str] = set(self._always)
        for value in numpy.unique(doc.to_array([LOWER])).tolist():
            reached = self._known.get(value)
            if reached is None:
                reached = self._known[value] = self._words_of(strings[value])
            present.update(reached)
        if not self.judging.isdisjoint(present):
            return True
        if self._needs_met(present):
            return True
        return bool(self.matcher.phrases(doc)) or bool(self.matcher.typos(doc))

    def _needs_met(self, present: set[str]) -> bool:
        """Some pattern has a word of every word set it needs among ``present``."""
        if self._unfiled:
            return True
        by_word = self._by_word
        for word in present:
            for needs in by_word.get(word, ()):
                if all(not group.isdisjoint(present) for group in needs):
                    return True
        return False

    def _words_of(self, form: str) -> frozenset[str]:
        """The words ``form`` (lower case) is, or could have as its lemma."""
        found = {form} | self._forms.get(form, set()) | self._exceptions.get(form, set())
        for rules in self._rules.values():
            for old, new in rules:
                if form.endswith(old):
                    found.add(form[: len(form) - len(old)] + new)
        return frozenset(found & self.words)
