"""An age written into a noun phrase is read once per document, with the same answers."""

from __future__ import annotations

import re

from spacy.tokens import Token

from vblint import Linter
from vblint.analysis import roles

TEXTS = [
    "The 11-year-old told staff that a 24-year-old man had given her alcohol.",
    "A 15 year old and her 32-years-old boyfriend were seen; the 9-year old was at home.",
    "Maya, 14, said the old man at the bus stop holds her phone; she is bold and cold.",
    "Two 16-year-olds met 19-year-old men.\n\nThe 45-year-old had sex with a girl, 13.",
    "Jade (15) went to the household of the o l d man, aged 40, who is 30 years old.",
]


def _reference(token: Token) -> int | None:
    """The reading before the document's "old"s were found once: the phrase's text each time."""
    if token.pos_ not in ("NOUN", "PROPN", "ADJ") or token.dep_ in ("amod", "npadvmod"):
        return None
    text = token.doc[token.left_edge.i : token.i + 1].text.replace(" ", "")
    found = re.search(r"(\d{1,2})-years?-?old", text)
    return int(found.group(1)) if found is not None else None


def test_stated_age_gives_the_phrase_reading_for_every_token(linter: Linter) -> None:
    ages = []
    for doc in linter.nlp.pipe(TEXTS):
        for token in doc:
            assert roles.stated_age(token) == _reference(token), (token.text, doc.text)
        ages += [a for a in map(roles.stated_age, doc) if a is not None]
    assert {11, 24, 32, 9, 16, 19, 45} <= set(ages)


def test_a_document_without_old_reads_no_phrase(linter: Linter) -> None:
    doc = linter.nlp("Maya, 14, met the man at the park after school; he gave her cannabis.")
    assert roles._olds(doc) == ([], [])
    aged = linter.nlp("The 11-year-old told staff.")
    noun = next(t for t in aged if _reference(t) == 11)
    assert roles.stated_age(noun) == 11
    aged.user_data[roles._OLDS_KEY] = ([], [])  # what the document is known not to hold
    assert roles.stated_age(noun) is None  # so no phrase of it is read at all
