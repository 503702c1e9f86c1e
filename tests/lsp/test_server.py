"""End to end: pygls's client drives ``vblint lsp`` over stdio, as an editor would."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from tests.lsp.client import session
from tests.test_fingerprints import GUIDANCE

from vblint import Linter

pytestmark = pytest.mark.slow

URI = "file:///tmp/vblint-test/note.txt"
# An emoji (2 UTF-16 units, 4 UTF-8 bytes) and a combining accent (1 unit, 2 bytes) sit
# before the finding on its line, so every encoding gives a different character offset.
TEXT = "Visit notes\nMood 😀 good; café\u0301 trip: she put herself at risk.\n"
LINE = "Mood 😀 good; café\u0301 trip: "


def run(coro: object) -> None:
    asyncio.run(coro)  # type: ignore[arg-type]


def _column(encoding: str) -> int:
    if encoding == "utf-8":
        return len(LINE.encode("utf-8"))
    if encoding == "utf-16":
        return len(LINE.encode("utf-16-le")) // 2
    return len(LINE)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "utf-32"])
def test_positions_after_emoji_and_accent_in_every_encoding(encoding: str) -> None:
    async def go() -> None:
        offered = None if encoding == "utf-16" else [encoding]
        async with session(encodings=offered) as (client, init):
            assert init.capabilities.position_encoding == encoding
            client.open(URI, TEXT)
            [diag] = await client.diagnostics(URI, 1)
            start = _column(encoding)
            assert diag.range.start == lsp.Position(line=1, character=start)
            width = len("she put herself at risk")
            assert diag.range.end == lsp.Position(line=1, character=start + width)
            assert diag.code == "VB101"
            assert diag.source == "vblint"
            assert diag.severity == lsp.DiagnosticSeverity.Error
            assert diag.code_description is not None
            assert diag.code_description.href == (
                "https://vblint.readthedocs.io/en/latest/rules/VB101.html"
            )

    run(go())


def test_docs_url_links_each_diagnostic_to_the_rule_s_page_there() -> None:
    async def go() -> None:
        options = {"vblint": {"docsUrl": "http://vblint.internal:8000/guide/"}}
        async with session(options=options) as (client, _):
            client.open(URI, TEXT)
            [diag] = await client.diagnostics(URI, 1)
            assert diag.code_description is not None
            assert diag.code_description.href == (
                "http://vblint.internal:8000/guide/rules/VB101.html"
            )

    run(go())


def test_diagnostic_data_keeps_the_span_for_quick_fixes_and_adds_the_fingerprint(
    linter: Linter,
) -> None:
    async def go() -> None:
        async with session() as (client, _):
            client.open(URI, GUIDANCE)
            diagnostics = await client.diagnostics(URI, 1)
            expected = [
                {"rule": f.rule, "start": f.start, "end": f.end, "fingerprint": f.fingerprint}
                for f in linter.check(GUIDANCE)
            ]
            assert len(expected) == 3
            assert [d.data for d in diagnostics] == expected

    run(go())


def test_incremental_edits_publish_only_the_newest_version() -> None:
    async def go() -> None:
        async with session() as (client, _):
            client.open(URI, "Nothing to see.\n")
            assert await client.diagnostics(URI, 1) == []
            # Type a sentence one word at a time, faster than the debounce.
            words = ["She ", "put ", "herself ", "at ", "risk", "."]
            column = 0
            last = 1
            for word in words:
                at = lsp.Position(line=1, character=column)
                last = client.change(URI, word, lsp.Range(start=at, end=at))
                column += len(word)
            [diag] = await client.diagnostics(URI, last)
            assert diag.range.start == lsp.Position(line=1, character=0)
            assert diag.range.end == lsp.Position(line=1, character=23)
            versions = [p.version for p in client.published if p.uri == URI]
            assert versions == sorted(versions)
            assert versions[-1] == last
            # Deleting the sentence clears the diagnostic.
            start, end = lsp.Position(line=1, character=0), lsp.Position(line=1, character=24)
            cleared = client.change(URI, "", lsp.Range(start=start, end=end))
            assert await client.diagnostics(URI, cleared) == []

    run(go())


def test_hover_shows_explanation_and_source() -> None:
    async def go() -> None:
        async with session() as (client, _):
            client.open(URI, TEXT)
            [diag] = await client.diagnostics(URI, 1)
            inside = lsp.Position(line=1, character=diag.range.start.character + 3)
            hover = await client.lsp.text_document_hover_async(
                lsp.HoverParams(text_document=lsp.TextDocumentIdentifier(uri=URI), position=inside)
            )
            assert hover is not None
            assert isinstance(hover.contents, lsp.MarkupContent)
            assert "VB101" in hover.contents.value
            assert "Children cannot be expected" in hover.contents.value
            assert "UKCIS" in hover.contents.value
            outside = lsp.Position(line=0, character=2)
            assert (
                await client.lsp.text_document_hover_async(
                    lsp.HoverParams(
                        text_document=lsp.TextDocumentIdentifier(uri=URI), position=outside
                    )
                )
                is None
            )

    run(go())


async def _actions(client: object, diag: lsp.Diagnostic) -> list[lsp.CodeAction]:
    from tests.lsp.client import Client

    assert isinstance(client, Client)
    result = await client.lsp.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=URI),
            range=diag.range,
            context=lsp.CodeActionContext(diagnostics=[diag]),
        )
    )
    return [a for a in result or [] if isinstance(a, lsp.CodeAction)]


def test_quick_fix_is_a_plain_text_edit_without_snippet_support() -> None:
    async def go() -> None:
        async with session() as (client, _):
            client.open(URI, TEXT)
            [diag] = await client.diagnostics(URI, 1)
            actions = await _actions(client, diag)
            assert actions
            first = actions[0]
            assert first.kind == lsp.CodeActionKind.QuickFix
            assert first.is_preferred
            assert first.edit is not None and first.edit.changes is not None
            [edit] = first.edit.changes[URI]
            assert edit.range == diag.range
            assert edit.new_text == "[the person who harmed her] put her at risk"

    run(go())


def test_quick_fix_placeholders_become_tab_stops_with_snippet_support() -> None:
    async def go() -> None:
        async with session(snippets=True) as (client, _):
            client.open(URI, TEXT)
            [diag] = await client.diagnostics(URI, 1)
            first = (await _actions(client, diag))[0]
            assert first.edit is not None and first.edit.document_changes is not None
            [change] = first.edit.document_changes
            assert isinstance(change, lsp.TextDocumentEdit)
            assert change.text_document.version == 1
            [edit] = change.edits
            assert isinstance(edit, lsp.SnippetTextEdit)
            assert edit.snippet.value == "${1:the person who harmed her} put her at risk"

    run(go())


def test_quoted_words_get_no_rewrite() -> None:
    async def go() -> None:
        async with session() as (client, _):
            client.open(URI, 'Maya said "I put myself at risk".\n')
            [diag] = await client.diagnostics(URI, 1)
            assert diag.severity == lsp.DiagnosticSeverity.Information
            assert await _actions(client, diag) == []

    run(go())


def test_settings_from_the_client_change_what_is_reported() -> None:
    async def go() -> None:
        text = "She put herself at risk. She should not have sent the images.\n"
        async with session(options={"select": ["VB102"]}) as (client, _):
            client.open(URI, text)
            assert [d.code for d in await client.diagnostics(URI, 1)] == ["VB102"]
            client.published.clear()
            client.configure({"vblint": {"ignore": "VB102"}})
            assert [d.code for d in await client.diagnostics(URI, 1)] == ["VB101"]
            client.published.clear()
            client.configure({"vblint": {"minSeverity": "nonsense"}})
            assert len(await client.diagnostics(URI, 1)) == 2
            assert any("minSeverity" in line for line in client.logs)

    run(go())


def test_markdown_is_checked_and_other_languages_are_not() -> None:
    async def go() -> None:
        async with session() as (client, _):
            client.open(
                "file:///tmp/vblint-test/a.md", "# Note\n\nShe put herself at risk.\n", "markdown"
            )
            [diag] = await client.diagnostics("file:///tmp/vblint-test/a.md", 1)
            assert diag.range.start.line == 2
            client.open(
                "file:///tmp/vblint-test/a.py", "x = 'She put herself at risk.'\n", "python"
            )
            client.open(URI, "She put herself at risk.\n")
            await client.diagnostics(URI, 1)
            assert not any(p.uri.endswith(".py") for p in client.published)

    run(go())


def test_closing_a_document_clears_its_diagnostics() -> None:
    async def go() -> None:
        async with session() as (client, _):
            client.open(URI, TEXT)
            assert len(await client.diagnostics(URI, 1)) == 1
            client.published.clear()
            client.lsp.text_document_did_close(
                lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=URI))
            )
            assert await client.diagnostics(URI) == []

    run(go())


def test_project_config_and_inline_directives_are_honoured(tmp_path: Path) -> None:
    (tmp_path / ".vblint.toml").write_text('ignore = ["VB102"]\n', encoding="utf-8")
    uri = (tmp_path / "note.txt").as_uri()
    text = (
        "She should not have sent the images.\n"
        "vblint: disable-next-line VB101 -- quoted from the referral\n"
        "She put herself at risk.\n"
        "Then she put herself at risk again.\n"
    )

    async def go() -> None:
        async with session() as (client, _):
            client.open(uri, text)
            [diag] = await client.diagnostics(uri, 1)
            assert diag.code == "VB101"
            assert diag.range.start.line == 3
            # The editor's ignore adds to the file's, as the command line's does.
            client.published.clear()
            client.configure({"vblint": {"ignore": ["VB101"]}})
            assert await client.diagnostics(uri, 1) == []

    run(go())


def test_a_broken_config_file_is_reported_and_checking_goes_on(tmp_path: Path) -> None:
    (tmp_path / ".vblint.toml").write_text('colour = "blue"\n', encoding="utf-8")
    uri = (tmp_path / "note.txt").as_uri()

    async def go() -> None:
        async with session() as (client, _):
            client.open(uri, "She put herself at risk.\n")
            assert [d.code for d in await client.diagnostics(uri, 1)] == ["VB101"]
            assert any(".vblint.toml: colour: unknown key" in line for line in client.logs)

    run(go())


def test_markdown_code_is_not_checked() -> None:
    async def go() -> None:
        uri = "file:///tmp/vblint-test/b.md"
        text = "# Note\n\n```\nShe put herself at risk.\n```\n\nShe put herself at risk.\n"
        async with session() as (client, _):
            client.open(uri, text, "markdown")
            [diag] = await client.diagnostics(uri, 1)
            assert diag.range.start == lsp.Position(line=6, character=0)

    run(go())


def test_the_tcp_transport_serves_the_same_diagnostics() -> None:
    async def go() -> None:
        async with session(tcp=True) as (client, _):
            client.open(URI, TEXT)
            [diag] = await client.diagnostics(URI, 1)
            assert diag.code == "VB101"
            assert diag.range.start == lsp.Position(line=1, character=_column("utf-16"))

    run(go())


def test_note_text_never_reaches_the_log() -> None:
    secret = "Zebulon Quartermaine put herself at risk."

    async def go() -> object:
        async with session(options={"minSeverity": "bogus"}) as (client, _):
            client.open(URI, secret + "\n")
            await client.diagnostics(URI, 1)
            client.change(URI, secret + " Again.\n")
            await client.diagnostics(URI, 2)
        return client

    client = asyncio.run(go())
    logged = "\n".join(client.logs) + client.stderr  # type: ignore[attr-defined]
    assert "minSeverity" in logged
    assert "Zebulon" not in logged and "Quartermaine" not in logged
