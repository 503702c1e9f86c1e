"""From a rule's match to a finding: conditions, context, age, span and suggestions.

The rule pack says *what* to look for and under which named conditions; this module is the
one place those names are given meaning.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.tokens import Doc, Span, Token

from vblint.analysis import framing, in_place, rewrite, suggest, words
from vblint.analysis.affection import affection_to_child, not_from_family
from vblint.analysis.carry import carried
from vblint.analysis.context import DocContext
from vblint.analysis.labels import called_adults_partner, said_of_someone_else
from vblint.analysis.matcher import Candidate
from vblint.analysis.pairing import child_in_it, pairs_adult_and_child
from vblint.analysis.placement import InPlace
from vblint.analysis.rewrite import Verifier
from vblint.analysis.roles import (
    DECADE_WORDS,
    OBJECT_FORM,
    OWNER_OBJECT,
    SUBJECT_FORM,
    adult_age_stated,
    child_subject,
    find_agent,
    head_noun,
    is_adult_ref,
    is_child_ref,
    is_name,
    is_passive,
    main_verb,
    own_clause,
    plainly_adult,
    plainly_child,
    subject_forms,
    subject_of,
    victim_pronoun,
)
from vblint.analysis.suggest import (
    Roles,
    fit,
    inflect,
    predicate,
    render,
    span_starts_sentence,
    without_age,
)
from vblint.findings import Category, Finding, Severity, Suggestion, SuggestionKind
from vblint.offsets import LineIndex
from vblint.rules import Rule, RuleSet

ConditionFn = Callable[[Span, DocContext], bool]

CONDITIONS: dict[str, ConditionFn] = {
    "child_subject": lambda span, ctx: child_subject(span) or _speaker_subject(span, ctx),
    "active": lambda span, ctx: not is_passive(main_verb(span)),
    "sexual_context": lambda span, ctx: ctx.has_cue(span, words.of("sexual_cues")),
    "exploitation_context": lambda span, ctx: ctx.has_cue(span, words.of("exploitation_cues")),
    "adult_party": lambda span, ctx: ctx.adult_party(span),
    "child_context": lambda span, ctx: ctx.child_age is not None or _mentions_child(span),
    "adult_named": lambda span, ctx: _adult_named(span),
    "adult_and_child": lambda span, ctx: _adult_and_child(span, ctx),
    "pairs_adult_and_child": lambda span, ctx: pairs_adult_and_child(span),
    "child_in_it": lambda span, ctx: child_in_it(span),
    "labels_the_child": lambda span, ctx: not said_of_someone_else(span),
    "called_adults_partner": lambda span, ctx: called_adults_partner(span),
    "affection_to_child": lambda span, ctx: affection_to_child(span),
    "not_from_family": lambda span, ctx: not_from_family(span),
    "not_adults_own": lambda span, ctx: (
        not any(c.dep_ == "poss" and is_adult_ref(c) for c in span.root.children)
    ),
    "goes_back": lambda span, ctx: _goes_back(span),
    "childs_own": lambda span, ctx: _childs_own(span),
    "victim_words": lambda span, ctx: any(
        t.lower_ in ("victim", "victims", "women", "woman", "kids", "children", "girls", "cse")
        for t in span.sent
    ),
    "question": lambda span, ctx: any(
        t.text == "?" for t in span.sent[span.end - span.sent.start :]
    ),
    "stated_subject": lambda span, ctx: subject_of(main_verb(span)) is not None,
    "no_agent": lambda span, ctx: not _has_agent(main_verb(span)),
    "nobody_named": lambda span, ctx: not _has_agent(main_verb(span)) and not ctx.names_someone,
    "conduct_alone": lambda span, ctx: not _risk_when(span),
    "under_13": lambda span, ctx: ctx.child_age is not None and ctx.child_age < 13,
    "under_16": lambda span, ctx: ctx.child_age is not None and ctx.child_age < 16,
    "under_18": lambda span, ctx: ctx.child_age is not None and ctx.child_age < 18,
}

_DEFAULT_FRAMING = (
    "Add a sentence in your own words that records the concern, for example: "
    "'[Name] used these words; [who caused the harm and how].'"
)


_RISK_WORDS = frozenset(["risk", "danger", "harm", "vulnerable"])


def _risk_when(span: Span) -> bool:
    """The conduct is only when the child is at risk: "She is at risk when she stays out".

    A clause that records the risk and the circumstance it arises in is what the guidance
    asks for; the circumstance alone is not the child's conduct held against them.
    """
    verb = main_verb(span)
    if verb.dep_ != "advcl" or not any(
        c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "whenever", "while", "if")
        for c in verb.children
    ):
        return False
    inside = {t.i for t in verb.subtree}
    return any(t.lemma_.lower() in _RISK_WORDS for t in verb.head.subtree if t.i not in inside)


def _means(verb: Token, target: Span, victim_obj: str) -> str:
    """Turn "by meeting him" into "by arranging to meet her": the adult's act, named."""
    for prep in verb.children:
        if prep.lower_ != "by" or not target.start <= prep.i < target.end:
            continue
        for gerund in prep.children:
            if gerund.tag_ != "VBG":
                continue
            objects = [c for c in gerund.children if c.dep_ == "dobj"]
            if objects and (objects[0].lower_ in SUBJECT_FORM or is_adult_ref(objects[0])):
                # Keep where and when: "by meeting the men in the park after dark".
                rest = [
                    c
                    for c in gerund.children
                    if c.i > objects[0].i and c.dep_ in ("prep", "npadvmod", "advmod", "advcl")
                ]
                tail = " ".join(target.doc[c.left_edge.i : c.right_edge.i + 1].text for c in rest)
                act = f"by arranging to {gerund.lemma_} {victim_obj}"
                return f"{act} {tail}" if tail else act
    return ""


def _partner(span: Span, target: Span) -> str:
    """The other person of "had sex with X" / "a relationship with X", as the note puts it."""
    # "with" inside the match ("had sex with"), or hung on it ("sexually active with").
    after = [t for t in target[span.end - target.start :] if span.start <= t.head.i < span.end]
    for token in [*span, *after]:
        if token.lower_ != "with":
            continue
        for obj in token.children:
            if (
                obj.dep_ == "pobj"
                and obj.right_edge.i < target.end
                and (
                    is_adult_ref(obj)
                    or obj.lower_ in ("male", "males", "man", "men")
                    or adult_age_stated(obj)
                )
            ):
                text = target.doc[obj.left_edge.i : obj.right_edge.i + 1].text.rstrip(" ,")
                return text + "," if text.count(",") % 2 else text
    return ""


