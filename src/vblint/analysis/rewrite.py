"""Verifying a rewrite before it is offered: apply it, parse the sentence again, check it.

A template can only guess at the sentence it lands in. So every candidate is applied to its
sentence and the result is read as a careful writer would read it:

- **flagged**: the new sentence gives a warning or error finding itself;
- **lost-fact**: a name, number, age, date, quoted word or object noun of the replaced words
  is missing from the candidate;
- **shape**: the candidate does not stand where the replaced words stood (a clause put where a
  noun phrase or a gerund was: "for abduction and [he] sexually abused the child a minor");
- **splice**: the new sentence has more main clauses than the old one ("was there are");
- **repeated**: a noun of the candidate repeats one the sentence already has, which the old
  sentence did not repeat ("by the man with a man");
- **placeholder**: brackets nested or unbalanced ("[attended [number] times]");
- **quotes**: quotation marks left unbalanced;
- **case**: a capital in mid-sentence or a small letter starting one;
- **agreement**: a subject and its verb disagree in number ("the girls is");
- **vacuous**: a judging word dropped from what a thing is said to be, leaving nothing said
  ("this is likely to be [a false] allegation" -> "an allegation").

A candidate that fails is dropped and the reason counted (:data:`DROPPED`, which
``benchmarks/rewrites.py`` prints); when none survives, the finding offers advice in words.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import cast

from lemminflect import getAllLemmas
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab
from thinc.types import Ints2d

from vblint.analysis import words as word_lists
from vblint.analysis.placement import ROLE_VERBS
from vblint.analysis.roles import (
    is_adult_ref,
    is_child_ref,
    plainly_adult,
    referent,
    subject_of,
    surely_child,
)

# Why candidates were dropped, and how many were offered, since the process started.
DROPPED: Counter[str] = Counter()
OFFERED: Counter[str] = Counter()
_VERIFYING: ContextVar[bool] = ContextVar("vblint_verifying", default=False)
# Where the rewrite being checked sits in the re-parsed text: only findings that overlap it
# can block it, so only candidates that may overlap it need weighing.
_REGION: ContextVar[tuple[int, int] | None] = ContextVar("vblint_region", default=None)
# Re-parsing is the costliest step per finding: a document may re-parse at most this many
# tokens per token of its own (plus a floor for short notes). Real text stays far inside it
# (case notes re-parse at most 126 tokens, the seed chapter 0.14 per token); a "sentence" of
# nothing but findings would otherwise re-parse itself once per finding, which made time grow
# with the square of its length. Past it, a finding keeps its advice but offers no rewrite.
REPARSE_PER_TOKEN = 2
REPARSE_FLOOR = 1000
# Re-parsed sentences kept, most recently used first: the same rewrite of the same sentence
# (a note template, a paragraph checked again after an edit) is then not parsed again.
REPARSED_KEPT = 2048
_QUOTES = '"\u201c\u201d\u2018\u2019\u00ab\u00bb'
_PLURAL_PRONOUNS = frozenset(["they", "we", "you", "these", "those"])
_SINGULAR_PRONOUNS = frozenset(["he", "she", "it", "this", "that"])


def verifying() -> bool:
    """True while a candidate is being re-parsed (its own suggestions are not verified)."""
    return _VERIFYING.get()


def region(doc: Doc | None = None) -> tuple[int, int] | None:
    """While re-parsing, the (start, end) of the rewrite in the re-parsed text ``doc``."""
    marked: tuple[int, int] | None = doc._.vblint_region if doc is not None else None
    return marked if marked is not None else _REGION.get()


@contextmanager
def _reparsing(where: tuple[int, int] | None = None) -> Iterator[None]:
    token = _VERIFYING.set(True)
    placed = _REGION.set(where)
    try:
        yield
    finally:
        _REGION.reset(placed)
        _VERIFYING.reset(token)


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A candidate applied to its sentence: the sentence before, after, and where it went."""

    before: str
    after: str
    start: int  # of the candidate in ``after``
    end: int
    target_start: int  # of the replaced words in ``before``
    target_end: int
    # The words of the candidate that differ from the words they replace (the rest is the
    # sentence's own wording, kept as it stood), and the rule whose finding it rewrites.
    changed_start: int = 0
    changed_end: int = 0
    rule: str = ""


Reparse = Callable[[str], Doc]
ReparseMany = Callable[[list[Doc]], Iterable[Doc]]
Place = tuple[str, int, int]  # a re-parsed text and where the rewrite sits in it

if not Doc.has_extension("vblint_region"):
    # On a re-parsed rewrite: the (start, end) of the rewrite in its text (see ``region``).
    Doc.set_extension("vblint_region", default=None)
if not Doc.has_extension("vblint_blocking"):
    # On a re-parsed rewrite: where it still gets a warning or an error (see ``Verifier``).
    Doc.set_extension("vblint_blocking", default=None)

# What the checks read of a re-parsed sentence, kept as plain data: a Doc does not outlive
# the memory zone it was parsed in, and these rebuild it in a fraction of a parse.
_KEPT_ATTRS = [TAG, POS, MORPH, LEMMA, NORM, DEP, HEAD, SENT_START]


@dataclass(frozen=True, slots=True)
class _Reparsed:
    """A re-parsed sentence as plain data, and where it still gets a warning or an error."""

    words: tuple[str, ...]
    spaces: tuple[bool, ...]
    strings: tuple[str, ...]
    values: Ints2d
    blocking: tuple[tuple[int, int, str], ...]

    @classmethod
    def of(cls, doc: Doc) -> _Reparsed:
        strings = {s for t in doc for s in (t.tag_, t.pos_, str(t.morph), t.lemma_, t.norm_)}
        strings.update(t.dep_ for t in doc)
        return cls(
            tuple(t.text for t in doc),
            tuple(bool(t.whitespace_) for t in doc),
            tuple(strings),
            cast(Ints2d, doc.to_array(_KEPT_ATTRS)),
            tuple(doc._.vblint_blocking),
        )

    def doc(self, vocab: Vocab) -> Doc:
        """The re-parsed Doc again, in ``vocab`` (and in its current memory zone)."""
        for string in self.strings:
            vocab.strings.add(string)
        doc = Doc(vocab, words=list(self.words), spaces=list(self.spaces))
        doc.from_array(_KEPT_ATTRS, self.values)
        doc._.vblint_blocking = list(self.blocking)
        return doc


