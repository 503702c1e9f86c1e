"""Accepting, undoing, dismissing on the writing page, in a real Chromium with a real service.

What the card shows is what accepting inserts, at the words the card names, with a capital only
where a sentence begins; Ctrl+Z puts the original back. Expected wording comes from the service
itself (``POST /v1/check``), so the tests hold whatever the rules suggest. Screenshots go to
``test-artifacts/``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from harness import Server
from pageui import WritingPage, api_findings, apply_utf16

pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
START = "She put herself at risk by meeting him"
MIDDLE = "Maya put herself at risk by meeting them"
NOTE = f"Visit 😀 went well; cafe\u0301 trip. {START}. Staff noted that {MIDDLE}."


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"page-{name}.png"), full_page=True)


def by_words(findings: list[dict[str, Any]], words: str) -> dict[str, Any]:
    return next(f for f in findings if f["text"] == words)


def test_accept_inserts_the_card_s_sentence_and_ctrl_z_restores_it(
    page: Any, open_server: Server
) -> None:
    ui = WritingPage(page)
    ui.write(NOTE)
    found = api_findings(open_server.url, NOTE)
    for words, capital in ((START, True), (MIDDLE, False)):
        f = by_words(found, words)
        ui.open(f["fingerprint"])
        card = ui.wordings()[0]
        # The card shows the service's top rewrite, cased for where it stands.
        assert card == f["suggestions"][0]["text"]
        assert card[0].isupper() is capital, card
        assert page.inner_text("#rewrites-where") == f"Each replaces the words “{words}”."
        shot(page, f"card-{'start' if capital else 'middle'}")
        ui.accept()
        assert ui.value() == apply_utf16(NOTE, f["start"], f["end"], card)
        assert "Ctrl+Z" in page.inner_text("#action-status")
        ui.settled()
        shot(page, f"accepted-{'start' if capital else 'middle'}")
        page.focus("#note")
        page.keyboard.press("Control+z")
        assert ui.value() == NOTE
        ui.settled()
    # Redo (and the toolbar's buttons) step through the same history.
    page.keyboard.press("Control+Shift+z")
    assert ui.value() == apply_utf16(NOTE, f["start"], f["end"], card)
    page.click("#undo")
    assert ui.value() == NOTE
    page.click("#redo")
    assert ui.value() != NOTE


def test_a_placeholder_filled_at_a_sentence_start_takes_the_capital(
    page: Any, open_server: Server
) -> None:
    note = "Visit 😀 went well. She should not have sent the images."
    ui = WritingPage(page)
    ui.write(note)
    [f] = [f for f in api_findings(open_server.url, note) if f["suggestions"]]
    top = f["suggestions"][0]
    assert top["placeholders"], "this rule's top rewrite asks who did it"
    ui.open(f["fingerprint"])
    assert ui.wordings()[0] == top["text"]
    ui.accept()
    preview = ui.fill_placeholders(["a man she met online"])
    assert preview[0] == "A" and "a man she met online"[1:] in preview
    assert ui.value() == apply_utf16(note, f["start"], f["end"], preview)
    page.keyboard.press("Control+z")
    assert ui.value() == note


def test_accept_and_next_moves_to_the_next_finding(page: Any, open_server: Server) -> None:
    ui = WritingPage(page)
    ui.write(NOTE)
    found = api_findings(open_server.url, NOTE)
    first, second = by_words(found, START), by_words(found, MIDDLE)
    ui.open(first["fingerprint"])
    ui.accept(then_next=True)
    assert ui.focused() == "detail"
    assert page.get_attribute("#detail", "data-fingerprint") == second["fingerprint"]
    ui.settled()  # the check of the revised note keeps the same card open and focused
    assert page.get_attribute("#detail", "data-fingerprint") == second["fingerprint"]
    assert ui.focused() == "detail"
    shot(page, "accept-and-next")
    ui.accept(then_next=True)
    assert "No more findings" in page.inner_text("#action-status")
    assert ui.focused() == "note"


def test_dismiss_with_a_reason_lasts_for_this_note_only(page: Any, open_server: Server) -> None:
    note = f"Mood 😀 good. {START}. Jade was seen."
    ui = WritingPage(page)
    ui.write(note)
    [f] = [f for f in api_findings(open_server.url, note) if f["text"] == START]
    ui.open(f["fingerprint"])
    page.fill("#dismiss-reason", "quoting the child")
    page.click("#dismiss")
    assert page.locator(f'#groups button[data-fingerprint="{f["fingerprint"]}"]').count() == 0
    dismissed = page.locator("#dismissed")
    assert dismissed.is_visible() and "quoting the child" in dismissed.inner_text()
    assert "1 dismissed" in page.inner_text("#counts")
    shot(page, "dismissed")
    # Edits elsewhere and the check after them: still dismissed, by its fingerprint.
    page.focus("#note")
    page.keyboard.press("End")
    page.keyboard.type(" Staff were told.")
    ui.settled()
    assert page.locator(f'#groups button[data-fingerprint="{f["fingerprint"]}"]').count() == 0
    # Nothing about it left the page: no storage, and the checks sent only the note.
    assert page.evaluate("() => localStorage.length + sessionStorage.length") == 0
    page.click("#dismissed button.restore")
    ui.settled()
    assert page.locator(f'#groups button[data-fingerprint="{f["fingerprint"]}"]').count() == 1
    assert dismissed.is_hidden()


def test_the_profile_picker_changes_the_findings(page: Any, open_server: Server) -> None:
    """A child-facing rule ("contact" for seeing family) is reported only in child-facing text."""
    note = "Your contact with your mum 😀 will be on Saturdays."
    sent: list[dict[str, Any]] = []
    page.on(
        "request",
        lambda r: sent.append(json.loads(r.post_data)) if r.url.endswith("/v1/check") else None,
    )
    ui = WritingPage(page)

    def shown() -> list[str]:
        buttons = page.locator("#groups button")
        return sorted(
            buttons.nth(i).get_attribute("data-fingerprint") for i in range(buttons.count())
        )

    def expected(profile: str) -> list[str]:
        return sorted(f["fingerprint"] for f in api_findings(open_server.url, note, profile))

    ui.write(note)
    assert shown() == expected("case-note")
    page.select_option("#profile", "child-facing")
    ui.settled()
    assert shown() == expected("child-facing") != expected("case-note")
    shot(page, "child-facing")
    page.select_option("#profile", "letter")
    ui.settled()
    assert shown() == expected("letter") == expected("case-note")
    assert [b.get("profile") for b in sent] == ["case-note", "child-facing", "letter"]


def test_quoted_speech_offers_only_a_sentence_beside_it(page: Any, open_server: Server) -> None:
    note = "Maya said: \u201cI put myself at risk.\u201d Staff were told."
    ui = WritingPage(page)
    ui.write(note)
    [f] = api_findings(open_server.url, note)
    assert "quoted" in f["context"]
    ui.open(f["fingerprint"])
    assert page.locator("#rewrites button.accept").count() >= 1
    assert page.locator("#rewrites button.accept").first.inner_text() == "Add this sentence"
    assert page.locator("#detail-protected").is_visible()
    frame = ui.wordings()[0]
    ui.accept()
    if page.locator("#fill").is_visible():
        frame = ui.fill_placeholders(["Maya", "a man she met online pressured her"])
    quote = "\u201cI put myself at risk.\u201d"
    assert ui.value() == note.replace(quote, f"{quote} {frame}")
    shot(page, "quoted-framed")


def test_no_rewrite_shows_the_advice_in_words(page: Any, open_server: Server) -> None:
    note = "Visit 😀 went well. Jade was promiscuous."
    ui = WritingPage(page)
    ui.write(note)
    advised = [f for f in api_findings(open_server.url, note) if f["advice"]]
    assert advised, "a finding with advice and no rewrite"
    f = advised[0]
    ui.open(f["fingerprint"])
    assert page.locator("#rewrites button.accept").count() == 0
    assert page.inner_text("#detail-advice") == f["advice"]
    assert f["message"] in page.inner_text("#detail-title")
    shot(page, "advice")
