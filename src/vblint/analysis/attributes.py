"""The model's attribute rules, looked up per token instead of run through spaCy's Matcher.

``en_core_web_sm``'s ``attribute_ruler`` (tag -> POS and morphology, a few lemma and POS
exceptions) holds 179 one- and two-token patterns. spaCy's ``Matcher`` tries every pattern at
every token and calls back into Python for each ``IN``/``REGEX`` test, which costs about a fifth
of vblint's time per note (4.5 of 24 ms for a 255-word note). Here each pattern is filed under
the value its first token must have (its lower-case form, tag or dependency), so a token is
tested only against the few patterns that can start there. The attributes and the order they
are applied in are the ruler's own, so the result is the same; ``tests/test_attributes.py``
compares every token of the test corpus with the ruler's.

Only what these patterns use is compiled: equality, ``IN``, ``NOT_IN`` and ``REGEX`` on a
handful of token attributes, with no operators. A ruler with anything else is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spacy import attrs
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

NAME = "vblint_attributes"

ATTRS: dict[str, int] = {
    "ORTH": attrs.ORTH,
    "TEXT": attrs.ORTH,
    "LOWER": attrs.LOWER,
    "NORM": attrs.NORM,
    "TAG": attrs.TAG,
    "DEP": attrs.DEP,
    "IS_SPACE": attrs.IS_SPACE,
    "IS_PUNCT": attrs.IS_PUNCT,
}
"""Pattern keys this module understands, and the attribute ``Doc.to_array`` reads for each."""

INDEX_KEYS = ("ORTH", "TEXT", "LOWER", "NORM", "TAG", "DEP", "IS_SPACE")
"""Preferred keys to file a pattern under: the more selective first."""

EQ, IN, NOT_IN, REGEX = range(4)

_OPENING_LIMIT = 100_000
"""Rows of token values whose starting rules are kept before the table is emptied."""

Check = tuple[int, int, Any]
"""(column, operator, operand): one condition on one token, on hashed values."""


class UnsupportedPatternError(ValueError):
    """A pattern uses something this module does not compile."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern of one ruler entry: ``attr_id`` is the entry's position, which orders them."""

    attr_id: int
    tokens: tuple[tuple[Check, ...], ...]
    index: int


