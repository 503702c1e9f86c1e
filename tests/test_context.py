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
