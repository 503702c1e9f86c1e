"""Rewrites that give a clause a new subject, or a noun a new phrase, keep the sentence whole."""

from __future__ import annotations

from rewriting import offered, top
from vblint import Linter


def test_a_noun_already_determined_gets_no_second_determiner(linter: Linter) -> None:
    """In "her 25yo [bf]", "the adult who is grooming her" would follow "her"."""
    text = "Ellie-May was with her 25yo bf until 3am."
    rewrites = offered(linter, text, "VB303")
    assert rewrites and not any("25yo the" in r for r in rewrites)
    assert rewrites[0] == "Ellie-May was with her 25yo abuser until 3am."


def test_a_subjectless_adjunct_is_not_handed_to_the_person_responsible(linter: Linter) -> None:
    """After the rewrite "after going to the estate" would be the stabber's act."""
    assert top(linter, "He got himself stabbed after going to the estate.", "VB111") is None
    # The same rule with no such adjunct, and the adjunct kept with the child as subject.
    assert top(linter, "She got herself assaulted by the men at the flat.", "VB111") == (
        "The men assaulted her at the flat."
    )


def test_a_reflexive_parsed_as_the_subject_is_the_child(linter: Linter) -> None:
    assert top(linter, "She was out drinking and got herself raped.", "VB111") == (
        "She was out drinking and [the person who harmed her] raped her."
    )


def test_a_verb_whose_past_is_its_present_keeps_the_sentences_past(linter: Linter) -> None:
    past = top(linter, "You put yourself at risk when you went to his house.", "VB101")
    present = top(linter, "You put yourself at risk when you go to his house.", "VB101")
    assert past == "He put you at risk when you went to his house."
    assert present == "He puts you at risk when you go to his house."


def test_a_preposition_is_not_dropped_before_its_object(linter: Linter) -> None:
    """In "plugging [for] the older boys" the object keeps the word joining it."""
    text = "Bailey (13) has been plugging for the older boys since Easter."
    assert top(linter, text, "VB501") is None
