"""Whose framing a match is: the writer's own, someone else's reported view, or one denied.

Guidance and reviews constantly report the language they criticise ("officers regarded her as
making lifestyle choices", "she was described as promiscuous", "the review found girls being
treated as consenting") and correct appearances ("it may look consensual, but it is not",
"even when the activity appears consensual"). The words are the same as in a case note that
blames the child; the parse says who holds the view:

- :func:`reported`: the match sits under a verb or noun of attribution whose holder is not
  the writer (a passive "was described as", a third party "officers regarded", a view noun
  "the perception that", a review's "found"). Reported language is at most info.
- :func:`denied`: the match sits under an appearance verb in a concession ("even when it
  appears consensual") or a contrast that negates it ("..., but it is not"), or is followed by a
  correction ("..., which is untrue"). Denied language is not a finding.

The words come from the lexicon (:mod:`vblint.analysis.words`), so an organisation can add its
own.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from vblint.analysis import words
from vblint.analysis.roles import is_child_ref, sets_the_scene

# How far up the tree a match may sit below the verb or noun that frames it.
MAX_CLIMB = 7
WRITER = frozenset(["i", "we", "us", "me"])
_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


# Dependencies a match may climb through to reach what frames it. A subject or a relative
# clause is a wall: in "Mikey, who absconded, is believed to be in Birmingham" the belief is
# about where he is, not about the word "absconded".
_CLIMB = frozenset(
    """ccomp xcomp acomp oprd attr prep pobj pcomp conj dobj advcl acl appos npadvmod compound
    amod advmod dative agent cc nmod poss det""".split()
)


def _climbs(token: Token) -> bool:
    """Whether a walk up the tree may pass from ``token`` to its head."""
    if token.dep_ in _CLIMB:
        return True
    # The small parser marks some infinitives as relative clauses: "a choice to live this way".
    return token.dep_ == "relcl" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _ancestors(span: Span) -> list[Token]:
    """The match's heads up to the sentence root, nearest first, through complements only.

    Every token of the match whose head lies outside it starts a walk: in "treating victims as
    complicit in", both "complicit" (under "as") and "in" lead out.
    """
    out: list[Token] = []
    seen = set(range(span.start, span.end))
    exits = [t for t in span if not span.start <= t.head.i < span.end] or [span.root]
    for token in exits:
        for _ in range(MAX_CLIMB):
            if token.head.i == token.i or not _climbs(token):
                break
            token = token.head
            if not span.sent.start <= token.i < span.sent.end:
                break
            if token.i not in seen:
                seen.add(token.i)
                out.append(token)
    return out


def _subject(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS]
    return subjects[0] if subjects else None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl", "advcl", "xcomp")
    )


def _holder_is_writer(verb: Token) -> bool:
    """The view is the writer's own: "we consider", "I believe", or an instruction."""
    if _is_passive(verb):
        return False
    subject = _subject(verb)
    if subject is None:
        # "Suggesting a child is in a relationship ..." (a gerund about the words) is not the
        # writer speaking; an imperative ("Describe what happened") has no subject and is.
        return verb.tag_ == "VB" and verb.dep_ == "ROOT"
    return subject.lower_ in WRITER


def _framed_as(verb: Token, path: set[int]) -> bool:
    """The match hangs from the verb's "as" ("seen as consenting") or its complement."""
    for child in verb.children:
        if child.i not in path:
            continue
        if child.lower_ == "as" or child.dep_ in ("oprd", "attr"):
            return True
        # The small parser sometimes hangs "as" on the clause below: "refer to X as Y produced".
        if any(g.lower_ == "as" and g.dep_ in ("mark", "prep") for g in child.children):
            return True
        # "is considered to be at risk", not "was seen fondling a pupil" (an event seen).
        if child.dep_ in ("xcomp", "ccomp") and child.lemma_ == "be":
            return True
    return False


def _held_by_someone_else(verb: Token) -> bool:
    """A belief the child was led to, or a claim nobody is named for.

    "the child believes they are in a consensual relationship", "grooming them into believing
    ...", "she is said to have consented": the view is not the writer's. A colleague's belief
    ("police believe she was selling herself") stays on the record and is not covered.
    """
    lemma = verb.lemma_.lower()
    if lemma in words.of("belief_verbs"):
        subject = _subject(verb)
        if subject is None:
            return verb.tag_ == "VBG"
        return subject.lower_ in words.of("believer_words") or _childlike(subject)
    return lemma in words.of("hearsay_verbs") and _is_passive(verb) and verb.tag_ == "VBN"


def _childlike(token: Token) -> bool:
    lower, lemma = token.lower_, token.lemma_.lower()
    return lower in words.of("child_nouns") or lemma in words.of("child_nouns")


def _opinion_of_some(verb: Token, subject: Token | None) -> bool:
    """A body of opinion a review reports: "Some police said that ...", "many staff told us".

    A record quotes a person ("PC Evans said she ..."), whose words stay on the record; a
    review reports what some of a group said, and the view is theirs, not the writer's.
    """
    speech = words.of("speech_verbs")
    if subject is None or verb.tag_ != "VBD" or verb.lemma_.lower() not in speech:
        return False
    return any(
        c.dep_ in ("det", "amod") and c.lower_ in words.of("group_quantifiers")
        for c in subject.children
    )


