"""The compiled attribute rules give exactly what spaCy's AttributeRuler gives, token by token."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from vblint.analysis import pipeline
from vblint.analysis.attributes import NAME, CompiledAttributes, compile_ruler

ROOT = Path(__file__).resolve().parents[1]

AWKWARD = [
    "I ain't gonna go, y'all. Let's go, c'mon, 'nuff said, nothin' doin', goin' home, ol' man.",
    "There is a   dog.\n\n  It  is   there.\tIs it?  \n",
    "But I do not. Did you do it? I did. Whether it's so, that which he had, he has.",
    "She's been told it'll be fine; we've gotta wait 'til they're sure, haven't we?",
    "",
    "   ",
]


def attributes(docs: Iterable[Doc]) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for doc in docs for t in doc]


def corpus_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "corpus").glob("*.yaml")):
        texts += [item["text"] for item in yaml.safe_load(path.read_text())["items"]]
    seeds = ROOT.parent / "shared" / "seeds"
    texts += [p.read_text() for p in sorted(seeds.glob("*.md"))] if seeds.is_dir() else []
    return texts


@pytest.fixture(scope="module")
def shipped() -> Language:
    """The pipeline vblint runs, with the model's own attribute ruler back in its place."""
    nlp = pipeline.load_base()
    nlp.add_pipe("attribute_ruler", source=pipeline.load_model(), after=NAME)
    nlp.remove_pipe(NAME)
    return nlp


def test_the_pipeline_runs_the_compiled_rules() -> None:
    nlp = pipeline.load_base()
    assert NAME in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert nlp.pipe_names.index(NAME) == nlp.pipe_names.index("lemmatizer") - 1


def test_same_tags_morphology_lemmas_as_the_ruler_on_the_corpus(shipped: Language) -> None:
    texts = corpus_texts() + AWKWARD
    assert len(texts) > 600
    fast = pipeline.load_base()
    expected = attributes(shipped.pipe(texts))
    got = attributes(fast.pipe(texts))
    assert len(got) == len(expected) > 10_000
    assert [g for g, e in zip(got, expected, strict=True) if g != e] == []


def blank_with(patterns: list[dict[str, Any]]) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


OPERATORS: list[dict[str, Any]] = [
    {"patterns": [[{"LOWER": {"IN": ["cat", "dog"]}}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": {"NOT_IN": ["the", "cat", "dog", "."]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": {"REGEX": "^s.t"}}]], "attrs": {"LEMMA": "sit"}},
    {"patterns": [[{"LOWER": "the"}, {"LOWER": "cat"}]], "attrs": {"POS": "DET"}, "index": 0},
    {"patterns": [[{"LOWER": "the"}, {"LOWER": "dog"}]], "attrs": {"TAG": "DT"}, "index": -2},
    {"patterns": [[{"ORTH": "."}]], "attrs": {"POS": "PUNCT", "MORPH": "PunctType=Peri"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    # Later entries win over earlier ones for the same token, as in the ruler.
    {"patterns": [[{"LOWER": "cat"}]], "attrs": {"POS": "PROPN"}},
]


def test_operators_indices_and_precedence_match_the_ruler() -> None:
    ruler = blank_with(OPERATORS)
    compiled = CompiledAttributes.of(ruler.get_pipe("attribute_ruler"))  # type: ignore[arg-type]
    assert compiled is not None
    texts = ["The cat sat.  The dog sits on the mat.", "the cat", "Dog", ""]
    for text in texts:
        want = ruler(text)
        got = compiled(ruler.make_doc(text))
        assert attributes([got]) == attributes([want])
    doc = compiled(ruler.make_doc("The cat sat."))
    assert [t.pos_ for t in doc] == ["DET", "PROPN", "VERB", "PUNCT"]
    assert doc[2].lemma_ == "sit"


def test_a_ruler_with_operators_it_does_not_compile_is_left_in_place() -> None:
    nlp = blank_with([{"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}}])
    assert CompiledAttributes.of(nlp.get_pipe("attribute_ruler")) is None  # type: ignore[arg-type]
    assert compile_ruler(nlp) is False
    assert nlp.pipe_names == ["attribute_ruler"]
    assert compile_ruler(spacy.blank("en")) is False  # no ruler at all
