"""ConText-style scopes around a match: negated, quoted speech, mention, hypothetical.

Computed once per document and only when a rule matched, so clean text costs nothing here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from vblint.analysis import words
from vblint.analysis.ages import Age, band, find_ages
from vblint.analysis.framing import glossary_entry
from vblint.analysis.quotes import QuoteRegion, find_quotes
from vblint.analysis.roles import is_adult_ref

# Words showing that a quotation is talked about rather than used.
MENTION_BEFORE_QUOTE = re.compile(
    r"(such as|like|term|terms|phrase|phrases|word|words|wording|language|expression|"
    r"expressions|saying|say|says|use|using|avoid|e\.g\.|eg|for example|for instance|as|"
    r"label|labels|called|calling|describe|describing|instead of|rather than|not|or|and)"
    r"[\s,:]*$",
    re.IGNORECASE,
)
META_LANGUAGE = re.compile(
    r"victim[- ]blam|blaming language|\bshould not be used\b|\bshould be avoided\b|"
    r"\bnever be used\b|\bdo not use\b|\bdon't use\b|\bavoid (?:using|saying|phrases|language|"
    r"terms|words|wording|describing|the (?:term|phrase|word))\b|\b(?:phrases|terms|language|"
    r"words|wording|expressions) such as\b|\bthe (?:term|phrase|word|label|expression)s?\b|"
    r"\binstead of (?:saying|writing|using)\b|\brather than (?:saying|writing|using)\b|"
    r"\b(?:outdated|inappropriate|harmful) (?:term|terms|language|phrase|phrases|wording)\b|"
    r"\bis (?:an )?outdated\b|\bno longer used\b|\b(?:was|were) replaced\b|\breplaced by\b|"
    r"\b(?:do not|don't|never|please don't) (?:say|write|use|describe|call)\b|"
    r"\bpreferred (?:term|phrase|word|wording|language)\b|"
    r"\b(?:phrases|terms|language|words|wording|expressions) (?:like|including)\b|"
    r"\b(?:changed|renamed|moved away) from\b|\bso-called\b|\bdefinition of\b|"
    # "this term" and "the summer term" are also the school's terms ("three cases this term").
    r"\b(?:such|this|that|one) (?:phrase|word|label|expression)\b|"
    r"\b(?:such|this|that|one) term\b(?!\s*(?:[.,;:!?)]|$|and\b|so\b|we\b))|"
    r"\b(?:avoid|use|using|replace|drop) (?:this|that|such a|the) term\b|"
    r"\b(?:acronym|abbreviation)s?\b|\bthe \S+ (?:label|phrase)\b|"
    r"\bthe (?!(?:summer|autumn|spring|winter|school|whole|same|first|second|third|next|last"
    r"|previous|current|new|half|academic|following)\b)\S+ term\b",
    re.IGNORECASE,
)
BULLET = re.compile(r"[ \t]*(?:[-*\u2022\u2013\u25aa]|\d{1,2}[.)]|[a-z][.)])[ \t]")
NEGATING_DETS = frozenset(["no"])
_CLAUSAL_DEPS = ("ccomp", "xcomp", "acl", "csubj", "pcomp", "conj", "acomp", "attr", "oprd")


@dataclass(frozen=True, slots=True)
class Surroundings:
    """What the whole document says, for one block of a long document parsed as its own Doc.

    ``child_age`` is the youngest child age stated anywhere in the document. Whether the
    document names someone cannot be known before every block is parsed, so a block reports
    its own answer and the findings that hold only if nobody is named (see
    :attr:`DocContext.asked_names`); the linter settles them once the document is done.
    """

    child_age: int | None


class DocContext:
    """Lazily computed facts about one document that rules' conditions consult."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        given = doc._.vblint_surroundings if doc.has_extension("vblint_surroundings") else None
        self.surroundings: Surroundings | None = given
        # Set when a condition reads ``names_someone``: a block's finding may then hold only
        # if no other block of its document names someone.
        self.asked_names = False
        # (start, end, rule) of findings that hold only if nobody is named in the document.
        self.unless_named: set[tuple[int, int, str]] = set()

    @cached_property
    def text(self) -> str:
        """The document's text, built once: ``Doc.text`` joins every token on each call."""
        return self.doc.text

    @cached_property
    def quotes(self) -> list[QuoteRegion]:
        """Quotation-mark regions in the document, plus any a reader marked as quoted."""
        return self._marks + self._marked

    @cached_property
    def _marks(self) -> list[QuoteRegion]:
        """Regions inside quotation marks: in text order and never overlapping."""
        return find_quotes(self.text)

    @cached_property
    def _mark_starts(self) -> list[int]:
        return [q.start for q in self._marks]

    @cached_property
    def _marked(self) -> list[QuoteRegion]:
        """Regions a reader marked as quoted (a Markdown block quote): few, and may nest."""
        marked = self.doc._.vblint_quoted if self.doc.has_extension("vblint_quoted") else None
        return [QuoteRegion(start, start, end) for start, end in marked or ()]

    @cached_property
    def _age_starts(self) -> list[int]:
        return [a.start for a in self.ages]

    @cached_property
    def ages(self) -> list[Age]:
        """Every age stated in the document."""
        return find_ages(self.text)

    @cached_property
    def child_age(self) -> int | None:
        """The youngest child's stated age, if the note gives one."""
        if self.surroundings is not None:
            return self.surroundings.child_age
        child = [a.years for a in self.ages if a.is_child]
        return min(child) if child else None

    def age_band(self) -> str | None:
        """The legal band of the youngest stated child age (under_13 / under_16 / under_18)."""
        return band(self.child_age) if self.child_age is not None else None

    def quote_at(self, span: Span) -> QuoteRegion | None:
        """The innermost quotation the span lies inside, if any."""
        start, end = span.start_char, span.end_char
        # Quotation-mark regions do not overlap: only the last one starting at or before the
        # span can hold it, found by bisection rather than a walk over every quote per finding.
        at = bisect.bisect_right(self._mark_starts, start) - 1
        inside = [q for q in self._marks[max(at, 0) : at + 1] if q.contains(start, end)]
        inside += [q for q in self._marked if q.contains(start, end)]
        return min(inside, key=lambda q: q.end - q.start) if inside else None

    def is_mention(self, span: Span) -> bool:
        """The words are talked about, not used: "avoid phrases such as 'put themselves at risk'".

        A quotation introduced by a mention cue, or any span in a sentence that talks about
        language ("... is victim blaming", "the term ... should not be used").
        """
        sent = span.sent
        sentence = self.text[sent.start_char : sent.end_char]
        if META_LANGUAGE.search(sentence) or META_LANGUAGE.search(self._lead_in(span)):
            return True
        if glossary_entry(span, self.text):
            return True
        quote = self.quote_at(span)
        if quote is None:
            return False
        before = self.text[max(sent.start_char, quote.open_at - 40) : quote.open_at]
        return bool(MENTION_BEFORE_QUOTE.search(before)) and not self._attributed(quote, sent)

    def _lead_in(self, span: Span) -> str:
        """For a bullet point, the line that introduces the list ("For example:"), else ""."""
        text = self.text
        start = text.rfind("\n", 0, span.start_char) + 1
        if not BULLET.match(text, start):
            return ""
        for _ in range(50):
            if start == 0:
                return ""
            prev_start = text.rfind("\n", 0, start - 1) + 1
            line = text[prev_start : start - 1]
            if line.strip() and not BULLET.match(line):
                return line
            start = prev_start
        return ""

    def is_quoted_speech(self, span: Span) -> bool:
        """Inside quotation marks and not a mention: somebody's own words, kept as evidence."""
        return self.quote_at(span) is not None

    def _attributed(self, quote: QuoteRegion, sent: Span) -> bool:
        """A speech verb or a colon next to the quotation: someone said these words."""
        for token in sent:
            near_before = quote.open_at - 60 <= token.idx < quote.open_at
            near_after = quote.end < token.idx <= quote.end + 30
            if (near_before or near_after) and token.lemma_.lower() in words.of("speech_verbs"):
                return True
        prefix = self.text[max(0, quote.open_at - 3) : quote.open_at]
        return ":" in prefix

    def is_negated(self, span: Span) -> bool:
        """Negation outside the match governs it: "nothing suggests she put herself at risk".

        A negation inside the match ("should not have sent") is part of what the rule looks for
        and does not count.
        """
        inside = range(span.start, span.end)
        token: Token = span.root
        for depth in range(4):
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass") and _negating_noun(child):
                    return True
                if child.dep_ == "neg" and child.i not in inside:
                    return True
            if depth > 0 and token.pos_ in ("NOUN", "PROPN") and _negating_noun(token):
                return True
            if token.dep_ not in _CLAUSAL_DEPS or token.head.i == token.i:
                break
            if token.dep_ == "ccomp" and token.i < token.head.i:
                break  # a clause before its "head" is spliced on, not governed by it
            if token.dep_ in ("advcl", "conj") and any(
                (c.dep_ in ("mark", "advmod", "cc") and c.lower_ in _OWN_CLAUSE)
                or (token.dep_ == "conj" and c.dep_ in ("nsubj", "nsubjpass"))
                for c in token.children
            ):
                # "She did not struggle, so it cannot have been rape": a clause of its own,
                # with its own subject or its own "so", is not under the other's "not".
                break
            token = token.head
        return _denied_subject(span)

    def is_hypothetical(self, span: Span) -> bool:
        """Inside an if/whether clause, or an infinitive about capacity ("capacity to consent")."""
        token = span.root
        if (
            any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            and token.dep_ in ("acl", "xcomp", "advcl")
            and (
                token.head.lemma_.lower() in words.of("capacity_nouns")
                or token.head.lemma_.lower() in words.of("capacity_words")
            )
        ):
            return True
        for _ in range(3):
            if any(
                c.dep_ == "mark" and c.lower_ in words.of("hypothetical_marks")
                for c in token.children
            ):
                return True
            if _capacity(token) or _generic_when(token):
                return True
            if token.head.i == token.i:
                break
            token = token.head
        return False

    def has_cue(self, span: Span, cues: frozenset[str], previous: bool = True) -> bool:
        """The sentence, or (with ``previous``) the one before it, contains a cue word."""
        sent = span.sent
        start = sent.start
        if start > 0 and previous:
            start = self.doc[start - 1].sent.start
        return any(
            (t.lower_ in cues or t.lemma_.lower() in cues) and not _neutral_use(t)
            for t in self.doc[start : sent.end]
        )

    @property
    def names_someone(self) -> bool:
        """The note names a person who could have done it: an adult, not a professional."""
        self.asked_names = True
        return self.names_someone_here

    @cached_property
    def names_someone_here(self) -> bool:
        """:attr:`names_someone` for this Doc alone (a block of a long document: its part)."""
        professionals = words.of("professional_nouns")
        return any(
            is_adult_ref(t) and t.lower_ not in professionals and t.lower_ not in ("i", "we")
            for t in self.doc
        )

    def adult_party(self, span: Span) -> bool:
        """The sentence names an adult or much older other party.

        An adult age ("a 24-year-old", "in his 20s"), an adult noun ("a man"), or "older"
        describing a person.
        """
        sent = span.sent
        child = self.child_age
        first = bisect.bisect_left(self._age_starts, sent.start_char)
        last = bisect.bisect_left(self._age_starts, sent.end_char)
        for age in self.ages[first:last]:
            adult = not age.is_child
            # 17 and 19 are peers in law; an adult with a child under 16, or a wide gap, is not.
            if adult and (child is None or child < 16 or age.years - child >= 5):
                return True
        return any(
            t.lower_ in words.of("adult_party_words")
            or t.lemma_.lower() in words.of("adult_party_words")
            for t in sent
        )


