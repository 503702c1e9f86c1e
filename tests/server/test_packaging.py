"""The service ships in the wheel and imports the same from it as from the source checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import importlib.resources, json, vblint, vblint_server
from vblint_server.main import app
static = importlib.resources.files("vblint_server").joinpath("static")
print(json.dumps({
    "server": vblint_server.__file__, "vblint": vblint.__file__,
    "routes": sorted(app.openapi()["paths"]),
    "static": sorted(p.name for p in static.iterdir()),
}))
"""


def _probe(env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd="/",
        timeout=120,
    )
    data: dict[str, object] = json.loads(out.stdout)
    return data


def test_wheel_carries_the_service_and_imports_it(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("vblint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "vblint_server/main.py" in names
    assert "vblint_server/static/index.html" in names
    from vblint_server.routers.page import PAGE_ASSETS

    for asset in PAGE_ASSETS:
        assert f"vblint_server/static/{asset}" in names, asset
    from vblint_server.word_addin import PANE_FILES

    for name in (*PANE_FILES, "manifest.xml", "manifest.json"):
        assert f"vblint_server/static/word/{name}" in names, name
    assert "vblint/patterns/responsibility.yaml" in names
    assert not [n for n in names if n.startswith(("server/", "src/", "tests/"))]
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)

    base = {k: v for k, v in os.environ.items() if not k.startswith(("VBLINT_", "PYTHON"))}
    from_wheel = _probe({**base, "PYTHONPATH": str(unpacked)})
    editable = _probe(base)
    assert str(from_wheel["server"]).startswith(str(unpacked))
    assert str(from_wheel["vblint"]).startswith(str(unpacked))
    assert str(editable["server"]).startswith(str(ROOT / "server"))
    assert from_wheel["routes"] == editable["routes"]
    page = sorted([*PAGE_ASSETS, "index.html", "word"])
    assert from_wheel["static"] == editable["static"] == page
    assert {"/v1/check", "/v1/check/batch", "/v1/rules", "/healthz", "/readyz", "/metrics"} <= set(
        from_wheel["routes"]  # type: ignore[arg-type]
    )
