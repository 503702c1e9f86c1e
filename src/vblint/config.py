"""Configuration: ``[tool.vblint]`` in pyproject.toml or a ``.vblint.toml``, validated.

Found by walking up from each checked file (the nearest wins; ``.vblint.toml`` before
``pyproject.toml`` in the same folder), or named with ``--config``. Unknown keys and wrong types
are errors naming the file and the key. Paths and globs are relative to the config's folder.
"""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from vblint.findings import Severity, SeverityOrOff
from vblint.links import docs_base
from vblint.rules import Profile

CONFIG_NAMES = (".vblint.toml", "pyproject.toml")
FailOn = Literal["error", "warning", "info", "never"]


def split_names(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """Rule ids, names or categories from repeatable, comma-separated values.

    ``--select VB101,VB102 --select consent-implying``, ``"VB101, VB102"`` from an editor's
    settings and ``["VB101"]`` from a file all give the same tuple; blanks are dropped.
    """
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    return tuple(v.strip() for value in values for v in str(value).split(",") if v.strip())


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


class ProjectSettings(BaseModel):
    """The keys of ``[tool.vblint]`` (or the top level of ``.vblint.toml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    select: list[str] = []
    ignore: list[str] = []
    severity: dict[str, SeverityOrOff] = {}
    per_file_ignores: dict[str, list[str]] = Field(default={}, alias="per-file-ignores")
    include: list[str] = []
    exclude: list[str] = []
    rule_packs: list[str] = Field(default=[], alias="rule-packs")
    fail_on: FailOn | None = Field(default=None, alias="fail-on")
    min_severity: Severity | None = Field(default=None, alias="min-severity")
    profile: Profile | None = None
    baseline: str | None = None
    docs_url: str | None = Field(default=None, alias="docs-url")

    @field_validator("docs_url")
    @classmethod
    def _docs_url(cls, value: str | None) -> str | None:
        """Where rule links point (SARIF's helpUri): checked here, so a typo is an error."""
        return docs_base(value) if value is not None else None


@dataclass(frozen=True)
class Config:
    """Validated settings and the folder their paths and globs are relative to."""

    settings: ProjectSettings
    root: Path
    path: Path | None = None

    @property
    def packs(self) -> tuple[str, ...]:
        """Organisation rule-pack directories, as absolute paths."""
        return tuple(str((self.root / p).resolve()) for p in self.settings.rule_packs)

    @property
    def baseline(self) -> str | None:
        """The baseline file the project names (``baseline``), as an absolute path."""
        name = self.settings.baseline
        return str((self.root / name).resolve()) if name else None

    def relative(self, path: Path) -> str:
        """``path`` relative to the config folder, in POSIX form, for glob matching."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def ignored_for(self, path: Path) -> list[str]:
        """Rule selectors that ``per-file-ignores`` turns off for ``path``."""
        rel = self.relative(path)
        out: list[str] = []
        for pattern, rules in self.settings.per_file_ignores.items():
            if glob_match(rel, pattern):
                out.extend(rules)
        return out

    def walk_wants(self, path: Path) -> bool:
        """Whether a directory walk should check ``path`` (include and exclude globs)."""
        rel = self.relative(path)
        if any(glob_match(rel, p) for p in self.settings.exclude):
            return False
        return not self.settings.include or any(glob_match(rel, p) for p in self.settings.include)


def glob_match(rel: str, pattern: str) -> bool:
    """Shell-style match; a pattern without ``/`` matches the name in any folder."""
    pattern = pattern.removeprefix("./")
    if "/" not in pattern.rstrip("/"):
        return any(
            fnmatch.fnmatchcase(part, pattern.rstrip("/")) for part in PurePosixPath(rel).parts
        )
    candidates = {pattern, pattern.replace("**/", ""), pattern.replace("/**", "")}
    if pattern.endswith("/"):
        candidates |= {pattern + "*"}
    return any(fnmatch.fnmatchcase(rel, c) for c in candidates)


def load(path: Path) -> Config | None:
    """Read one config file; None for a pyproject.toml without ``[tool.vblint]``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("vblint")
        if section is None:
            return None
        prefix = "tool.vblint."
    else:
        section, prefix = data.get("tool", {}).get("vblint", data), ""
    try:
        settings = ProjectSettings.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = prefix + ".".join(str(p) for p in first["loc"])
        message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ConfigError(f"{path}: {key}: {message}") from None
    return Config(settings, path.parent, path)


class Finder:
    """Finds the nearest config for each file, reading each folder at most once."""

    def __init__(self, explicit: Path | None = None) -> None:
        self.explicit = load_explicit(explicit) if explicit else None
        self._cache: dict[Path, Config] = {}

    def for_path(self, path: Path) -> Config:
        """The config that applies to ``path`` (a file or folder)."""
        if self.explicit is not None:
            return self.explicit
        start = path.resolve()
        folder = start if start.is_dir() else start.parent
        visited: list[Path] = []
        config: Config | None = None
        for candidate in (folder, *folder.parents):
            if candidate in self._cache:
                config = self._cache[candidate]
                break
            visited.append(candidate)
            config = _in_folder(candidate)
            if config is not None:
                break
        if config is None:
            config = Config(ProjectSettings(), Path.cwd())
        for seen in visited:
            self._cache[seen] = config
        return config


def load_explicit(path: Path) -> Config:
    """A file named with ``--config``: it must exist and hold vblint settings."""
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    config = load(path)
    if config is None:
        raise ConfigError(f"{path}: has no [tool.vblint] section")
    return config


def _in_folder(folder: Path) -> Config | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            config = load(candidate)
            if config is not None:
                return config
    return None
