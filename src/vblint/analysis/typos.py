"""Typo-tolerant matching of single trigger words ("promiscous"), at lower confidence.

TextBlob's English word-frequency list (shipped inside the textblob package; no NLTK corpus
is read) tells a misspelling from a real word, so "prostate" is never taken for "prostitute".
Only tokens that are not English words and lie within a small edit distance of a trigger are
considered, which keeps the cost on clean text to one set lookup per long word.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy
from spacy.attrs import IS_ALPHA, LENGTH, LOWER
from spacy.tokens import Doc

TYPO_CONFIDENCE = 0.6
MIN_LENGTH = 6
_SEEN_LIMIT = 200_000


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    """TextBlob's bundled English word counts, read once (no NLTK corpus involved)."""
    from textblob.en import spelling

    if len(spelling) == 0:
        spelling.load()
    return dict(spelling)


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Every word TextBlob's English dictionary knows."""
    return frozenset(word_frequencies())


def distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment edit distance, giving up once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        best = row[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
            best = min(best, row[j])
        if best > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


class TypoMatcher:
    """Finds near-misses of trigger words and says which rule each belongs to."""

    def __init__(self, triggers: Iterable[tuple[str, str]]) -> None:
        self._by_word: dict[str, str] = {}
        for word, rule_id in triggers:
            self._by_word.setdefault(word.lower(), rule_id)
        self._known = english_words() | frozenset(self._by_word)
        # The trigger each lower-case form (by its hash) is a near-miss of, or None: a note
        # repeats its words, and the answer for a form never changes.
        self._seen: dict[int, str | None] = {}

    def __bool__(self) -> bool:
        return bool(self._by_word)

    def __call__(self, doc: Doc) -> list[tuple[str, int, str]]:
        """(rule id, token index, the trigger word it resembles) for each near-miss."""
        hits: list[tuple[str, int, str]] = []
        if not len(doc):
            return hits
        lengths, alpha, lowers = doc.to_array([LENGTH, IS_ALPHA, LOWER]).T
        wanted = numpy.flatnonzero((lengths >= MIN_LENGTH) & (alpha == 1))
        seen = self._seen
        if len(seen) > _SEEN_LIMIT:
            seen.clear()
        strings = doc.vocab.strings
        for index, lower in zip(wanted.tolist(), lowers[wanted].tolist(), strict=True):
            if lower in seen:
                match = seen[lower]
            else:
                word = strings[lower]
                match = seen[lower] = None if word in self._known else self.closest(word)
            if match is not None:
                hits.append((self._by_word[match], index, match))
        return hits

    def closest(self, word: str) -> str | None:
        """The trigger ``word`` is a likely misspelling of, if any."""
        limit = 1 if len(word) < 8 else 2
        best: tuple[int, str] | None = None
        for trigger in self._by_word:
            if trigger[0] != word[0] and trigger[1:2] != word[1:2]:
                continue
            d = distance(word, trigger, limit)
            if 0 < d <= limit and (best is None or d < best[0]):
                best = (d, trigger)
        return best[1] if best else None
