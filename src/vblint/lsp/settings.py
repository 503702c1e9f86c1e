"""The writer's settings from the editor (``workspace/didChangeConfiguration``), validated.

Editors send settings in different shapes: ``{"vblint": {...}}`` or the section itself, lists
or comma-separated strings. Anything unusable is reported in one line and otherwise ignored,
so a typo in a setting never stops the checking. A setting left unset (``None``) lets the
project's configuration file decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vblint.config import split_names
from vblint.findings import Severity
from vblint.links import DocsUrlError, rule_url_template
from vblint.rules import PROFILES, Profile

# Short, because the work is bounded anyway: per document one check runs and at most one waits
# (a newer edit cancels the waiting one), so fast typing never queues parses.
DEFAULT_DEBOUNCE_MS = 30
# Where a diagnostic's rule id links to: the rule's page; ``docsUrl`` points it at another copy.
DEFAULT_RULE_URL = rule_url_template()


@dataclass(frozen=True)
class ClientSettings:
    """What the editor asked for; ``None`` and empty mean "as the project configures"."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    min_severity: Severity | None = None
    profile: Profile | None = None
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    rule_url: str = DEFAULT_RULE_URL
    problems: tuple[str, ...] = ()


def _names(value: Any) -> tuple[str, ...]:
    if value is None or isinstance(value, str | list | tuple):
        return split_names(value)
    raise ValueError("expected a list of rule ids, names or categories")


def parse(raw: Any) -> ClientSettings:
    """Settings from whatever the client sent (``None`` and ``{}`` give the defaults)."""
    if isinstance(raw, dict) and isinstance(raw.get("vblint"), dict):
        raw = raw["vblint"]
    if not isinstance(raw, dict):
        return ClientSettings()
    problems: list[str] = []
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("select", "ignore"):
        try:
            lists[key] = _names(raw.get(key))
        except ValueError as exc:
            problems.append(f"{key}: {exc}")
            lists[key] = ()
    severity = None
    wanted = raw.get("minSeverity", raw.get("min_severity"))
    if wanted not in (None, ""):
        try:
            severity = Severity(str(wanted).lower())
        except ValueError:
            problems.append(f"minSeverity: '{wanted}' is not one of info, warning, error")
    profile = raw.get("profile") or None
    if profile is not None and profile not in PROFILES:
        problems.append(f"profile: '{profile}' is not one of {', '.join(PROFILES)}")
        profile = None
    debounce = raw.get("debounceMs", DEFAULT_DEBOUNCE_MS)
    if not isinstance(debounce, int) or isinstance(debounce, bool) or not 0 <= debounce <= 5000:
        problems.append("debounceMs: expected a whole number of milliseconds (0-5000)")
        debounce = DEFAULT_DEBOUNCE_MS
    rule_url = _rule_url(raw, problems)
    return ClientSettings(
        select=lists["select"] or None,
        ignore=lists["ignore"],
        min_severity=severity,
        profile=profile,
        debounce_ms=debounce,
        rule_url=rule_url,
        problems=tuple(problems),
    )


def _rule_url(raw: dict[str, Any], problems: list[str]) -> str:
    """``ruleUrl`` (any address with ``{rule}``) or else the page under ``docsUrl``."""
    rule_url = raw.get("ruleUrl")
    if rule_url:
        if isinstance(rule_url, str) and "{rule}" in rule_url:
            return rule_url
        problems.append("ruleUrl: expected an address containing {rule}")
    docs_url = raw.get("docsUrl")
    if not docs_url:
        return DEFAULT_RULE_URL
    try:
        if not isinstance(docs_url, str):
            raise DocsUrlError("expected an http(s):// address or a path starting with /")
        return rule_url_template(docs_url)
    except DocsUrlError as exc:
        problems.append(f"docsUrl: {exc}")
        return DEFAULT_RULE_URL
