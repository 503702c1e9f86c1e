"""Word (.docx): body paragraphs, tables, headers and footers, one paragraph per line.

The zip's directory is checked for bomb-like sizes before python-docx opens it; lxml's own
limits refuse absurd nesting. Each paragraph becomes a segment that says where it is (body
paragraph N, or table T row R cell C, or a header or footer), so a finding can be found in Word.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from vblint.documents.limits import MAX_TEXT_CHARS, check_text, check_zip
from vblint.documents.model import Document, DocumentError, from_paragraphs

MAX_TABLE_DEPTH = 8
Where = tuple[tuple[str, Any], ...]


def open_docx(source: str | Path | IO[bytes]) -> Any:
    """Open a .docx with python-docx after checking the archive; errors are one line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_zip(str(source) if isinstance(source, (str, Path)) else source, "Word document")
    if not isinstance(source, (str, Path)):
        source.seek(0)
    try:
        return docx.Document(source if not isinstance(source, Path) else str(source))
    except PackageNotFoundError:
        raise DocumentError("not a Word document (wrong extension?)") from None
    except (KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"not a readable Word document ({exc.__class__.__name__})") from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends: broken XML inside
        raise DocumentError(f"not a readable Word document ({exc.__class__.__name__})") from None


def paragraphs(document: Any) -> Iterator[tuple[Where, Any]]:
    """Every paragraph in reading order with where it is: body, tables, headers, footers."""
    body = 0
    tables = 0
    for block in document.iter_inner_content():
        if block.__class__.__name__ == "Paragraph":
            body += 1
            yield (("part", "body"), ("paragraph", body)), block
        else:
            tables += 1
            yield from _table(block, (("part", "body"), ("table", tables)), 0)
    seen: list[Any] = []  # the elements themselves: ids of dropped proxies get reused
    for number, section in enumerate(document.sections, start=1):
        for part_name, attr in _HEADERS_FOOTERS:
            part = getattr(section, attr)
            if part.is_linked_to_previous or any(e is part._element for e in seen):
                continue
            seen.append(part._element)
            base = (("part", part_name), ("section", number))
            count = 0
            for block in part.iter_inner_content():
                if block.__class__.__name__ == "Paragraph":
                    count += 1
                    yield (*base, ("paragraph", count)), block
                else:
                    yield from _table(block, base, 0)


_HEADERS_FOOTERS = (
    ("header", "header"),
    ("footer", "footer"),
    ("first-page header", "first_page_header"),
    ("first-page footer", "first_page_footer"),
    ("even-page header", "even_page_header"),
    ("even-page footer", "even_page_footer"),
)


def _table(table: Any, where: Where, depth: int) -> Iterator[tuple[Where, Any]]:
    if depth > MAX_TABLE_DEPTH:
        raise DocumentError("tables nested too deeply")
    seen: set[Any] = set()
    for r, row in enumerate(table.rows, start=1):
        for c, cell in enumerate(row.cells, start=1):
            if cell._tc in seen:  # a merged cell appears once per grid column
                continue
            seen.add(cell._tc)
            count = 0
            for block in cell.iter_inner_content():
                cell_where = (*where, ("row", r), ("cell", c))
                if block.__class__.__name__ == "Paragraph":
                    count += 1
                    yield (*cell_where, ("paragraph", count)), block
                else:
                    yield from _table(block, cell_where, depth + 1)


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's text on one line: tabs and line breaks become spaces, one for one."""
    return str(paragraph.text).replace("\n", " ").replace("\t", " ")


def read_docx(name: str, source: str | Path | IO[bytes]) -> Document:
    """A Word document as text, one paragraph per line."""
    document = open_docx(source)
    items = ((where, paragraph_text(p)) for where, p in paragraphs(document))
    result = from_paragraphs(name, "docx", items, MAX_TEXT_CHARS)
    check_text(result.text)
    return result
