"""What to report for one document, and the one rule for where each choice comes from.

:class:`Options` is everything that decides which findings a document gets and at what
severity. :func:`resolve` builds it the same way for every surface: what the person asked for
(the command line, the editor's settings, an API request) wins over the project's configuration
file, which wins over the defaults. A choice the person did not make is ``None`` in
:class:`Requested`, so it never hides the project's own setting.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vblint.config import Config
from vblint.findings import Finding, Severity, SeverityOrOff
from vblint.rules import Profile, Rule, RuleSet


@dataclass(frozen=True)
class Options:
    """Which rules report, at which severity, for which kind of writing.

    ``select``/``ignore`` take rule ids, rule names or categories (lower case).
    ``severity`` maps a rule id, name or category to a level or ``off``. ``min_severity`` hides
    findings below it; in :meth:`vblint.linter.Linter.check_document` that happens after the
    document's own suppression directives, so a directive for a hidden finding is still "used".
    """

    select: frozenset[str] = field(default_factory=frozenset)
    ignore: frozenset[str] = field(default_factory=frozenset)
    min_severity: Severity = Severity.INFO
    profile: Profile | None = None
    severity: tuple[tuple[str, SeverityOrOff], ...] = ()

    @classmethod
    def make(
        cls,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        min_severity: Severity | str = Severity.INFO,
        profile: Profile | None = None,
        severity: Mapping[str, SeverityOrOff | str] | None = None,
    ) -> Options:
        """Build options from user-typed values (case-insensitive ids and categories)."""
        levels: list[tuple[str, SeverityOrOff]] = []
        for key, level in (severity or {}).items():
            levels.append((key.strip().lower(), "off" if str(level) == "off" else Severity(level)))
        return cls(
            select=frozenset(s.strip().lower() for s in select if s.strip()),
            ignore=frozenset(s.strip().lower() for s in ignore if s.strip()),
            min_severity=Severity(min_severity),
            profile=profile,
            severity=tuple(sorted(levels)),
        )

    def wants(self, rule: Rule) -> bool:
        """True when this rule should report under these options."""
        keys = {rule.id.lower(), rule.name, rule.category.value}
        if self.select and not keys & self.select:
            return False
        if keys & self.ignore:
            return False
        return rule.profiles is None or self.profile in rule.profiles

    def level(self, finding: Finding, rule: Rule | None) -> SeverityOrOff | None:
        """The severity configuration sets for this finding (rule id, then name, then category)."""
        if not self.severity:
            return None
        levels = dict(self.severity)
        for key in (finding.rule.lower(), rule.name if rule else "", finding.category.value):
            if key in levels:
                return levels[key]
        return None

    def unknown_keys(self, rules: RuleSet) -> list[str]:
        """Selectors that name no rule, rule name or category: almost always a typo."""
        known = set()
        for rule in rules:
            known |= {rule.id.lower(), rule.name, rule.category.value}
        return sorted((self.select | self.ignore) - known)


@dataclass(frozen=True)
class Requested:
    """What a person asked for on the command line or in a client; ``None``: not asked."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    min_severity: Severity | None = None
    profile: Profile | None = None


def resolve(requested: Requested, config: Config, path: Path | None = None) -> Options:
    """The options for one document: the person's choices over the project's, over defaults.

    ``select`` given by the person replaces the project's; ``ignore`` adds to it, as do the
    project's ``per-file-ignores`` for ``path``. Severity overrides come from the project.
    """
    settings = config.settings
    select = requested.select if requested.select is not None else tuple(settings.select)
    per_file = config.ignored_for(path) if path is not None else []
    return Options.make(
        select=select,
        ignore=(*settings.ignore, *requested.ignore, *per_file),
        min_severity=requested.min_severity or settings.min_severity or Severity.INFO,
        profile=requested.profile or settings.profile,
        severity=settings.severity,
    )
