"""What an in-place rewrite changes: the phrase, its verb, and the words around it.

Shared by the finders of :mod:`vblint.analysis.in_place` (verb phrases) and
:mod:`vblint.analysis.in_place_nouns` (phrases built around a noun).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

# Words for a group of people that, named beside a child, are the ones exploiting them: "a
# money mule [for a local gang]" -> "being financially exploited by ...", "sexual activity
# with [men]" -> "sexual abuse by men".
GROUPS = frozenset("gang gangs group groups line lines network male males man men adults".split())
# Verbs that give a child a label as the job they did: "she had worked as a [teenage
# prostitute]" says no more than "she had been one", so the verb goes with the label.
ROLE_VERBS = frozenset(["work", "act", "operate"])


@dataclass(frozen=True, slots=True)
class InPlace:
    """The verb phrase to replace (character offsets in the document) and who its subject is."""

    start: int
    end: int
    verb: Token
    facing: str  # "adult": the subject did it; "child": the subject is the child
    plural: bool  # the subject is plural ("adults who have sex with children")
    after: str = ""  # a word the rewrite ends with, standing for one it replaced ("for" -> "by")
    body: str = ""  # the words to put there, when they come from the sentence ("went")
    # The sentence's words around the template's own, "{}" standing for the template's
    # ("an incident of {}"), when the phrase is rebuilt around them.
    frame: str = ""
    # Adverbs the replaced words held between the auxiliaries and the verb ("has
    # [repeatedly] absconded"): they go back after the new verb's auxiliaries.
    adverb: str = ""


def first_aux(verb: Token, target: Span) -> int:
    """Where the verb's own auxiliaries start, inside the target ("has been [having]")."""
    start = verb.i
    while start > target.start:
        before = verb.doc[start - 1]
        if before.head.i != verb.i or before.dep_ not in ("aux", "auxpass"):
            break
        start -= 1
    if verb.doc[start].lower_ == "to":
        start += 1  # "to have sex with": the "to" stays
    return start


def plural_of(token: Token | None) -> bool:
    """The doer is plural ("adults who have sex with children"); unknown counts as one."""
    if token is None:
        return False
    return token.tag_ in ("NNS", "NNPS") or token.lower_ in ("they", "we", "them")
