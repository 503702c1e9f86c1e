"""Rewrites name the person responsible from the sentence itself, and stay good English.

"Sexual activity took place between X and Y" and "the 45-year-old had sex with a girl" both
name the adult; a rewrite says what the adult did to the child, with every name and age kept.
Where no wording fits the sentence, none is offered (advice instead), never broken English.
"""

from __future__ import annotations

import pytest

from vblint import Linter
from vblint.findings import SuggestionKind


def offered(linter: Linter, text: str, rule: str) -> list[str]:
    """The rewrites a rule offers, applied to the sentence."""
    found = [f for f in linter.check(text) if f.rule == rule]
    assert found, f"{rule} did not flag {text!r}"
    finding = found[0]
    return [
        text[: finding.start] + s.text + text[finding.end :]
        for s in finding.suggestions
        if s.kind is SuggestionKind.REPLACE
    ]


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "Sexual contact occurred between Jordan (13) and his football coach.",
            "VB802",
            "His football coach sexually abused Jordan (13).",
        ),
        (
            "An incident of a sexual nature occurred between Mr Lee and Kacey, 13.",
            "VB802",
            "Mr Lee sexually abused Kacey, 13.",
        ),
        (
            "Sexual activity took place between the 15-year-old and the 32-year-old man.",
            "VB802",
            "The 32-year-old man sexually abused the 15-year-old.",
        ),
        (
            "The 45-year-old had sex with a 14-year-old girl.",
            "VB301",
            "The 45-year-old sexually abused a 14-year-old girl.",
        ),
        (
            "Her uncle had sex with her when she was 12.",
            "VB301",
            "Her uncle sexually abused her when she was 12.",
        ),
    ],
)
def test_the_adult_the_sentence_names_is_the_one_who_did_it(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    rewrites = offered(linter, text, rule)
    assert rewrites[:1] == [expected]
    assert not any("[" in r for r in rewrites), "a placeholder asks for a person already named"


@pytest.mark.parametrize(
    ("text", "rule", "bad"),
    [
        ("He became involved in county lines after moving schools.", "VB661", "became being"),
        ("A teacher abducted and had sex with a 15-year-old pupil.", "VB301", None),
        ("The school dealt with a sexting incident last term.", "VB406", "a sharing"),
    ],
)
def test_no_rewrite_that_breaks_the_sentence_or_drops_an_act(
    linter: Linter, text: str, rule: str, bad: str | None
) -> None:
    rewrites = offered(linter, text, rule)
    if bad is None:  # the adult's other act ("abducted") must survive any rewrite
        assert all("abducted" in r for r in rewrites), rewrites
    else:
        assert not any(bad in r for r in rewrites), rewrites


def test_the_article_goes_with_the_noun_it_came_with(linter: Linter) -> None:
    rewrites = offered(linter, "The paedophile groomed a 15-year-old girl online.", "VB410")
    assert rewrites[0] == "The child sexual offender groomed a 15-year-old girl online."


def test_a_wording_may_repeat_its_own_words(linter: Linter) -> None:
    rewrites = offered(linter, "Sexting is common among Year 9 pupils.", "VB406")
    assert "Sharing nudes and semi-nudes is common among Year 9 pupils." in rewrites
