"""The check process: the spaCy pipeline, in a process of its own.

Parsing runs here rather than on a thread of the service so that it never holds the event
loop's GIL: the service answers ``/healthz`` at once however long a check runs, and a check that
outlasts its time limit is stopped by ending this process, not left running. The service keeps
a pool of these (:mod:`vblint_server.pool`) and sends each one batches of jobs from any request;
one batch is parsed together, which is faster than one text at a time. ``Linter`` wraps each
batch in spaCy's ``memory_zone`` and bounds the lemmatizer's cache, so this process does not grow
with new words.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from vblint import Checked, Linter, Options
from vblint.analysis.pipeline import ModelError
from vblint.documents import Document
from vblint.documents.html import read_html
from vblint.documents.markdown import read_markdown
from vblint.findings import Finding
from vblint.offsets import Encoding, LineIndex, OffsetMap
from vblint.rules import RulePackError


@dataclass(frozen=True, slots=True)
class Job:
    """One text to check, with its options, as the router resolved them."""

    text: str
    format: str
    options: Options
    encoding: Encoding


def main(conn: Connection, model: str | None, extra_packs: list[str]) -> None:
    """Load the pipeline, say so, then answer lists of jobs until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the service decides when this one ends
    try:
        linter = Linter(model=model, extra_packs=extra_packs)
    except (ModelError, RulePackError) as exc:  # these messages say what to install or fix
        conn.send(("failed", str(exc)))
        return
    except Exception as exc:
        conn.send(("failed", type(exc).__name__))
        return
    warm_up(linter)
    conn.send(("ready", f"{linter.model}-{linter.model_version}"))
    while True:
        try:
            jobs: list[Job] | None = conn.recv()
        except (EOFError, OSError):
            return
        if jobs is None:
            return
        conn.send(check_all(linter, jobs))


# Loads what the first real check would otherwise load lazily (the sentiment lexicon of the
# judgement detector, the inflection tables rewrites use, the Markdown and HTML readers).
WARM_UP = (
    "Staff said Jade is a difficult girl and she put herself at risk by meeting him; "
    "the 24-year-old man is her boyfriend."
)


def warm_up(linter: Linter) -> None:
    """Check a built-in note in every format once before saying ready.

    The first check in a fresh process otherwise pays for loading lexicons and tables, which
    can take it past the time limit and fail a caller's first note. A failure here is not fatal:
    the process still serves, as it would have without the warm-up.
    """
    for fmt in ("text", "markdown", "html"):
        try:
            check(linter, Job(WARM_UP, fmt, Options(), "utf-16"))
        except Exception:  # serving matters more than warming
            return


def start(model: str | None, extra_packs: list[str]) -> tuple[Any, Connection]:
    """A fresh check process and the service's end of its pipe."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    process = ctx.Process(
        target=main, args=(child, model, extra_packs), name="vblint-check", daemon=True
    )
    process.start()
    child.close()
    return process, parent


JobResult = tuple[str, Any]
"""``("ok", findings)`` or ``("error", exception class name)``: never the text or a traceback."""


def check_all(linter: Linter, jobs: Sequence[Job]) -> list[JobResult]:
    """One outcome per job, the jobs parsed as one batch.

    If the batch fails, each job is checked alone, so a text that breaks the parse fails only
    its own request, not the others in the batch.
    """
    if len(jobs) == 1:
        try:
            return [("ok", check(linter, jobs[0]))]
        except Exception as exc:
            return [("error", type(exc).__name__)]
    try:
        return [("ok", findings) for findings in check_batch(linter, jobs)]
    except Exception:
        return [outcome for job in jobs for outcome in check_all(linter, [job])]


def check_batch(linter: Linter, jobs: Sequence[Job]) -> list[list[dict[str, Any]]]:
    """Findings for each job, the texts parsed together: the same path as :func:`check`."""
    docs = [read(job.text, job.format) for job in jobs]
    checked = linter.check_documents(docs, [job.options for job in jobs])
    return [finish(job, result) for job, result in zip(jobs, checked, strict=True)]


def check(linter: Linter, job: Job) -> list[dict[str, Any]]:
    """Findings for one job as JSON-ready dicts, offsets in the job's units.

    The same path as ``vblint check``: the shared reader, then the Linter's one entry point
    (rules, overrides, the document's suppression directives, minimum severity).
    """
    return finish(job, linter.check_document(read(job.text, job.format), job.options))


def finish(job: Job, checked: Checked) -> list[dict[str, Any]]:
    """Map offsets back to the text as sent (HTML: from its visible text), in the job's units."""
    doc, findings = checked.document, checked.findings
    if doc.kind == "html":  # the checked text is the visible text, not the page as sent
        lines = LineIndex(job.text)
        findings = [to_source(doc, f, lines) for f in findings]
    return to_units(job.text, findings, job.encoding)


def read(text: str, fmt: str) -> Document:
    """The submitted text as a document; Markdown keeps its length, so offsets need no map."""
    if fmt == "markdown":
        return read_markdown("<request>", text)
    if fmt == "html":
        return read_html("<request>", text)
    return Document("<request>", "text", text, text)


def to_source(doc: Document, finding: Finding, lines: LineIndex) -> Finding:
    """The finding with offsets, line and column into :attr:`Document.source`."""
    start, end = doc.source_span(finding.start, finding.end)
    return finding.moved(start, end, lines)


def to_units(text: str, findings: list[Finding], encoding: Encoding) -> list[dict[str, Any]]:
    """``Finding.to_dict()`` with start/end converted through ``OffsetMap``."""
    offsets = OffsetMap(text)
    out = []
    for finding in findings:
        data = finding.to_dict()
        data.pop("location", None)
        data["start"] = offsets.to_units(finding.start, encoding)
        data["end"] = offsets.to_units(finding.end, encoding)
        out.append(data)
    return out