def _adult_with_child(
    subject: Token | None, span: Span, target: Span
) -> tuple[str, Token, str] | None:
    """(the adult subject as written, the child) of "the 45-year-old had sex with a girl, 14".

    Only when the subject is an adult and the other person of "with" is plainly a child, so a
    rewrite names the adult as the one who did it ("The 45-year-old sexually abused ...").
    """
    if subject is None or not is_adult_ref(head_noun(subject)) or is_child_ref(subject):
        return None
    after = [t for t in target[span.end - target.start :] if span.start <= t.head.i < span.end]
    for token in [*span, *after]:
        if token.lower_ != "with":
            continue
        for child in token.children:
            whole = target.doc[child.left_edge.i : child.right_edge.i + 1]
            if (
                child.dep_ == "pobj"
                and child.right_edge.i < target.end
                and (
                    child.lower_ in ("her", "him", "them")
                    if child.pos_ == "PRON"
                    else is_child_ref(child)
                )
                and not is_adult_ref(child)
                and len(whole) <= 8
                and not any(t.dep_ in ("relcl", "acl") for t in whole)
            ):
                adult = target.doc[subject.left_edge.i : subject.right_edge.i + 1].text
                return adult, child, whole.text
    return None


def _number_shown(victim: Token | None) -> bool | None:
    """Whether the child's own verb shows them as plural ("CYP are"), singular, or neither."""
    if victim is None or victim.dep_ not in ("nsubj", "nsubjpass") or victim.pos_ == "PRON":
        return None
    verbs = [victim.head, *(c for c in victim.head.children if c.dep_ in ("aux", "auxpass"))]
    for verb in verbs:
        if verb.tag_ == "VBP" or verb.lower_ in ("are", "were"):
            return True
        if verb.tag_ == "VBZ" or verb.lower_ in ("is", "was"):
            return False
    return None


def _people_between(target: Span) -> tuple[str, Token, str] | None:
    """(the adult as written, the child) of "activity occurred between Mr Lee and Kacey, 13"."""
    for token in target:
        if token.lower_ not in ("between", "involving"):
            continue
        first = next((c for c in token.children if c.dep_ in ("pobj", "dobj")), None)
        pair = _joined_pair(first, target) if first is not None else None
        if pair is not None:
            return pair
    return None


def _pair_subject(subject: Token | None, target: Span) -> tuple[str, Token, str] | None:
    """(the adult, the child) of a couple's grammar for an adult and a child.

    "The 15-year-old and her youth leader, who is 29, had been sleeping together".
    """
    if subject is None or not target.start <= subject.left_edge.i:
        return None
    return _joined_pair(subject, target)


def _joined_pair(first: Token, target: Span) -> tuple[str, Token, str] | None:
    """An adult and a plainly named child joined by "and" at ``first``, as written."""
    second = next((c for c in first.children if c.dep_ == "conj"), None)
    if second is None or second.right_edge.i >= target.end:
        return None
    cut = min((c.i for c in first.children if c.dep_ in ("cc", "conj")), default=second.i)
    people = [
        (first, target.doc[first.left_edge.i : cut]),
        (second, target.doc[second.left_edge.i : second.right_edge.i + 1]),
    ]
    for (adult, adult_words), (child, child_words) in (people, people[::-1]):
        if plainly_adult(adult) and plainly_child(child):
            child_text = child_words.text.rstrip(" ,")
            if child_words.end == child.i + 1:
                child_text += subject_forms(child)[0][len(child.text) :]  # "Kacey, 13"
            adult_text = adult_words.text.rstrip(" ,")
            if adult_text.count(",") % 2:
                adult_text += ","  # "her youth leader, who is 29," closes its aside
            return adult_text, child, child_text.rstrip(",")
    return None


# What an event noun hides, as the verb that says who did it: "abuse took place" -> "abused".
_DEEDS = {
    "abuse": "abused",
    "assault": "assaulted",
    "assaults": "assaulted",
    "rape": "raped",
    "exploitation": "exploited",
    "attack": "attacked",
    "altercation": "assaulted",
    "fight": "assaulted",
}
_SEXUAL_EVENTS = frozenset(["activity", "contact", "intercourse", "touching", "sex", "things"])


def _deed(subject: Token | None) -> str:
    """The verb for the event a subject names ("sexual activity" -> "sexually abused")."""
    if subject is None:
        return ""
    noun = head_noun(subject)
    lemma = noun.lemma_.lower()
    words = {t.lower_ for t in noun.subtree}
    sexual = "sexual" in words or "sexually" in words
    if lemma in _SEXUAL_EVENTS or (lemma == "incident" and sexual):
        return "sexually abused"
    deed = _DEEDS.get(lemma, "")
    if deed and sexual and lemma in ("abuse", "assault", "assaults", "exploitation"):
        return f"sexually {deed}"
    return deed


_CONDITION = re.compile(r"(?i)(?:as long as|so long as|if|unless|provided|providing)\b")


def _plural_mention(name: str, mention: str, victim: Token | None) -> bool:
    """The verb after the child's second mention is plural: "they", "we", "you", or "CYP are"."""
    plural = ("they", "we", "you")
    return name.lower() in plural or mention.lower() in plural or _number_shown(victim) is True


def _with_adverbs(verb: Token, span: Span) -> str:
    """The matched verb as written, with the adverbs the match puts before it.

    "He was [repeatedly] assaulted" -> "[The person who harmed him] repeatedly assaulted
    him": how often it happened is a fact the rewrite keeps.
    """
    adverbs = [
        c
        for c in verb.children
        if c.dep_ == "advmod" and c.tag_ == "RB" and span.start <= c.i < verb.i and c.is_alpha
    ]
    return " ".join([*(a.text for a in adverbs), verb.text])


