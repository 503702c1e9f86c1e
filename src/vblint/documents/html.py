"""HTML: the visible text only, with a map back to line and column in the page source.

The standard library's streaming parser is used: it builds no tree, so a deeply nested page
costs no more than a flat one. Scripts, styles, code, comments and attributes are not prose;
``<blockquote>`` and ``<q>`` are quoted speech. Block elements end a paragraph.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint
from html.parser import HTMLParser

from vblint.documents.model import Document, DocumentError, Region, Segment

SKIP = frozenset({"script", "style", "noscript", "template", "code", "pre", "svg", "math", "head"})
KEEP_IN_HEAD = frozenset({"title"})
QUOTES = frozenset({"blockquote", "q"})
BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "section",
        "table",
        "td",
        "th",
        "title",
        "tr",
        "ul",
        "body",
        "html",
    ]
)
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
MAX_DEPTH_TRACKED = 10_000


class _Extractor(HTMLParser):
    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self.parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0
        self.skip: list[str] = []
        self.quote_starts: list[int] = []
        self.quoted: list[Region] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _emit(
        self, text: str, source_start: int | None, exact: bool, source_end: int | None = None
    ) -> None:
        if not text:
            return
        end = self.length + len(text)
        self.segments.append(Segment(self.length, end, source_start, exact, source_end=source_end))
        self.parts.append(text)
        self.length += len(text)

    def _break(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n\n"):
            self._emit("\n\n", None, False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP and tag not in VOID:
            if len(self.skip) < MAX_DEPTH_TRACKED:
                self.skip.append(tag)
            return
        if tag == "br":  # a line break inside a paragraph (an address, a poem), not a new one
            self._emit("\n", None, False)
            return
        if tag in BLOCKS:
            self._break()
        if tag in QUOTES and len(self.quote_starts) < MAX_DEPTH_TRACKED:
            self.quote_starts.append(self.length)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in QUOTES and self.quote_starts:
            self.quoted.append((self.quote_starts.pop(), self.length))
        if tag in BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.skip and not (self.skip == ["head"] and self.lasttag in KEEP_IN_HEAD):
            return
        # Whitespace becomes plain spaces one for one, so the map stays exact.
        self._emit(data.translate(_SPACES), self._offset(), True)

    def handle_entityref(self, name: str) -> None:
        if not self.skip:
            code = name2codepoint.get(name)
            char = " " if name == "nbsp" else chr(code) if code else f"&{name};"
            self._reference(char)

    def _reference(self, char: str) -> None:
        """An entity or character reference: one character standing for the whole of it."""
        start = self._offset()
        match = _REFERENCE.match(self.source, start)
        self._emit(char, start, False, match.end() if match else start + 1)

    def handle_charref(self, name: str) -> None:
        if self.skip:
            return
        try:
            value = int(name[1:], 16) if name[:1] in "xX" else int(name)
            char = chr(value) if 0 < value < 0x110000 else "\ufffd"
        except ValueError:
            char = "\ufffd"
        self._reference(char)


_REFERENCE = re.compile(r"&#?[0-9A-Za-z]*;?")
_SPACES = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\f": " ", "\xa0": " "})


def read_html(name: str, source: str, encoding: str = "utf-8", bom: bool = False) -> Document:
    """An HTML page's visible text, quoted regions and a map back to its source."""
    parser = _Extractor(source)
    try:
        parser.feed(source)
        parser.close()
    except (AssertionError, ValueError) as exc:  # malformed markup the parser gives up on
        raise DocumentError(f"not readable HTML ({exc.__class__.__name__})") from None
    text = "".join(parser.parts)
    return Document(
        name,
        "html",
        text,
        source,
        segments=tuple(parser.segments),
        quoted=tuple(parser.quoted),
        encoding=encoding,
        bom=bom,
        display=source,
    )
