"""Safe fixes: one-to-one terminology swaps, applied only where they cannot change meaning.

A fix is the first suggestion of a rule marked ``safe_fix``, never inside quoted speech, never
with a placeholder. It is inserted exactly as the finding offers it: the suggestion already has
the case its place in the sentence asks for, so ``--fix`` writes the same words as the JSON,
SARIF, the language server, the service and the page. Files are written by
:func:`vblint.safe_write.atomic_write` (a link's target, owner, group and mode kept, files with
several hard links refused, never a temporary file left), keeping their encoding, byte-order mark
and line endings. Word documents get tracked changes (see :mod:`vblint.documents.word_fix`);
PDFs are never modified.
"""

from __future__ import annotations

import html
from pathlib import Path

from vblint.documents.model import Document
from vblint.edits import Edit, FixResult, apply, unified_diff
from vblint.findings import Finding, SuggestionKind
from vblint.safe_write import atomic_write


def safe_edits(findings: list[Finding]) -> list[Edit]:
    """The edits that may be applied without a person, in order, never overlapping."""
    edits: list[Edit] = []
    last_end = -1
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        top = f.suggestions[0] if f.suggestions else None
        if not f.safe_fix or top is None or "quoted" in f.context:
            continue
        if top.kind is not SuggestionKind.REPLACE or top.has_placeholder or f.start < last_end:
            continue
        edits.append(Edit(f.start, f.end, f.text, top.text, f.rule))
        last_end = f.end
    return edits


def fix_document(doc: Document, path: Path, edits: list[Edit], write: bool) -> FixResult:
    """Apply ``edits`` to the file behind ``doc`` (or only show them when ``write`` is False)."""
    if not edits:
        return FixResult(0, "")
    if doc.kind == "pdf":
        return FixResult(0, "", "PDF files are never modified")
    if doc.kind == "odt":
        return FixResult(0, "", "OpenDocument files are not modified; fix them in the editor")
    if doc.kind == "docx":
        from vblint.documents.word_fix import fix_docx

        result: FixResult = fix_docx(doc, path, edits, write)
        return result
    original = doc.display if doc.display is not None else doc.text
    source_edits = _to_source(doc, edits)
    new = apply(original, source_edits)
    diff = unified_diff(doc.path, original, new)
    if write and source_edits:
        data = new.encode(doc.encoding)
        if doc.bom:
            data = "\ufeff".encode(doc.encoding) + data
        atomic_write(path, data)
    return FixResult(len(source_edits), diff)


def _to_source(doc: Document, edits: list[Edit]) -> list[Edit]:
    """Edits in the file's own text: the same offsets, except in HTML (mapped, escaped)."""
    if doc.kind != "html":
        return edits
    out: list[Edit] = []
    for e in edits:
        seg = doc.segment_at(e.start)
        start, end = doc.source_offset(e.start), doc.source_offset(e.end)
        if seg is None or not seg.exact or e.end > seg.end or start is None or end is None:
            continue
        out.append(Edit(start, end, e.old, html.escape(e.new, quote=False), e.rule))
    return out
