"""Rewrites name the person responsible from the sentence itself, and stay good English.

"Sexual activity took place between X and Y" and "the 45-year-old had sex with a girl" both
name the adult; a rewrite says what the adult did to the child, with every name and age kept.
Where no wording fits the sentence, none is offered (advice instead), never broken English.
"""

from __future__ import annotations

import pytest

from rewriting import offered, top
from vblint import Linter
from vblint.findings import SuggestionKind


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "The 15-year-old and her youth leader, who is 29, had been sleeping together for"
            " months.",
            "VB301",
            "Her youth leader, who is 29, had been sexually abusing the 15-year-old for months.",
        ),
        (
            "The rape occurred at the stepfather's flat in July.",
            "VB802",
            "The stepfather raped the child at his flat in July.",
        ),
        (
            "Sienna, 15, is in a relationship with her former foster carer's son, who is 26.",
            "VB302",
            "Her former foster carer's son, who is 26, is grooming Sienna, 15.",
        ),
        (
            "Ruby, 13, is dating an adult male called Dean.",
            "VB302",
            "The adult male called Dean is grooming Ruby, 13.",
        ),
        (
            "She met an online friend at the station.",
            "VB519",
            "She met a person she only knows online at the station.",
        ),
        (
            "Tyler's online friend, who he has never met, sent him money for pictures.",
            "VB519",
            "Tyler's online contact, who he has never met, sent him money for pictures.",
        ),
        (
            "Sexual contact occurred between Jordan (13) and his football coach.",
            "VB802",
            "His football coach sexually abused Jordan (13).",
        ),
        (
            "An incident of a sexual nature occurred between Mr Lee and Kacey, 13.",
            "VB802",
            "Mr Lee sexually abused Kacey, 13.",
        ),
        (
            "Sexual activity took place between the 15-year-old and the 32-year-old man.",
            "VB802",
            "The 32-year-old man sexually abused the 15-year-old.",
        ),
        (
            "The 45-year-old had sex with a 14-year-old girl.",
            "VB301",
            "The 45-year-old sexually abused a 14-year-old girl.",
        ),
        (
            "Her uncle had sex with her when she was 12.",
            "VB301",
            "Her uncle sexually abused her when she was 12.",
        ),
    ],
)
def test_the_adult_the_sentence_names_is_the_one_who_did_it(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    rewrites = offered(linter, text, rule)
    assert rewrites[:1] == [expected]
    assert not any("[" in r for r in rewrites), "a placeholder asks for a person already named"


@pytest.mark.parametrize(
    ("text", "rule", "bad"),
    [
        ("He became involved in county lines after moving schools.", "VB661", "became being"),
        ("A teacher abducted and had sex with a 15-year-old pupil.", "VB301", None),
        ("The school dealt with a sexting incident last term.", "VB406", "a sharing"),
    ],
)
def test_no_rewrite_that_breaks_the_sentence_or_drops_an_act(
    linter: Linter, text: str, rule: str, bad: str | None
) -> None:
    rewrites = offered(linter, text, rule)
    if bad is None:  # the adult's other act ("abducted") must survive any rewrite
        assert all("abducted" in r for r in rewrites), rewrites
    else:
        assert not any(bad in r for r in rewrites), rewrites


def test_the_article_goes_with_the_noun_it_came_with(linter: Linter) -> None:
    rewrites = offered(linter, "The paedophile groomed a 15-year-old girl online.", "VB410")
    assert rewrites[0] == "The child sexual offender groomed a 15-year-old girl online."


def test_a_wording_may_repeat_its_own_words(linter: Linter) -> None:
    rewrites = offered(linter, "Sexting is common among Year 9 pupils.", "VB406")
    assert "Sharing nudes and semi-nudes is common among Year 9 pupils." in rewrites


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # "has grooming": a verb form that does not follow its auxiliary.
        (
            "Poppy (13) has been seeing a man in his twenties who she met at the bus station.",
            "VB302",
        ),
        # "have been being forced".
        ("The 15-year-old was found to have been plugging drugs for the line.", "VB501"),
        # The partner is the child here: "a willing sexual abuser" would describe her.
        (
            "The victim is in a relationship with the alleged offender and is therefore a"
            " willing sexual partner.",
            "VB303",
        ),
        # A role the child was used as is not filled by what was done to them ("to act as a
        # criminally exploited child").
        (
            "A county lines dealer has been jailed for exploiting a 14-year-old boy to act as a"
            " drug runner in Essex.",
            "VB453",
        ),
        ("The gang used local boys as drug runners.", "VB453"),
        # "older" said the boyfriend was older than the child; "her older abuser" says nothing,
        # and what he owns cannot be rebuilt around an adjective ("new flat").
        ("She spends weekends at her older boyfriend's new flat.", "VB303"),
        # "a children who are ...": an article on a plural.
        ("The bank says she is a money mule who moved cash.", "VB455"),
        # The noun's conjunct would hang on a verb: "being sexually exploited and other forms".
        (
            "Children involved in prostitution and other forms of commercial sexual"
            " exploitation should be treated as the victims of abuse.",
            "VB660",
        ),
        # The children would become the ones who exploit: "children who sexually exploited".
        (
            "The vast majority of children who enter sexually exploitative relationships do so"
            " as a result of coercion.",
            "VB660",
        ),
        # What a child "should have known" is blame of its own: no act to say was stopped.
        ("She should have known better.", "VB105"),
        # "appeared to go" says nothing once "willingly" goes.
        ("Mia got into a car with two older men; she appeared to go willingly.", "VB208"),
        # The child's other act ("going missing") is a fact the clause rewrite would drop.
        ("Amira has been going missing and putting herself at risk of exploitation.", "VB101"),
        # "criminally exploited" said twice in one sentence.
        (
            "There are concerns that Josh is being criminally exploited; he is running drugs"
            " for a line.",
            "VB463",
        ),
        # Words in single quotation marks are the sentence's own: "being criminally exploited'".
        (
            "A review of 13 teenage boys involved in \u2018county lines\u2019 drug selling networks"
            " found trauma.",
            "VB661",
        ),
    ],
)
def test_a_rewrite_that_does_not_fit_its_neighbours_is_not_offered(
    linter: Linter, text: str, rule: str
) -> None:
    assert offered(linter, text, rule) == []