def _verb_tail(verb: Token, span: Span, target: Span) -> str:
    """Where and when the matched verb happened ("at the party", "last night"), as written."""
    parts = []
    for child in verb.children:
        if (
            child.i < span.end
            or child.right_edge.i >= target.end
            or child.lower_ in ("with", "between", "involving")
        ):
            continue
        if child.dep_ in ("prep", "advmod", "npadvmod", "advcl"):
            words = target.doc[child.left_edge.i : child.right_edge.i + 1]
            if _CONDITION.match(words.text):
                continue  # "as long as they gave her vodka" was the child's supposed terms
            if any(t.lower_ in DECADE_WORDS or t.dep_ == "relcl" for t in words):
                continue  # "in his twenties who she met": a description of a person, misattached
            parts.append(words.text)
    return " ".join(parts)


def _second_mention(span: Span, victim: Token | None, named: str, subject: bool) -> str:
    """The child named again in the same sentence: a pronoun ("Maya ... when she met him")."""
    pronoun = victim_pronoun(span, victim)
    if pronoun in ("she", "he", "they"):
        return pronoun if subject else OBJECT_FORM[pronoun]
    return named


def _risk_of(target: Span) -> str:
    """What the risk is of ("at risk of exploitation"), kept in the rewrite."""
    for token in target:
        if token.lower_ in ("risk", "danger", "harm") and token.i + 1 < target.end:
            nxt = target.doc[token.i + 1]
            if nxt.lower_ == "of":
                return target.doc[nxt.i : nxt.right_edge.i + 1].text
    return ""


_MADE = frozenset(["ccomp", "acomp", "oprd", "xcomp"])


def _when_means(verb: Token, target: Span, victim: str, plural: bool) -> str:
    """Turn "by getting into cars" into "when she gets into cars": the same fact, not blame."""
    past = verb.tag_ in ("VBD", "VBN") and not any(
        c.lower_ in ("is", "are", "am", "be", "'s", "'re") for c in verb.children
    )
    for clause in verb.children:
        # "when he travelled to Southend", "every time she goes missing": kept as they are.
        inside = clause.i >= target.start and clause.right_edge.i < target.end
        marks = [c.lower_ for c in clause.children if c.dep_ == "advmod"]
        marked = "when" in marks or "whenever" in marks
        if clause.dep_ == "advcl" and inside and marked:
            return target.doc[clause.left_edge.i : clause.right_edge.i + 1].text
    # "making himself vulnerable [by staying out]": the parse may hang the means on the
    # adjective the child is made, not on the verb.
    made = [c for c in verb.children if c.dep_ in _MADE and c.pos_ == "ADJ"]
    for prep in [*verb.children, *(g for c in made for g in c.children)]:
        if prep.lower_ != "by" or not target.start <= prep.i < target.end:
            continue
        for gerund in prep.children:
            if gerund.tag_ != "VBG" or gerund.dep_ != "pcomp":
                continue
            tag = "VBD" if past else ("VBP" if plural else "VBZ")
            forms = inflect(gerund.lemma_, tag)
            if not forms:
                return ""
            pronoun = victim in ("She", "He", "They", "You", "she", "he", "they", "you")
            subject = victim.lower() if pronoun else victim
            return " ".join(p for p in ("when", subject, forms[0], predicate(gerund)) if p)
    return ""


def _object_form(subject: Token | None) -> str:
    """The subject as an object: "She" -> "her", "The images" -> "the images"."""
    if subject is None:
        return ""
    _, obj, _ = subject_forms(head_noun(subject))
    first = obj.split(" ", 1)[0]
    return obj[0].lower() + obj[1:] if first in ("The", "A", "An", "This", "These") else obj


def _after_to(target: Span, span: Span) -> str:
    """The words after the first "to" of the match, up to the end of the replaced text."""
    for token in span:
        if token.lower_ == "to" and token.i + 1 < target.end:
            return target.doc[token.i + 1 : target.end].text
    return ""


def _speaker_subject(span: Span, ctx: DocContext) -> bool:
    """Inside quoted speech "I" and "we" are the child speaking, not the note's author."""
    subject = subject_of(main_verb(span))
    return subject is not None and subject.lower_ in ("i", "we") and ctx.is_quoted_speech(span)


def _excepted(phrases: list[str], span: Span) -> bool:
    """A whole-word exception phrase overlaps the match ("a poor choice of words")."""
    sent = span.sent
    lowered = sent.text.lower()
    rel_start, rel_end = span.start_char - sent.start_char, span.end_char - sent.start_char
    for phrase in phrases:
        pattern = r"(?<!\w)" + re.escape(phrase.lower()) + r"(?!\w)"
        for m in re.finditer(pattern, lowered):
            if m.start() < rel_end and m.end() > rel_start:
                return True
    return False


def _has_agent(verb: Token) -> bool:
    """A "by ..." agent on the verb or on a verb it is coordinated with."""
    chain = [verb, *verb.conjuncts]
    return any(c.dep_ == "agent" for v in chain for c in v.children)


def _goes_back(span: Span) -> bool:
    """The chosen act is going missing or running away, or going back where the harm is."""
    tail = span.doc[span.end - 1 : min(span.end + 2, len(span.doc))]
    tail_words = {t.lower_ for t in tail} | {span[-1].lemma_.lower()}
    if tail_words & {"missing", "away"}:
        return True
    if tail_words & {"back", "return"}:
        return any(
            t.lower_ in words.of("risky_return") for t in span.sent[span.end - span.sent.start :]
        )
    return False


def _adult_named(span: Span) -> bool:
    """The sentence names an adult who could have caused harm: family, a title, an adult age."""
    return any(
        (
            is_adult_ref(t)
            and t.lower_ not in words.of("professional_nouns")
            and t.lower_ not in ("i", "we")
        )
        or _adult_age_said(t)
        for t in span.sent
    )


def _adult_age_said(number: Token) -> bool:
    """An adult age said of a person: "when she was 14 and [he was 22]"."""
    if not (number.like_num and number.text.isdigit() and 18 <= int(number.text) < 100):
        return False
    verb = number.head
    return verb.lemma_ == "be" and any(
        c.dep_ == "nsubj" and c.lower_ in ("he", "she", "they") for c in verb.children
    )


