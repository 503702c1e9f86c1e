"""A term standing before a noun it modifies, and a label given as the job a child did.

A phrase of nouns and adjectives stands where one word did before a noun ("for [paedophile]
Vanessa George" -> "for child sexual offender Vanessa George"); a phrase that cannot stand
there is rebuilt after the noun ("child sex tourism offences" -> "offences of sexual
exploitation of children ..."), or not offered. "She had worked as a teenage prostitute" says
the child was one, and is rewritten with its verb ("she had been sexually exploited").
"""

from __future__ import annotations

import pytest

from rewriting import offered, top
from vblint import Linter


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        # A title before a name.
        (
            "The nursery was run by paedophile Vanessa George.",
            "VB410",
            "The nursery was run by child sexual offender Vanessa George.",
        ),
        (
            "The paedophile Roy Whiting was jailed.",
            "VB410",
            "The child sexual offender Roy Whiting was jailed.",
        ),
        # A thing named before what it is about, hyphened words and all.
        ("He faces child porn charges.", "VB401", "He faces child sexual abuse material charges."),
        (
            "The revenge porn case was heard in May.",
            "VB409",
            "The image-based sexual abuse case was heard in May.",
        ),
        # A participle before its noun is no clause, whatever subject the parse gives it.
        (
            "Our policy on youth produced sexual imagery was reviewed in 2021.",
            "VB408",
            "Our policy on sharing nudes and semi-nudes was reviewed in 2021.",
        ),
    ],
)
def test_a_phrase_of_nouns_stands_before_a_noun(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    assert top(linter, text, rule) == expected


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # A person's label before a common noun reads as two people.
        ("The paedophile teacher was jailed.", "VB410"),
        ("Police smashed a paedophile ring in the town.", "VB410"),
        ("He was on the rent boy scene.", "VB405"),
        # A gerund with its object cannot stand before a noun.
        ("At this point his sexting prank became very serious.", "VB406"),
    ],
)
def test_a_phrase_that_cannot_stand_before_a_noun_is_not_offered(
    linter: Linter, text: str, rule: str
) -> None:
    assert top(linter, text, rule) is None


def test_a_modifier_keeps_its_number(linter: Linter) -> None:
    """ "the [revenge porn] case" is not "the intimate images case"; "offenders Vanessa"."""
    rewrites = offered(linter, "The revenge porn case was heard in May.", "VB409")
    assert not any("intimate images case" in r for r in rewrites)
    rewrites = offered(linter, "The paedophile Roy Whiting was jailed.", "VB410")
    assert not any("offenders" in r for r in rewrites)


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "He was convicted of child sex tourism offences.",
            "VB418",
            "He was convicted of offences of sexual exploitation of children in the context of"
            " travel and tourism.",
        ),
        (
            "The webcam child sex tourism case was passed to the NCA.",
            "VB420",
            "The case of live streaming of child sexual abuse was passed to the NCA.",
        ),
        (
            "He was convicted of child prostitution offences.",
            "VB403",
            "He was convicted of offences of sexual exploitation of children.",
        ),
        (
            "The school has a youth produced sexual imagery policy.",
            "VB408",
            "The school has a policy on sharing nudes and semi-nudes.",
        ),
    ],
)
def test_a_phrase_of_an_act_goes_after_the_noun_it_modified(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    assert top(linter, text, rule) == expected


def test_a_nominal_gerund_takes_its_determiner(linter: Linter) -> None:
    """ "some sharing of nudes" after a determiner; never "the risks of sharing of nudes"."""
    assert (
        top(linter, "There was some sexting between the two pupils.", "VB406")
        == "There was some sharing of nudes and semi-nudes between the two pupils."
    )
    rewrites = offered(linter, "The risks of sexting were discussed.", "VB406")
    assert rewrites
    assert not any("sharing of" in r for r in rewrites)


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "The court heard she had worked as a teenage prostitute.",
            "VB402",
            "The court heard she had been sexually exploited.",
        ),
        (
            "She worked as a child prostitute for a gang in Rochdale.",
            "VB402",
            "She was being sexually exploited by a gang in Rochdale.",
        ),
        (
            "Kai, 16, has been acting as a money mule for an older male.",
            "VB455",
            "Kai, 16, has been financially exploited by an older male.",
        ),
        ("He acts as a drug runner.", "VB453", "He is being criminally exploited."),
    ],
)
def test_a_label_given_as_the_childs_job_goes_with_its_verb(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    assert top(linter, text, rule) == expected


def test_a_role_someone_else_made_the_child_take_is_not_rewritten_as_a_state(
    linter: Linter,
) -> None:
    """ "exploiting a boy to act as a drug runner": no "to be criminally exploited"."""
    text = "A dealer was jailed for exploiting a 14-year-old boy to act as a drug runner."
    assert top(linter, text, "VB453") is None
