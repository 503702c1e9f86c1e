"""Words of affection for what someone did to a child, and a parent's care of their own child."""

from __future__ import annotations

import pytest

from vblint import Linter


def found(linter: Linter, text: str) -> list[str]:
    return [f.rule for f in linter.check(text) if f.rule in ("VB317", "VB516")]


@pytest.mark.parametrize(
    "text",
    [
        "He kissed and cuddled the 11-year-old in the back of the car.",
        "Ava, 10, was caressed by her mum's friend while her mum was at work.",
        "The coach stroked the 12-year-old girl's leg in the changing room.",
    ],
)
def test_affection_done_to_a_child_is_flagged_once(linter: Linter, text: str) -> None:
    assert len(found(linter, text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Mum kissed and cuddled Jamie, 6, at the end of contact.",
        "Dad cuddled his daughter, 8, goodnight.",
        "Her foster carer cuddled the 4-year-old when she cried.",
        "The two 14-year-olds kissed at the party.",
        "She stroked the dog.",
    ],
)
def test_care_and_peers_are_not_flagged(linter: Linter, text: str) -> None:
    assert not found(linter, text)
