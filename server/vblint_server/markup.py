"""Visible prose of Markdown and HTML, with a map back to offsets in the text as sent.

The service checks only what a reader sees (no tags, scripts, code or URLs) but must report
offsets into the caller's own text, so every prose character remembers where it came from.
Removed markup becomes at most one space (or a newline for block elements) so words on either
side never run together.
"""

from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass

from vblint.findings import Finding
from vblint.offsets import LineIndex

_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|blockquote|pre|hr|header|footer"
)
_HTML = re.compile(
    r"(?P<drop><!--.*?-->|<(script|style|template|noscript)\b.*?</\2\s*>|<!\[CDATA\[.*?\]\]>)"
    rf"|(?P<block></?(?:{_BLOCK_TAGS})\b[^>]*>)"
    r"|(?P<tag></?[A-Za-z!?][^>]*>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    re.DOTALL | re.IGNORECASE,
)
_MARKDOWN = re.compile(
    r"(?P<drop>\A---\n.*?\n---\n|^```.*?^```[ \t]*$|^~~~.*?^~~~[ \t]*$|<!--.*?-->|`[^`\n]+`"
    r"|<https?://[^>\s]+>|(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\))"
    r"|(?P<marker>^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)"
    r"|\*{1,3}(?=\S)|(?<=\S)\*{1,3}|(?<!\w)_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)|!?\[|\])"
    r"|(?P<tag></?[A-Za-z][^>\n]*>)",
    re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True, slots=True)
class Prose:
    """Prose text plus, for each prose character, the span of source it came from."""

    text: str
    starts: list[int]
    ends: list[int]

    def to_source(self, finding: Finding, source: str, lines: LineIndex) -> Finding:
        """The finding with offsets and positions into the source text."""
        if finding.end <= finding.start:
            start = end = self.starts[finding.start] if finding.start < len(self.starts) else 0
        else:
            start, end = self.starts[finding.start], self.ends[finding.end - 1]
        (line, col), (end_line, end_col) = lines.position(start), lines.position(end)
        return dataclasses.replace(
            finding,
            start=start,
            end=end,
            line=line,
            column=col,
            end_line=end_line,
            end_column=end_col,
        )


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def copy(self, source: str, start: int, end: int) -> None:
        for i in range(start, end):
            self.chars.append(source[i])
            self.starts.append(i)
            self.ends.append(i + 1)

    def emit(self, text: str, start: int, end: int) -> None:
        for char in text:
            self.chars.append(char)
            self.starts.append(start)
            self.ends.append(end)

    def gap(self, source: str, start: int, end: int, newline: bool) -> int:
        """Separate the words either side of removed markup; returns where to resume.

        A block ends a line after any text; inline markup gets a space only between two word
        characters. A space on both sides collapses to one, because a double space becomes a
        token of its own and splits phrases.
        """
        after = source[end : end + 1]
        before = self.chars[-1] if self.chars else ""
        if newline and before and not before.isspace():
            self.emit("\n", start, end)
        elif before.isalnum() and after.isalnum():
            self.emit(" ", start, end)
        elif before == " " and after == " ":
            return end + 1
        return end

    def build(self) -> Prose:
        return Prose("".join(self.chars), self.starts, self.ends)


def html_prose(source: str) -> Prose:
    """The visible text of an HTML fragment or page."""
    out = _Builder()
    pos = 0
    for m in _HTML.finditer(source):
        out.copy(source, pos, m.start())
        if m.group("entity"):
            out.emit(html.unescape(m.group()), m.start(), m.end())
        elif not m.group("tag"):
            # Inline tags (<b>, <a>) never separate words; blocks and dropped elements do.
            pos = out.gap(source, m.start(), m.end(), newline=m.group("block") is not None)
            continue
        pos = m.end()
    out.copy(source, pos, len(source))
    return out.build()


def markdown_prose(source: str) -> Prose:
    """The prose of a Markdown document: no front matter, code, URLs, comments or markers."""
    out = _Builder()
    pos = 0
    for m in _MARKDOWN.finditer(source):
        out.copy(source, pos, m.start())
        if m.group("drop") or m.group("tag"):
            pos = out.gap(source, m.start(), m.end(), newline="\n" in m.group())
            continue
        pos = m.end()
    out.copy(source, pos, len(source))
    return out.build()