class Verifier:
    """Checks candidates against a parse of the sentence they would produce.

    A check is done in two steps so a document's rewrites (or a batch of documents') can be
    re-parsed together through ``nlp.pipe``, which costs a fraction of parsing each alone:
    :meth:`precheck` (the checks on text, and the re-parse budget, in candidate order), then
    :meth:`reparse_all` and :meth:`judge`. :meth:`reason` does the three for one candidate.
    """

    def __init__(
        self,
        reparse: Reparse,
        blocking: Callable[[Doc], list[tuple[int, int, str]]],
        reparse_many: ReparseMany | None = None,
        make_doc: Callable[[str], Doc] | None = None,
        vocab: Vocab | None = None,
    ) -> None:
        self._reparse = reparse
        self._vocab = vocab  # where re-parsed sentences are rebuilt; None: none is kept
        self._reparse_many = reparse_many
        self._make_doc = make_doc
        self._blocking = blocking
        self._left = REPARSE_FLOOR
        self._kept: OrderedDict[Place, _Reparsed] = OrderedDict()
        self.reparsed = 0  # sentences parsed again since the process started (not from _kept)

    def allow(self, tokens: int) -> None:
        """Start a document of ``tokens`` tokens: reset what it may re-parse (see above)."""
        self._left = REPARSE_PER_TOKEN * tokens + REPARSE_FLOOR

    def reason(self, target: Span, match: Span, candidate: str) -> str | None:
        """Why ``candidate`` must not replace ``target`` (None: it may be offered)."""
        checked = self.precheck(target, match, candidate)
        if isinstance(checked, str):
            return checked
        return self.judge(self.reparse_all([checked]), checked, target)

    def precheck(
        self,
        target: Span,
        match: Span,
        candidate: str,
        rule: str = "",
        kept_edges: bool = False,
    ) -> str | Rewrite:
        """The reason from the text alone, else the rewrite to re-parse (budget spent on it).

        ``kept_edges``: the candidate changes a phrase in place and keeps the words around it
        as written, so only the changed words (and the rule's own finding) can block it.
        """
        sent = target.sent
        base = sent.start_char
        before = sent.text
        start, end = target.start_char - base, target.end_char - base
        after = before[:start] + candidate + before[end:]
        first, last = changed(target.text, candidate) if kept_edges else (0, len(candidate))
        rewrite = Rewrite(
            before,
            after,
            start,
            start + len(candidate),
            start,
            end,
            start + first,
            start + last,
            rule,
        )
        problem = _placeholders(rewrite, target, match)
        for check in (_quotes, _case):
            problem = problem or check(rewrite, target)
        if problem:
            return problem
        problem = (
            _lost_fact(target, match, candidate)
            or _relative_lost(target, candidate)
            or _headless(target, candidate)
            or _article_lost(target, candidate)
            or _determined_twice(target, candidate)
            or (not kept_edges and _adjunct_orphaned(target, candidate))
            or _preposition_dropped(target, candidate)
            or _role_slot(target, candidate)
            or _vacuous(target, candidate)
            or _blame_moved(target)
        )
        if problem:
            return problem
        if len(sent) > self._left:
            return "budget"  # the document has re-parsed its share: advice, not a rewrite
        self._left -= len(sent)
        return rewrite

    def reparse_all(self, rewrites: Iterable[Rewrite]) -> dict[Place, Doc]:
        """Each distinct rewritten sentence parsed once, in one batch, keyed by its place.

        A place re-parsed recently is rebuilt from what was kept of it, not parsed again.
        """
        parsed: dict[Place, Doc] = {}
        places: list[Place] = []
        for key in dict.fromkeys(place(r) for r in rewrites):
            kept = self._kept.get(key) if self._vocab is not None else None
            if kept is None or self._vocab is None:
                places.append(key)
                continue
            self._kept.move_to_end(key)
            parsed[key] = kept.doc(self._vocab)
        if not places:
            return parsed
        self.reparsed += len(places)
        fresh: dict[Place, Doc] = {}
        if self._reparse_many is None or self._make_doc is None or len(places) == 1:
            for key in places:
                with _reparsing((key[1], key[2])):
                    fresh[key] = self._reparse(key[0])
        else:
            docs = []
            for text, start, end in places:
                doc = self._make_doc(text)
                doc._.vblint_region = (start, end)
                docs.append(doc)
            with _reparsing():
                fresh = dict(zip(places, self._reparse_many(docs), strict=True))
        for key, doc in fresh.items():
            doc._.vblint_blocking = self._blocking(doc)
            if self._vocab is None:
                continue
            self._kept[key] = _Reparsed.of(doc)
            if len(self._kept) > REPARSED_KEPT:
                self._kept.popitem(last=False)
        parsed.update(fresh)
        return parsed

    def judge(self, parsed: dict[Place, Doc], rewrite: Rewrite, target: Span) -> str | None:
        """Why the re-parsed ``rewrite`` must not replace ``target`` (None: it may be offered)."""
        doc = parsed[place(rewrite)]
        checks = (
            _shape,
            _joins,
            _doubled,
            _splice,
            _repeated,
            _agreement,
            _child_does_it,
            _conjunct_left,
            _older_harmer,
        )
        for check_doc in checks:
            problem = check_doc(doc, rewrite, target)
            if problem:
                return problem
        # Findings the rest of the sentence already had (a second phrase) are not the rewrite's;
        # wording the rewrite carries over from the flagged words is ("when they stay out"),
        # and so is the finding it rewrites, wherever it now stands in the rewrite.
        blocking = doc._.vblint_blocking
        for a, b, rule in blocking if blocking is not None else self._blocking(doc):
            if a < rewrite.changed_end and b > rewrite.changed_start:
                return "flagged"
            if rule == rewrite.rule and a < rewrite.end and b > rewrite.start:
                return "flagged"
        return None


def changed(old: str, new: str) -> tuple[int, int]:
    """Where ``new`` differs from ``old``: (start, end) in ``new``, widened to whole words.

    Words a candidate keeps at its edges exactly as they stood ("... with [one of his
    students]") are the sentence's own: another rule's finding inside them is not the rewrite's.
    """
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start, end = prefix, len(new) - suffix
    while start > 0 and not new[start - 1].isspace():
        start -= 1
    while end < len(new) and not new[end].isspace():
        end += 1
    return start, max(start, end)


def place(rewrite: Rewrite) -> Place:
    """What a re-parse of ``rewrite`` depends on: the new sentence and where the rewrite is."""
    return rewrite.after, rewrite.start, rewrite.end


def _placeholders(rewrite: Rewrite, target: Span, match: Span) -> str | None:
    """Nested, unbalanced or several placeholders, or one that asks for what the note says."""
    text = rewrite.after[rewrite.start : rewrite.end]
    labels = re.findall(r"\[([^\[\]]*)\]", text)
    if len(labels) > 1 or (labels and text.strip() == f"[{labels[0]}]"):
        return "placeholder"
    if labels and _names_the_person(labels[0], target, match):
        return "placeholder"
    if re.search(r"\bthe child\b", text) and _names_the_person("the child", target, match):
        return "placeholder"  # "the child" where the sentence has her name or pronoun
    depth = 0
    for char in text:
        if char == "[":
            depth += 1
            if depth > 1:
                return "placeholder"
        elif char == "]":
            depth -= 1
            if depth < 0:
                return "placeholder"
    return "placeholder" if depth else None


# Pronouns a sentence may already use for the child, which "the child" would then contradict
# ("Her being in care ... exploited the child").
_CHILD_PRONOUNS = frozenset(["she", "her", "he", "him", "his", "they", "them", "their"])


def _names_the_person(label: str, target: Span, match: Span) -> bool:
    """The placeholder asks for a person the sentence already names ("the older boys")."""
    words = label.lower().split()
    outside = [t for t in target.sent if not target.start <= t.i < target.end]
    if "child" in words:
        return any(
            (is_child_ref(t) or (label == "the child" and t.lower_ in _CHILD_PRONOUNS))
            and (t.pos_ != "PRON" or label == "the child")
            for t in outside
        )
    if {"person", "adult", "adults", "harmed", "abuser"} & set(words):
        # Anywhere in the sentence: a person named inside the replaced words is one the
        # rewrite should have named instead of asking for them.
        party = word_lists.of("adult_party_words")
        return any(
            (is_adult_ref(t) and t.lower_ not in word_lists.of("professional_nouns"))
            or t.lower_ in party
            for t in target.sent
            if t.pos_ != "PRON" and not match.start <= t.i < match.end
        )
    return False


def _balanced(text: str) -> bool:
    straight = text.count('"') % 2 == 0
    curly = text.count("\u201c") == text.count("\u201d")
    # "Sam (they/them)" cut at "they" would leave "Sam (the adults are ...".
    return straight and curly and text.count("(") == text.count(")")


