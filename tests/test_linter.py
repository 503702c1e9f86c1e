"""``Linter.check_many`` batches texts through ``nlp.pipe`` and still returns each text's own
findings, in order, with offsets into that text."""

from __future__ import annotations

from vblint import Linter
from vblint.linter import CHUNK_CHARS, LEMMA_CACHE_LIMIT

FLAGGED = "She put herself at risk by meeting him."
CLEAN = "He put her at risk by arranging to meet her."


def test_check_many_matches_check_one_at_a_time(linter: Linter) -> None:
    filler = "Home visit completed and the plan was agreed with mum.\n"
    long_text = filler * (CHUNK_CHARS // len(filler) + 10) + FLAGGED
    texts = [FLAGGED, "", CLEAN, long_text, "😀 " + FLAGGED, CLEAN, FLAGGED]
    singly = [linter.check(t) for t in texts]
    batched = list(linter.check_many(iter(texts), batch_size=3))
    assert batched == singly
    assert singly[0] and singly[3] and singly[4] and not singly[1]
    finding = singly[3][-1]
    assert long_text[finding.start : finding.end] == finding.text
    assert finding.start > CHUNK_CHARS


def test_lemmatizer_cache_stays_bounded_across_checks(linter: Linter) -> None:
    """A long-running user never has to empty spaCy's caches itself."""
    lemmatizer = linter.nlp.get_pipe("lemmatizer")
    lemmatizer.cache.update({("made-up", i): ["x"] for i in range(LEMMA_CACHE_LIMIT + 1)})
    linter.check("She put herself at risk.")
    assert len(lemmatizer.cache) == 0
    list(linter.check_many(["She put herself at risk.", "Maya went out."]))
    assert 0 < len(lemmatizer.cache) < LEMMA_CACHE_LIMIT
