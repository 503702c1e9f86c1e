"""The seed procedures chapter quotes victim-blaming phrases to warn against them: no flags.

Checked through the real CLI in a subprocess, as a policy team's CI would run it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import run_cli

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED = SEEDS / "000_307883c143679da7.txt"


@pytest.mark.slow
def test_seed_chapter_has_no_warning_or_error(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed directory {SEEDS} is absent (it sits beside the checkout)")
    proc = run_cli("check", str(SEED), "--format", "json", cwd=tmp_path)
    report = json.loads(proc.stdout)
    [checked] = report["files"]
    assert checked["path"] == str(SEED)
    blocking = [
        f"{f['line']}:{f['column']} {f['rule']} {f['text']!r}"
        for f in checked["findings"]
        if f["severity"] in ("warning", "error")
    ]
    assert blocking == [], f"{len(blocking)} warning/error findings in the seed: {blocking}"
    assert report["errors"] == []
    assert proc.returncode == 0, proc.stderr
