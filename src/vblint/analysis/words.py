"""The word lists the engine's conditions read, from ``patterns/lexicon.yaml``.

Parse-tree walks live in Python; the words they look for live in the lexicon, where an
organisation's own ``lexicon.yaml`` can add to them. The lexicon in force is the one of the
rule set being run: :func:`active` sets it for the duration of one document (a context
variable, so threads checking with different rule sets do not see each other's words).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from vblint.rules import default_pack_dir, load_lexicon

Lexicon = Mapping[str, frozenset[str]]


@lru_cache(maxsize=1)
def builtin() -> Lexicon:
    """The built-in lexicon, lower-cased, as sets."""
    return compile_lexicon(load_lexicon(default_pack_dir()))


def compile_lexicon(raw: Mapping[str, list[str]]) -> Lexicon:
    """Word lists as lower-case sets, for membership tests."""
    return {name: frozenset(w.lower() for w in words) for name, words in raw.items()}


_ACTIVE: ContextVar[Lexicon | None] = ContextVar("vblint_lexicon", default=None)


@contextmanager
def active(lexicon: Lexicon) -> Iterator[None]:
    """Make ``lexicon`` the one :func:`of` reads while one document is checked."""
    token = _ACTIVE.set(lexicon)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def of(name: str) -> frozenset[str]:
    """The named list from the lexicon in force (the built-in one outside a check)."""
    lexicon = _ACTIVE.get() or builtin()
    try:
        return lexicon[name]
    except KeyError:
        return builtin()[name]
