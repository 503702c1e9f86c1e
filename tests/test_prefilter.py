"""The prefilter only skips work: with it on or off, every finding is the same, field for field.

The prefilter decides from a sentence's words (and a note's, before it is parsed) whether any
rule could match there; the full analysis runs everywhere when it is off. Compared on the
invented case notes, both labelled corpora, every rule's examples and the seed chapter, through
the real Linter.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus_score import load_corpus
from real_corpus import load_real
from vblint import Finding, Linter
from vblint.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from casenotes import corpus  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def _texts(name: str) -> list[str]:
    if name == "casenotes":
        return corpus(20_000, 20240601)
    if name == "corpus":
        return [item.text for item in load_corpus()]
    if name == "real":
        return [item.text for item in load_real()]
    if name == "examples":
        rules = load_rules()
        return [ex.text for r in rules for ex in r.examples.flag] + [
            text for r in rules for text in r.examples.pass_
        ]
    if not SEEDS.is_dir():
        pytest.skip(f"seed directory {SEEDS} is absent (it sits beside the checkout)")
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]


def _check(linter: Linter, texts: list[str], prefilter: bool) -> list[list[Finding]]:
    with Prefilter(linter, prefilter):
        return list(linter.check_many(texts))


class Prefilter:
    """Turn the component's prefilter on or off for the block, then restore it."""

    def __init__(self, linter: Linter, on: bool) -> None:
        self.component = linter.nlp.get_pipe("vblint")
        self.on = on

    def __enter__(self) -> None:
        self.was: bool = self.component.prefilter  # type: ignore[attr-defined]
        self.component.prefilter = self.on  # type: ignore[attr-defined]

    def __exit__(self, *exc: object) -> None:
        self.component.prefilter = self.was  # type: ignore[attr-defined]


def _differences(
    texts: list[str], on: list[list[Finding]], off: list[list[Finding]]
) -> Iterator[str]:
    for text, with_it, without in zip(texts, on, off, strict=True):
        if with_it != without:
            yield f"{text[:60]!r}: {len(with_it)} findings with the prefilter, {len(without)} off"


@pytest.mark.slow
@pytest.mark.parametrize("name", ["casenotes", "corpus", "real", "examples", "seed"])
def test_prefilter_keeps_every_finding(linter: Linter, name: str) -> None:
    texts = _texts(name)
    on = _check(linter, texts, prefilter=True)
    off = _check(linter, texts, prefilter=False)
    assert list(_differences(texts, on, off)) == []
    if name != "seed":  # the seed chapter only warns against phrases: it has no findings
        assert sum(map(len, on)) > 0  # the comparison is not vacuous


def test_prefilter_switch_reaches_the_matcher(linter: Linter) -> None:
    component = linter.nlp.get_pipe("vblint")
    with Prefilter(linter, False):
        assert component.matcher.prefilter is False  # type: ignore[attr-defined]
    assert component.matcher.prefilter is True  # type: ignore[attr-defined]
