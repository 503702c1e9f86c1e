"""The spaCy factory ``vblint_lines``: a line break ends a sentence.

Case notes and guidance are full of bullet points and one-line entries without final stops;
left to itself the parser runs them together, and context from one line (an adult mentioned in
the line before) leaks into the next. The parser keeps boundaries set before it runs.
"""

from __future__ import annotations

import bisect

from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc


@Language.component("vblint_lines", assigns=["token.is_sent_start"])
def mark_line_starts(doc: Doc) -> Doc:
    """Mark the first token after each line break as starting a sentence."""
    text = doc.text
    if "\n" not in text or len(doc) < 2:
        return doc
    starts = doc.to_array([IDX]).tolist()
    at = text.find("\n")
    while at != -1:
        index = bisect.bisect_right(starts, at)
        while index < len(doc) and doc[index].is_space:
            index += 1
        if 0 < index < len(doc):
            doc[index].is_sent_start = True
        at = text.find("\n", at + 1)
    return doc
