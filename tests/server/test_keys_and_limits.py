"""Key hashing, identification and revocation; the per-key minute window."""

from __future__ import annotations

import pytest
from harness import serve_once

from vblint_server.keys import KeyRing, hash_key, new_key, parse_hash
from vblint_server.limits import RateLimiter
from vblint_server.serve import is_loopback


def test_keys_are_identified_by_hash_and_revoked_by_name() -> None:
    a, b = new_key(), new_key()
    assert a != b and len(a) > 40
    ring = KeyRing({"a": hash_key(a), "b": hash_key(b)}, revoked=["b"])
    assert ring.identify(a) == "a"
    assert ring.identify(b) is None
    assert ring.identify(a + "x") is None
    assert ring.identify("") is None
    assert ring.identify("\ud800") is None  # a lone surrogate is refused, not a crash


@pytest.mark.parametrize("stored", ["plain", "sha256:zz", "sha256:" + "ab" * 16, "md5:" + "0" * 64])
def test_only_sha256_hashes_are_accepted(stored: str) -> None:
    with pytest.raises(ValueError, match="sha256"):
        parse_hash(stored)


def test_rate_limit_window() -> None:
    limiter = RateLimiter(2)
    assert limiter.hit("a", now=60.0) is None
    assert limiter.hit("a", now=61.0) is None
    assert limiter.hit("a", now=62.0) == 58
    assert limiter.hit("b", now=62.0) is None
    assert limiter.hit("a", now=120.0) is None
    assert RateLimiter(0).hit("a") is None


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("10.0.0.5", False),
        ("::", False),
        ("example.org", False),
    ],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("args", [["--workers", "0"], ["--port", "70000"], ["--port", "x"]])
def test_serve_rejects_bad_arguments_in_one_line(args: list[str]) -> None:
    proc = serve_once(*args)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith("vblint: error:")
