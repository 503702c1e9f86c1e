"""What one open document is checked with: its reader, the project's config and directives.

The editor's text is checked exactly as ``vblint check`` would check the saved file: the
nearest ``.vblint.toml`` or ``[tool.vblint]`` applies (re-read on every check, so edits to it
take effect at once), the editor's settings win over it as the command line does (a setting the
writer left unset leaves the project's value), and inline ``vblint: disable...`` directives
silence what they name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from vblint.config import Config, ConfigError, Finder, ProjectSettings
from vblint.documents import Document
from vblint.documents.markdown import read_markdown
from vblint.findings import Finding
from vblint.linter import shared
from vblint.lsp.settings import ClientSettings
from vblint.memo import Memo
from vblint.options import Options, Requested, resolve


def read(path: str, text: str, markdown: bool) -> Document:
    """The editor's text as a document; Markdown code is blanked, so offsets stay exact."""
    if markdown:
        return read_markdown(path, text)
    return Document(path, "text", text, text)


def options(settings: ClientSettings, config: Config, path: str) -> Options:
    """The editor's settings over the project's, as ``vblint check`` resolves them."""
    requested = Requested(settings.select, settings.ignore, settings.min_severity, settings.profile)
    return resolve(requested, config, Path(path))


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
    settings: ClientSettings,
    model: str | None,
    on_error: Callable[[str], None],
    memo: Memo | None = None,
) -> list[Finding]:
    """Findings for the editor's text under the project's configuration and directives.

    ``memo`` holds the document's blocks from its previous check: only those an edit
    touched are parsed again.
    """
    config = project(path, on_error)
    linter = shared(model, config.packs)
    return linter.check_document(
        read(path, text, markdown), options(settings, config, path), memo
    ).findings
