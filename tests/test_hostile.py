"""Hostile and broken files: one line naming the file, bounded time, the rest still checked."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from tests.conftest import Cli, run_cli

from builders import encrypted_pdf, pdf, zip_bomb

GOOD = "Jade put herself at risk by meeting him at the flat.\n"


def _hostile(tmp_path: Path, name: str) -> tuple[Path, str]:
    """Make the hostile file ``name``; return it and the words its error must contain."""
    path = tmp_path / name
    if name == "bomb.docx":
        zip_bomb(path)
        return path, "zip bomb"
    if name == "truncated.pdf":
        full = pdf(tmp_path / "full.pdf", ["Jade put herself at risk by meeting him."])
        data = full.read_bytes()
        path.write_bytes(data[: len(data) // 2])
        full.unlink()
        return path, "not a readable PDF"
    if name == "locked.pdf":
        encrypted_pdf(path, "Jade put herself at risk by meeting him.")
        return path, "encrypted PDF"
    if name == "huge.txt":
        with path.open("wb") as handle:
            handle.truncate(50 * 1024 * 1024)
        return path, "larger than 20 MB"
    if name == "nested.html":
        depth = 100_000
        path.write_text("<div>" * depth + "She put herself at risk." + "</div>" * depth)
        return path, ""
    if name == "bomb.odt":
        zip_bomb(path)
        return path, "zip bomb"
    if name == "letter.docx":  # a text file pretending to be Word
        path.write_text("She put herself at risk.\n")
        return path, "not a zip archive (wrong extension?)"
    if name == "scan.txt":  # a PDF pretending to be text
        pdf(path, ["Nothing to see."])
        return path, "looks like a PDF, not text (wrong extension?)"
    raise AssertionError(name)


HOSTILE = [
    "bomb.docx",
    "bomb.odt",
    "truncated.pdf",
    "locked.pdf",
    "huge.txt",
    "letter.docx",
    "scan.txt",
]


@pytest.mark.slow
def test_hostile_files_fail_alone_and_quickly(tmp_path: Path) -> None:
    made = {name: _hostile(tmp_path, name) for name in HOSTILE}
    first, last = tmp_path / "a-good.txt", tmp_path / "z-good.txt"
    first.write_text(GOOD)
    last.write_text(GOOD)
    paths = [str(first), *(str(p) for p, _ in made.values()), str(last)]
    started = time.monotonic()
    proc = run_cli("check", "--format", "json", *paths)
    elapsed = time.monotonic() - started
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == len(HOSTILE)
    for path, words in made.values():
        line = next(line for line in lines if f" {path}: " in line)
        assert words in line, line
    report = json.loads(proc.stdout)
    checked = {item["path"]: item["findings"] for item in report["files"]}
    assert [f["rule"] for f in checked[str(first)]] == ["VB101"]
    assert [f["rule"] for f in checked[str(last)]] == ["VB101"]
    assert {e["path"] for e in report["errors"]} == {str(p) for p, _ in made.values()}
    assert elapsed < 60, elapsed


def test_zip_bomb_is_refused_from_the_directory_alone(tmp_path: Path) -> None:
    from vblint.documents import DocumentError, read_path

    bomb, _ = _hostile(tmp_path, "bomb.docx")
    started = time.monotonic()
    with pytest.raises(DocumentError, match="zip bomb"):
        read_path(bomb)
    assert time.monotonic() - started < 0.5


def test_deeply_nested_html_is_read_in_bounded_time(tmp_path: Path, cli: Cli) -> None:
    path, _ = _hostile(tmp_path, "nested.html")
    started = time.monotonic()
    code, out, err = cli("check", "--format", "json", str(path))
    assert time.monotonic() - started < 20
    assert code == 1 and err == ""
    assert [f["rule"] for f in json.loads(out)["files"][0]["findings"]] == ["VB101"]


def test_deeply_nested_word_xml_is_refused(tmp_path: Path, cli: Cli) -> None:
    import zipfile

    from builders import word_letter

    path = word_letter(tmp_path / "deep.docx")
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    body = parts["word/document.xml"].decode()
    depth = 50_000
    nested = "<w:sdt>" * depth + "</w:sdt>" * depth
    parts["word/document.xml"] = body.replace("<w:body>", "<w:body>" + nested, 1).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    good = tmp_path / "good.md"
    good.write_text(GOOD)
    code, out, err = cli("check", "--format", "json", str(path), str(good))
    assert code == 2
    assert err.startswith(f"vblint: error: {path}: not a readable Word document")
    assert len(err.strip().splitlines()) == 1
    assert json.loads(out)["files"][0]["path"] == str(good)


def test_a_reader_that_runs_too_long_is_stopped() -> None:
    from vblint.documents import DocumentError
    from vblint.documents.limits import deadline

    swallowed = 0
    started = time.monotonic()
    with pytest.raises(DocumentError, match=r"took longer than 0\.2 s"), deadline(0.2):
        try:
            time.sleep(5)
        except DocumentError:  # a careless library swallows the first one...
            swallowed += 1
        time.sleep(5)  # ...and is stopped again a second later
    assert swallowed == 1
    assert time.monotonic() - started < 2
