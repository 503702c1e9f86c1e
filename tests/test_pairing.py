"""A noun of closeness "between" two people: an adult and a child, read from their own words."""

from __future__ import annotations

import pytest

from vblint import Linter, Severity


def between(linter: Linter, text: str) -> list[Severity]:
    return [f.severity for f in linter.check(text) if f.rule == "VB315"]


@pytest.mark.parametrize(
    "text",
    [
        # The adult's own words name him: a trusted role, a title or an adult age, either order.
        "Staff noticed the closeness between the PE teacher and a Year 9 girl.",
        "There were rumours of a friendship between Mr Hale and a 13-year-old girl.",
        "Police investigated improper contact between a 15-year-old pupil and her coach.",
        "Concerns about a special friendship between the youth leader and a teenager grew.",
    ],
)
def test_adult_and_child_paired_is_flagged(linter: Linter, text: str) -> None:
    assert between(linter, text)


def test_an_adult_age_makes_it_an_error(linter: Linter) -> None:
    text = "Police were told of a relationship between a 30-year-old man and a 14-year-old girl."
    assert between(linter, text) == [Severity.ERROR]


@pytest.mark.parametrize(
    "text",
    [
        # A plain relationship with a teacher says nothing improper without a mark.
        "The relationship between the pupil and her form tutor is positive.",
        # Family, peers, or groups of staff and pupils.
        "The relationship between Child A and her mother was strained.",
        "The closeness between the girl and her father was noted.",
        "The friendship between the two girls has helped them both.",
        "Relationships between pupils and staff were good.",
        # Only one side is named, or it is a name alone.
        "The relationship between them ended in May.",
        "The closeness between Sam and Alex was clear.",
        # Mentioned, not used.
        "Do not describe abuse as 'a relationship between a teacher and a pupil'.",
    ],
)
def test_not_an_adult_and_a_child(linter: Linter, text: str) -> None:
    assert not between(linter, text)


def test_two_adults_in_a_relationship_are_not_flagged(linter: Linter) -> None:
    assert not [
        f
        for f in linter.check("Mum is in a relationship with a known sex offender.")
        if f.rule == "VB302"
    ]
    adult_subject = "Miss Carter was in a relationship with a 16-year-old student."
    assert [f for f in linter.check(adult_subject) if f.rule == "VB302"]
