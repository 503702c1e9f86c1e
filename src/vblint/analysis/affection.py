"""Words of affection for what an adult did to a child: "he kissed and cuddled the 11-year-old".

"Kissed", "cuddled" or "caressed" said of what a man did to a child describes sexual touching
as tenderness that the two shared. Whether the one touched is a child is read from the verb's
own object (or, in the passive, its subject): an age under 18 or a child noun. A parent or
carer comforting their own child ("mum cuddled him when he cried") is not the concern, nor are
two children of an age ("the two 14-year-olds kissed"), nor a professional's care.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from vblint.analysis import words
from vblint.analysis.roles import head_noun, is_child_ref, stated_age, surely_child

_AFFECTION = frozenset("kiss cuddle caress stroke fondle snog canoodle nuzzle".split())


def _touched(verb: Token) -> Token | None:
    """Who the verb is done to: its object, shared with a verb it is joined to, or passive."""
    for candidate in (verb, verb.head if verb.dep_ == "conj" else verb):
        for child in candidate.children:
            if child.dep_ == "dobj":
                return child
            if child.dep_ == "nsubjpass":
                return child
    for conj in verb.children:
        if conj.dep_ == "conj":
            found = next((c for c in conj.children if c.dep_ == "dobj"), None)
            if found is not None:
                return found
    return None


def _doer(verb: Token) -> Token | None:
    """Who did it: the subject, or the "by" agent of a passive."""
    for candidate in (verb, verb.head if verb.dep_ == "conj" else verb):
        for child in candidate.children:
            if child.dep_ == "nsubj":
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _caring(doer: Token) -> bool:
    """Family, a carer or a professional: their care of a child is not what this is about."""
    noun = head_noun(doer)
    lower, lemma = noun.lower_, noun.lemma_.lower()
    care = words.of("family_nouns") | words.of("professional_nouns")
    return lower in care or lemma in care or noun.lower_ in ("teacher", "teachers", "nurse")


def _a_child(person: Token) -> bool:
    """A child by a child noun or age, or a name with its age beside it ("Ava, 10,")."""
    if surely_child(person):
        return True
    return any(
        c.dep_ in ("appos", "nummod", "npadvmod") and c.text.isdigit() and int(c.text) < 18
        for c in person.children
    )


def affection_to_child(span: Span) -> bool:
    """The verb of affection is done to a child, by someone other than family or a carer."""
    verb = span.root
    if verb.dep_ == "conj" and verb.head.lemma_.lower() in _AFFECTION:
        return False  # "kissed and cuddled": one finding, on the first verb
    touched = _touched(verb)
    if touched is None or not _a_child(head_noun(touched)):
        return False
    doer = _doer(verb)
    if doer is None:
        return True
    if _caring(doer):
        return False
    age = stated_age(head_noun(doer))
    if age is not None:
        return age >= 18
    return not (is_child_ref(doer) and doer.pos_ != "PRON")


def not_from_family(span: Span) -> bool:
    """The affectionate verb's doer is not family, a carer or a professional caring for them."""
    doer = _doer(span.root)
    return doer is None or not _caring(doer)
