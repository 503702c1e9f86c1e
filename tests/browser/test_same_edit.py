"""Every surface makes the same edit: the top rewrite, at the finding's words, giving one text.

For a set of notes (an emoji and a combining accent before findings, a finding that starts a
sentence, one in mid-sentence, one on a second line, safe terminology swaps, a placeholder, and
quoted speech that no surface may rewrite), each surface's top replacement is applied where that
surface says, in that surface's own units, and the resulting note must be exactly what the
library gives (``Finding.start``/``end`` in code points and ``suggestions[0]``):

- ``vblint check --format json`` (code points) and the text report's ``suggestion:`` line,
- ``vblint check --format sarif``: each result's ``fixes`` (columns in UTF-16 code units),
- ``vblint check --fix`` for the findings marked safe,
- ``POST /v1/check`` with UTF-16 offsets,
- the language server's preferred quick fix (a ``WorkspaceEdit`` in UTF-16 positions),
- the writing page in Chromium (accepting the card's first rewrite),
- the browser extension in Chromium (accepting the popover's first rewrite).

Findings are matched across surfaces by fingerprint, and by order where the same words under
the same rule come twice. A finding with no replacement (quoted speech, or advice only) must get
none on any surface.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp
from playwright import sync_api as playwright_sync
from tests.browser.chromium import page_origin, shot, with_extension
from tests.conftest import run_cli
from tests.lsp.client import session
from tests.server.harness import Server, run_server
from tests.server.pageui import WritingPage, api_findings, apply_utf16

from vblint import check
from vblint.formats.sarif import FINGERPRINT_KEY
from vblint.offsets import LineIndex, OffsetMap

pytestmark = pytest.mark.slow

NOTES = {
    "start": "Mood 😀 good; cafe\u0301 trip. She put herself at risk by meeting him.\n",
    "middle": "Staff 👩🏽‍⚕️ noted that Maya put herself at risk by meeting them.\n",
    "swaps": "Police 😀 found child pornography on his phone.\n"
    "Child pornography was also found at the flat. The report 😀 said Child Prostitution.\n",
    "placeholder": "Visit notes 😀\nMood 😀 good; cafe\u0301 trip: she put herself at risk.\n",
    "quoted": "Maya (14) said: \u201cI put myself at risk.\u201d Staff 😀 were told.\n",
    "advice": "Visit 😀 went well. Jade was promiscuous.\n",
}
Edits = dict[str, dict[str, str | None]]  # note -> finding's key -> the note after the edit


class Keys:
    """``fingerprint#n``: the n-th finding (in text order) with that fingerprint in a note."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, fingerprint: str) -> str:
        n = self.seen.get(fingerprint, 0)
        self.seen[fingerprint] = n + 1
        return f"{fingerprint}#{n}"


def _library() -> tuple[Edits, dict[str, str]]:
    """The edits as the library gives them, and each note with every safe fix applied."""
    edits: Edits = {}
    fixed: dict[str, str] = {}
    for name, text in NOTES.items():
        edits[name] = {}
        safe = []
        key = Keys()
        for f in check(text):
            top = f.suggestions[0] if f.suggestions else None
            usable = top is not None and top.kind.value == "replace" and "quoted" not in f.context
            new = text[: f.start] + top.text + text[f.end :] if usable and top else None
            edits[name][key(f.fingerprint)] = new
            if usable and top and f.safe_fix and not top.has_placeholder:
                safe.append((f.start, f.end, top.text))
        for start, end, words in sorted(safe, reverse=True):
            text = text[:start] + words + text[end:]
        fixed[name] = text
    return edits, fixed


LIBRARY, FIXED = _library()


def test_the_notes_cover_what_they_are_for() -> None:
    every = [new for found in LIBRARY.values() for new in found.values()]
    assert len(every) >= 8 and len([new for new in every if new]) >= 5
    # The same words twice (one fingerprint, two findings), and a capital in mid-sentence that a
    # safe fix must not keep: "said sexual exploitation of children".
    assert len(LIBRARY["swaps"]) == 3
    assert "said sexual exploitation of children" in FIXED["swaps"]
    assert all(new is None for new in LIBRARY["quoted"].values())
    assert any(new is None for new in LIBRARY["advice"].values())
    assert FIXED["swaps"] != NOTES["swaps"]
    starts = [new for new in LIBRARY["start"].values() if new]
    assert starts and all("trip. He " in new for new in starts)  # capital where it begins
    assert all("that they " in new for new in LIBRARY["middle"].values() if new)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("notes")
    out = {}
    for name, text in NOTES.items():
        path = folder / f"{name}.txt"
        path.write_bytes(text.encode("utf-8"))
        out[name] = path
    return out


