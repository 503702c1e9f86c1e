"""A tokenizer that cuts long runs of characters with no space into bounded pieces.

spaCy's tokenizer strips prefixes and suffixes from a whitespace-delimited chunk one at a
time, each strip a regex search over what is left: 8,000 nested parentheses with no space took
46 s. Chunks longer than :data:`MAX_RUN` code points are handed to the real tokenizer in pieces
of :data:`PIECE` code points and the pieces' Docs joined again. Nothing is inserted into the
text, so every token's offset into the original text is exact; only such a run (never an
ordinary word, URL or e-mail address) can tokenize differently at a cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

MAX_RUN = 200
PIECE = 64
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


def cuts(text: str) -> list[int]:
    """Offsets at which ``text`` is cut: inside runs of more than MAX_RUN non-space characters."""
    found: list[int] = []
    for run in _LONG_RUN.finditer(text):
        found.extend(range(run.start() + PIECE, run.end(), PIECE))
    return found


def pieces(text: str) -> Iterator[str]:
    """``text`` in the pieces the real tokenizer sees; they join to ``text`` exactly."""
    start = 0
    for cut in cuts(text):
        yield text[start:cut]
        start = cut
    yield text[start:]


class RunTokenizer:
    """Wraps a spaCy tokenizer; behaves as it does except on overlong runs (see the module).

    Everything else (memory zones, serialisation, the vocabulary) is the wrapped tokenizer's.
    """

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        """The tokens of ``text``, in linear time whatever the text holds."""
        if len(text) <= MAX_RUN or _LONG_RUN.search(text) is None:
            doc: Doc = self.inner(text)
            return doc
        docs = [self.inner(piece) for piece in pieces(text)]
        return Doc.from_docs(docs, ensure_whitespace=False)

    def __getattr__(self, name: str) -> Any:
        if name == "inner":  # not set yet (while unpickling): never recurse looking for it
            raise AttributeError(name)
        return getattr(self.inner, name)


def install(nlp: Language) -> Language:
    """Give ``nlp`` the run-cutting tokenizer (once; a second call changes nothing)."""
    if not isinstance(nlp.tokenizer, RunTokenizer):
        nlp.tokenizer = RunTokenizer(nlp.tokenizer)
    return nlp
