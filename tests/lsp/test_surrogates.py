"""A lone surrogate in didOpen or didChange text is diagnosed, not silently dropped."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types as lsp
from tests.fuzzing import drawn
from tests.lsp.client import session

pytestmark = pytest.mark.slow

URI = "file:///tmp/vblint-test/surrogate.txt"
NOTE = "She put herself at risk by meeting him."


def test_open_and_change_with_a_lone_surrogate_are_diagnosed() -> None:
    async def go() -> None:
        async with session() as (client, _init):
            client.open(URI, "\ud800 " + NOTE)
            [diag] = [d for d in await client.diagnostics(URI, 1) if d.code == "VB101"]
            assert diag.range.start == lsp.Position(line=0, character=2)
            version = client.change(URI, NOTE + "\n\udfff " + NOTE)
            found = [d for d in await client.diagnostics(URI, version) if d.code == "VB101"]
            assert [d.range.start.line for d in found] == [0, 1]
            assert found[1].range.start.character == 2

    asyncio.run(go())


def test_fuzzed_edits_are_each_diagnosed_within_the_document() -> None:
    texts = drawn(20)  # the library's fuzz texts, the same on every run

    async def go() -> None:
        async with session() as (client, _init):
            client.open(URI, NOTE)
            await client.diagnostics(URI, 1)
            for text in texts:
                version = client.change(URI, text)
                for diag in await client.diagnostics(URI, version):
                    lines = text.splitlines() or [""]
                    assert diag.range.start.line <= diag.range.end.line < len(lines) + 1
            version = client.change(URI, NOTE)
            assert [d.code for d in await client.diagnostics(URI, version)] == ["VB101"]

    asyncio.run(go())
