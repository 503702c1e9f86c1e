"""Turning command-line paths into texts to check, with one clear error per bad input.

Directories are walked recursively for text files; unreadable, binary and non-UTF-8 files are
reported by name and skipped, and every other file is still checked.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".rst"})
# Everything a reader in vblint.documents handles; directory walks pick these up.
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | {".html", ".htm", ".docx", ".odt", ".pdf"}
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})
MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"


@dataclass(frozen=True, slots=True)
class TextInput:
    """A text to check and the path it is reported under (``-`` for standard input)."""

    path: str
    text: str


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read as text, and why (never its content)."""

    path: str
    message: str


def iter_inputs(paths: Sequence[str]) -> Iterator[TextInput | InputError]:
    """Each path's text, or an error naming it; directories expand to their text files."""
    for raw in paths:
        if raw == STDIN:
            yield decode(STDIN, sys.stdin.buffer.read(MAX_BYTES + 1))
            continue
        path = Path(raw)
        if path.is_dir():
            for child in walk(path):
                yield read(child)
        elif path.exists() or path.is_symlink():
            yield read(path)
        else:
            yield InputError(raw, "no such file or directory")


def walk(directory: Path, suffixes: frozenset[str] = TEXT_SUFFIXES) -> Iterator[Path]:
    """Files below ``directory`` in a stable order, skipping VCS and build folders."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            # "~$letter.docx" and ".~lock.*" are an open editor's lock files, not documents.
            if Path(name).suffix.lower() in suffixes and not name.startswith(("~$", ".~lock")):
                yield Path(root) / name


def read(path: Path) -> TextInput | InputError:
    """Read one file as UTF-8 text."""
    try:
        if not path.is_file():
            return InputError(str(path), "not a regular file")
        if path.stat().st_size > MAX_BYTES:
            return InputError(str(path), f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        data = path.read_bytes()
    except PermissionError:
        return InputError(str(path), "permission denied")
    except OSError as exc:
        return InputError(str(path), f"cannot be read ({exc.strerror or exc.__class__.__name__})")
    return decode(str(path), data)


def decode(name: str, data: bytes) -> TextInput | InputError:
    """UTF-8 (with or without a byte-order mark) or a clear error."""
    if len(data) > MAX_BYTES:
        return InputError(name, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
    if b"\x00" in data[:8192]:
        return InputError(name, "binary file, not text")
    try:
        return TextInput(name, data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return InputError(name, f"not UTF-8 text (invalid byte at offset {exc.start})")
