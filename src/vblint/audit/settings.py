"""What the audit checks for: the same rule selection, profile and configuration as ``check``.

Resolved once on the client with :func:`vblint.options.resolve` (the person's choices over the
nearest configuration file, over the defaults), then sent with every piece, so each worker
checks exactly as ``vblint check`` would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vblint.config import Finder
from vblint.findings import Category
from vblint.options import Options, Requested, resolve
from vblint.rules import RuleSet, load_rules

MAX_NOTE_CHARS = 200_000


class SettingsError(Exception):
    """Settings that name rules that do not exist; the message names where they came from."""


@dataclass(frozen=True)
class CheckSettings:
    """How one note is checked; small, immutable and sent to workers with each piece."""

    options: Options = field(default_factory=Options)
    model: str | None = None
    packs: tuple[str, ...] = ()
    max_note_chars: int = MAX_NOTE_CHARS


@dataclass(frozen=True)
class Asked:
    """What the command line said: rule choices, the model, a config file, the note limit."""

    rules: Requested = field(default_factory=Requested)
    model: str | None = None
    config: Path | None = None
    max_note_chars: int = MAX_NOTE_CHARS


def resolve_settings(asked: Asked, anchor: Path) -> CheckSettings:
    """Settings for the config nearest ``anchor`` (or ``--config``), validated.

    Raises :class:`vblint.config.ConfigError` for a bad file, :class:`SettingsError` for a
    selector that names no rule (a typo in ``ignore`` would otherwise check nothing less).
    """
    config = Finder(asked.config).for_path(anchor)
    options = resolve(asked.rules, config)
    rules = load_rules([Path(p) for p in config.packs])
    where = str(config.path) if config.path else "--select/--ignore"
    named = [*options.select, *options.ignore, *(key for key, _ in options.severity)]
    unknown = sorted({s.lower() for s in named} - known_selectors(rules))
    if unknown:
        raise SettingsError(f"{where}: unknown rule, name or category: {', '.join(unknown)}")
    return CheckSettings(options, asked.model, config.packs, asked.max_note_chars)


def known_selectors(rules: RuleSet) -> set[str]:
    """Every rule id, rule name and category a selector may name."""
    known: set[str] = {c.value for c in Category}
    for rule in rules:
        known |= {rule.id.lower(), rule.name, rule.category.value}
    return known
