"""Parsed blocks of one document kept from one check to the next (the language server's).

An edit changes one paragraph; the blocks the rest of the document is cut into are the same
text as before (see :mod:`vblint.blocks`), so their findings are taken from here and only the
changed blocks are parsed again. A block is known by everything its findings depend on: its
text with the lead-in, what the rest of the document says, and the reader's quoted regions in
it; the findings of a block that is found again are shifted to where it now starts.

A block the memo does not know is cut again into blocks of about a paragraph
(:func:`vblint.blocks.split`), and those are looked up in turn: the first edit in a block
re-parses it in paragraphs, and every later edit there re-parses about one paragraph. The
first check of a document keeps the larger blocks, which parse faster in all.

Only the blocks of the latest check are kept, so the memo never holds more than one copy of
the document's findings and text.
"""

from __future__ import annotations

from vblint.analysis.context import Surroundings
from vblint.gathered import Parsed

Key = tuple[str, Surroundings | None, tuple[tuple[int, int], ...]]


class Memo:
    """Blocks parsed in the latest check of one document, by what their findings depend on."""

    def __init__(self) -> None:
        self._kept: dict[Key, Parsed] = {}
        self._used: dict[Key, Parsed] = {}
        self._owner: object = None
        self.parsed = 0  # blocks parsed in the latest check (the rest came from here)
        self.reused = 0
        self.parsed_chars = 0  # characters parsed in the latest check, lead-ins included

    def begin(self, owner: object) -> None:
        """Start a check by ``owner`` (a Linter): another linter's blocks do not count."""
        if owner is not self._owner:
            self._kept = {}
            self._owner = owner
        self._used = {}
        self.parsed = self.reused = self.parsed_chars = 0

    @property
    def empty(self) -> bool:
        """Whether nothing is kept from a previous check (a document just opened)."""
        return not self._kept

    def get(self, key: Key) -> Parsed | None:
        """The block's findings from the latest check, if it was there."""
        found = self._kept.get(key)
        if found is not None:
            self._used[key] = found
            self.reused += 1
        return found

    def put(self, key: Key, parsed: Parsed, parsed_now: bool = True) -> None:
        """A block checked now (``parsed_now`` is false when no rule can match in it)."""
        self._used[key] = parsed
        self.parsed += 1
        self.parsed_chars += len(key[0]) if parsed_now else 0

    def end(self) -> None:
        """Keep only what this check used."""
        self._kept, self._used = self._used, {}
