"""Turning command-line paths, options and configuration files into :class:`Task` objects.

Settings are resolved per file: the command line wins over the nearest configuration file,
which wins over the defaults. Selectors that name no rule are errors naming where they came
from, since a typo in ``ignore`` would otherwise silently check nothing less.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from vblint.cli.batch import Task
from vblint.cli.inputs import STDIN, walk
from vblint.config import Config, ConfigError, Finder
from vblint.documents import DOCUMENT_SUFFIXES, Kind
from vblint.documents.limits import MAX_FILE_BYTES
from vblint.findings import Category, Severity
from vblint.formats import InputError
from vblint.options import Requested, resolve
from vblint.rules import Profile, RuleSet, load_rules


@dataclass(frozen=True)
class CommandLine:
    """What the user typed for ``vblint check`` (None: not given)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    min_severity: Severity | None = None
    profile: Profile | None = None
    fail_on: str | None = None
    stdin_format: Kind | None = None
    fix: bool = False
    diff: bool = False
    model: str | None = None
    baseline: str | None = None


@dataclass
class Plan:
    """The tasks to run, inputs that could not even be found, each task's fail-on and baseline."""

    tasks: list[Task] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    fail_on: list[str] = field(default_factory=list)
    baselines: list[str | None] = field(default_factory=list)


def make_plan(paths: list[str], cli: CommandLine, finder: Finder) -> Plan:
    """Tasks for every path (directories walked with include/exclude), in the given order."""
    plan = Plan()
    rule_sets: dict[tuple[str, ...], RuleSet] = {}
    once = _Once(cli.fix or cli.diff)
    for raw in paths:
        if raw == STDIN:
            data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
            config = finder.for_path(Path.cwd())
            _add(plan, raw, cli, config, rule_sets, data=data, kind=cli.stdin_format or "text")
            continue
        path = Path(raw)
        if path.is_dir():
            for child in walk(path, DOCUMENT_SUFFIXES):
                config = finder.for_path(child)
                if config.walk_wants(child) and once.first(child):
                    _add(plan, str(child), cli, config, rule_sets)
        elif path.exists() or path.is_symlink():
            if not once.first(path):
                continue
            _add(plan, raw, cli, finder.for_path(path), rule_sets)
        else:
            plan.errors.append(InputError(raw, "no such file or directory"))
    return plan


class _Once:
    """When fixing, each file once: a link and its target (or two hard links) are one file.

    Fixing it twice would count the same fixes twice, and two workers would race to write it.
    """

    def __init__(self, active: bool) -> None:
        self.active = active
        self.seen: set[tuple[int, int]] = set()

    def first(self, path: Path) -> bool:
        """Whether ``path`` names a file not planned yet (always, when not fixing)."""
        if not self.active:
            return True
        try:
            info = path.stat()  # follows links: the file a fix would write
        except OSError:
            return True  # reading it will say what is wrong
        key = (info.st_dev, info.st_ino)
        if key in self.seen:
            return False
        self.seen.add(key)
        return True


def _add(
    plan: Plan,
    path: str,
    cli: CommandLine,
    config: Config,
    rule_sets: dict[tuple[str, ...], RuleSet],
    data: bytes | None = None,
    kind: Kind | None = None,
) -> None:
    packs = config.packs
    if packs not in rule_sets:
        rule_sets[packs] = load_rules([Path(p) for p in packs])
        _validate(config, rule_sets[packs])
    _check_selectors(rule_sets[packs], "--select/--ignore", [*(cli.select or ()), *cli.ignore])
    requested = Requested(cli.select, cli.ignore, cli.min_severity, cli.profile)
    plan.tasks.append(
        Task(
            path=path,
            kind=kind,
            data=data,
            options=resolve(requested, config, Path(path) if data is None else None),
            packs=packs,
            fix=cli.fix,
            diff=cli.diff,
            model=cli.model,
        )
    )
    plan.fail_on.append(cli.fail_on or config.settings.fail_on or "warning")
    plan.baselines.append(cli.baseline or config.baseline)


def _known(rules: RuleSet) -> set[str]:
    known: set[str] = {c.value for c in Category}
    for rule in rules:
        known |= {rule.id.lower(), rule.name, rule.category.value}
    return known


def _check_selectors(rules: RuleSet, where: str, selectors: list[str]) -> None:
    unknown = sorted({s.lower() for s in selectors} - _known(rules))
    if unknown:
        raise ConfigError(f"{where}: unknown rule, name or category: {', '.join(unknown)}")


def _validate(config: Config, rules: RuleSet) -> None:
    """Every rule a config names must exist (after its own rule packs are loaded)."""
    s = config.settings
    where = str(config.path or "configuration")
    prefix = "tool.vblint." if config.path and config.path.name == "pyproject.toml" else ""
    for key, values in (
        ("select", s.select),
        ("ignore", s.ignore),
        ("severity", list(s.severity)),
        ("per-file-ignores", [r for rs in s.per_file_ignores.values() for r in rs]),
    ):
        _check_selectors(rules, f"{where}: {prefix}{key}", values)
