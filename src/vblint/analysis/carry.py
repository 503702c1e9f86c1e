"""Carry the sentence's own facts into a rewrite that its template could not hold.

A template rewrites the words at fault ("Lily puts herself at risk") and knows the people in
them, but not what else the clause says: "every time she goes missing", "at his flat", "for
months", "over the summer". Dropping those loses facts the record needs, and the verifier
rightly refuses the rewrite. Rather than a template per shape of sentence, the phrases that
carry the lost facts are moved, as written and in their order, to the end of the rewritten
clause ("The 31-year-old man sexually abused Chloe (15) at his flat"). The result is then
verified like any other candidate, so a carried phrase that reads wrongly is still dropped.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from vblint.analysis.rewrite import lost_facts
from vblint.analysis.roles import DECADE_WORDS

# Phrases that can stand at the end of a clause: where, when, how often, with whom.
_MOVABLE = frozenset(["prep", "advmod", "npadvmod", "advcl", "pcomp"])
# "by ..." is the child's means, which the when-templates turn round; "with"/"between" after
# the matched verb name the other person, whom the template already names.
_NEVER_FIRST = frozenset(["by", "than", "as", "because", "so", "if", "unless", "but", "although"])
_PARTNER_WORDS = frozenset(["with", "between", "involving", "to", "on"])
_AGE_WORDS = DECADE_WORDS | {"aged", "age", "year-old", "years-old"}
_TIMES = frozenset(
    "weekend night evening morning afternoon day weekday week month term holiday".split()
)
_PLACE_AND_TIME = frozenset(
    "at in during over after before until since throughout near outside inside".split()
)


def _phrase_root(token: Token, target: Span, match: Span) -> Span | None:
    """The smallest movable phrase holding ``token`` (None: it is part of something else).

    A phrase qualifies when it modifies a verb ("stayed out overnight"), or a noun where the
    small parser often hangs a place or a time on it ("a man at his flat").
    """
    node = token
    while True:
        head = node.head
        if head.i == node.i or not target.start <= head.i < target.end:
            return None
        if _when(node) and match.start <= head.i < match.end:
            return target.doc[node.left_edge.i : node.right_edge.i + 1]
        if node.dep_ in _MOVABLE and _anchored(node, match):
            phrase = _movable(node, target, match)
            if phrase is not None:
                return phrase
        node = head


def _when(node: Token) -> bool:
    """A bare time the small parser hangs on a noun: "in risky situations [most weekends]"."""
    if node.dep_ not in ("appos", "npadvmod") or node.pos_ != "NOUN":
        return False
    timed = node.ent_type_ in ("DATE", "TIME") or node.lemma_.lower() in _TIMES
    return timed and not any(c.dep_ == "prep" for c in node.children)


def _anchored(node: Token, match: Span) -> bool:
    """The phrase hangs on the matched words' own clause, so it can follow the rewrite of it.

    A phrase of another verb ("by going [to addresses in Luton]", "she met [on Instagram]")
    means nothing without that verb, and stays behind (the finding then gets advice).
    """
    head = node.head
    inside = match.start <= head.i < match.end
    if inside or head.i == match.root.head.i:
        return head.pos_ in ("VERB", "AUX") or node.lower_ in _PLACE_AND_TIME
    # "had sex with [a 31-year-old man] at his flat": a place hung on the person named.
    partner = head.dep_ in ("pobj", "dobj") and match.start <= head.head.i < match.end
    return partner and node.lower_ in _PLACE_AND_TIME


def _movable(root: Token, target: Span, match: Span) -> Span | None:
    """The words of the phrase, when they may stand at the end of the rewritten clause."""
    doc = target.doc
    phrase = doc[root.left_edge.i : root.right_edge.i + 1]
    if phrase.start < match.end or phrase.end > target.end:
        return None
    first = phrase[0].lower_
    if first in _NEVER_FIRST or phrase[0].tag_ in ("VBG", "VBN"):
        return None  # "(working for older boys,) moving money" leans on its own verb
    if first in _PARTNER_WORDS and match.start <= root.head.i < match.end:
        return None  # "(had sex) with a 31-year-old man": the person the template names
    if any(t.lower_ in _AGE_WORDS for t in phrase) and phrase[0].pos_ != "SCONJ":
        return None  # "aged 15 and 16" describes a person; "while she was 14" may move
    if any(t.dep_ == "relcl" and not phrase.start <= t.head.i < phrase.end for t in phrase):
        return None
    return phrase


def carried(target: Span, match: Span, candidate: str) -> str | None:
    """``candidate`` with the phrases holding its lost facts moved to its end (None: cannot).

    Only facts that come after the matched words move: what stands before them is the
    sentence's subject and its description, which the template itself renders.
    """
    lost = lost_facts(target, match, candidate)
    if not lost or any(t.i < match.end for t in lost):
        return None
    phrases: dict[int, Span] = {}
    for token in lost:
        phrase = _phrase_root(token, target, match)
        if phrase is None:
            return None
        phrases[phrase.start] = phrase
    kept: list[Span] = []
    for start in sorted(phrases):
        phrase = phrases[start]
        if kept and phrase.start < kept[-1].end:
            if phrase.end > kept[-1].end:
                return None  # overlapping phrases: no clean order to move them in
            continue  # inside the phrase already kept
        kept.append(phrase)
    text = candidate.rstrip().rstrip(",")
    tail = " ".join(p.text for p in kept)
    if not tail or tail.lower() in text.lower():
        return None
    return f"{text} {tail}"
