"""The language server: debounced checking of open documents, hovers and quick fixes.

The pipeline is loaded once, before the server answers ``initialize``. Parsing runs on one
worker thread so the event loop keeps reading edits; a result is published only if the
document still has the version and text that were checked, so stale diagnostics never
replace newer ones. Note text is never logged.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from vblint import __version__
from vblint.findings import Finding
from vblint.linter import Linter
from vblint.lsp import convert
from vblint.lsp.settings import Settings, parse, project_options
from vblint.offsets import Encoding

log = logging.getLogger("vblint.lsp")

LANGUAGES = frozenset({"plaintext", "text", "markdown"})


@dataclass(frozen=True)
class Result:
    """The findings published for one version of one document."""

    version: int | None
    text: str
    findings: list[Finding]
    diagnostics: list[lsp.Diagnostic]


class VblintServer(LanguageServer):
    """A pygls server holding one Linter, the settings and the latest result per document."""

    def __init__(self, linter: Linter, rule_url: str = convert.RULE_URL) -> None:
        super().__init__(
            "vblint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental
        )
        self.linter = linter
        self.rule_url = rule_url
        self.settings = Settings()
        self.results: dict[str, Result] = {}
        self.tracked: set[str] = set()
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vblint-check")

    @property
    def encoding(self) -> Encoding:
        """The negotiated position encoding, in :mod:`vblint.offsets` terms."""
        return convert.offset_encoding(self.workspace.position_encoding)

    @property
    def snippets(self) -> bool:
        """Whether the client applies snippet edits in a WorkspaceEdit (LSP 3.18)."""
        workspace = self.client_capabilities.workspace
        edit = workspace.workspace_edit if workspace else None
        return bool(edit and edit.snippet_edit_support)

    def configure(self, raw: Any) -> None:
        """Take new settings from the client and re-check every open document."""
        self.settings = parse(raw)
        for problem in self.settings.problems:
            self.tell(lsp.MessageType.Warning, f"vblint setting ignored: {problem}")
        for uri in list(self.tracked):
            self.schedule(uri, 0)

    def tell(self, kind: lsp.MessageType, message: str) -> None:
        """A line in the client's log (VS Code's output channel, Neovim's :LspLog)."""
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def schedule(self, uri: str, delay_ms: int) -> None:
        """Check ``uri`` after ``delay_ms``, cancelling a check still waiting to start."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        task = asyncio.get_running_loop().create_task(self.check(uri, delay_ms / 1000))
        self.pending[uri] = task

    async def check(self, uri: str, delay: float) -> None:
        """Check the document as it is now and publish, unless it changed meanwhile."""
        if delay:
            await asyncio.sleep(delay)
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        version, text = document.version, document.source
        options = project_options(self.settings, to_fs_path(uri))
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(self.executor, self.linter.check, text, options)
        except Exception as exc:  # one document's failure must not stop the server
            self.tell(
                lsp.MessageType.Error, f"vblint could not check a document: {type(exc).__name__}"
            )
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version or current.source != text:
            return
        diagnostics = convert.diagnostics(findings, text, self.encoding, self.rule_url)
        self.results[uri] = Result(version, text, findings, diagnostics)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def current(self, uri: str) -> Result | None:
        """The last result for ``uri`` if it still matches the document's text."""
        result = self.results.get(uri)
        document = self.workspace.text_documents.get(uri)
        if result is None or document is None or document.source != result.text:
            return None
        return result

    def forget(self, uri: str) -> None:
        """Stop tracking a closed document and clear its diagnostics."""
        self.tracked.discard(uri)
        self.results.pop(uri, None)
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def build(linter: Linter, rule_url: str = convert.RULE_URL) -> VblintServer:
    """A server with every feature registered."""
    server = VblintServer(linter, rule_url)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: VblintServer, params: lsp.InitializeParams) -> None:
        ls.settings = parse(params.initialization_options)

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: VblintServer, params: lsp.InitializedParams) -> None:
        rules = len(ls.linter.rules)
        ls.tell(
            lsp.MessageType.Info, f"vblint {__version__} ready: {rules} rules, {ls.linter.model}"
        )

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(
        ls: VblintServer, params: lsp.DidChangeConfigurationParams
    ) -> None:
        ls.configure(params.settings)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: VblintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        if document.language_id in LANGUAGES:
            ls.tracked.add(document.uri)
            ls.schedule(document.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: VblintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in ls.tracked:
            ls.schedule(params.text_document.uri, ls.settings.debounce_ms)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: VblintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: VblintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        result = ls.current(params.text_document.uri)
        if result is None:
            return None
        caret = lsp.Range(start=params.position, end=params.position)
        for finding, diagnostic in zip(result.findings, result.diagnostics, strict=True):
            if convert.overlaps(caret, diagnostic.range):
                content = lsp.MarkupContent(
                    kind=lsp.MarkupKind.Markdown, value=convert.hover_markdown(finding)
                )
                return lsp.Hover(contents=content, range=diagnostic.range)
        return None

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def code_action(ls: VblintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        uri = params.text_document.uri
        result = ls.current(uri)
        if result is None:
            return []
        actions: list[lsp.CodeAction] = []
        for finding, diagnostic in zip(result.findings, result.diagnostics, strict=True):
            if convert.overlaps(params.range, diagnostic.range):
                actions += convert.quick_fixes(
                    uri, result.version, finding, diagnostic.range, diagnostic, ls.snippets
                )
        return actions

    return server


def serve(linter: Linter, tcp: tuple[str, int] | None = None) -> None:
    """Run the server until the client exits: over stdio, or TCP when ``tcp`` is given."""
    logging.basicConfig(level=logging.WARNING, format="vblint lsp: %(levelname)s %(message)s")
    server = build(linter)
    if tcp is None:
        server.start_io()
    else:
        server.start_tcp(*tcp)
