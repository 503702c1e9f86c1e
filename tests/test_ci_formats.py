"""CI outputs: SARIF valid against the official schema, GitHub annotations, JSON locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import Cli

from builders import pdf, word_letter

SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
NOTE = "Jade put herself at risk by meeting him at the flat.\n"


@pytest.fixture()
def mixed(tmp_path: Path) -> list[str]:
    text = tmp_path / "note, with comma.md"
    text.write_text("# Note\n\n" + NOTE)
    letter = word_letter(tmp_path / "letter.docx")
    guidance = pdf(tmp_path / "guidance.pdf", ["Intro.", NOTE.strip()])
    broken = tmp_path / "broken.pdf"
    broken.write_text("%PDF-1.4 nothing else")
    return [str(text), str(letter), str(guidance), str(broken)]


def test_sarif_is_valid_against_the_official_schema(
    mixed: list[str], cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jsonschema

    monkeypatch.chdir(tmp_path)  # URIs are relative to the working folder, as in a checkout

    code, out, _ = cli("check", "--format", "sarif", *mixed)
    assert code == 2  # the broken PDF
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(log, schema)
    run = log["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    # Each rule links to its own page in the documentation (the published site by default).
    assert rules["VB101"]["helpUri"] == "https://vblint.readthedocs.io/en/latest/rules/VB101.html"
    assert rules["VB205"]["helpUri"].endswith("/rules/VB205.html")
    assert rules["VB101"]["help"]["text"] and rules["VB101"]["properties"]["category"]
    results = run["results"]
    text = next(
        r for r in results if r["locations"][0]["physicalLocation"]["region"].get("startLine")
    )
    region = text["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 1)
    uri = text["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "note%2C%20with%20comma.md"
    assert run["tool"]["driver"]["rules"][text["ruleIndex"]]["id"] == text["ruleId"]
    paged = [r for r in results if r["properties"]["location"].get("page")]
    assert paged and "(page 2)" in paged[0]["message"]["text"]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == [
        "broken.pdf"
    ]


def test_github_annotations(mixed: list[str], cli: Cli) -> None:
    _, out, _ = cli("check", "--format", "github", *mixed)
    lines = out.splitlines()
    first = next(line for line in lines if ".md," in line or "%2C" in line)
    assert first.startswith("::error file=")
    assert "note%2C with comma.md,line=3,col=1,endLine=3,endColumn=" in first
    assert "title=VB101 responsibility-shifting::" in first
    assert "%0ASuggestion: " in first
    word = next(line for line in lines if "letter.docx" in line and "VB102" in line)
    assert "::table 1, row 2, cell 2, paragraph 1: " in word
    assert any(line.startswith("::error file=") and "broken.pdf" in line for line in lines)


def test_github_is_chosen_under_github_actions(
    tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "a.txt"
    note.write_text(NOTE)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = cli("check", str(note))
    assert out.startswith("::error file=")
    _, out, _ = cli("check", "--format", "text", str(note))
    assert out.startswith(f"{note}:1:1: VB101")


def test_json_keeps_its_shape_and_adds_location(tmp_path: Path, cli: Cli) -> None:
    note = tmp_path / "a.txt"
    note.write_text("Met today 😀. " + NOTE)
    _, out, _ = cli("check", "--format", "json", str(note))
    finding = json.loads(out)["files"][0]["findings"][0]
    for key in ("rule", "start", "end", "line", "column", "suggestions", "safe_fix"):
        assert key in finding
    assert finding["start"] == 13 and finding["column"] == 14
    assert finding["location"] == {"line": 1, "column": 14, "end_line": 1, "end_column": 65}


def test_jobs_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    for i in range(6):
        body = NOTE if i % 2 else "She should not have sent the images.\n"
        (tmp_path / f"n{i}.txt").write_text(body * (i + 1))
    (tmp_path / "n3.docx").write_text("not a Word document")
    one = run_cli("check", "--format", "json", "--jobs", "1", str(tmp_path))
    two = run_cli("check", "--format", "json", "--jobs", "2", str(tmp_path))
    assert one.returncode == two.returncode == 2  # the broken .docx
    assert one.stdout == two.stdout and one.stderr == two.stderr
    assert [Path(f["path"]).name for f in json.loads(two.stdout)["files"]] == [
        f"n{i}.txt" for i in range(6)
    ]
    assert "\r" not in two.stderr and "file/s" not in two.stderr  # no progress bar in a pipe


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys
    import threading

    for i in range(3):
        (tmp_path / f"n{i}.txt").write_text(NOTE)
    vblint = Path(sys.executable).parent / "vblint"
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS")}
    main, child = pty.openpty()
    shown: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                return
            if not chunk:
                return
            shown.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    proc = subprocess.run(
        [str(vblint), "check", "--format", "json", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=child,
        env=env,
        timeout=300,
    )
    os.close(child)
    reader.join(timeout=10)
    os.close(main)
    terminal = b"".join(shown)
    assert proc.returncode == 1
    assert b"/3 [" in terminal  # the bar, drawn on the terminal only
    assert b"/3 [" not in proc.stdout and proc.stdout.startswith(b"{")


def test_sarif_rule_links_follow_the_project_s_docs_url(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".vblint.toml").write_text('docs-url = "http://vblint.internal:8000/guide"\n')
    note = tmp_path / "note.md"
    note.write_text(NOTE)
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("check", "--format", "sarif", "note.md")
    assert code == 1
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["VB101"]["helpUri"] == "http://vblint.internal:8000/guide/rules/VB101.html"
    assert (
        "(http://vblint.internal:8000/guide/rules/VB101.html)"
        in (rules["VB101"]["help"]["markdown"])
    )


def test_a_docs_url_that_is_not_an_address_is_a_config_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".vblint.toml").write_text('docs-url = "intranet docs"\n')
    (tmp_path / "note.md").write_text(NOTE)
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("check", "--format", "sarif", "note.md")
    assert code == 2
    assert "docs-url" in err and "http(s)://" in err and "Traceback" not in err


def test_sarif_columns_are_utf16_and_fixes_replace_exactly_the_region(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jsonschema

    page = tmp_path / "page.html"
    page.write_text("<p>Officers found <b>child pornography</b> on the laptop.</p>\n")
    note = tmp_path / "note.txt"
    note.write_text(
        'Mood 😀 e\u0301. She put herself at risk.\nMaya said "I put myself at risk".\n'
    )
    monkeypatch.chdir(tmp_path)
    _, out, _ = cli("check", "--format", "sarif", "note.txt", "page.html")
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = log["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    by_uri = {}
    for result in run["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_uri.setdefault(uri, []).append(result)
    risk, quoted = sorted(
        by_uri["note.txt"],
        key=lambda r: r["locations"][0]["physicalLocation"]["region"]["startLine"],
    )
    region = risk["locations"][0]["physicalLocation"]["region"]
    # "Mood 😀 e\u0301. " is 11 code points but 12 UTF-16 units: the emoji is two.
    assert (region["startLine"], region["startColumn"]) == (1, 13)
    assert region["endColumn"] - region["startColumn"] == len("She put herself at risk")
    [fix] = risk["fixes"]
    [change] = fix["artifactChanges"]
    [replacement] = change["replacements"]
    assert replacement["deletedRegion"] == {k: v for k, v in region.items() if k != "snippet"}
    assert (
        replacement["insertedContent"]["text"] == risk["message"]["text"].split("Suggestion: ")[1]
    )
    assert fix["properties"]["safeFix"] is False
    assert "fixes" not in quoted  # quoted speech is evidence: never rewritten
    # In HTML the checked text is not the file's: the result is there, with no fix to misplace.
    [html] = by_uri["page.html"]
    assert "fixes" not in html
