"""The rule-pack schema (one pydantic model for file and code alike) and pack loading.

A pack is a YAML file in ``patterns/``. Unknown keys, unknown lexicon names, duplicate ids and
ids outside a pack's range are errors that name the file and the rule: nothing starts with a
broken pack.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from vblint.findings import Category, Severity, SeverityOrOff

RuleId = Annotated[str, StringConstraints(pattern=r"^VB\d{3}$")]
RuleName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z-]*\.[a-z0-9][a-z0-9-]*$")]
Profile = Literal["case-note", "letter", "policy", "child-facing"]
PROFILES: tuple[Profile, ...] = ("case-note", "letter", "policy", "child-facing")
ContextName = Literal["negated", "mention", "quoted", "hypothetical", "framed", "forced"]
Condition = Literal[
    "child_subject",
    "active",
    "sexual_context",
    "exploitation_context",
    "adult_party",
    "no_agent",
    "nobody_named",
    "stated_subject",
    "question",
    "victim_words",
    "goes_back",
    "adult_named",
    "adult_and_child",
    "pairs_adult_and_child",
    "child_in_it",
    "labels_the_child",
    "called_adults_partner",
    "affection_to_child",
    "not_from_family",
    "not_adults_own",
    "childs_own",
    "conduct_alone",
    "child_context",
    "under_13",
    "under_16",
    "under_18",
]
# Detectors read the parse in Python (vblint/analysis/judgement.py) and yield spans for a rule.
Detector = Literal["judgement", "credibility"]
AgeBand = Literal["under_13", "under_16", "under_18", "adult"]
SpanMode = Literal["match", "subject", "clause"]

LEXICON_FILE = "lexicon.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class MatchSpec(_Strict):
    """One way a rule can match: a literal phrase, a token pattern or a dependency pattern."""

    phrase: str | None = None
    pattern: list[dict[str, Any]] | None = None
    dependency: list[dict[str, Any]] | None = None
    detector: Detector | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> MatchSpec:
        kinds = ("phrase", "pattern", "dependency", "detector")
        given = [k for k in kinds if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "each match entry needs exactly one of phrase, pattern, dependency, detector"
            )
        return self


class FlagExample(_Strict):
    """Text the rule must flag, with the fix a writer could use instead."""

    text: str
    fix: str | None = None


class Examples(_Strict):
    """Examples are tests: every rule needs text it flags and text it must leave alone."""

    flag: list[FlagExample] = Field(min_length=1)
    pass_: list[str] = Field(alias="pass", min_length=1)


UnlessScope = Literal["sentence", "clause"]


class Rule(_Strict):
    """One rule. The same model validates the YAML and is what the engine reads."""

    id: RuleId
    name: RuleName
    category: Category
    severity: Severity
    message: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    source: str = Field(min_length=1)
    match: list[MatchSpec] = Field(min_length=1)
    when: list[Condition] = []
    when_any: list[Condition] = []
    unless: list[ContextName] = ["negated", "mention"]
    except_: list[str] = Field(default=[], alias="except")
    unless_words: list[str] = []
    # Where an ``unless_words`` word silences the rule: anywhere in the sentence (a word of
    # register: "court", "excuse"), or only in the match's own clause (the people it is said
    # of: "agencies involved in CSE work", not the police a referral goes to).
    unless_scope: UnlessScope = "sentence"
    by_age: dict[AgeBand, SeverityOrOff] = {}
    adult_party: Severity | None = None
    span: SpanMode = "match"
    suggest: list[str] = []
    # What to write instead, in words, when no replacement text would fit every sentence.
    advice: str | None = None
    framing: str | None = None
    safe_fix: bool = False
    typos: bool = False
    profiles: list[Profile] | None = None
    examples: Examples

    @model_validator(mode="after")
    def _coherent(self) -> Rule:
        if self.safe_fix and (not self.suggest or "[" in self.suggest[0] or "{" in self.suggest[0]):
            raise ValueError("a safe fix needs a first suggestion with no placeholder or field")
        if self.typos and not all(m.phrase and " " not in m.phrase for m in self.match):
            raise ValueError("typos: true needs single-word phrase matches only")
        return self


class Pack(_Strict):
    """A themed file of rules owning a range of ids."""

    pack: str
    description: str
    ids: tuple[int, int]
    rules: list[Rule] = Field(min_length=1)


class RulePackError(Exception):
    """A rule pack that cannot be used; the message names the file and the rule."""

    def __init__(self, path: Path | str, message: str, rule: str | None = None) -> None:
        self.path = str(path)
        self.rule = rule
        self.detail = message
        where = f"{self.path}: {rule}" if rule else self.path
        super().__init__(f"{where}: {message}")


class RuleSet:
    """All loaded rules by id, in a stable order, plus the version string of the packs."""

    def __init__(
        self,
        rules: Iterable[Rule],
        version: str,
        origins: dict[str, Path] | None = None,
        lexicon: dict[str, list[str]] | None = None,
    ) -> None:
        self.rules: dict[str, Rule] = {r.id: r for r in sorted(rules, key=lambda r: r.id)}
        self.version = version
        self.origins: dict[str, Path] = origins or {}
        # Every word list in force: the built-in lexicon with organisations' words added.
        self.lexicon: dict[str, list[str]] = lexicon or {}

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules.values())

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, rule_id: str) -> Rule | None:
        """The rule with this id (case-insensitive), or None."""
        return self.rules.get(rule_id.upper())


def default_pack_dir() -> Path:
    """The packs shipped with vblint: inside the installed wheel, or the source checkout."""
    packaged = Path(str(importlib.resources.files("vblint"))) / "patterns"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "patterns"
    if checkout.is_dir():
        return checkout
    raise RulePackError(packaged, "the built-in rule packs are missing from this installation")


class _PackLoader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false.

    Words such as "no", "on" and "off" stay words, which matters in word lists.
    """


_PackLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_PackLoader)
    except (OSError, UnicodeDecodeError) as exc:
        raise RulePackError(path, f"cannot be read ({exc.__class__.__name__})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None)
        detail = f": {problem}" if problem else ""
        raise RulePackError(path, f"is not valid YAML{where}{detail}") from None


def load_lexicon(directory: Path) -> dict[str, list[str]]:
    """Named word lists that token patterns refer to as ``$name``."""
    path = directory / LEXICON_FILE
    if not path.exists():
        return {}
    data = _read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("lexicon"), dict):
        raise RulePackError(path, "needs a top-level 'lexicon' mapping of names to word lists")
    lexicon: dict[str, list[str]] = {}
    for name, words in data["lexicon"].items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise RulePackError(path, f"lexicon '{name}' must be a list of strings")
        lexicon[str(name)] = words
    return lexicon


def _expand(value: Any, lexicon: dict[str, list[str]]) -> Any:
    """Replace ``$name`` with the lexicon's words: a bare value becomes ``{IN: words}``."""
    if isinstance(value, str) and value.startswith("$"):
        return {"IN": _words(value, lexicon)}
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key in ("IN", "NOT_IN") and isinstance(item, list):
                expanded: list[Any] = []
                for word in item:
                    is_ref = isinstance(word, str) and word.startswith("$")
                    expanded.extend(_words(word, lexicon) if is_ref else [word])
                out[key] = expanded
            elif key in ("IN", "NOT_IN") and isinstance(item, str) and item.startswith("$"):
                out[key] = _words(item, lexicon)
            else:
                out[key] = _expand(item, lexicon)
        return out
    if isinstance(value, list):
        return [_expand(v, lexicon) for v in value]
    return value


_STRAIGHT, _CURLY = "'", "\u2019"
_WORD_ATTRS = ("LOWER", "ORTH", "TEXT", "NORM", "LEMMA")


def with_curly_apostrophes(match: Any) -> Any:
    """Every word written with a straight apostrophe also matches the typographic one.

    Published text and word processors write "didn\u2019t" and "child\u2019s"; rule authors
    type "didn't". Phrases gain a curly twin; token attributes become ``IN`` lists with both.
    """
    if not isinstance(match, list):
        return match
    out: list[Any] = []
    for spec in match:
        out.append(spec)
        if isinstance(spec, dict) and isinstance(spec.get("phrase"), str):
            if _STRAIGHT in spec["phrase"]:
                out.append({**spec, "phrase": spec["phrase"].replace(_STRAIGHT, _CURLY)})
        elif isinstance(spec, dict) and isinstance(spec.get("pattern"), list):
            spec["pattern"] = [_curly_token(t) for t in spec["pattern"]]
    return out


def _curly_token(token: Any) -> Any:
    if not isinstance(token, dict):
        return token
    out = dict(token)
    for key in _WORD_ATTRS:
        value = out.get(key)
        if isinstance(value, str) and _STRAIGHT in value:
            out[key] = {"IN": [value, value.replace(_STRAIGHT, _CURLY)]}
        elif isinstance(value, dict):
            for op in ("IN", "NOT_IN"):
                items = value.get(op)
                if isinstance(items, list):
                    extra = [
                        w.replace(_STRAIGHT, _CURLY)
                        for w in items
                        if isinstance(w, str) and _STRAIGHT in w
                    ]
                    value = {**value, op: [*items, *(w for w in extra if w not in items)]}
            out[key] = value
    return out


