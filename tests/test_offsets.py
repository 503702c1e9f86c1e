from __future__ import annotations

import pytest

from vblint import Linter
from vblint.offsets import LineIndex, OffsetMap

TEXT = "Note 😀 e\u0301: She put herself at risk."


def test_emoji_and_combining_characters_convert_exactly() -> None:
    m = OffsetMap(TEXT)
    start = TEXT.index("She")
    assert m.to_units(start, "codepoint") == start
    assert m.to_units(start, "utf-16") == start + 1  # the emoji is two UTF-16 units
    assert m.to_units(start, "utf-8") == len(TEXT[:start].encode("utf-8"))
    for enc in ("codepoint", "utf-16", "utf-8"):
        assert m.from_units(m.to_units(start, enc), enc) == start  # type: ignore[arg-type]


def test_offset_inside_a_character_is_rejected() -> None:
    m = OffsetMap(TEXT)
    inside_emoji = TEXT.index("😀") + 1  # utf-16 unit between the surrogates
    with pytest.raises(ValueError):
        m.from_units(inside_emoji, "utf-16")


def test_finding_after_emoji_lands_on_the_words(linter: Linter) -> None:
    [finding] = [f for f in linter.check(TEXT) if f.rule == "VB101"]
    assert TEXT[finding.start : finding.end].startswith("She put herself at risk")
    units = TEXT.encode("utf-16-le")
    u16 = OffsetMap(TEXT).to_units(finding.start, "utf-16")
    assert units[u16 * 2 :].decode("utf-16-le").startswith("She put herself")


def test_line_index_handles_crlf_and_cr() -> None:
    text = "a\r\nb\rc\nd"
    index = LineIndex(text)
    assert index.position(text.index("b")) == (2, 1)
    assert index.position(text.index("c")) == (3, 1)
    assert index.position(text.index("d")) == (4, 1)
    assert index.offset(4, 1) == text.index("d")


def test_emoji_that_the_parser_reads_as_a_subject_does_not_hide_a_finding(linter: Linter) -> None:
    text = "Mood \U0001f600 today, then she put herself at risk."
    [finding] = [f for f in linter.check(text) if f.rule == "VB101"]
    assert text[finding.start : finding.end].startswith("she put herself at risk")
