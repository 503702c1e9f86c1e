"""An evaluative judgement of a person, read from the parse rather than from a fixed phrase list.

"She is difficult", "he presents as dangerous", "a troublesome young person", "Her account is
exaggerated", "That was a dumb thing to do": a person (the child, a parent) or their account is
the subject of *be / seem / appear / become / present as / come across as*, and the complement is
an adjective or noun that judges rather than observes. Judging words come from the lexicon
(``judgement_words``, ``judgement_nouns``, ``credibility_words``) and, beyond it, from TextBlob's
bundled sentiment lexicon (negative and subjective adjectives, at lower confidence). Clinical
observations ("tired", "withdrawn", "frightened", "quiet") are in ``clinical_states`` and never
count, so a note can say how a child presented.

This is a *detector*: a rule names it in ``match: [{detector: judgement}]`` and keeps its own
message, severity, conditions and examples like any other rule.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Container
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from vblint.analysis import words
from vblint.analysis.roles import head_noun, is_adult_ref, is_child_ref

# TextBlob words count when at least this negative and this subjective.
MAX_POLARITY = -0.3
MIN_SUBJECTIVITY = 0.6
LEXICON_CONFIDENCE = 0.9
SENTIMENT_CONFIDENCE = 0.7
_COMPLEMENT_DEPS = ("acomp", "attr", "oprd")
_INTENSIFIERS = frozenset(
    "very so really too quite extremely incredibly such a an rather pretty particularly".split()
)


@dataclass(frozen=True, slots=True)
class Judgement:
    """A judging word about a person, with how sure the detector is."""

    span: Span
    word: str
    confidence: float
    kind: str = "character"  # or "credibility": a judgement of the child's account


@lru_cache(maxsize=1)
def negative_subjective() -> frozenset[str]:
    """Adjectives TextBlob's sentiment lexicon scores as negative and subjective (read once)."""
    import textblob

    path = Path(textblob.__file__).parent / "en" / "en-sentiment.xml"
    if not path.is_file():
        return frozenset()
    scores: dict[str, list[tuple[float, float]]] = {}
    for word in ET.parse(path).getroot().iter("word"):
        form, pos = word.get("form"), word.get("pos")
        try:
            polarity = float(word.get("polarity") or 0)
            subjectivity = float(word.get("subjectivity") or 0)
        except ValueError:
            continue
        if form and pos == "JJ":
            scores.setdefault(form.lower(), []).append((polarity, subjectivity))
    out = set()
    for form, senses in scores.items():
        polarity = sum(p for p, _ in senses) / len(senses)
        subjectivity = sum(s for _, s in senses) / len(senses)
        if polarity <= MAX_POLARITY and subjectivity >= MIN_SUBJECTIVITY and " " not in form:
            out.add(form)
    return frozenset(out)


def _judging(token: Token) -> float:
    """How surely ``token`` judges (0: it does not)."""
    lower, lemma = token.lower_, token.lemma_.lower()
    if lower in words.of("clinical_states") or lemma in words.of("clinical_states"):
        return 0.0
    # The small parser tags an unfamiliar adjective ("naïve", "flirty") as a noun now and then.
    complement = token.dep_ in ("acomp", "attr", "oprd", "amod")
    if (token.pos_ in ("ADJ", "VERB", "PROPN") or complement) and (
        lower in words.of("judgement_words") or lemma in words.of("judgement_words")
    ):
        return LEXICON_CONFIDENCE
    if token.pos_ in ("NOUN", "PROPN") and (
        lower in words.of("judgement_nouns") or lemma in words.of("judgement_nouns")
    ):
        return LEXICON_CONFIDENCE
    if token.pos_ == "ADJ" and lower in negative_subjective():
        return SENTIMENT_CONFIDENCE
    return 0.0


def _judged_person(subject: Token) -> bool:
    """A subject whose character the note may be judging: the child, a parent or carer."""
    if _the_other_one(subject):
        return False
    noun = head_noun(subject)
    if noun.lower_ in words.of("perpetrator_nouns") or noun.lemma_.lower() in words.of(
        "perpetrator_nouns"
    ):
        return False
    if is_child_ref(noun):
        return True
    return noun.lower_ in words.of("family_nouns") or (
        is_adult_ref(noun) and noun.lemma_.lower() in words.of("family_nouns")
    )


def _the_other_one(subject: Token) -> bool:
    """A "he" inside what "she" knew or said: the other person, not the one judged.

    "She should have known he was dangerous" judges the man she was with, not her.
    """
    if subject.lower_ not in ("he", "she"):
        return False
    clause = subject.head
    if clause.dep_ != "ccomp":
        return False
    outer = next((c for c in clause.head.children if c.dep_ == "nsubj"), None)
    return outer is not None and outer.lower_ in ("he", "she") and outer.lower_ != subject.lower_


def _account(subject: Token) -> bool:
    """A child's account: "her account", "the disclosure", "his story"."""
    noun = head_noun(subject)
    return noun.lemma_.lower() in words.of("account_nouns")


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or for "appears to be malicious" the subject of "appears"."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return child
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            return None
        if verb.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in verb.head.children):
            return None  # "information they know to be false": the object is what is judged
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in words.of("linking_verbs"):
            return None
        verb = verb.head
    return None


