"""Rendering a rule's suggestion templates into wording that fits the sentence.

Templates name roles, not words, so one template serves every pronoun and tense:

- ``{victim}``, ``{victim_obj}``, ``{victim_pos}``: the child as subject, object, possessive.
- ``{agent}``, ``{agent_obj}``: the person responsible where the sentence names them, otherwise
  the placeholder ``[the person who harmed <child>]`` for the writer to fill in.
- ``{match}``: the matched words; ``{age}``: the child's stated age, or ``[age]``.
- ``{did}``, ``{doing}``, ``{do}``: the matched verb with the rest of its clause, in the past,
  as a gerund or bare ("sent the image", "sending the image", "send the image").
- ``{verb}``: the matched verb as written ("raped"); ``{subject_obj}``: the clause's subject,
  whoever or whatever it is, in object form ("the images", "her"); ``{last}``: the match's
  last word ("let herself be [groomed]"); ``{tail}``: the match after its first word
  ("witnessed [domestic abuse]"); ``{partner}``: the other person of "sex with X" or "a
  relationship with X", as the note describes them ("a 24-year-old man she met online"),
  else ``{agent}``; ``{verb_tail}``: where and when the matched verb happened ("at the
  party"); ``{when_means}``: "by getting into cars" as "when she gets
  into cars" (or nothing); ``{risk_of}``: "of exploitation" after "at risk"; ``{means}``:
  "by meeting him" turned round to name the adult's act ("by arranging to meet her"), or
  nothing.
- ``{after_to}``: the clause after "to" in the match ("agreed to [have sex with him]").
- ``{through}``: what a child was "involved in" where it names how they are exploited
  ("involved in [county lines]" -> "through county lines"), else nothing; ``{exploitation}``:
  the exploitation itself where "involvement in" stands before it ("indicators of involvement
  in [sexual exploitation]"), else nothing (and the template is not offered);
  ``{experiencing}``: "experiencing commercial sexual exploitation" for "involved in" it.
- ``<put>``, ``<be>``: the verb in the tense of the matched clause (``<sexually:abuse>`` puts an
  adverb before the main verb), agreeing with the subject
  the template gives it (the word just before), auxiliaries included ("is putting", "has been").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lemminflect import getInflection
from spacy.tokens import Span, Token

from vblint.analysis.roles import OBJECT_FORM, SUBJECT_FORM


@lru_cache(maxsize=4096)
def inflect(lemma: str, tag: str) -> tuple[str, ...]:
    """Lemminflect's forms of ``lemma`` for a Penn tag, remembered (bounded).

    Lemminflect deep-copies the word's whole entry on every call: a millisecond per note.
    """
    return tuple(getInflection(lemma, tag))


_FIELD = re.compile(r"\{(\w+)\}")
# (Not a letter that names someone: "YP (Child A)".)
_MIDDLE_CAPITAL = re.compile(r"([a-z,;] \[?)(She|He|They|Her|His|Their|The|It|A|An|This)\b(?!\))")
_VERB = re.compile(r"<(?:(\w+):)?(\w+)>")
_PLURAL_PRONOUNS = frozenset(["they", "we", "you", "them", "us"])
_AUX_AGREEMENT = {
    ("is", True): "are",
    ("are", False): "is",
    ("was", True): "were",
    ("were", False): "was",
    ("has", True): "have",
    ("have", False): "has",
    ("does", True): "do",
    ("do", False): "does",
}


@dataclass(frozen=True, slots=True)
class Roles:
    """The words a template's fields resolve to for one finding."""

    victim: str
    victim_obj: str
    victim_pos: str
    agent: str | None
    match: str
    age: int | None
    verb: str = ""
    verb_text: str = ""
    rest: str = ""
    after_to: str = ""
    subject_obj: str = ""
    last: str = ""
    means: str = ""
    tail: str = ""
    # The replaced words but the last ("The sex was" of "The sex was consensual").
    lead: str = ""
    # The matched words after a leading adjective ("sexual activity" of "consensual sexual
    # activity"); empty when the match does not start with one.
    after_adjective: str = ""
    partner: str = ""
    verb_tail: str = ""
    when_means: str = ""
    risk_of: str = ""
    deed: str = ""
    # The child's number as the sentence's own verb shows it ("CYP are"), where it does.
    victim_plural: bool | None = None
    # The matched verb is negated ("why didn't she leave"): what the child did not do.
    negated: bool = False

    def fields(self) -> dict[str, str]:
        """Field name -> text; a missing agent becomes a placeholder."""
        # The prompt names the child as briefly as it can: "Harvey", not "Harvey, 15,".
        who = without_age(self.victim_obj)
        agent = self.agent or f"[the person who harmed {who}]"
        agent_lower = agent.lower()
        return {
            "victim": self.victim,
            "victim_obj": self.victim_obj,
            "victim_pos": self.victim_pos,
            "agent": agent,
            "agent_obj": OBJECT_FORM.get(agent_lower, agent),
            "match": self.match,
            "age": str(self.age) if self.age is not None else "[age]",
            "did": _join(_form(self.verb, "VBD"), self.rest),
            "doing": _join(_form(self.verb, "VBG"), self.rest),
            "not_doing": _join(_form(self.verb, "VBG"), self.rest) if self.negated else "",
            "do": _join(self.verb, self.rest),
            "verb": self.verb_text,
            "subject_obj": self.subject_obj or self.victim_obj,
            "last": self.last,
            "means": self.means,
            "tail": self.tail,
            "lead": self.lead,
            "after_adjective": self.after_adjective,
            "verb_tail": self.verb_tail,
            "partner": self.partner or agent,
            "when_means": self.when_means,
            "risk_of": self.risk_of,
            "deed": self.deed,
            "after_to": self.after_to or "[what happened]",
            "through": _through(self.match),
            "exploitation": _exploitation(self.match),
            "experiencing": _experiencing(self.match),
        }


