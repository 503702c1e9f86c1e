"""One text's findings gathered block by block, as plain data, then settled once it is done.

A block's Doc is read as soon as it is parsed and then let go: its findings are moved to
offsets in the whole text (those in its lead-in belong to the block before and are dropped),
with what the document-wide answer to "is anyone named?" needs. When every block is in, the
findings that held only because a block named nobody are dropped if another block did, and
the overlap of wordings is settled block by block (blocks never overlap, so this is the same
as for the whole text, at a cost linear in the number of findings).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from vblint.blocks import Block
from vblint.findings import Finding, one_per_wording
from vblint.offsets import LineIndex

Key = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a parsed block leaves behind: plain data, offsets from the block's lead-in."""

    findings: tuple[Finding, ...]
    names_someone: bool
    unless_named: frozenset[Key]

    @classmethod
    def of(cls, doc: Doc) -> Parsed:
        """Read a block's Doc before it is freed."""
        return cls(
            tuple(doc._.vblint_findings or ()),
            bool(doc._.vblint_names_someone),
            frozenset(doc._.vblint_unless_named or ()),
        )


class Gathered:
    """The findings of one text so far, per block, with offsets into the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.parts: list[tuple[int, list[Finding]]] = []
        self.names_someone = False
        self.unless_named: set[Key] = set()
        self._lines: LineIndex | None = None

    def add(self, block: Block, parsed: Parsed) -> None:
        """Take the findings of one parsed block, in any order."""
        if block.lead == 0 and block.end == len(self.text):
            self.parts.append((block.start, list(parsed.findings)))
            return
        shift = block.lead
        own = block.start - shift
        if self._lines is None:
            self._lines = LineIndex(self.text)
        lines = self._lines
        own_findings = (f for f in parsed.findings if f.start >= own)
        moved = [f.moved(f.start + shift, f.end + shift, lines) for f in own_findings]
        self.parts.append((block.start, moved))
        self.names_someone = self.names_someone or parsed.names_someone
        for start, end, rule in parsed.unless_named:
            self.unless_named.add((start + shift, end + shift, rule))

    def findings(self, keep: Callable[[Finding], bool]) -> list[Finding]:
        """The text's findings in text order, once every block is in."""
        drop = self.unless_named if self.names_someone else set()
        out: list[Finding] = []
        for _, part in sorted(self.parts, key=lambda p: p[0]):
            out.extend(
                one_per_wording(
                    [f for f in part if keep(f) and (f.start, f.end, f.rule) not in drop]
                )
            )
        return out
