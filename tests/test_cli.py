"""The real console script in a subprocess: formats, exit codes, inputs and errors."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

NOTE = "Case note.\nShe put herself at risk by meeting him.\n"
CLEAN = "Maya was seen at home with her mum. She is settled at school.\n"


def test_text_format_points_at_the_words(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = run_cli("check", str(note))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{note}:2:1: VB101 [responsibility-shifting] ")
    assert "    She put herself at risk by meeting him." in result.stdout
    assert "    ^^^^^" in result.stdout
    assert "suggestion: He put her at risk" in result.stdout
    assert "\033[" not in result.stdout  # no colour in a pipe


def test_json_format_is_the_documented_schema(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(note), "-", stdin=CLEAN)
    data = json.loads(result.stdout)
    assert [f["path"] for f in data["files"]] == [str(note), "-"]
    [finding] = data["files"][0]["findings"]
    expected_keys = {
        "rule",
        "category",
        "severity",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "message",
        "explanation",
        "source",
        "suggestions",
    }
    assert expected_keys <= set(finding)
    assert NOTE[finding["start"] : finding["end"]] == finding["text"]
    assert (finding["line"], finding["column"]) == (2, 1)
    assert finding["suggestions"][0]["kind"] == "replace"
    assert data["files"][1]["findings"] == []


def test_exit_codes_follow_fail_on(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")
    assert run_cli("check", str(note), "--fail-on", "never").returncode == 0
    assert run_cli("check", str(note), "--ignore", "VB101").returncode == 0
    assert run_cli("check", str(note), "--select", "responsibility-shifting").returncode == 1
    assert run_cli("check", "-", stdin=CLEAN).returncode == 0


def test_directories_are_walked_and_bad_files_named(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text(NOTE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"caf\xe9 not utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "d.txt").write_text(CLEAN, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(tmp_path))
    assert result.returncode == 2
    data = json.loads(result.stdout)
    checked = {Path(f["path"]).name for f in data["files"]}
    assert checked == {"a.md", "d.txt"}
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert any("b.txt: not UTF-8 text" in e for e in errors)
    assert any("c.txt: binary file" in e for e in errors)
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2_in_one_line(tmp_path: Path) -> None:
    for args in (
        ("check", "--select", "VB999", "-"),
        ("check", "--format", "xml", "-"),
        ("explain", "VB000"),
        ("frobnicate",),
    ):
        result = run_cli(*args, stdin="")
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert "Traceback" not in result.stderr


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "nope.txt: no such file or directory" in result.stderr


def test_rules_and_explain() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0
    assert "VB101  error" in listing.stdout
    explained = run_cli("explain", "vb101")
    assert explained.returncode == 0
    assert "Why:" in explained.stdout and "Source: UKCIS" in explained.stdout
    assert "Not flagged:" in explained.stdout
