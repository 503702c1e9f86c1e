"""Rule packs are validated on load; broken packs name the file and the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from vblint import Linter
from vblint.findings import Category
from vblint.rules import RulePackError, load_rules

GOOD = """
pack: local
description: An organisation's own rules.
ids: [900, 909]
rules:
  - id: VB901
    name: local.naughty
    category: character-judgement
    severity: warning
    message: "'{match}' judges the child."
    explanation: A label, not a description.
    source: Practice guidance (no authoritative UK source)
    match:
      - phrase: naughty
    suggest: ["describe what happened"]
    examples:
      flag: [{text: "She is a naughty girl."}]
      pass: ["He described what happened."]
"""


def write_pack(tmp_path: Path, text: str) -> Path:
    directory = tmp_path / "packs"
    directory.mkdir()
    (directory / "local.yaml").write_text(text, encoding="utf-8")
    return directory


def test_builtin_packs_load_with_unique_ids_and_every_category() -> None:
    rules = load_rules()
    assert len(rules) >= 30
    assert {r.category for r in rules} >= {
        Category.RESPONSIBILITY_SHIFTING,
        Category.CONSENT_IMPLYING,
        Category.MUTUALISING,
        Category.AGENT_DELETING,
    }
    for rule in rules:
        assert rule.source.strip(), rule.id
        assert rule.examples.flag and rule.examples.pass_, rule.id


def test_organisation_pack_is_loaded_and_used(tmp_path: Path) -> None:
    directory = write_pack(tmp_path, GOOD)
    linter = Linter(extra_packs=[directory])
    assert "VB901" in [f.rule for f in linter.check("She is a naughty girl.")]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("severity: warning", "severity: loud"), "VB901: severity"),
        (("    suggest:", "    colour: red\n    suggest:"), "VB901: colour: Extra inputs"),
        (("id: VB901", "id: VB9011"), "id: String should match"),
        (("ids: [900, 909]", "ids: [950, 959]"), "VB901: id outside this pack's range"),
        (('      pass: ["He described what happened."]\n', ""), "VB901: examples.pass"),
        (("- phrase: naughty", "- pattern: [{LOWER: {IN: $nosuchlist}}]"), "unknown lexicon"),
        (("- phrase: naughty", "- pattern: [{LOWR: naughty}]"), "VB901: match[0]"),
        (("rules:", "rules: [\n"), "not valid YAML"),
    ],
)
def test_broken_pack_names_file_rule_and_problem(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    directory = write_pack(tmp_path, GOOD.replace(*change))
    with pytest.raises(RulePackError) as info:
        Linter(extra_packs=[directory])
    message = str(info.value)
    assert "local.yaml" in message
    assert expected in message


def test_organisation_ids_stay_in_their_range(tmp_path: Path) -> None:
    clash = GOOD.replace("VB901", "VB101").replace("ids: [900, 909]", "ids: [100, 109]")
    directory = write_pack(tmp_path, clash)
    with pytest.raises(RulePackError, match="VB101: an organisation's own rules use ids"):
        load_rules([directory])


def test_clashing_id_is_refused(tmp_path: Path) -> None:
    first = write_pack(tmp_path, GOOD)
    second = tmp_path / "more"
    second.mkdir()
    (second / "other.yaml").write_text(GOOD.replace("local.naughty", "local.other"), "utf-8")
    with pytest.raises(RulePackError, match="VB901: id is used by another rule"):
        load_rules([first, second])
