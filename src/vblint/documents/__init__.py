"""Readers that turn files into text to check, with a way back to where people can find it.

Every reader returns a :class:`Document`: the text the linter checks, regions of it that are
quoted speech, and segments mapping offsets in that text back to a line and column (text
formats), a paragraph or table cell (Word) or a page (PDF). Non-prose (front matter, code,
URLs, comments, scripts) is blanked with spaces of equal length where the text is the file's
own, so offsets into the original stay exact.
"""

from __future__ import annotations

from vblint.documents.model import Document, DocumentError, Kind, Segment
from vblint.documents.reader import (
    DOCUMENT_SUFFIXES,
    KINDS,
    TEXT_SUFFIXES,
    kind_for,
    read_bytes,
    read_path,
)

__all__ = [
    "DOCUMENT_SUFFIXES",
    "KINDS",
    "TEXT_SUFFIXES",
    "Document",
    "DocumentError",
    "Kind",
    "Segment",
    "kind_for",
    "read_bytes",
    "read_path",
]
