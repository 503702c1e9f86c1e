"""``Linter``: the single way text becomes findings.

It loads the pipeline once, checks one text or many (through ``nlp.pipe``), parses a long text
as a stream of bounded blocks (:mod:`vblint.blocks`) inside memory zones, keeping only findings,
so memory does not grow with the document, and applies the writer's choices: which rules, which
profile, which severities. :meth:`Linter.check_document` is the entry point for every
surface (command line, language server, service, audit): a document that has been read goes in,
finished findings with their locations come out (see :mod:`vblint.finish`).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from spacy.language import Language
from spacy.tokens import Doc

from vblint.analysis import pipeline
from vblint.analysis.ages import youngest_child
from vblint.analysis.context import Surroundings
from vblint.blocks import BLOCK_CHARS, Block, blocks, split
from vblint.documents.model import Document
from vblint.findings import Finding, Severity
from vblint.finish import Checked, finish
from vblint.gathered import Gathered, Parsed
from vblint.memo import Key, Memo
from vblint.options import Options
from vblint.rules import RuleSet
from vblint.text import cleaned

if TYPE_CHECKING:
    from vblint.analysis.component import VblintComponent

__all__ = ["Checked", "Linter", "Options", "shared"]

# Texts gathered for one group (their findings are kept until the group is done), and the
# characters of blocks parsed inside one memory zone: enough that rare words are not
# re-created for every batch, few enough that a zone's strings and Docs stay small.
ZONE_TEXTS = 512
ZONE_CHARS = 20_000
CHUNK_CHARS = BLOCK_CHARS  # the most one Doc holds
LEMMA_CACHE_LIMIT = 20_000
Region = tuple[int, int]
# What a text in which no rule can match leaves behind, without being parsed.
NOTHING = Parsed((), False, frozenset())


class Linter:
    """Checks texts with one loaded pipeline. Create once; reuse for every text."""

    def __init__(
        self,
        model: str | None = None,
        extra_packs: Sequence[str | Path] = (),
        nlp: Language | None = None,
        block_chars: int = BLOCK_CHARS,
    ) -> None:
        self.nlp = nlp if nlp is not None else pipeline.load(model, extra_packs)
        if "vblint" not in self.nlp.pipe_names:
            self.nlp.add_pipe("vblint", config={"extra_packs": [str(p) for p in extra_packs]})
        # The most text one Doc holds: a longer text is parsed in blocks (see vblint.blocks).
        self.block_chars = block_chars
        self.nlp.max_length = max(self.nlp.max_length, block_chars * 2)
        component = self.nlp.get_pipe("vblint")
        self._component = cast("VblintComponent", component)
        self.rules: RuleSet = component.rules  # type: ignore[attr-defined]
        self.model = f"{self.nlp.meta.get('lang', 'en')}_{self.nlp.meta.get('name', '?')}"
        self.model_version = str(self.nlp.meta.get("version", ""))

    def check(
        self, text: str, options: Options | None = None, quoted: Sequence[Region] = ()
    ) -> list[Finding]:
        """Findings for one text, with code-point offsets into it.

        ``quoted`` marks extra (start, end) regions as quoted speech, for readers that know
        more than quotation marks show (a Markdown block quote).
        """
        return next(self.check_many([text], options, quoted=[quoted]))

    def check_document(
        self, document: Document, options: Options | None = None, memo: Memo | None = None
    ) -> Checked:
        """Finished findings for a document that has been read: the one way every surface checks.

        Rules are chosen by ``options``; then severity overrides, the document's suppression
        directives and the minimum severity apply, in that order, and each finding gets its
        location in the document. With a ``memo`` (one per open document, kept by the
        language server), blocks unchanged since the last check are not parsed again.
        """
        if memo is None:
            return next(self.check_documents([document], options))
        wanted = options or Options()
        raw = self._check_group(
            [document.text], [document.quoted], [_unfiltered(wanted)], ZONE_TEXTS, memo
        )
        self.trim_caches()
        return finish(document, raw[0], wanted, self.rules)

    def check_documents(
        self,
        documents: Iterable[Document],
        options: Options | Sequence[Options] | None = None,
        batch_size: int = 64,
    ) -> Iterator[Checked]:
        """:meth:`check_document` for many documents, parsed in batches through ``nlp.pipe``.

        ``options`` is one set for all documents or one per document (in order).
        """
        per_document = None if options is None or isinstance(options, Options) else options
        shared = options if isinstance(options, Options) else Options()
        for start, group in _numbered_batches(documents, max(batch_size, ZONE_TEXTS)):
            wanted = [
                per_document[start + i] if per_document is not None else shared
                for i in range(len(group))
            ]
            raw = self._check_group(
                [d.text for d in group],
                [d.quoted for d in group],
                [_unfiltered(o) for o in wanted],
                batch_size,
            )
            self.trim_caches()
            for document, found, chosen in zip(group, raw, wanted, strict=True):
                yield finish(document, found, chosen, self.rules)

    def check_many(
        self,
        texts: Iterable[str],
        options: Options | None = None,
        batch_size: int = 64,
        quoted: Iterable[Sequence[Region]] | None = None,
    ) -> Iterator[list[Finding]]:
        """Findings for each text, in order, parsing ``batch_size`` texts at a time.

        Up to ``ZONE_TEXTS`` texts are parsed inside one memory zone, so a long stream of texts
        never grows the vocabulary; findings are plain data and outlive the zone.
        """
        options = options or Options()
        marks = iter(quoted) if quoted is not None else None
        texts = (cleaned(text) for text in texts)  # lone surrogates: see vblint.text
        for group in _batched(texts, max(batch_size, ZONE_TEXTS)):
            group_marks = [next(marks, ()) if marks is not None else () for _ in group]
            results = self._check_group(group, group_marks, [options] * len(group), batch_size)
            self.trim_caches()  # before yielding: ``check`` never resumes this generator
            yield from results

    def check_each(
        self,
        texts: Sequence[str],
        options: Sequence[Options],
        quoted: Sequence[Sequence[Region]],
    ) -> list[list[Finding]]:
        """Findings for texts that each carry their own options, parsed as one batch.

        For callers that gather texts from different requests (the HTTP service's check
        process): one ``nlp.pipe`` batch parses several short texts faster than one by one.
        """
        if not len(texts) == len(options) == len(quoted):
            raise ValueError("check_each needs one options and one quoted list per text")
        texts = [cleaned(text) for text in texts]  # lone surrogates: see vblint.text
        results: list[list[Finding]] = []
        for start in range(0, len(texts), ZONE_TEXTS):
            part = slice(start, start + ZONE_TEXTS)
            results.extend(
                self._check_group(
                    list(texts[part]), list(quoted[part]), list(options[part]), len(texts)
                )
            )
            self.trim_caches()
        return results

    def trim_caches(self) -> None:
        """Empty spaCy's lemmatizer cache when it is large.

        ``memory_zone`` frees the strings and vocabulary of each batch, but the rule-based
        lemmatizer keeps its own dict keyed by every (word, tag) it has seen, so a long-running
        process that keeps seeing new names and misspellings would grow without end.
        """
        for name in self.nlp.pipe_names:
            cache = getattr(self.nlp.get_pipe(name), "cache", None)
            if isinstance(cache, dict) and len(cache) > LEMMA_CACHE_LIMIT:
                cache.clear()

    def _check_group(
        self,
        texts: list[str],
        marks: list[Sequence[Region]],
        options: list[Options],
        batch_size: int,
        memo: Memo | None = None,
    ) -> list[list[Finding]]:
        """Each text's findings, its blocks parsed through ``nlp.pipe`` a zone at a time.

        A zone holds up to ``ZONE_CHARS`` characters of blocks, so neither the Docs nor the
        strings of a huge text pile up; only findings (plain data) outlive a zone. Blocks
        found in ``memo`` are not parsed.
        """
        gathered = [Gathered(text) for text in texts]
        if memo is not None:
            memo.begin(self)
        pieces = _pieces(texts, self.block_chars)
        if memo is not None:
            pieces = _unknown(pieces, marks, gathered, memo, self.block_chars, self._may_match)
        for zone in _zoned(pieces, ZONE_CHARS):
            with self._zone():
                made = [
                    (piece, self._make_doc(piece[2], piece[1], marks[piece[0]], piece[3]))
                    for piece in zone
                ]
                wanted = [(piece, doc) for piece, doc in made if doc is not None]
                docs = self.nlp.pipe((doc for _, doc in wanted), batch_size=batch_size)
                parsed_docs = (Parsed.of(doc) for doc in docs)
                found = zip([piece for piece, _ in wanted], parsed_docs, strict=True)
                skipped = [(piece, NOTHING) for piece, doc in made if doc is None]
                for (index, block, text, aside), parsed in itertools.chain(found, skipped):
                    if memo is not None:
                        key = _key(text, block, marks[index], aside)
                        memo.put(key, parsed, parsed_now=parsed is not NOTHING)
                    gathered[index].add(block, parsed)
        if memo is not None:
            memo.end()
        return [
            found.findings(partial(self._keep, options=wanted))
            for found, wanted in zip(gathered, options, strict=True)
        ]

    def _make_doc(
        self, text: str, block: Block, marks: Sequence[Region], aside: Surroundings | None
    ) -> Doc | None:
        """The block (with its lead-in) as a Doc carrying what the reader and the rest say.

        None for a whole text in which no rule can match: it is not parsed at all (see
        :mod:`vblint.analysis.prefilter`). A block of a longer text is always parsed, since
        whether it names someone can change the findings of the others.
        """
        piece = text[block.lead : block.end] if aside is not None else text
        doc = self.nlp.make_doc(piece)
        if aside is None and not self._component.may_match(doc):
            return None
        doc._.vblint_surroundings = aside
        if marks:
            doc._.vblint_quoted = list(_inside(marks, block))
        return doc

    def _may_match(self, text: str) -> bool:
        """Whether any rule can match in ``text`` (see :mod:`vblint.analysis.prefilter`)."""
        with self._zone():  # its new words are not kept
            return self._component.may_match(self.nlp.make_doc(text))

    def _zone(self) -> AbstractContextManager[object]:
        """SpaCy's memory zone, so a long-running process does not grow with new words.

        Inside a caller's own zone (an audit task) none is opened: zones must not nest, and
        an inner one would end the outer one's too.
        """
        zone = getattr(self.nlp, "memory_zone", None)
        if zone is None or getattr(self.nlp.vocab, "in_memory_zone", False):
            return nullcontext()
        opened: AbstractContextManager[object] = zone()
        return opened

    def _keep(self, finding: Finding, options: Options) -> bool:
        if finding.severity.rank < options.min_severity.rank:
            return False
        return options.wants(self.rules.rules[finding.rule])


_SHARED: dict[tuple[str | None, tuple[str, ...]], Linter] = {}


def shared(model: str | None = None, packs: Sequence[str] = ()) -> Linter:
    """One Linter per model and set of organisation packs in this process, loaded once."""
    key = (model, tuple(packs))
    if key not in _SHARED:
        _SHARED[key] = Linter(model=model, extra_packs=key[1])
    return _SHARED[key]


def _unfiltered(options: Options) -> Options:
    """The same rule choice with no minimum severity: that applies after directives."""
    if options.min_severity is Severity.INFO:
        return options
    return Options(options.select, options.ignore, Severity.INFO, options.profile, options.severity)


def _numbered_batches(
    documents: Iterable[Document], size: int
) -> Iterator[tuple[int, list[Document]]]:
    """Groups of ``size`` documents with the index of each group's first document."""
    group: list[Document] = []
    start = 0
    for document in documents:
        group.append(document)
        if len(group) >= size:
            yield start, group
            start += len(group)
            group = []
    if group:
        yield start, group


