"""End to end with Neovim's built-in LSP client, headless, attached to ``vblint lsp``."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
EDITORS = HERE.parents[1] / "docs" / "editors.md"
LINE = "Mood 😀 good. Then she put herself at risk."


def test_neovim_reads_the_finding_after_an_emoji_at_the_right_place(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is missing: python3 scripts/dev.py setup installs it"
    note = tmp_path / "note.txt"
    note.write_text(f"Home visit\n{LINE}\n", encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    env = {
        **os.environ,
        "VBLINT_NVIM_OUT": str(out),
        "VBLINT_CMD": str(Path(sys.executable).parent / "vblint"),
    }
    subprocess.run(
        [nvim, "--headless", "--clean", str(note), "-c", f"luafile {HERE / 'attach.lua'}"],
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=True,
        capture_output=True,
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["offset_encoding"] == "utf-16"
    [published] = result["published"]["diagnostics"]
    prefix = LINE[: LINE.index("she put")]
    utf16 = len(prefix.encode("utf-16-le")) // 2
    assert utf16 == 19  # the emoji counts twice
    assert published["range"]["start"] == {"line": 1, "character": utf16}
    assert published["range"]["end"] == {"line": 1, "character": utf16 + 23}
    assert published["code"] == "VB101"
    assert published["source"] == "vblint"
    # Neovim stores byte columns: the emoji is four bytes.
    [stored] = result["stored"]
    assert stored["lnum"] == 1
    assert stored["col"] == len(prefix.encode("utf-8")) == 21
    assert stored["end_col"] == 21 + 23
    assert stored["severity"] == 1


def documented_snippet() -> str:
    """The Lua block of the documentation's Neovim section, exactly as a reader copies it."""
    section = EDITORS.read_text(encoding="utf-8").split("## Neovim", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```lua\n(.*?)```", section, re.DOTALL)
    assert match, "no Lua snippet in the Neovim section of docs/editors.md"
    return match.group(1)


def test_the_documented_init_lua_works_on_the_installed_neovim(tmp_path: Path) -> None:
    """0.7 here: the snippet must not need 0.8's vim.lsp.start or vim.fs."""
    nvim = shutil.which("nvim")
    assert nvim, "Neovim is missing: python3 scripts/dev.py setup installs it"
    init = tmp_path / "init.lua"
    init.write_text(documented_snippet(), encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text(
        "Home visit.\nShe put herself at risk by meeting him.\n"
        "There is a history of domestic violence in the home.\n",
        encoding="utf-8",
    )
    out = tmp_path / "result.json"
    # The snippet starts "vblint" from PATH, as a user's would.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "VBLINT_NVIM_OUT": str(out)}
    subprocess.run(
        [nvim, "--headless", "-u", str(init), str(note), "-c", f"luafile {HERE / 'probe.lua'}"],
        env=env,
        cwd=tmp_path,
        timeout=180,
        check=True,
        capture_output=True,
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["filetype"] == "text"
    assert result["clients"] == ["vblint"]
    # minSeverity = "warning" from the snippet's settings: what vblint check reports at info
    # stays out of the editor, the rest shows.
    report = subprocess.run(
        [str(Path(sys.executable).parent / "vblint"), "check", "--format", "json", str(note)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    found = json.loads(report.stdout)["files"][0]["findings"]
    shown = sorted(f["rule"] for f in found if f["severity"] != "info")
    hidden = [f["rule"] for f in found if f["severity"] == "info"]
    assert "VB101" in shown and hidden, found
    assert sorted(result["codes"]) == shown, result
