"""``vblint check --baseline`` and ``--write-baseline`` through the real console script.

A policy team adopts vblint on guidance written over years: it records today's findings once,
and CI then fails only on wording written since.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run_cli

SAFEGUARDING = (
    "Safeguarding procedures\n\n"
    "Jade put herself at risk by meeting him at the flat.\n\n"
    "The report on historic abuse was late.\n"
)
CONTACT = "Contact\n\nShe put herself at risk.\n\nShe put herself at risk.\n"
NEW = "\nHe was a rent boy.\n"


@pytest.fixture()
def guidance(tmp_path: Path) -> Path:
    """A repository of existing guidance, two identical findings in one file among them."""
    docs = tmp_path / "guidance"
    docs.mkdir()
    (docs / "safeguarding.md").write_text(SAFEGUARDING, encoding="utf-8")
    (docs / "contact.txt").write_text(CONTACT, encoding="utf-8")
    return tmp_path


def findings(stdout: str) -> list[tuple[str, str, str]]:
    """(file name, rule, matched words) for each finding in ``--format json`` output."""
    return [
        (Path(item["path"]).name, f["rule"], f["text"])
        for item in json.loads(stdout)["files"]
        for f in item["findings"]
    ]


def test_adopting_vblint_on_existing_guidance_fails_only_on_new_wording(guidance: Path) -> None:
    before = run_cli("check", "guidance", cwd=guidance)
    assert before.returncode == 1

    wrote = run_cli("check", "guidance", "--write-baseline", "vblint-baseline.json", cwd=guidance)
    assert wrote.returncode == 0, wrote.stderr
    assert wrote.stderr == "vblint: wrote 4 findings in 2 files to vblint-baseline.json\n"
    text = (guidance / "vblint-baseline.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["version"] == 1
    entries = [(e["path"], e["rule"]) for e in data["findings"]]
    assert entries == sorted(entries)
    assert entries == [("guidance/contact.txt", "VB101")] * 2 + [
        ("guidance/safeguarding.md", "VB101"),
        ("guidance/safeguarding.md", "VB417"),
    ]
    assert all(set(e) == {"path", "rule", "fingerprint"} for e in data["findings"])
    assert "herself" not in text and "historic" not in text  # no note text

    clean = run_cli("check", "guidance", "--baseline", "vblint-baseline.json", cwd=guidance)
    assert clean.returncode == 0, clean.stdout
    assert clean.stderr == "vblint: vblint-baseline.json: 4 known findings not shown\n"

    # Years later: a line added at the top, another paragraph reworded, one new sentence.
    page = guidance / "guidance" / "safeguarding.md"
    edited = "Reviewed 2024\n\n" + SAFEGUARDING.replace("procedures", "procedures (updated)")
    page.write_text(edited + NEW, encoding="utf-8")
    ci = run_cli(
        "check", "guidance", "--baseline", "vblint-baseline.json", "--format", "json", cwd=guidance
    )
    assert ci.returncode == 1
    assert findings(ci.stdout) == [("safeguarding.md", "VB405", "a rent boy")]

    # Written again, the baseline is byte-for-byte the old one plus the new finding.
    run_cli("check", "guidance", "--write-baseline", "again.json", cwd=guidance)
    again = json.loads((guidance / "again.json").read_text(encoding="utf-8"))["findings"]
    assert [e for e in again if e["rule"] != "VB405"] == data["findings"]


def test_identical_findings_in_a_file_need_one_entry_each(guidance: Path) -> None:
    run_cli("check", "guidance", "--write-baseline", "base.json", cwd=guidance)
    note = guidance / "guidance" / "contact.txt"
    note.write_text(CONTACT + "\nShe put herself at risk.\n", encoding="utf-8")
    third = run_cli(
        "check", "guidance", "--baseline", "base.json", "--format", "json", cwd=guidance
    )
    assert third.returncode == 1
    assert findings(third.stdout) == [("contact.txt", "VB101", "She put herself at risk")]

    note.write_text(CONTACT, encoding="utf-8")
    baseline = guidance / "base.json"
    data = json.loads(baseline.read_text(encoding="utf-8"))
    data["findings"].pop(0)  # one of the two identical entries
    baseline.write_text(json.dumps(data), encoding="utf-8")
    one = run_cli("check", "guidance", "--baseline", "base.json", "--format", "json", cwd=guidance)
    assert one.returncode == 1
    assert findings(one.stdout) == [("contact.txt", "VB101", "She put herself at risk")]


def test_paths_are_relative_to_the_baseline_folder_from_any_working_folder(
    guidance: Path,
) -> None:
    (guidance / "ci").mkdir()
    run_cli("check", "guidance", "--write-baseline", "ci/base.json", cwd=guidance)
    data = json.loads((guidance / "ci" / "base.json").read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {
        "../guidance/contact.txt",
        "../guidance/safeguarding.md",
    }
    inside = guidance / "guidance"
    result = run_cli(
        "check", "contact.txt", "safeguarding.md", "--baseline", "../ci/base.json", cwd=inside
    )
    assert result.returncode == 0, result.stdout
    absolute = run_cli("check", str(inside), "--baseline", str(guidance / "ci" / "base.json"))
    assert absolute.returncode == 0, absolute.stdout


def test_fixed_wording_leaves_entries_that_match_nothing(guidance: Path) -> None:
    run_cli("check", "guidance", "--write-baseline", "base.json", cwd=guidance)
    (guidance / "guidance" / "contact.txt").write_text("Contact\n\nAll well.\n", encoding="utf-8")
    result = run_cli("check", "guidance", "--baseline", "base.json", cwd=guidance)
    assert result.returncode == 0
    assert result.stderr == (
        "vblint: base.json: 2 known findings not shown; "
        "2 entries matched nothing (write it again)\n"
    )


def test_the_project_configuration_names_the_baseline_and_the_command_line_wins(
    guidance: Path,
) -> None:
    (guidance / "pyproject.toml").write_text(
        '[tool.vblint]\nbaseline = "ci/vblint-baseline.json"\n', encoding="utf-8"
    )
    missing = run_cli("check", "guidance", cwd=guidance)
    assert missing.returncode == 2
    assert missing.stderr.count("\n") == 1 and "no such baseline file" in missing.stderr

    (guidance / "ci").mkdir()
    wrote = run_cli(
        "check", "guidance", "--write-baseline", "ci/vblint-baseline.json", cwd=guidance
    )
    assert wrote.returncode == 0, wrote.stderr
    # Run from anywhere: the configured path is relative to the configuration's folder.
    assert run_cli("check", str(guidance / "guidance")).returncode == 0

    (guidance / "empty.json").write_text('{"version": 1, "findings": []}\n', encoding="utf-8")
    overridden = run_cli("check", "guidance", "--baseline", "empty.json", cwd=guidance)
    assert overridden.returncode == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "base.json: no such baseline file (write one with --write-baseline)"),
        ('{"version": 1, "findings": [', "base.json: not valid JSON (line 1)"),
        (
            '{"version": 2, "findings": []}',
            "base.json: baseline version 2; this vblint reads version 1",
        ),
        ('{"findings": []}', "base.json: not a vblint baseline: version: Field required"),
        (
            '{"version": 1, "findings": [{"path": "a.md", "rule": "VB101"}]}',
            "findings.0.fingerprint",
        ),
        (
            '{"version": 1, "findings": [], "note": "x"}',
            "base.json: not a vblint baseline: note: unknown key",
        ),
        ("[1, 2]", "base.json: not a vblint baseline: top level: "),
    ],
    ids=["missing", "not-json", "version", "no-version", "no-fingerprint", "extra-key", "list"],
)
def test_a_missing_or_broken_baseline_is_one_line_and_exit_2(
    guidance: Path, content: str | None, message: str
) -> None:
    if content is not None:
        (guidance / "base.json").write_text(content, encoding="utf-8")
    result = run_cli("check", "guidance", "--baseline", "base.json", cwd=guidance)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("vblint: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_baseline_usage_errors(guidance: Path) -> None:
    both = run_cli(
        "check", "guidance", "--baseline", "a.json", "--write-baseline", "b.json", cwd=guidance
    )
    assert both.returncode == 2 and both.stderr.count("\n") == 1
    unwritable = run_cli(
        "check", "guidance", "--write-baseline", "no/such/folder/b.json", cwd=guidance
    )
    assert unwritable.returncode == 2
    assert unwritable.stderr == (
        "vblint: error: no/such/folder/b.json: baseline not written (No such file or directory)\n"
    )
