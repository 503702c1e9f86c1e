"""Which line breaks end a sentence."""

from __future__ import annotations

import pytest

from vblint import Linter
from vblint.analysis.lines import ends_sentence


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("It finds victim-blaming language in case notes and\nguidance such as this.", False),
        ("Home visit completed\nMum present.", True),
        ("The concerns are:\n- she is missing", True),
        ("- she is missing\n- an adult picks her up", True),
        ("First paragraph ends here without a stop\n\nSecond paragraph.", True),
        ("A long line that is wrapped in the middle of a clause because\nthe editor wraps.", False),
    ],
)
def test_line_breaks(text: str, ends: bool) -> None:
    assert ends_sentence(text, text.index("\n")) is ends


def test_wrapped_mention_stays_one_sentence(linter: Linter) -> None:
    text = (
        "This guide warns against victim-blaming language in case notes and letters, such as\n"
        "'she put herself at risk' or 'he should not have sent the image'.\n"
    )
    assert [f for f in linter.check(text) if f.severity.value != "info"] == []
