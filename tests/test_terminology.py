"""Terminology packs: clinical words stay clean, legitimate contexts pass, quotes downgrade."""

from __future__ import annotations

import pytest

from vblint import Linter, Options, Severity


def blocking(linter: Linter, text: str, options: Options | None = None) -> list[str]:
    return [f.rule for f in linter.check(text, options) if f.severity.rank >= Severity.WARNING.rank]


@pytest.mark.parametrize(
    "text",
    [
        "The abuse was reported to the police.",
        "He was convicted of sexual abuse and of making indecent images of children.",
        "He showed her pornography on his phone.",
        "Police seized child sexual abuse material.",
        "The Domestic Abuse Act 2021 applies.",
    ],
)
def test_clinical_and_legal_words_are_never_flagged(linter: Linter, text: str) -> None:
    assert linter.check(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # Section 5 of the domain reference: the contexts where a term is fine.
        "He absconded from secure accommodation and was returned by police.",
        "The court made an order for contact with his father under section 34.",
        "The placement plan was agreed at the statutory review.",
        "The Optional Protocol on the sale of children, child prostitution and child "
        "pornography is cited in the report.",
        "The LADO investigation concluded that the allegation was malicious.",
        "Support is offered to victims, alleged perpetrators and other children.",
        "We recruited two new youth workers this year.",
        "Information exchange between agencies is essential.",
    ],
)
def test_fine_when_contexts_pass(linter: Linter, text: str) -> None:
    assert blocking(linter, text, Options(profile="policy")) == []


def test_child_facing_words_only_apply_to_child_facing_writing(linter: Linter) -> None:
    text = "Your contact with your mum will move to Saturdays."
    assert "VB702" not in blocking(linter, text, Options(profile="letter"))
    assert "VB702" in blocking(linter, text, Options(profile="child-facing"))


def test_quoted_words_are_downgraded_with_a_framing_prompt(linter: Linter) -> None:
    findings = [f for f in linter.check('Maya said: "I am just streetwise."') if f.rule == "VB555"]
    assert findings and findings[0].severity is Severity.INFO
    assert "quoted" in findings[0].context


def test_sexting_is_a_warning_unless_the_term_is_talked_about(linter: Linter) -> None:
    verb = [f for f in linter.check("YP has been sexting an older male.") if f.rule == "VB407"]
    noun = [f for f in linter.check("The school has a sexting policy.") if f.rule == "VB406"]
    renamed = "This term has been changed from sexting to make it clearer."
    assert verb and verb[0].severity is Severity.WARNING
    assert noun and noun[0].severity is Severity.WARNING
    assert not [f for f in linter.check(renamed) if f.severity is not Severity.INFO]
