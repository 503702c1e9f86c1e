"""The language server: debounced checking of open documents, hovers and quick fixes.

The pipeline is loaded once, before the server answers ``initialize``. Parsing runs on one
worker thread so the event loop keeps reading edits; a result is published only if the
document still has the version and text that were checked, so stale diagnostics never
replace newer ones. Note text is never logged.

Each open document keeps a :class:`~vblint.memo.Memo`, so after an edit only the paragraphs it
touched are parsed again. An edit to an idle document is checked at once; edits made while a
check of it waits or runs wait the debounce, so a burst of edits is checked once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from vblint import __version__
from vblint.findings import Finding
from vblint.linter import Linter
from vblint.lsp import convert, document
from vblint.lsp.framing import Resync, serve_tcp
from vblint.lsp.settings import ClientSettings, parse
from vblint.memo import Memo
from vblint.offsets import Encoding
from vblint.options import Options

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

    def __init__(self, linter: Linter, model: str | None = None) -> None:
        super().__init__(
            "vblint", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental
        )
        self.linter = linter
        self.model = model
        self.settings = ClientSettings()
        self.initial: Any = None  # initializationOptions, applied once the client is ready
        self.results: dict[str, Result] = {}
        self.memos: dict[str, Memo] = {}  # uri -> its blocks from the last check
        self.tracked: dict[str, bool] = {}  # uri -> is Markdown
        self.reported: set[str] = set()
        self.main_loop: asyncio.AbstractEventLoop | None = None
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
        wanted = Options.make(self.settings.select or (), self.settings.ignore)
        unknown = wanted.unknown_keys(self.linter.rules)
        if unknown:
            names = ", ".join(unknown)
            self.tell(lsp.MessageType.Warning, f"vblint settings name no rule: {names}")
        for uri in list(self.tracked):
            self.schedule(uri, 0)

    def tell(self, kind: lsp.MessageType, message: str) -> None:
        """A line in the client's log (VS Code's output channel, Neovim's :LspLog)."""
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    def config_error(self, message: str) -> None:
        """Report a broken configuration file once (called from the worker thread)."""
        if message not in self.reported:
            self.reported.add(message)
            if self.main_loop is not None:
                self.main_loop.call_soon_threadsafe(self.tell, lsp.MessageType.Error, message)

    def schedule(self, uri: str, delay_ms: int) -> None:
        """Check ``uri`` after ``delay_ms``, cancelling a check still waiting to start."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.main_loop = asyncio.get_running_loop()
        task = self.main_loop.create_task(self.check(uri, delay_ms / 1000))
        self.pending[uri] = task

    def edited(self, uri: str) -> None:
        """Schedule the check after an edit: at once, unless a check is still under way.

        An edit made while the document is idle is checked with no pause: it re-checks about
        one paragraph, which takes less time than the pause would. An edit made while a check
        of the document waits or runs (fast typing, a burst of changes) waits the debounce, so
        a burst is checked once, after its last edit.
        """
        waiting = self.pending.get(uri)
        busy = waiting is not None and not waiting.done()
        self.schedule(uri, pause_ms(busy, self.settings.debounce_ms))

    async def check(self, uri: str, delay: float) -> None:
        """Check the document as it is now and publish, unless it changed meanwhile."""
        if delay:
            await asyncio.sleep(delay)
        opened = self.workspace.text_documents.get(uri)
        if opened is None:
            return
        version, text = opened.version, opened.source
        path = to_fs_path(uri) or os.path.join(os.getcwd(), "untitled.txt")
        markdown = self.tracked.get(uri, False)
        loop = asyncio.get_running_loop()
        try:
            findings = await loop.run_in_executor(
                self.executor,
                document.check,
                text,
                path,
                markdown,
                self.settings,
                self.model,
                self.config_error,
                self.memos.setdefault(uri, Memo()),
            )
        except Exception as exc:  # one document's failure must not stop the server
            self.tell(
                lsp.MessageType.Error, f"vblint could not check a document: {type(exc).__name__}"
            )
            return
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version or current.source != text:
            return
        diagnostics = convert.diagnostics(findings, text, self.encoding, self.settings.rule_url)
        self.results[uri] = Result(version, text, findings, diagnostics)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=diagnostics)
        )

    def current(self, uri: str) -> Result | None:
        """The last result for ``uri`` if it still matches the document's text."""
        result = self.results.get(uri)
        opened = self.workspace.text_documents.get(uri)
        if result is None or opened is None or opened.source != result.text:
            return None
        return result

    def forget(self, uri: str) -> None:
        """Stop tracking a closed document and clear its diagnostics."""
        self.tracked.pop(uri, None)
        self.results.pop(uri, None)
        self.memos.pop(uri, None)
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )


def pause_ms(busy: bool, debounce_ms: int) -> int:
    """How long a check waits after an edit: the debounce only while another is under way."""
    return debounce_ms if busy else 0


def build(linter: Linter, model: str | None = None) -> VblintServer:
    """A server with every feature registered; ``linter`` is the one loaded for ``model``."""
    server = VblintServer(linter, model)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: VblintServer, params: lsp.InitializeParams) -> None:
        ls.initial = params.initialization_options

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: VblintServer, params: lsp.InitializedParams) -> None:
        rules = len(ls.linter.rules)
        ls.tell(
            lsp.MessageType.Info, f"vblint {__version__} ready: {rules} rules, {ls.linter.model}"
        )
        ls.configure(ls.initial)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def did_change_configuration(
        ls: VblintServer, params: lsp.DidChangeConfigurationParams
    ) -> None:
        ls.configure(params.settings)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: VblintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        if item.language_id in LANGUAGES:
            ls.tracked[item.uri] = item.language_id == "markdown"
            ls.schedule(item.uri, 0)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: VblintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        if params.text_document.uri in ls.tracked:
            ls.edited(params.text_document.uri)

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


def serve(linter: Linter, model: str | None, tcp: tuple[str, int] | None = None) -> None:
    """Run the server until the client exits: over stdio, or TCP when ``tcp`` is given."""
    logging.basicConfig(level=logging.WARNING, format="vblint lsp: %(levelname)s %(message)s")
    server = build(linter, model)
    # A malformed header costs one message, not the connection (see vblint.lsp.framing).
    if tcp is None:
        server.start_io(stdin=cast(BinaryIO, Resync(sys.stdin.buffer)))
    else:
        serve_tcp(server, *tcp)
