"""A control character in a file name: escaped in the text report and on stderr, kept in JSON.

Real files with a newline (and an escape sequence) in their names, through the real command.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import Cli

from vblint.printable import shown

RISK = "Jade put herself at risk by meeting him at the flat.\n"


def test_shown_escapes_only_what_cannot_be_printed() -> None:
    assert shown("notes/é visit 1.txt") == "notes/é visit 1.txt"
    assert shown("a\nb.txt") == "a\\nb.txt"
    assert shown("x\x1b[2J.txt") == "x\\x1b[2J.txt"
    assert shown("\u202etxt.exe") == "\\u202etxt.exe"
    assert shown("back\\slash\t.txt") == "back\\\\slash\\t.txt"  # unambiguous once escaping
    assert shown("back\\slash.txt") == "back\\slash.txt"  # nothing to escape: left alone
    assert shown(os.fsdecode(b"bad\xff.txt")) == "bad\\udcff.txt"


def test_a_newline_in_a_name_is_escaped_in_the_text_report(tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "a\nb.txt").write_text(RISK)
    code, out, _ = cli("check", "--format", "text", str(tmp_path))
    assert code == 1
    name = f"{tmp_path}/a\\nb.txt"
    assert f"{name}:1:1: VB101" in out
    assert not any(line.startswith("b.txt") for line in out.splitlines())


def test_json_and_sarif_keep_the_real_name(tmp_path: Path, cli: Cli) -> None:
    real = tmp_path / "a\nb.txt"
    real.write_text(RISK)
    _, out, _ = cli("check", "--format", "json", str(real))
    assert json.loads(out)["files"][0]["path"] == str(real)
    assert "\\n" in out and "a\nb" not in out  # JSON's own escape
    _, out, _ = cli("check", "--format", "sarif", str(real))
    [run] = json.loads(out)["runs"]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri.endswith("a%0Ab.txt")


def test_names_on_stderr_and_in_a_diff_are_escaped(tmp_path: Path, cli: Cli) -> None:
    broken = tmp_path / "c\nd.docx"
    broken.write_bytes(b"not a zip archive")
    code, _, err = cli("check", str(broken))
    assert code == 2
    assert f"vblint: error: {tmp_path}/c\\nd.docx: " in err
    assert len(err.strip().splitlines()) == 1
    fixable = tmp_path / "e\nf.txt"
    fixable.write_text("Officers found child pornography on the laptop.\n")
    _, out, _ = cli("check", "--diff", str(fixable))
    assert f"--- a/{tmp_path}/e\\nf.txt\n" in out
