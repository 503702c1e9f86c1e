"""Ages stated in a note ("aged 13", "a 12-year-old", "Maya, 12,", "a man in his 20s").

Ages matter because the law draws lines at 13, 16 and 18 (Sexual Offences Act 2003 ss.5-15,
Protection of Children Act 1978 s.7(6)): consent or mutual wording about a child under 13 is
never acceptable, and an adult other party makes "boyfriend" or "sexually active" a concern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AGE_PATTERNS = [
    # a 12-year-old, 12 year old, 12 years old, 12yr old
    re.compile(r"\b(\d{1,2})\s?-?\s?(?:years?|yrs?|yo)\b(?:\s?-?\s?old)?", re.IGNORECASE),
    # aged 13, age 13, age: 13, since the age of 11
    re.compile(r"\bage[d:]?\s+(\d{1,2})\b", re.IGNORECASE),
    re.compile(r"\bage of (\d{1,2})\b", re.IGNORECASE),
    # a girl of 15, a young woman of 15, a man of 22
    re.compile(
        r"\b(?:girl|boy|woman|man|child|teenager|lad|lass|person|pupil|student|youngster"
        r"|male|female)s?\s+of\s+(\d{1,2})\b(?!\s*(?:years?|months?|weeks?|days?)\b)",
        re.IGNORECASE,
    ),
    # Maya, 12, ... / Maya (14) / YP (15)
    re.compile(r"\b[A-Z][a-zA-Z'-]+,\s(\d{1,2})(?=[,;)]|\s(?:and|was|is|has|had|who|said)\b)"),
    re.compile(r"\b[A-Za-z][a-zA-Z'-]+\s\((\d{1,2})\)"),
    # he is 22, she was 15., who's 30 and ...
    re.compile(
        r"\b(?:is|was|are|were|he's|she's|who's|turned|turns)\s(\d{1,2})"
        r"(?=\s*(?:[,.;:)]|and\b|but\b|or\b|$))",
        re.IGNORECASE,
    ),
]
_DECADE = re.compile(
    r"\bin\s(?:his|her|their)\s(?:(?:early|mid|late)[- ])?"
    r"(twenties|thirties|forties|fifties|sixties|20s|30s|40s|50s|60s)\b",
    re.IGNORECASE,
)
_DECADE_VALUE = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60}
_NOT_AN_AGE = re.compile(r"\b(?:under|over|below|above|from|to)\s$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Age:
    """An age in years and where the text states it."""

    years: int
    start: int
    end: int

    @property
    def is_child(self) -> bool:
        """Under 18: a child in law (Children Act 1989; PCA 1978 s.7(6))."""
        return self.years < 18


def find_ages(text: str) -> list[Age]:
    """Every stated age, in text order.

    Thresholds in prose ("children under 13") are not ages of anyone in the note, so a number
    preceded by under/over/below/above is skipped.
    """
    found: dict[int, Age] = {}
    for pattern in _AGE_PATTERNS:
        for m in pattern.finditer(text):
            start = m.start(1)
            if _NOT_AN_AGE.search(text[max(0, m.start() - 7) : m.start()]):
                continue
            years = int(m.group(1))
            if 0 < years < 100:
                found.setdefault(start, Age(years, m.start(), m.end()))
    for m in _DECADE.finditer(text):
        word = m.group(1).lower()
        years = _DECADE_VALUE.get(word) or int(word[:2])
        found.setdefault(m.start(1), Age(years, m.start(), m.end()))
    return sorted(found.values(), key=lambda a: a.start)


def band(years: int) -> str:
    """The legal band an age falls in: under_13, under_16, under_18 or adult."""
    if years < 13:
        return "under_13"
    if years < 16:
        return "under_16"
    if years < 18:
        return "under_18"
    return "adult"


def youngest_child(text: str) -> int | None:
    """The youngest child age :func:`find_ages` would find in ``text``, holding no list of ages.

    For a long document checked in blocks: every block must weigh the same youngest age that
    one parse of the whole text would.
    """
    youngest: int | None = None
    for pattern in _AGE_PATTERNS:
        for m in pattern.finditer(text):
            if _NOT_AN_AGE.search(text[max(0, m.start() - 7) : m.start()]):
                continue
            years = int(m.group(1))
            if 0 < years < 18 and (youngest is None or years < youngest):
                youngest = years
    return youngest  # "in her twenties" and the like are never a child's age
