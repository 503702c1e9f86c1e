"""Fuzzing the HTTP API through the real service: every text is answered, offsets exact.

The texts of ``tests/fuzzing.py`` (rule phrases, ages, quotation marks, runs of brackets and
emoji, lone surrogates, line breaks), posted as ASCII JSON so lone surrogates travel as
``\\uXXXX`` escapes, one by one and as a batch. A fixed, derandomized budget of examples.
Time against the parse is asserted in ``tests/test_fuzz.py``, in one process; here the
service's own limits apply.
"""

from __future__ import annotations

import json

import httpx
import pytest
from tests.fuzzing import examples

from vblint.text import cleaned

pytestmark = pytest.mark.slow

HEADERS = {"Content-Type": "application/json"}
MAX_CHARS = 5000  # the module's service (tests/server/conftest.py)


def _post(client: httpx.Client, path: str, payload: dict[str, object]) -> httpx.Response:
    body = json.dumps(payload, ensure_ascii=True).encode("ascii")
    return client.post(path, content=body, headers=HEADERS)


def test_fuzzed_texts_are_answered_with_exact_offsets(client: httpx.Client) -> None:
    def one(text: str) -> None:
        text = text[:MAX_CHARS]
        r = _post(client, "/v1/check", {"text": text, "offset_encoding": "codepoint"})
        assert r.status_code == 200, r.text
        safe = cleaned(text)
        for finding in r.json()["findings"]:
            assert safe[finding["start"] : finding["end"]] == finding["text"]
        batch = [
            {"id": "fuzzed", "text": text},
            {"id": "plain", "text": "She put herself at risk."},
        ]
        r = _post(client, "/v1/check/batch", {"documents": batch, "offset_encoding": "codepoint"})
        assert r.status_code == 200, r.text
        plain = r.json()["results"][1]["findings"]
        assert [f["rule"] for f in plain] == ["VB101"]

    examples(30, one)
