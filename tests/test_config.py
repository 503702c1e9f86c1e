"""Configuration files: discovery, validation, and every key doing what it says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import Cli

from orgpack import write_pack
from vblint.config import ConfigError, Finder, load

NOTE = "Jade put herself at risk by meeting him at the flat.\n"


def _rules(out: str) -> dict[str, list[tuple[str, str]]]:
    return {
        Path(item["path"]).name: [(f["rule"], f["severity"]) for f in item["findings"]]
        for item in json.loads(out)["files"]
    }


def test_nearest_config_wins_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.vblint]\nignore = ["VB102"]\n')
    inner = tmp_path / "team" / "notes"
    inner.mkdir(parents=True)
    (tmp_path / "team" / ".vblint.toml").write_text('select = ["VB101"]\n')
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    finder = Finder()
    assert finder.for_path(inner / "a.md").settings.select == ["VB101"]
    outer = finder.for_path(tmp_path / "other" / "b.md")
    assert outer.settings.ignore == ["VB102"] and outer.path == tmp_path / "pyproject.toml"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[tool.vblint]\nselectt = ['VB101']\n", "tool.vblint.selectt: unknown key"),
        ("[tool.vblint]\nfail-on = 'sometimes'\n", "tool.vblint.fail-on: Input should be"),
        ("[tool.vblint]\nseverity = {VB101 = 'loud'}\n", "tool.vblint.severity.VB101"),
        ("[tool.vblint]\nselect = 'VB101'\n", "tool.vblint.select: Input should be a valid list"),
        ("[tool.vblint\n", "not valid TOML"),
    ],
)
def test_bad_config_names_file_and_key(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_bad_config_exits_2_with_one_line(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / ".vblint.toml").write_text("profile = 'toddler'\n")
    note = tmp_path / "a.txt"
    note.write_text(NOTE)
    code, out, err = cli("check", str(note))
    assert code == 2 and out == ""
    assert err.startswith(f"vblint: error: {tmp_path / '.vblint.toml'}: profile:")
    assert len(err.strip().splitlines()) == 1


def test_unknown_rule_in_config_is_an_error(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / ".vblint.toml").write_text('ignore = ["VB1O1"]\n')
    note = tmp_path / "a.txt"
    note.write_text(NOTE)
    code, _, err = cli("check", str(note))
    assert code == 2 and "ignore: unknown rule, name or category: vb1o1" in err


def test_severity_overrides_per_file_ignores_and_fail_on(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.vblint]\n"
        'severity = {VB101 = "warning", "responsibility-shifting" = "info"}\n'
        'fail-on = "error"\n'
        '[tool.vblint.per-file-ignores]\n"archive/*.md" = ["VB101"]\n'
    )
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "old.md").write_text(NOTE)
    (tmp_path / "new.md").write_text(NOTE + "She should not have sent the images.\n")
    code, out, _ = cli("check", "--format", "json", str(tmp_path))
    found = _rules(out)
    assert found["old.md"] == []
    assert sorted(found["new.md"]) == [("VB101", "warning"), ("VB102", "info")]
    assert code == 0  # nothing at or above fail-on = error
    code, _, _ = cli("check", "--fail-on", "warning", str(tmp_path))
    assert code == 1  # the command line wins over the file


def test_include_exclude_globs_for_directory_walks(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / ".vblint.toml").write_text('include = ["*.md"]\nexclude = ["drafts/"]\n')
    (tmp_path / "drafts").mkdir()
    for name in ("a.md", "b.txt", "drafts/c.md"):
        (tmp_path / name).write_text(NOTE)
    _, out, _ = cli("check", "--format", "json", str(tmp_path))
    assert list(_rules(out)) == ["a.md"]


def test_explicit_config_and_profile(tmp_path: Path, cli: Cli) -> None:
    config = tmp_path / "ci.toml"
    config.write_text('[tool.vblint]\nprofile = "child-facing"\nselect = ["VB101"]\n')
    note = tmp_path / "a.txt"
    note.write_text(NOTE + "She should not have sent the images.\n")
    _, out, _ = cli("check", "--format", "json", "--config", str(config), str(note))
    assert _rules(out)["a.txt"] == [("VB101", "error")]
    code, _, err = cli("check", "--config", str(tmp_path / "missing.toml"), str(note))
    assert code == 2 and "no such config file" in err


def test_profile_limits_rules_to_their_writing(linter: object, tmp_path: Path) -> None:
    from vblint.linter import Linter, Options

    pack = tmp_path / "packs"
    write_pack(pack)
    text = (pack / "example-org.yaml").read_text()
    (pack / "example-org.yaml").write_text(
        text.replace("    safe_fix: true\n", "    safe_fix: true\n    profiles: [child-facing]\n")
    )
    org = Linter(extra_packs=[pack], nlp=None)
    sentence = "Officers found child pornography on the laptop."
    assert [f.rule for f in org.check(sentence, Options.make(profile="child-facing"))] == ["VB901"]
    assert org.check(sentence, Options.make(profile="policy")) == []


def test_organisation_packs_from_config(tmp_path: Path, cli: Cli) -> None:
    write_pack(tmp_path / "our-rules")
    (tmp_path / ".vblint.toml").write_text('rule-packs = ["our-rules"]\n')
    note = tmp_path / "a.txt"
    note.write_text("Officers found child pornography on the laptop.\n")
    _, out, _ = cli("check", "--format", "json", str(note))
    assert _rules(out)["a.txt"] == [("VB901", "warning")]


def test_organisation_rules_must_use_the_reserved_range(tmp_path: Path, cli: Cli) -> None:
    pack = write_pack(tmp_path / "our-rules") / "example-org.yaml"
    pack.write_text(pack.read_text().replace("VB901", "VB150").replace("[900, 909]", "[150, 159]"))
    (tmp_path / ".vblint.toml").write_text('rule-packs = ["our-rules"]\n')
    note = tmp_path / "a.txt"
    note.write_text(NOTE)
    code, _, err = cli("check", str(note))
    assert code == 2
    assert "VB150: an organisation's own rules use ids VB900-VB999" in err


def test_unknown_rule_on_the_command_line(tmp_path: Path, cli: Cli) -> None:
    note = tmp_path / "a.txt"
    note.write_text(NOTE)
    code, out, err = cli("check", "--ignore", "VB1O1", str(note))
    assert code == 2 and out == ""
    assert err == "vblint: error: --select/--ignore: unknown rule, name or category: vb1o1\n"