def _quotes(rewrite: Rewrite, target: Span) -> str | None:
    if _balanced(rewrite.before) and not _balanced(rewrite.after):
        return "quotes"
    replaced = rewrite.before[rewrite.target_start : rewrite.target_end]
    if any(q in replaced for q in _QUOTES[:4]):
        # Quoted words are evidence: never rewritten ("involved in \u2018county lines\u2019",
        # whose opening single quote would go and leave the closing one).
        return "quotes"
    return None


def _case(rewrite: Rewrite, target: Span) -> str | None:
    text = rewrite.after[rewrite.start : rewrite.end]
    first = next((i for i, c in enumerate(text) if c.isalpha()), None)
    if first is None:
        return None
    starts = not rewrite.after[: rewrite.start].strip(" \t\n\"'\u201c\u2018(-*")
    letter = text[first]
    if starts and letter.islower():
        return "case"
    if not starts and letter.isupper():
        word = re.match(r"[\w'-]+", text[first:])
        token = word.group(0) if word else letter
        # A name, an acronym or "I" keeps its capital anywhere.
        if token != "I" and not token.isupper() and token not in rewrite.before:
            return "case"
        if token in rewrite.before and not _capitalised_inside(rewrite.before, token):
            return "case"
    return None


def _capitalised_inside(sentence: str, word: str) -> bool:
    """``word`` is written with its capital somewhere other than the sentence's first word."""
    return any(m.start() > 0 for m in re.finditer(rf"(?<![\w-]){re.escape(word)}\b", sentence))


_SHORTHAND = frozenset("lac lacs lacyp yp cyp cin cla dna wnb cse cce".split())


def _fact(token: Token, match: Span) -> bool:
    """A word of the replaced text that records a fact and must survive the rewrite.

    Where and when are facts too ("contacting adult males online").
    """
    if token.is_punct or token.is_space:
        return False
    inside = match.start <= token.i < match.end
    if token.like_num or token.lower_ in _WHERE_AND_WHEN:
        # Numbers, and where and when, count even inside the matched words ("three LAC",
        # "involved in [online] sexual exploitation"): they are never the wording at fault.
        return True
    if inside:
        return False  # the matched words are what the rewrite replaces ("Child Prostitution")
    if token.is_alpha and _bracketed(token):
        return True  # "Sam (they/them)": what the writer added in brackets
    if token.pos_ == "PROPN" and (token.is_title or token.is_upper):
        return token.lower_ not in _SHORTHAND  # "LAC", "YP": the shorthand at fault
    if token.ent_type_ in ("DATE", "TIME", "GPE"):
        return True
    if (
        token.pos_ == "VERB"
        and _adult_did(token)
        and (
            (token.dep_ == "conj" and match.start <= token.head.i < match.end)
            or any(c.dep_ == "conj" and match.start <= c.i < match.end for c in token.children)
        )
    ):
        return True  # "a teacher abducted and had sex with": the adult's other act is a fact
    if (
        token.pos_ == "VERB"
        and token.i < match.start
        and token.lemma_.lower() not in _ASPECT_VERBS - {"go"}
        and not any(c.dep_ == "prt" and c.lower_ == "along" for c in token.children)
        and any(c.dep_ == "conj" and match.start <= c.i < match.end for c in token.children)
    ):
        # "has been [going missing] and putting herself at risk": her other act ("went along
        # with it" is the same blame, said twice, which the rewrite replaces).
        return True
    if (
        token.pos_ == "VERB"
        and token.i < match.start
        and token.lemma_.lower() not in _ASPECT_VERBS
        and token.dep_ not in ("aux", "auxpass")
        and any(a.i == token.i for a in match.root.ancestors)
        and not _takes_label(token, match)
    ):
        return True  # "The teacher [admitted] having an affair": what was said is a fact
    if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "NOUN" and plainly_adult(token):
        return True  # "Drug dealers are recruiting teenagers": the people who did it stay
    if token.pos_ in ("NOUN", "ADJ") and token.dep_ in (
        "dobj",
        "pobj",
        "conj",
        "appos",
        "npadvmod",
    ):
        return True  # "to the flat" (the small parser sometimes reads "flat" as an adjective)
    return bool(re.search(r"\d", token.text))


def _takes_label(verb: Token, match: Span) -> bool:
    """The verb gives the matched label as the child's job: "she had worked as [a prostitute]".

    It says no more than "she had been one", so a rewrite of the label may replace it too.
    """
    link = match.root.head
    return (
        link.lower_ == "as"
        and link.head.i == verb.i
        and link.i == verb.i + 1
        and verb.lemma_.lower() in ROLE_VERBS
    )


def _bracketed(token: Token, reach: int = 8) -> bool:
    """The word stands inside a short aside in round brackets ("Sam (they/them)").

    Only a few words either side are read, so the check costs the same in any sentence.
    """
    doc = token.doc
    for t in reversed(doc[max(0, token.i - reach) : token.i]):
        if t.text == ")":
            return False
        if t.text == "(":
            return any(u.text == ")" for u in doc[token.i + 1 : token.i + 1 + reach])
    return False


# Verbs that only set when or how often the matched act happened ("continues to put herself"):
# a rewrite may leave them out.
_ASPECT_VERBS = frozenset(
    "continue keep start begin stop seem appear try tend want need happen use go come get"
    " become choose decide opt have be do".split()
)


def _adult_did(verb: Token) -> bool:
    """The verb (or the one it is joined to by "and") has an adult as its subject."""
    first = verb.head if verb.dep_ == "conj" else verb
    return any(c.dep_ == "nsubj" and is_adult_ref(c) for c in first.children)


def lost_facts(target: Span, match: Span, candidate: str) -> list[Token]:
    """The words of ``target`` recording a fact (:func:`_fact`) that ``candidate`` leaves out."""
    words = {w.lower() for w in re.findall(r"[\w'-]+", candidate)}
    words |= {part for w in list(words) for part in w.split("-")}
    if any(w.startswith("sexual") for w in words):
        words.add("sex")  # "in return for sex" -> "sexual exploitation": the act is still named
    lost = []
    for token, lower, lemma, aside in _facts(target, match):
        if aside is not None:
            # An aside in brackets stays whole, as written ("Sam (they/them)"): the same word
            # used elsewhere in the rewrite ("when they meet") is not it.
            if f"({aside})" not in candidate:
                lost.append(token)
        elif lower not in words and lemma not in words:
            lost.append(token)
    return lost


Fact = tuple[Token, str, str, str | None]  # the word, its lower case, its lemma, its aside
# The facts of the last target weighed: every candidate for one finding (and each template's
# carried phrases) asks about the same words, which are read once.
_LAST_FACTS: tuple[Doc, tuple[int, int, int, int], list[Fact]] | None = None


def _facts(target: Span, match: Span) -> list[Fact]:
    """The words of ``target`` recording a fact, each with the bracketed aside it stands in."""
    global _LAST_FACTS
    key = (target.start, target.end, match.start, match.end)
    last = _LAST_FACTS
    if last is not None and last[0] is target.doc and last[1] == key:
        return last[2]
    facts: list[Fact] = []
    for token in target:
        if not _fact(token, match):
            continue
        aside = None
        if token.is_alpha and not match.start <= token.i < match.end and _bracketed(token):
            aside = _aside(token)
        facts.append((token, token.lower_, token.lemma_.lower(), aside))
    _LAST_FACTS = (target.doc, key, facts)
    return facts


def _aside(token: Token, reach: int = 8) -> str:
    """The text between the round brackets around ``token`` (see :func:`_bracketed`)."""
    doc = token.doc
    start = next(t.i for t in reversed(doc[max(0, token.i - reach) : token.i]) if t.text == "(")
    end = next(t.i for t in doc[token.i + 1 : token.i + 1 + reach] if t.text == ")")
    return doc[start + 1 : end].text


def _lost_fact(target: Span, match: Span, candidate: str) -> str | None:
    return "lost-fact" if lost_facts(target, match, candidate) else None


