"""The document model every reader produces and every adapter reads locations from."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from vblint.offsets import LineIndex
from vblint.text import clean

Kind = Literal["text", "markdown", "html", "docx", "odt", "pdf"]
Region = tuple[int, int]
SNIPPET_CHARS = 40


class DocumentError(Exception):
    """A file that cannot be read as a document; the message never quotes its content."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch ``[start, end)`` of the checked text and where it came from.

    ``source_start`` is the offset in :attr:`Document.source` of ``start`` when the stretch
    is copied one-to-one (``exact``), or of the whole construct (an HTML entity) when not;
    ``source_end`` is then where that construct ends, so a span never stops inside it.
    ``where`` describes a Word paragraph or table cell, or a PDF page.
    """

    start: int
    end: int
    source_start: int | None = None
    exact: bool = True
    where: tuple[tuple[str, Any], ...] = ()
    source_end: int | None = None


@dataclass(frozen=True)
class Document:
    """A file made ready for checking.

    ``text`` is what the linter reads. ``source`` is the text that directives are read from
    and excerpts shown from; line numbers refer to it. For plain text and Markdown it is the
    file's own text (Markdown code blanked, comments kept), for HTML the page source, for
    Word and PDF the extracted text itself.

    Both are cleaned as the document is made (lone surrogates become U+FFFD, one for one, see
    :mod:`vblint.text`), so every reader and every surface checks text that cannot raise;
    ``replaced`` counts what was replaced in ``text``.
    """

    path: str
    kind: Kind
    text: str
    source: str
    segments: tuple[Segment, ...] = ()
    quoted: tuple[Region, ...] = ()
    encoding: str = "utf-8"
    bom: bool = False
    display: str | None = None
    replaced: int = 0

    def __post_init__(self) -> None:
        text, replaced = clean(self.text)
        if replaced:
            object.__setattr__(self, "text", text)
            object.__setattr__(self, "replaced", self.replaced + replaced)
        source = clean(self.source).text
        if source is not self.source:
            object.__setattr__(self, "source", source)

    @cached_property
    def _source_lines(self) -> LineIndex:
        return LineIndex(self.source)

    @cached_property
    def _starts(self) -> list[int]:
        return [s.start for s in self.segments]

    def segment_at(self, offset: int) -> Segment | None:
        """The segment holding ``offset`` of the checked text, if any."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        seg = self.segments[index]
        return seg if offset <= seg.end else None

    def source_offset(self, offset: int) -> int | None:
        """Offset in :attr:`source` of an offset in the checked text, when there is one."""
        if not self.segments:
            return offset
        seg = self.segment_at(offset)
        if seg is None or seg.source_start is None:
            return None
        return seg.source_start + (offset - seg.start if seg.exact else 0)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the checked text as a span of :attr:`source`.

        A span touching an entity covers all of it, so the caller's own text can be cut or
        replaced there. Text with no map back (a break a reader added) keeps the offset.
        """
        if not self.segments:
            return start, end
        first = self._source_edge(start, last=False)
        if end <= start:
            return first, first
        return first, max(first, self._source_edge(end - 1, last=True))

    def _source_edge(self, offset: int, last: bool) -> int:
        seg = self.segment_at(offset)
        if seg is None or seg.source_start is None:
            return offset
        if seg.exact:
            return seg.source_start + (offset - seg.start) + (1 if last else 0)
        if last:
            return seg.source_end if seg.source_end is not None else seg.source_start + 1
        return seg.source_start

    def source_line(self, offset: int) -> int:
        """The 1-based line in :attr:`source` that directives refer to (0: none)."""
        if self.kind in ("docx", "odt", "pdf") or not self.segments:
            return self._source_lines.position(offset)[0]  # the source is the checked text
        src = self.source_offset(offset)
        if src is None:
            return 0
        return self._source_lines.position(min(src, len(self.source)))[0]

    def locate(self, start: int, end: int) -> dict[str, Any]:
        """Where a person finds ``[start, end)``: line and column, or paragraph/page + snippet."""
        if self.kind in ("docx", "odt", "pdf"):
            seg = self.segment_at(start)
            where = dict(seg.where) if seg is not None else {}
            return {**where, "snippet": self.snippet(start, end, seg)}
        first, last = self.source_offset(start), self.source_offset(max(start, end - 1))
        if first is None or last is None:
            return {}
        line, column = self._source_lines.position(first)
        end_line, end_column = self._source_lines.position(min(last + 1, len(self.source)))
        return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}

    def snippet(self, start: int, end: int, seg: Segment | None = None) -> str:
        """The finding with a little of its paragraph either side, on one line."""
        low = seg.start if seg is not None else 0
        high = seg.end if seg is not None else len(self.text)
        left = max(low, start - SNIPPET_CHARS)
        right = min(high, end + SNIPPET_CHARS)
        text = " ".join(self.text[left:right].split())
        return ("…" if left > low else "") + text + ("…" if right < high else "")


def from_paragraphs(
    name: str,
    kind: Kind,
    paragraphs: Iterable[tuple[tuple[tuple[str, Any], ...], str]],
    limit: int,
) -> Document:
    """A document of one-line paragraphs, each located by ``where`` (a cell, a page).

    A blank line between paragraphs keeps a heading or a header without a full stop from
    running into the next sentence. Stops reading once ``limit`` characters are gathered.
    """
    parts: list[str] = []
    segments: list[Segment] = []
    length = 0
    for where, text in paragraphs:
        segments.append(Segment(length, length + len(text), None, True, where))
        parts.append(text)
        length += len(text) + 2
        if length > limit:
            break
    text = "\n\n".join(parts)
    return Document(name, kind, text, text, segments=tuple(segments))
