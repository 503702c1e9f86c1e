"""In-place rewrites built around a noun: sex "with" or "between" people, a trade, a "with".

"There has been sexual activity with an adult male" -> "There has been sexual abuse by an
adult male"; "She has been swapping sex for alcohol with older males" -> "She has been given
alcohol by older males as a means of sexual exploitation". See
:mod:`vblint.analysis.in_place` for the templates that ask for them.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from vblint.analysis.placement import GROUPS, InPlace, first_aux, plural_of
from vblint.analysis.roles import (
    is_child_ref,
    plainly_adult,
    referent,
    subject_of,
    surely_child,
)


def find_exchange(span: Span) -> InPlace | None:
    """What the child was given "in return for sex": the giving was the means of exploiting.

    "He was offering her drugs in return for sex" -> "He was offering her drugs to sexually
    exploit her"; "Amira, 14, was offered vodka in return for sex" -> "... vodka as a means of
    sexual exploitation". What was given, by whom and to whom stays as written; only the
    trade goes. Only where the phrase ends in "sex" and hangs on a verb of giving.
    """
    doc = span.doc
    traded = _child_trades(span)
    if traded is not None:
        return traded
    if len(span) != 3 or span[0].lower_ != "in" or span.end >= len(doc):
        return None
    sex = doc[span.end]
    if sex.lower_ != "sex" or sex.head.i != span[-1].i or sex.n_lefts + sex.n_rights:
        return None
    verb = span[0].head
    for _ in range(3):  # "offered vodka and a phone [in return]": the parse may hang it on a gift
        if verb.pos_ not in ("NOUN", "PROPN") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.lemma_.lower() not in _GIVING:
        return None
    child = next((c for c in verb.children if c.dep_ in ("dative", "dobj")), None)
    subject = subject_of(verb)
    active = subject is not None and subject.dep_ == "nsubj"
    if active and child is not None and child.lower_ in _OBJECT_PRONOUNS:
        words = f"to sexually exploit {child.lower_}"
    else:
        words = "as a means of sexual exploitation"
    return InPlace(span.start_char, sex.idx + len(sex), verb, "exchange", False, body=words)


def find_with(span: Span) -> InPlace | None:
    """The match and the "with" after it, for a wording that names the person itself.

    "She is in a violent relationship with her ex" -> "She is experiencing abuse from her
    ex": the template ends in the preposition that takes the person the sentence names.
    """
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ != "with":
        return None
    link = doc[span.end]
    person = next((c for c in link.children if c.dep_ == "pobj"), None)
    if person is None or person.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return InPlace(span.start_char, link.idx + len(link), span.root, "with", plural=False)


def find_noun(span: Span) -> InPlace | None:
    """A noun of sex "with" (or "between") people, said as abuse by the adult or of the child.

    "There has been sexual activity with an adult male" -> "There has been sexual abuse by an
    adult male"; "He was accused of non-consensual sex with a 15-year-old" -> "He was accused
    of the rape of a 15-year-old"; "the affair between teacher Jeremy Forrest and a teenage
    schoolgirl" -> "the sexual abuse of a teenage schoolgirl by teacher Jeremy Forrest". Only
    where the person is plainly the adult or plainly the child, and nothing frames the act as
    the child's own ("engaged in", "consent to", "a willing participant in"), nor carries it
    as a verb's light object ("had an affair with", which the verb templates rewrite).
    """
    doc = span.doc
    link = span[-1] if span[-1].lower_ in ("with", "between") else None
    if link is None and span.end < len(doc) and doc[span.end].lower_ in ("with", "between"):
        link = doc[span.end]
    if link is None:
        return None
    nouns = [t for t in span if t.pos_ == "NOUN" and t.i < link.i]
    noun = nouns[-1] if nouns else None
    # The parser may hang the "with" on the verb the noun belongs to ("accused of sex with").
    owners = (noun, noun.head, noun.head.head) if noun is not None else ()
    if noun is None or link.head not in owners or noun.i != link.i - 1:
        return None
    if any(a.lemma_.lower() in _TAKING_PART for a in noun.ancestors):
        return None
    if noun.dep_ == "dobj" and noun.head.lemma_ == "have":
        return None
    start = span.start_char
    before = doc[span.start - 1] if span.start > 0 else None
    article = before is not None and before.lower_ in ("a", "an")
    if before is not None and article:
        start = before.idx  # "admitting [an] affair with a pupil" -> "the sexual abuse of"
    owned = before is not None and before.dep_ in ("det", "poss") and not article
    # "There was [child sexual abuse of ...]": after "there is", no article is needed.
    existential = noun.head.lemma_ == "be" and any(c.dep_ == "expl" for c in noun.head.children)
    the = "{}" if owned or existential else "the {}"
    if link.lower_ == "between":
        return _between(noun, link, start, the)
    person = next((c for c in link.children if c.dep_ == "pobj"), None)
    if person is None:
        return None
    if surely_child(person):
        frame = f"{the} of"
    elif plainly_adult(person) or person.lemma_.lower() in GROUPS:
        frame = "{} by"
    else:
        return None
    return InPlace(start, link.idx + len(link), noun, "noun", plural=False, frame=frame)


def _between(noun: Token, link: Token, start: int, the: str) -> InPlace | None:
    """Sex "between" an adult and a child: the abuse of the child by the adult."""
    first = next((c for c in link.children if c.dep_ == "pobj"), None)
    second = next((c for c in first.children if c.dep_ == "conj"), None) if first else None
    if first is None or second is None:
        return None
    if any(t.dep_ in ("relcl", "acl", "appos") or t.is_punct for t in second.subtree):
        return None  # "... and a man of 22, who ...": only two plain noun phrases
    doc = noun.doc

    def phrase(person: Token, end: int) -> str:
        return doc[person.left_edge.i : end + 1].text

    cc = next((c for c in first.children if c.dep_ == "cc"), None)
    if cc is None:
        return None
    one, other = phrase(first, cc.i - 1), phrase(second, second.right_edge.i)
    if surely_child(first) and plainly_adult(second):
        child, adult = one, other
    elif plainly_adult(first) and surely_child(second):
        child, adult = other, one
    else:
        return None
    return InPlace(
        start,
        second.right_edge.idx + len(second.right_edge),
        noun,
        "noun",
        plural=False,
        frame=f"{the} of {child} by {adult}",
    )


# What makes an act the child's own: abuse cannot be put inside these.
_TAKING_PART = frozenset(
    "engage participate involve involvement participant consent agree agreement want enjoy"
    " initiate seek choose willing".split()
)


def _child_trades(span: Span) -> InPlace | None:
    """A child said to trade sex for things: the things were given to exploit them.

    "Kiera is exchanging sex for cannabis and somewhere to stay" -> "Kiera is being given
    cannabis and somewhere to stay as a means of sexual exploitation"; "She has been swapping
    sex for alcohol with older males" -> "She has been given alcohol by older males as a means
    of sexual exploitation". What was given and by whom stay; the trade goes.
    """
    verb = span[0]
    if verb.lemma_.lower() not in _TRADING or verb.pos_ != "VERB":
        return None
    sex = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if sex is None or sex.lower_ != "sex" or sex.n_lefts + sex.n_rights:
        return None
    subject = subject_of(verb)
    if subject is None or not is_child_ref(referent(subject)) or plainly_adult(subject):
        return None
    if any(c.dep_ == "neg" for c in verb.children):
        return None
    doc = span.doc
    to = next((c for c in verb.rights if c.i == sex.i + 1 and c.lower_ == "to"), None)
    offered_to = ""
    if to is not None:
        # "offering sex [to older males] for cigarettes": the people given to are the givers.
        given = next((t for t in to.subtree if t.lower_ == "for" and t.i > to.i + 1), None)
        if given is None or not all(t.is_alpha for t in doc[to.i + 1 : given.i]):
            return None
        offered_to = doc[to.i + 1 : given.i].text
    else:
        given = next((c for c in verb.rights if c.i > sex.i and c.lower_ == "for"), None)
    if (
        given is None
        or (to is None and given.i != sex.i + 1)
        or not any(c.dep_ in ("pobj", "pcomp") for c in given.children)
    ):
        return None
    last = given.right_edge
    words = [t for t in given.subtree if t.i > given.i]
    following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    giver = next(
        (t for t in words if t.lower_ == "with" and t.dep_ == "prep" and t.i > words[0].i), None
    )
    if giver is None and following is not None and following.lower_ == "with":
        # "exchanged sex for drugs [with the men at the flat]": the "with" on the verb
        giver, last = following, following.right_edge
        following = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if following is not None and not following.is_punct:
        return None  # more of the clause after the things: it would be cut off
    by = f" by {offered_to}" if offered_to else ""
    if giver is not None and offered_to:
        return None  # "to" and "with" both name people: which gave is not clear
    if giver is not None:
        person = next((c for c in giver.children if c.dep_ == "pobj"), None)
        if person is None or person.right_edge.i != last.i or is_child_ref(person):
            return None
        by = f" by {doc[giver.i + 1 : last.i + 1].text}"
        words = [t for t in words if t.i < giver.i]
    what = doc[words[0].i : words[-1].i + 1].text
    start = first_aux(verb, doc[: verb.i + 1])
    return InPlace(
        doc[start].idx,
        last.idx + len(last),
        verb,
        "exchange",
        plural_of(subject),
        # "is exchanging" -> "is being given"; "traded" -> "was given" ("has been being"
        # becomes "has been" when the template is put in the verb's form).
        body=f"<be> {'being ' if verb.tag_ == 'VBG' else ''}given {what}{by}"
        " as a means of sexual exploitation",
    )


_TRADING = frozenset(["exchange", "swap", "trade", "offer", "sell"])


# Verbs of giving a child something: what an exploiter gives is the means, not a price.
_GIVING = frozenset("give offer ply provide supply buy promise pay".split())
_OBJECT_PRONOUNS = frozenset(["her", "him", "them"])