def _attribution(verb: Token, path: set[int], inside: range) -> bool:
    """``verb`` reports someone else's framing of what lies on ``path`` below it."""
    lemma = verb.lemma_.lower()
    if verb.i in inside or verb.pos_ not in ("VERB", "AUX") or _holder_is_writer(verb):
        return False
    if _held_by_someone_else(verb):
        return True
    if (
        verb.tag_ == "VBG"
        and verb.dep_ in ("csubj", "nsubj", "pcomp", "ROOT")
        and (lemma in words.of("speech_verbs") or lemma in words.of("framing_verbs"))
    ):
        return True  # "Saying CSE is a form of self-harm is dangerous"
    subject = _subject(verb)
    if _opinion_of_some(verb, subject):
        return True
    if subject is not None and subject.lower_ in words.of("attribution_nouns"):
        # "the myth is that ...", "the defence was that ...": a that-clause, not "are malicious".
        return any(c.i in path and c.dep_ == "ccomp" for c in verb.children)
    if lemma in words.of("distancing_verbs"):
        return True
    if lemma in words.of("naming_verbs"):
        # "refer to X" talks about a term; "call her X" names her; "called to a domestic" neither.
        return _framed_as(verb, path) or (
            lemma == "refer" and any(c.lower_ == "to" and c.i in path for c in verb.children)
        )
    return lemma in words.of("framing_verbs") and _framed_as(verb, path)


def reported(span: Span) -> bool:
    """The match is someone else's framing that the sentence reports."""
    if myth_sentence(span) or _in_that_clause(span):
        return True
    inside = range(span.start, span.end)
    path = set(inside)
    for token in _ancestors(span):
        path.add(token.i)
        if _attribution(token, path, inside):
            return True
        if (
            token.pos_ == "NOUN"
            and token.i not in inside
            and token.lower_ in words.of("attribution_nouns")
        ):
            return True
    return False


def _in_that_clause(span: Span) -> bool:
    """The match follows "the belief that", "the myth that", in the same clause of thought.

    Read from the words, not the tree: in "the still too commonly held belief that a woman who
    did not struggle against her attacker or immediately report it may be lying" the small
    parser hangs "may be lying" under the relative clause, so no path climbs to "belief".
    A semicolon or a "but" between them ends what the belief holds.
    """
    nouns = words.of("attribution_nouns")
    sent = span.sent
    for token in sent[: span.start - sent.start]:
        if token.lower_ not in nouns or token.pos_ != "NOUN" or token.i + 1 >= span.start:
            continue
        if token.nbor(1).lower_ != "that":
            continue
        between = span.doc[token.i + 2 : span.start]
        if not any(t.text in (";", ":") or t.lower_ in ("but", "however") for t in between):
            return True
    return False


def denied(span: Span) -> bool:
    """The sentence says the match's framing is only an appearance, corrects it, or names it.

    Also "Sexual contact with a child is always abuse" and "... saying it's just banter is
    wrong": the match sits in the subject of a predicate that names it as abuse or corrects it.
    """
    if _named_by_predicate(span):
        return True
    appearance = words.of("appearance_verbs")
    for token in [*span, *_ancestors(span)]:
        if token.lemma_.lower() not in appearance:
            continue
        if _conceded(token) or _contrasted(span, token) or _free_relative(token):
            return True
    return _corrected(span)


def _conceded(verb: Token) -> bool:
    """A concession: "even when it appears consensual", "although it looks like one"."""
    marks = words.of("concession_marks")
    for child in verb.children:
        if child.dep_ not in ("advmod", "mark"):
            continue
        if child.lower_ in marks or any(g.lower_ in marks for g in child.children):
            return True
    return False


def _contrasted(span: Span, verb: Token) -> bool:
    """A contrast after it that negates it: "It may look consensual, but it is not"."""
    contrast = words.of("contrast_marks")
    sent = span.sent
    for token in sent[span.end - sent.start :]:
        if token.lower_ in contrast:
            after = sent[token.i - sent.start + 1 :]
            return any(t.dep_ == "neg" or t.lower_ in ("not", "n't", "never") for t in after)
    return False


def _free_relative(verb: Token) -> bool:
    """A free relative, "what looks like consent": an appearance, not a fact."""
    subject = _subject(verb)
    return subject is not None and subject.lower_ == "what"


def _corrected(span: Span) -> bool:
    """A correction right after the match: "... can consent to sex, which is inaccurate"."""
    sent = span.sent
    tail = sent[span.end - sent.start : span.end - sent.start + 8]
    corrections = words.of("correction_words")
    for index, token in enumerate(tail):
        if token.lower_ == "which" and index + 3 < len(tail) + 1:
            following = [t.lower_ for t in tail[index + 1 : index + 5]]
            if following[:1] in (["is"], ["was"], ["are"]) and corrections & set(following):
                return True
    return False