# "involved in X": what a child is said to take part in. Where X names the model that
# exploits them ("county lines", "drug dealing", "gang activity"), it is a fact the rewrite
# keeps ("criminally exploited through county lines"); where X is the crime or the abuse
# itself ("crime", "CSE"), being exploited already says it.
_INVOLVED = re.compile(
    r"^(involved|involvement|participating|participation|embroiled|engaged)\s+(?:in|with)\s+"
    r"(?:(?:the|this|that|a|such)\s+)?(.+)$",
    re.IGNORECASE,
)
_MODEL = re.compile(
    r"^(?:[\w-]+\s+){0,3}?(?:county\s+lines(?:\s+[\w-]+){0,2}|drugs?\s+[\w-]+|gangs?"
    r"(?:\s+(?:activity|activities|culture|violence))?)$",
    re.IGNORECASE,
)
_ITSELF = re.compile(r"\b(?:exploitation|exploitative|abuse|cse|cce|prostitution|crime)\b", re.I)
_ABUSE = re.compile(r"^(?:[a-z-]+\s+){1,3}(?:exploitation|abuse)$", re.IGNORECASE)


def _involved(match: str) -> tuple[str, str] | None:
    found = _INVOLVED.match(match)
    if found is None or any(q in match for q in "\"'\u2018\u2019\u201c\u201d"):
        return None
    return found.group(1).lower(), found.group(2)


# "involved in the supply of drugs": the act, said as what the child is exploited to do.
_ACT_OF = re.compile(
    r"^(supply|sale|selling|dealing|running|movement|transport)\s+of\s+((?:[\w-]+\s+){0,2}drugs)$",
    re.IGNORECASE,
)
_LINES_LABEL = re.compile(r"^(county\s+lines)\s+runners?$", re.IGNORECASE)
_ACT_VERB = {
    "supply": "supply",
    "sale": "sell",
    "selling": "sell",
    "dealing": "sell",
    "running": "move",
    "movement": "move",
    "transport": "move",
}


def _through(match: str) -> str:
    """The phrase "through county lines" for "involved in county lines", else "".

    "Involved in the supply of drugs" gives "to supply drugs": the act the child is exploited
    to do, kept as a fact.
    """
    involved = _involved(match)
    if involved is None:
        # "a county lines runner": the model named in the label is kept.
        lines = _LINES_LABEL.match(match)
        return f"through {lines.group(1)}" if lines else ""
    act = _ACT_OF.match(involved[1])
    if act is not None:
        return f"to {_ACT_VERB[act.group(1).lower()]} {act.group(2)}"
    if _ITSELF.search(involved[1]) or not _MODEL.match(involved[1]):
        return ""
    return f"through {involved[1]}"


