"""The Word task pane in a real Chromium, against a real ``vblint serve``.

Word cannot run here, so the Office host is replaced: a host page plays Word's part, with a
document the test types into, and the pane (served by ``vblint serve`` at ``/word/``) in a
frame beside it, as Word shows it. The script the pane loads from Microsoft's CDN is answered
with a bridge to that host page's Word model (built on office-addin-mock), so every Word call
the pane makes runs against the mock; every other request must go to the vblint server.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright import sync_api as playwright_sync
from tests.server.harness import KEYS, Server, key_settings, run_server

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
WORD = ROOT / "extensions" / "word"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"
BRIDGE = "window.Office = parent.vblintHost.Office; window.Word = parent.vblintHost.Word;"
QUOTE = "Maya (14) said: \u201cI put myself at risk because he was nice to me.\u201d"
NOTE = (
    "\U0001f600 Then Maya put herself at risk by meeting them"
    " and she should not have sent the images."
)
MOCK_MODULES = {
    "office-addin-mock": "office-addin-mock/lib/main.js",
    "./officeMockObject": "office-addin-mock/lib/officeMockObject.js",
    "./host": "office-addin-mock/lib/host.js",
    "./possibleErrors": "office-addin-mock/lib/possibleErrors.js",
    # The mock reads only the OfficeApp names from office-addin-manifest.
    "office-addin-manifest": "office-addin-manifest/lib/officeApp.js",
}


def _mock_bundle() -> str:
    """office-addin-mock's own CommonJS files, wrapped so a browser page can load them."""
    modules = WORD / "node_modules"
    if not (modules / "office-addin-mock").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=WORD, check=True)
    defs = []
    for name, path in MOCK_MODULES.items():
        source = (modules / path).read_text(encoding="utf-8")
        source = "\n".join(
            line for line in source.splitlines() if not line.startswith("//# sourceMappingURL")
        )
        defs.append(f"{json.dumps(name)}: function (module, exports, require) {{\n{source}\n}}")
    return (
        "(() => {\nconst defs = {" + ",\n".join(defs) + "};\nconst cache = {};\n"
        "function require(name) {\n"
        "  if (!(name in defs)) throw new Error('not bundled: ' + name);\n"
        "  if (!cache[name]) { const module = { exports: {} }; cache[name] = module;"
        " defs[name](module, module.exports, require); }\n"
        "  return cache[name].exports;\n}\n"
        "window.OfficeAddinMock = require('office-addin-mock');\n})();\n"
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {**key_settings(), "VBLINT_RATE_LIMIT": "0"}
    with run_server(tmp_path_factory.mktemp("word") / "server.log", env) as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian chromium is missing: run 'python3 scripts/dev.py setup'")
    flags = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    with playwright_sync.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=flags, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def host_files() -> dict[str, tuple[str, str]]:
    return {
        "index.html": ((Path(__file__).parent / "word_host.html").read_text(), "text/html"),
        "word-model.mjs": ((WORD / "test" / "word-model.mjs").read_text(), "text/javascript"),
        "office-addin-mock.js": (_mock_bundle(), "text/javascript"),
    }


def _open(browser: object, server: Server, files: dict[str, tuple[str, str]], **options: object):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 860})  # type: ignore[attr-defined]
    outside: list[str] = []

    def host_page(route: playwright_sync.Route) -> None:
        body, kind = files[route.request.url.split("/__host__/", 1)[1].split("?")[0]]
        route.fulfill(body=body, content_type=kind)

    def office(route: playwright_sync.Route) -> None:
        if route.request.url == OFFICE_JS:
            route.fulfill(body=BRIDGE, content_type="text/javascript")
        else:
            outside.append(route.request.url)
            route.abort()

    context.route(f"{server.url}/__host__/**", host_page)
    context.route("https://appsforoffice.microsoft.com/**", office)
    context.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((server.url, OFFICE_JS)) or r.url.startswith("data:")
            else outside.append(r.url)
        ),
    )
    page = context.new_page()
    page.goto(f"{server.url}/__host__/index.html?options={quote(json.dumps(options))}")
    pane = page.frame_locator("#pane")
    playwright_sync.expect(pane.locator("#status")).to_have_text(
        "Ready: choose Check document.", timeout=15_000
    )
    return context, page, pane, outside


def _state(page: object) -> dict[str, object]:
    return page.evaluate("() => JSON.parse(JSON.stringify(window.vblintHost.state))")  # type: ignore[attr-defined,no-any-return]


def _type_note(page: object) -> None:
    page.click("#doc")  # type: ignore[attr-defined]
    page.keyboard.type(QUOTE)  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.keyboard.type(NOTE)  # type: ignore[attr-defined]
    assert page.evaluate("() => window.vblintHost.text()") == [QUOTE, NOTE]  # type: ignore[attr-defined]


