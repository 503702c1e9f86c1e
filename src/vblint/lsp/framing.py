"""Reading LSP messages so that one malformed header costs one message, not the connection.

pygls frames messages by a ``Content-Length: N`` header line, exactly spelt, and ignores any
header block without one. The body of such a message then has no line end, so it runs into the
next message's header line, that header is missed too, and so on: the server never answers
again. :class:`Resync` sits between the stream and pygls's reader and repairs the framing:

- a header block that ends with no valid ``Content-Length`` (missing, not a number) is logged
  as an error (never its text, which may hold a note) and skipped, and reading resumes at the
  next ``Content-Length:`` wherever it appears, even glued to the end of the lost body;
- a valid length in a looser spelling (any case, spaces, a bare line feed) is passed on in the
  exact form pygls matches.

:func:`serve_tcp` is pygls's TCP server with the same repair (its reader is built inside).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
from typing import Protocol

from pygls.io_ import run_async
from pygls.lsp.server import LanguageServer

log = logging.getLogger("vblint.lsp")

_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
_ENDING = re.compile(_LENGTH.pattern + rb"\Z", re.IGNORECASE)


class Stream(Protocol):
    """The synchronous byte stream pygls reads from (``sys.stdin.buffer``)."""

    def readline(self) -> bytes: ...  # noqa: D102

    def read(self, n: int) -> bytes: ...  # noqa: D102


class Framing:
    """The header state of one connection: which lines pygls should see."""

    def __init__(self) -> None:
        self.length_seen = False  # in the current header block
        self.lost = False  # after a malformed block: looking for the next Content-Length
        self.skipped = 0

    def take(self, line: bytes) -> bytes | None:
        """The line to hand pygls for ``line`` read from the stream, or None to read on."""
        if self.lost:
            found = _ENDING.search(line)
            if found is None:
                return None
            self.lost = False
            self.length_seen = True
            return b"Content-Length: %d\r\n" % int(found.group(1))
        if (match := _LENGTH.fullmatch(line)) is not None:
            self.length_seen = True
            return b"Content-Length: %d\r\n" % int(match.group(1))
        if line.strip():
            return line  # another header (Content-Type): pygls ignores it
        if self.length_seen:
            self.length_seen = False
            return line  # the blank line that ends a good header block
        self.skipped += 1
        self.lost = True
        log.error(
            "malformed message header (no valid Content-Length); message %d skipped, "
            "reading on from the next header",
            self.skipped,
        )
        return None


class Resync:
    """A stream that hands pygls well-formed headers only, skipping malformed messages."""

    def __init__(self, stream: Stream) -> None:
        self.stream = stream
        self.framing = Framing()

    def readline(self) -> bytes:
        """The next header line pygls should see (b"" at the end of the stream)."""
        while True:
            line = self.stream.readline()
            if not line:
                return line
            if (passed := self.framing.take(line)) is not None:
                return passed

    def read(self, n: int) -> bytes:
        """The message body."""
        return self.stream.read(n)


class AsyncResync:
    """:class:`Resync` for an ``asyncio`` stream (a TCP connection)."""

    def __init__(self, reader: asyncio.StreamReader) -> None:
        self.reader = reader
        self.framing = Framing()

    async def readline(self) -> bytes:
        """The next header line pygls should see (b"" at the end of the stream)."""
        while True:
            line = await self.reader.readline()
            if not line:
                return line
            if (passed := self.framing.take(line)) is not None:
                return passed

    async def readexactly(self, n: int) -> bytes:
        """The message body."""
        return await self.reader.readexactly(n)


def serve_tcp(server: LanguageServer, host: str, port: int) -> None:
    """``server.start_tcp(host, port)``, reading each connection through :class:`AsyncResync`."""
    stop = threading.Event()
    server._stop_event = stop

    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server.protocol.set_writer(writer)
        await run_async(
            stop_event=stop,
            reader=AsyncResync(reader),
            protocol=server.protocol,
            logger=log,
            error_handler=server.report_server_error,
        )
        server.shutdown()  # type: ignore[no-untyped-call]

    async def listen() -> None:
        server._server = await asyncio.start_server(connection, host, port)
        async with server._server:
            await server._server.serve_forever()

    with contextlib.suppress(asyncio.CancelledError):
        asyncio.run(listen())