_SAID_ANYWAY = frozenset(["sexual", "criminal", "child", "exploitation", "abuse"])


def _experiencing(match: str) -> str:
    """The phrase "experiencing commercial sexual exploitation" for "involved in" it, else "".

    Where the exploitation is named with more than "sexual" ("commercial", "online"), this
    keeps every word of it, which "being sexually exploited" would lose.
    """
    involved = _involved(match)
    if involved is None or involved[0] == "involvement" or not _ABUSE.match(involved[1]):
        return ""
    if set(involved[1].lower().split()) <= _SAID_ANYWAY:
        return ""  # "involved in sexual exploitation": "sexually exploited" says it all
    return f"experiencing {involved[1]}"


def _exploitation(match: str) -> str:
    """The words "sexual exploitation" for "involvement in sexual exploitation", else "".

    Only after the noun ("indicators of involvement in ..."), where the exploitation can
    stand as the noun phrase in its place; "involved in" needs a verb, which other
    templates give.
    """
    involved = _involved(match)
    if involved is None or involved[0] != "involvement" or not _ABUSE.match(involved[1]):
        return ""
    return involved[1]


_AGE_AFTER = re.compile(r"(?:,\s*(?:aged\s+)?\d{1,2}\s*,?|\s*\(\s*(?:aged\s+)?\d{1,2}\s*\))$")


def without_age(name: str) -> str:
    """The child's name without the age written beside it ("Maya, 14," -> "Maya")."""
    return _AGE_AFTER.sub("", name) or name


def _form(lemma: str, tag: str) -> str:
    forms = inflect(lemma, tag) if lemma else ()
    return forms[0] if forms else lemma


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


_PREDICATE_DEPS = frozenset(
    [
        "dobj",
        "dative",
        "prep",
        "prt",
        "advmod",
        "npadvmod",
        "xcomp",
        "ccomp",
        "acomp",
        "attr",
        "oprd",
        "iobj",
        "intj",  # "said [no]"
    ]
)


def predicate(root: Token) -> str:
    """The words after the verb that belong to its clause: "sent [the image to him]"."""
    words = [
        t
        for child in root.children
        if child.i > root.i and child.dep_ in _PREDICATE_DEPS
        for t in child.subtree
    ]
    if not words:
        return ""
    words.sort(key=lambda t: t.i)
    return root.doc[words[0].i : words[-1].i + 1].text


def render(template: str, roles: Roles, root: Token, capitalise: bool) -> str:
    """Fill a template's fields and verbs; capitalise when the span begins a sentence."""
    fields = roles.fields()
    text = _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), template)

    def verb(m: re.Match[str]) -> str:
        before = text[: m.start()].rstrip()
        if before.endswith("]"):
            # A placeholder subject ("[the person who harmed them]") is one person.
            head = before[before.rfind("[") + 1 :].split(" ")
            subject = head[1] if len(head) > 1 and head[0].lower() in ("the", "a") else head[0]
        else:
            subject = before.rsplit(" ", 1)[-1]
        for role in (fields["partner"], fields["agent"]):
            if role and before.endswith(role) and " " in role:
                # "a 27-year-old man from Leeds", "several older men she met": the phrase's
                # head noun, not its last word, is the subject's number.
                words = role.split(" ")
                subject = words[_head_index(words)]
                break
        plural = _is_plural(subject.lower())
        if roles.victim_plural is not None and subject == roles.victim.split(" ")[-1]:
            plural = roles.victim_plural  # "CYP are putting themselves" -> "CYP are at risk"
        phrase = verb_phrase(m.group(2), root, plural)
        if not m.group(1):
            return phrase
        # "<sexually:abuse>": the adverb goes after any auxiliaries ("have been sexually abusing").
        *auxes, main = phrase.split(" ")
        return " ".join([*auxes, m.group(1), main])

    text = _VERB.sub(verb, text)
    text = re.sub(r"\s+", " ", text).strip()
    # A subject copied from the start of its sentence keeps no capital in mid-sentence.
    text = _MIDDLE_CAPITAL.sub(lambda m: _small_after(text, m), text)
    first = next((i for i, c in enumerate(text) if c.isalpha()), None)
    if capitalise and first is not None and text[first].islower():
        text = text[:first] + text[first].upper() + text[first + 1 :]
    elif (
        not capitalise
        and text[:1].isupper()
        and text.split(" ", 1)[0].lower() in SUBJECT_FORM.values()
    ):
        text = text[0].lower() + text[1:]
    return text


