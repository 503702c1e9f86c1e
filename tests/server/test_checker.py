"""The check process's own functions: offsets in units, and the bounded lemmatizer cache."""

from __future__ import annotations

from vblint import Linter, Options
from vblint_server.checker import LEMMA_CACHE_LIMIT, Job, check, trim_caches


def test_check_converts_offsets_and_keeps_line_columns_in_code_points(linter: Linter) -> None:
    text = "🙂\n👩🏽 She put herself at risk by meeting him."
    (cp,) = [f for f in check(linter, Job(text, "text", Options(), "codepoint"))]
    (u16,) = [f for f in check(linter, Job(text, "text", Options(), "utf-16"))]
    assert text[cp["start"] : cp["end"]] == "She put herself at risk by meeting him"
    assert (u16["start"], u16["end"]) == (cp["start"] + 3, cp["end"] + 3)
    assert (u16["line"], u16["column"]) == (cp["line"], cp["column"]) == (2, 4)


def test_lemmatizer_cache_is_emptied_when_large(linter: Linter) -> None:
    lemmatizer = linter.nlp.get_pipe("lemmatizer")
    lemmatizer.cache.update({("made-up", i): ["x"] for i in range(LEMMA_CACHE_LIMIT + 1)})
    trim_caches(linter)
    assert len(lemmatizer.cache) == 0
    linter.check("She put herself at risk.")
    assert 0 < len(lemmatizer.cache) < LEMMA_CACHE_LIMIT
    trim_caches(linter)
    assert len(lemmatizer.cache) > 0