def _check_with_key(pane: object) -> None:
    pane.locator("#check").click()  # type: ignore[attr-defined]
    status = pane.locator("#status")  # type: ignore[attr-defined]
    playwright_sync.expect(status).to_contain_text("needs an API key", timeout=20_000)
    playwright_sync.expect(pane.locator("#settings")).to_have_attribute("open", "")  # type: ignore[attr-defined]
    pane.locator("#api-key").fill(KEYS["browser"])  # type: ignore[attr-defined]
    pane.locator("#save").click()  # type: ignore[attr-defined]
    playwright_sync.expect(status).to_have_text("Checked.", timeout=30_000)


def _shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"word-{name}.png"))  # type: ignore[attr-defined]


def test_type_check_select_accept_as_tracked_change(
    browser: object, server: Server, host_files: dict[str, tuple[str, str]]
) -> None:
    context, page, pane, outside = _open(browser, server, host_files)
    _type_note(page)
    _check_with_key(pane)
    counts = pane.locator("#counts")
    assert "finding" in counts.inner_text()
    finding = pane.locator("button.pick", has_text="VB101").filter(has_text="Maya put herself")
    playwright_sync.expect(finding).to_have_count(1)
    quoted = pane.locator("button.pick", has_text="(quoted speech)")
    playwright_sync.expect(quoted).to_have_count(1)
    assert pane.locator("h2").count() >= 1
    _shot(page, "findings")

    # Selecting a finding selects its words in the document, after the emoji.
    finding.click()
    page.wait_for_function("() => window.vblintHost.state.selection !== null")
    selection = _state(page)["selection"]
    assert selection["paragraph"] == 1  # type: ignore[index]
    assert str(selection["text"]).startswith("Maya put herself at risk")  # type: ignore[index]
    assert selection["start"] == 8  # type: ignore[index]  # the emoji is two UTF-16 units
    detail = pane.locator(".detail")
    assert "WHY IT MATTERS" in detail.inner_text().upper() and "UKCIS" in detail.inner_text()
    _shot(page, "finding-selected")

    accept = detail.locator("button.accept").first
    rewrite = accept.get_attribute("aria-label").split(": ", 1)[1]  # type: ignore[union-attr]
    accept.click()
    playwright_sync.expect(pane.locator("#status")).to_have_text(
        "Replaced as a tracked change, and checked again.", timeout=30_000
    )
    state = _state(page)
    (revision,) = state["revisions"]  # type: ignore[misc]
    assert revision["deleted"] == selection["text"]  # type: ignore[index]
    assert revision["inserted"].lower() == rewrite.lower()
    assert revision["mode"] == "TrackAll"
    assert state["mode"] == "Off"  # the writer's own mode, restored
    assert state["modeLog"] == ["TrackAll", "Off"]
    assert page.locator("#doc del").first.inner_text() == selection["text"]  # type: ignore[index]
    text = page.evaluate("() => window.vblintHost.text()")
    assert text[0] == QUOTE  # quoted speech untouched
    assert "put herself at risk" not in text[1]
    playwright_sync.expect(finding).to_have_count(0)
    _shot(page, "tracked-change")

    # Quoted speech: no rewrite on offer, a comment instead.
    quoted.click()
    detail = pane.locator(".detail")
    assert detail.locator("button.accept").count() == 0
    assert "never rewritten" in detail.inner_text()
    detail.locator("button.comment").click()
    playwright_sync.expect(pane.locator("#status")).to_contain_text("Comment added")
    (comment,) = _state(page)["comments"]  # type: ignore[misc]
    assert comment["via"] == "api"
    assert comment["words"] == "put myself at risk"
    assert "A sentence to add beside these words" in comment["text"]
    assert page.evaluate("() => window.vblintHost.text()")[0] == QUOTE
    _shot(page, "comment")
    context.close()
    assert not outside, f"the pane reached outside the vblint server: {outside}"


def test_without_wordapi_1_4_accepting_leaves_a_comment_and_says_why(
    browser: object, server: Server, host_files: dict[str, tuple[str, str]]
) -> None:
    context, page, pane, outside = _open(browser, server, host_files, apiVersion="1.3")
    playwright_sync.expect(pane.locator("#notice")).to_contain_text("WordApi 1.4")
    _type_note(page)
    _check_with_key(pane)
    pane.locator("button.pick", has_text="VB101").filter(has_text="Maya put herself").click()
    accept = pane.locator(".detail button.accept").first
    assert accept.inner_text() == "Accept (as a comment)"
    accept.click()
    playwright_sync.expect(pane.locator("#status")).to_contain_text("WordApi 1.4")
    state = _state(page)
    assert state["revisions"] == []
    (comment,) = state["comments"]  # type: ignore[misc]
    assert comment["via"] == "ooxml" and comment["author"] == "vblint"
    assert "Suggested wording" in comment["text"]
    assert page.evaluate("() => window.vblintHost.text()") == [QUOTE, NOTE]
    _shot(page, "no-tracking-comment")
    context.close()
    assert not outside, f"the pane reached outside the vblint server: {outside}"
