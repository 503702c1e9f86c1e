"""The writer's settings from the editor (``workspace/didChangeConfiguration``) as Options.

Editors send settings in different shapes: ``{"vblint": {...}}`` or the section itself, lists
or comma-separated strings. Anything unusable is reported in one line and otherwise ignored,
so a typo in a setting never stops the checking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vblint.findings import Severity
from vblint.linter import Options
from vblint.rules import PROFILES

DEFAULT_DEBOUNCE_MS = 60


@dataclass(frozen=True)
class Settings:
    """What the editor asked for, already validated."""

    options: Options = field(default_factory=Options)
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    problems: tuple[str, ...] = ()


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    raise ValueError("expected a list of rule ids, names or categories")


def parse(raw: Any) -> Settings:
    """Settings from whatever the client sent (``None`` and ``{}`` give the defaults)."""
    if isinstance(raw, dict) and isinstance(raw.get("vblint"), dict):
        raw = raw["vblint"]
    if not isinstance(raw, dict):
        return Settings()
    problems: list[str] = []
    select: list[str] = []
    ignore: list[str] = []
    try:
        select = _names(raw.get("select"))
    except ValueError as exc:
        problems.append(f"select: {exc}")
    try:
        ignore = _names(raw.get("ignore"))
    except ValueError as exc:
        problems.append(f"ignore: {exc}")
    severity = Severity.INFO
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
    options = Options.make(select, ignore, severity, profile)
    return Settings(options=options, debounce_ms=debounce, problems=tuple(problems))


def project_options(settings: Settings, document_path: str | None) -> Options:
    """The options for one document: the editor's settings, then the project's config file.

    Seam for the project configuration (``[tool.vblint]`` / ``.vblint.toml``): until
    ``vblint.config`` exists this returns the editor's options unchanged.
    """
    del document_path
    return settings.options
