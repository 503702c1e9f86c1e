"""The spaCy factory ``vblint_lines``: line breaks that end a sentence, end it.

Case notes and guidance are full of bullet points, headings and one-line entries without final
stops; left to itself the parser runs them together, and context from one line (an adult
mentioned in the line before) leaks into the next. Hard-wrapped prose, on the other hand, must
stay one sentence across its line breaks. A break ends a sentence after a blank line, before a
bullet or numbered item, after a line ending in punctuation that closes a clause, and after a
short line such as a heading. The parser keeps boundaries set before it runs.
"""

from __future__ import annotations

import bisect
import re

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc

_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022\u2013\u25aa]|\d{1,3}[.)]|[a-z][.)])[ \t]")
_CLOSING = tuple(".!?:;)\"'\u201d\u2019")
SHORT_LINE = 40


def ends_sentence(text: str, at: int) -> bool:
    """Whether the line break at ``at`` ends a sentence (see the module docstring)."""
    line_start = text.rfind("\n", 0, at) + 1
    previous = text[line_start:at].strip()
    rest = text[at + 1 :]
    if not previous or not rest.strip() or rest.lstrip(" \t").startswith(("\n", "\r")):
        return True
    if _ITEM.match(rest) or _ITEM.match(text, line_start):
        return True
    return previous.endswith(_CLOSING) or len(previous) < SHORT_LINE


@Language.component("vblint_lines", assigns=["token.is_sent_start"])
def mark_line_starts(doc: Doc) -> Doc:
    """Mark the first token after each sentence-ending line break as starting a sentence."""
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    starts = doc.to_array([IDX]).tolist()
    at = text.find("\n")
    while at != -1:
        if ends_sentence(text, at):
            index = bisect.bisect_right(starts, at)
            while index < len(doc) and doc[index].is_space:
                index += 1
            if 0 < index < len(doc):
                doc[index].is_sent_start = True
        at = text.find("\n", at + 1)
    return doc
