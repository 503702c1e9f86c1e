"""A phrase rewritten where it stands: only the words that mutualise change.

Clause templates rebuild a clause from its roles, which breaks the shapes real sentences come
in: a gerund after a preposition, a verb sharing its subject, a relative clause, an
infinitive. There the verb phrase alone is changed, facing the way the sentence does: the
adult as subject ("sexually abused"), or the child ("was sexually abused by").
"""

from __future__ import annotations

import pytest

from rewriting import offered, top
from vblint import Linter
from vblint.analysis import in_place, rewrite


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        # the verb phrase changes and every other word stays
        (  # a gerund after a preposition keeps its form
            "In 2011, a 48-year-old teacher was jailed for 16 months after having sexual"
            " intercourse with one of his students.",
            "VB301",
            "In 2011, a 48-year-old teacher was jailed for 16 months after sexually abusing one"
            " of his students.",
        ),
        (  # a verb sharing its subject with another
            "The review criticised the school after a teacher abducted and had sex with a"
            " 15-year-old pupil.",
            "VB301",
            "The review criticised the school after a teacher abducted and sexually abused a"
            " 15-year-old pupil.",
        ),
        (  # a relative clause agrees with the noun it hangs from
            "The law should treat adults who have sex with children as rapists.",
            "VB301",
            "The law should treat adults who sexually abuse children as rapists.",
        ),
        (  # an infinitive keeps its "to"
            "The flat was a place for men to have sex with under-age girls.",
            "VB301",
            "The flat was a place for men to sexually abuse under-age girls.",
        ),
        (  # the child as subject, sharing it with a second verb: the passive keeps both
            "The review found she had sex with up to 20 men and was given contraceptives.",
            "VB301",
            "The review found she was sexually abused by up to 20 men and was given"
            " contraceptives.",
        ),
        (  # the light verb carrying the noun is rewritten with it, auxiliaries and all
            "Mr Harris, the PE teacher, was having an affair with a Year 10 pupil.",
            "VB304",
            "Mr Harris, the PE teacher, was sexually abusing a Year 10 pupil.",
        ),
        (
            "A biology teacher was struck off for having an affair with a 15-year-old pupil.",
            "VB304",
            "A biology teacher was struck off for sexually abusing a 15-year-old pupil.",
        ),
        # a matched verb takes the form of the one it replaces
        (
            "Kayden was recruited by a county lines gang when he was 13.",
            "VB459",
            "Kayden was groomed and criminally exploited by a county lines gang when he was 13.",
        ),
        (
            "Drug dealers are recruiting teenagers in Shropshire.",
            "VB459",
            "Drug dealers are grooming and criminally exploiting teenagers in Shropshire.",
        ),
        (
            "Leah has absconded from her placement three times this month.",
            "VB451",
            "Leah has gone missing from her placement three times this month.",
        ),
        # a label after the childs linking verb is rewritten with it
        (  # the child stays the subject of both verbs: "was arrested" is still Jamal's
            "Jamal (14) is a drug dealer and was arrested with 20 wraps.",
            "VB454",
            "Jamal (14) is being criminally exploited and was arrested with 20 wraps.",
        ),
        (  # "for" a group names who exploits the child
            "He has been a money mule for a local gang since March.",
            "VB455",
            "He has been financially exploited by a local gang since March.",
        ),
        (
            "YP is a known gang member and was arrested on Friday.",
            "VB456",
            "YP is being criminally exploited and was arrested on Friday.",
        ),
        # a choice or a first word is changed and the rest kept
        (  # what the child did stays, in the chooser's tense; that they chose it goes
            "She chose to go back to the address despite being warned.",
            "VB106",
            "She went back to the address despite being warned.",
        ),
        (
            "Maya chooses to spend her weekends with the men who exploit her.",
            "VB106",
            "Maya spends her weekends with the men who exploit her.",
        ),
        (  # only the first word is at fault: the rest of the phrase is the sentence's own
            "The report looked into historic CSE cases in the town.",
            "VB417",
            "The report looked into non-recent CSE cases in the town.",
        ),
        (
            "The review into historic child sexual exploitation in Oldham found failings.",
            "VB417",
            "The review into non-recent child sexual exploitation in Oldham found failings.",
        ),
    ],
)
def test_only_the_words_at_fault_change_in_their_own_form(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    """The verb phrase, a matched verb, a label with its linking verb, a verb of choosing or a
    first word changes; every other word of the clause stays as written."""
    assert top(linter, text, rule) == expected


def test_a_label_with_more_hung_on_it_is_left_to_the_noun_templates(linter: Linter) -> None:
    """ "A gang member linked to the Moss Side group" cannot lose its noun."""
    text = "Police intelligence suggests Riley, 16, is a gang member linked to the Moss Side group."
    assert not any("being criminally exploited linked" in r for r in offered(linter, text, "VB456"))


def test_a_verb_whose_destination_the_new_one_cannot_take_is_not_swapped(
    linter: Linter,
) -> None:
    """ "Recruiting him into his network" cannot become "exploiting him into his network"."""
    text = (
        "The gang befriended a 16-year-old boy with the aim of recruiting him into their network."
    )
    assert not any("into their network" in r for r in offered(linter, text, "VB459"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "She went willingly to the flat where the men abused her.",
            "She went to the flat where the men abused her.",
        ),
        ("She went with the men voluntarily.", "She went with the men."),
        (
            "Lauren, 16, willingly went to the hotel with the men who are exploiting her.",
            "Lauren, 16, went to the hotel with the men who are exploiting her.",
        ),
    ],
)
def test_a_word_making_the_child_willing_is_deleted_with_one_space(
    linter: Linter, text: str, expected: str
) -> None:
    assert top(linter, text, "VB208") == expected


