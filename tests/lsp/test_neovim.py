"""End to end with Neovim's built-in LSP client, headless, attached to ``vblint lsp``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
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
