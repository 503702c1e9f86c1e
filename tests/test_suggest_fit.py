"""Word-swap suggestions are ordered to fit the matched form: number, article, kept words."""

from __future__ import annotations

import pytest

from vblint import Linter


def first_suggestion(linter: Linter, text: str, rule: str) -> str:
    found = [f for f in linter.check(text) if f.rule == rule]
    assert found, f"{rule} did not flag {text!r}"
    return found[0].suggestions[0].text


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        ("She is a child prostitute.", "VB402", "is a sexually exploited child"),
        ("Police met two child prostitutes.", "VB402", "sexually exploited children"),
        ("She had thoughts of committing suicide.", "VB415", "ending her life"),
        ("The men targeted teenage prostitutes.", "VB402", "sexually exploited children"),
        ("Police dispersed a group of youths.", "VB424", "children"),
        ("He disclosed historical child sexual abuse.", "VB417", "non-recent child sexual abuse"),
        ("Mum made historic allegations about him.", "VB417", "non-recent allegations"),
    ],
)
def test_swap_fits_the_matched_form(linter: Linter, text: str, rule: str, expected: str) -> None:
    assert first_suggestion(linter, text, rule) == expected


def test_clause_rewrites_keep_the_rule_order(linter: Linter) -> None:
    first = first_suggestion(linter, "She put herself at risk.", "VB101")
    assert first.endswith("put her at risk")