def test_a_deletion_that_leaves_another_problem_is_not_offered(linter: Linter) -> None:
    """Without "willingly", "had sex with the 19-year-old" is still mutualising."""
    text = "The girl, 13, had sex willingly with the 19-year-old."
    assert "The girl, 13, had sex with the 19-year-old." not in offered(linter, text, "VB208")


def test_another_rules_finding_in_the_kept_words_does_not_block_the_rewrite(
    linter: Linter,
) -> None:
    """ "Under-age girls" is its own finding, with its own advice; "have sex with" is fixed."""
    text = "The flat was a place for men to have sex with under-age girls."
    assert any(f.rule == "VB552" for f in linter.check(text))
    assert top(linter, text, "VB301") == (
        "The flat was a place for men to sexually abuse under-age girls."
    )


@pytest.mark.parametrize(
    ("text", "facing"),
    [
        ("She told staff that he had sex with her when she was 12.", None),
        ("She told staff that the 30-year-old had sex with her.", "adult"),
        ("She told staff that she had sex with the 30-year-old.", "child"),
        ("She told staff that Jordan had sex with Amira.", None),
    ],
)
def test_which_way_a_clause_faces_comes_from_who_is_plainly_the_adult(
    linter: Linter, text: str, facing: str | None
) -> None:
    """Two pronouns or two names say nothing of who did it: nothing is changed in place."""
    doc = linter.nlp(text)
    start = next(t.i for t in doc if t.lower_ == "had")
    span = doc[start : start + 3]
    found = in_place.find(span, span.sent)
    assert (found.facing if found is not None else None) == facing


def test_the_verb_that_reports_the_act_is_kept(linter: Linter) -> None:
    """ "Admitted" is a fact: a rewrite of the clause without it is not offered."""
    text = "The music teacher admitted having an affair with a 16-year-old pupil."
    assert offered(linter, text, "VB304") == [
        "The music teacher admitted sexually abusing a 16-year-old pupil."
    ]


def test_an_adult_subject_is_a_fact_a_rewrite_must_keep(linter: Linter) -> None:
    """ "Drug dealers are recruiting teenagers": a rewrite without the dealers loses them."""
    doc = linter.nlp("Drug dealers are recruiting teenagers in Shropshire.")
    target, match = doc[0:5], doc[3:5]
    lost = rewrite.lost_facts(target, match, "The child is groomed and criminally exploited")
    assert "dealers" in [t.lower_ for t in lost]


