"""Rewrites agree with the sentence: tense, number, pronouns, capitals, placeholders."""

from __future__ import annotations

import pytest

from vblint import Linter
from vblint.analysis.typos import TypoMatcher, distance


def top(linter: Linter, text: str, rule: str) -> list[str]:
    [finding] = [f for f in linter.check(text) if f.rule == rule]
    return [s.text for s in finding.suggestions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She put herself at risk by meeting him.", "She was at risk from him"),
        (
            "They are putting themselves at risk with older men.",
            "They are at risk from the older men",
        ),
        (
            "He has placed himself in danger with a 30-year-old man.",
            "He has been at risk from the 30-year-old man",
        ),
    ],
)
def test_tense_and_number_agree(linter: Linter, text: str, expected: str) -> None:
    assert expected in top(linter, text, "VB101")


def test_mid_sentence_rewrite_is_not_capitalised(linter: Linter) -> None:
    texts = top(linter, "Staff noted that she put herself at risk.", "VB101")
    assert all(t[0].islower() or t.startswith("[") for t in texts), texts


def test_placeholder_offsets_mark_the_brackets(linter: Linter) -> None:
    [finding] = [
        f for f in linter.check("YP shouldn't have gone to the flat.") if f.rule == "VB102"
    ]
    suggestion = finding.suggestions[0]
    assert suggestion.placeholders
    for p in suggestion.placeholders:
        assert suggestion.text[p.start] == "[" and suggestion.text[p.end - 1] == "]"


def test_edit_distance_counts_transpositions() -> None:
    assert distance("promiscous", "promiscuous", 2) == 1
    assert distance("abcd", "abdc", 2) == 1
    assert distance("prostate", "prostitute", 2) > 2


def test_typo_matcher_ignores_real_words() -> None:
    matcher = TypoMatcher([("promiscuous", "VB900"), ("prostitute", "VB900")])
    assert matcher.closest("promiscous") == "promiscuous"
    assert matcher.closest("prostitue") == "prostitute"


def test_rewrite_of_a_clause_across_lines_is_one_line(linter: Linter) -> None:
    text = "Maya met them and she should not have sent the images\nthey asked for."
    [finding] = [f for f in linter.check(text) if f.rule == "VB102"]
    assert all("\n" not in s.text for s in finding.suggestions)


def test_the_act_a_child_is_involved_in_is_kept() -> None:
    """In "involved in the supply of drugs", what the child is exploited to do is a fact."""
    from vblint.analysis.suggest import _through

    assert _through("involved in the supply of drugs") == "to supply drugs"
    assert _through("involved in the selling of class A drugs") == "to sell class A drugs"
    assert _through("involved in county lines") == "through county lines"
    assert _through("involved in crime") == ""


def test_a_labels_letter_keeps_its_capital() -> None:
    """The "A" of "class A" is a label; only a copied article loses its capital."""
    from vblint.analysis.suggest import _MIDDLE_CAPITAL, _small_after

    text = "exploited to sell class A drugs and The men"
    assert _MIDDLE_CAPITAL.sub(lambda m: _small_after(text, m), text) == (
        "exploited to sell class A drugs and the men"
    )