def _childs_own(span: Span) -> bool:
    """The match's possessive and the person it puts at risk are one: "her ... puts her".

    "His behaviour is putting her at risk" says where her risk comes from: his conduct, not
    hers.
    """
    owner = span[0].lower_
    person = next((t.lower_ for t in span[1:] if t.lower_ in OWNER_OBJECT.values()), None)
    return person is not None and OWNER_OBJECT.get(owner) == person


def _adult_and_child(span: Span, ctx: DocContext) -> bool:
    """An adult and a child together: the child under 16, or the adult much older or titled."""
    if not _adult_named(span):
        return False
    child = ctx.child_age
    if child is None and not any(is_child_ref(t) and t.pos_ != "PRON" for t in span.sent):
        return False
    titled = any(t.lower_.rstrip(".") in words.of("honorifics") for t in span.sent)
    return (child is not None and child < 16) or titled or ctx.adult_party(span)


_PRONOUNS = frozenset("he she they it we you him her them his their its our your".split())


def _mid_sentence(words: str) -> str:
    """A pronoun copied from the start of its sentence loses its capital ("where he was")."""
    first, _, rest = words.partition(" ")
    if first.lower() in _PRONOUNS or first.lower() in ("the", "a", "an"):
        return first.lower() + (" " + rest if rest else "")
    return words


def _advice(rule: Rule, span: Span, ctx: DocContext, rewritten: bool) -> str:
    """What to write instead, in words, with the child and the person responsible named.

    Every finding without a verified rewrite gets advice: the rule's own, else its category's.
    """
    if rewritten and not rule.advice:
        return ""
    advice = rule.advice or CATEGORY_ADVICE[rule.category]
    if "{" not in advice:
        return advice
    verb = main_verb(span)
    subject = subject_of(verb)
    victim = head_noun(subject) if subject is not None else None
    if victim is not None and not is_child_ref(victim):
        victim = None
    name, obj, pos = subject_forms(victim)
    agent = find_agent(span, victim) or "the person responsible"
    values = {
        key: _mid_sentence(value)
        for key, value in {
            "victim": name,
            "victim_obj": obj,
            "victim_pos": pos,
            "agent": agent,
        }.items()
    }
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), advice)


# When no replacement survives the checks, what to write instead, by category.
CATEGORY_ADVICE = {
    Category.RESPONSIBILITY_SHIFTING: (
        "Say who created the risk or caused the harm, and what they did, rather than what the "
        "child did."
    ),
    Category.CONSENT_IMPLYING: (
        "Describe the grooming, pressure or coercion; a child cannot consent to their own abuse."
    ),
    Category.MUTUALISING: (
        "Describe what the adult did to the child: name the abuse and who committed it."
    ),
    Category.MINIMISING: "Name the abuse plainly and record its effect on the child.",
    Category.SEXUALISING_ADULTIFYING: (
        "Describe the child as a child: their age, and what the adults did to them."
    ),
    Category.CRIMINALISING: (
        "Describe the exploitation: who is making the child do this, and the concern for the child."
    ),
    Category.CHARACTER_JUDGEMENT: (
        "Describe what the child did or said, and what may lie behind it, instead of a judgement."
    ),
    Category.AGENT_DELETING: "Say who did it, or that it is not yet known.",
    Category.OUTDATED_TERMINOLOGY: "Use the term current guidance recommends (see the rule).",
}


_DETERMINERS = frozenset(
    "a an the his her their its my your our this that these those some".split()
)


_PUNCT_AFTER = re.compile(r"\s*(?:[.,;:!?)]|$)")
_NO_ARTICLE = frozenset("someone somebody anyone anybody everyone everybody people".split())


def _with_article(text: str, article: str) -> str:
    """The replacement with the article its first word needs, in the original's case.

    "a"/"an" is chosen by sound; "the" stays unless the replacement brings its own determiner
    or is a pronoun that takes none ("the victim" -> "someone who has been hurt").
    """
    first = text.split(" ", 1)[0].lower().strip("[")
    if first in _DETERMINERS or first in _NO_ARTICLE or not text:
        return text
    if article.lower() == "the":
        if article[:1].isupper() and text[:1].isupper() and not text.split(" ", 1)[0].isupper():
            text = text[0].lower() + text[1:]
        return f"{article} {text}"
    vowel = first[:1] in "aeiou" and not first.startswith(("uni", "use", "one", "euro"))
    chosen = "an" if vowel or first.startswith(("hour", "honest")) else "a"
    if article[:1].isupper():
        chosen = chosen.capitalize()
        if text[:1].isupper() and not text.split(" ", 1)[0].isupper():
            text = text[0].lower() + text[1:]  # the capital moves to the article
    return f"{chosen} {text}"


def _cased(text: str, capitalise: bool, sent: Span) -> str:
    """A rewrite's first letter as its place needs: capital at a sentence start, else small.

    Mid-sentence, a word keeps its capital only when it is a name ("Maya"), an acronym or "I".
    """
    first = next((i for i, c in enumerate(text) if c.isalpha()), None)
    if first is None or capitalise or not text[first].isupper():
        return text
    word = re.match(r"[\w'-]+", text[first:])
    token = word.group(0) if word else ""
    names = {t.text for t in sent if t.pos_ == "PROPN" or (t.is_title and t.i != sent.start)}
    if token == "I" or (token.isupper() and len(token) > 1) or token in names:
        return text
    return text[:first] + text[first].lower() + text[first + 1 :]


def _pair_of_pronouns(span: Span) -> bool:
    """The sentence speaks of "he" and "she" apart as well: "they" may be the two of them."""
    subjects = {t.lower_ for t in span.sent if t.dep_ in ("nsubj", "nsubjpass")}
    return {"he", "she"} <= subjects


def _mentions_child(span: Span) -> bool:
    return any(is_child_ref(t) and t.pos_ != "PRON" for t in span.sent)


def fingerprinted(found: list[tuple[Finding, int]]) -> list[Finding]:
    """Each finding with its fingerprint: rule, normalised words, occurrence in its sentence.

    ``found`` pairs each finding (in text order) with the start of its sentence. Offsets are
    left out on purpose, so the fingerprint survives edits anywhere else in the document.
    """
    seen: dict[tuple[int, str, str], int] = {}
    out: list[Finding] = []
    for finding, sentence in found:
        matched = " ".join(_WORD.findall(finding.text.lower()))
        key = (sentence, finding.rule, matched)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        digest = hashlib.blake2b(
            f"{finding.rule}\x1f{matched}\x1f{occurrence}".encode(), digest_size=8
        ).hexdigest()
        out.append(dataclasses.replace(finding, fingerprint=digest))
    return out


