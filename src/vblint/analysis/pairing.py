"""Who a noun of closeness pairs: "the relationship between teacher Forrest and his pupil".

"A relationship", "closeness" or "conduct" *between* two people presents what happened as
something they share. Said of an adult and a child it hides that one of them is harming the
other. Whether the two are an adult and a child is read from each person's own words in the
"between" phrase, not from the sentence at large: "relationships between pupils and staff were
good" pairs children with the adults teaching them, and "the relationship between Child A and
her mother" is family. A plain "relationship" or "friendship" needs an adult plainly outside
the child's care (an adult age, "a man", "Mr"); a noun already marked as improper ("an
inappropriate closeness") is enough with a teacher or a coach.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from vblint.analysis import words
from vblint.analysis.roles import (
    is_adult_ref,
    is_child_ref,
    main_verb,
    stated_age,
    subject_of,
    surely_child,
)

# Roles holding a position of trust over a child: "the teacher and the pupil".
_TRUSTED = frozenset(
    "teacher teachers coach coaches tutor tutors instructor instructors leader leaders"
    " mentor mentors priest vicar scoutmaster youth".split()
)
# Nouns that say nothing improper by themselves.
_NEUTRAL = frozenset("relationship friendship".split())
_MARKS = frozenset(
    "inappropriate improper special secret possible alleged suspected physical unhealthy"
    " unprofessional sexualised sexualized".split()
)


def _phrase(person: Token, end: int) -> list[Token]:
    return list(person.doc[person.left_edge.i : end + 1])


def _adult(phrase: list[Token], strong_only: bool) -> bool:
    """An adult other than family: an adult age, an adult noun or title, or a trusted role."""
    lowers = {t.lower_.rstrip(".") for t in phrase}
    if lowers & words.of("family_nouns"):
        return False
    for token in phrase:
        age = stated_age(token)
        if age is not None:
            return age >= 18
    if lowers & (words.of("adult_party_words") | words.of("honorifics")):
        return True
    return not strong_only and bool(lowers & _TRUSTED)


def _child(phrase: list[Token]) -> bool:
    """A child by a child noun or an age under 18, not a name or a pronoun alone."""
    for token in phrase:
        age = stated_age(token)
        if age is not None:
            return age < 18
    return any(
        t.pos_ != "PRON"
        and (t.lower_ in words.of("child_nouns") or t.lemma_.lower() in words.of("child_nouns"))
        for t in phrase
    )


def pairs_adult_and_child(span: Span) -> bool:
    """The matched noun's "between" phrase joins an adult and a child (in either order)."""
    noun = next((t for t in span if any(c.lower_ == "between" for c in t.children)), None)
    if noun is None:
        return False
    link = next(c for c in noun.children if c.lower_ == "between")
    first = next((c for c in link.children if c.dep_ == "pobj"), None)
    second = next((c for c in first.children if c.dep_ == "conj"), None) if first else None
    cc = next((c for c in first.children if c.dep_ == "cc"), None) if first else None
    if first is None or second is None or cc is None:
        return False
    one, other = _phrase(first, cc.i - 1), _phrase(second, second.right_edge.i)
    strong = noun.lemma_.lower() in _NEUTRAL and not any(c.lower_ in _MARKS for c in noun.children)
    return (_adult(one, strong) and _child(other)) or (_adult(other, strong) and _child(one))


def child_in_it(span: Span) -> bool:
    """A child is one of the two: the clause's subject, or the person the match is "with".

    "Mum is in a relationship with a known sex offender" pairs two adults; "the youth leader
    was in a relationship with a 15-year-old girl" and "she is seeing an older man" do not.
    """
    verb = main_verb(span)
    subject = subject_of(verb)
    if subject is None or (is_child_ref(subject) and not is_adult_ref(subject)):
        return True
    doc = span.doc
    end = min(len(doc), span.end + 8)
    for token in doc[span.start : end]:
        if token.dep_ == "pobj" and token.head.lower_ == "with":
            return surely_child(token) or _child(_phrase(token, token.i))
    return False
