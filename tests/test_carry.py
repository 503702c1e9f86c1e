"""Facts after the words at fault move into the rewrite, or no rewrite is offered.

A template knows the people in the flagged words, not the clause's place and time: those
phrases are carried, as written, to the end of the rewritten clause. A phrase that leans on a
verb the rewrite drops ("by going to addresses in Luton") never moves on its own.
"""

from __future__ import annotations

import pytest

from rewriting import offered
from vblint import Linter
from vblint.analysis.carry import carried


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "Chloe (15) had sex with a 31-year-old man at his flat.",
            "VB301",
            "The 31-year-old man sexually abused Chloe (15) at his flat.",
        ),
        (
            "Jessica, 13, is prostituting herself for money at the hotel.",
            "VB462",
            "[The person who harmed Jessica] is exploiting Jessica, 13, sexually for money at"
            " the hotel.",
        ),
        (
            "Leah keeps going back to her exploiters even though she knows the risks.",
            "VB805",
            "Leah is being controlled by her exploiters even though she knows the risks.",
        ),
    ],
)
def test_place_and_time_move_to_the_end(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    assert offered(linter, text, rule)[0] == expected


@pytest.mark.parametrize(
    ("text", "rule", "stranded"),
    [
        (
            "YP is putting himself at risk by going to addresses in Luton with older males.",
            "VB101",
            "risk to addresses",
        ),
        ("He is working for older boys, moving money.", "VB461", "him moving money"),
        ("She should have known better than to get into his car.", "VB105", "did than"),
        (
            "Maya, 13, has been sending explicit pictures to an adult she met on Instagram.",
            "VB804",
            "images on Instagram",
        ),
    ],
)
def test_a_phrase_of_another_verb_stays(
    linter: Linter, text: str, rule: str, stranded: str
) -> None:
    assert all(stranded not in rewrite for rewrite in offered(linter, text, rule))


def test_nothing_to_carry_leaves_the_candidate(linter: Linter) -> None:
    doc = linter.nlp("Lily puts herself at risk.")
    sent = next(iter(doc.sents))
    target = sent[: len(sent) - 1]
    match = sent[1:4]
    assert carried(target, match, "Lily is at risk from [the person who harmed Lily]") is None


def test_a_bare_time_hung_on_a_noun_moves_with_the_rewrite(linter: Linter) -> None:
    # the small parser reads "most weekends" as describing "situations"
    text = "Kacey has been putting herself in risky situations most weekends."
    rewrites = offered(linter, text, "VB101")
    assert rewrites
    assert all(r.rstrip(".").endswith("most weekends") for r in rewrites)
