"""Prose extraction for Markdown and HTML keeps a map back to the text as sent."""

from __future__ import annotations

import pytest

from vblint import Linter
from vblint.offsets import LineIndex
from vblint_server.markup import html_prose, markdown_prose


def test_markdown_drops_code_urls_comments_and_markers() -> None:
    source = (
        "---\ntitle: She put herself at risk\n---\n# Visit\n\n"
        "Maya *put herself* at risk, see [the guide](https://x.example/a_b).\n"
        "<!-- She put herself at risk -->\n```\nShe put herself at risk\n```\n"
        "- `put herself at risk` is quoted code\n"
    )
    prose = markdown_prose(source)
    assert "Maya put herself at risk, see the guide." in prose.text
    assert prose.text.count("put herself at risk") == 1
    assert "https" not in prose.text and "title" not in prose.text
    for i, char in enumerate(prose.text):
        if not char.isspace():
            assert source[prose.starts[i] : prose.ends[i]] == char


def test_html_keeps_visible_text_only_and_decodes_entities() -> None:
    source = (
        '<div title="She put herself at risk"><p>Maya&nbsp;<em>put</em> herself at risk'
        " &amp; left.</p><script>var s = 'put herself at risk';</script>"
        "<style>p{}</style><p>Next</p></div>"
    )
    prose = html_prose(source)
    assert prose.text.strip() == "Maya\xa0put herself at risk & left.\nNext"
    amp = prose.text.index("&")
    assert source[prose.starts[amp] : prose.ends[amp]] == "&amp;"


@pytest.mark.parametrize(
    ("fmt", "source", "expected"),
    [
        (
            "markdown",
            "Intro.\n\n> 😀 She **put herself** at risk by meeting him.\n",
            "She **put herself** at risk by meeting him",
        ),
        (
            "html",
            "<ul><li>😀 She <a href='#'>put herself</a> at risk by meeting him.</li></ul>",
            "She <a href='#'>put herself</a> at risk by meeting him",
        ),
    ],
)
def test_findings_map_back_onto_the_source(
    linter: Linter, fmt: str, source: str, expected: str
) -> None:
    prose = (markdown_prose if fmt == "markdown" else html_prose)(source)
    lines = LineIndex(source)
    findings = [prose.to_source(f, source, lines) for f in linter.check(prose.text)]
    (f,) = [f for f in findings if f.rule == "VB101"]
    assert source[f.start : f.end] == expected
    assert (f.line, f.column) == lines.position(f.start)
