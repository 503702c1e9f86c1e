"""The one place the audit turns note texts into findings: ``Linter.check_documents``.

Each note is a plain-text document, checked through the same entry point as every file
``vblint check`` reads (rules chosen, severity overrides, the note's own suppression
directives, then the minimum severity), so the audit's totals equal ``vblint check``'s over
the same notes, note for note, by construction.
"""

from __future__ import annotations

from collections.abc import Sequence

from vblint.audit.settings import CheckSettings
from vblint.documents import Document
from vblint.findings import Finding
from vblint.linter import Linter

BATCH = 64


def findings_for_notes(
    linter: Linter, texts: Sequence[str], settings: CheckSettings
) -> list[list[Finding]]:
    """Finished findings for each note, in order."""
    documents = (Document("note", "text", text, text) for text in texts)
    return [c.findings for c in linter.check_documents(documents, settings.options, BATCH)]
