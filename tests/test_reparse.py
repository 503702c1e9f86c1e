"""Verifying rewrites re-parses each rewritten sentence once: counts of work, never seconds."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from vblint import Linter
from vblint.analysis import rewrite
from vblint.findings import SuggestionKind

# A name no other test uses, so nothing of it is kept from earlier checks in the session.
NOTE = "Quenby, 14, put herself at risk by going to the party with older men."


def _verifier(linter: Linter) -> rewrite.Verifier:
    verifier: rewrite.Verifier = linter.nlp.get_pipe("vblint").engine.verifier  # type: ignore[attr-defined]
    return verifier


def test_a_note_checked_again_reparses_no_rewrite(linter: Linter) -> None:
    verifier = _verifier(linter)
    before = verifier.reparsed
    first = linter.check(NOTE)
    parsed = verifier.reparsed - before
    assert parsed >= 1
    assert any(s.kind is SuggestionKind.REPLACE for f in first for s in f.suggestions)
    again = verifier.reparsed
    assert linter.check(NOTE) == first
    assert verifier.reparsed == again


def test_the_same_rewrite_in_another_note_is_not_reparsed(linter: Linter) -> None:
    verifier = _verifier(linter)
    sentence = NOTE.replace("Quenby", "Ysolde")
    start = verifier.reparsed
    first = linter.check(f"Home visit on 02/03. {sentence}")
    assert verifier.reparsed > start
    start = verifier.reparsed
    second = linter.check(f"{sentence} Next visit booked for 09/03.")
    assert verifier.reparsed == start
    assert [f.suggestions for f in second] == [f.suggestions for f in first]


def test_kept_reparses_give_the_findings_of_fresh_ones(linter: Linter) -> None:
    verifier = _verifier(linter)
    notes = [NOTE.replace("Quenby", name) for name in ("Tamsin", "Tamsin", "Saffron")]
    kept = [linter.check(n) for n in notes]
    vocab, verifier._vocab = verifier._vocab, None  # nothing kept: every rewrite parsed
    try:
        start = verifier.reparsed
        fresh = [linter.check(n) for n in notes]
        assert verifier.reparsed - start >= len(notes)
    finally:
        verifier._vocab = vocab
    assert fresh == kept


def _read(doc: Doc) -> list[tuple[object, ...]]:
    words = [(t.text, t.whitespace_, t.idx, t.tag_, t.pos_, str(t.morph)) for t in doc]
    parse = [(t.lemma_, t.norm_, t.dep_, t.head.i, t.is_sent_start) for t in doc]
    return list(zip(words, parse, strict=True))


def test_a_kept_reparse_reads_as_the_fresh_parse(linter: Linter) -> None:
    text = "Oriel, 15, was groomed by a man who gave her cannabis and she went missing."
    fresh = linter.nlp(text)
    fresh._.vblint_blocking = [(1, 2, "VB000")]
    kept = rewrite._Reparsed.of(fresh)
    with linter.nlp.memory_zone():
        again = kept.doc(linter.nlp.vocab)
        assert _read(again) == _read(fresh)
        assert [s.text for s in again.sents] == [s.text for s in fresh.sents]
        assert again._.vblint_blocking == [(1, 2, "VB000")]


def test_the_facts_of_a_target_are_read_once_for_all_its_candidates(
    linter: Linter, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = linter.nlp("Quilla (they/them), 13, put themselves at risk by meeting the man in Luton.")
    target, match = doc[0 : len(doc) - 1], doc[6:10]
    read: list[int] = []
    fact = rewrite._fact
    monkeypatch.setattr(rewrite, "_fact", lambda token, m: read.append(token.i) or fact(token, m))
    first = rewrite.lost_facts(target, match, "the man exploited Quilla, 13")
    once = len(read)
    assert once == len(target)
    second = rewrite.lost_facts(target, match, "Quilla (they/them), 13, was exploited in Luton")
    assert len(read) == once
    assert {t.text for t in first} >= {"Luton"} and "Luton" not in {t.text for t in second}
    assert "they" in {t.text for t in first} and "they" not in {t.text for t in second}