def _cli(*args: str, cwd: Path) -> str:
    result = run_cli("check", *args, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


def test_cli_json_and_text(files: dict[str, Path]) -> None:
    folder = next(iter(files.values())).parent
    data = json.loads(_cli("--format", "json", *[p.name for p in files.values()], cwd=folder))
    got: Edits = {}
    for item in data["files"]:
        name = Path(item["path"]).stem
        text = NOTES[name]
        got[name] = {}
        key = Keys()
        for f in sorted(item["findings"], key=lambda f: f["start"]):
            top = f["suggestions"][0] if f["suggestions"] else None
            usable = top and top["kind"] == "replace" and "quoted" not in f["context"]
            new = text[: f["start"]] + top["text"] + text[f["end"] :] if usable and top else None
            got[name][key(f["fingerprint"])] = new
    assert got == LIBRARY
    report = _cli("--format", "text", *[p.name for p in files.values()], cwd=folder)
    for name, text in NOTES.items():
        for f in check(text):
            if f.suggestions:
                top = f.suggestions[0]
                label = "suggestion" if top.kind.value == "replace" else "consider"
                assert f"{label}: {top.text}\n" in report, name


def _sarif_offset(text: str, line: int, column: int) -> int:
    """A SARIF line and UTF-16 column -> code-point offset into ``text``."""
    units = OffsetMap(text)
    start = LineIndex(text).line_starts[line - 1]
    return units.from_units(units.to_units(start, "utf-16") + column - 1, "utf-16")


def test_sarif_fixes(files: dict[str, Path]) -> None:
    folder = next(iter(files.values())).parent
    log = json.loads(_cli("--format", "sarif", *[p.name for p in files.values()], cwd=folder))
    run = log["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    got: Edits = {name: {} for name in NOTES}
    keys = {name: Keys() for name in NOTES}

    def place(result: dict[str, Any]) -> tuple[str, int, int]:
        region = result["locations"][0]["physicalLocation"]["region"]
        return (
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            region["startLine"],
            region["startColumn"],
        )

    for result in sorted(run["results"], key=place):
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        name = Path(uri).stem
        text = NOTES[name]
        new = None
        for fix in result.get("fixes", []):
            [change] = fix["artifactChanges"]
            assert change["artifactLocation"]["uri"] == uri
            [replacement] = change["replacements"]
            region = replacement["deletedRegion"]
            assert region == {
                k: v
                for k, v in result["locations"][0]["physicalLocation"]["region"].items()
                if k != "snippet"
            }
            start = _sarif_offset(text, region["startLine"], region["startColumn"])
            end = _sarif_offset(text, region["endLine"], region["endColumn"])
            new = text[:start] + replacement["insertedContent"]["text"] + text[end:]
        got[name][keys[name](result["partialFingerprints"][FINGERPRINT_KEY])] = new
    assert got == LIBRARY


def test_fix_writes_the_same_safe_edits(files: dict[str, Path], tmp_path: Path) -> None:
    for path in files.values():
        shutil.copy(path, tmp_path / path.name)
    _cli("--fix", *[p.name for p in files.values()], cwd=tmp_path)
    assert {n: (tmp_path / f"{n}.txt").read_text(encoding="utf-8") for n in NOTES} == FIXED


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """No keys: the service on loopback, as the page and the extension use it here."""
    with run_server(tmp_path_factory.mktemp("server") / "server.log", {}) as running:
        yield running


def test_http_api_in_utf16(server: Server) -> None:
    got: Edits = {}
    for name, text in NOTES.items():
        got[name] = {}
        key = Keys()
        for f in sorted(api_findings(server.url, text), key=lambda f: f["start"]):
            top = f["suggestions"][0] if f["suggestions"] else None
            usable = top and top["kind"] == "replace" and "quoted" not in f["context"]
            new = apply_utf16(text, f["start"], f["end"], top["text"]) if usable and top else None
            got[name][key(f["fingerprint"])] = new
    assert got == LIBRARY


def _lsp_apply(text: str, edit: lsp.TextEdit) -> str:
    def offset(position: lsp.Position) -> int:
        units = OffsetMap(text)
        start = LineIndex(text).line_starts[position.line]
        return units.from_units(units.to_units(start, "utf-16") + position.character, "utf-16")

    start, end = offset(edit.range.start), offset(edit.range.end)
    return text[:start] + edit.new_text + text[end:]


def test_language_server_quick_fixes() -> None:
    got: Edits = {}

    async def go() -> None:
        async with session() as (client, _):
            for name, text in NOTES.items():
                uri = f"file:///tmp/vblint-same-edit/{name}.txt"
                client.open(uri, text)
                got[name] = {}
                key = Keys()
                published = await client.diagnostics(uri, 1)
                order = sorted(
                    published, key=lambda d: (d.range.start.line, d.range.start.character)
                )
                for diag in order:
                    actions = await client.lsp.text_document_code_action_async(
                        lsp.CodeActionParams(
                            text_document=lsp.TextDocumentIdentifier(uri=uri),
                            range=diag.range,
                            context=lsp.CodeActionContext(diagnostics=[diag]),
                        )
                    )
                    fixes = [a for a in actions or [] if isinstance(a, lsp.CodeAction)]
                    preferred = [a for a in fixes if a.is_preferred]
                    new = None
                    if preferred:
                        assert preferred[0].edit is not None and preferred[0].edit.changes
                        [edit] = preferred[0].edit.changes[uri]
                        new = _lsp_apply(text, edit)
                    assert isinstance(diag.data, dict)
                    got[name][key(diag.data["fingerprint"])] = new

    asyncio.run(go())
    assert got == LIBRARY


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory, server: Server) -> Iterator[tuple[Any, str]]:
    """Chromium with the extension checking a local case-record page; the service's own page
    is on another origin, so the extension leaves it alone."""
    with page_origin() as origin:
        tmp = tmp_path_factory.mktemp("chromium")
        with with_extension(tmp, origin, server.url, "") as context:
            yield context, origin


def test_the_writing_page(browser: tuple[Any, str], server: Server) -> None:
    context, _ = browser
    tab = context.new_page()
    tab.goto(f"{server.url}/")
    ui = WritingPage(tab)
    got: Edits = {}
    for name, text in NOTES.items():
        got[name] = {}
        key = Keys()
        for f in sorted(api_findings(server.url, text), key=lambda f: f["start"]):
            ui.write(text)
            ui.open(f["fingerprint"], f["start"])
            first = tab.locator("#rewrites li.rewrite button.accept").first
            new = None
            if first.count() and first.inner_text() == "Use this wording":
                top = f["suggestions"][0]
                assert ui.wordings()[0] == top["text"]
                ui.accept()
                if top["placeholders"]:
                    ui.fill_placeholders([f"[{p['label']}]" for p in top["placeholders"]])
                new = ui.value()
                shot(tab, f"same-edit-page-{name}")
            got[name][key(f["fingerprint"])] = new
    tab.close()
    assert got == LIBRARY


# Every finding underlined (a finding across a line break has one underline per line).
UNDERLINED = """(want) => {
    const root = document.querySelector("vblint-overlay").shadowRoot;
    const lines = root.querySelectorAll(".underline");
    const got = [...new Set([...lines].map((u) => u.dataset.start))].sort();
    return JSON.stringify(got) === JSON.stringify(want);
}"""


def test_the_browser_extension(browser: tuple[Any, str], server: Server) -> None:
    context, origin = browser
    tab = context.new_page()
    tab.goto(f"{origin}/page.html")
    tab.wait_for_function("() => document.querySelector('vblint-overlay') !== null")
    underlines = tab.locator("vblint-overlay .underline")
    got: Edits = {}
    for name, text in NOTES.items():
        got[name] = {}
        key = Keys()
        found = sorted(api_findings(server.url, text), key=lambda f: f["start"])
        for f in found:
            tab.fill("#note", "")
            playwright_sync.expect(underlines).to_have_count(0, timeout=20_000)
            tab.fill("#note", text)
            tab.wait_for_function(UNDERLINED, arg=sorted({str(f["start"]) for f in found}))
            chosen = f'[data-fingerprint="{f["fingerprint"]}"][data-start="{f["start"]}"]'
            line = tab.locator(f"vblint-overlay .underline{chosen}")
            line.first.dispatch_event("click")  # findings on the same words overlap
            popover = tab.locator("vblint-overlay .popover")
            playwright_sync.expect(popover).to_be_visible()
            rewrites = tab.locator("vblint-overlay .rewrite")
            new = None
            if rewrites.count():
                assert rewrites.first.inner_text() == f["suggestions"][0]["text"]
                rewrites.first.click()
                new = tab.input_value("#note")
                shot(tab, f"same-edit-extension-{name}")
            else:
                tab.keyboard.press("Escape")
            got[name][key(f["fingerprint"])] = new
    tab.close()
    assert got == LIBRARY
