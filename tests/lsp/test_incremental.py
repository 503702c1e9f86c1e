"""After an edit the server re-checks only the blocks it touched, and publishes exactly what a
full check of the new text gives: a fresh document with the same text is the reference."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from tests.lsp.client import Client, session

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from casenotes import corpus

pytestmark = pytest.mark.slow

URI = "file:///tmp/vblint-test/long.txt"
FLAGGED = " She put herself at risk by meeting him."


def _position(text: str, offset: int) -> lsp.Position:
    """An LSP position for ``offset``; the lines edited here are ASCII, so units = characters."""
    line_start = text.rfind("\n", 0, offset) + 1
    return lsp.Position(line=text.count("\n", 0, offset), character=offset - line_start)


def _shape(diagnostics: list[lsp.Diagnostic]) -> list[tuple[object, ...]]:
    return [(d.range, d.code, d.severity, d.message) for d in diagnostics]


async def _edit(client: Client, text: str, start: int, end: int, new: str, n: int) -> str:
    """Apply one edit to the open document; check it against a full check of the result."""
    rng = lsp.Range(start=_position(text, start), end=_position(text, end))
    version = client.change(URI, new, rng)
    edited = text[:start] + new + text[end:]
    after = await client.diagnostics(URI, version, timeout=120)
    fresh = f"file:///tmp/vblint-test/fresh-{n}.txt"
    client.open(fresh, edited)
    assert _shape(after) == _shape(await client.diagnostics(fresh, 1, timeout=120))
    return edited


def test_diagnostics_after_edits_equal_a_full_check_of_the_new_text() -> None:
    text = "Visit 😀 notes, café\u0301 and more.\n\n" + "\n\n".join(corpus(2_500, seed=4)) + "\n"
    middle = text.index("\n\n", len(text) // 2)

    async def go() -> None:
        async with session(encodings=["utf-16"], options={"debounceMs": 0}) as (client, _):
            client.open(URI, text)
            opened = await client.diagnostics(URI, 1, timeout=120)
            assert len(opened) > 3
            edited = await _edit(client, text, middle, middle, FLAGGED, 1)  # a new finding
            assert len(await client.diagnostics(URI, 2)) == len(opened) + 1
            late = edited.index("\n\n", middle + 200)
            edited = await _edit(client, edited, late, late + 2, " ", 2)  # two paragraphs join
            first = edited.index("\n\n")
            edited = await _edit(client, edited, first, first, "\nSeen at school.", 3)
            at = edited.index(FLAGGED)
            await _edit(client, edited, at, at + len(FLAGGED), "", 4)  # the finding goes
            assert _shape(await client.diagnostics(URI, 5)) != []

    asyncio.run(go())
