"""Settings precedence with the settings the VS Code extension really sends.

A client setting the writer never touched must not hide the project's own choice: the
extension's defaults (read from its package.json, as VS Code applies them) are run through its
compiled ``serverSettings`` with Node, sent to the real language server, and the project's
``min-severity`` must still decide.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp
from tests.lsp.client import session

from vblint.config import Config, ProjectSettings
from vblint.findings import Severity
from vblint.lsp.document import options
from vblint.lsp.settings import parse

pytestmark = pytest.mark.slow

EXTENSION = Path(__file__).resolve().parents[2] / "extensions" / "vscode"
# VS Code's WorkspaceConfiguration.get(section, default) answers with the contributed default
# from package.json when the writer set nothing; this script does the same.
SENDS = """
const pkg = require(process.argv[1] + "/package.json");
const { serverSettings } = require(process.argv[1] + "/out/config.js");
const props = pkg.contributes.configuration.properties;
const user = JSON.parse(process.argv[2]);
const config = {
  get(section, fallback) {
    if (section in user) return user[section];
    const key = "vblint." + section;
    return key in props && "default" in props[key] ? props[key].default : fallback;
  },
};
process.stdout.write(JSON.stringify(serverSettings(config)));
"""


def extension_sends(user: dict[str, Any]) -> Any:
    """The settings object the extension sends for ``user``'s own settings."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed (scripts/dev.py set-up installs it)")
    if not (EXTENSION / "out" / "config.js").exists():
        subprocess.run(["npm", "run", "compile"], cwd=EXTENSION, check=True)
    done = subprocess.run(
        [node, "-e", SENDS, str(EXTENSION), json.dumps(user)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_extensions_defaults_leave_min_severity_to_the_project(tmp_path: Path) -> None:
    sent = extension_sends({})
    project = Config(ProjectSettings.model_validate({"min-severity": "warning"}), tmp_path)
    resolved = options(parse({"vblint": sent}), project, str(tmp_path / "note.txt"))
    assert resolved.min_severity is Severity.WARNING


def test_a_writers_own_choice_wins_over_the_project(tmp_path: Path) -> None:
    sent = extension_sends({"minSeverity": "error"})
    project = Config(ProjectSettings.model_validate({"min-severity": "warning"}), tmp_path)
    resolved = options(parse({"vblint": sent}), project, str(tmp_path / "note.txt"))
    assert resolved.min_severity is Severity.ERROR


def test_the_language_server_keeps_the_projects_min_severity(tmp_path: Path) -> None:
    (tmp_path / ".vblint.toml").write_text('min-severity = "error"\n', encoding="utf-8")
    uri = (tmp_path / "note.txt").as_uri()
    # VB101 is an error; 'sexting' as a noun is info: only the error may be published.
    text = "She put herself at risk.\nThe sexting incident was reported to the DSL.\n"
    sent = extension_sends({})

    async def go() -> None:
        async with session(options=sent) as (client, _):
            client.configure({"vblint": sent})
            client.open(uri, text)
            diagnostics = await client.diagnostics(uri, 1)
            assert [d.code for d in diagnostics] == ["VB101"]
            assert all(d.severity == lsp.DiagnosticSeverity.Error for d in diagnostics)

    asyncio.run(go())
