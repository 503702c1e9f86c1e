"""The HTTP API over real HTTP against a running ``vblint serve``: every endpoint and error."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from harness import KEYS, ORIGIN, Server, key_settings, run_server, serve_once
from tests.test_fingerprints import GUIDANCE

from vblint import Linter

pytestmark = pytest.mark.slow

NOTE = "She put herself at risk by meeting him."
WORDS = "She put herself at risk by meeting him"


def test_check_returns_findings_in_the_documented_shape(client: httpx.Client) -> None:
    r = client.post("/v1/check", json={"text": NOTE})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"findings", "rules_version", "model", "offset_encoding"}
    assert body["offset_encoding"] == "utf-16"
    assert body["model"].startswith("en_core_web_sm")
    (finding,) = [f for f in body["findings"] if f["rule"] == "VB101"]
    assert set(finding) == {
        "rule",
        "name",
        "category",
        "severity",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "text",
        "message",
        "explanation",
        "source",
        "suggestions",
        "confidence",
        "context",
        "safe_fix",
        "fingerprint",
        "advice",
    }
    assert NOTE[finding["start"] : finding["end"]] == WORDS
    assert r.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("prefix", "units"),
    [
        ("😀 ", {"utf-16": 3, "utf-8": 5, "codepoint": 2}),
        ("e\u0301e\u0301 ", {"utf-16": 5, "utf-8": 7, "codepoint": 5}),
        ("👩🏽‍⚕️ said: ", {"utf-16": 14, "utf-8": 24, "codepoint": 12}),
    ],
    ids=["emoji", "combining", "zwj-sequence"],
)
def test_offsets_in_every_encoding(
    client: httpx.Client, prefix: str, units: dict[str, int]
) -> None:
    text = prefix + NOTE
    for encoding, start in units.items():
        r = client.post("/v1/check", json={"text": text, "offset_encoding": encoding})
        assert r.status_code == 200, r.text
        (f,) = [f for f in r.json()["findings"] if f["rule"] == "VB101"]
        assert (f["start"], f["end"] - f["start"]) == (start, len(WORDS)), encoding
        assert f["column"] == len(prefix) + 1  # line/column: 1-based code points
        if encoding == "utf-16":
            encoded = text.encode("utf-16-le")
            assert encoded[2 * f["start"] : 2 * f["end"]].decode("utf-16-le") == WORDS
        if encoding == "utf-8":
            assert text.encode()[f["start"] : f["end"]].decode() == WORDS


def test_markdown_and_html_report_offsets_into_the_text_as_sent(client: httpx.Client) -> None:
    md = (
        "# Visit\n\n😀 She put herself at risk by meeting him.\n\n"
        "```\nShe put herself at risk.\n```\n"
    )
    r = client.post("/v1/check", json={"text": md, "format": "markdown"})
    (f,) = [f for f in r.json()["findings"] if f["rule"] == "VB101"]
    assert md.encode("utf-16-le")[2 * f["start"] : 2 * f["end"]].decode("utf-16-le") == (
        "She put herself at risk by meeting him"
    )
    assert f["line"] == 3
    page = "<p>😀 She <b>put herself</b> at risk.</p><script>She put herself at risk.</script>"
    r = client.post(
        "/v1/check", json={"text": page, "format": "html", "offset_encoding": "codepoint"}
    )
    (f,) = [f for f in r.json()["findings"] if f["rule"] == "VB101"]
    assert page[f["start"] : f["end"]] == "She <b>put herself</b> at risk"


def test_fingerprints_are_the_librarys_in_every_encoding_and_in_batches(
    client: httpx.Client, linter: Linter
) -> None:
    expected = [(f.rule, f.fingerprint) for f in linter.check(GUIDANCE)]
    assert len(set(expected)) == 3
    for encoding in ("utf-16", "utf-8", "codepoint"):
        r = client.post("/v1/check", json={"text": GUIDANCE, "offset_encoding": encoding})
        assert [(f["rule"], f["fingerprint"]) for f in r.json()["findings"]] == expected
    docs = [{"id": "moved", "text": "😀 Reviewed 2024.\n\n" + GUIDANCE}]
    r = client.post("/v1/check/batch", json={"documents": docs})
    [result] = r.json()["results"]
    assert [(f["rule"], f["fingerprint"]) for f in result["findings"]] == expected


def test_select_ignore_and_unknown_selectors(client: httpx.Client) -> None:
    rules = {f["rule"] for f in client.post("/v1/check", json={"text": NOTE}).json()["findings"]}
    assert "VB101" in rules
    r = client.post("/v1/check", json={"text": NOTE, "ignore": ["VB101"]})
    assert "VB101" not in {f["rule"] for f in r.json()["findings"]}
    r = client.post("/v1/check", json={"text": NOTE, "select": ["responsibility-shifting"]})
    assert {f["category"] for f in r.json()["findings"]} == {"responsibility-shifting"}
    r = client.post("/v1/check", json={"text": NOTE, "select": ["VB999"]})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "unknown_rule"


def test_batch_keeps_ids_order_and_per_document_options(client: httpx.Client) -> None:
    docs = [
        {"id": "note-1", "text": "😀 " + NOTE},
        {"id": "note-2", "text": "He was kind to her."},
        {"id": "note-3", "text": "😀 " + NOTE, "offset_encoding": "codepoint"},
    ]
    r = client.post("/v1/check/batch", json={"documents": docs, "offset_encoding": "utf-8"})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"results", "rules_version", "model"}
    assert [x["id"] for x in body["results"]] == ["note-1", "note-2", "note-3"]
    starts = [
        next(f["start"] for f in x["findings"] if f["rule"] == "VB101")
        for x in (body["results"][0], body["results"][2])
    ]
    assert starts == [5, 2]
    assert not [f for f in body["results"][1]["findings"] if f["severity"] == "error"]


def test_rules_endpoints(client: httpx.Client) -> None:
    r = client.get("/v1/rules")
    assert r.status_code == 200
    ids = [rule["id"] for rule in r.json()["rules"]]
    assert "VB101" in ids
    one = client.get("/v1/rules/VB101").json()
    assert one["id"] == "VB101" and one["explanation"] and one["source"]
    # Readable text, not the template findings are made from; the template is beside it.
    assert one["message"] == (
        "This wording makes the child responsible for the risk someone else created."
    )
    assert "{match}" in one["message_template"]
    assert not [rule["id"] for rule in r.json()["rules"] if "{" in rule["message"]]
    # The rule's page in the documentation this service serves itself.
    assert one["url"] == "/guide/rules/VB101.html"
    assert client.get("/v1/rules/responsibility.reflexive-risk").json()["id"] == "VB101"
    missing = client.get("/v1/rules/VB999")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "rule_not_found"


def test_health_ready_metrics_docs_and_page(server: Server) -> None:
    with server.client() as anon:
        assert anon.get("/healthz").json() == {"status": "ok", "detail": {}}
        ready = anon.get("/readyz").json()
        assert ready["status"] == "ready" and ready["detail"]["model"]
        metrics = anon.get("/metrics")
        assert "vblint_http_requests_total" in metrics.text
        assert "vblint_http_request_duration_seconds_bucket" in metrics.text
        assert 'vblint_findings_total{category="responsibility-shifting",rule="VB101"}' in (
            metrics.text
        )
        docs = anon.get("/docs")
        assert docs.status_code == 200 and "/docs/assets/swagger-ui-bundle.js" in docs.text
        assert "http" not in docs.text.split("<body>")[0].replace("http-equiv", "")
        assert anon.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
        schema = anon.get("/openapi.json").json()
        assert {"/v1/check", "/v1/check/batch", "/v1/rules", "/v1/rules/{rule_id}"} <= set(
            schema["paths"]
        )
        responses = schema["paths"]["/v1/check"]["post"]["responses"]
        assert {"200", "400", "401", "413", "422", "429", "503"} <= set(responses)
        page = anon.get("/")
        assert page.status_code == 200 and "<textarea" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert "https://" not in page.text and "http://" not in page.text
        assert anon.get("/static/app.js").status_code == 200
        assert anon.get("/static/secret.txt").json()["error"]["code"] == "not_found"


def test_auth_missing_wrong_and_revoked_keys(server: Server) -> None:
    for key in (None, "not-a-key", KEYS["retired"]):
        with server.client(key) as c:
            r = c.post("/v1/check", json={"text": NOTE})
            assert r.status_code == 401, key
            assert r.json()["error"]["code"] == "unauthorized"
            assert r.headers["www-authenticate"] == "Bearer"
            assert c.get("/v1/rules").status_code == 401
    with server.client(KEYS["browser"]) as c:
        assert c.post("/v1/check", json={"text": NOTE}).status_code == 200


def test_revoking_one_key_leaves_the_others_working(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    log = tmp_path_factory.mktemp("revoke") / "server.log"
    with run_server(log, key_settings(revoked=["case-system"])) as srv:
        with srv.client(KEYS["case-system"]) as c:
            assert c.post("/v1/check", json={"text": NOTE}).status_code == 401
        for name in ("browser", "retired"):
            with srv.client(KEYS[name]) as c:
                assert c.post("/v1/check", json={"text": NOTE}).status_code == 200


@pytest.mark.parametrize(
    ("body", "status", "code", "says"),
    [
        ('{"text": ', 400, "invalid_json", "not valid JSON"),
        ("[1, 2]", 422, "invalid_request", "body: expected a JSON object"),
        ('{"text": 5}', 422, "invalid_request", "text: expected a string"),
        (
            '{"text": "x", "format": "pdf"}',
            422,
            "invalid_request",
            "format: must be one of 'text', 'markdown' or 'html'",
        ),
        (
            '{"text": "x", "offset_encoding": "utf-32"}',
            422,
            "invalid_request",
            "offset_encoding: must be one of 'utf-16', 'utf-8' or 'codepoint'",
        ),
        (
            '{"text": "x", "profile": "novel"}',
            422,
            "invalid_request",
            "profile: must be one of 'case-note', 'letter', 'policy' or 'child-facing'",
        ),
        ('{"text": "x", "colour": "red"}', 422, "invalid_request", "not a field"),
        ('{"documents": [{"text": "x"}]}', 422, "invalid_request", "documents[0].id: required"),
    ],
)
def test_bad_input_gives_stable_codes_and_says_what_is_allowed(
    client: httpx.Client, body: str, status: int, code: str, says: str
) -> None:
    path = "/v1/check/batch" if "documents" in body else "/v1/check"
    r = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code
    assert says in r.json()["error"]["message"]
    assert "literal error" not in r.json()["error"]["message"]
    assert "pdf" not in r.json()["error"]["message"].split("must be one of")[0]


def test_not_json_at_all_and_unknown_routes(client: httpx.Client) -> None:
    r = client.post("/v1/check", content=b"text=hello", headers={"Content-Type": "text/plain"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_json"
    assert client.get("/v2/nothing").json()["error"]["code"] == "not_found"
    r = client.delete("/v1/check")
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_limits(client: httpx.Client) -> None:
    r = client.post("/v1/check", json={"text": "word " * 1001})
    assert r.status_code == 413 and r.json()["error"]["code"] == "text_too_long"
    r = client.post("/v1/check", json={"text": "x" * 150_000})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:
        for _ in range(30):
            yield b"x" * 10_000

    r = client.post("/v1/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
    docs = [{"id": str(i), "text": "fine"} for i in range(5)]
    r = client.post("/v1/check/batch", json={"documents": docs})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_many_documents"
    docs = [{"id": "a", "text": "fine"}, {"id": "b", "text": "word " * 1001}]
    r = client.post("/v1/check/batch", json={"documents": docs})
    assert r.json()["error"] == {
        "code": "text_too_long",
        "message": "documents[1]: text is over 5000 characters",
    }


def test_cors_only_for_configured_origins(client: httpx.Client) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type",
    }
    ok = client.options("/v1/check", headers={"Origin": ORIGIN, **preflight})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    bad = client.options("/v1/check", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in bad.headers
    r = client.post("/v1/check", json={"text": NOTE}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    # The extension can read errors too, even those the outer layer answers itself.
    big = client.post("/v1/check", json={"text": "x" * 150_000}, headers={"Origin": ORIGIN})
    assert big.status_code == 413
    assert big.headers["access-control-allow-origin"] == ORIGIN


def test_rate_limit_per_key(tmp_path_factory: pytest.TempPathFactory) -> None:
    env = {**key_settings(), "VBLINT_RATE_LIMIT": "3"}
    with run_server(tmp_path_factory.mktemp("rate") / "server.log", env) as srv:
        with srv.client(KEYS["case-system"]) as c:
            statuses = [c.post("/v1/check", json={"text": "fine"}).status_code for _ in range(4)]
            assert statuses[:3] == [200, 200, 200]
            if statuses[3] == 200:  # the minute turned over mid-test; one more window
                statuses = [c.post("/v1/check", json={"text": "x"}).status_code for _ in range(4)]
            limited = c.post("/v1/check", json={"text": "fine"})
            assert limited.status_code == 429
            assert limited.json()["error"]["code"] == "rate_limited"
            assert 1 <= int(limited.headers["retry-after"]) <= 60
        with srv.client(KEYS["browser"]) as other:
            assert other.post("/v1/check", json={"text": "fine"}).status_code == 200


def test_no_keys_refuses_a_public_address(tmp_path_factory: pytest.TempPathFactory) -> None:
    proc = serve_once(
        "--host", "0.0.0.0", "--port", "1", env={"HOME": str(tmp_path_factory.mktemp("home"))}
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "without API keys" in lines[0]


def test_broken_key_settings_give_one_line() -> None:
    proc = serve_once("--port", "1", env={"VBLINT_API_KEYS": json.dumps({"a": "plaintext-key"})})
    assert proc.returncode == 2
    assert proc.stderr.strip() == "vblint: error: invalid settings in VBLINT_API_KEYS"


def test_missing_model_fails_at_start_in_one_line() -> None:
    proc = serve_once("--port", "1", env={"VBLINT_MODEL": "no_such_pipeline"})
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "vblint: error: the spaCy pipeline 'no_such_pipeline' is not installed: install it or "
        "set VBLINT_MODEL"
    ]
