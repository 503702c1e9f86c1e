"""ConText-style scopes around a match: negated, quoted speech, mention, hypothetical.

Computed once per document and only when a rule matched, so clean text costs nothing here.
"""

from __future__ import annotations

import re
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from vblint.ages import Age, band, find_ages
from vblint.quotes import QuoteRegion, find_quotes

SPEECH_VERBS = frozenset(
    [
        "say",
        "said",
        "says",
        "tell",
        "told",
        "tells",
        "state",
        "stated",
        "states",
        "describe",
        "described",
        "describes",
        "call",
        "called",
        "calls",
        "report",
        "reported",
        "reports",
        "explain",
        "explained",
        "disclose",
        "disclosed",
        "write",
        "wrote",
        "text",
        "texted",
        "message",
        "messaged",
        "reply",
        "replied",
        "ask",
        "asked",
        "shout",
        "shouted",
        "scream",
        "screamed",
        "add",
        "added",
        "insist",
        "insisted",
        "claim",
        "claimed",
        "mention",
        "mentioned",
        "whisper",
        "whispered",
        "cry",
        "cried",
        "refer",
        "referred",
        "word",
        "words",
    ]
)
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
    r"\bis (?:an )?outdated\b|\bno longer used\b|\b(?:was|were) replaced\b|\breplaced by\b",
    re.IGNORECASE,
)
# An adult or much older other party, never a professional or family member.
ADULT_PARTY_WORDS = frozenset(
    [
        "older",
        "elder",
        "elders",
        "man",
        "men",
        "adult",
        "adults",
        "male",
        "males",
        "perpetrator",
        "perpetrators",
        "abuser",
        "abusers",
        "offender",
        "offenders",
        "exploiter",
        "exploiters",
        "dealer",
        "dealers",
        "stranger",
        "strangers",
    ]
)
NEGATING_SUBJECTS = frozenset(["nothing", "none", "nobody", "no-one", "noone", "neither"])
NEGATING_DETS = frozenset(["no"])
_CLAUSAL_DEPS = ("ccomp", "xcomp", "acl", "csubj", "pcomp", "advcl_that", "conj", "acomp")
HYPOTHETICAL_MARKS = frozenset(["if", "whether", "unless"])
SEXUAL_CUES = frozenset(
    [
        "sex",
        "sexual",
        "sexually",
        "sexualised",
        "sexualized",
        "nude",
        "nudes",
        "naked",
        "image",
        "images",
        "picture",
        "pictures",
        "photo",
        "photos",
        "photograph",
        "video",
        "videos",
        "intimate",
        "explicit",
        "abuse",
        "abused",
        "abusing",
        "exploit",
        "exploited",
        "exploitation",
        "exploiting",
        "groom",
        "groomed",
        "grooming",
        "rape",
        "raped",
        "assault",
        "assaulted",
        "cse",
        "intercourse",
        "penetration",
        "oral",
        "kiss",
        "kissed",
        "kissing",
        "touch",
        "touched",
        "touching",
    ]
)
EXPLOITATION_CUES = frozenset(
    [
        "exploit",
        "exploited",
        "exploitation",
        "exploiting",
        "exploiter",
        "exploiters",
        "groom",
        "groomed",
        "grooming",
        "cse",
        "cce",
        "county",
        "lines",
        "gang",
        "gangs",
        "traffick",
        "trafficked",
        "trafficking",
        "drug",
        "drugs",
        "alcohol",
        "money",
        "gifts",
        "cash",
        "older",
        "adult",
        "adults",
        "man",
        "men",
        "missing",
        "abuse",
        "abused",
        "abuser",
        "coerce",
        "coerced",
        "coercion",
        "control",
        "controlled",
        "dealer",
        "dealers",
    ]
)


