"""Cutting a long text into bounded blocks, so memory does not grow with the document.

A text of up to ``BLOCK_CHARS`` characters is one block: it is parsed whole, as it always was.
A longer text is cut at paragraph breaks (an over-long paragraph at line breaks, then at spaces,
then anywhere) into blocks of at most ``BLOCK_CHARS`` characters, each parsed as its own ``Doc``.

Where a block ends is decided by the paragraphs themselves, not by how much text came before:
once a block holds ``MIN_BLOCK_CHARS``, it ends after the first paragraph whose text hashes to a
cut point. An edit in one paragraph then changes only its own block (and sometimes the next), so
the language server re-checks those and keeps the findings of the rest.

The language server re-checks a document after every edit. A block an edit changed is cut
again (:func:`split`) into smaller blocks: each ends at the first paragraph break once it holds
``PARAGRAPH_CHARS``, so the next edit there re-parses about one paragraph. Short paragraphs are
grouped, so the lead-ins never cost more than the text itself; a boundary moved by an edit
falls back in place at the next paragraph of ``PARAGRAPH_CHARS`` or more. The findings are the
same however a text is cut.

Each block is parsed with a short lead-in: the end of the text before it (up to ``LEAD_CHARS``,
from a paragraph or word start), so a rule that reads the previous sentence, and the parser's
view of a block's first words, see what they would in the whole text. Findings in the lead-in
belong to the block before and are dropped.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

BLOCK_CHARS = 6_000
MIN_BLOCK_CHARS = 1_000
LEAD_CHARS = 200
# One paragraph in CUT_EVERY ends a block (once it holds MIN_BLOCK_CHARS).
CUT_EVERY = 2
# A block cut again for editing ends at the first paragraph break once it holds this much.
PARAGRAPH_CHARS = 200
_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")


@dataclass(frozen=True, slots=True)
class Block:
    """``text[start:end]`` is the block's own text; parsing starts at ``lead`` (<= start)."""

    lead: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Shape:
    """How a long text is cut into blocks.

    A block ends, once it holds ``least`` characters, after the first paragraph whose text
    hashes to a cut point (one in ``every``).
    """

    least: int
    every: int


WHOLE = Shape(MIN_BLOCK_CHARS, CUT_EVERY)  # a whole document: few, larger blocks
EDITING = Shape(PARAGRAPH_CHARS, 1)  # a block an edit changed: about a paragraph each


def blocks(text: str, limit: int = BLOCK_CHARS) -> Iterator[Block]:
    """The blocks of ``text`` in order; every character belongs to exactly one block.

    A generator: the pieces of a huge text are never all held at once.
    """
    if len(text) <= limit:
        yield Block(0, 0, len(text))
        return
    yield from _blocks(text, 0, len(text), limit, WHOLE)


def split(text: str, block: Block, limit: int = BLOCK_CHARS) -> Iterator[Block]:
    """One block of ``text`` cut again into blocks of about a paragraph (:data:`EDITING`).

    Each keeps its lead-in from the text before it, as every block does.
    """
    yield from _blocks(text, block.start, block.end, limit, EDITING)


def _blocks(text: str, start: int, stop: int, limit: int, shape: Shape) -> Iterator[Block]:
    """The blocks of ``text[start:stop]``, which starts and ends where a block may."""
    least = min(shape.least, limit // 2)
    end = start
    for piece_end in _pieces(text, limit, start, stop):
        if piece_end - start > limit and end > start:
            yield _block(text, start, end)
            start = end
        end = piece_end
        if end - start >= least and _cut_after(text, start, end, shape.every):
            yield _block(text, start, end)
            start = end
    if end > start:
        yield _block(text, start, end)


def _block(text: str, start: int, end: int) -> Block:
    return Block(lead_in(text, start), start, end)


def lead_in(text: str, start: int) -> int:
    """Where the lead-in before ``start`` begins.

    The earliest paragraph, line or word start within ``LEAD_CHARS`` of it, so the lead-in
    holds as much whole text as fits.
    """
    low = max(0, start - LEAD_CHARS)
    if low == 0:
        return 0
    body = len(text[low:start].rstrip())  # the break just before ``start`` starts nothing
    found = _BREAK.search(text, low, low + body)
    if found is not None:
        return found.end()
    for mark in ("\n", " "):
        at = text.find(mark, low, low + body)
        if at >= 0:
            return at + 1
    return start


def _cut_after(text: str, start: int, end: int, every: int) -> bool:
    """Whether a block may end at ``end``: only after a paragraph whose text hashes to a cut.

    The hash reads the last paragraph's own words (the last 200 characters at most), so the
    decision does not move when text before it is edited.
    """
    if not text.endswith("\n", start, end):
        return False
    if every <= 1:
        return True
    tail = text[max(start, end - 200) : end].encode("utf-8", "surrogatepass")
    return zlib.crc32(tail) % every == 0


def _pieces(text: str, limit: int, start: int, stop: int) -> Iterator[int]:
    """Ends of paragraphs in ``text[start:stop]``, with the blank lines after them.

    An over-long paragraph is cut smaller.
    """
    for match in _BREAK.finditer(text, start, stop):
        yield from _cut(text, start, match.end(), limit)
        start = match.end()
    if start < stop:
        yield from _cut(text, start, stop, limit)


def _cut(text: str, start: int, end: int, limit: int) -> Iterator[int]:
    """Ends of pieces of ``text[start:end]`` of at most ``limit`` characters: at lines, spaces."""
    while end - start > limit:
        window_end = start + limit
        cut = text.rfind("\n", start + limit // 4, window_end)
        if cut < 0:
            cut = text.rfind(" ", start + limit // 4, window_end)
        stop = cut + 1 if cut >= 0 else window_end
        if stop < end and 0xDC00 <= ord(text[stop]) <= 0xDFFF:
            stop -= 1  # never between the halves of a surrogate pair
        yield stop
        start = stop
    yield end
