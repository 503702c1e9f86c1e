"""A real LSP client (pygls's) talking to ``vblint lsp`` in a subprocess over stdio."""

from __future__ import annotations

import asyncio
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

VBLINT = str(Path(sys.executable).parent / "vblint")


class Client:
    """Records every publishDiagnostics and lets a test wait for a given document version."""

    def __init__(self, client: LanguageClient) -> None:
        self.lsp = client
        self.published: list[lsp.PublishDiagnosticsParams] = []
        self.logs: list[str] = []
        self._changed = asyncio.Condition()
        self.versions: dict[str, int] = {}
        self.stderr = ""

    async def on_publish(self, params: lsp.PublishDiagnosticsParams) -> None:
        async with self._changed:
            self.published.append(params)
            self._changed.notify_all()

    async def diagnostics(
        self, uri: str, version: int | None = None, timeout: float = 20
    ) -> list[lsp.Diagnostic]:
        """The diagnostics published for ``uri`` (at ``version`` when given)."""

        def ready() -> lsp.PublishDiagnosticsParams | None:
            for params in reversed(self.published):
                if params.uri == uri and (version is None or params.version == version):
                    return params
            return None

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(ready), timeout)
        found = ready()
        assert found is not None
        return list(found.diagnostics)

    def open(self, uri: str, text: str, language: str = "plaintext") -> None:
        self.versions[uri] = 1
        item = lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        self.lsp.text_document_did_open(lsp.DidOpenTextDocumentParams(text_document=item))

    def change(self, uri: str, new_text: str, rng: lsp.Range | None = None) -> int:
        """An incremental edit (or a full replacement when ``rng`` is None); returns the version."""
        self.versions[uri] += 1
        version = self.versions[uri]
        event: Any = (
            lsp.TextDocumentContentChangePartial(range=rng, text=new_text)
            if rng is not None
            else lsp.TextDocumentContentChangeWholeDocument(text=new_text)
        )
        doc = lsp.VersionedTextDocumentIdentifier(uri=uri, version=version)
        self.lsp.text_document_did_change(
            lsp.DidChangeTextDocumentParams(text_document=doc, content_changes=[event])
        )
        return version

    def configure(self, settings: Any) -> None:
        self.lsp.workspace_did_change_configuration(
            lsp.DidChangeConfigurationParams(settings=settings)
        )


async def _start_tcp(raw: LanguageClient) -> asyncio.subprocess.Process:
    """``vblint lsp --tcp`` on a free port, and the client connected to it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = await asyncio.create_subprocess_exec(
        VBLINT, "lsp", "--tcp", "--port", str(port), stderr=asyncio.subprocess.DEVNULL
    )
    for _ in range(600):
        try:
            await raw.start_tcp("127.0.0.1", port)
            return process
        except OSError:
            await asyncio.sleep(0.1)
    process.kill()
    raise RuntimeError("vblint lsp --tcp did not start listening")


@asynccontextmanager
async def session(
    encodings: list[str] | None = None,
    snippets: bool = False,
    options: Any = None,
    tcp: bool = False,
) -> AsyncIterator[tuple[Client, lsp.InitializeResult]]:
    """Start ``vblint lsp``, initialise it with these client capabilities, shut it down after."""
    raw = LanguageClient("vblint-tests", "1")
    client = Client(raw)

    @raw.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def publish(params: lsp.PublishDiagnosticsParams) -> None:
        await client.on_publish(params)

    @raw.feature(lsp.WINDOW_LOG_MESSAGE)
    def log_message(params: lsp.LogMessageParams) -> None:
        client.logs.append(params.message)

    process = await _start_tcp(raw) if tcp else None
    if process is None:
        await raw.start_io(VBLINT, "lsp")
    general = lsp.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    workspace = lsp.WorkspaceClientCapabilities(
        workspace_edit=lsp.WorkspaceEditClientCapabilities(
            document_changes=True, snippet_edit_support=snippets
        )
    )
    capabilities = lsp.ClientCapabilities(general=general, workspace=workspace)
    result = await asyncio.wait_for(
        raw.initialize_async(
            lsp.InitializeParams(capabilities=capabilities, initialization_options=options)
        ),
        60,
    )
    raw.initialized(lsp.InitializedParams())
    try:
        yield client, result
    finally:
        await raw.shutdown_async(None)
        raw.exit(None)
        await raw.stop()
        server = getattr(raw, "_server", None)  # the stdio subprocess, when there is one
        if server is not None and server.stderr is not None:
            client.stderr = (await server.stderr.read()).decode("utf-8", "replace")
        if process is not None:
            await asyncio.wait_for(process.wait(), 30)
