"""Every rule's examples run as tests: flag examples flag that rule, pass examples do not,
and no suggestion or example fix itself triggers a rule."""

from __future__ import annotations

from typing import Any

from vblint import Linter, Severity
from vblint.findings import SuggestionKind
from vblint.rules import load_rules

RULES = load_rules()


def pytest_generate_tests(metafunc: Any) -> None:
    if "flag_case" in metafunc.fixturenames:
        cases = [(r.id, ex.text, ex.fix) for r in RULES for ex in r.examples.flag]
        ids = [f"{rid}-flag-{i}" for rid, i in _indexed(cases)]
        metafunc.parametrize("flag_case", cases, ids=ids)
    if "pass_case" in metafunc.fixturenames:
        cases = [(r.id, text) for r in RULES for text in r.examples.pass_]
        ids = [f"{rid}-pass-{i}" for rid, i in _indexed(cases)]
        metafunc.parametrize("pass_case", cases, ids=ids)


def _indexed(cases: list[Any]) -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    out = []
    for case in cases:
        rid = case[0]
        out.append((rid, seen.get(rid, 0)))
        seen[rid] = seen.get(rid, 0) + 1
    return out


def _blocking(linter: Linter, text: str) -> list[str]:
    return [
        f"{f.rule}:{f.text}" for f in linter.check(text) if f.severity.rank >= Severity.WARNING.rank
    ]


def test_flag_example(linter: Linter, flag_case: tuple[str, str, str | None]) -> None:
    rule_id, text, fix = flag_case
    rule = RULES.rules[rule_id]
    if rule.profiles is not None:
        from vblint import Options

        findings = linter.check(text, Options(profile=rule.profiles[0]))
    else:
        findings = linter.check(text)
    mine = [f for f in findings if f.rule == rule_id]
    assert mine, f"{rule_id} did not flag: {text!r}; got {[f.rule for f in findings]}"
    for finding in mine:
        for suggestion in finding.suggestions:
            if suggestion.kind is not SuggestionKind.REPLACE:
                continue
            rewritten = text[: finding.start] + suggestion.text + text[finding.end :]
            assert not _blocking(linter, rewritten), f"suggestion re-triggers: {rewritten!r}"
    if fix is not None:
        assert not _blocking(linter, fix), f"example fix is flagged: {fix!r}"


def test_pass_example(linter: Linter, pass_case: tuple[str, str]) -> None:
    rule_id, text = pass_case
    rule = RULES.rules[rule_id]
    from vblint import Options

    options = Options(profile=rule.profiles[0]) if rule.profiles else None
    found = [f for f in linter.check(text, options) if f.rule == rule_id]
    assert not found, f"{rule_id} flagged a pass example: {text!r} -> {[f.text for f in found]}"


def test_every_rule_has_both_kinds_of_example() -> None:
    for rule in RULES:
        assert rule.examples.flag and rule.examples.pass_, rule.id