_WORD = re.compile(r"\w+")
# Categories whose finding says the child chose or took part: coercion in the sentence undoes it.
_COERCIBLE = frozenset(
    [
        Category.CONSENT_IMPLYING,
        Category.MUTUALISING,
        Category.RESPONSIBILITY_SHIFTING,
        Category.SEXUALISING_ADULTIFYING,
        Category.CRIMINALISING,
    ]
)


@dataclasses.dataclass(frozen=True, slots=True)
class Offer:
    """A rewrite to offer, and what it is checked as: the words it replaces and its text there.

    A rewrite of the rule's own span, widened to a span that reaches further (the linking verb
    of "is [a gang member]"), is checked where the template put it: the label against the
    label, so a check of the noun's number still sees the noun.
    """

    suggestion: Suggestion
    checked: Span
    text: str
    kept_edges: bool  # changed in place: the words around the change are the sentence's own


@dataclasses.dataclass(frozen=True, slots=True)
class Pending:
    """A finding whose rewrites wait for their re-parse: each a reason already, or a rewrite."""

    rule: Rule
    span: Span
    offers: tuple[Offer, ...]
    checks: tuple[str | rewrite.Rewrite, ...]


@dataclasses.dataclass(slots=True)
class Draft:
    """A document's findings (with their sentence starts) before their rewrites are settled."""

    ctx: DocContext
    found: list[tuple[Finding, int]]
    pending: dict[int, Pending]  # by index into ``found``

    def rewrites(self) -> Iterator[rewrite.Rewrite]:
        """The rewrites that need a re-parse."""
        for waiting in self.pending.values():
            yield from (c for c in waiting.checks if isinstance(c, rewrite.Rewrite))