# "class A drugs", "Child A", "Category A": a capital letter that labels, not an article.
_LABELLED = frozenset(
    "class category child person plan appendix annex grade section type part".split()
)


def _small_after(text: str, found: re.Match[str]) -> str:
    """The word ``found`` in small letters, unless it is a label's letter ("class A")."""
    before = text[: found.start(2)].split()
    if found.group(2) == "A" and before and before[-1].lower() in _LABELLED:
        return found.group(0)
    return found.group(1) + found.group(2).lower()


def _is_plural(word: str) -> bool:
    word = word.strip("[]")
    return (
        word in _PLURAL_PRONOUNS
        or word in _IRREGULAR_PLURALS
        or (word.endswith("s") and not word.endswith("ss") and word not in ("his", "is", "was"))
    )


def in_place(template: str, root: Token, plural: bool) -> str:
    """A template's verbs in the form of ``root`` itself, auxiliaries included.

    For a phrase rewritten where it stands: "having" -> "sexually abusing", "had" -> "was
    sexually abused".
    """
    verbs = 0

    def verb(m: re.Match[str]) -> str:
        nonlocal verbs
        *auxes, main = verb_phrase(m.group(2), root, plural, keep_form=True).split(" ")
        if verbs:
            auxes = []  # "was groomed and criminally exploited": the auxiliaries once
        verbs += 1
        return " ".join([*auxes, *([m.group(1)] if m.group(1) else []), main])

    text = re.sub(r"\s+", " ", _VERB.sub(verb, template)).strip()
    # "has been [a money mule]" -> "has been financially exploited", not "has been being".
    return text.replace("been being ", "been ")


def _past_as_written(verb: Token) -> bool:
    """A verb whose past is its present ("put", "let") in a sentence told in the past.

    "You put yourself at risk when you went to his house": the tagger reads "put" as present
    after "you", but the other verbs say it happened; the rewrite keeps the past.
    """
    past = inflect(verb.lemma_.lower(), "VBD")
    if not past or past[0] != verb.lower_:
        return False
    return any(t.tag_ == "VBD" for t in verb.sent if t.i != verb.i)


def verb_phrase(lemma: str, root: Token, plural: bool, keep_form: bool = False) -> str:
    """``lemma`` in the tense and aspect of ``root``'s clause, agreeing in number.

    A clause rewrite gives the verb a subject of its own, so a gerund or infinitive becomes
    finite; ``keep_form`` keeps it as it is, for a phrase changed where it stands.
    """
    while not keep_form and root.tag_ == "VB" and root.dep_ == "xcomp" and root.head.i < root.i:
        # "continues to go back": an infinitive has no tense of its own; its verb's is the
        # clause's ("is being controlled", not "was").
        if root.head.pos_ not in ("VERB", "AUX") or any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in root.children
        ):
            break
        root = root.head
    auxes = [
        c
        for c in root.children
        if c.dep_ in ("aux", "auxpass") and c.i < root.i and c.lower_ not in ("to",)
    ]
    if lemma == "be" and root.tag_ == "VBG" and auxes:
        # "is placing herself at risk" -> "is at risk", not "is being at risk"; "has been
        # putting herself" -> "has been at risk".
        first = _AUX_AGREEMENT.get((auxes[0].lower_, plural), auxes[0].lower_)
        if len(auxes) > 1 and auxes[-1].lower_ == "been":
            return " ".join([first, *(a.lower_ for a in auxes[1:])])
        return first
    support = [a for a in auxes if a.lemma_ == "do"]
    if support:
        # "did not struggle" -> "was unable": do-support goes, its tense stays.
        return _finite(lemma, "VBD" if support[0].tag_ == "VBD" else "VBZ", plural)
    modal = [a for a in auxes if a.tag_ == "MD"]
    if modal:
        # "should not have sent" is counterfactual blame itself: state what happened instead.
        return _finite(lemma, "VBD", plural)
    if not auxes and keep_form and root.tag_ in ("VBG", "VBN", "VB"):
        forms = inflect(lemma, root.tag_)
        return forms[0] if forms else lemma
    if not auxes:
        tag = root.tag_ if root.tag_ in ("VBD", "VBZ", "VBP") else "VBD"
        if tag == "VBP" and _past_as_written(root):
            tag = "VBD"
        return _finite(lemma, tag, plural)
    words = [_AUX_AGREEMENT.get((a.lower_, plural), a.lower_) for a in auxes[:1]]
    words += [a.lower_ for a in auxes[1:]]
    form = inflect(lemma, root.tag_ if root.tag_ in ("VBG", "VBN", "VB") else "VB")
    return " ".join([*words, form[0] if form else lemma])


