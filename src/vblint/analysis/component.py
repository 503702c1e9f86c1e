"""The spaCy factory ``vblint``: matches rules and writes findings onto the Doc.

Registered through the ``spacy_factories`` entry point, so ``nlp.add_pipe("vblint")`` works in
any pipeline once the package is installed. It needs a tagger, lemmatizer and parser before it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from vblint.analysis import words
from vblint.analysis.context import DocContext
from vblint.analysis.engine import FindingEngine
from vblint.analysis.judgement import negative_subjective
from vblint.analysis.matcher import RuleMatcher
from vblint.analysis.prefilter import NotePrefilter
from vblint.analysis.rewrite import Verifier
from vblint.findings import Finding, Severity
from vblint.rules import RuleSet, load_rules

SPANS_KEY = "vblint"

if not Doc.has_extension("vblint_findings"):
    Doc.set_extension("vblint_findings", default=None)
# Extra quoted-speech regions a document reader knows about (a Markdown block quote), as
# (start, end) code-point offsets into the Doc's text.
if not Doc.has_extension("vblint_quoted"):
    Doc.set_extension("vblint_quoted", default=None)
# For a block of a long document (set by the linter): what the whole document says, and,
# written back, whether the block names someone and which findings hold only if nobody is.
if not Doc.has_extension("vblint_surroundings"):
    Doc.set_extension("vblint_surroundings", default=None)
if not Doc.has_extension("vblint_names_someone"):
    Doc.set_extension("vblint_names_someone", default=None)
if not Doc.has_extension("vblint_unless_named"):
    Doc.set_extension("vblint_unless_named", default=None)


class VblintComponent:
    """Finds rule matches, weighs their context and sets ``doc._.vblint_findings``."""

    def __init__(self, nlp: Language, name: str, rules: RuleSet, spans_key: str) -> None:
        self.name = name
        self.rules = rules
        self.spans_key = spans_key
        self.matcher = RuleMatcher(nlp.vocab, rules, nlp.make_doc)
        verifier = Verifier(nlp, _blocking, lambda docs: nlp.pipe(docs), nlp.make_doc, nlp.vocab)
        self.engine = FindingEngine(rules, verifier)
        self.lexicon = words.compile_lexicon(rules.lexicon) if rules.lexicon else words.builtin()
        judging: set[str] = set()
        if self.matcher.detectors:
            with words.active(self.lexicon):
                judging.update(words.of("judgement_words") | words.of("judgement_nouns"))
                judging.update(negative_subjective())
                # A clinical state never judges, in any form (see judgement._judging).
                judging.difference_update(words.of("clinical_states"))
        self.notes = NotePrefilter(nlp, self.matcher, judging)

    @property
    def prefilter(self) -> bool:
        """Whether work is skipped where no rule can match: the same findings either way."""
        return self.matcher.prefilter

    @prefilter.setter
    def prefilter(self, on: bool) -> None:
        self.matcher.prefilter = on

    def may_match(self, doc: Doc) -> bool:
        """Whether any rule could match ``doc``, tokenised and not yet parsed."""
        return self.notes.may_match(doc)

    def __call__(self, doc: Doc) -> Doc:
        """Set the findings for ``doc`` and return it."""
        return self._batch([doc])[0]

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Set the findings for each Doc of ``stream``, a batch at a time.

        The rewrites of a whole batch are re-parsed together: one ``nlp.pipe`` over a batch
        of sentences costs a fraction of parsing each alone.
        """
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._batch(batch)
                batch = []
        if batch:
            yield from self._batch(batch)

    def _batch(self, docs: list[Doc]) -> list[Doc]:
        with words.active(self.lexicon):
            drafts = [self.engine.draft(self.matcher(doc), DocContext(doc)) for doc in docs]
            parsed = self.engine.reparse(drafts)
            for doc, draft in zip(docs, drafts, strict=True):
                findings: list[Finding] = self.engine.settle(draft, parsed)
                ctx = draft.ctx
                if ctx.surroundings is not None:
                    doc._.vblint_names_someone = ctx.names_someone_here
                    doc._.vblint_unless_named = ctx.unless_named
                doc._.vblint_findings = findings
                if self.spans_key:
                    doc.spans[self.spans_key] = [
                        Span(doc, *_token_bounds(doc, f), label=f.rule) for f in findings
                    ]
        return docs


def _blocking(doc: Doc) -> list[tuple[int, int, str]]:
    """Where a re-parsed rewrite still gets a warning or an error, and from which rule."""
    found: list[Finding] = doc._.vblint_findings or []
    return [(f.start, f.end, f.rule) for f in found if f.severity.rank >= Severity.WARNING.rank]


def _token_bounds(doc: Doc, finding: Finding) -> tuple[int, int]:
    span = doc.char_span(finding.start, finding.end, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)


@Language.factory(
    "vblint",
    assigns=["doc._.vblint_findings", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.tag"],
    default_config={"extra_packs": [], "spans_key": SPANS_KEY},
)
def make_vblint(
    nlp: Language, name: str, extra_packs: list[str], spans_key: str
) -> VblintComponent:
    """Build the component from the built-in rule packs plus any extra pack directories."""
    rules = load_rules([Path(p) for p in extra_packs])
    return VblintComponent(nlp, name, rules, spans_key)