class FindingEngine:
    """Turns candidates into findings for one ruleset.

    In two steps, so the rewrites of many documents can be re-parsed as one batch:
    :meth:`draft` for each document, :meth:`reparse` over the drafts, :meth:`settle` each.
    :meth:`findings` does the three for one document.
    """

    def __init__(self, rules: RuleSet, verifier: Verifier | None = None) -> None:
        self.rules = rules
        self.verifier = verifier

    def findings(self, candidates: list[Candidate], ctx: DocContext) -> list[Finding]:
        """Findings for a document, in text order."""
        draft = self.draft(candidates, ctx)
        return self.settle(draft, self.reparse([draft]))

    def reparse(self, drafts: Sequence[Draft]) -> dict[rewrite.Place, Doc]:
        """Every rewrite the drafts wait for, re-parsed in one batch."""
        if self.verifier is None:
            return {}
        return self.verifier.reparse_all(r for d in drafts for r in d.rewrites())

    def draft(self, candidates: list[Candidate], ctx: DocContext) -> Draft:
        """A document's findings, with the rewrites still to verify (see :meth:`settle`)."""
        if not candidates:
            return Draft(ctx, [], {})
        if self.verifier is not None and not rewrite.verifying():
            self.verifier.allow(len(ctx.doc))
        where = rewrite.region(ctx.doc)
        if where is not None:
            candidates = [c for c in candidates if self._may_overlap(c, where)]
        lines = LineIndex(ctx.text)
        found: list[tuple[Finding, int]] = []
        pending: dict[int, Pending] = {}
        for cand in candidates:
            rule = self.rules.rules[cand.rule]
            ctx.asked_names = False
            evaluated = self._evaluate(rule, cand, ctx, lines)
            if evaluated is not None:
                finding, waiting = evaluated
                if waiting is not None:
                    pending[len(found)] = waiting
                found.append((finding, cand.span.sent.start_char))
                if ctx.asked_names and not ctx.names_someone_here:
                    ctx.unless_named.add((finding.start, finding.end, finding.rule))
        return Draft(ctx, found, pending)

    def settle(self, draft: Draft, parsed: dict[rewrite.Place, Doc]) -> list[Finding]:
        """The draft's findings in text order, each keeping the rewrites that passed."""
        found = draft.found
        for index, waiting in draft.pending.items():
            finding, sentence = found[index]
            kept: list[Suggestion] = []
            for offer, check in zip(waiting.offers, waiting.checks, strict=True):
                reason: str | None = check if isinstance(check, str) else None
                if isinstance(check, rewrite.Rewrite) and self.verifier is not None:
                    reason = self.verifier.judge(parsed, check, offer.checked)
                if reason is None:
                    kept.append(offer.suggestion)
                else:
                    rewrite.DROPPED[reason] += 1
            rewrite.OFFERED["findings"] += 1
            rewrite.OFFERED["verified" if kept else "advice"] += 1
            advice = _advice(waiting.rule, waiting.span, draft.ctx, bool(kept))
            settled = dataclasses.replace(finding, suggestions=tuple(kept), advice=advice)
            found[index] = (settled, sentence)
        found.sort(key=lambda pair: (pair[0].start, pair[0].end, pair[0].rule))
        return fingerprinted(found)

    def _may_overlap(self, cand: Candidate, where: tuple[int, int]) -> bool:
        """Whether a finding from ``cand`` could overlap ``where`` (its match or its target).

        A re-parsed rewrite is blocked only by findings that overlap it; weighing every other
        candidate in a long sentence, once per rewrite, is what made dense text slow.
        """
        start, end = where
        span = cand.span
        if span.start_char < end and span.end_char > start:
            return True
        target = self._target(self.rules.rules[cand.rule], span)
        return target.start_char < end and target.end_char > start

    def _evaluate(
        self, rule: Rule, cand: Candidate, ctx: DocContext, lines: LineIndex
    ) -> tuple[Finding, Pending | None] | None:
        span = cand.span
        if not self._applies(rule, span, ctx):
            return None
        severity = self._severity(rule, span, ctx)
        if severity is None:
            return None
        quoted = ctx.is_quoted_speech(span)
        if quoted and ("quoted" in rule.unless or ctx.has_cue(span, words.of("framing_cues"))):
            # Quoted words are evidence; once the writer has framed them there is nothing to add.
            return None
        if rule.category is not Category.OUTDATED_TERMINOLOGY and framing.denied(span):
            return None  # "it may look consensual, but it is not"
        force_too = "forced" in rule.unless
        if (rule.category in _COERCIBLE or force_too) and framing.coerced(span, force_too):
            return None  # "pressured into having sex with him": the sentence names who did it
        target = self._target(rule, span) if not quoted else span
        context_flags: list[str] = []
        suggestions: tuple[Suggestion, ...]
        waiting: Pending | None = None
        if quoted:
            severity = Severity.INFO
            context_flags.append("quoted")
            suggestions = (
                Suggestion.build(rule.framing or _DEFAULT_FRAMING, SuggestionKind.FRAME),
            )
        elif framing.reported(span):
            # Someone else's view, reported (often to criticise it): never the writer's blame.
            severity = Severity.INFO
            context_flags.append("reported")
            target = span
            suggestions = ()
        elif rewrite.verifying():
            suggestions = ()  # a rewrite being checked: only its findings matter
        elif _changes_an_account(rule, span):
            # "The sex was consensual according to Jade": rewording it would change what the
            # child said. Her account stays as she gave it; the advice says what to add.
            suggestions = ()
        else:
            # Only a finding that offers rewrites needs to know where a phrase would change.
            placed = in_place.placements(rule.suggest, span)
            wide = _widened(target, placed)
            offered = self._suggestions(rule, span, target, ctx, wide, placed)
            target = wide
            suggestions = tuple(o.suggestion for o in offered or ())
            if offered is not None and self.verifier is not None:
                # Settled once the rewrites are re-parsed; the budget is spent here, in order.
                checks = tuple(
                    self.verifier.precheck(o.checked, span, o.text, rule.id, o.kept_edges)
                    for o in offered
                )
                waiting = Pending(rule, span, offered, checks)
                suggestions = ()
        message = rule.message.replace("{match}", " ".join(span.text.split()))
        if cand.near_miss:
            context_flags.append("near-miss")
            message += f" (read as a misspelling of '{cand.near_miss}')"
        line, column = lines.position(target.start_char)
        end_line, end_column = lines.position(target.end_char)
        return Finding(
            rule=rule.id,
            name=rule.name,
            category=rule.category,
            severity=severity,
            message=message,
            explanation=rule.explanation.strip(),
            source=rule.source,
            start=target.start_char,
            end=target.end_char,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            text=target.text,
            suggestions=suggestions,
            confidence=cand.confidence,
            context=tuple(context_flags),
            safe_fix=rule.safe_fix and not quoted and cand.near_miss is None,
            advice=(
                _advice(rule, span, ctx, bool(suggestions))
                if not quoted and waiting is None
                else ""
            ),
        ), waiting

    def _applies(self, rule: Rule, span: Span, ctx: DocContext) -> bool:
        if rule.except_ and _excepted(rule.except_, span):
            return False
        if rule.unless_words and _has_unless_word(
            rule.unless_words, own_clause(span) if rule.unless_scope == "clause" else span.sent
        ):
            return False
        if not all(CONDITIONS[name](span, ctx) for name in rule.when):
            return False
        if rule.when_any and not any(CONDITIONS[name](span, ctx) for name in rule.when_any):
            return False
        if "negated" in rule.unless and ctx.is_negated(span):
            return False
        if "hypothetical" in rule.unless and ctx.is_hypothetical(span):
            return False
        if "framed" in rule.unless and ctx.has_cue(span, words.of("grooming_cues"), previous=False):
            return False
        return not ("mention" in rule.unless and ctx.is_mention(span))

    def _severity(self, rule: Rule, span: Span, ctx: DocContext) -> Severity | None:
        severity = rule.severity
        age_band = ctx.age_band()
        if rule.by_age and age_band is not None and age_band in rule.by_age:
            chosen = rule.by_age[age_band]
            if chosen == "off":
                return None
            severity = Severity(chosen)
        party = rule.adult_party
        if party is not None and party.rank > severity.rank and ctx.adult_party(span):
            severity = party
        return severity

    def _target(self, rule: Rule, span: Span) -> Span:
        """The text a rewrite replaces: the match, or with its subject, or the whole clause."""
        if rule.span == "match":
            before = span.doc[span.start - 1] if span.start > 0 else None
            if before is not None and before.lower_ in ("a", "an", "the") and span[0].pos_ != "DET":
                # "a boyfriend" -> "an abuser", "the victim" -> "someone who has been hurt":
                # the article is replaced with the noun.
                return span.doc[span.start - 1 : span.end]
            return span
        root = main_verb(span)
        subject = subject_of(root)
        start = span.start
        if subject is not None and subject.i <= span.start and subject.head.i >= subject.i:
            start = min(start, subject.left_edge.i)
        elif root.i < start and all(
            t.pos_ in in_place.BETWEEN for t in span.doc[root.i + 1 : span.start]
        ):
            start = root.i  # "for [having an] affair with a pupil": the verb carrying the noun
        # Blank lines, emoji and stray marks before a subject hang off it in the parse: never
        # start the target on them, or a rewrite would delete them.
        while start < span.start and not (span.doc[start].is_alpha or span.doc[start].like_num):
            start += 1
        end = span.end
        last = span[-1]
        if last.lower_ == "what" and last.head.i >= span.end and last.head.pos_ == "VERB":
            # "went along with [what] the men wanted": the free relative is one phrase, and a
            # rewrite of the words before it cannot leave its clause behind.
            end = max(end, last.head.right_edge.i + 1)
        if rule.span == "clause":
            # Up to a second clause joined to this one ("..., and dad has been arrested"); a
            # pair inside a phrase ("between Mr Lee and Kacey") stays with its clause.
            stops = [t.i for t in root.children if t.i >= span.end and t.dep_ in ("cc", "conj")]
            tail = [t for t in root.subtree if t.i >= span.end and t.i not in stops]
            limit = min(stops) if stops else root.right_edge.i + 1
            tail = [t for t in tail if t.i < limit]
            if tail:
                end = max(end, max(t.i for t in tail) + 1)
            while end > span.end and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
                end -= 1
        return span.doc[start:end]

    def _suggestions(
        self,
        rule: Rule,
        span: Span,
        target: Span,
        ctx: DocContext,
        wide: Span,
        placed: dict[str, InPlace],
    ) -> tuple[Offer, ...] | None:
        """The rule's rewrites for ``wide``, ranked and not yet verified (None: it has none).

        Templates render for ``target``, the rule's own span; a phrase changed in place may
        reach past it (:func:`_widened`), and then every rewrite is widened to match.
        """
        if not rule.suggest:
            return None
        verb = main_verb(span)
        subject = subject_of(verb)
        victim = head_noun(subject) if subject is not None else None
        if victim is not None and not is_child_ref(victim):
            victim = None
        if victim is None:
            # "She has had thoughts of committing suicide": the child is the sentence's subject.
            subjects = [t for t in span.sent if t.dep_ == "nsubj" and is_child_ref(t)]
            victim = subjects[0] if subjects else None
        if victim is not None and victim.lower_ in ("they", "we"):
            # "Lily, 13, met the man and they had sex": the child is Lily, not "them".
            named = [t for t in span.sent if is_name(t) and t.i < victim.i]
            victim = named[-1] if named else victim
            if not named and _pair_of_pronouns(span):
                # "They were dating; she was 13 and he was 20": "they" is the child and the
                # adult together, so no rewrite can name one of them as the other's victim.
                return None
        name, obj, pos = subject_forms(victim)
        owner = _possessive_owner(target) if victim is None else None
        if owner is not None:
            # "The exploitation was her own fault": the child is the one the fault is put on.
            name, obj, pos = owner
        if victim is not None and victim.i < target.start:
            # "Lily, 13, met him ... and they had sex": her age is already written once.
            name, obj = without_age(name), without_age(obj)
        partner = _partner(span, target)
        agent = None
        turned = (
            _adult_with_child(subject, span, target)
            or _people_between(target)
            or _pair_subject(subject, target)
        )
        if turned is not None:
            # "The 45-year-old had sex with a 14-year-old girl": the adult is the subject.
            partner, child, name = turned
            agent = partner
            obj = name
            victim = head_noun(child)
            pos = subject_forms(victim)[2]
        # How the child is named again in a "when ..." clause, and the verb's number with it:
        # "Sam (they/them) ... when they meet", not "when they meets".
        mention = _second_mention(span, victim, name, subject=True)
        roles = Roles(
            victim=name,
            victim_obj=obj,
            victim_pos=pos,
            agent=agent if agent is not None else find_agent(target, victim),
            match=span.text,
            age=ctx.child_age,
            verb=verb.lemma_ if verb.pos_ in ("VERB", "AUX") else "",
            verb_text=_with_adverbs(verb, span),
            rest=predicate(verb),
            after_to=_after_to(target, span),
            subject_obj=_object_form(subject),
            last=span[-1].text,
            means=_means(verb, target, _second_mention(span, victim, obj, subject=False)),
            tail=span[1:].text,
            lead=target[:-1].text,
            after_adjective=span[1:].text if len(span) > 1 and span[0].pos_ == "ADJ" else "",
            partner=partner,
            verb_tail=_verb_tail(verb, span, target),
            risk_of=_risk_of(target),
            deed=_deed(subject),
            victim_plural=_number_shown(victim),
            negated=any(c.dep_ == "neg" for c in verb.children),
            when_means=_when_means(verb, target, mention, _plural_mention(name, mention, victim)),
        )
        capitalise = span_starts_sentence(target)
        seen: dict[str, Offer] = {}
        swap_article = rule.span == "match" and target.start < span.start
        article = target[0] if swap_article else None
        # How each rewrite ranks: in place before the templates when the rule lists it first,
        # else after; a word swap by how well it fits the matched form (see ``fit``).
        order: dict[str, tuple[int, tuple[int, int, int, int]]] = {}
        swap = rule.span == "match"
        templated = False
        whole = ctx.text  # built once per document: ``Doc.text`` joins every token each time
        before = whole[wide.start_char : target.start_char]
        after = whole[target.end_char : wide.end_char]
        for template in rule.suggest:
            facing = in_place.TEMPLATE.match(template)
            if facing is not None:
                where = placed.get(facing.group(1))
                if where is not None:
                    body = facing.group(2) or where.body
                    if "{through}" in body:
                        # "a county lines runner" -> "being criminally exploited through
                        # county lines": what the label names is kept, else nothing is added.
                        body = body.replace("{through}", roles.fields()["through"]).rstrip()
                    if where.frame:
                        body = where.frame.replace("{}", body)
                    starts = capitalise or span_starts_sentence(wide)
                    text = _in_place_text(whole, wide, where, body, starts)
                    if text not in seen or not seen[text].kept_edges:
                        seen[text] = Offer(Suggestion.build(text), wide, text, kept_edges=True)
                        order.setdefault(text, (2 if templated else 0, (0, 0, 0, 0)))
                continue
            templated = True
            if "{when_means}" in template and not roles.when_means:
                continue  # this wording only exists to keep the child's "by ..." as a fact
            if "{not_doing}" in template and not roles.negated:
                continue  # "what stopped her leaving" asks only of what the child did not do
            if "{do}" in template and roles.verb in _KNOWING:
                # "not able to know better because of what he did": what a child should have
                # known is blame of its own; no act of theirs to say was stopped.
                continue
            if "{deed}" in template and not roles.deed:
                continue  # no verb says what this event noun was ("an incident")
            if "{after_adjective}" in template and not roles.after_adjective:
                continue  # "abusive {after_adjective}" swaps an adjective that leads the match
            text = _cased(render(template, roles, verb, capitalise), capitalise, span.sent)
            text = carried(target, span, text) or text
            text = _owner_again(text, roles.agent)
            if text.endswith(",") and _PUNCT_AFTER.match(whole, target.end_char):
                text = text[:-1]  # "grooming Maya, 14," before a full stop
            if text[-1:] in ("?", ".", "!") and (
                whole.startswith(text[-1], target.end_char)
                or target.end_char < target.sent.end_char - 1
            ):
                # The sentence keeps its own question mark, and words that follow the
                # rewrite come before it ("What did ... do in this scenario?").
                text = text[:-1]
            if article is not None:
                text = _with_article(text, article.text)
            text = _hyphened(text, span)
            widened = before + text + after  # the label's linking verb kept as it stood
            if text and widened not in seen:
                seen[widened] = Offer(Suggestion.build(widened), target, text, kept_edges=False)
                order[widened] = (1, fit(target, text) if swap else (0, 0, 0, 0))
        # Word swaps (span "match") are re-ordered to fit the matched form; rewrites of a
        # clause keep the rule's order.
        ranked = sorted(
            seen.values(),
            key=lambda o: (o.suggestion.has_placeholder, *order[o.suggestion.text]),
        )
        return tuple(ranked)


