"""What a package says about itself: the licence, and the icons the extensions show."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]


def test_the_licence_file_is_the_one_pyproject_names() -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert licence.startswith("MIT License")
    assert "Permission is hereby granted, free of charge" in licence
    vscode = json.loads((ROOT / "extensions" / "vscode" / "package.json").read_text())
    assert vscode["license"] == "MIT"


def test_the_vs_code_extension_has_an_icon() -> None:
    package = ROOT / "extensions" / "vscode"
    icon = package / json.loads((package / "package.json").read_text())["icon"]
    with Image.open(icon) as image:
        assert image.format == "PNG" and image.size == (128, 128)  # the marketplace's minimum
    ignored = (package / ".vscodeignore").read_text().split()
    assert not any(icon.relative_to(package).as_posix().startswith(p.rstrip("*")) for p in ignored)


def test_the_browser_extension_has_icons_at_every_size_it_names() -> None:
    browser = ROOT / "extensions" / "browser"
    manifest = json.loads((browser / "manifest.json").read_text())
    named = {**manifest["icons"], **manifest["action"]["default_icon"]}
    assert {"16", "32", "48", "128"} <= set(named)
    for size, path in named.items():
        with Image.open(browser / path) as image:
            assert image.format == "PNG" and image.size == (int(size), int(size)), path
