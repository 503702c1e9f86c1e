"""PDF: the text layer of each page, with page numbers. PDFs are read, never modified."""

from __future__ import annotations

import io
import re

from vblint.documents.limits import MAX_PDF_PAGES, MAX_TEXT_CHARS, check_text
from vblint.documents.model import Document, DocumentError, from_paragraphs

_LINE_BREAK = re.compile(r"(?<!\n)\n(?!\n)")


def read_pdf(name: str, data: bytes) -> Document:
    """The text of every page; a line break inside a paragraph becomes a space."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    if not data.lstrip()[:5].startswith(b"%PDF-"):
        raise DocumentError("not a PDF (wrong extension?)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError("encrypted PDF: remove the password to check it")
        count = len(reader.pages)
        if count > MAX_PDF_PAGES:
            raise DocumentError(f"more than {MAX_PDF_PAGES} pages")
        items = (
            ((("page", number),), _LINE_BREAK.sub(" ", page.extract_text() or "").strip())
            for number, page in enumerate(reader.pages, start=1)
        )
        result = from_paragraphs(name, "pdf", items, MAX_TEXT_CHARS)
    except DocumentError:
        raise
    except PdfReadError as exc:
        raise DocumentError(f"not a readable PDF ({_short(exc)})") from None
    except Exception as exc:  # pypdf raises many kinds on broken files
        raise DocumentError(f"not a readable PDF ({exc.__class__.__name__})") from None
    check_text(result.text)
    if count and not result.text.strip():
        raise DocumentError("PDF has no text layer (a scan?): nothing to check")
    return result


def _short(exc: Exception) -> str:
    first = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
    return first[:80]