def _hyphened(text: str, span: Span) -> str:
    """A two-word swap joined as the hyphened modifier it replaces.

    "attention-seeking behaviour" -> "attention-needing behaviour": before its noun, a noun
    and a gerund make one compound adjective and take the hyphen the writer gave the old one.
    """
    hyphened = any(t.text == "-" for t in span[1:-1])
    noun = span.doc[span.end] if span.end < len(span.doc) else None
    words = text.split()
    if not hyphened or noun is None or noun.pos_ != "NOUN" or len(words) != 2:
        return text
    if span.root.head.i != noun.i or span.root.dep_ not in ("amod", "compound", "nmod"):
        return text
    gerunds = [w.lower().endswith("ing") for w in (span[0].text, span[-1].text)]
    if gerunds != [False, True] or [w.lower().endswith("ing") for w in words] != gerunds:
        return text  # "attention-seeking" takes "attention-needing", not "seeking-connection"
    return "-".join(words)


def _widened(target: Span, placed: dict[str, InPlace]) -> Span:
    """The target, or more of its clause where a phrase changed in place reaches past it.

    "YP [is a gang member]", "YP [has been running] drugs": a rule that replaces the label or
    the verb's phrase alone can then offer "is being criminally exploited", which needs the
    linking verb or the auxiliaries in its span.
    """
    if not placed:
        return target
    start = min([target.start_char, *(p.start for p in placed.values())])
    end = max([target.end_char, *(p.end for p in placed.values())])
    if (start, end) == (target.start_char, target.end_char):
        return target
    wide = target.doc.char_span(start, end)
    return wide if wide is not None else target


