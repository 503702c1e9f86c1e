"""What a rule means in words: its message as a sentence, its conditions, limits and rewrites.

A rule pack is written for the engine; the people who read ``vblint explain``, a rule's page in
the documentation, a SARIF dashboard or ``GET /v1/rules/{id}`` need the same facts in prose.
They all take them from here, so the wording of one fact never differs between two of them.
"""

from __future__ import annotations

import re
from typing import get_args

from vblint.findings import Category
from vblint.rules import Condition, ContextName, Rule

CONDITIONS: dict[str, str] = {
    "child_subject": "the subject of the clause is the child (or, in quoted speech, 'I' or "
    "'we' speaking)",
    "active": "the verb is active, not passive",
    "sexual_context": "the sentence or the one before it has words about sex or sexual abuse",
    "exploitation_context": "the sentence or the one before it has words about exploitation, "
    "grooming or coercion",
    "adult_party": "the sentence names an adult or much older other party (an adult age, "
    "'a man', 'older')",
    "no_agent": "the passive verb has no 'by ...' naming who did it",
    "stated_subject": "the clause has a stated subject",
    "goes_back": "the act is going missing or running away, or going back to where the harm is",
    "adult_named": "the sentence names an adult who could have caused harm (family, a title, "
    "an adult age)",
    "not_from_family": "the one who did it is not family, a carer or a professional caring "
    "for the child ('mum kissed and cuddled him')",
    "affection_to_child": "the word of affection is done to a child (an age under 18 or a "
    "child noun), by someone other than family, a carer or a professional",
    "called_adults_partner": "the child is said to be someone else's partner ('she is his "
    "girlfriend', 'the man's lover')",
    "labels_the_child": "the label is said of the child ('he is a gang member'), not of the "
    "people the child is with ('he was seen with gang members')",
    "child_in_it": "a child is one of the two: the subject, or the person the match is 'with'",
    "pairs_adult_and_child": "the matched word's 'between' phrase joins an adult and a child, "
    "read from their own words (an age, 'a man', a title or a trusted role; not family)",
    "adult_and_child": "the sentence names an adult and a child together (the child under 16, "
    "or the adult much older or titled)",
    "not_adults_own": "the word does not belong to an adult ('his', 'the man's')",
    "childs_own": "the conduct is the same person's as the risk ('her behaviour ... puts her'), "
    "not someone else's ('his behaviour is putting her at risk')",
    "conduct_alone": "the sentence records the conduct alone, not the risk it arises in ('She "
    "is at risk when she stays out' is not held against her)",
    "child_context": "the note states a child's age or the sentence names a child",
    "under_13": "the note states that the child is under 13",
    "under_16": "the note states that the child is under 16",
    "under_18": "the note states that the child is under 18",
    "question": "the sentence is a question",
    "victim_words": "the sentence speaks of victims, women, girls, children or CSE",
    "nobody_named": "the verb has no 'by ...' and the note names no adult who could have done it",
}

CONTEXTS: dict[str, str] = {
    "negated": "the wording is negated ('nothing suggests she put herself at risk')",
    "mention": "the wording is only talked about, not used ('avoid phrases such as ...')",
    "quoted": "the wording is inside quoted speech (someone's own words, kept as evidence)",
    "hypothetical": "the wording is inside an 'if' or 'whether' clause, or is about capacity "
    "('capacity to consent')",
    "framed": "the sentence already names grooming or exploitation after the words",
    "forced": "the sentence says the child was forced or coerced into it ('she was raped by "
    "...', 'he threatened her and ...')",
}

# Categories whose findings say the child chose or took part: coercion in the sentence undoes them.
COERCIBLE = frozenset(
    [
        Category.CONSENT_IMPLYING,
        Category.MUTUALISING,
        Category.RESPONSIBILITY_SHIFTING,
        Category.SEXUALISING_ADULTIFYING,
    ]
)

SPANS: dict[str, str] = {
    "match": "the matched words",
    "subject": "the matched words with the clause's subject",
    "clause": "the whole clause",
}

