"""``Linter``: the single way text becomes findings.

It loads the pipeline once, checks one text or many (through ``nlp.pipe``), splits very long
texts at paragraph breaks so offsets stay exact, and applies the writer's choices: which rules,
which profile, which severities. :meth:`Linter.check_document` is the entry point for every
surface (command line, language server, service, audit): a document that has been read goes in,
finished findings with their locations come out (see :mod:`vblint.finish`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from vblint.analysis import pipeline
from vblint.documents.model import Document
from vblint.findings import Finding, Severity, one_per_wording
from vblint.finish import Checked, finish
from vblint.offsets import LineIndex
from vblint.options import Options
from vblint.rules import RuleSet
from vblint.text import cleaned

__all__ = ["Checked", "Linter", "Options", "shared", "split"]

# Texts parsed inside one memory zone: enough that rare words are not re-created for every
# batch, few enough that a zone's memory stays small.
ZONE_TEXTS = 512
CHUNK_CHARS = 50_000
LEMMA_CACHE_LIMIT = 20_000
Region = tuple[int, int]
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n")


class Linter:
    """Checks texts with one loaded pipeline. Create once; reuse for every text."""

    def __init__(
        self,
        model: str | None = None,
        extra_packs: Sequence[str | Path] = (),
        nlp: Language | None = None,
    ) -> None:
        self.nlp = nlp if nlp is not None else pipeline.load(model, extra_packs)
        if "vblint" not in self.nlp.pipe_names:
            self.nlp.add_pipe("vblint", config={"extra_packs": [str(p) for p in extra_packs]})
        self.nlp.max_length = max(self.nlp.max_length, CHUNK_CHARS * 2)
        component = self.nlp.get_pipe("vblint")
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

    def check_document(self, document: Document, options: Options | None = None) -> Checked:
        """Finished findings for a document that has been read: the one way every surface checks.

        Rules are chosen by ``options``; then severity overrides, the document's suppression
        directives and the minimum severity apply, in that order, and each finding gets its
        location in the document.
        """
        return next(self.check_documents([document], options))

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
    ) -> list[list[Finding]]:
        pieces = [
            (index, offset, chunk)
            for index, text in enumerate(texts)
            for offset, chunk in split(text)
        ]
        results: list[list[Finding]] = [[] for _ in texts]
        with self._zone():
            docs = self.nlp.pipe(
                (self._make_doc(offset, chunk, marks[index]) for index, offset, chunk in pieces),
                batch_size=batch_size,
            )
            for (index, offset, chunk), doc in zip(pieces, docs, strict=True):
                text = texts[index]
                results[index].extend(self._rebase(doc, offset, text, len(chunk) != len(text)))
        return [
            one_per_wording([f for f in found if self._keep(f, wanted)])
            for found, wanted in zip(results, options, strict=True)
        ]

    def _make_doc(self, offset: int, chunk: str, marks: Sequence[Region]) -> Doc | str:
        """The chunk as a Doc carrying reader-marked quoted regions, or as plain text."""
        if not marks:
            return chunk
        doc = self.nlp.make_doc(chunk)
        end = offset + len(chunk)
        doc._.vblint_quoted = [
            (max(s, offset) - offset, min(e, end) - offset)
            for s, e in marks
            if s < end and e > offset
        ]
        return doc

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

    @staticmethod
    def _rebase(doc: Doc, offset: int, text: str, chunked: bool) -> list[Finding]:
        findings: list[Finding] = doc._.vblint_findings or []
        if not chunked:
            return findings
        lines = LineIndex(text)
        return [f.moved(f.start + offset, f.end + offset, lines) for f in findings]


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


def split(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most ``limit`` characters, cut at paragraph breaks."""
    if len(text) <= limit:
        return [(0, text)]
    pieces: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            window = text[start:end]
            breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(window)]
            if breaks and breaks[-1] > limit // 4:
                end = start + breaks[-1]
            else:
                space = window.rfind(" ")
                end = start + space + 1 if space > limit // 4 else end
        pieces.append((start, text[start:end]))
        start = end
    return pieces