class DocContext:
    """Lazily computed facts about one document that rules' conditions consult."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc

    @cached_property
    def quotes(self) -> list[QuoteRegion]:
        """Quotation-mark regions in the document, plus any a reader marked as quoted."""
        marked = self.doc._.vblint_quoted if self.doc.has_extension("vblint_quoted") else None
        extra = [QuoteRegion(start, start, end) for start, end in marked or ()]
        return find_quotes(self.doc.text) + extra

    @cached_property
    def ages(self) -> list[Age]:
        """Every age stated in the document."""
        return find_ages(self.doc.text)

    @cached_property
    def child_age(self) -> int | None:
        """The youngest child's stated age, if the note gives one."""
        child = [a.years for a in self.ages if a.is_child]
        return min(child) if child else None

    def age_band(self) -> str | None:
        """The legal band of the youngest stated child age (under_13 / under_16 / under_18)."""
        return band(self.child_age) if self.child_age is not None else None

    def quote_at(self, span: Span) -> QuoteRegion | None:
        """The innermost quotation the span lies inside, if any."""
        start, end = span.start_char, span.end_char
        inside = [q for q in self.quotes if q.contains(start, end)]
        return min(inside, key=lambda q: q.end - q.start) if inside else None

    def is_mention(self, span: Span) -> bool:
        """The words are talked about, not used: "avoid phrases such as 'put themselves at risk'".

        A quotation introduced by a mention cue, or any span in a sentence that talks about
        language ("... is victim blaming", "the term ... should not be used").
        """
        sent = span.sent
        if META_LANGUAGE.search(sent.text):
            return True
        quote = self.quote_at(span)
        if quote is None:
            return False
        before = self.doc.text[max(sent.start_char, quote.open_at - 40) : quote.open_at]
        return bool(MENTION_BEFORE_QUOTE.search(before)) and not self._attributed(quote, sent)

    def is_quoted_speech(self, span: Span) -> bool:
        """Inside quotation marks and not a mention: somebody's own words, kept as evidence."""
        return self.quote_at(span) is not None

    def _attributed(self, quote: QuoteRegion, sent: Span) -> bool:
        """A speech verb or a colon next to the quotation: someone said these words."""
        doc = self.doc
        for token in sent:
            near_before = quote.open_at - 60 <= token.idx < quote.open_at
            near_after = quote.end < token.idx <= quote.end + 30
            if (near_before or near_after) and token.lemma_.lower() in SPEECH_VERBS:
                return True
        prefix = doc.text[max(0, quote.open_at - 3) : quote.open_at]
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
                if child.i in inside:
                    continue
                if child.dep_ == "neg":
                    return True
                if child.dep_ in ("nsubj", "nsubjpass") and _negating_noun(child):
                    return True
            if depth > 0 and token.pos_ in ("NOUN", "PROPN") and _negating_noun(token):
                return True
            if token.dep_ not in _CLAUSAL_DEPS or token.head is token:
                break
            token = token.head
        return False

    def is_hypothetical(self, span: Span) -> bool:
        """Inside an if/whether clause or asked as a question about capacity."""
        token = span.root
        for _ in range(3):
            if any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in token.children):
                return True
            if token.head is token:
                break
            token = token.head
        return False

    def has_cue(self, span: Span, cues: frozenset[str]) -> bool:
        """The sentence, or the one before it, contains one of the cue words."""
        sent = span.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        return any(t.lower_ in cues or t.lemma_.lower() in cues for t in self.doc[start : sent.end])

    def adult_party(self, span: Span) -> bool:
        """The sentence names an adult or much older other party.

        An adult age ("a 24-year-old", "in his 20s"), an adult noun ("a man"), or "older"
        describing a person.
        """
        sent = span.sent
        for age in self.ages:
            if sent.start_char <= age.start < sent.end_char and not age.is_child:
                return True
        return any(
            t.lower_ in ADULT_PARTY_WORDS or t.lemma_.lower() in ADULT_PARTY_WORDS for t in sent
        )


def _negating_noun(token: Token) -> bool:
    if token.lower_ in NEGATING_SUBJECTS:
        return True
    return any(c.dep_ == "det" and c.lower_ in NEGATING_DETS for c in token.children)
