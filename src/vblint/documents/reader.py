"""Choosing a reader by extension (or ``--stdin-format``) and decoding plain text."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import IO

from vblint.documents.limits import check_size, check_text, deadline
from vblint.documents.model import Document, DocumentError, Kind

KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".rst": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".odt": "odt",
    ".pdf": "pdf",
}
"""Every file suffix a reader handles, and the reader it picks: the one list of known kinds."""
DOCUMENT_SUFFIXES = frozenset(KINDS)
TEXT_SUFFIXES = frozenset(suffix for suffix, kind in KINDS.items() if kind in ("text", "markdown"))
_MAGIC = {b"%PDF-": "a PDF", b"PK\x03\x04": "a zip archive (a Word document?)"}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def kind_for(path: str | Path) -> Kind | None:
    """The reader for a file name, or None when vblint does not read that kind of file."""
    return KINDS.get(Path(path).suffix.lower())


def read_path(path: Path, kind: Kind | None = None) -> Document:
    """Read one file; raises :class:`DocumentError` with a one-line reason."""
    kind = kind or kind_for(path) or "text"
    try:
        if not path.is_file():
            raise DocumentError("not a regular file")
        check_size(path.stat().st_size)
        if kind in ("docx", "odt"):
            return _read_package(str(path), path, kind)
        data = path.read_bytes()
    except PermissionError:
        raise DocumentError("permission denied") from None
    except OSError as exc:
        raise DocumentError(f"cannot be read ({exc.strerror or exc.__class__.__name__})") from None
    return read_bytes(str(path), data, kind)


def read_bytes(name: str, data: bytes, kind: Kind) -> Document:
    """Read a file's bytes (standard input, or a file already read) as ``kind``."""
    check_size(len(data))
    with deadline():
        if kind == "pdf":
            from vblint.documents.pdf import read_pdf

            return read_pdf(name, data)
        if kind in ("docx", "odt"):
            import io

            return _read_package(name, io.BytesIO(data), kind)
        text, encoding, bom = decode(data)
        check_text(text)
        if kind == "markdown":
            from vblint.documents.markdown import read_markdown

            return read_markdown(name, text, encoding, bom)
        if kind == "html":
            from vblint.documents.html import read_html

            return read_html(name, text, encoding, bom)
        return Document(name, "text", text, text, encoding=encoding, bom=bom)


def _read_package(name: str, source: str | Path | IO[bytes], kind: Kind) -> Document:
    """Word and OpenDocument files: zip packages, read under a deadline."""
    with deadline():
        if kind == "odt":
            from vblint.documents.odt import read_odt

            return read_odt(name, source)
        from vblint.documents.word import read_docx

        return read_docx(name, source)


def decode(data: bytes) -> tuple[str, str, bool]:
    """(text, encoding, had a BOM): UTF-8 or BOM-marked UTF-16, else a clear error."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, True
            except UnicodeDecodeError:
                raise DocumentError(f"not valid {encoding.upper()} text") from None
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DocumentError(f"looks like {what}, not text (wrong extension?)")
    if b"\x00" in data[:8192]:
        raise DocumentError("binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text (invalid byte at offset {exc.start})") from None
