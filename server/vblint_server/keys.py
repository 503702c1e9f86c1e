"""API keys: stored only as SHA-256 hashes, compared in constant time, revocable by name.

Keys are long random strings made by :func:`new_key`, so a plain SHA-256 is enough: a slow
password hash would only add latency to every request. ``vblint keys create NAME`` prints a
fresh key (give it to the calling system) and its hash for the settings
(:mod:`vblint_server.keys_command`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence

PREFIX = "sha256:"


def hash_key(key: str) -> str:
    """The stored form of a key."""
    return PREFIX + hashlib.sha256(key.encode("utf-8")).hexdigest()


def parse_hash(stored: str) -> bytes:
    """The digest bytes of a stored hash, or ValueError naming the expected form."""
    if not stored.startswith(PREFIX):
        raise ValueError("each API key must be stored as 'sha256:<64 hex digits>'")
    try:
        digest = bytes.fromhex(stored[len(PREFIX) :])
    except ValueError:
        raise ValueError("each API key must be stored as 'sha256:<64 hex digits>'") from None
    if len(digest) != 32:
        raise ValueError("each API key must be stored as 'sha256:<64 hex digits>'")
    return digest


def new_key() -> str:
    """A fresh random key with 256 bits of entropy."""
    return "vbk_" + secrets.token_urlsafe(32)


class KeyRing:
    """The keys this process accepts, by name."""

    def __init__(self, hashes: Mapping[str, str], revoked: Sequence[str] = ()) -> None:
        self._keys = [
            (name, parse_hash(stored)) for name, stored in hashes.items() if name not in revoked
        ]

    def identify(self, presented: str) -> str | None:
        """The name of the key presented, or None.

        Every stored digest is compared, with ``hmac.compare_digest``, so the time taken does
        not say which key was nearly right or where it sits in the list.
        """
        digest = hashlib.sha256(presented.encode("utf-8", "surrogatepass")).digest()
        found = None
        for name, stored in self._keys:
            if hmac.compare_digest(digest, stored) and found is None:
                found = name
        return found
