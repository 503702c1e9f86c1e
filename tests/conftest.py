"""Shared fixtures: one real pipeline for the whole session, as users get it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from vblint import Linter, default_linter

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def linter() -> Linter:
    return default_linter()


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def run_cli(
    *args: str,
    stdin: str | bytes | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """The real console script in a subprocess."""
    vblint = Path(sys.executable).parent / "vblint"
    data = stdin.encode() if isinstance(stdin, str) else stdin
    proc = subprocess.run(
        [str(vblint), *args],
        input=data,
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=300,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


@pytest.fixture()
def workdir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture()
def cli(linter: Linter, capsys: pytest.CaptureFixture[str]) -> Iterator[Cli]:
    """The real ``vblint`` entry point in this process, sharing the session's pipeline."""
    from vblint import linter as linter_module
    from vblint.cli import main as cli_module

    linter_module._SHARED[(None, ())] = linter

    def run(*args: str) -> tuple[int, str, str]:
        code = cli_module.main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    yield run