def _in_place_text(text: str, target: Span, placed: InPlace, body: str, capitalise: bool) -> str:
    """The target with only its verb phrase changed ("... for sexually abusing a minor")."""
    if placed.adverb:
        # "has [repeatedly] absconded" -> "has repeatedly gone missing": the adverb after
        # the auxiliaries, as a template's own "<sexually:abuse>" puts one.
        body = re.sub(r"<(\w+)>", lambda m: f"<{placed.adverb}:{m.group(1)}>", body, count=1)
    words = suggest.in_place(body, placed.verb, placed.plural)
    words = f"{words} {placed.after}" if placed.after and words else words
    left, right = text[target.start_char : placed.start], text[placed.end : target.end_char]
    if not words:
        # A word deleted takes one of its spaces with it: "She [willingly ]got", "men[ freely]".
        right = right[1:] if right.startswith(" ") else right
        left = left[:-1] if left.endswith(" ") and not right else left
        right = right[:1].upper() + right[1:] if capitalise and not left else right
    elif placed.start == target.start_char and capitalise:
        words = words[:1].upper() + words[1:]
    return left + words + right


_OWNERS = {
    "her": ("she", "her", "her"),
    "his": ("he", "him", "his"),
    "their": ("they", "them", "their"),
    "your": ("you", "you", "your"),
}


def _possessive_owner(target: Span) -> tuple[str, str, str] | None:
    """(subject, object, possessive) of a possessive pronoun in the target ("her own fault")."""
    for token in target:
        if token.dep_ == "poss" and token.lower_ in _OWNERS:
            return _OWNERS[token.lower_]
    return None


_KNOWING = frozenset(["know", "realise", "realize", "understand", "see", "think", "guess"])
_HIS = frozenset(
    "man stepfather father dad stepdad uncle brother stepbrother grandfather grandad boyfriend"
    " husband son nephew".split()
)
_HER = frozenset(
    "woman stepmother mother mum stepmum aunt sister stepsister grandmother nan girlfriend wife"
    " daughter niece".split()
)


def _owner_again(text: str, agent: str | None) -> str:
    """Name a place the person responsible owns as theirs: "at his flat", not twice.

    "The stepfather raped the child at the stepfather's flat" -> "... at his flat".

    The person responsible, once named as the subject, owns the place as "his" or "her" when
    the noun says which; otherwise the sentence is left as it is (and the verifier refuses the
    repetition).
    """
    if not agent or agent.startswith("["):
        return text
    noun = agent.split()[-1].lower()
    pronoun = "his" if noun in _HIS else "her" if noun in _HER else None
    if pronoun is None:
        return text
    first = re.search(re.escape(agent), text, flags=re.IGNORECASE)
    if first is None:
        return text
    later = re.compile(rf"\b{re.escape(agent)}['\u2019]s\b", flags=re.IGNORECASE)
    return text[: first.end()] + later.sub(pronoun, text[first.end() :])


def _changes_an_account(rule: Rule, span: Span) -> bool:
    """A rewrite would change what the child thinks, or what someone said about consent."""
    account = framing.account_of(span)
    return account == "child" or (
        account == "reported" and rule.category is Category.CONSENT_IMPLYING
    )


def _has_unless_word(unless_words: Sequence[str], sent: Iterable[Token]) -> bool:
    """The words hold one of the rule's exempting words, or phrases ("not known").

    The sentence, or the match's clause where the rule says so: "Where a child is suspected
    to be involved in CSE, a referral should be made to the police" is not about what the
    police are involved in.
    """
    single = {w.lower() for w in unless_words if " " not in w.strip()}
    if any(t.lower_ in single or t.lemma_.lower() in single for t in sent):
        return True
    phrases = [w.lower().split() for w in unless_words if " " in w.strip()]
    if not phrases:
        return False
    lowered = [t.lower_ for t in sent]
    return any(
        lowered[i : i + len(phrase)] == phrase
        for phrase in phrases
        for i in range(len(lowered) - len(phrase) + 1)
    )
