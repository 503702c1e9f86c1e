"""The project holds itself to its own standards: ruff, ruff-format, mypy --strict, docs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_lint_and_format() -> None:
    lint = run(str(BIN / "ruff"), "check", "src", "tests", "scripts", "benchmarks")
    assert lint.returncode == 0, lint.stdout
    fmt = run(str(BIN / "ruff"), "format", "--check", "src", "tests", "scripts", "benchmarks")
    assert fmt.returncode == 0, fmt.stdout


def test_mypy_strict() -> None:
    result = run(str(BIN / "mypy"))
    assert result.returncode == 0, result.stdout


def test_every_module_starts_with_a_docstring() -> None:
    for path in (ROOT / "src" / "vblint").rglob("*.py"):
        text = path.read_text(encoding="utf-8").lstrip()
        assert text.startswith(('"""', 'r"""')), path  # raw when it shows a backslash


def test_the_project_s_own_documents_pass_vblint() -> None:
    docs = ["README.md", "CHANGELOG.md", "extensions/vscode/README.md"]
    docs += [str(p.relative_to(ROOT)) for p in sorted((ROOT / "docs").rglob("*.md"))]
    result = run(str(BIN / "vblint"), "check", "--fail-on", "warning", *docs)
    assert result.returncode == 0, result.stdout + result.stderr
