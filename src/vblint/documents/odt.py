"""OpenDocument text (.odt): paragraphs, headings, lists, tables, headers and footers (odfdo).

Read like Word documents: one paragraph per line, each segment saying where it is. The zip's
directory is checked for bomb-like sizes first. OpenDocument files are read, never modified.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from vblint.documents.limits import MAX_TEXT_CHARS, check_text, check_zip
from vblint.documents.model import Document, DocumentError, from_paragraphs

Where = tuple[tuple[str, Any], ...]
PARAGRAPHS = ("text:p", "text:h")
MAX_DEPTH = 32


def read_odt(name: str, source: str | Path | IO[bytes]) -> Document:
    """An OpenDocument text as text, one paragraph per line."""
    from odfdo import Document as OdfDocument

    check_zip(str(source) if isinstance(source, (str, Path)) else source, "OpenDocument text")
    if not isinstance(source, (str, Path)):
        source.seek(0)
    try:
        document = OdfDocument(cast(Any, source))
        if document.get_type() != "text":
            raise DocumentError(f"an OpenDocument {document.get_type()}, not a text document")
        items = (
            (where, text.replace("\n", " ").replace("\t", " "))
            for where, text in _paragraphs(document)
        )
        result = from_paragraphs(name, "odt", items, MAX_TEXT_CHARS)
    except DocumentError:
        raise
    except Exception as exc:  # odfdo and lxml raise many kinds on broken files
        raise DocumentError(
            f"not a readable OpenDocument text ({exc.__class__.__name__})"
        ) from None
    check_text(result.text)
    return result


def _paragraphs(document: Any) -> Iterator[tuple[Where, str]]:
    counter = {"paragraph": 0, "table": 0}
    yield from _walk(document.body, (("part", "body"),), counter, 0)
    for number, master in enumerate(document.get_styles("master-page"), start=1):
        for part, element in (
            ("header", master.get_page_header()),
            ("footer", master.get_page_footer()),
        ):
            if element is None:
                continue
            count = {"paragraph": 0, "table": 0}
            yield from _walk(element, (("part", part), ("page-style", number)), count, 0)


def _walk(
    element: Any, where: Where, counter: dict[str, int], depth: int
) -> Iterator[tuple[Where, str]]:
    if depth > MAX_DEPTH:
        raise DocumentError("content nested too deeply")
    for child in element.children:
        tag = child.tag
        if tag in PARAGRAPHS:
            counter["paragraph"] += 1
            yield (*where, ("paragraph", counter["paragraph"])), str(child.inner_text)
        elif tag == "table:table":
            counter["table"] += 1
            table_where = (*where, ("table", counter["table"]))
            for r, row in enumerate(child.get_rows(), start=1):
                for c, cell in enumerate(row.get_cells(), start=1):
                    cell_where = (*table_where, ("row", r), ("cell", c))
                    yield from _walk(cell, cell_where, {"paragraph": 0, "table": 0}, depth + 1)
        elif not tag.startswith(("office:forms", "text:sequence-decls", "table:table-")):
            yield from _walk(child, where, counter, depth + 1)