# "sexual health", "sex education": clinical and educational uses are not a sexual-abuse cue.
_NEUTRAL_NEXT = frozenset(["health", "education", "ed", "clinic", "clinics", "screening"])


def _neutral_use(token: Token) -> bool:
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return nxt is not None and nxt.lower_ in _NEUTRAL_NEXT


def _denied_subject(span: Span) -> bool:
    """What a negated copula denies: "affairs are not the cause of violence"."""
    for verb in span.sent:
        if verb.lemma_ != "be" or not any(c.dep_ == "neg" for c in verb.children):
            continue
        if not any(c.dep_ == "attr" for c in verb.children):
            continue
        for subject in verb.children:
            if (
                subject.dep_ == "nsubj"
                and subject.left_edge.i <= span.start < span.end - 1 <= (subject.right_edge.i)
            ) or (subject.dep_ == "nsubj" and subject.i == span.root.i):
                return True
    return False


def _capacity(verb: Token) -> bool:
    """Capacity, "a young person can consent at 16": what the law allows, not what happened."""
    if verb.lemma_.lower() not in ("consent", "agree") or not any(
        c.dep_ == "aux" and c.lower_ in ("can", "could", "cannot", "ca") for c in verb.children
    ):
        return False
    # "can consent to their own exploitation" is the myth itself, not a statement of capacity.
    harms = ("abuse", "exploitation", "exploited", "abused", "harm", "rape")
    return not any(t.lower_ in harms for t in verb.subtree if t.i > verb.i)


def _generic_when(verb: Token) -> bool:
    """A generic case, "when private images are shared without consent", not an event."""
    if verb.tag_ not in ("VBP", "VBZ", "VBN") or not any(
        c.dep_ == "advmod" and c.lower_ in ("when", "whenever") for c in verb.children
    ):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(
        s.tag_ == "NNS" and not any(c.dep_ in ("det", "poss") for c in s.children) for s in subjects
    )


# Words that start an adverbial clause with its own assertion, outside its head's negation.
_OWN_CLAUSE = frozenset(["so", "because", "since", "although", "though", "as", "when", "while"])


def _negating_noun(token: Token) -> bool:
    if token.lower_ in words.of("negating_subjects"):
        return True
    return any(c.dep_ == "det" and c.lower_ in NEGATING_DETS for c in token.children)
