"""After an edit the server re-checks only the blocks it touched, and publishes exactly what a
full check of the new text gives: a fresh document with the same text is the reference, and so
is one parse of the whole text in this process, as ``vblint check`` would give it."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from tests.lsp.client import Client, session

from vblint import Linter
from vblint.documents import Document
from vblint.lsp import convert
from vblint.lsp.server import pause_ms
from vblint.lsp.settings import DEFAULT_RULE_URL

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


def _whole(linter: Linter, text: str) -> list[tuple[object, ...]]:
    """The diagnostics of one parse of the whole text, with no blocks and no memo."""
    whole = Linter(nlp=linter.nlp, block_chars=len(text) + 1)
    found = whole.check_document(Document("long.txt", "text", text, text)).findings
    return _shape(convert.diagnostics(found, text, "utf-16", DEFAULT_RULE_URL))


def test_diagnostics_after_edits_equal_a_full_check_of_the_new_text(linter: Linter) -> None:
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
            edited = await _edit(client, edited, at, at + len(FLAGGED), "", 4)  # it goes
            assert _shape(await client.diagnostics(URI, 5)) != []
            assert _shape(await client.diagnostics(URI, 5)) == _whole(linter, edited)

    asyncio.run(go())


@pytest.mark.parametrize("words", [400, 2_000])
def test_repeated_edits_in_one_paragraph_equal_one_whole_parse(linter: Linter, words: int) -> None:
    """The first edit in a block cuts it into paragraphs; the later ones re-check one of them.

    Edits at the start of a paragraph, in the middle and at its end (where the next
    paragraph's lead-in changes too), with the debounce the server uses by default; a short
    note (one block) and a long one.
    """
    text = "\n\n".join(corpus(words, seed=6)) + "\n"
    start = text.index("\n\n", len(text) // 2) + 2

    async def go() -> None:
        async with session() as (client, _):
            client.open(URI, text)
            await client.diagnostics(URI, 1, timeout=120)
            edited = text
            for n, words in enumerate(["Seen again. ", FLAGGED.strip() + " ", "Okay. "]):
                edited = await _edit(client, edited, start, start, words, 10 + n)
            middle = edited.index(" ", start + 40)
            edited = await _edit(client, edited, middle, middle + 1, FLAGGED, 20)
            end = edited.index("\n\n", start)
            edited = await _edit(client, edited, end, end, FLAGGED, 21)
            assert _shape(await client.diagnostics(URI, client.versions[URI])) == _whole(
                linter, edited
            )

    asyncio.run(go())


def test_an_edit_waits_the_debounce_only_while_a_check_is_under_way() -> None:
    assert pause_ms(busy=False, debounce_ms=300) == 0
    assert pause_ms(busy=True, debounce_ms=300) == 300
    assert pause_ms(busy=True, debounce_ms=0) == 0