_VICTIM_WORDS = re.compile(r"\b(exploited|abused|groomed|victims?)\b")


def _role_slot(target: Span, candidate: str) -> str | None:
    """A role ("a drug runner for the line", "act as a drug runner") given a victim's name.

    "Is a criminally exploited child for the Brixton line", "to act as a criminally exploited
    child": the slot asks what the child did or was used as, and a description of what was
    done to the child does not fill it.
    """
    root = target.root
    if root.pos_ not in ("NOUN", "PROPN") or not _VICTIM_WORDS.search(candidate):
        return None
    if root.dep_ == "pobj" and root.head.lower_ == "as":
        return "shape"
    if any(c.dep_ == "prep" and c.lower_ == "for" and c.i >= target.end for c in root.children):
        return "shape"
    return None


_INDEFINITE = frozenset(["a", "an", "one", "someone", "somebody", "another", "any"])


def _article_lost(target: Span, candidate: str) -> str | None:
    """A singular noun phrase replaced by one with no article: "was sexually exploited child".

    The replaced words' "a" said one of something countable; what stands there must say so
    too (a plural says otherwise, and the agreement check weighs it).
    """
    if len(target) < 2 or target[0].lower_ not in ("a", "an") or target[0].dep_ != "det":
        return None
    if target.root.pos_ not in ("NOUN", "PROPN") or target[0].head.i != target.root.i:
        return None  # "An incident occurred ...": a clause, not a noun phrase
    first = candidate.split(" ", 1)[0].lower()
    last = candidate.rstrip(" ,").rsplit(" ", 1)[-1].lower()
    if first in _INDEFINITE or first == "the" or (last.endswith("s") and not last.endswith("ss")):
        return None  # "an affair with a pupil" -> "the sexual abuse of a pupil" has its article
    return "shape"


_DETERMINERS = frozenset("the a an this that these those his her their my your our its".split())


def _determined_twice(target: Span, candidate: str) -> str | None:
    """A noun replaced by a phrase with its own determiner after the one left standing.

    "with her 25yo [bf]" -> "with her 25yo the adult who is grooming her": the "her" before
    the replaced words already determines the noun, so a replacement must not bring another.
    """
    head = target.root
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    if not any(c.i < target.start and c.dep_ in ("det", "poss") for c in head.children):
        return None
    first = candidate.lstrip("[").split(" ", 1)[0].lower()
    return "shape" if first in _DETERMINERS else None


_PREPOSITIONS = frozenset(
    "for to with by from at in on of into about against towards toward".split()
)


def _preposition_dropped(target: Span, candidate: str) -> str | None:
    """The replaced words end in a preposition whose object is left standing after them.

    "has been plugging [for] the older boys" -> "has been forced to carry drugs internally the
    older boys": the object loses the word that joined it to the sentence.
    """
    last = target[-1]
    if last.pos_ != "ADP" or not any(c.i >= target.end for c in last.children):
        return None
    words = candidate.rstrip(" ,").rsplit(" ", 1)
    return None if words[-1].lower() in _PREPOSITIONS else "shape"


_ADJUNCT_MARKS = frozenset("after before while since without on upon when".split())


def _adjunct_orphaned(target: Span, candidate: str) -> str | None:
    """A subjectless "-ing" adjunct left behind for a new subject to own.

    "He got himself stabbed after going to the estate" -> "[The person who harmed him]
    stabbed him after going to the estate" says the person responsible went there. Where the
    rewrite gives the clause a new subject, an "after/before/while ... -ing" kept (outside the
    replaced words, or carried into the rewrite) would take it as its own.
    """
    verb = target.root
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = subject_of(verb)
    inside = range(target.start, target.end)
    if subject is not None and (
        subject.i not in inside or candidate.lower().startswith(subject.text.lower())
    ):
        return None  # the child stays the subject: "She was at risk when ..."
    heads = [t for t in target if t.pos_ in ("VERB", "AUX")]
    for child in (c for head in heads for c in head.children):
        if child.lower_ not in _ADJUNCT_MARKS or child.dep_ not in ("prep", "mark"):
            continue
        words = target.doc[child.i : child.right_edge.i + 1].text
        if child.i in inside and words not in candidate:
            continue  # replaced with the rest, not carried over
        for gerund in (child, *child.children):
            if gerund.tag_ == "VBG" and not any(
                c.dep_ in ("nsubj", "nsubjpass") for c in gerund.children
            ):
                return "shape"
    return None


def _relative_lost(target: Span, candidate: str) -> str | None:
    """A relative clause rewritten as a main one: "a person [who puts herself at risk]".

    The rewrite would hang a second clause on the noun with nothing joining them ("She is a
    frequent missing person [the person who harmed her] puts her at risk").
    """
    first = target[0]
    relative = first.lower_ in ("who", "that", "which", "whom") and first.head.dep_ == "relcl"
    if not relative:
        return None
    opening = candidate.split(maxsplit=1)[:1]
    return None if opening and opening[0].lower() == first.lower_ else "shape"


def _headless(target: Span, candidate: str) -> str | None:
    """A noun phrase replaced by a bare adjective ("a consensual relationship" -> "an abusive").

    The re-parse of the broken sentence is no help here (the small model reads "an abusive" as
    a noun), so the word's classes come from the inflection lexicon, which knows that
    "abusive" is only ever an adjective.
    """
    last = target[-1]
    if last.pos_ not in ("NOUN", "PROPN") or last.i != target.root.i:
        return None
    after = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        return None  # the noun phrase goes on after the replaced words
    words = re.findall(r"[A-Za-z][\w'-]*", candidate)
    if not words:
        return None
    classes = [set(getAllLemmas(w.lower())) for w in words]
    if all(c and not {"NOUN", "PROPN", "PRON"} & c for c in classes):
        return "shape"  # not one word of it can head a noun phrase
    if after is not None and after.lower_ == "of" and "NOUN" not in classes[-1]:
        return "shape"  # "a victim of revenge porn" -> "someone who has been hurt of ..."
    return None


def _blame_moved(target: Span) -> str | None:
    """Fault put on someone else, with the child's act left after it as the reason.

    "It's your fault for sending the photo" -> "the fault of [the person who harmed you] for
    sending the photo" makes the sending theirs. No rewrite of the fault alone can fit.
    """
    doc = target.doc
    if target.root.lemma_.lower() not in ("fault", "blame", "responsibility"):
        return None
    if target.end + 1 >= len(doc) or doc[target.end].lower_ != "for":
        return None
    return "shape" if doc[target.end + 1].tag_ == "VBG" else None


def _vacuous(target: Span, candidate: str) -> str | None:
    """A judging word dropped from what the sentence says a thing is, leaving nothing said.

    "This is likely to be [a false allegation]" -> "likely to be an allegation" asserts what
    was already known; "this is a malicious allegation by his ex-partner" -> "an allegation
    by his ex-partner" still says whose it is.
    """
    noun = target.root
    if noun.pos_ != "NOUN" or noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return None
    kept = {w.lower() for w in re.findall(r"[\w'-]+", candidate)} - {"a", "an", "the"}
    if not kept or not kept <= {t.lower_ for t in target}:
        return None  # a new word: not a deletion
    if any(c.i > noun.i and c.dep_ in ("prep", "acl", "relcl", "appos") for c in noun.children):
        return None
    return "vacuous"


# Words that describe an act as abusive: said of what a child takes part in, they make the
# child its doer. (Nouns are what a child suffers: "experienced domestic abuse".)
_HARM_WORDS = frozenset(["abusive", "exploitative", "harmful"])
_HARM_VERBS = frozenset(["abuse", "exploit", "groom", "rape", "assault"])