def _copula(token: Token) -> Token | None:
    """The linking verb a complement belongs to ("is difficult", "presents as dangerous")."""
    head = token.head
    if token.dep_ in _COMPLEMENT_DEPS and head.lemma_.lower() in words.of("linking_verbs"):
        return head
    # "presents as dangerous", "comes across as a threat": the word hangs from "as".
    if token.dep_ in ("pobj", "amod", "acomp") and head.lower_ == "as":
        verb = head.head
        if verb.lemma_.lower() in words.of("linking_verbs"):
            return verb
    return None


def _phrase(token: Token) -> Span:
    """The judging word with its intensifiers and, for a noun phrase, its modifiers."""
    start = token.i
    while start > 0 and token.doc[start - 1].lower_ in _INTENSIFIERS:
        start -= 1
    end = token.i + 1
    if token.dep_ in ("amod", "compound") and 0 < token.head.i - token.i <= 3:
        end = token.head.i + 1  # "a difficult child", "a difficult, demanding child"
    return token.doc[start:end]


def _act_noun(noun: Token) -> bool:
    return noun.lemma_.lower() in ("thing", "decision", "choice", "mistake", "idea")


def _act_judged(token: Token, verb: Token) -> bool:
    """A judgement of the child's act: "That was a dumb thing to do", "It was stupid of her"."""
    subject = _subject(verb)
    if subject is None or subject.lower_ not in ("it", "that", "this"):
        return False
    if any(c.lower_ == "of" for c in token.children):
        return True
    head = token.head if token.dep_ == "amod" else token
    return head.lemma_.lower() in ("thing", "decision", "choice", "mistake", "idea")


def judgements(
    doc: Doc, prefilter: bool = True, values: list[int] | None = None
) -> list[Judgement]:
    """Every evaluative judgement of a person (or of a child's account) in ``doc``.

    Without ``prefilter`` every token is weighed, not only those holding a judging word: the
    same judgements, slower (the tests compare the two). ``values``, if given, is (LOWER,
    LEMMA) of each token one after the other, as the matcher has already read them.
    """
    found = _judgements(doc, prefilter, values)
    kept: list[Judgement] = []
    for judgement in sorted(found, key=lambda j: (j.span.start, -len(j.span))):
        if kept and judgement.span.start < kept[-1].span.end:
            continue  # "a difficult, demanding child" is one judgement
        kept.append(judgement)
    return kept


# For each set of judging words, which word hashes (a token's LOWER or LEMMA) are one of them,
# lowercased: the answer per hash never changes, so it is kept (up to a bound).
_TRIGGERS: dict[tuple[int, ...], tuple[frozenset[str], dict[int, bool]]] = {}
_TRIGGER_CACHE_LIMIT = 200_000


def _triggers(doc: Doc, values: list[int] | None = None) -> list[int]:
    """Indices of the tokens whose form or lemma is a judging word, in order.

    Only these can judge (see :func:`_judging`), so the walk over the parse is done for them
    alone, not in Python for every token of the document.
    """
    sets = (words.of("judgement_words"), words.of("judgement_nouns"), negative_subjective())
    key = tuple(id(s) for s in sets)
    if key not in _TRIGGERS:
        _TRIGGERS.clear()
        _TRIGGERS[key] = (frozenset().union(*sets), {})
    wanted, known = _TRIGGERS[key]
    if len(known) > _TRIGGER_CACHE_LIMIT:
        known.clear()
    if values is None:
        values = cast("list[int]", doc.to_array([LOWER, LEMMA]).ravel().tolist())
    strings = doc.vocab.strings
    held = cast("Container[int]", strings)  # the store answers for hashes as well as strings
    hits = set()
    for value in set(values):
        hit = known.get(value)
        if hit is None:
            if value not in held:
                continue
            hit = known[value] = strings[value].lower() in wanted
        if hit:
            hits.add(value)
    if not hits:
        return []
    # Two values per token: the token's index is the value's halved.
    return sorted({index >> 1 for index, value in enumerate(values) if value in hits})


def _judgements(doc: Doc, prefilter: bool, values: list[int] | None) -> list[Judgement]:
    found: list[Judgement] = []
    for index in _triggers(doc, values) if prefilter else range(len(doc)):
        token = doc[index]
        confidence = _judging(token)
        if not confidence:
            continue
        # "a troublesome young person": the adjective's noun is the complement; in "difficult
        # and hostile" the second word stands where the first does.
        anchor = token
        while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
            anchor = anchor.head
        if anchor.dep_ == "amod" and anchor.head.lower_ == "old" and anchor.head.pos_ == "ADJ":
            anchor = anchor.head  # "a wilful 14-year-old"
        elif anchor.dep_ == "amod" and anchor.head.pos_ in ("NOUN", "PROPN"):
            noun = anchor.head
            if (
                not _act_noun(noun)
                and noun.lemma_.lower() not in words.of("person_nouns")
                and (noun.lower_ not in words.of("person_nouns"))
            ):
                continue  # "they were serious sexual assaults": not a person judged
            anchor = noun
        verb = _copula(anchor)
        if verb is None:
            continue
        subject = _subject(verb)
        if _act_judged(token, verb):
            found.append(Judgement(_phrase(token), token.text, confidence))
            continue
        if subject is None:
            continue
        if _account(subject):
            if token.lower_ in words.of("credibility_words"):
                found.append(Judgement(_phrase(token), token.text, confidence, "credibility"))
        elif _judged_person(subject):
            found.append(Judgement(_phrase(token), token.text, confidence))
    return found