class CompiledAttributes:
    """The same attributes as an ``AttributeRuler``, found by lookup. Build with :meth:`of`."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self._strings = ruler.vocab.strings
        self._attrs: list[dict[Any, Any]] = list(ruler.attrs)
        self._columns: list[int] = []
        self._tables: dict[int, dict[int, list[Rule]]] = {}
        self._always: list[Rule] = []
        # For each row of token values seen, the rules that can start there (see _starting).
        self._opening: dict[tuple[int, ...], tuple[Rule, ...]] = {}
        entries: list[Any] = list(ruler.patterns)
        self.patterns: list[dict[str, Any]] = entries
        for attr_id, entry in enumerate(entries):
            for pattern in entry["patterns"]:
                self._file(attr_id, pattern, int(entry.get("index", 0)))

    @classmethod
    def of(cls, ruler: AttributeRuler) -> CompiledAttributes | None:
        """The compiled rules, or None when a pattern uses something not compiled here."""
        try:
            return cls(ruler)
        except UnsupportedPatternError:
            return None

    def _column(self, key: str) -> int:
        if key not in ATTRS:
            raise UnsupportedPatternError(f"key {key}")
        if ATTRS[key] not in self._columns:
            self._columns.append(ATTRS[key])
        return self._columns.index(ATTRS[key])

    def _value(self, value: Any) -> int:
        """A pattern value as ``to_array`` gives it: a string's hash, a flag's 0 or 1."""
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, str):
            return int(get_string_id(value))
        raise UnsupportedPatternError(f"value {value!r}")

    def _check(self, key: str, value: Any) -> Check:
        column = self._column(key)
        if not isinstance(value, Mapping):
            return column, EQ, self._value(value)
        if len(value) != 1:
            raise UnsupportedPatternError(f"value {value!r}")
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            return column, IN if op == "IN" else NOT_IN, frozenset(map(self._value, arg))
        if op == "REGEX" and isinstance(arg, str) and ATTRS[key] != attrs.IS_SPACE:
            return column, REGEX, re.compile(arg).search
        raise UnsupportedPatternError(f"operator {op}")

    def _file(self, attr_id: int, pattern: Any, index: int) -> None:
        if not isinstance(pattern, list) or not pattern:
            raise UnsupportedPatternError("a pattern that is not a list of tokens")
        tokens = []
        for spec in pattern:
            if not isinstance(spec, Mapping) or "OP" in spec:
                raise UnsupportedPatternError("a token with an operator")
            tokens.append(tuple(self._check(key, value) for key, value in spec.items()))
        rule = Rule(attr_id, tuple(tokens), index)
        for key in INDEX_KEYS:  # file it under the first key with known values
            if key not in pattern[0]:
                continue
            column, op, operand = self._check(key, pattern[0][key])
            if op in (EQ, IN):
                table = self._tables.setdefault(column, {})
                for value in [operand] if op == EQ else operand:
                    table.setdefault(value, []).append(rule)
                return
        self._always.append(rule)

    def __call__(self, doc: Doc) -> Doc:
        """Find every match first (as the Matcher does), then apply them in the ruler's order."""
        if not len(doc) or not self._columns:
            return doc
        columns: list[int | str] = list(self._columns)
        array = doc.to_array(columns).astype("uint64").reshape(len(doc), -1)
        rows: list[list[int]] = array.tolist()
        opening = self._opening
        if len(opening) > _OPENING_LIMIT:
            opening.clear()
        matches: list[tuple[int, int, Rule]] = []
        for start, row in enumerate(rows):
            key = tuple(row)
            starting = opening.get(key)
            if starting is None:
                starting = opening[key] = self._starting(row)
            for rule in starting:
                size = len(rule.tokens)
                if size == 1 or (
                    start + size <= len(rows)
                    and all(self._holds(rows[start + k], rule.tokens[k]) for k in range(1, size))
                ):
                    matches.append((rule.attr_id, start, rule))
        matches.sort(key=lambda match: (match[0], match[1]))
        for attr_id, start, rule in matches:
            at = rule.index if rule.index >= 0 else len(rule.tokens) + rule.index
            if not 0 <= at < len(rule.tokens):
                raise ValueError(f"attribute rule {attr_id} points outside its pattern")
            set_token_attrs(doc[start + at], self._attrs[attr_id])
        return doc

    def _starting(self, row: list[int]) -> tuple[Rule, ...]:
        """The rules whose first token holds for a token with these values, in the order tried.

        It depends on the values alone, and a note repeats the same few words, so it is kept
        per row of values: most tokens are then a single lookup.
        """
        tables = self._tables.items()
        candidates = [rule for column, table in tables for rule in table.get(row[column], ())]
        return tuple(r for r in candidates + self._always if self._holds(row, r.tokens[0]))

    def _holds(self, row: list[int], checks: tuple[Check, ...]) -> bool:
        for column, op, operand in checks:
            value = row[column]
            if op == EQ:
                if value != operand:
                    return False
            elif op == IN:
                if value not in operand:
                    return False
            elif op == NOT_IN:
                if value in operand:
                    return False
            elif operand(self._strings[value]) is None:
                return False
        return True


def compile_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put the compiled rules in place of ``nlp``'s attribute ruler; False if left as it was."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    compiled = CompiledAttributes.of(ruler)
    if compiled is None:
        return False
    nlp.add_pipe(NAME, after=name)
    nlp.get_pipe(NAME).use(compiled)  # type: ignore[attr-defined]
    nlp.remove_pipe(name)
    return True


class AttributesComponent:
    """The pipeline slot the compiled rules run in (filled by :func:`compile_ruler`)."""

    def __init__(self) -> None:
        self._compiled: CompiledAttributes | None = None

    def use(self, compiled: CompiledAttributes) -> None:
        """Run these rules."""
        self._compiled = compiled

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """The ruler's own entries, as ``AttributeRuler.patterns`` gives them."""
        return self._compiled.patterns if self._compiled is not None else []

    def __call__(self, doc: Doc) -> Doc:
        """Apply the rules; a slot that was never filled passes documents through."""
        return self._compiled(doc) if self._compiled is not None else doc


@Language.factory(NAME)
def make_attributes(nlp: Language, name: str) -> AttributesComponent:
    """The factory for the slot; :func:`compile_ruler` fills it from the model's ruler."""
    return AttributesComponent()