def _child_does_it(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    """The rewrite makes the child the doer of the abuse.

    "She is engaging in abusive ...", "children who sexually exploited relationships".
    """
    for token in _inserted(doc, rewrite):
        if token.lemma_.lower() in _HARM_VERBS and token.pos_ == "VERB":
            if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
                continue
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and surely_child(referent(subject)):
                return "shape"
            continue
        if token.lower_ not in _HARM_WORDS:
            continue
        if token.dep_ == "amod" and (is_adult_ref(token.head) or token.head.lemma_ == "partner"):
            continue  # "She left an abusive partner": the adult is the abusive one
        verb = token.head
        for _ in range(6):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
            continue
        if verb.lemma_ == "be":
            continue  # "the sex was abusive": a description of what happened
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and is_child_ref(subject) and not is_adult_ref(subject):
            return "shape"
    return None


def _conjunct_left(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    """A word joined by "and" to the replaced words now joins something of another kind.

    "involved in prostitution and other forms of exploitation" -> "being sexually exploited
    and other forms of exploitation": the noun's conjunct is left hanging on a verb.
    """
    joined = [
        t
        for t in target
        if t.pos_ in ("NOUN", "PROPN")
        and any(c.dep_ == "conj" and c.i >= target.end for c in t.children)
    ]
    if not joined:
        return None  # joined clauses are weighed by ``_joins``
    region = doc.char_span(rewrite.start, rewrite.end, alignment_mode="expand")
    if region is None or not len(region):
        return None
    last = next((t for t in reversed(region) if not t.is_punct), region[-1])
    if _category(joined[-1]) != _category(last):
        return "shape"
    return None


def _older_harmer(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    """An age comparison kept on a word for the person who harms ("her older abuser").

    "Older" described a boyfriend against the child; on "abuser" it says nothing sensible.
    """
    for token in _inserted(doc, rewrite):
        if token.lemma_.lower() in _HARMER_NOUNS and any(
            c.lower_ in ("older", "younger") for c in token.children
        ):
            return "shape"
    return None


def _inserted(doc: Doc, rewrite: Rewrite) -> list[Token]:
    return [t for t in doc if rewrite.start <= t.idx < rewrite.end and not t.is_space]


def _category(token: Token) -> str:
    """What kind of phrase a head word makes: a clause, a gerund, a noun phrase, a modifier."""
    if token.pos_ in ("VERB", "AUX"):
        if token.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
            c.dep_ in ("nsubj", "nsubjpass")
            # A finite auxiliary makes a clause even where the parse hangs the subject on it
            # ("Kayden was groomed": "Kayden" under "was").
            or (c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD"))
            for c in token.children
        ):
            return "clause"
        return "verb-" + token.tag_
    if token.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        return "noun"
    if token.pos_ in ("ADJ", "ADV"):
        return "modifier"
    return token.pos_.lower()


def _head(tokens: list[Token]) -> Token | None:
    """The word of ``tokens`` whose head lies outside them (the first such, if several)."""
    ids = {t.i for t in tokens}
    for token in tokens:
        if token.head.i not in ids or token.head.i == token.i:
            return token
    return tokens[0] if tokens else None


def _shape(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    region = doc.char_span(rewrite.start, rewrite.end, alignment_mode="expand")
    if region is None or not len(region) or not len(target):
        return None
    if target.root.pos_ == "ADP" and target.root.head.lemma_ == "be" and region[0].tag_ == "VBG":
        return None  # "was [in an abusive relationship]" -> "was experiencing abuse from ..."
    # Tags are steadier than the parse of a broken sentence: a clause (a finite verb) must
    # replace a clause, and nothing else may bring one in ("for having [he abused the child]").
    if _finite(target) != _finite(region):
        return "shape"
    old, new = target.root, region.root
    # "[The paedophile] teacher": article and words all hang on the noun after them, and the
    # root is then the article; the word nearest the noun is what stands in its slot.
    old, new = _past_article(target, old), _past_article(region, new)
    copied = _copied_tail(target.text, doc.text[rewrite.start : rewrite.end])
    if copied and new.idx >= rewrite.end - copied and old.idx < target.end_char - copied:
        # "involved in County Lines drug dealing" -> "criminally exploited through County
        # Lines drug dealing": the old head was among the words changed, and the words
        # copied after it hang as they did; when the new parse makes one of them the head
        # (the noun taken for the next verb's subject), the phrase's head is among the words
        # the candidate brings.
        front = [t for t in region if t.idx < rewrite.end - copied]
        brought = {t.lower_ for t in front} - {t.lower_ for t in target}
        new = (_head(front) if brought else None) or new
    if old.pos_ == "ADP":
        # "sex with a minor" misparsed as two phrases: the noun, not its "with", is the head.
        heads = [t for t in target if not target.start <= t.head.i < target.end or t.head == t]
        old = next((t for t in heads if t.pos_ in ("NOUN", "PROPN")), old)
    lead = [t for t in region if t.pos_ != "DET"][:1]
    kept = [t for t in lead if t.lower_ == old.lower_ and t.pos_ == old.pos_]
    if kept and old.pos_ == "NOUN" and len(region) > len(target):
        # "a sexting incident" -> "an incident of sharing nudes ...": the noun kept is still
        # the phrase's head, however the small parser hangs the words after it.
        new = kept[0]
    cut = target[-1]
    inside = cut.dep_ in ("compound", "amod", "nmod") and cut.head.i >= target.end
    if inside and cut.i != old.i and region[-1].pos_ in ("VERB", "AUX", "ADP"):
        # The replaced words end inside a noun phrase ("involved in county lines [drug selling
        # networks]"): what stands there now must still lead into its noun.
        return "shape"
    if region[0].tag_ == "VBG" and region[0].lower_ in ("being", "having"):
        new = region[0]  # "being criminally exploited" stands where a gerund does
    # A word modifying a noun ("his sexting prank") takes one word, not a phrase, unless the
    # phrase is itself one that stands before a noun (see ``_premodifier``).
    modifier = old.dep_ in ("compound", "amod", "nmod", "poss") and old.head.i >= target.end
    longer = len(region.text.split()) > len(target.text.split())
    if modifier and longer:
        chain = _premodifier(region, target, old)
        if chain is None:
            return "shape"
        new = chain  # its last noun stands where the word did, whatever the parse's root
    acronym = old.is_upper and len(old) > 1  # "LAC", "LACYP": no number can be read from them
    if acronym and _counted(old) and new.tag_ in ("NN", "NNP"):
        return "agreement"  # "three LAC" -> "three child in care"
    # A modifier's number too: "the [revenge porn] case" -> not "the intimate images case".
    clash = (old.tag_ in ("NNS", "NNPS") and new.tag_ in ("NN", "NNP")) or (
        old.tag_ in ("NN", "NNP") and new.tag_ in ("NNS", "NNPS")
    )
    # A bare singular object takes a plural in its place ("posted [porn]" -> "posted intimate
    # images"): no article, number or verb agrees with it.
    posted = _posted(target)
    bare_object = posted or (
        old.tag_ == "NN"
        and old.dep_ in ("dobj", "pobj")
        and not any(c.dep_ in ("det", "nummod", "amod") for c in old.children if c.i < old.i)
        and old.left_edge.i >= target.start
    )
    if clash and not acronym and not bare_object:
        return "agreement"  # "young drug runners" -> "young criminally exploited child"
    if new.lemma_.lower() in _ABUSE_NOUNS and _odd_collocation(new):
        return "shape"
    if _act_for_thing(new) or _thing_for_act(new) or (posted and new.lemma_ in _ACT_NOUNS):
        return "shape"
    if _stacked_relative(region, target) or _bare_nominal_gerund(region):
        return "shape"
    if new.lemma_.lower() in _HARMER_NOUNS and old.lemma_.lower() in _MUTUAL and _predicate(old):
        return "shape"  # "she is a willing sexual partner" is the child, not her abuser
    before, after = _category(old), _category(new)
    if new.lower_ == old.lower_ and new.idx != rewrite.start:
        # The old head kept, rebuilt around ("her older boyfriend's [flat]" -> "the [flat] of
        # the older man ..."): the same word in the same slot, however the parser tags it.
        after = before
    if before == "adp" and old.dep_ == "prep" and old.head.pos_ in ("VERB", "AUX", "NOUN"):
        # A phrase saying why or how the verb's act was done ("in return for sex"): another
        # such phrase, or an infinitive of purpose, stands in its place ("to exploit him").
        purpose = after == "verb-VB" and any(
            c.lower_ == "to" and c.dep_ == "aux" for c in new.children
        )
        if after == "adp" or purpose:
            return None
    # Modifiers the replaced words themselves hold go with them ("youth produced sexual
    # imagery"); only one left standing outside needs a noun ("some [sharing]").
    bare = not any(
        c.dep_ in ("det", "amod", "compound", "nummod") and not target.start <= c.i < target.end
        for c in old.children
    )
    gerund_noun = old.lower_.endswith("ing") and not old.tag_.startswith("VB")
    if gerund_noun and new.tag_ == "VBG" and bare and not modifier:
        # "when sexting goes wrong", "caught sexting": the small model tags the gerund an
        # adjective, but "sharing nudes" stands in any slot a bare gerund does.
        return None
    if {before, after} == {"verb-VBN", "verb-VBG"} and region[0].lower_ in _STATE_GERUNDS:
        if old.head.lemma_ in _LINKING and old.head.i < old.i:
            return "shape"  # "he became involved" -> "he became being exploited"
        return None  # "children involved in" -> "children being sexually exploited"
    if before == "noun" and after == "verb-VBG" and old.dep_ in _GERUND_SLOTS and bare:
        return None  # "the risks of sexting" -> "the risks of sharing nudes" (not "some sharing")
    if before == after or ({before, after} <= {"noun", "modifier"} and old.dep_ == "amod"):
        return None
    if before.startswith("verb-") and after.startswith("verb-"):
        return None if before == after or "verb-VBG" not in (before, after) else "shape"
    return "shape"


def _past_article(words: Span, root: Token) -> Token:
    """The root of ``words``, or where it is an article, their last other word heading out."""
    if root.pos_ != "DET":
        return root
    outside = [t for t in words if not words.start <= t.head.i < words.end and t.pos_ != "DET"]
    return outside[-1] if outside else root


_NOMINAL = frozenset(["NOUN", "PROPN", "ADJ"])


def _premodifier(region: Span, target: Span, old: Token) -> Token | None:
    """A phrase of nouns and adjectives that stands before a noun as one word did; its noun.

    "for [paedophile] Vanessa George" -> "for child sexual offender Vanessa George": a title
    before a name; "[child porn] charges" -> "child sexual abuse material charges": a thing
    naming what a thing is about. Not a phrase with a verb, a preposition or "and" ("his
    sharing nudes and semi-nudes prank", "sexually exploited boy activities"), not one whose
    number differs from the word's, and not a person's label before a common noun ("the
    child sexual offender teacher"), which reads as two people.
    """
    # A hyphened word is one modifier, whatever its parts are ("image-based sexual abuse").
    joined = {t.i + d for t in region if t.tag_ == "HYPH" and not t.whitespace_ for d in (-1, 1)}
    words = [t for t in region if t.tag_ != "HYPH"]
    if words and words[0].pos_ == "DET" and target[0].pos_ == "DET":
        words = words[1:]  # "[the rent boy] scene": the article was the sentence's own
    last = words[-1] if words else None
    # An adverb and participle make one adjective ("a financially motivated sexual extortion").
    adverbs = {t.i for t in words if t.pos_ == "ADV" and t.head.tag_ in ("VBN", "JJ")}
    described = {t.head.i for t in words if t.i in adverbs}
    if last is None or any(
        t.pos_ not in _NOMINAL and t.i not in joined | adverbs | described for t in words
    ):
        return None
    if last.pos_ != "NOUN" or (last.tag_ == "NNS") != (old.tag_ in ("NNS", "NNPS")):
        return None
    noun = last.head  # "child sexual offender Vanessa [George]": the name's last word
    between = region.doc[region.end : noun.i]
    if noun.i < region.end or any(t.head.i != noun.i or t.dep_ != "compound" for t in between):
        return None
    if noun.pos_ == "PROPN" and noun.is_title:
        return last
    person = word_lists.of("person_nouns") | word_lists.of("perpetrator_nouns")
    person = person | word_lists.of("adult_nouns") | word_lists.of("child_nouns")
    thing = last.lower_ not in person and last.lemma_.lower() not in person
    return last if noun.pos_ == "NOUN" and thing else None


_WHERE_AND_WHEN = frozenset(
    "online abroad overnight outside upstairs downstairs yesterday today tonight again daily"
    " weekly nightly repeatedly".split()
)
# Gerunds that say what a child undergoes and so stand where a passive participle did:
# "children [involved in] ..." -> "children being sexually exploited", "a child suspected to
# be [involved in commercial sexual exploitation]" -> "to be experiencing ...".
_STATE_GERUNDS = frozenset(["being", "experiencing"])
_LINKING = frozenset(["become", "get", "seem", "appear", "remain", "feel", "look", "grow"])
_GERUND_SLOTS = frozenset(["pobj", "nsubj", "nsubjpass", "dobj"])
_ABUSE_NOUNS = frozenset(["abuse", "exploitation", "rape", "assault", "grooming"])
_POSTING = frozenset("post share upload send distribute circulate leak forward".split())
_ACT_NOUNS = _ABUSE_NOUNS | {"sharing"}
_THING_NOUNS = frozenset(["image", "images", "photo", "photos", "picture", "pictures"])


def _copied_tail(old: str, new: str) -> int:
    """How many characters at the end of ``new`` are the last whole words of ``old``.

    Not all of ``new``: a candidate that is only the old words changed nothing to judge.
    """
    old_words, new_words = old.split(), new.split()
    same = 0
    while (
        same < min(len(old_words), len(new_words) - 1)
        and old_words[-1 - same] == new_words[-1 - same]
    ):
        same += 1
    return len(" ".join(new_words[len(new_words) - same :])) if same else 0


def _act_for_thing(noun: Token) -> bool:
    """An act where a thing was meant: "her ex posted [image-based sexual abuse] of her".

    What is posted, shared or sent is the images; the abuse is the posting.
    """
    if noun.lemma_.lower() not in _ACT_NOUNS:
        return False
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _POSTING:
        return True
    return any(c.dep_ == "acl" and c.lemma_.lower() in _POSTING for c in noun.children)


def _posted(target: Span) -> bool:
    """The replaced words stand straight after a verb of posting: they are what was posted.

    Read from the words, not the tree: "Her ex-boyfriend posted revenge porn of her" parses
    with "posted" as an adjective of "porn", yet the slot after it still takes a thing.
    """
    if target.start == 0 or target[0].pos_ == "DET":
        return False
    verb = target.doc[target.start - 1]
    return verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in _POSTING


def _thing_for_act(noun: Token) -> bool:
    """A thing where an act was meant: "the victim of [intimate images]"."""
    if noun.lower_ not in _THING_NOUNS or noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.lower_ == "of" and prep.head.lemma_.lower() in ("victim", "survivor")


def _odd_collocation(noun: Token) -> bool:
    """Abuse is done to a child, not shared: "have sexual abuse with", "rape with a child"."""
    if noun.dep_ == "dobj" and noun.head.lemma_ in ("have", "begin", "start", "enter"):
        return True
    if noun.dep_ == "dobj" and noun.head.lemma_ == "end":
        # "she ended the abuse" gives the child the power to stop it; "the charity works to
        # end sexual exploitation" does not.
        subject = subject_of(noun.head)
        return subject is None or is_child_ref(referent(subject))
    following = noun.doc[noun.i + 1 : noun.i + 2]
    if len(following) and following[0].lower_ in ("with", "between"):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in noun.children)


def _bare_nominal_gerund(region: Span) -> bool:
    """A gerund with "of" after it and no determiner before it: "the risks of sharing of nudes".

    "Sharing of nudes" is a noun and takes one ("some sharing of nudes", "the sharing of
    nudes"); with none, the verb form stands ("of sharing nudes").
    """
    first = region[0]
    if not first.lower_.endswith("ing") or len(region) < 2 or region[1].lower_ != "of":
        return False
    before = region.doc[region.start - 1] if region.start > 0 else None
    return before is None or not (before.pos_ == "DET" or before.tag_ in ("PRP$", "POS"))


def _stacked_relative(region: Span, target: Span) -> bool:
    """A candidate ending in its own relative clause, put before the sentence's own one."""
    if not any(t.lower_ in ("who", "that", "which") for t in region) and not _has_relative(region):
        return False
    following = region.doc[region.end : region.end + 1]
    if (
        len(following)
        and following[0].pos_ == "PRON"
        and following[0].head.dep_ in ("relcl", "ccomp")
    ):
        return True  # "a person she only knows online she has never met"
    after = target.doc[target.end : target.end + 2]
    return any(t.dep_ in ("relcl", "acl") or t.lower_ in ("who", "that") for t in after) or (
        len(after) > 0 and after[0].pos_ == "PRON" and after[0].head.dep_ == "relcl"
    )


_FINITE = frozenset(["VBD", "VBZ", "VBP", "MD"])


def _finite(tokens: Span) -> bool:
    """The words hold a finite verb (outside any placeholder's brackets).

    A relative clause belongs to its noun ("someone who has been hurt" stands where "victim"
    did), so its verbs do not count.
    """
    depth = 0
    for token in tokens:
        depth += token.text.count("[") - token.text.count("]")
        finite = depth <= 0 and token.pos_ in ("VERB", "AUX") and _finite_tag(token)
        if finite and not _in_relative(token, tokens):
            return True
    return False


def _finite_tag(token: Token) -> bool:
    """A finite verb, also one the small tagger reads as a participle ("His coach abused")."""
    if token.tag_ in _FINITE:
        return True
    children = [c.dep_ for c in token.children]
    if token.dep_ == "amod":
        # A participle before its noun describes it, whatever subject the parser hangs on it
        # ("Our policy on youth [produced] sexual imagery", "policy" read as the producer).
        return False
    return token.tag_ == "VBN" and "nsubj" in children and not {"aux", "auxpass"} & set(children)


def _has_relative(region: Span) -> bool:
    """The words end in a clause of their own that describes a noun."""
    return any(
        t.dep_ in ("relcl", "acl")
        and t.head.pos_ in ("NOUN", "PROPN", "PRON")
        and region.start <= t.head.i < region.end
        for t in region
    )


def _in_relative(token: Token, tokens: Span) -> bool:
    """The verb belongs to a relative clause inside the words ("someone who has been hurt")."""
    for node in (token, *token.ancestors):
        if not tokens.start <= node.i < tokens.end:
            return False
        if node.dep_ == "relcl":
            return tokens.start <= node.head.i < tokens.end
    return False


def _doubled(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    """A word or article doubled at the join: "in an an abusive partner", "a the adult"."""
    pairs = itertools.pairwise(doc)
    old = {(a.lower_, b.lower_) for a, b in itertools.pairwise(target.sent)}
    articles = {"a", "an", "the", "his", "her", "their", "my", "your", "our", "its"}
    for a, b in pairs:
        joined = rewrite.start <= b.idx < rewrite.end or rewrite.start <= a.idx < rewrite.end
        if not joined or (a.lower_, b.lower_) in old or a.is_punct:
            continue
        if a.lower_ == b.lower_ or (a.lower_ in articles and b.lower_ in articles):
            return "repeated"
        if a.lower_ in ("a", "an") and b.text[:1].isalpha() and _wrong_article(a.lower_, b.lower_):
            return "agreement"
    region = doc.char_span(rewrite.start, rewrite.end, alignment_mode="expand")
    if region is not None and region.start > 0:
        before = doc[region.start - 1]
        modified = before.dep_ in ("amod", "det", "poss", "compound", "nummod", "case") or (
            before.pos_ in ("ADJ", "PROPN", "DET") or before.tag_ == "PRP$"
        )
        if modified and region[0].lower_ in articles:
            return "shape"  # "her older the adult who ..."
        if modified and not before.is_punct and _has_relative(region):
            return "shape"  # "his person he only knows online"
    if re.search(r"([?!.,;])\1", rewrite.after) and not re.search(r"([?!.,;])\1", rewrite.before):
        return "repeated"
    if re.search(r"\b(?:the|a|an|his|her|their)\s+\[(?:the|a|an)\b", rewrite.after, re.I):
        return "repeated"  # "The [the person who harmed her]"
    return None


_SILENT_H = ("hour", "honest", "honour", "heir")
_YOU_SOUND = ("uni", "use", "usu", "euro", "one", "once", "ewe")


def _wrong_article(article: str, word: str) -> bool:
    vowel = (word[0] in "aeiou" and not word.startswith(_YOU_SOUND)) or word.startswith(_SILENT_H)
    return (article == "a") == vowel


def _main_clauses(tokens: Iterable[Token], sentences: int = 1) -> int:
    """Finite verbs that head a clause of their own, not one joined by a word or a mark."""
    count = 0
    for token in tokens:
        if token.pos_ not in ("VERB", "AUX") or token.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
            continue
        if token.dep_ in ("ROOT", "parataxis", "dep") and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children
        ):
            count += 1
    return count + max(0, sentences - 1)


_HARMER_NOUNS = frozenset(["abuser", "offender", "perpetrator", "groomer", "exploiter", "adult"])
_MUTUAL = frozenset(["partner", "boyfriend", "girlfriend", "lover"])


def _predicate(noun: Token) -> bool:
    """The noun says what the subject is, so a word for someone else cannot replace it.

    "She is a willing partner", "have been boyfriend and girlfriend".
    """
    head = noun
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ in ("attr", "acomp", "oprd")


def _counted(noun: Token) -> bool:
    """The noun is counted as more than one ("three LAC", "several YP")."""
    for child in noun.children:
        bracketed = child.i > 0 and child.doc[child.i - 1].text == "("  # "Maya (3)": an age
        counts = child.dep_ == "nummod" and child.like_num and child.i < noun.i and not bracketed
        if counts and child.lower_ not in ("1", "one"):
            return True
        if child.lower_ in ("several", "many", "few", "both", "these", "those"):
            return True
    return False


def _joins(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    """The rewrite fits the words it is joined to.

    - a subject shared with a second verb stays ("Jamal is a drug dealer and was arrested":
      a new subject would leave "was arrested" saying the adults were);
    - verb forms after an auxiliary ("has grooming", "have been being forced");
    - a possessive after the words needs a noun ("boys' networks", not "exploited' networks");
    - an article needs a noun after it ("made an allegation" -> not "made a said").
    """
    root = target.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    shared = [
        c
        for c in root.children
        if c.dep_ == "conj"
        and c.pos_ in ("VERB", "AUX")
        and c.i >= target.end
        and not any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in c.children)
    ]
    if (
        subject is not None
        and shared
        and target.start <= subject.left_edge.i <= subject.i < target.end
    ):
        kept = target.doc[subject.left_edge.i : subject.right_edge.i + 1].text
        if not rewrite.after[rewrite.start :].lower().startswith(kept.lower()):
            return "shape"
    stacked = re.compile(r"\b(?:been|be|has|have|had) being\b", re.I)
    if stacked.search(rewrite.after) and not stacked.search(rewrite.before):
        return "agreement"  # "has been being groomed"
    region = doc.char_span(rewrite.start, rewrite.end, alignment_mode="expand")
    if region is None or not len(region):
        return None
    first, last = region[0], region[-1]
    before = doc[region.start - 1] if region.start > 0 else None
    # "has grooming", "being forcing": a gerund cannot follow these; after "been" or "be" it
    # is the progressive ("has been experiencing"), and "been being" is caught above.
    after_aux = before is not None and (before.lemma_ == "have" or before.lower_ == "being")
    if after_aux and first.tag_ == "VBG":
        return "agreement"
    if before is not None and before.lower_ in ("a", "an", "the") and first.pos_ in ("VERB", "AUX"):
        return "shape"  # "made a said of abuse"
    for token in region:
        if token.lemma_ == "have" and token.i + 1 < region.end and doc[token.i + 1].tag_ == "VBG":
            return "agreement"
    after = doc[region.end] if region.end < len(doc) else None
    if after is not None and after.tag_ == "POS" and last.pos_ not in ("NOUN", "PROPN"):
        return "shape"
    return None


def _splice(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    old = _main_clauses(target.sent)
    bracketed = _in_brackets(doc)
    # Only the sentences the rewrite touches: stray emoji elsewhere may split the rest anyway.
    touched = [s for s in doc.sents if s.start_char < rewrite.end and s.end_char > rewrite.start]
    tokens = [t for s in touched for t in s if t.i not in bracketed]
    new = _main_clauses(tokens, len(touched))
    return "splice" if new > max(old, 1) else None


def _repeated(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    """A noun the rewrite says more often than the sentence did ("by the man with a man")."""
    inserted = {t.i for t in _inserted(doc, rewrite)}
    bracketed = _in_brackets(doc)
    new = Counter(
        t.lower_ for t in doc if t.pos_ in ("NOUN", "PROPN") and len(t) > 2 and t.i not in bracketed
    )
    old = Counter(t.lower_ for t in target.sent if t.pos_ in ("NOUN", "PROPN") and len(t) > 2)
    # A wording that repeats a word itself does so on purpose ("nudes and semi-nudes").
    own = Counter(
        doc[i].lower_ for i in inserted if i not in bracketed and doc[i].lower_ not in old
    )
    # A name said again in the rewrite's own clause is how a second clause names its person
    # ("Lily, 13, met him ... and he sexually abused Lily"); a noun doubled is not.
    outside = Counter(
        t.lower_ for t in target.sent if t.pos_ == "PROPN" and not target.start <= t.i < target.end
    )
    # A phrase of harm the sentence already says of the child ("Josh is being criminally
    # exploited; he is [being criminally exploited to move] drugs"): said once is enough.
    kept_words = [t.lower_ for t in target.sent if not target.start <= t.i < target.end]
    said = {" ".join(kept_words[i : i + 2]) for i in range(len(kept_words) - 1)}
    for i in sorted(inserted):
        pair = f"{doc[i].lower_} {doc[i + 1].lower_}" if i + 1 in inserted else ""
        if pair in said and doc[i].pos_ == "ADV" and doc[i + 1].lemma_.lower() in _HARM_VERBS:
            return "repeated"
    # A pronoun of the old words named in full ("while her sister had sex with [them]" ->
    # "while the men sexually abused her sister", the men named earlier): one more mention.
    named = max(
        0,
        sum(
            1
            for t in target
            if t.lower_ in _PERSON_PRONOUNS and t.pos_ == "PRON" and t.dep_ in ("pobj", "dobj")
        )
        - sum(1 for i in inserted if doc[i].lower_ in _PERSON_PRONOUNS),
    )
    for token in doc:
        counted = token.i in inserted and token.i not in bracketed
        again = token.pos_ == "PROPN" and outside[token.lower_] == 1 and new[token.lower_] == 2
        if again and token.is_title:
            continue
        if named and old[token.lower_] and new[token.lower_] <= old[token.lower_] + named:
            continue
        if counted and new[token.lower_] > max(old[token.lower_], own[token.lower_], 1):
            return "repeated"
    return None


_PERSON_PRONOUNS = frozenset(["them", "him"])  # the other person, as an object


def _in_brackets(doc: Doc) -> set[int]:
    """Tokens inside a placeholder's brackets: a prompt, not words of the sentence."""
    inside: set[int] = set()
    depth = 0
    for token in doc:
        if "[" in token.text:
            depth += 1
        if depth:
            inside.add(token.i)
        if "]" in token.text:
            depth = max(0, depth - 1)
    return inside


def _plural(subject: Token) -> bool | None:
    lower = subject.lower_.strip("[]")
    if lower in _PLURAL_PRONOUNS or any(c.dep_ == "conj" for c in subject.children):
        return True
    if lower in _SINGULAR_PRONOUNS or lower == "i":
        return False
    if subject.tag_ in ("NNS", "NNPS"):
        return True
    if subject.tag_ in ("NN", "NNP"):
        return False
    return None


def _single_article(noun: Token) -> bool:
    """An article "a" or "an" on a plural noun, no word of quantity between ("a few children")."""
    article = next((c for c in noun.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
    if article is None:
        return False
    between = noun.doc[article.i + 1 : noun.i]
    return not any(t.lower_ in _QUANTITY for t in between)


_QUANTITY = frozenset("few lot lots number couple dozen group series range handful".split())


def _agreement(doc: Doc, rewrite: Rewrite, target: Span) -> str | None:
    inserted = {t.i for t in _inserted(doc, rewrite)}
    # A subject and verb the writer already paired ("CYP are") are the writer's agreement.
    written = {
        (t.lower_, verb.lower_)
        for t in target.sent
        if t.dep_ == "nsubj"
        for verb in (t.head, *(c for c in t.head.children if c.dep_ in ("aux", "auxpass")))
    }
    for token in doc:
        if token.i in inserted and token.tag_ in ("NNS", "NNPS") and _single_article(token):
            return "agreement"  # "a children who are being exploited"
        if token.dep_ != "nsubj" or (token.i not in inserted and token.head.i not in inserted):
            continue
        if (token.lower_, token.head.lower_) in written:
            continue
        # The finite word carries the agreement: "did [the person] do" agrees in "did".
        # Else the first auxiliary: "several older men ... [has] sexually abused".
        auxes = [c for c in token.head.children if c.dep_ in ("aux", "auxpass")]
        verb = next((c for c in auxes if c.i < token.i), auxes[0] if auxes else token.head)
        if verb.tag_ == "MD" or (verb.lower_ in ("were", "was") and token.lower_ == "you"):
            continue
        if any(c.dep_ == "conj" for c in token.children):
            continue
        plural = _plural(token)
        if plural is None:
            continue
        if plural and (verb.tag_ == "VBZ" or verb.lower_ == "was"):
            return "agreement"
        if (
            plural
            and token.head.lemma_ == "be"
            and any(
                c.dep_ == "attr"
                and c.tag_ == "NN"
                and any(d.lower_ in ("a", "an") for d in c.children)
                for c in token.head.children
            )
        ):
            return "agreement"  # "the girls were a sexually exploited child"
        if (
            not plural
            and token.lower_ not in ("i", "you")
            and (verb.tag_ == "VBP" or verb.lower_ == "were")
        ):
            return "agreement"
    return None
