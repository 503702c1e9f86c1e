"""Writing safe fixes into a .docx as tracked changes the author accepts or rejects in Word.

Each fix becomes a ``w:del`` holding the old wording and a ``w:ins`` holding the new, both by
author "vblint" with the time of the run. Runs are split where a fix starts or ends; a fix that
crosses anything other than plain text (a hyperlink, a field, a tab) is left for the writer.
"""

from __future__ import annotations

import copy
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from vblint.documents.model import Document
from vblint.documents.word import open_docx, paragraph_text, paragraphs
from vblint.edits import FixResult, unified_diff
from vblint.safe_write import atomic_write

AUTHOR = "vblint"


def fix_docx(doc: Document, path: Path, edits: list[Any], write: bool) -> Any:
    """Apply edits as tracked changes; the file is replaced atomically when ``write``."""
    document = open_docx(path)
    located = list(paragraphs(document))
    revision = _Revisions(document)
    applied = 0
    old_lines: list[str] = []
    new_lines: list[str] = []
    for index, seg in enumerate(doc.segments):
        mine = [e for e in edits if seg.start <= e.start and e.end <= seg.end]
        if not mine or index >= len(located):
            continue
        paragraph = located[index][1]
        text = paragraph_text(paragraph)
        if text != doc.text[seg.start : seg.end]:
            continue
        done = [
            e
            for e in sorted(mine, key=lambda e: -e.start)
            if _track(paragraph, e.start - seg.start, e.end - seg.start, e.new, revision)
        ]
        if done:
            applied += len(done)
            old_lines.append(text + "\n")
            new_lines.append(_replaced(text, seg.start, done) + "\n")
    diff = unified_diff(doc.path, "".join(old_lines), "".join(new_lines))
    if write and applied:
        buffer = io.BytesIO()
        document.save(buffer)
        atomic_write(path, buffer.getvalue())
    return FixResult(applied, diff)


def _replaced(text: str, base: int, edits: list[Any]) -> str:
    for e in sorted(edits, key=lambda e: -e.start):
        text = text[: e.start - base] + e.new + text[e.end - base :]
    return text


class _Revisions:
    """Unique ids and one timestamp for the tracked changes of a run."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        ids = [int(v) for v in document.element.xpath("//@w:id") if str(v).isdigit()]
        self.next_id = max(ids, default=0) + 1000
        self.date = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        self.qn = qn

    def mark(self, tag: str) -> Any:
        from docx.oxml import OxmlElement

        element = OxmlElement(tag)
        element.set(self.qn("w:id"), str(self.next_id))
        element.set(self.qn("w:author"), AUTHOR)
        element.set(self.qn("w:date"), self.date)
        self.next_id += 1
        return element


def _runs(p: Any, qn: Any) -> list[tuple[Any, int, int, bool]]:
    """(element, start, end, plain) for the paragraph's direct runs and hyperlinks."""
    from docx.text.run import Run

    out = []
    pos = 0
    for child in p.iterchildren():
        if child.tag == qn("w:r"):
            text = Run(child, None).text  # type: ignore[arg-type]
            plain = all(c.tag in (qn("w:rPr"), qn("w:t")) for c in child.iterchildren())
        elif child.tag == qn("w:hyperlink"):
            text = "".join(Run(r, None).text for r in child.iterchildren(qn("w:r")))  # type: ignore[arg-type]
            plain = False
        else:
            continue
        out.append((child, pos, pos + len(text), plain))
        pos += len(text)
    return out


def _split(run: Any, at: int, qn: Any) -> Any:
    """Split a plain run ``at`` characters in; returns the new second half (inserted after)."""
    t = run.find(qn("w:t"))
    text = t.text or ""
    second = copy.deepcopy(run)
    t.text = text[:at]
    second.find(qn("w:t")).text = text[at:]
    for element in (t, second.find(qn("w:t"))):
        element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.addnext(second)
    return second


def _track(paragraph: Any, start: int, end: int, new: str, rev: _Revisions) -> bool:
    qn = rev.qn
    p = paragraph._p
    runs = _runs(p, qn)
    touched = [r for r in runs if r[1] < end and r[2] > start]
    if not touched or not all(r[3] and len(r[0].findall(qn("w:t"))) == 1 for r in touched):
        return False
    first, last = touched[0], touched[-1]
    if last[1] < end < last[2]:
        _split(last[0], end - last[1], qn)
    first_el = first[0]
    if first[1] < start:
        first_el = _split(first[0], start - first[1], qn)
        touched = [(first_el, start, min(first[2], end), True), *touched[1:]]
    elements = [first_el, *[r[0] for r in touched[1:]]]
    deletion = rev.mark("w:del")
    first_el.addprevious(deletion)
    for element in elements:
        t = element.find(qn("w:t"))
        t.tag = qn("w:delText")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        deletion.append(element)
    insertion = rev.mark("w:ins")
    run = copy.deepcopy(elements[0])
    run.find(qn("w:delText")).tag = qn("w:t")
    run.find(qn("w:t")).text = new
    insertion.append(run)
    deletion.addnext(insertion)
    return True
