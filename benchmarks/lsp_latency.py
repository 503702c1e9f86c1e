"""Time from a didChange to the published diagnostics for a 500-word note, over stdio.

    .venv/bin/python benchmarks/lsp_latency.py [--runs 40] [--debounce-ms 60]

Prints the median and 95th percentile. The time includes the server's debounce, the parse
and the JSON-RPC round trip, as an editor would see it. The note is invented.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

URI = "file:///tmp/vblint-bench/note.txt"
SENTENCES = [
    "Sam was seen at the youth centre on Tuesday afternoon with his key worker.",
    "He said he had been staying with friends and that his phone had been taken.",
    "Staff noticed new trainers and cash that he could not explain.",
    "He put himself at risk by going to the flat again.",
    "An older man has been collecting him from school in a car most days.",
    "His mother is worried and has asked for help with getting him home at night.",
    "The school reports that attendance has dropped and he seems tired in lessons.",
    "He should not have gone back after the police returned him home.",
    "A strategy discussion is planned for Friday with police and health colleagues.",
    "The key worker will visit again next week and speak to the school nurse.",
]


def note(words: int = 500) -> str:
    """An invented case note of about ``words`` words, in short paragraphs."""
    out: list[str] = []
    count = 0
    i = 0
    while count < words:
        sentence = SENTENCES[i % len(SENTENCES)]
        out.append(sentence + ("\n\n" if i % 4 == 3 else " "))
        count += len(sentence.split())
        i += 1
    return "".join(out)


async def measure(runs: int, debounce_ms: int | None) -> list[float]:
    """Milliseconds from each didChange to its publishDiagnostics."""
    client = LanguageClient("vblint-bench", "1")
    waiting: dict[int, asyncio.Future[None]] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: lsp.PublishDiagnosticsParams) -> None:
        future = waiting.pop(params.version or 0, None)
        if future is not None and not future.done():
            future.set_result(None)

    @client.feature(lsp.WINDOW_LOG_MESSAGE)
    def log_message(params: lsp.LogMessageParams) -> None:
        del params

    vblint = str(Path(sys.executable).parent / "vblint")
    await client.start_io(vblint, "lsp")
    options = None if debounce_ms is None else {"debounceMs": debounce_ms}
    await client.initialize_async(
        lsp.InitializeParams(capabilities=lsp.ClientCapabilities(), initialization_options=options)
    )
    client.initialized(lsp.InitializedParams())
    loop = asyncio.get_running_loop()
    text = note()
    words = len(text.split())
    waiting[1] = loop.create_future()
    item = lsp.TextDocumentItem(uri=URI, language_id="plaintext", version=1, text=text)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))
    await asyncio.wait_for(waiting[1], 60)
    timings: list[float] = []
    line = text.count("\n")
    for version in range(2, runs + 2):
        waiting[version] = loop.create_future()
        at = lsp.Position(line=line, character=0)
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=at, end=at), text="Seen again. " if version % 2 else "Okay. "
        )
        doc = lsp.VersionedTextDocumentIdentifier(uri=URI, version=version)
        started = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(text_document=doc, content_changes=[change])
        )
        await asyncio.wait_for(waiting[version], 60)
        timings.append((time.perf_counter() - started) * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    print(f"note: {words} words, {runs} edits")
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument(
        "--debounce-ms", type=int, default=None, help="the server's debounce (default: its own)"
    )
    args = parser.parse_args()
    timings = asyncio.run(measure(args.runs, args.debounce_ms))
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"didChange -> publishDiagnostics: median {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms (target: median < 150 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
