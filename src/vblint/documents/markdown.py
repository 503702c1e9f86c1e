"""Markdown: prose only; front matter, code, URLs, HTML comments and tags are blanked.

Block quotes are marked as quoted speech. The checked text has the file's own length and line
breaks, so line and column are the file's. Directives are read from a copy with code blanked
and comments kept, so a directive shown inside a code example never applies.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from vblint.documents.blank import blank
from vblint.documents.model import Document, Region
from vblint.offsets import LineIndex

_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n.*?^(\1|\.\.\.)[ \t]*\r?$", re.M | re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_PATTERNS = (
    re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S),  # inline code
    re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),  # inline HTML tags
    re.compile(r"<(?:https?|ftp|mailto):[^<>\s]+>"),  # autolinks
    re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"),  # link destinations
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M),  # reference definitions
    re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]]+[^\s<>()\[\].,;:!?'\"]"),  # bare URLs
    re.compile(r"(?<![\w*])(?:\*{1,3}|_{1,3})(?=[^\s*_])"),  # opening emphasis
    re.compile(r"(?<=[^\s*_])(?:\*{1,3}|_{1,3})(?![\w*])"),  # closing emphasis
)
_QUOTE_MARKERS = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M)
_HEADING_MARKER = re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t])", re.M)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)


def read_markdown(name: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Document:
    """A Markdown file as prose, with block quotes marked as quoted speech."""
    lines = LineIndex(text)
    starts = [*lines.line_starts, len(text)]

    def span(first: int, last: int) -> Region:
        return starts[min(first, len(starts) - 1)], starts[min(last, len(starts) - 1)]

    code: list[Region] = []
    hidden: list[Region] = []
    quoted: list[Region] = []
    front = _FRONT_MATTER.match(text)
    if front:
        code.append((0, front.end()))
    body = blank(text, code)
    covered = [False] * (len(starts) - 1)
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        region = span(first, last)
        if token.type in ("inline", "paragraph_open", "heading_open", "html_block", "tr_open"):
            for i in range(first, min(last, len(covered))):
                covered[i] = True
        if token.type in ("fence", "code_block"):
            code.append(region)
        elif token.type == "html_block":
            chunk = body[region[0] : region[1]]
            hidden += [
                (region[0] + m.start(), region[0] + m.end()) for m in _SCRIPT.finditer(chunk)
            ]
            hidden += _matches(_INLINE_PATTERNS[1], chunk, region[0])
        elif token.type == "blockquote_open":
            quoted.append(region)
        elif token.type == "inline":
            chunk = body[region[0] : region[1]]
            for pattern in _INLINE_PATTERNS:
                target = code if pattern is _INLINE_PATTERNS[0] else hidden
                target += _matches(pattern, chunk, region[0])
    uncovered = [span(i, i + 1) for i, used in enumerate(covered) if not used]
    source = blank(text, code)
    comments = [(m.start(), m.end()) for m in _COMMENT.finditer(source)]
    markers = _matches(_QUOTE_MARKERS, source, 0) + _matches(_HEADING_MARKER, source, 0)
    checked = blank(source, [*hidden, *comments, *uncovered, *markers])
    return Document(
        name,
        "markdown",
        checked,
        source,
        quoted=tuple(quoted),
        encoding=encoding,
        bom=bom,
        display=text,
    )


def _matches(pattern: re.Pattern[str], chunk: str, offset: int) -> list[Region]:
    return [(offset + m.start(), offset + m.end()) for m in pattern.finditer(chunk)]
