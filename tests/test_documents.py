"""Readers over real files made here: findings and where a person finds them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import Cli

from builders import FOOTER_TEXT, pdf, word_letter
from vblint.documents import read_path

POLICY = """\
---
title: She put herself at risk (front matter is not prose)
---
# Language in our records

Staff must never write that a child put herself at risk.

Jade put herself at risk by meeting him at the flat.

```text
She put herself at risk by meeting him.
```

See `she put herself at risk` and https://example.org/she-put-herself-at-risk for more.

> I put myself at risk by going there.

<!-- vblint-disable VB101 -- a quoted example from training -->
> Maya put herself at risk by meeting him.
<!-- vblint-enable VB101 -->

Maya put herself at risk by meeting him.
"""


def _findings(cli: Cli, path: Path) -> list[dict[str, object]]:
    _, out, _ = cli("check", "--format", "json", "--report-unused-suppressions", str(path))
    files = json.loads(out)["files"]
    assert all(item["suppressions"] == [] for item in files)  # every directive did its job
    return [f for item in files for f in item["findings"]]


def test_markdown_policy_prose_only_and_block_quote_is_quoted(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "policy.md"
    path.write_text(POLICY, encoding="utf-8")
    found = _findings(cli, path)
    by_line = {(f["rule"], f["location"]["line"]): f for f in found}
    # Line 8 is plain prose; the front matter (2), code block (11), inline code and URL (14)
    # and the quoted example inside the suppression (19) give nothing.
    assert ("VB101", 8) in by_line
    assert by_line[("VB101", 8)]["location"]["column"] == 1
    assert by_line[("VB101", 8)]["severity"] == "error"
    lines = sorted(line for _, line in by_line)
    assert 2 not in lines and 11 not in lines and 14 not in lines and 19 not in lines
    # After the enable, the same words are reported again.
    assert by_line[("VB101", 22)]["severity"] == "error"
    # The block quote is the child's own words: kept as evidence, info only.
    quoted = by_line[("VB101", 16)]
    assert quoted["severity"] == "info" and "quoted" in quoted["context"]


def test_markdown_offsets_point_into_the_original(tmp_path: Path) -> None:
    path = tmp_path / "policy.md"
    path.write_text(POLICY, encoding="utf-8")
    doc = read_path(path)
    assert len(doc.text) == len(POLICY)
    assert doc.text.splitlines()[7] == POLICY.splitlines()[7]
    assert "example.org" not in doc.text and "title:" not in doc.text


HTML_PAGE = """\
<!DOCTYPE html>
<html>
<head><title>Guidance</title>
<style>p::before { content: "she put herself at risk"; }</style>
<script>var note = "She put herself at risk by meeting him.";</script>
</head>
<body>
  <h1>Working with young people</h1>
  <p data-note="she put herself at risk">We record who caused the harm.</p>
  <p>Jade put herself&nbsp;at risk by
     meeting him at the flat.</p>
  <blockquote>I put myself at risk by going there.</blockquote>
</body>
</html>
"""


def test_html_visible_text_with_source_line_and_column(tmp_path: Path, cli: Cli) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    found = _findings(cli, path)
    errors = [f for f in found if f["severity"] == "error"]
    assert len(errors) == 1
    assert errors[0]["location"]["line"] == 10
    assert errors[0]["location"]["column"] == HTML_PAGE.splitlines()[9].index("Jade") + 1
    assert errors[0]["location"]["end_line"] == 11
    quoted = [f for f in found if "quoted" in f["context"]]
    assert quoted and quoted[0]["location"]["line"] == 12


def test_word_letter_paragraph_table_cell_and_footer(tmp_path: Path, cli: Cli) -> None:
    path = word_letter(tmp_path / "letter.docx")
    found = _findings(cli, path)
    places = {f["rule"] + ":" + f["text"][:12]: f["location"] for f in found}
    body = places["VB101:Jade put her"]
    assert body == {
        "part": "body",
        "paragraph": 3,
        "snippet": "Jade put herself at risk by meeting him at the flat.",
    }
    cell = places["VB102:She should n"]
    assert (cell["table"], cell["row"], cell["cell"]) == (1, 2, 2)
    footer = places["VB101:Jade is plac"]
    assert footer["part"] == "footer" and footer["snippet"] == FOOTER_TEXT
    assert len(found) == 3


def test_pdf_findings_have_page_numbers(tmp_path: Path, cli: Cli) -> None:
    path = pdf(
        tmp_path / "guidance.pdf",
        [
            "Safeguarding guidance for staff. Record who caused the harm.",
            "Jade put herself at risk by meeting him at the flat.",
        ],
    )
    found = _findings(cli, path)
    assert [(f["rule"], f["location"]["page"]) for f in found] == [("VB101", 2)]
    assert "Jade put herself at risk" in found[0]["location"]["snippet"]


def test_text_format_names_the_place_in_word_documents(tmp_path: Path, cli: Cli) -> None:
    path = word_letter(tmp_path / "letter.docx")
    code, out, _ = cli("check", str(path))
    assert code == 1
    assert f"{path}: table 1, row 2, cell 2, paragraph 1: VB102" in out
    assert f"{path}: footer, section 1, paragraph 1: VB101" in out or "footer" in out
    assert "by category:" in out and "responsibility-shifting" in out


@pytest.mark.parametrize("fmt", ["markdown", "html", "text"])
def test_stdin_format(fmt: str, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    text = {
        "markdown": "`she put herself at risk`\n",
        "html": "<code>she put herself at risk</code>",
    }
    data = text.get(fmt, "She put herself at risk by meeting him.\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    _, out, _ = cli("check", "--format", "json", "--stdin-format", fmt, "-")
    findings = json.loads(out)["files"][0]["findings"]
    assert bool(findings) is (fmt == "text")


def test_opendocument_letter_paragraph_table_cell_and_footer(tmp_path: Path, cli: Cli) -> None:
    from builders import odt_letter

    path = odt_letter(tmp_path / "letter.odt")
    found = _findings(cli, path)
    places = {f["rule"] + ":" + f["text"][:12]: f["location"] for f in found}
    assert places["VB101:Jade put her"] == {
        "part": "body",
        "paragraph": 5,  # the template starts with an empty paragraph
        "snippet": "Jade put herself at risk by meeting him at the flat.",
    }
    cell = places["VB102:She should n"]
    assert (cell["table"], cell["row"], cell["cell"]) == (1, 2, 2)
    assert places["VB101:Jade is plac"]["part"] == "footer"
    assert len(found) == 3