def test_a_counted_acronym_takes_the_plural(linter: Linter) -> None:
    rewrites = offered(linter, "There are three LAC in Year 7.", "VB416")
    assert rewrites and all("three children" in r for r in rewrites), rewrites


def test_a_witness_is_never_taken_for_the_person_who_did_it(linter: Linter) -> None:
    text = (
        "It was obvious to her and other staff who witnessed it that sexual activity was going on."
    )
    assert not any(" she sexually" in r for r in offered(linter, text, "VB802"))


def test_the_prompt_names_the_child_without_their_age(linter: Linter) -> None:
    rewrites = offered(
        linter, "Harvey, 15, agreed to carry the drugs in return for money.", "VB203"
    )
    assert rewrites and rewrites[0].startswith("[The person who harmed Harvey]"), rewrites


def test_the_number_the_writer_gave_the_child_is_kept(linter: Linter) -> None:
    text = "CYP are putting themselves at risk of CSE by attending parties at the address."
    rewrites = offered(linter, text, "VB101")
    assert rewrites[0] == "CYP are at risk of CSE when they attend parties at the address."


def test_a_perfect_progressive_keeps_both_auxiliaries(linter: Linter) -> None:
    rewrites = offered(linter, "Kacey has been putting herself in risky situations.", "VB101")
    assert "Kacey has been at risk from [the person who harmed Kacey]." in rewrites
    assert not any("Kacey has at" in r for r in rewrites)


