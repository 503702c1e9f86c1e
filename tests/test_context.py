"""Agency, negation, mention, idiom and quoted speech, on the real parser."""

from __future__ import annotations

import pytest

from vblint import Linter, Severity


def rules(linter: Linter, text: str) -> list[str]:
    return [f.rule for f in linter.check(text) if f.severity.rank >= Severity.WARNING.rank]


@pytest.mark.parametrize(
    "text",
    [
        "She put herself at risk.",
        "She should not have sent the image.",
        "YP shouldn't have gone to his flat.",
    ],
)
def test_child_as_agent_is_flagged(linter: Linter, text: str) -> None:
    assert rules(linter, text)


@pytest.mark.parametrize(
    "text",
    [
        "He put her at risk.",
        "She should not have been sent the image.",
        "Staff should not have shared it.",
        "Nothing suggests she put herself at risk.",
        "Avoid phrases such as 'put themselves at risk'.",
        "Telling a child that they should not have sent the image is victim blaming.",
        "He put himself forward for the role.",
        "She placed herself on the waiting list.",
        "She made herself a cup of tea.",
    ],
)
def test_not_flagged(linter: Linter, text: str) -> None:
    assert rules(linter, text) == []


def test_quoted_speech_is_evidence_not_rewritten(linter: Linter) -> None:
    text = 'Maya said "I put myself at risk, it was my fault".'
    findings = [f for f in linter.check(text) if f.rule == "VB101"]
    assert findings, "the quote should still get an info note"
    for f in findings:
        assert f.severity is Severity.INFO
        assert "quoted" in f.context
        assert all(s.kind.value == "frame" for s in f.suggestions)


def test_rewrite_names_the_person_responsible(linter: Linter) -> None:
    [f] = [f for f in linter.check("She put herself at risk by meeting him.") if f.rule == "VB101"]
    texts = [s.text for s in f.suggestions]
    assert texts[0] == "He put her at risk by arranging to meet her"
    assert "He put her at risk" in texts
    assert "She was at risk from him" in texts


def test_rewrite_without_named_person_has_placeholder(linter: Linter) -> None:
    [f] = [f for f in linter.check("They keep putting themselves at risk.") if f.rule == "VB101"]
    with_placeholder = [s for s in f.suggestions if s.placeholders]
    assert with_placeholder
    s = with_placeholder[0]
    p = s.placeholders[0]
    assert s.text[p.start : p.end] == f"[{p.label}]"
    assert "them" in p.label


def test_runs_of_spaces_do_not_split_a_phrase(linter: Linter) -> None:
    assert "VB101" in rules(linter, "She   put herself   at risk.")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("She did not struggle, so it cannot have been rape.", "VB523"),
        ("Staff did not call the police and she put herself at risk again.", "VB101"),
    ],
)
def test_a_clause_of_its_own_is_not_under_the_other_clauses_not(
    linter: Linter, text: str, rule: str
) -> None:
    """ "Did not struggle" negates its own clause; the one after "so" (or with its own subject)
    still says what it says."""
    assert rule in {f.rule for f in linter.check(text)}


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # "who" is the person, and "She is a person who ..." makes the person the child
        ("She is a frequent missing person who appears to expose herself to danger.", True),
        # an adult noun says who it is: the linking verb's subject is not taken for it
        ("He is a man who put himself at risk.", False),
    ],
)
def test_a_relative_clause_on_a_linked_noun_refers_to_the_subject(
    linter: Linter, text: str, flagged: bool
) -> None:
    assert any(f.rule == "VB101" for f in linter.check(text)) is flagged


def test_consent_inferred_about_a_victim_is_flagged_at_any_age(linter: Linter) -> None:
    text = "The victim didn't scream, fight or protest so must have been consenting."
    assert any(f.rule == "VB201" for f in linter.check(text))
    assert not any(f.rule == "VB201" for f in linter.check("The victim consented to a referral."))


def test_what_some_of_a_group_said_is_their_view_not_the_writers(linter: Linter) -> None:
    review = (
        "Some police said that if young people were not prepared to help themselves by making"
        " complaints, they would take no further action."
    )
    found = [f for f in linter.check(review) if f.rule == "VB123"]
    assert found and all(f.severity is Severity.INFO and "reported" in f.context for f in found)
    note = "PC Evans said that she was not prepared to help herself."
    assert any(f.rule == "VB123" and f.severity is Severity.ERROR for f in linter.check(note))


@pytest.mark.parametrize(
    ("text", "rule", "flagged"),
    [
        # The police a referral goes to are not the ones "involved in" the exploitation.
        (
            "Where a child is suspected to be involved in sexual exploitation, a referral"
            " should be made to the police.",
            "VB660",
            True,
        ),
        ("Police officers involved in CSE work met on Monday.", "VB660", False),
        ("Agencies involved in county lines work met the school.", "VB661", False),
        # A clause of time or condition is not what the main verb makes happen.
        (
            "She was made to watch while her 14-year-old sister had sex with them.",
            "VB301",
            True,
        ),
        ("He made her have sex with his friend.", "VB301", False),
    ],
)
def test_the_clause_is_what_counts(linter: Linter, text: str, rule: str, flagged: bool) -> None:
    assert (rule in rules(linter, text)) is flagged


def test_a_belief_that_is_reported_however_it_parses(linter: Linter) -> None:
    # The small parser hangs "may be lying" under the relative clause, not under "belief".
    text = (
        "The directions aim to counter the commonly held belief that a woman who did not"
        " struggle against her attacker or immediately report it may be lying."
    )
    found = [f for f in linter.check(text) if f.rule == "VB616"]
    assert all(f.severity is Severity.INFO and "reported" in f.context for f in found)
    assert "VB616" in rules(linter, "She did not report it at once, so she may be lying.")


def test_a_school_term_is_not_talk_about_a_term(linter: Linter) -> None:
    """The school's "this term" and "the summer term" are not a word being discussed."""
    flagged = rules(linter, "The school has had three cases of peer-on-peer abuse this term.")
    assert "VB411" in flagged
    assert "VB411" in rules(linter, "In the summer term there was peer-on-peer abuse in Year 9.")
    assert not rules(linter, "Please avoid this term: peer-on-peer abuse.")
