"""Findings to LSP types, and editor settings, without a server."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

from vblint.findings import Severity, Suggestion
from vblint.lsp.convert import Positions, offset_encoding, snippet
from vblint.lsp.settings import parse


@pytest.mark.parametrize(("encoding", "character"), [("utf-16", 5), ("utf-8", 8), ("codepoint", 4)])
def test_positions_count_in_the_clients_units(encoding: str, character: int) -> None:
    text = "one\r\nab😀é x\rlast"
    offset = text.index("é") + 1  # just after the accented letter, on line 2
    position = Positions(text, encoding).position(offset)  # type: ignore[arg-type]
    assert position == lsp.Position(line=1, character=character)
    assert Positions(text, encoding).position(text.index("last")) == lsp.Position(  # type: ignore[arg-type]
        line=2, character=0
    )


def test_combining_accent_counts_as_its_own_character() -> None:
    text = "cafe\u0301 she"
    offset = text.index("she")
    assert Positions(text, "utf-16").position(offset).character == 6
    assert Positions(text, "utf-8").position(offset).character == 7
    assert Positions(text, "codepoint").position(offset).character == 6


def test_negotiated_encodings_map_to_offsets_encodings() -> None:
    assert offset_encoding("utf-8") == "utf-8"
    assert offset_encoding("utf-32") == "codepoint"
    assert offset_encoding(None) == "utf-16"


def test_snippet_numbers_placeholders_and_escapes_the_rest() -> None:
    suggestion = Suggestion.build("[who] paid $5 to {x} and [whom]")
    assert snippet(suggestion) == "${1:who} paid \\$5 to {x\\} and ${2:whom}"


def test_settings_accept_both_shapes_and_report_bad_values() -> None:
    settings = parse({"vblint": {"select": "VB101, VB102", "minSeverity": "Warning"}})
    assert settings.select == ("VB101", "VB102")
    assert settings.min_severity is Severity.WARNING
    assert parse({"ignore": ["VB103"]}).ignore == ("VB103",)
    bad = parse({"profile": "novel", "debounceMs": "soon", "select": 3})
    assert bad.profile is None and bad.select is None and bad.debounce_ms == 30
    assert len(bad.problems) == 3
    assert parse(None) == parse({})


def test_the_rule_link_can_point_at_an_organisations_own_copy() -> None:
    assert parse({"ruleUrl": "https://intranet.example/vblint/{rule}"}).rule_url == (
        "https://intranet.example/vblint/{rule}"
    )
    assert "{rule}" in parse({"ruleUrl": "https://no-placeholder"}).rule_url


def test_docs_url_is_the_base_of_the_rule_pages() -> None:
    assert parse({}).rule_url == "https://vblint.readthedocs.io/en/latest/rules/{rule}.html"
    assert parse({"docsUrl": "https://intranet.example/vblint"}).rule_url == (
        "https://intranet.example/vblint/rules/{rule}.html"
    )
    assert parse({"docsUrl": "/guide/"}).rule_url == "/guide/rules/{rule}.html"
    bad = parse({"docsUrl": "intranet docs"})
    assert bad.rule_url == parse({}).rule_url
    assert bad.problems == ("docsUrl: expected an http(s):// address or a path starting with /",)
    # ruleUrl, any address with {rule}, still wins for those who set it.
    both = parse({"docsUrl": "https://a.example/", "ruleUrl": "https://b.example/{rule}"})
    assert both.rule_url == "https://b.example/{rule}"
