"""Safe fixes: only safe swaps, never in quoted speech, files kept intact in every other way."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from tests.conftest import Cli

from builders import HEADER_TEXT, TABLE_ROWS, pdf, word_letter
from orgpack import write_pack
from vblint.edits import atomic_write

OLD, NEW = "child pornography", "child sexual abuse material"
FOUND = "Officers found child pornography on the laptop."
QUOTED = 'He said "it was only child pornography" to the officer.'
RISK = "Jade put herself at risk by meeting him at the flat."


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    write_pack(tmp_path / "rules")
    (tmp_path / ".vblint.toml").write_text('rule-packs = ["rules"]\n')
    return tmp_path


def test_fix_keeps_bom_line_endings_and_permissions(project: Path, cli: Cli) -> None:
    note = project / "note.txt"
    body = f"{FOUND}\r\n{QUOTED}\r\n{RISK}\r\n"
    note.write_bytes(b"\xef\xbb\xbf" + body.encode())
    note.chmod(0o640)
    code, out, err = cli("check", "--fix", str(note))
    data = note.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode()
    assert text == body.replace(FOUND, FOUND.replace(OLD, NEW))
    assert QUOTED in text and RISK in text  # quoted speech and unsafe rewrites untouched
    assert stat.S_IMODE(note.stat().st_mode) == 0o640
    assert "applied 1 safe fix" in err
    assert code == 1 and "VB101" in out and "VB901" in out  # the quoted one stays, as info
    assert [p.name for p in project.iterdir() if "vblint-tmp" in p.name] == []


def test_utf16_file_keeps_its_encoding(project: Path, cli: Cli) -> None:
    note = project / "note.txt"
    note.write_bytes(b"\xff\xfe" + f"{FOUND}\n".encode("utf-16-le"))
    cli("check", "--fix", str(note))
    assert note.read_bytes() == b"\xff\xfe" + f"{FOUND.replace(OLD, NEW)}\n".encode("utf-16-le")


def test_diff_shows_and_changes_nothing(project: Path, cli: Cli) -> None:
    doc = project / "policy.md"
    original = f"# Terms\n\n{FOUND}\n\n> {FOUND}\n"
    doc.write_text(original)
    code, out, _ = cli("check", "--diff", str(doc))
    assert doc.read_text() == original
    assert code == 1
    assert f"--- a/{doc}" in out and f"+++ b/{doc}" in out
    assert f"-{FOUND}" in out and f"+{FOUND.replace(OLD, NEW)}" in out
    assert f"-> {FOUND}" not in out  # the block quote is quoted speech: never rewritten


def test_fix_in_html_maps_back_to_the_source(project: Path, cli: Cli) -> None:
    page = project / "page.html"
    page.write_text(f"<p title='{OLD}'>Officers found <b>nothing</b>.</p>\n<p>{FOUND}</p>\n")
    cli("check", "--fix", str(page))
    assert page.read_text() == (
        f"<p title='{OLD}'>Officers found <b>nothing</b>.</p>\n<p>{FOUND.replace(OLD, NEW)}</p>\n"
    )


def test_pdf_is_never_modified(project: Path, cli: Cli) -> None:
    path = pdf(project / "guidance.pdf", [FOUND])
    before = path.read_bytes()
    _, _, err = cli("check", "--fix", str(path))
    assert path.read_bytes() == before
    assert "PDF files are never modified" in err


def test_opendocument_is_not_modified(project: Path, cli: Cli) -> None:
    from odfdo import Document, Paragraph

    document = Document("text")
    document.body.append(Paragraph(FOUND))
    path = project / "letter.odt"
    document.save(str(path))
    before = path.read_bytes()
    _, _, err = cli("check", "--fix", str(path))
    assert path.read_bytes() == before
    assert "OpenDocument files are not modified" in err


def test_interrupted_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "note.txt"
    target.write_text("old")

    def fail(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, b"new")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _letter_with_split_runs(path: Path) -> Path:
    """The test letter plus a paragraph whose offending words span three differently styled runs."""
    import docx

    word_letter(path)
    document = docx.Document(str(path))
    paragraph = document.paragraphs[1].insert_paragraph_before("Officers found child ")
    paragraph.add_run("porno").bold = True
    paragraph.add_run("graphy on the laptop.")
    document.add_paragraph(QUOTED)
    document.save(str(path))
    return path


def _texts(document: object) -> list[str]:
    from vblint.documents.word import paragraphs

    return [p.text for _, p in paragraphs(document)]


def test_docx_fix_is_tracked_changes_and_nothing_else_changes(project: Path, cli: Cli) -> None:
    import docx

    path = _letter_with_split_runs(project / "letter.docx")
    before = _texts(docx.Document(str(path)))
    code, _, err = cli("check", "--fix", str(path))
    assert "applied 1 safe fix" in err and code == 1

    document = docx.Document(str(path))
    after = _texts(document)
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert len(changed) == 1  # only the fixed paragraph; the quoted one is left alone
    assert QUOTED in after
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [list(r) for r in TABLE_ROWS]
    assert document.sections[0].header.paragraphs[0].text == HEADER_TEXT

    body = document.element.body
    deletions = body.findall(f".//{W}del")
    insertions = body.findall(f".//{W}ins")
    assert len(deletions) == len(insertions) == 1
    deleted = "".join(t.text or "" for t in deletions[0].iter(f"{W}delText"))
    inserted = "".join(t.text or "" for t in insertions[0].iter(f"{W}t"))
    assert (deleted, inserted) == (OLD, NEW)
    for mark in (deletions[0], insertions[0]):
        assert mark.get(f"{W}author") == "vblint" and mark.get(f"{W}date", "").endswith("Z")
    # The bold run kept its formatting inside the deletion.
    assert deletions[0].findall(f"{W}r/{W}rPr/{W}b")
    # Accepting every change gives the fixed sentence; rejecting gives the original.
    paragraph = deletions[0].getparent()
    accepted = "".join(
        t.text or "" for t in paragraph.iter(f"{W}t") if t.getparent().getparent().tag != f"{W}del"
    )
    rejected = "".join(
        t.text or ""
        for t in paragraph.iter(f"{W}t", f"{W}delText")
        if t.getparent().getparent().tag != f"{W}ins"
    )
    assert accepted == FOUND.replace(OLD, NEW)
    assert rejected == FOUND


def test_a_file_that_cannot_be_written_is_one_error(
    project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import tempfile

    note = project / "note.txt"
    note.write_text(FOUND + "\n")
    other = project / "other.txt"
    other.write_text(RISK + "\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    code, out, err = cli("check", "--fix", str(note), str(other))
    assert code == 2
    assert f"vblint: error: {note}: fixes not written (Permission denied)" in err
    assert note.read_text() == FOUND + "\n"
    assert f"{other}:1:1: VB101" in out  # the other file is still checked and reported
