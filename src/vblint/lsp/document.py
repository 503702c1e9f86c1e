"""What one open document is checked with: its reader, the project's config and directives.

The editor's text is checked exactly as ``vblint check`` would check the saved file: the
nearest ``.vblint.toml`` or ``[tool.vblint]`` applies (re-read on every check, so edits to it
take effect at once), the editor's settings win over it as the command line does, and inline
``vblint: disable...`` directives silence what they name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vblint.cli.batch import Task, check_document
from vblint.config import Config, ConfigError, Finder
from vblint.config import Settings as ProjectSettings
from vblint.documents import Document
from vblint.documents.markdown import read_markdown
from vblint.findings import Finding, Severity
from vblint.lsp.settings import Settings


def read(path: str, text: str, markdown: bool) -> Document:
    """The editor's text as a document; Markdown code is blanked, so offsets stay exact."""
    if markdown:
        return read_markdown(path, text)
    return Document(path, "text", text, text)


def task(settings: Settings, config: Config, path: str, model: str | None) -> Task:
    """The editor's settings over the project's, as ``vblint check`` resolves them."""
    s = config.settings
    per_file = config.ignored_for(Path(path))
    return Task(
        path=path,
        select=settings.select if settings.select is not None else tuple(s.select),
        ignore=(*s.ignore, *settings.ignore, *per_file),
        severity=tuple((k.lower(), str(v)) for k, v in s.severity.items()),
        min_severity=settings.min_severity or s.min_severity or Severity.INFO,
        profile=settings.profile or s.profile,
        packs=config.packs,
        model=model,
    )


def project(path: str, on_error: Callable[[str], None]) -> Config:
    """The configuration for ``path``; a broken file is reported and the defaults used."""
    try:
        return Finder().for_path(Path(path))
    except ConfigError as exc:
        on_error(str(exc))
        return Config(ProjectSettings(), Path(path).parent)


def check(
    text: str,
    path: str,
    markdown: bool,
    settings: Settings,
    model: str | None,
    on_error: Callable[[str], None],
) -> list[Finding]:
    """Findings for the editor's text under the project's configuration and directives."""
    config = project(path, on_error)
    return check_document(read(path, text, markdown), task(settings, config, path, model)).findings
