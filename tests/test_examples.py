"""Every rule's examples run as tests.

Each ``flag`` example must produce that rule; each ``pass`` example must not; a suggestion
substituted into its example must not introduce a new warning or error. Every flag example
records the exact sentence its top rewrite gives (``fix``), or ``advice`` where no rewrite is
offered, and the engine must produce exactly that (like sqlfluff's ``fix_str``);
``scripts/write_fixes.py`` writes them for review.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from vblint import Linter, Options, Severity
from vblint.findings import SuggestionKind
from vblint.rules import Rule, load_rules

RULES = load_rules()


def pytest_generate_tests(metafunc: Any) -> None:
    if "flag_case" in metafunc.fixturenames:
        cases = [(r.id, ex.text, ex.fix) for r in RULES for ex in r.examples.flag]
        metafunc.parametrize("flag_case", cases, ids=_ids(cases, "flag"))
    if "pass_case" in metafunc.fixturenames:
        cases = [(r.id, text, None) for r in RULES for text in r.examples.pass_]
        metafunc.parametrize("pass_case", cases, ids=_ids(cases, "pass"))


def _ids(cases: list[tuple[str, str, str | None]], kind: str) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for rule_id, _, _ in cases:
        ids.append(f"{rule_id}-{kind}-{seen.get(rule_id, 0)}")
        seen[rule_id] = seen.get(rule_id, 0) + 1
    return ids


def _options(rule: Rule) -> Options | None:
    """Profile-limited rules are exercised under their first profile."""
    return Options(profile=rule.profiles[0]) if rule.profiles else None


def _alone(rule: Rule) -> Options:
    """Only this rule: another rule saying the same of the same words would stand in for it."""
    return Options.make(select=[rule.id], profile=rule.profiles[0] if rule.profiles else None)


def _blocking(linter: Linter, text: str, options: Options | None = None) -> list[str]:
    return [f.rule for f in linter.check(text, options) if f.severity.rank >= Severity.WARNING.rank]


def test_flag_example(linter: Linter, flag_case: tuple[str, str, str | None]) -> None:
    rule_id, text, fix = flag_case
    options = _options(RULES.rules[rule_id])
    findings = linter.check(text, _alone(RULES.rules[rule_id]))
    mine = [f for f in findings if f.rule == rule_id]
    assert mine, f"{rule_id} did not flag: {text!r}; got {[f.rule for f in findings]}"
    before = Counter(_blocking(linter, text, options))
    for finding in mine:
        for suggestion in finding.suggestions:
            if suggestion.kind is not SuggestionKind.REPLACE:
                continue
            rewritten = text[: finding.start] + suggestion.text + text[finding.end :]
            after = Counter(_blocking(linter, rewritten, options))
            introduced = sorted((after - before).elements())
            assert not introduced, f"suggestion triggers {introduced}: {rewritten!r}"
    assert fix is not None, f"{rule_id}: every flag example records its fix (or 'advice')"
    first = mine[0]
    top = next((s for s in first.suggestions if s.kind is SuggestionKind.REPLACE), None)
    if fix == "advice":
        assert top is None, f"{rule_id} now offers {top.text!r} for {text!r}" if top else ""
        assert first.advice, f"{rule_id} offers neither a rewrite nor advice for {text!r}"
        return
    assert top is not None, f"{rule_id} no longer offers a rewrite for {text!r}"
    assert text[: first.start] + top.text + text[first.end :] == fix
    assert rule_id not in _blocking(linter, fix, options), f"example fix is flagged: {fix!r}"


def test_every_rule_with_templates_shows_a_rewrite_in_its_examples() -> None:
    with_templates = [r for r in RULES if r.suggest]
    shown = [
        r for r in with_templates if any(ex.fix not in (None, "advice") for ex in r.examples.flag)
    ]
    assert len(shown) == len(with_templates), sorted(r.id for r in with_templates if r not in shown)
    rewritten = sum(1 for r in RULES for ex in r.examples.flag if ex.fix not in (None, "advice"))
    assert rewritten >= 300, rewritten


def test_pass_example(linter: Linter, pass_case: tuple[str, str, None]) -> None:
    rule_id, text, _ = pass_case
    found = [f for f in linter.check(text, _options(RULES.rules[rule_id])) if f.rule == rule_id]
    assert not found, f"{rule_id} flagged a pass example: {text!r} -> {[f.text for f in found]}"


def test_every_rule_has_both_kinds_of_example() -> None:
    for rule in RULES:
        assert rule.examples.flag and rule.examples.pass_, rule.id
