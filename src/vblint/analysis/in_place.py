"""Rewriting a clause in place: only the words that mutualise change, the people stay put.

A clause template ("{partner} sexually abused {victim_obj} {verb_tail}") rebuilds the whole
clause, so it fits only the plain shapes: a subject, the verb, the rest. Many real sentences
give the clause another shape, and there the rebuilt clause loses facts or breaks the
sentence: a gerund after a preposition ("jailed for abduction and having sex with a minor"), a
verb sharing its subject with another ("abducted and had sex with a pupil"), a relative clause
("adults who have sex with children"), an infinitive ("a place for men to have sex with
girls"), a subject shared with a second verb ("she had sex with up to 20 men and was given
contraceptives").

What those sentences need is a change of the verb phrase alone: "had sex with" becomes
"sexually abused" where the adult is the subject, and "was sexually abused by" where the child
is. Every other word stays where it was, so no fact is lost and the clause keeps its shape.

A template says which way it faces with its first word: ``=adult <sexually:abuse>`` is
offered when the clause's subject is the adult (or the person with them is plainly the child),
``=child <be> sexually abused by`` when the subject is the child and the other person plainly
an adult; ``=verb <go> missing`` replaces the matched verb alone ("absconded from placement"
-> "went missing from placement"); ``=drop`` deletes a matched adverb ("She went [willingly]
to the flat"); ``=inner`` drops a verb of choosing ("She [chose to] go back" -> "She went
back"); ``=lead non-recent`` replaces the match's first word; ``=be <be> being criminally
exploited`` replaces a label after the child's linking verb with it ("YP is a known gang
member" -> "YP is being criminally exploited"; "she had worked as a teenage prostitute" ->
"she had been sexually exploited"); ``=held`` names an older "boyfriend" as the
person grooming the child; ``=modifier sharing nudes`` rebuilds a modifier after its noun ("a
sexting incident" -> "an incident of sharing nudes"); ``=exchange`` makes what a child was
given "in return for sex" (or "swapped sex for") the means of exploiting them; ``=noun
rape`` says "sex with" someone as "rape by" the adult or "the rape of" the child; ``=with
experiencing abuse from`` replaces the match and the "with" after it.
The verb takes the form of the verb it replaces ("having" -> "sexually abusing", "has been
having" -> "has been sexually abused by").
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from vblint.analysis.in_place_nouns import find_exchange, find_noun, find_with
from vblint.analysis.placement import GROUPS, ROLE_VERBS, InPlace, first_aux, plural_of
from vblint.analysis.roles import (
    OWNER_OBJECT,
    is_child_ref,
    main_verb,
    plainly_adult,
    referent,
    subject_of,
    surely_child,
)

KINDS = (
    "adult",
    "child",
    "verb",
    "drop",
    "be",
    "inner",
    "lead",
    "held",
    "modifier",
    "exchange",
    "noun",
    "with",
)
TEMPLATE = re.compile(rf"^=({'|'.join(KINDS)})(?:\s+(.+))?$")
# Adverbs that make a child willing in their own abuse, and that a sentence reads as well
# without: "She went [willingly] to the flat".
_DROPPED = frozenset(["willingly", "voluntarily", "happily", "freely", "consensually"])
# Words that frame an act as the child's wish: no abuse can be put inside them.
_WILLING = frozenset("happy willing keen eager glad want agree choose decide like love".split())
# Prepositions of direction a replacement verb may not take ("went missing to Europe").
_DIRECTIONS = frozenset(["to", "into", "towards", "onto"])
# Words that may stand between the light verb and the matched noun: "having [an] affair".
BETWEEN = frozenset(["DET", "ADJ", "NUM"])
# How far up the tree a verb without a subject looks for the one it shares ("jailed for
# having ..."): a few steps cover a gerund after a preposition or a conjoined noun.
_CLIMB = 5


def placements(templates: list[str], span: Span) -> dict[str, InPlace]:
    """Where each kind of in-place template the rule has would change the sentence."""
    kinds = {m.group(1) for t in templates if (m := TEMPLATE.match(t)) is not None}
    sent = span.sent
    found: dict[str, InPlace] = {}
    if kinds & {"adult", "child"}:
        facing = find(span, sent)
        if facing is not None:
            found[facing.facing] = facing
    for kind, finder in (
        ("verb", find_verb),
        ("drop", find_adverb),
        ("inner", find_inner),
        ("lead", find_lead),
    ):
        if kind in kinds and (where := finder(span, sent)) is not None:
            found[kind] = where
    if "be" in kinds and (where := find_predicate(span)) is not None:
        found["be"] = where
    if "held" in kinds and (where := find_held(span, sent)) is not None:
        found["held"] = where
    if "modifier" in kinds and (where := find_modifier(span)) is not None:
        found["modifier"] = where
    if "exchange" in kinds and (where := find_exchange(span)) is not None:
        found["exchange"] = where
    if "noun" in kinds and (where := find_noun(span)) is not None:
        found["noun"] = where
    if "with" in kinds and (where := find_with(span)) is not None:
        found["with"] = where
    return found


def find(span: Span, target: Span) -> InPlace | None:
    """The verb phrase of ``span`` to change in place, within ``target``, or None."""
    verb = main_verb(span)
    if verb.pos_ not in ("VERB", "AUX") or not target.start <= verb.i <= span.start:
        return None
    if any(t.pos_ not in BETWEEN for t in verb.doc[verb.i + 1 : span.start]):
        return None  # "is in a relationship with": the verb is not this phrase's own
    last = span[-1]
    with_word = last if last.lower_ == "with" else None
    if with_word is None and span.end < len(span.doc):
        following = span.doc[span.end]
        if following.lower_ == "with" and (
            span.start <= following.head.i < span.end or following.head.i == verb.i
        ):
            with_word = following  # "an affair [with] a pupil"
    if with_word is None:
        return None
    person = next((c for c in with_word.children if c.dep_ == "pobj"), None)
    if person is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WILLING:
        return None  # "was happy to [be sexually abused by]": the frame itself is the blame
    start = first_aux(verb, target)
    doer = _doer(verb)
    facing = _facing(doer, referent(person))
    if facing is None:
        return None
    doc = verb.doc
    return InPlace(
        start=doc[start].idx,
        end=with_word.idx + len(with_word),
        verb=verb,
        facing=facing,
        plural=plural_of(doer),
    )


def find_verb(span: Span, target: Span) -> InPlace | None:
    """The matched verb (with its auxiliaries) to change in place, when the child does it.

    "Leah (13) absconded from placement" -> "Leah (13) went missing from placement": the
    subject, the place and the time stay as written. Not where the verb has a direction or a
    destination the new verb cannot take ("recruiting him into a network", "absconded to
    Europe").
    """
    verb = main_verb(span)
    if verb.pos_ != "VERB" or verb.lemma_ == "be" or not span.start <= verb.i < span.end:
        return None  # "is [a drug dealer]" is a label, not a verb to swap (see find_predicate)
    if verb.i < target.start or any(c.dep_ == "neg" for c in verb.children):
        return None
    if any(c.dep_ == "prep" and c.lower_ in _DIRECTIONS for c in verb.children):
        return None
    doc = verb.doc
    start = first_aux(verb, target)
    adverb = ""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < start]
    if auxes:
        # "has repeatedly absconded": the new verb brings its own auxiliaries, so the span
        # starts at the first of them and the adverb goes back after them ("has repeatedly
        # gone missing"), never "has repeatedly has gone missing".
        between = doc[auxes[0].i : verb.i]
        adverbs = [t for t in between if t.dep_ not in ("aux", "auxpass")]
        if (
            auxes[0].i < target.start
            or len(adverbs) > 1
            or any(t.dep_ != "advmod" or t.head.i != verb.i or not t.is_alpha for t in adverbs)
        ):
            return None
        start, adverb = auxes[0].i, " ".join(t.text for t in adverbs)
    doer = _doer(verb)
    return InPlace(
        start=doc[start].idx,
        end=verb.idx + len(verb),
        verb=verb,
        facing="verb",
        plural=plural_of(doer),
        adverb=adverb,
    )


# What gives a verb content of its own once an adverb is dropped: "went [to the flat]".
_COMPLEMENTS = frozenset(["dobj", "prep", "advmod", "npadvmod", "xcomp", "ccomp", "prt", "attr"])


def find_adverb(span: Span, target: Span) -> InPlace | None:
    """The matched adverb to delete, when the sentence says all it needs without it.

    Not where it is all that a linking verb says: "appeared to be there [voluntarily]" would
    be left saying only that she was there.
    """
    for token in span:
        if token.lower_ in _DROPPED and token.pos_ == "ADV" and target.start <= token.i:
            head = token.head
            bare = not any(c.dep_ in _COMPLEMENTS for c in head.children if c.i != token.i)
            seeming = head.dep_ == "xcomp" and head.head.lemma_ in ("seem", "appear")
            if head.lemma_ in ("be", "seem", "appear") or (seeming and bare):
                return None  # "she appeared to go [willingly]": "appeared to go" says nothing
            return InPlace(token.idx, token.idx + len(token), token, "drop", plural=False)
    return None


def find_predicate(span: Span) -> InPlace | None:
    """The child's linking verb and the label after it, to change together.

    "YP is a known gang member" -> "YP is being criminally exploited"; "He has been a money
    mule for a local gang" -> "He has been financially exploited by a local gang". Only when
    the label ends its phrase (nothing hangs after it but a "for" naming a group or an adult):
    "a gang member linked to the Moss Side group" is left to the noun templates.
    """
    involved = _became_involved(span)
    if involved is not None:
        return involved
    noun = next((t for t in span if t.dep_ in ("attr", "acomp") and t.head.lemma_ == "be"), None)
    noun = noun or _role_taken(span)
    if noun is None:
        return None
    be = noun.head if noun.head.lower_ != "as" else noun.head.head
    subject = subject_of(be)
    if subject is None or not is_child_ref(referent(subject)) or plainly_adult(subject):
        return None
    if any(c.dep_ == "neg" for c in be.children) or noun.i < span.end - 1:
        return None
    after = [c for c in noun.rights if not c.is_punct]
    end = noun.idx + len(noun)
    by = ""
    if after:
        first = after[0]
        person = next((c for c in first.children if c.dep_ == "pobj"), None)
        if len(after) > 1 or first.lower_ != "for" or person is None:
            return None
        older = any(c.lower_ in ("older", "elder") for c in person.children)
        if not (plainly_adult(person) or person.lemma_.lower() in GROUPS or older):
            return None  # "for older boys from Leyton": older, so the ones using the child
        end, by = first.idx + len(first), "by"
    start = first_aux(be, be.doc[: be.i + 1])
    return InPlace(be.doc[start].idx, end, be, "be", plural_of(subject), by)


def _role_taken(span: Span) -> Token | None:
    """The label of "worked as a X" or "has been acting as a X", said of the child.

    "The court heard she had worked as a teenage prostitute" -> "she had been sexually
    exploited". Only a verb straight before its "as", with a subject of its own (the child,
    which :func:`find_predicate` checks), not an infinitive: "exploiting a boy to act as a
    drug runner" names no state of the boy's.
    """
    noun = span.root
    link = noun.head
    if noun.dep_ != "pobj" or link.lower_ != "as" or link.i != link.head.i + 1:
        return None
    verb = link.head
    if verb.lemma_.lower() not in ROLE_VERBS or verb.pos_ != "VERB" or verb.tag_ == "VB":
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children):
        return None
    return noun


def _became_involved(span: Span) -> InPlace | None:
    """The child "became involved in" something: the becoming goes with the involvement.

    "He has become involved in crime" -> "He has been criminally exploited"; "how children
    become involved in prostitution" -> "how children are being sexually exploited". Not
    where an adverb stands before the verb ("he first became ..."): the new verb's order would
    put it wrong.
    """
    word = span[0]
    verb = word.head
    if word.lower_ not in ("involved", "embroiled") or word.dep_ != "acomp":
        return None
    if verb.lemma_ not in ("become", "get") or verb.i != word.i - 1:
        return None
    subject = subject_of(verb)
    if subject is None or not is_child_ref(referent(subject)) or plainly_adult(subject):
        return None
    if any(c.dep_ in ("neg", "advmod") and subject.i < c.i < verb.i for c in verb.children):
        return None
    doc = verb.doc
    start = first_aux(verb, doc[: verb.i + 1])
    return InPlace(doc[start].idx, span.end_char, verb, "be", plural_of(subject))


# Verbs of wanting: unlike choosing, they do not say the act happened.
_WISHING = frozenset("want wish hope intend plan".split())


def find_inner(span: Span, target: Span) -> InPlace | None:
    """A verb of choosing and its "to", to drop, the chosen verb taking its form.

    "She chose to go back to the address" -> "She went back to the address"; "is choosing to
    spend time" -> "is spending time". What the child did stays; that they chose it goes.
    """
    if len(span) < 3:
        return None
    outer = span[0]
    if outer.lemma_ == "make":
        # "made a conscious decision to stay" -> "stayed": the choice noun goes with its verb.
        to = next((t for t in span[1:] if t.lower_ == "to"), None)
        if to is None or to.i + 1 >= span.end:
            return None
        inner = span.doc[to.i + 1]
        choice = inner.head
        if choice.lemma_ not in ("choice", "decision") or choice.head.i != outer.i:
            return None
    elif span[1].lower_ == "to":
        inner = span[2]
        if inner.head.i != outer.i:
            return None
    else:
        return None
    if outer.pos_ != "VERB" or inner.pos_ not in ("VERB", "AUX"):
        return None
    if outer.lemma_.lower() in _WISHING:
        return None  # "wanting to be with these men" is not "being with" them: a fact would change
    if outer.i < target.start or any(c.dep_ == "neg" for c in outer.children):
        return None
    doer = _doer(outer)
    return InPlace(
        start=outer.doc[first_aux(outer, target)].idx,
        end=inner.idx + len(inner),
        verb=outer,
        facing="inner",
        plural=plural_of(doer),
        body=f"<{inner.lemma_}>",
    )


def find_lead(span: Span, target: Span) -> InPlace | None:
    """The match's first word alone: "historic [CSE cases]" -> "non-recent CSE cases"."""
    first = span[0]
    if first.i < target.start:
        return None
    return InPlace(first.idx, first.idx + len(first), first, "lead", plural=False)