def test_a_singular_noun_phrase_keeps_its_article(linter: Linter) -> None:
    rewrites = offered(linter, "The girl was a child prostitute.", "VB402")
    assert "The girl was a sexually exploited child." in rewrites
    assert "The girl was sexually exploited child." not in rewrites


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the child "has" the older person: the tense, article and comparison stay
            "She has a significantly older boyfriend.",
            "She is being groomed by a significantly older man.",
        ),
        (
            "Sara, 14, has had an older girlfriend since June.",
            "Sara, 14, has been groomed by an older woman since June.",
        ),
        (  # the child's own older one: named as the adult grooming them
            "Her older boyfriend picks her up from school.",
            "The older man who is grooming her picks her up from school.",
        ),
        (
            "YP's older boyfriend bought her a phone.",
            "The older man who is grooming YP bought her a phone.",
        ),
    ],
)
def test_an_older_boyfriend_becomes_the_older_person_grooming_the_child(
    linter: Linter, text: str, expected: str
) -> None:
    assert top(linter, text, "VB303") == expected


def test_what_an_older_boyfriend_owns_is_said_as_his(linter: Linter) -> None:
    # Not "the older man who is grooming her's flat": the place is said as his.
    rewrites = offered(linter, "She spends weekends at her older boyfriend's flat.", "VB303")
    assert rewrites[:1] == [
        "She spends weekends at the flat of the older man who is grooming her."
    ], rewrites
    assert not any("'s" in r for r in rewrites)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an event noun takes "of", the article agreeing with the noun now first
            "A sexting incident was reported to the DSL.",
            "An incident of sharing nudes and semi-nudes was reported to the DSL.",
        ),
        (  # a topic noun takes "on", and a possessive stays as written
            "Our sexting policy was reviewed in May.",
            "Our policy on sharing nudes and semi-nudes was reviewed in May.",
        ),
    ],
)
def test_a_modifier_rebuilt_as_a_phrase_follows_its_noun(
    linter: Linter, text: str, expected: str
) -> None:
    assert top(linter, text, "VB406") == expected


def test_a_modifier_with_more_before_it_is_not_rebuilt(linter: Linter) -> None:
    # "underage cases of sharing nudes" would move the age onto the cases
    assert in_place.find_modifier(linter.nlp("Underage sexting cases are rising.")[1:2]) is None


def test_a_hyphened_modifier_is_replaced_by_a_hyphened_one(linter: Linter) -> None:
    text = "He displays attention-seeking behaviour in class."
    assert top(linter, text, "VB601") == "He displays attention-needing behaviour in class."


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        ("He has become involved in crime.", "VB661", "He has been criminally exploited."),
        (
            "This chapter explains how children become involved in prostitution.",
            "VB660",
            "This chapter explains how children are being sexually exploited.",
        ),
    ],
)
def test_becoming_involved_is_rewritten_with_its_verb(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    assert top(linter, text, rule) == expected


def test_an_adverb_before_becoming_keeps_the_phrase_as_it_was(linter: Linter) -> None:
    # "he first was being criminally exploited" puts the adverb in the wrong place
    text = "We believe he first became involved with county lines when he was 11."
    assert not any("first was" in r for r in offered(linter, text, "VB661"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the adult gives, the child is the object: the giving was the means of exploiting
            "The men gave him cannabis in return for sex.",
            "The men gave him cannabis to sexually exploit him.",
        ),
        (  # the child as subject of the passive: what was given, and why, without the trade
            "Amira, 14, was offered vodka and a phone seemingly in return for sex.",
            "Amira, 14, was offered vodka and a phone seemingly as a means of sexual exploitation.",
        ),
    ],
)
def test_what_was_given_in_return_for_sex_becomes_the_means_of_exploitation(
    linter: Linter, text: str, expected: str
) -> None:
    assert top(linter, text, "VB207") == expected


def test_a_trade_not_ending_in_sex_keeps_the_advice(linter: Linter) -> None:
    text = "She has been having sex with older men in exchange for drugs."
    assert not any("means of" in r or "to sexually" in r for r in offered(linter, text, "VB207"))


def test_a_child_who_has_a_boyfriend_with_an_adult_age_is_being_groomed(linter: Linter) -> None:
    text = "Maya, 14, has a boyfriend who is 23 and picks her up from school."
    assert top(linter, text, "VB303") == (
        "Maya, 14, is being groomed by a man who is 23 and picks her up from school."
    )
