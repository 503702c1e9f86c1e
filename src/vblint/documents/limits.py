"""Bounds on what a reader may cost: file size, text size, zip contents and time.

A hostile file (a zip bomb named .docx, a PDF that makes a parser spin) must fail with one
line within bounded time and memory, and never stop the other files from being checked.
"""

from __future__ import annotations

import signal
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO

from vblint.documents.model import DocumentError

MAX_FILE_BYTES = 20 * 1024 * 1024
# Memory no longer grows with the text (it is checked in bounded blocks, see vblint.blocks), so
# any text file within MAX_FILE_BYTES is read; time stays linear in its length.
MAX_TEXT_CHARS = 20_000_000
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_TOTAL = 200 * 1024 * 1024
MAX_ZIP_MEMBER = 100 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_PDF_PAGES = 2_000
READ_SECONDS = 60.0


def check_size(size: int) -> None:
    """Refuse files larger than :data:`MAX_FILE_BYTES` before reading them."""
    if size > MAX_FILE_BYTES:
        raise DocumentError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")


def check_text(text: str) -> None:
    """Refuse extracted text larger than :data:`MAX_TEXT_CHARS`."""
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(f"more than {MAX_TEXT_CHARS:,} characters of text")


def check_zip(path: Path | str | IO[bytes], what: str) -> None:
    """Inspect a zip's directory (never its contents) for bomb-like sizes and ratios."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise DocumentError(f"not a {what}: not a zip archive (wrong extension?)") from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise DocumentError(f"not a {what}: {len(members)} archive members")
    total = 0
    for info in members:
        size = info.file_size
        total += size
        ratio = size / max(info.compress_size, 1)
        if (
            size > MAX_ZIP_MEMBER
            or total > MAX_ZIP_TOTAL
            or (size > 1_000_000 and ratio > MAX_ZIP_RATIO)
        ):
            raise DocumentError("refused: archive member expands too far (possible zip bomb)")


@contextmanager
def deadline(seconds: float = READ_SECONDS) -> Iterator[None]:
    """Stop a reader that runs past ``seconds`` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def _expire(signum: int, frame: FrameType | None) -> None:
        raise DocumentError(f"took longer than {seconds:g} s to read")

    previous = signal.signal(signal.SIGALRM, _expire)
    # Fire again every second in case a library catches the first exception and carries on.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
