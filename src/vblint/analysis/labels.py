"""Whether a label in the match is said of the child or names the people around them.

"Tyler is a gang member" labels the child; "Kai associates with gang members" and "he was
seen with gang members" name the people he is with, who may be exploiting him. A rewrite of
the label ("a child exploited by an organised crime group") is only true of the first: said
of the second, it would turn the people exploiting the child into children.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from vblint.analysis.roles import adult_age_stated, is_adult_ref, is_child_ref, subject_of

# Nouns a label makes of a person: only these can name the people around the child.
_PERSON_LABELS = frozenset(
    "member nominal associate affiliate runner dealer courier offender youth".split()
)
# "listed as a gang nominal", "one of the gang members": still the child's label.
_OWN_PREPOSITIONS = frozenset(["as", "of", "like"])


def _head_noun(span: Span) -> Token:
    """The noun the label is: "members" of "gang members", "person" of "gang-associated person"."""
    root = span.root
    while root.dep_ in ("amod", "compound", "npadvmod") and root.head is not root:
        root = root.head
    return root


def _described(word: Token) -> Token | None:
    """The noun a participle describes: "older males [involved in drug supply]", "who are"."""
    if word.dep_ == "acl":
        return word.head
    if word.dep_ == "acomp" and word.head.dep_ == "relcl":
        return word.head.head
    return None


def said_of_someone_else(span: Span) -> bool:
    """The label names other people: an object of the child's verb or of "with", "by", "from".

    A participle said of an adult ("linked to older males involved in drug supply") is about
    the adult, not the child.
    """
    noun = _head_noun(span)
    described = _described(noun)
    if described is not None:
        return described.pos_ in ("NOUN", "PROPN") and is_adult_ref(described)
    if noun.lemma_.lower() not in _PERSON_LABELS:
        return False  # "his involvement in county lines" is what the child is said to do
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head
    if noun.dep_ in ("dobj", "nsubj", "nsubjpass", "iobj", "dative"):
        return True
    return noun.dep_ == "pobj" and noun.head.lower_ not in _OWN_PREPOSITIONS


def called_adults_partner(span: Span) -> bool:
    """The child is said to be an adult's partner: "She is the older man's girlfriend".

    The noun is what the clause says its subject is, the subject may be the child, and the
    partner belongs to an adult named as one ("the man's", "the 30-year-old's"). With "his"
    the word is VB303's: the boyfriend or girlfriend word of a child and an adult.
    """
    noun = span.root
    if noun.dep_ not in ("attr", "oprd") or noun.head.lemma_ != "be":
        return False
    subject = subject_of(noun.head)
    if subject is None or not is_child_ref(subject) or is_adult_ref(subject):
        return False
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        return False
    return is_adult_ref(owner) or adult_age_stated(owner)
