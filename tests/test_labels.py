"""A label said of the child is rewritten; the same words naming the people around them are not."""

from __future__ import annotations

import pytest

from vblint import Linter
from vblint.findings import SuggestionKind


def gang_label(linter: Linter, text: str) -> list[str | None]:
    """The top replacement of each gang-label finding (None for advice)."""
    out: list[str | None] = []
    for finding in linter.check(text):
        if finding.rule in ("VB456", "VB464"):
            top = next((s for s in finding.suggestions if s.kind is SuggestionKind.REPLACE), None)
            out.append(top.text if top else None)
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Riley is a gang member.",
        "Police list her as a gang nominal.",
        "He is one of the gang members.",
        "He is gang-associated.",
    ],
)
def test_the_childs_own_label_is_flagged(linter: Linter, text: str) -> None:
    assert gang_label(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "Kai is choosing to spend time with gang members.",
        "He has been seen with gang members near the station.",
        "She met gang members at the park.",
        "Gang members collect him from school.",
    ],
)
def test_the_people_around_the_child_are_not_relabelled(linter: Linter, text: str) -> None:
    assert not gang_label(linter, text)


def test_a_participle_said_of_adults_is_about_them(linter: Linter) -> None:
    """In "older males involved in drug supply" the adults are involved, not the child."""
    text = "He has been linked to a number of older males involved in drug supply."
    assert not [f for f in linter.check(text) if f.rule == "VB661"]
    assert [f for f in linter.check("He is a boy involved in drug supply.") if f.rule == "VB661"]
    owned = "There are concerns about his involvement in county lines."
    assert [f for f in linter.check(owned) if f.rule == "VB661"]


def test_wanting_to_do_is_not_rewritten_as_doing(linter: Linter) -> None:
    from rewriting import top

    assert top(linter, "She presents as wanting to be with these men.", "VB106") is None
    assert top(linter, "She chose to go back to the address.", "VB106") == (
        "She went back to the address."
    )


def test_a_child_called_an_adults_partner(linter: Linter) -> None:
    def rules(text: str) -> list[str]:
        return [f.rule for f in linter.check(text)]

    assert "VB316" in rules("She is the older man's partner.")
    assert "VB316" in rules("Chloe, 14, is the 30-year-old's girlfriend.")
    assert "VB316" not in rules("Mum is the man's partner.")
    # With "his" the word is VB303's, and it is flagged once.
    assert rules("Leah, 14, is his girlfriend, and he is 26.").count("VB316") == 0


def test_they_of_an_adult_and_a_child_is_not_rewritten(linter: Linter) -> None:
    """In "They were dating; she was 13 and he was 20", "they" is not the victim."""
    from rewriting import top

    assert (
        top(linter, "They were dating for six months; she was 13 and he was 20.", "VB302") is None
    )
