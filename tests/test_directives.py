"""Suppression directives in Markdown, HTML and plain text, unused and bare ones reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import Cli

from vblint.directives import parse

RISK = "Jade put herself at risk by meeting him at the flat."
BLAME = "She should not have sent the images."


def _lines(out: str) -> list[tuple[str, int]]:
    files = json.loads(out)["files"]
    return [(f["rule"], f["location"]["line"]) for item in files for f in item["findings"]]


def test_parse_forms_rules_and_reasons() -> None:
    found = parse(
        "<!-- vblint-disable VB101, responsibility.should-not-have -- training example -->\n"
        "vblint: disable-next-line\n"
        "<!-- vblint-enable -->\n"
        "```\nvblint: disable-file VB101\n```\n"
    )
    assert [(d.action, d.line, d.rules) for d in found[:3]] == [
        ("disable", 1, ("vb101", "responsibility.should-not-have")),
        ("disable-next-line", 2, ()),
        ("enable", 3, ()),
    ]
    assert found[0].until == 3 and found[1].bare


def test_markdown_range_next_line_and_enable(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "policy.md"
    path.write_text(
        f"{RISK}\n\n"  # 1: reported
        "<!-- vblint-disable VB101 -->\n"
        f"{RISK} {BLAME}\n\n"  # 4: VB101 silenced, VB102 still reported
        "<!-- vblint-enable VB101 -->\n"
        "<!-- vblint-disable-next-line responsibility-shifting -->\n\n"
        f"{BLAME}\n\n"  # 9: silenced by category
        f"{RISK}\n"  # 11: reported
    )
    code, out, _ = cli("check", "--format", "json", str(path))
    assert sorted(_lines(out)) == [("VB101", 1), ("VB101", 11), ("VB102", 4)]
    assert code == 1


def test_html_comments_and_whole_file_switch(tmp_path: Path, cli: Cli) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body>\n<!-- vblint-disable-next-line VB101 -->\n"
        f"<p>{RISK}</p>\n<p>{BLAME}</p>\n</body></html>\n"
    )
    _, out, _ = cli("check", "--format", "json", str(page))
    assert _lines(out) == [("VB102", 4)]
    whole = tmp_path / "whole.md"
    whole.write_text(f"<!-- vblint-disable-file -->\n{RISK}\n\n{BLAME}\n")
    code, out, _ = cli("check", "--format", "json", str(whole))
    assert _lines(out) == [] and code == 0


def test_plain_text_directive(tmp_path: Path, cli: Cli) -> None:
    note = tmp_path / "note.txt"
    note.write_text(f"vblint: disable-next-line VB101 -- the child's words\n{RISK}\n{RISK}\n")
    _, out, _ = cli("check", "--format", "json", str(note))
    assert _lines(out) == [("VB101", 3)]


def test_directive_inside_code_block_does_nothing(tmp_path: Path, cli: Cli) -> None:
    doc = tmp_path / "howto.md"
    doc.write_text(f"```\n<!-- vblint-disable-file -->\n```\n\n{RISK}\n")
    _, out, _ = cli("check", "--format", "json", str(doc))
    assert _lines(out) == [("VB101", 5)]


@pytest.mark.parametrize("flag", ["--report-unused-suppressions", "--strict"])
def test_unused_and_bare_suppressions_are_reported(tmp_path: Path, cli: Cli, flag: str) -> None:
    doc = tmp_path / "policy.md"
    doc.write_text(
        "<!-- vblint-disable-next-line VB102 -->\n"  # unused: the next line has VB101 only
        f"{RISK}\n\n"
        "<!-- vblint-disable-next-line -->\n"  # bare, used
        f"{RISK}\n"
    )
    code, out, _ = cli("check", "--fail-on", "never", str(doc))
    assert code == 0 and "-suppression" not in out
    code, out, _ = cli("check", "--fail-on", "never", flag, str(doc))
    assert code == 1
    if flag == "--strict":
        assert f"{doc}:4: bare-suppression:" in out
        assert "unused-suppression" not in out
    else:
        assert f"{doc}:1: unused-suppression: '<!-- vblint-disable-next-line VB102 -->'" in out
    _, out, _ = cli("check", "--format", "json", "--fail-on", "never", flag, str(doc))
    kinds = [s["kind"] for s in json.loads(out)["files"][0]["suppressions"]]
    assert kinds == (["bare-suppression"] if flag == "--strict" else ["unused-suppression"])


def test_plain_directive_in_a_word_document(tmp_path: Path, cli: Cli) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("vblint: disable-next-line VB101 -- the child's own words")
    document.add_paragraph(RISK)
    document.add_paragraph(RISK)
    path = tmp_path / "letter.docx"
    document.save(str(path))
    code, out, _ = cli("check", "--format", "json", "--report-unused-suppressions", str(path))
    found = json.loads(out)["files"][0]
    assert [f["location"]["paragraph"] for f in found["findings"]] == [3]
    assert found["suppressions"] == [] and code == 1


def test_suppressing_a_finding_below_min_severity_is_not_unused(tmp_path: Path, cli: Cli) -> None:
    doc = tmp_path / "policy.md"
    doc.write_text("<!-- vblint-disable-next-line VB101 -->\n> I put myself at risk.\n")
    code, out, _ = cli(
        "check", "--min-severity", "warning", "--report-unused-suppressions", str(doc)
    )
    assert code == 0 and "unused-suppression" not in out
