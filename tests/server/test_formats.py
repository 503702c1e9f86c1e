"""Markdown and HTML go through the shared readers; offsets point into the text as sent."""

from __future__ import annotations

import pytest

from vblint import Linter, Options
from vblint.offsets import LineIndex
from vblint_server.checker import Job, check


def _found(linter: Linter, text: str, fmt: str) -> list[dict[str, object]]:
    return check(linter, Job(text, fmt, Options(), "codepoint"))


def test_markdown_skips_code_urls_comments_and_front_matter(linter: Linter) -> None:
    source = (
        "---\ntitle: She put herself at risk\n---\n# Visit\n\n"
        "Maya put herself at risk, see [the guide](https://x.example/put-herself-at-risk).\n"
        "<!-- She put herself at risk -->\n```\nShe put herself at risk\n```\n"
        "- `put herself at risk` is quoted code\n"
    )
    found = [f for f in _found(linter, source, "markdown") if f["rule"] == "VB101"]
    assert len(found) == 1
    start, end = int(str(found[0]["start"])), int(str(found[0]["end"]))
    assert "put herself at risk" in source[start:end]
    assert source.index("Maya") <= start < end < source.index("https")


def test_html_checks_visible_text_only(linter: Linter) -> None:
    source = (
        '<div title="She put herself at risk"><p>Maya&nbsp;put herself at risk.</p>'
        "<script>var s = 'She put herself at risk';</script><style>p{}</style></div>"
    )
    found = [f for f in _found(linter, source, "html") if f["rule"] == "VB101"]
    assert len(found) == 1
    start, end = int(str(found[0]["start"])), int(str(found[0]["end"]))
    assert "put herself at risk" in source[start:end]
    assert start > source.index("<p>") and end < source.index("</p>")


def test_html_blocks_keep_words_apart(linter: Linter) -> None:
    # Run together, the cells would read "Mayaput herself at risk" and match nothing.
    source = "<table><tr><td>Maya</td><td>put herself at risk.</td></tr></table>"
    found = [f for f in _found(linter, source, "html") if f["rule"] == "VB101"]
    assert [f["text"] for f in found] == ["put herself at risk"]


@pytest.mark.parametrize(
    ("fmt", "source", "expected"),
    [
        (
            "markdown",
            "Intro.\n\n😀 She put herself at risk by meeting him.\n",
            "She put herself at risk by meeting him",
        ),
        (
            "markdown",
            "Intro.\n\n😀 She **put herself** at risk by meeting him.\n",
            "She **put herself** at risk by meeting him",
        ),
        (
            "markdown",
            "Intro.\n\n😀 She _put herself_ at risk; her_file_name.md is *attached*.\n",
            "She _put herself_ at risk",
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
    cp = [f for f in _found(linter, source, fmt) if f["rule"] == "VB101"]
    u16 = [f for f in check(linter, Job(source, fmt, Options(), "utf-16")) if f["rule"] == "VB101"]
    assert len(cp) == len(u16) == 1
    start, end = int(str(cp[0]["start"])), int(str(cp[0]["end"]))
    assert source[start:end] == expected
    assert (cp[0]["line"], cp[0]["column"]) == LineIndex(source).position(start)
    assert (u16[0]["start"], u16[0]["end"]) == (start + 1, end + 1)  # the emoji is two units


def test_inline_directives_apply_as_in_the_cli(linter: Linter) -> None:
    text = "<!-- vblint-disable-next-line VB101 -->\nShe put herself at risk by meeting him.\n"
    assert not [f for f in _found(linter, text, "markdown") if f["rule"] == "VB101"]
    plain = "vblint: disable-next-line VB101\nShe put herself at risk by meeting him.\n"
    assert not [f for f in _found(linter, plain, "text") if f["rule"] == "VB101"]


def test_markdown_block_quotes_are_marked_as_quoted(linter: Linter) -> None:
    text = "Intro.\n\n> She put herself at risk by meeting him.\n"
    (plain,) = _found(linter, text.replace("> ", ""), "markdown")
    (quoted,) = _found(linter, text, "markdown")
    assert (plain["severity"], quoted["severity"]) == ("error", "info")