def _batched(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    group: list[str] = []
    for text in texts:
        group.append(text)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


Piece = tuple[int, Block, str, Surroundings | None]


def _pieces(texts: list[str], limit: int) -> Iterator[Piece]:
    """(text index, block, text, what the rest of the text says) for every block, lazily."""
    for index, text in enumerate(texts):
        aside: Surroundings | None = None
        for block in blocks(text, limit):
            if aside is None and block.end - block.lead < len(text):
                aside = Surroundings(youngest_child(text))
            yield index, block, text, aside


def _unknown(
    pieces: Iterator[Piece],
    marks: list[Sequence[Region]],
    gathered: list[Gathered],
    memo: Memo,
    limit: int,
    may_match: Callable[[str], bool],
) -> Iterator[Piece]:
    """The pieces ``memo`` does not know; those it knows go straight to ``gathered``.

    After the first check, a block that ``memo`` does not know (a short text is one block) is
    cut again into blocks of about a paragraph, and only those it does not know either are
    parsed: after an edit, about the paragraph the edit touched. A short text in which no rule
    can match is still not parsed at all.
    """
    again = not memo.empty
    for piece in pieces:
        index, block, text, aside = piece
        known = memo.get(_key(text, block, marks[index], aside))
        if known is not None:
            gathered[index].add(block, known)
            continue
        whole = aside is None
        cut = again and not (whole and not may_match(text))
        parts = list(split(text, block, limit)) if cut else [block]
        if len(parts) == 1:  # a document just opened, or one paragraph
            yield piece
            continue
        if whole:  # a short text, now in blocks: they need what the whole says
            aside = Surroundings(youngest_child(text))
        for part in parts:
            known = memo.get(_key(text, part, marks[index], aside))
            if known is None:
                yield index, part, text, aside
            else:
                gathered[index].add(part, known)


def _key(text: str, block: Block, marks: Sequence[Region], aside: Surroundings | None) -> Key:
    """What a block's findings depend on: its text, the rest's facts, its quoted regions."""
    return text[block.lead : block.end], aside, tuple(_inside(marks, block))


def _inside(marks: Sequence[Region], block: Block) -> Iterator[Region]:
    """The reader's quoted regions that reach into the block, as offsets from its lead-in."""
    for start, end in marks:
        if start < block.end and end > block.lead:
            yield max(start, block.lead) - block.lead, min(end, block.end) - block.lead


def _zoned(pieces: Iterator[Piece], chars: int) -> Iterator[list[Piece]]:
    """Lists of pieces holding about ``chars`` characters of blocks each (at least one)."""
    zone: list[Piece] = []
    size = 0
    for piece in pieces:
        zone.append(piece)
        size += piece[1].end - piece[1].lead
        if size >= chars:
            yield zone
            zone, size = [], 0
    if zone:
        yield zone
