"""A rewrite never changes what someone's account says, or makes the child the abuser.

"The sex was consensual according to Jade" is Jade's account: rewording it to "abusive" would
falsify the record, so the finding gives advice. What someone else said about consent is the
same. A noun phrase is never replaced by a bare adjective ("an abusive with"), and "abusive"
is never said of what the child is doing.
"""

from __future__ import annotations

import pytest

from vblint import Linter
from vblint.findings import SuggestionKind


def rewrites(linter: Linter, text: str, rule: str) -> list[str]:
    found = [f for f in linter.check(text) if f.rule == rule]
    assert found, f"{rule} did not flag {text!r}"
    finding = found[0]
    assert finding.advice, "a finding with no rewrite still says what to write"
    return [
        text[: finding.start] + s.text + text[finding.end :]
        for s in finding.suggestions
        if s.kind is SuggestionKind.REPLACE
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The sex was consensual according to Jade, who is 14.",
        "Police were told the sex was consensual.",
        "Maya, 14, described a consensual sexual relationship with a 22-year-old.",
    ],
)
def test_an_account_of_consent_is_not_reworded(linter: Linter, text: str) -> None:
    assert rewrites(linter, text, "VB202") == []


def test_the_writer_s_own_words_are_rewritten(linter: Linter) -> None:
    text = "Consensual sexual activity between the 13-year-old and an adult male was disclosed."
    assert rewrites(linter, text, "VB202")[0] == (
        "Abusive sexual activity between the 13-year-old and an adult male was disclosed."
    )


def test_abusive_is_not_said_of_what_the_child_does(linter: Linter) -> None:
    offered = rewrites(linter, "She is engaging in consensual sexual activity.", "VB202")
    assert all("abusive" not in r for r in offered)


def test_a_noun_phrase_keeps_a_noun(linter: Linter) -> None:
    offered = rewrites(linter, "The sexual activity appeared to be mutual.", "VB202")
    assert offered[0] == "The sexual activity appeared to be abusive."
    assert all("sexual abusive" not in r for r in offered)
