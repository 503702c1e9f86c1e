"""Drives the writing page as a practitioner would, for the Chromium tests.

Waits on what the page itself says: the findings panel is ``aria-busy`` from an edit until the
check of the text as it now is has answered, so no test waits a fixed time.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SETTLED = "() => document.querySelector('.side').getAttribute('aria-busy') === 'false'"


def api_findings(url: str, text: str, profile: str | None = None) -> list[dict[str, Any]]:
    """The service's findings for ``text`` in UTF-16 offsets, as the page receives them."""
    body: dict[str, Any] = {"text": text, "offset_encoding": "utf-16"}
    if profile:
        body["profile"] = profile
    response = httpx.post(f"{url}/v1/check", json=body, timeout=60)
    response.raise_for_status()
    found: list[dict[str, Any]] = response.json()["findings"]
    return found


def apply_utf16(text: str, start: int, end: int, new: str) -> str:
    """``text`` with UTF-16 units [start, end) replaced: how JavaScript indexes a string."""
    units = text.encode("utf-16-le")
    return (units[: start * 2] + new.encode("utf-16-le") + units[end * 2 :]).decode("utf-16-le")


class WritingPage:
    """The page at ``/`` in a Playwright page."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def settled(self) -> None:
        """Wait until the findings on the page are those of the note as it now is."""
        self.page.wait_for_function(SETTLED, timeout=30_000)

    def write(self, text: str) -> None:
        """Replace the note with ``text`` and wait for its findings."""
        self.page.fill("#note", text)
        self.settled()

    def value(self) -> str:
        """The note as it is in the field."""
        value: str = self.page.input_value("#note")
        return value

    def open(self, fingerprint: str, start: int | None = None) -> Any:
        """Open a finding's card from the panel; the card.

        The same words under the same rule in two sentences share a fingerprint: ``start`` (in
        UTF-16 units, as the service gives it) picks one.
        """
        chosen = f"[data-fingerprint={json.dumps(fingerprint)}]"
        if start is not None:
            chosen += f'[data-start="{start}"]'
        self.page.click(f"#groups button{chosen}")
        card = self.page.locator(f"#detail{chosen}")
        card.wait_for(state="visible")
        return card

    def wordings(self) -> list[str]:
        """Each rewrite exactly as the open card shows it."""
        texts: list[str] = self.page.locator("#rewrites .wording").all_inner_texts()
        return texts

    def accept(self, index: int = 0, then_next: bool = False) -> None:
        """Press "Use this wording" (or "... and go to next") on rewrite ``index``."""
        button = "button.accept-next" if then_next else "button.accept"
        self.page.locator(f"#rewrites li.rewrite >> nth={index}").locator(button).click()

    def fill_placeholders(self, values: list[str]) -> str:
        """Type ``values`` into the placeholder dialog; the preview it shows before inserting."""
        dialog = self.page.locator("#fill")
        dialog.wait_for(state="visible")
        for i, value in enumerate(values):
            dialog.locator(f"#fill-{i}").fill(value)
        preview: str = self.page.inner_text("#fill-preview")
        dialog.locator("#fill-ok").click()
        return preview

    def focused(self) -> str:
        """The id of the element with the keyboard focus."""
        focused: str = self.page.evaluate("() => document.activeElement.id")
        return focused
