"""The writing page in a real headless Chromium (Debian's, driven by Playwright).

Screenshots of the page with findings go to ``test-artifacts/`` for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import run_server

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
NOTE = (
    "Visit on 3 March. Maya (14) said: \u201cI went because he was nice to me.\u201d\n\n"
    "Maya put herself at risk by meeting them and she should not have sent the images."
)

LATER = "Visit 😀 went well. She put herself at risk by meeting him."
SETTLED = "() => document.querySelector('.side').getAttribute('aria-busy') === 'false'"

pytest.importorskip("playwright.sync_api")


def test_type_see_open_accept(page: object) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    p = page
    p.focus("#note")  # type: ignore[attr-defined]
    p.keyboard.type(NOTE, delay=2)  # type: ignore[attr-defined]
    mark = p.locator("mark.sev-error", has_text="put herself at risk").first  # type: ignore[attr-defined]
    mark.wait_for(timeout=15_000)
    assert mark.inner_text().startswith("Maya put herself at risk")
    counts = p.locator("#counts")  # type: ignore[attr-defined]
    assert "finding" in counts.inner_text() and counts.get_attribute("aria-live") == "polite"
    assert p.locator("#groups h3").count() >= 1  # type: ignore[attr-defined]
    assert p.locator(".quoted").count() >= 1  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "page-findings.png"), full_page=True)  # type: ignore[attr-defined]

    # Keyboard only: jump to the first finding, read it, accept a rewrite with Enter.
    p.focus("#note")  # type: ignore[attr-defined]
    p.keyboard.press("Alt+n")  # type: ignore[attr-defined]
    detail = p.locator("#detail")  # type: ignore[attr-defined]
    detail.wait_for(state="visible")
    while "put herself at risk" not in detail.inner_text():
        p.keyboard.press("Alt+n")  # type: ignore[attr-defined]
    assert "Why it matters" in detail.inner_text() and "UKCIS" in detail.inner_text()
    # A rewrite, or where none passes the checks a rewrite must pass, advice in words.
    assert detail.locator("button.accept").count() or p.is_visible("#detail-advice")  # type: ignore[attr-defined]
    p.screenshot(path=str(ARTIFACTS / "page-finding-open.png"), full_page=True)  # type: ignore[attr-defined]

    # A note with a rewrite on offer: accept it from the keyboard with Enter.
    p.fill("#note", LATER)  # type: ignore[attr-defined]
    p.wait_for_function(SETTLED)  # type: ignore[attr-defined]
    p.focus("#note")  # type: ignore[attr-defined]
    p.keyboard.press("Alt+n")  # type: ignore[attr-defined]
    accept = detail.locator("button.accept").first
    rewrite = accept.get_attribute("aria-label").split(": ", 1)[1]
    accept.focus()
    focus_ring = accept.evaluate("b => getComputedStyle(b).outlineStyle")
    assert focus_ring != "none"
    p.keyboard.press("Enter")  # type: ignore[attr-defined]
    value = p.input_value("#note")  # type: ignore[attr-defined]
    assert "put herself at risk" not in value
    assert value == LATER.replace("She put herself at risk by meeting him", rewrite)
    p.wait_for_function(SETTLED)  # type: ignore[attr-defined]
    assert counts.inner_text() == "No findings."
    p.screenshot(path=str(ARTIFACTS / "page-after-rewrite.png"), full_page=True)  # type: ignore[attr-defined]
    p.click("#copy")  # type: ignore[attr-defined]
    p.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('#check-status').textContent.includes('copied')"
    )


def test_emoji_before_a_finding_keeps_the_underline_on_the_words(page: object) -> None:
    p = page
    p.fill("#note", "😀👩🏽‍⚕️ e\u0301 She put herself at risk by meeting him.")  # type: ignore[attr-defined]
    mark = p.locator("mark.sev-error").first  # type: ignore[attr-defined]
    mark.wait_for(timeout=15_000)
    assert mark.inner_text() == "She put herself at risk by meeting him"


def test_placeholder_rewrites_ask_for_the_missing_words(page: object) -> None:
    """An organisation's own pack (from VBLINT_EXTRA_PACKS) offers a rewrite with a blank."""
    p = page
    p.fill("#note", "Kai absconded on Friday.")  # type: ignore[attr-defined]
    p.locator("mark.sev-warning").first.wait_for(timeout=15_000)  # type: ignore[attr-defined]
    p.locator("#groups button", has_text="VB901").click()  # type: ignore[attr-defined]
    p.locator("#rewrites button.accept").first.click()  # type: ignore[attr-defined]
    dialog = p.locator("#fill")  # type: ignore[attr-defined]
    dialog.wait_for(state="visible")
    field = dialog.get_by_label("person")
    assert field.evaluate("e => e === document.activeElement")
    field.fill("an adult known to the police")
    dialog.locator("#fill-ok").click()
    assert p.input_value("#note") == (  # type: ignore[attr-defined]
        "Kai went missing and may have been with an adult known to the police on Friday."
    )


def test_with_keys_the_page_asks_for_one_and_keeps_it_in_the_tab(
    chromium: object, tmp_path: Path
) -> None:
    from harness import KEYS, key_settings

    with run_server(tmp_path / "server.log", key_settings()) as srv:
        context = chromium.new_context()  # type: ignore[attr-defined]
        p = context.new_page()
        p.goto(srv.url + "/")
        p.fill("#note", "She put herself at risk by meeting him.")
        p.locator("#auth").wait_for(state="visible", timeout=15_000)
        assert "API key" in p.inner_text("#check-status")
        p.fill("#api-key", KEYS["browser"])
        p.click("#save-key")
        p.locator("mark.sev-error").first.wait_for(timeout=15_000)
        assert p.evaluate("() => localStorage.length") == 0
        assert p.evaluate("() => sessionStorage.getItem('vblint-key')") == KEYS["browser"]
        context.close()
