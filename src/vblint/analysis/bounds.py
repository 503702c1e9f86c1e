"""The spaCy factory ``vblint_bounds``: no "sentence" is longer than :data:`MAX_TOKENS`.

Rules look at a finding's sentence (its subject, an agent, an age, a cue word) once per
finding, so a sentence that never ends ("she put herself at risk " a thousand times, with no
full stop) made checking quadratic in its length. Before the parser runs, a stretch of more
than ``MAX_TOKENS`` tokens with no full stop, question or exclamation mark and no sentence
start already set (by :mod:`vblint.analysis.lines`) gets sentence starts forced into it, so
every sentence, and every walk over one, is bounded. Ordinary prose never has such a stretch,
so its sentences and findings are unchanged.
"""

from __future__ import annotations

import itertools

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "vblint_bounds"
MAX_TOKENS = 100
# Within the last LOOKBACK tokens before a forced start, the cut goes after a comma, semicolon,
# colon or dash where there is one, so a clause is kept whole where the text allows it.
LOOKBACK = 30
_SOFT_STOPS = frozenset([",", ";", ":", "-", "\u2013", "\u2014", ")"])
_FULL_STOPS = (".", "!", "?", "...", "\u2026")


def forced_starts(doc: Doc, limit: int = MAX_TOKENS) -> list[int]:
    """Token indices to mark as sentence starts so that no stretch exceeds ``limit`` tokens."""
    n = len(doc)
    if n <= limit:
        return []
    attrs = doc.to_array([SENT_START, ORTH])
    stops = numpy.isin(attrs[:, 1], [doc.vocab.strings[s] for s in _FULL_STOPS])
    # A token after a full stop, or already marked, may start a sentence: those bound a stretch.
    bounds = numpy.flatnonzero(attrs[:, 0] == 1).tolist()
    bounds += (numpy.flatnonzero(stops[:-1]) + 1).tolist()
    edges = sorted({0, *bounds, n})
    forced: list[int] = []
    for start, end in itertools.pairwise(edges):
        at = start
        while end - at > limit:
            cut = _cut(doc, at + limit)
            forced.append(cut)
            at = cut
    return forced


def _cut(doc: Doc, hard: int) -> int:
    """The token to start the next sentence at, at most ``hard`` and after a soft stop if any."""
    for i in range(hard - 1, hard - LOOKBACK, -1):
        if doc[i - 1].text in _SOFT_STOPS:
            return i
    return hard


@Language.component(FACTORY, assigns=["token.is_sent_start"])
def bound_sentences(doc: Doc) -> Doc:
    """Force sentence starts into overlong stretches (see the module docstring)."""
    for index in forced_starts(doc):
        doc[index].is_sent_start = True
    return doc