# Suggestion template fields as a reader sees them on a rule's page.
_ROLE_WORDS = {
    "agent": "the person responsible",
    "agent_obj": "the person responsible",
    "victim": "the child",
    "victim_obj": "the child",
    "victim_pos": "the child's",
    "match": "the matched words",
    "age": "age",
    "did": "what the child did",
    "doing": "doing what the child did",
    "do": "do what the child did",
    "verb": "the verb",
    "subject_obj": "the subject",
    "last": "the last matched word",
    "means": "how they did it",
    "after_to": "what follows",
    "through": "how the child is exploited",
    "exploitation": "the exploitation",
    "experiencing": "experiencing the exploitation",
}
_FIELD = re.compile(r"\{(\w+)\}")
_VERB = re.compile(r"<(\w+)>")


def summary(rule: Rule) -> str:
    """The rule's message with no match to quote: "This wording makes the child ..."."""
    text = rule.message.replace("'{match}'", "This wording").replace('"{match}"', "This wording")
    return text.replace("{match}", "this wording")


def profile_note(rule: Rule) -> str:
    """Which kinds of writing the rule is for, or "" when it is for all of them."""
    return f"only in {', '.join(rule.profiles)} writing" if rule.profiles else ""


def conditions(rule: Rule) -> list[str]:
    """When the rule reports: every ``when`` condition, and one of ``when_any``."""
    out = [CONDITIONS[name] for name in rule.when]
    if rule.when_any:
        out.append("at least one of: " + "; ".join(CONDITIONS[n] for n in rule.when_any))
    return out


def limits(rule: Rule) -> list[str]:
    """What the rule leaves alone, and what it cannot see, in sentences."""
    out: list[str] = []
    found = conditions(rule)
    if found:
        out.append("It reports only when " + "; and ".join(found) + ".")
    skipped = [CONTEXTS[name] for name in rule.unless if name != "quoted"]
    if skipped:
        out.append("It stays silent when " + "; or ".join(skipped) + ".")
    if rule.category is not Category.OUTDATED_TERMINOLOGY:
        out.append("It stays silent where the sentence denies it ('it may look ..., but is not').")
    if rule.category in COERCIBLE:
        out.append(
            "It stays silent where coercion governs the words ('pressured into ...'): the "
            "sentence already says who made it happen."
        )
    out.append("Someone else's view, reported, is shown at info with no rewrite.")
    if "quoted" in rule.unless:
        out.append("Inside quoted speech it is silent.")
    else:
        out.append(
            "Inside quoted speech it reports at info and never rewrites: the words are evidence."
        )
    if rule.unless_words:
        words = ", ".join(f"'{w}'" for w in rule.unless_words)
        where = "a clause" if rule.unless_scope == "clause" else "a sentence"
        out.append(f"It stays silent in {where} with any of these words: {words}.")
    if rule.except_:
        phrases = ", ".join(f"'{p}'" for p in rule.except_)
        out.append(f"These phrases are not findings: {phrases}.")
    if rule.profiles:
        out.append(f"It applies {profile_note(rule)} (the `profile` setting).")
    if rule.typos:
        out.append("Likely misspellings of its words are found too, with lower confidence.")
    out.append(
        "It reads one sentence at a time (with the one before for context) through spaCy's "
        "parse of the text: a parse error can hide a finding or, rarely, make one."
    )
    return out


def severity_notes(rule: Rule) -> list[str]:
    """How the severity changes with the child's stated age and an adult other party."""
    out = []
    if rule.by_age:
        bands = ", ".join(f"{band.replace('_', ' ')}: {sev}" for band, sev in rule.by_age.items())
        out.append(f"By the child's stated age: {bands}.")
    if rule.adult_party is not None:
        out.append(f"Raised to {rule.adult_party.value} when the other party is an adult.")
    return out


def readable_template(template: str) -> str:
    """A suggestion template with its fields in words: "*the person responsible* put ..."."""
    text = _FIELD.sub(lambda m: f"*{_ROLE_WORDS.get(m.group(1), m.group(1))}*", template)
    verbs = _VERB.sub(lambda m: "is" if m.group(1) == "be" else m.group(1), text)
    return re.sub(r"\s+", " ", verbs).strip()


def rewrites(rule: Rule) -> list[str]:
    """The rewrites the rule offers, as templates in words, first choice first."""
    return [readable_template(t) for t in rule.suggest]


def undocumented() -> list[str]:
    """Condition and context names the schema knows but this module does not describe."""
    names = [*get_args(Condition), *get_args(ContextName)]
    return [n for n in names if n not in CONDITIONS and n not in CONTEXTS]
