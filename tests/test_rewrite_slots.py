"""A replacement fits the slot it stands in: its tense, its phrase type, the child's age.

"Sexually active" is rewritten with its clause, in the clause's tense ("has been sexually
abused or exploited by two adult males over the summer"); a gerund the small model tags as an
adjective still takes a gerund ("caught sharing nudes and semi-nudes"); an age written
"Ruby, aged 15," stays beside the name.
"""

from __future__ import annotations

import pytest

from rewriting import offered, top
from vblint import Linter


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "Ellie, 12, has been sexually active with two adult males over the summer.",
            "VB205",
            "There are concerns that Ellie, 12, has been sexually abused or exploited by two"
            " adult males over the summer.",
        ),
        (
            "Ruby, aged 15, is sexually active with a 24-year-old.",
            "VB205",
            "There are concerns that Ruby, aged 15, is sexually abused or exploited by a"
            " 24-year-old.",
        ),
        (
            "Parents could face prosecution if their children are caught sexting.",
            "VB406",
            "Parents could face prosecution if their children are caught sharing nudes and"
            " semi-nudes.",
        ),
        (
            "She has been spending time with older men at the takeaway.",
            "VB306",
            "She has been exploited by the older men at the takeaway.",
        ),
        (
            "Why didn't they leave sooner?",
            "VB104",
            "What did [the person who harmed them] do to stop them leaving sooner?",
        ),
        (
            "What did she do wrong in this scenario?",
            "VB112",
            "What did the person who abused her do in this scenario?",
        ),
        (
            "YP has been involved in county lines since the summer.",
            "VB661",
            "YP has been criminally exploited through county lines since the summer.",
        ),
    ],
)
def test_the_rewrite_fits_its_slot(linter: Linter, text: str, rule: str, expected: str) -> None:
    assert top(linter, text, rule) == expected


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Why did she get in the car if she knew he was dangerous?", "VB104"),  # not "stop"
    ],
)
def test_no_rewrite_where_no_wording_fits(linter: Linter, text: str, rule: str) -> None:
    assert top(linter, text, rule) is None


def test_a_verb_gerund_keeps_its_own_wording(linter: Linter) -> None:
    """ "doing it for attention" is a verb phrase: "attention needing" does not stand in it."""
    assert top(linter, "Carers think she is doing it for attention.", "VB601") == (
        "Carers think she is seeking connection."
    )


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "He continues to go back to his exploiters.",
            "VB805",
            "He is being controlled by his exploiters.",
        ),
        (
            "Jordan continues to place himself at risk of exploitation.",
            "VB101",
            "[The person who harmed Jordan] puts Jordan at risk of exploitation.",
        ),
    ],
)
def test_an_infinitive_takes_the_tense_of_the_verb_it_follows(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    """ "Continues to go back": the clause is in the present, so the rewrite is too."""
    assert top(linter, text, rule) == expected


def test_the_means_hung_on_the_adjective_the_child_is_made_is_kept(linter: Linter) -> None:
    text = "He is making himself vulnerable by staying out overnight with people he has met online."
    assert top(linter, text, "VB101") == (
        "He is at risk when he stays out overnight with people he has met online."
    )


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("She is at risk of exploitation when she stays out overnight.", False),
        ("She stays out overnight when she is at risk.", True),
        ("She stayed out overnight.", True),
    ],
)
def test_staying_out_is_not_conduct_in_a_sentence_about_the_risk(
    linter: Linter, text: str, flagged: bool
) -> None:
    assert any(f.rule == "VB124" for f in linter.check(text)) is flagged


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (  # the parse splits "sex" from its "with": the noun is still the phrase's head
            "He was convicted of sex with a minor in 2019.",
            "VB206",
            "He was convicted of child sexual abuse in 2019.",
        ),
        (  # only the child ending the abuse gives them a power they did not have
            "The charity works to end child prostitution.",
            "VB403",
            "The charity works to end sexual exploitation of children.",
        ),
    ],
)
def test_a_noun_for_a_noun_in_its_own_slot(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    assert top(linter, text, rule) == expected


def test_what_was_posted_is_the_images_not_the_abuse(linter: Linter) -> None:
    text = "Holly, 16, is upset because her ex posted revenge porn of her on a group chat."
    assert top(linter, text, "VB409") == (
        "Holly, 16, is upset because her ex posted intimate images of her on a group chat."
    )


def test_a_child_is_the_victim_of_an_act_not_of_images(linter: Linter) -> None:
    text = "Lexi, 15, was the victim of revenge porn posted by a 20-year-old."
    assert "victim of intimate images" not in " ".join(offered(linter, text, "VB409"))


def test_the_childs_supposed_terms_are_not_carried_into_the_abusers_act(linter: Linter) -> None:
    text = "Skye, aged 14, was happy to have sex with the men as long as they gave her vodka."
    rewrites = offered(linter, text, "VB301")
    assert not any("as long as" in r or "happy to be" in r for r in rewrites)


def test_a_relative_clause_is_not_rewritten_as_a_main_clause(linter: Linter) -> None:
    text = "She is a frequent missing person who appears to willingly expose herself to danger."
    assert offered(linter, text, "VB101") == []


def test_the_child_is_not_asked_for_where_the_sentence_calls_her_her(linter: Linter) -> None:
    text = "Her being in care made her an easy target and that is why the exploitation happened."
    assert not any("the child" in r for r in offered(linter, text, "VB802"))
