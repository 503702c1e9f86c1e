"""Readers on their own: exact offsets, blanking, decoding."""

from __future__ import annotations

from pathlib import Path

import pytest

from vblint.cli.inputs import walk
from vblint.documents import DOCUMENT_SUFFIXES, DocumentError, kind_for, read_bytes
from vblint.documents.html import read_html
from vblint.documents.markdown import read_markdown


def test_markdown_keeps_length_and_line_breaks_with_crlf() -> None:
    text = "---\r\ntitle: x\r\n---\r\n# Head\r\n\r\nSee `code` at <https://example.org>.\r\n"
    doc = read_markdown("a.md", text)
    assert len(doc.text) == len(text)
    assert [i for i, c in enumerate(doc.text) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"
    ]
    assert "title" not in doc.text and "code" not in doc.text and "example" not in doc.text
    assert "Head" in doc.text and "See" in doc.text and "#" not in doc.text


def test_markdown_nested_block_quote_and_list() -> None:
    text = "- item one\n- item two\n\n> outer\n> > inner words\n\nAfter.\n"
    doc = read_markdown("a.md", text)
    assert "item one" in doc.text and ">" not in doc.text
    (start, end), *_ = doc.quoted
    assert doc.text[start:end].split() == ["outer", "inner", "words"]
    assert "After" not in doc.text[start:end]


def test_html_entities_map_to_the_source() -> None:
    source = "<p>Tom &amp; Jerry&#8217;s\n  friend</p>"
    doc = read_html("a.html", source)
    assert doc.text.strip() == "Tom & Jerry’s   friend"
    at = doc.text.index("friend")
    assert doc.locate(at, at + 6) == {"line": 2, "column": 3, "end_line": 2, "end_column": 9}
    amp = doc.text.index("&")
    assert doc.locate(amp, amp + 1)["column"] == source.index("&amp;") + 1


def test_kinds_and_decoding() -> None:
    assert kind_for("A.DOCX") == "docx" and kind_for("x.htm") == "html" and kind_for("x.py") is None
    utf16 = read_bytes("a.txt", b"\xfe\xff" + "Hé".encode("utf-16-be"), "text")
    assert (utf16.text, utf16.encoding, utf16.bom) == ("Hé", "utf-16-be", True)
    with pytest.raises(DocumentError, match="not UTF-8 text"):
        read_bytes("a.txt", "Hé".encode("latin-1"), "text")
    with pytest.raises(DocumentError, match="not a PDF"):
        read_bytes("a.pdf", b"hello", "pdf")


def test_walk_skips_lock_files_and_unknown_kinds(tmp_path: Path) -> None:
    for name in ("a.md", "b.docx", "~$b.docx", ".~lock.b.docx#", "c.py", "d.pdf"):
        (tmp_path / name).write_text("x")
    found = [p.name for p in walk(tmp_path, DOCUMENT_SUFFIXES)]
    assert found == ["a.md", "b.docx", "d.pdf"]


def test_html_line_break_stays_inside_the_paragraph() -> None:
    doc = read_html("a.html", "<p>12 Example Road<br>Example Town</p><p>Next.</p>")
    assert doc.text == "12 Example Road\nExample Town\n\nNext.\n\n"


def test_html_span_covers_whole_entities() -> None:
    """A span ending on an entity ends after it, so callers never cut ``&amp;`` in half."""
    source = "<p>Tom &amp; Jerry &#169;</p>"
    doc = read_html("x.html", source)
    amp = doc.text.index("&")
    assert source[slice(*doc.source_span(amp, amp + 1))] == "&amp;"
    start = doc.text.index("Tom")
    assert source[slice(*doc.source_span(start, amp + 1))] == "Tom &amp;"
    copy = doc.text.index("©")
    assert source[slice(*doc.source_span(copy - 6, copy + 1))] == "Jerry &#169;"
    assert doc.source_span(copy, copy) == (source.index("&#169;"),) * 2