def find_held(span: Span, target: Span) -> InPlace | None:
    """A relationship word for an older person, said of the child, and what holds it.

    "She has a significantly older boyfriend" -> "She is being groomed by a significantly
    older man"; "Her older boyfriend picks her up" -> "The older man who is grooming her picks
    her up". The age comparison, the article and the tense stay as written; the word that
    makes grooming a romance goes. Only for these two shapes: a child who "has" the person
    (the rule has found the age gap), or the child's own "older" one; the rest is left to the
    noun templates and the advice.
    """
    noun = span[-1]
    person = _HELD.get(noun.lower_)
    if person is None or noun.pos_ != "NOUN":
        return None
    older = any(c.lower_ in _OLDER and c.dep_ == "amod" for c in noun.lefts)
    owned = any(c.dep_ == "case" for c in noun.children)  # "her older boyfriend['s] flat"
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        if not older:
            return None  # "her boyfriend is 22" keeps the rule's own swap ("her abuser")
        child = referent(owner)
        pronoun = owner.lower_ in OWNER_OBJECT  # "her": the child, as a subject pronoun would be
        if not (pronoun or is_child_ref(child)) or plainly_adult(child):
            return None
        if owner.i != noun.left_edge.i:
            return None
        words = noun.doc[owner.right_edge.i + 1 : noun.i].text
        named = any(c.dep_ == "case" for c in owner.children)  # "YP['s]"
        obj = OWNER_OBJECT.get(owner.lower_, owner.text if named else None)
        if obj is None:
            return None
        many = person in ("men", "women", "people")
        grooming = f"the {words} {person} who {'are' if many else 'is'} grooming {obj}"
        if owned:
            return _owned_by(noun, owner, grooming)
        if noun.dep_ not in ("nsubj", "dobj", "pobj"):
            return None
        return InPlace(owner.idx, noun.idx + len(noun), noun, "held", plural=many, body=grooming)
    if owned:
        return None
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_ != "have" or verb.tag_ not in _HAVING:
        return None
    subject = subject_of(verb)
    if subject is None or not is_child_ref(referent(subject)) or plainly_adult(subject):
        return None
    if any(c.dep_ == "neg" for c in verb.children) or verb.i < target.start:
        return None
    return InPlace(
        start=verb.doc[first_aux(verb, target)].idx,
        end=noun.idx + len(noun),
        verb=verb,
        facing="held",
        plural=plural_of(subject),
        body=f"<be> being groomed by {noun.doc[noun.left_edge.i : noun.i].text} {person}",
    )


