from __future__ import annotations

import pytest

from vblint.analysis.ages import band, find_ages
from vblint.analysis.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said "it was my fault".', ["it was my fault"]),
        ("She said \u201cit was my fault\u201d.", ["it was my fault"]),
        ("Avoid phrases such as 'put themselves at risk'.", ["put themselves at risk"]),
        ("He calls her his \u2018girlfriend\u2019.", ["girlfriend"]),
        ("Maya's mum didn't attend; the girls' coats were wet.", []),
        ('An unclosed " quote mark stays text.', []),
    ],
)
def test_quotes_are_told_from_apostrophes(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Maya, 12, was seen at home.", [12]),
        ("a 12-year-old girl and a 24-year-old man", [12, 24]),
        ("YP (15) attended with mum, aged 41.", [15, 41]),
        ("He is 22 and she is 14.", [22, 14]),
        ("a man in his late twenties", [20]),
        ("Children under 13 cannot consent.", []),
        ("The bus is 22 minutes late.", []),
    ],
)
def test_ages_are_found(text: str, ages: list[int]) -> None:
    assert [a.years for a in find_ages(text)] == ages


def test_age_bands_follow_the_law() -> None:
    assert [band(y) for y in (12, 13, 15, 16, 17, 18)] == [
        "under_13",
        "under_16",
        "under_16",
        "under_18",
        "under_18",
        "adult",
    ]


def test_an_age_given_with_of_is_an_age() -> None:
    """The British "a girl of 14" and "a young woman of 15" give the child's age."""
    from vblint.analysis.ages import find_ages

    assert [a.years for a in find_ages("He had sex with a girl of 14.")] == [14]
    assert [a.years for a in find_ages("She is a young woman of 15.")] == [15]
    assert not find_ages("She is a child of 3 months.")
