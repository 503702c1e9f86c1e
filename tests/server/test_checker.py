"""The check process's own function: offsets in the units the client asked for."""

from __future__ import annotations

from vblint import Linter, Options
from vblint_server.checker import Job, check


def test_check_converts_offsets_and_keeps_line_columns_in_code_points(linter: Linter) -> None:
    text = "🙂\n👩🏽 She put herself at risk by meeting him."
    (cp,) = [f for f in check(linter, Job(text, "text", Options(), "codepoint"))]
    (u16,) = [f for f in check(linter, Job(text, "text", Options(), "utf-16"))]
    assert text[cp["start"] : cp["end"]] == "She put herself at risk by meeting him"
    assert (u16["start"], u16["end"]) == (cp["start"] + 3, cp["end"] + 3)
    assert (u16["line"], u16["column"]) == (cp["line"], cp["column"]) == (2, 4)