def _finite(lemma: str, tag: str, plural: bool) -> str:
    if tag in ("VBZ", "VBP"):
        tag = "VBP" if plural else "VBZ"
    forms = inflect(lemma, tag)
    if not forms:
        return lemma
    if lemma == "be" and tag == "VBD" and len(forms) > 1:
        return forms[1] if plural else forms[0]
    if lemma == "be" and tag == "VBP":
        return "are"
    return forms[0]


def span_starts_sentence(span: Span) -> bool:
    """True when nothing but punctuation or quotes precedes the span in its sentence."""
    return all(t.is_punct or t.is_space for t in span.doc[span.sent.start : span.start])


_IRREGULAR_PLURALS = frozenset(["children", "people", "men", "women", "police"])
# Words after which a noun phrase's head has been passed: "a man [from] Leeds", "men [she] met".
_HEAD_STOPS = frozenset(
    "who which that of in on to with by from for at she he they we you i aged through called"
    " whom".split()
)
_ARTICLES = frozenset(["a", "an"])


def _plural_word(word: str) -> bool:
    word = word.lower().strip("[]'\".,")
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _head_index(words: list[str]) -> int:
    """The last word before a relative clause or prepositional phrase: "child who has..."."""
    for index, word in enumerate(words):
        if index and word.lower() in _HEAD_STOPS:
            return index - 1
    return len(words) - 1


def _is_gerund(span: Span) -> bool:
    """A verb in -ing form used as a noun: "thoughts of committing suicide", not "was doing"."""
    first = span[0]
    if first.tag_ != "VBG":
        return False
    return first.i == 0 or first.doc[first.i - 1].lemma_ not in ("be", "have")


def fit(span: Span, text: str) -> tuple[int, int, int, int]:
    """How well a whole-span replacement fits the words it replaces; lower sorts first.

    One suggestion list serves every form a rule matches, so the list is re-ordered per
    finding: a plural noun ("teenage prostitutes") prefers a plural replacement, a span that
    starts with "a"/"an" prefers one that does too, a gerund prefers an -ing replacement, and
    a replacement that keeps more of the matched words ("historical child sexual abuse" ->
    "non-recent child sexual abuse") wins ties. Otherwise the rule's own order stands.
    """
    words = text.split()
    if not words:
        return 1, 1, 1, 0
    head = span[_head_index([t.text for t in span])]
    number_clash = 0
    if head.tag_ in ("NN", "NNS", "NNP", "NNPS"):
        plural = head.tag_ in ("NNS", "NNPS")
        number_clash = int(plural != _plural_word(words[_head_index(words)]))
    article_clash = int((span[0].lower_ in _ARTICLES) != (words[0].lower() in _ARTICLES))
    form_clash = 0
    if span[0].pos_ in ("VERB", "AUX"):
        form_clash = int(_is_gerund(span) != any(w.endswith("ing") for w in words[:2]))
    kept = {t.lower_ for t in span if len(t) > 3}
    overlap = sum(1 for w in words if w.lower() in kept)
    return number_clash, article_clash, form_clash, -overlap
