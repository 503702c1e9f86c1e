"""The documentation's JavaScript example, run with Node against a running service.

It applies suggestions by the UTF-16 offsets the service returns, so an emoji before a finding
must not shift the rewrite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from harness import KEYS, Server

pytestmark = pytest.mark.slow

API = Path(__file__).resolve().parents[2] / "docs" / "api.md"


def documented_script() -> str:
    section = API.read_text(encoding="utf-8").split("## Applying a suggestion", 1)[1]
    return section.split("```js\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize(
    ("note", "revised"),
    [
        (
            "Visit 😀 went well. She put herself at risk by meeting him.",
            "Visit 😀 went well. He put her at risk by arranging to meet her.",
        ),
        (
            "👩🏽‍⚕️ e\u0301 Jade put herself at risk. The images were child pornography.",
            "👩🏽‍⚕️ e\u0301 [the person who harmed Jade] put Jade at risk. "
            "The images were child sexual abuse material.",
        ),
    ],
    ids=["emoji", "zwj-and-two-edits"],
)
def test_the_javascript_example_applies_suggestions_by_utf16_offsets(
    server: Server, tmp_path: Path, note: str, revised: str
) -> None:
    node = shutil.which("node")
    assert node, "Node.js is missing: python3 scripts/dev.py setup installs it"
    script = tmp_path / "apply.mjs"
    script.write_text(documented_script(), encoding="utf-8")
    env = {**os.environ, "VBLINT_URL": server.url, "VBLINT_KEY": KEYS["case-system"]}
    result = subprocess.run(
        [node, str(script), note], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == revised
    assert any(line.startswith("VB101 error: ") for line in lines[:-1])


def test_the_javascript_example_reports_a_refused_key(server: Server, tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node
    script = tmp_path / "apply.mjs"
    script.write_text(documented_script(), encoding="utf-8")
    env = {**os.environ, "VBLINT_URL": server.url, "VBLINT_KEY": "wrong"}
    result = subprocess.run([node, str(script)], capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "unauthorized" in result.stderr