# What a relationship word says of the person, without the romance: "boyfriend" -> "man".
_HELD = {
    "boyfriend": "man",
    "girlfriend": "woman",
    "boyfriends": "men",
    "girlfriends": "women",
    "partner": "person",
    "partners": "people",
    "lover": "person",
    "lovers": "people",
}
_OLDER = frozenset(["older", "elder"])
_HAVING = frozenset(["VBZ", "VBD", "VBP", "VBN"])


_OWNED_SLOTS = ("nsubj", "nsubjpass", "dobj", "pobj")


def _owned_by(noun: Token, owner: Token, grooming: str) -> InPlace | None:
    """What the older "boyfriend" owns, said as his, not as the child's boyfriend's.

    "her older boyfriend's flat" -> "the flat of the older man who is grooming her". Only a
    plain noun after the possessive ("flat", "car"), standing as a subject or object.
    """
    thing = noun.head
    # The small parser sometimes reads "flat" as an adjective; as an object it is a noun.
    kinds = ("NOUN", "ADJ") if thing.dep_ in ("dobj", "pobj") else ("NOUN",)
    if thing.pos_ not in kinds or thing.dep_ not in _OWNED_SLOTS or thing.i != noun.i + 2:
        return None
    if any(c.i < thing.i and c.i != noun.i for c in thing.children):
        return None  # "her older boyfriend's new flat": the adjective would lose its noun
    return InPlace(
        owner.idx,
        thing.idx + len(thing),
        thing,
        "held",
        plural=thing.tag_ == "NNS",
        body=f"the {thing.text} of {grooming}",
    )