def test_a_child_named_by_age_keeps_the_whole_phrase(linter: Linter) -> None:
    rewrites = offered(linter, "The 13-year-old put herself at risk by meeting him.", "VB101")
    assert rewrites[0] == "He put the 13-year-old at risk by arranging to meet her."


def test_the_other_pronoun_harming_the_child_is_the_one_named(linter: Linter) -> None:
    """ "When he raped her": "he" did it, so no placeholder asks who (the model's lemma of
    "raped" is "rap"; the verb is read by its inflections too)."""
    rewrites = offered(linter, "She did not struggle when he raped her.", "VB204")
    assert rewrites[0] == "She was unable to stop him when he raped her."


@pytest.mark.parametrize(
    ("text", "rule", "expected"),
    [
        (
            "Jade, 14, has had sex with several older men she met through her cousin.",
            "VB301",
            "Several older men she met through her cousin have sexually abused Jade, 14.",
        ),
        (
            "Leah, 14, is in a relationship with a 27-year-old man from Leeds.",
            "VB302",
            "A 27-year-old man from Leeds is grooming Leah, 14.",
        ),
    ],
)
def test_the_verb_agrees_with_the_head_of_the_persons_description(
    linter: Linter, text: str, rule: str, expected: str
) -> None:
    """ "Men she met through her cousin": "men", not "cousin", sets the verb's number."""
    assert offered(linter, text, rule)[0] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mollie, 14, went along with what the men wanted.",
            "Mollie, 14, was unable to stop the men.",
        ),
        (
            "The 11-year-old was happy to go along with what her uncle wanted.",
            "The 11-year-old was unable to stop her uncle.",
        ),
    ],
)
def test_the_person_whose_wishes_the_child_went_along_with_is_named(
    linter: Linter, text: str, expected: str
) -> None:
    # the free relative is replaced with the words before it, so nothing of it is left behind
    assert top(linter, text, "VB204") == expected


def test_the_other_person_named_in_full_is_not_a_repetition(linter: Linter) -> None:
    # "them" were the men named earlier: naming them again is what the rewrite is for.
    text = (
        "She described being taken to a hotel by some men and being made to watch while her"
        " 14-year-old sister had sex with them."
    )
    rewrites = offered(linter, text, "VB301")
    assert rewrites[:1] == [
        "She described being taken to a hotel by some men and being made to watch while the"
        " men sexually abused her 14-year-old sister."
    ], rewrites


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The aside in brackets after a name stays with it, whole; the verb agrees with the
        # pronoun the child is named by ("when they meet", not "meets").
        (
            "Sam (they/them) is putting themself at risk when meeting adults from Discord.",
            "Sam (they/them)",
        ),
        ("YP (Child A) is putting herself at risk by going to the flat.", "YP (Child A)"),
    ],
)
def test_an_aside_after_a_name_is_kept_whole(linter: Linter, text: str, expected: str) -> None:
    rewrites = offered(linter, text, "VB101")
    assert rewrites, text
    assert all(expected in r for r in rewrites), rewrites
    assert not any(" meets " in r for r in rewrites), rewrites


def test_the_things_sent_are_not_the_person_responsible(linter: Linter) -> None:
    """In "sent them to someone", "them" is the photos: no "They pressured her"."""
    text = "She shouldn't have sent them to someone she met online."
    (finding,) = [f for f in linter.check(text) if f.rule == "VB102"]
    tops = [s.text for s in finding.suggestions if s.kind is SuggestionKind.REPLACE]
    assert tops and not tops[0].startswith("They ")
    assert tops[0].startswith("[The person who harmed her] pressured her into sending them")


def test_what_the_child_is_called_is_not_the_person_responsible(linter: Linter) -> None:
    """In "He is a young man now" the man is the child himself, not who controls him."""
    for finding in linter.check("He is a young man now and makes his own decisions."):
        for suggestion in finding.suggestions:
            assert "by the young man" not in suggestion.text
