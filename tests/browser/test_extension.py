"""The browser extension in a real Chromium, against a real vblint server.

Chromium is Debian's, driven by Playwright with the unpacked extension loaded. A local page has
a textarea and a contenteditable div with the page's own input listeners; the test types a note
with an emoji before the finding, waits for the underline, accepts a rewrite and checks the
field's value and the page's listener. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright import sync_api as playwright_sync
from tests.browser.chromium import page_origin as serve_page
from tests.browser.chromium import shot, with_extension
from tests.server.harness import KEYS, Server, key_settings, run_server

pytestmark = pytest.mark.slow

NOTE = "Mood 😀 good. Then she put herself at risk."
REWRITE = "[the person who harmed her] put her at risk"


@pytest.fixture(scope="module")
def page_origin() -> Iterator[str]:
    with serve_page() as origin:
        yield origin


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    env = {**key_settings(), "VBLINT_RATE_LIMIT": "0"}
    with run_server(tmp_path_factory.mktemp("server") / "server.log", env) as running:
        yield running


@pytest.fixture(scope="module")
def browser(
    tmp_path_factory: pytest.TempPathFactory, page_origin: str, server: Server
) -> Iterator[tuple[object, str]]:
    tmp = tmp_path_factory.mktemp("chromium")
    with with_extension(tmp, page_origin, server.url, KEYS["browser"]) as context:
        yield context, page_origin


def _shot(page: object, name: str) -> None:
    shot(page, f"browser-{name}")


def _open(browser: tuple[object, str]) -> object:
    context, origin = browser
    page = context.new_page()  # type: ignore[attr-defined]
    page.on("request", lambda request: page.requests.append(request.url))
    page.requests = []
    page.goto(f"{origin}/page.html")
    page.wait_for_function("() => document.querySelector('vblint-overlay') !== null")
    return page


@pytest.mark.parametrize("field", ["#note", "#summary"])
def test_typing_underlines_and_accepting_a_rewrite_edits_the_field(
    browser: tuple[object, str], field: str
) -> None:
    page = _open(browser)
    name = field.lstrip("#")
    read = (
        f"() => document.querySelector('{field}').value"
        if field == "#note"
        else f"() => document.querySelector('{field}').innerText"
    )
    page.click(field)
    page.keyboard.type(NOTE)
    underline = page.locator("vblint-overlay .underline")
    playwright_sync.expect(underline).to_have_count(1, timeout=20_000)
    assert underline.get_attribute("data-rule") == "VB101"
    # The underline sits under "she put herself at risk", after the emoji.
    box = underline.bounding_box()
    text_box = page.evaluate(
        """([sel, start, end]) => {
            const el = document.querySelector(sel);
            if (el.tagName === 'TEXTAREA') {
                // Measure the text before and of the finding in the textarea's own font.
                const style = getComputedStyle(el);
                const ctx = document.createElement('canvas').getContext('2d');
                ctx.font = style.font;
                const left = el.getBoundingClientRect().left + parseFloat(style.paddingLeft)
                    + parseFloat(style.borderLeftWidth);
                return {x: left + ctx.measureText(el.value.slice(0, start)).width,
                        width: ctx.measureText(el.value.slice(start, end)).width};
            }
            const node = el.firstChild;
            const range = document.createRange();
            range.setStart(node, start); range.setEnd(node, end);
            const r = range.getBoundingClientRect();
            return {x: r.x, width: r.width};
        }""",
        [field, NOTE.index("she") + 1, NOTE.index("she") + 1 + len("she put herself at risk")],
    )
    # JavaScript counts UTF-16 units: the emoji is two, so the finding starts one unit later.
    assert abs(box["x"] - text_box["x"]) < 3
    assert abs(box["width"] - text_box["width"]) < 3
    # The overlay changed nothing in the page: value and markup are as typed.
    assert page.evaluate(read) == NOTE
    events_before = page.evaluate("window.inputEvents.length")
    _shot(page, f"{name}-underlined")

    underline.click()
    popover = page.locator("vblint-overlay .popover")
    playwright_sync.expect(popover).to_be_visible()
    assert "makes the child responsible" in popover.inner_text()
    assert "Children cannot be expected" in popover.inner_text()
    _shot(page, f"{name}-popover")
    page.locator("vblint-overlay .rewrite", has_text=REWRITE).first.click()

    expected = NOTE.replace("she put herself at risk", REWRITE)
    playwright_sync.expect(page.locator(field)).to_have_text(expected) if field != "#note" else None
    page.wait_for_function(f"() => ({read})() === {json.dumps(expected)}")
    events = page.evaluate("window.inputEvents")[events_before:]
    assert any(e["id"] == name and e["data"] == REWRITE for e in events), events
    # The placeholder is selected, ready to be typed over.
    selected = page.evaluate(
        "() => { const el = document.activeElement; return el.tagName === 'TEXTAREA' ?"
        " el.value.slice(el.selectionStart, el.selectionEnd) : String(getSelection()); }"
    )
    assert selected == "[the person who harmed her]"
    playwright_sync.expect(underline).to_have_count(0, timeout=20_000)
    _shot(page, f"{name}-accepted")
    # The page itself never talks to the vblint server: only the extension does.
    assert [url for url in page.requests if "/v1/" in url] == []
    page.close()  # type: ignore[attr-defined]


def test_quoted_speech_is_underlined_but_never_rewritten(browser: tuple[object, str]) -> None:
    page = _open(browser)
    page.click("#note")
    page.keyboard.type('Maya said "I put myself at risk".')
    underline = page.locator("vblint-overlay .underline")
    playwright_sync.expect(underline).to_have_count(1, timeout=20_000)
    underline.click()
    popover = page.locator("vblint-overlay .popover")
    playwright_sync.expect(popover).to_be_visible()
    assert page.locator("vblint-overlay .rewrite").count() == 0
    assert "kept as said" in popover.inner_text()
    _shot(page, "quoted")
    page.close()  # type: ignore[attr-defined]


def test_pages_on_other_origins_are_not_checked(
    browser: tuple[object, str], server: Server
) -> None:
    context, _ = browser
    page = context.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server.url}/")  # the server's own page: not in the allowed origins
    page.wait_for_timeout(1000)
    assert page.evaluate("() => document.querySelector('vblint-overlay')") is None
    page.close()


def test_no_rewrite_shows_the_advice_in_words(browser: tuple[object, str]) -> None:
    page = _open(browser)
    page.click("#note")
    page.keyboard.type("Visit 😀 went well. Jade was promiscuous.")
    underline = page.locator('vblint-overlay .underline[data-rule="VB551"]')
    playwright_sync.expect(underline).to_have_count(1, timeout=20_000)
    underline.dispatch_event("click")  # another rule's underline lies on the same word
    popover = page.locator("vblint-overlay .popover")
    playwright_sync.expect(popover).to_be_visible()
    assert page.locator("vblint-overlay .rewrite").count() == 0
    advice = page.locator("vblint-overlay .advice")
    assert advice.count() == 1 and advice.inner_text()
    _shot(page, "advice")
    page.close()  # type: ignore[attr-defined]
