"""A lone surrogate in the JSON text fields: answered, offsets exact, other documents too.

JSON allows ``"\\ud800"``; it reached spaCy's tokenizer and failed the request with a 500 (in a
batch, every document in it). The bodies here are written by hand, since a JSON encoder that
writes UTF-8 refuses to encode such a string.
"""

from __future__ import annotations

import json

import httpx
import pytest

pytestmark = pytest.mark.slow

NOTE = "She put herself at risk by meeting him."
WORDS = "She put herself at risk by meeting him"
HEADERS = {"Content-Type": "application/json"}


def _body(payload: dict[str, object]) -> bytes:
    """``payload`` as ASCII JSON, every lone surrogate written as a ``\\uXXXX`` escape."""
    return json.dumps(payload, ensure_ascii=True).encode("ascii")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8", "codepoint"])
def test_check_answers_a_lone_surrogate_with_exact_offsets(
    client: httpx.Client, encoding: str
) -> None:
    text = "\ud800 " + NOTE + " \udfff"
    r = client.post(
        "/v1/check",
        content=_body({"text": text, "offset_encoding": encoding}),
        headers=HEADERS,
    )
    assert r.status_code == 200, r.text
    (finding,) = [f for f in r.json()["findings"] if f["rule"] == "VB101"]
    # One unit for the replaced code point in UTF-16, three (U+FFFD) in UTF-8.
    width = 3 if encoding == "utf-8" else 1
    assert finding["start"] == width + 1
    assert finding["end"] - finding["start"] == len(WORDS)
    assert finding["text"] == WORDS


def test_a_batch_with_one_such_document_answers_every_document(client: httpx.Client) -> None:
    documents = [
        {"id": "bad", "text": NOTE + "\ud800"},
        {"id": "good", "text": NOTE},
        {"id": "only", "text": "\udc00"},
    ]
    r = client.post("/v1/check/batch", content=_body({"documents": documents}), headers=HEADERS)
    assert r.status_code == 200, r.text
    results = {res["id"]: res["findings"] for res in r.json()["results"]}
    assert [f["rule"] for f in results["bad"]] == [f["rule"] for f in results["good"]]
    assert any(f["rule"] == "VB101" for f in results["good"])
    assert results["only"] == []


def test_markdown_and_html_with_a_lone_surrogate_are_answered(client: httpx.Client) -> None:
    for fmt, text in (("markdown", f"# Note\n\n{NOTE}\ud800\n"), ("html", f"<p>\ud800{NOTE}</p>")):
        r = client.post("/v1/check", content=_body({"text": text, "format": fmt}), headers=HEADERS)
        assert r.status_code == 200, r.text
        assert any(f["rule"] == "VB101" for f in r.json()["findings"])