def _words(ref: str, lexicon: dict[str, list[str]]) -> list[str]:
    try:
        return lexicon[ref[1:]]
    except KeyError:
        raise KeyError(f"unknown lexicon name '{ref}'") from None


def _rule_label(raw: Any, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    return f"rule #{index + 1}"


def load_pack(path: Path, lexicon: dict[str, list[str]]) -> Pack:
    """Validate one pack file, expanding lexicon references in its patterns."""
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise RulePackError(path, "must be a mapping with 'pack', 'description', 'ids', 'rules'")
    raw_rules = data.get("rules")
    if isinstance(raw_rules, list):
        for index, raw in enumerate(raw_rules):
            if isinstance(raw, dict) and isinstance(raw.get("match"), list):
                try:
                    raw["match"] = with_curly_apostrophes(_expand(raw["match"], lexicon))
                except KeyError as exc:
                    raise RulePackError(path, str(exc.args[0]), _rule_label(raw, index)) from None
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = list(first["loc"])
        rule = None
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            rule = _rule_label(raw_rules[loc[1]] if isinstance(raw_rules, list) else None, loc[1])
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or "rule"
        raise RulePackError(path, f"{field}: {first['msg']}", rule) from None
    low, high = pack.ids
    for rule_obj in pack.rules:
        if not low <= int(rule_obj.id[2:]) <= high:
            raise RulePackError(path, f"id outside this pack's range {low}-{high}", rule_obj.id)
    return pack


def load_rules(directories: Iterable[Path] | None = None) -> RuleSet:
    """Load and validate every pack: the built-in ones, then any extra directories.

    Extra directories (an organisation's own rules) use the same schema and may use the
    built-in lexicon; their ids must not clash with built-in ones.
    """
    builtin = default_pack_dir()
    dirs = [builtin, *(Path(d) for d in (directories or []))]
    lexicon = load_lexicon(builtin)
    rules: dict[str, Rule] = {}
    origins: dict[str, Path] = {}
    names: dict[str, str] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise RulePackError(directory, "is not a directory of rule packs")
        if directory != builtin:
            lexicon = _extended(lexicon, load_lexicon(directory))
        for path in sorted(directory.glob("*.yaml")):
            if path.name == LEXICON_FILE:
                continue
            pack = load_pack(path, lexicon)
            for rule in pack.rules:
                _check_reserved(path, rule, organisation=directory != builtin)
                if rule.id in rules:
                    raise RulePackError(path, "id is used by another rule", rule.id)
                if rule.name in names:
                    raise RulePackError(
                        path, f"name '{rule.name}' is also {names[rule.name]}", rule.id
                    )
                rules[rule.id] = rule
                origins[rule.id] = path
                names[rule.name] = rule.id
    if not rules:
        raise RulePackError(builtin, "no rules were found")
    return RuleSet(rules.values(), _version(rules.values()), origins, lexicon)


def _extended(lexicon: dict[str, list[str]], extra: dict[str, list[str]]) -> dict[str, list[str]]:
    """An organisation's lexicon adds words to the built-in lists and may add new lists."""
    merged = {name: list(words) for name, words in lexicon.items()}
    for name, words in extra.items():
        merged[name] = [*merged.get(name, []), *(w for w in words if w not in merged.get(name, []))]
    return merged


ORGANISATION_IDS = range(900, 1000)


def _check_reserved(path: Path, rule: Rule, organisation: bool) -> None:
    """VB900-VB999 belong to organisations' own packs, so updates never clash with them."""
    number = int(rule.id[2:])
    if organisation and number not in ORGANISATION_IDS:
        raise RulePackError(path, "an organisation's own rules use ids VB900-VB999", rule.id)
    if not organisation and number in ORGANISATION_IDS:
        raise RulePackError(path, "ids VB900-VB999 are reserved for organisations", rule.id)


def _version(rules: Iterable[Rule]) -> str:
    """A short content hash of the rules, so clients can tell when the packs changed."""
    digest = hashlib.sha256()
    for rule in sorted(rules, key=lambda r: r.id):
        digest.update(rule.model_dump_json(by_alias=True).encode())
    return digest.hexdigest()[:12]