def find_modifier(span: Span) -> InPlace | None:
    """A word standing before a noun it modifies, rebuilt as a phrase after it.

    "a sexting incident" -> "an incident of sharing nudes and semi-nudes"; "our sexting
    policy" -> "our policy on sharing nudes and semi-nudes". A gerund phrase cannot stand
    before a noun, so the noun goes first and a preposition joins the two. Only for nouns
    that take one plainly (an incident *of*, a policy *on*), and when nothing but an article
    or a possessive stands before the word.
    """
    doc = span.doc
    if span.end >= len(doc):
        return None
    noun = doc[span.end]
    word = noun.lemma_.lower()
    joining = "on" if word in _TOPICS else "of" if word in _EVENTS else None
    if joining is None or noun.pos_ != "NOUN" or span.root.head.i != noun.i:
        return None
    lead = [t for t in noun.lefts if t.i < span.start]
    if any(t.dep_ not in ("det", "poss") for t in lead) or len(lead) > 1:
        return None
    if lead and any(c.dep_ == "case" for c in lead[0].children):
        return None  # "the school's sexting policy": keep the noun phrase's owner as written
    det = lead[0] if lead else None
    lead_words = ""
    if det is not None:
        article = det.text
        if article.lower() in ("a", "an"):  # the article now stands before the noun
            article = "an" if noun.lower_[0] in "aeiou" else "a"
            article = article.capitalize() if det.text[0].isupper() else article
        lead_words = f"{article} "
    return InPlace(
        det.idx if det is not None else span.start_char,
        noun.idx + len(noun),
        noun,
        "modifier",
        plural=noun.tag_ == "NNS",
        frame=f"{lead_words}{noun.text} {joining} {{}}",
    )


# Nouns a phrase follows with "on" (what a policy is about) or "of" (what an incident was).
_TOPICS = frozenset(
    "policy guidance training lesson advice education workshop session procedure protocol"
    " leaflet resource course assembly".split()
)
_EVENTS = frozenset("incident case offence allegation concern report referral episode".split())


def _doer(verb: Token) -> Token | None:
    """Who does ``verb``: its subject, or the noun a relative clause hangs from.

    A gerund or infinitive without a subject shares the one of the clause it belongs to
    ("a teacher was jailed for having ...").
    """
    current = verb
    for _ in range(_CLIMB):
        subject = subject_of(current)
        if subject is not None:
            return referent(subject)
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _facing(doer: Token | None, person: Token) -> str | None:
    """Which way the clause faces: "adult" (its subject is the adult) or "child".

    None when the note does not make it plain (two pronouns, two names).
    """
    if plainly_adult(person) and (doer is None or not plainly_adult(doer)):
        return "child" if doer is not None and is_child_ref(doer) else None
    if doer is not None and plainly_adult(doer) and not plainly_adult(person):
        return "adult"
    if surely_child(person) and (doer is None or not surely_child(doer)):
        return "adult" if doer is not None else None
    return None