def coerced(span: Span, force_too: bool = False) -> bool:
    """The child's act in the match is someone else's doing: coercion governs it, or force.

    "pressured into having sex with him", "forced to work for a drug-running gang", "subjected
    to ... dealing drugs": a verb or adjective of coercion above the match. With ``force_too``,
    also force done to the child by the main clause of the same sentence ("she was raped by
    ...", "he threatened her and they had sex"), which already says who made it happen; force
    in a description of someone ("the men who exploit her") does not count.
    """
    coercion = words.of("coercion_verbs")
    below = span.root
    for token in _ancestors(span):
        if sets_the_scene(below):
            break
        governs = below.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "oprd") or (
            below.dep_ == "prep" and below.lower_ in ("into", "to")
        )
        if governs and (
            token.lemma_.lower() in coercion or token.lower_ in words.of("coercion_words")
        ):
            return True
        below = token
    if _explained_by_coercion(span):
        return True
    if not force_too:
        return False
    force = words.of("force_verbs")
    for token in span.sent:
        if token.lemma_.lower() not in force or token.pos_ != "VERB":
            continue
        if token.dep_ not in ("ROOT", "conj", "advcl", "ccomp"):
            continue
        if _is_passive(token) or any(c.dep_ == "dobj" for c in token.children):
            return True
    return False


def _explained_by_coercion(span: Span) -> bool:
    """The sentence gives coercion as the reason for the child's act.

    "keep going back to them because of threats and debt bondage", "returned out of fear of
    the men": the cause is named, and it is what the adults do.
    """
    reasons = words.of("coercion_reasons")
    # The parser often hangs "because of" on a nearby noun or verb, so any reason given after
    # the match in the same sentence counts.
    for token in span.doc[span.start : span.sent.end]:
        if token.lower_ not in ("because", "due", "through") and not (
            token.lower_ == "out" and token.nbor(1).lower_ == "of"
            if token.i + 1 < len(token.doc)
            else False
        ):
            continue
        if any(t.lemma_.lower() in reasons for t in token.subtree):
            return True
    return False


def glossary_entry(span: Span, text: str) -> bool:
    """The match is a term being defined: "Child prostitute – assumes they had a choice"."""
    sent = span.sent
    if any(not (t.is_punct or t.is_space) for t in span.doc[sent.start : span.start]):
        return False
    rest = text[span.end_char : span.end_char + 4].lstrip("'\"\u2019\u201d ")
    return rest[:1] in ("\u2013", "\u2014", "-", ":", "=") and not rest.startswith("-year")


def _named_by_predicate(span: Span) -> bool:
    """The match is inside the subject of "is abuse", "is wrong", "is illegal", "is a myth"."""
    naming = words.of("naming_predicates") | words.of("correction_words")
    for token in span.sent:
        if token.lemma_ != "be":
            continue
        complements = [c for c in token.children if c.dep_ in ("attr", "acomp")]
        if not any(c.lemma_.lower() in naming or c.lower_ in naming for c in complements):
            continue
        for subject in token.children:
            if subject.dep_ in ("nsubj", "csubj") and _covers(subject, span):
                return True
            # "It is wrong to make victims feel it is their fault": an extraposed subject.
            if subject.dep_ == "nsubj" and subject.lower_ == "it":
                clauses = [c for c in token.children if c.dep_ in ("xcomp", "ccomp")]
                if any(_covers(c, span) for c in clauses):
                    return True
    return False


def _covers(token: Token, span: Span) -> bool:
    return token.left_edge.i <= span.start and span.end - 1 <= token.right_edge.i


def myth_sentence(span: Span) -> bool:
    """The sentence is about a myth or misconception: "The myth is put forward that ..."."""
    myths = words.of("myth_nouns")
    return any(
        t.lower_ in myths and t.dep_ in ("nsubj", "nsubjpass", "attr", "ROOT") for t in span.sent
    )


def account_of(span: Span) -> str | None:
    """Whose account the words are: "child", "reported" (someone else's), or None (the writer's).

    "The sex was consensual according to Jade" and "she feels it was her fault" are the child's
    own view; "police were told the sex was consensual" and "staff felt it was consensual"
    report what someone else said or thought. A rewrite that changes what an account says
    would falsify the record, so the engine offers advice for these where the rewording would
    change the meaning (consent), and never rewrites the child's own view.
    """
    sent = span.sent
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            to = token.doc[token.i + 1]
            if to.lower_ == "to" and any(
                is_child_ref(t) and t.pos_ in ("PROPN", "NOUN") for t in to.subtree
            ):
                return "child"
            if to.lower_ == "to":
                return "reported"
    for token in _ancestors(span):
        lemma = token.lemma_.lower()
        belief = lemma in words.of("belief_verbs")
        if not belief and lemma not in words.of("speech_verbs"):
            continue
        subject = _subject(token)
        if subject is not None and subject.lower_ in WRITER:
            continue
        if belief and subject is not None and _childlike_speaker(subject):
            return "child"
        return "reported"
    return None


def _childlike_speaker(subject: Token) -> bool:
    """The one speaking is the child: a child noun, or a name or pronoun the note uses for them."""
    return _childlike(subject) or (is_child_ref(subject) and subject.pos_ in ("PROPN", "PRON"))
