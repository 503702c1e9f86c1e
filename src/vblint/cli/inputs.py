"""Command-line inputs: which files a directory walk picks up.

Reading and decoding belong to :mod:`vblint.documents`; this module only says which paths are
documents (``InputError``, the one-line reason an input was not checked, is in formats).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from vblint.documents import TEXT_SUFFIXES

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__"})
STDIN = "-"


def walk(directory: Path, suffixes: frozenset[str] = TEXT_SUFFIXES) -> Iterator[Path]:
    """Files below ``directory`` in a stable order, skipping VCS and build folders."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            # "~$letter.docx" and ".~lock.*" are an open editor's lock files, not documents.
            if Path(name).suffix.lower() in suffixes and not name.startswith(("~$", ".~lock")):
                yield Path(root) / name
