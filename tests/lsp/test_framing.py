"""A malformed message header costs one message: ``vblint lsp`` logs it and keeps serving.

Raw bytes over a real stdio process (pygls's client cannot send a malformed header): the
server is initialised, sent a message whose header has no valid ``Content-Length``, then a
valid ``didOpen`` (which must be diagnosed) and a ``shutdown`` request (which must be answered).
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
from asyncio.subprocess import PIPE
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow

VBLINT = str(Path(sys.executable).parent / "vblint")
SENTINEL = "SENTINEL-5c1e9"
URI = "file:///tmp/vblint-test/after.txt"


def _frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _open(uri: str, text: str) -> dict[str, Any]:
    item = {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}
    return {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": item}}


LOST = json.dumps(_open("file:///tmp/vblint-test/lost.txt", f"{SENTINEL} she put herself at risk"))

MALFORMED = {
    "no length": b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
    "not a number": b"Content-Length: twelve\r\n\r\n",
    "negative": b"Content-Length: -40\r\n\r\n",
    "no header at all": b"\r\n",
}


class Raw:
    """An LSP connection at the byte level (a process's pipes, or a TCP connection)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.stdout, self.stdin = reader, writer

    async def send(self, data: bytes) -> None:
        self.stdin.write(data)
        await self.stdin.drain()

    async def receive(self) -> dict[str, Any]:
        length = 0
        while (line := await self.stdout.readline()).strip():
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(await self.stdout.readexactly(length))
        return message

    async def until(self, wanted: Any, timeout: float = 60) -> dict[str, Any]:
        async def scan() -> dict[str, Any]:
            while not wanted(message := await self.receive()):
                pass
            return message

        return await asyncio.wait_for(scan(), timeout)


async def _connect(tcp: bool) -> tuple[asyncio.subprocess.Process, Raw]:
    if not tcp:
        process = await asyncio.create_subprocess_exec(
            VBLINT, "lsp", stdin=PIPE, stdout=PIPE, stderr=PIPE
        )
        assert process.stdout is not None and process.stdin is not None
        return process, Raw(process.stdout, process.stdin)  # type: ignore[arg-type]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = await asyncio.create_subprocess_exec(
        VBLINT, "lsp", "--tcp", "--port", str(port), stderr=PIPE
    )
    for _ in range(1800):
        try:
            return process, Raw(*await asyncio.open_connection("127.0.0.1", port))
        except OSError:
            await asyncio.sleep(0.1)
    process.kill()
    raise RuntimeError("vblint lsp --tcp did not start listening")


async def _session(sent: bytes, tcp: bool = False) -> tuple[dict[str, Any], dict[str, Any], str]:
    process, raw = await _connect(tcp)
    try:
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
        await raw.send(_frame(init))
        await raw.until(lambda m: m.get("id") == 1, timeout=180)  # the model loads first
        await raw.send(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        await raw.send(sent)
        await raw.send(_frame(_open(URI, "Jade put herself at risk by meeting him.")))
        published = await raw.until(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == URI
            )
        )
        await raw.send(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        answer = await raw.until(lambda m: m.get("id") == 2)
        await raw.send(_frame({"jsonrpc": "2.0", "method": "exit"}))
        if tcp:
            raw.stdin.close()
        await asyncio.wait_for(process.wait(), 30)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert process.stderr is not None
    stderr = (await process.stderr.read()).decode("utf-8", "replace")
    return published, answer, stderr


@pytest.mark.parametrize("broken", list(MALFORMED.values()), ids=list(MALFORMED))
def test_a_malformed_header_is_logged_and_the_server_keeps_answering(broken: bytes) -> None:
    published, answer, stderr = asyncio.run(_session(broken + LOST.encode()))
    assert [d["code"] for d in published["params"]["diagnostics"]] == ["VB101"]
    assert answer == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert "malformed message header" in stderr
    assert SENTINEL not in stderr  # the lost message's text is never logged


def test_a_loosely_spelt_length_is_still_read() -> None:
    body = json.dumps({"jsonrpc": "2.0", "method": "$/ignored", "params": {}}).encode()
    loose = b"content-length:%d\n\n" % len(body) + body
    published, answer, stderr = asyncio.run(_session(loose))
    assert answer["id"] == 2 and published["params"]["diagnostics"]
    assert "malformed" not in stderr


def test_over_tcp_too() -> None:
    sent = MALFORMED["not a number"] + LOST.encode()
    published, answer, stderr = asyncio.run(_session(sent, tcp=True))
    assert published["params"]["diagnostics"] and answer["id"] == 2
    assert "malformed message header" in stderr and SENTINEL not in stderr


def test_the_reader_resyncs_on_the_header_glued_to_a_lost_body() -> None:
    import io

    from vblint.lsp.framing import Resync

    body = json.dumps({"jsonrpc": "2.0", "method": "exit"}).encode()
    good = b"Content-Length: %d\r\n\r\n" % len(body) + body
    reader = Resync(io.BytesIO(b"Content-Length: x\r\n\r\n" + LOST.encode() + good + good))
    assert reader.readline() == b"Content-Length: x\r\n"  # passed on: pygls ignores it
    for _ in range(2):  # the message after the lost one, then the next, both whole
        assert reader.readline() == b"Content-Length: %d\r\n" % len(body)
        assert reader.readline() == b"\r\n"
        assert reader.read(len(body)) == body
    assert reader.readline() == b""
    assert reader.framing.skipped == 1
