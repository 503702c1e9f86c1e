"""Replacing a file's contents without losing the file, its owner, its mode or its links.

``--fix`` rewrites files that people keep in shared folders, so a fix must never cost more than
the words it changes:

- A symbolic link is followed: its target is rewritten and the link stays a link (replacing the
  link itself would leave the target unfixed and turn the link into a copy).
- The new file gets the old one's owner, group, extended attributes (ACLs, labels) and mode before
  it takes the old one's place. A file whose owner or group cannot be kept (not running as root,
  someone else's file) is refused rather than silently taken over.
- A file with several hard links is refused: replacing it would split the links (the other names
  would keep the old text), and rewriting it in place could leave half a file if interrupted.
- The new text goes to a temporary file in the same folder, is flushed to disk, then renamed over
  the old one, so a reader sees the old file or the new one, never half. ``SIGINT``, ``SIGTERM``
  and ``SIGHUP`` are deferred while the temporary file exists (they take effect right after
  the rename), and any failure removes it: no ``.vblint-tmp`` file is ever left behind (``SIGKILL``
  and power loss aside, which cannot be caught; the old file is still intact then).
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TEMP_SUFFIX = ".vblint-tmp"
_HELD = frozenset(
    s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP")) if s is not None
)


class WriteRefusedError(Exception):
    """A file that is not rewritten, and why, in words (never any of the file's text)."""


def atomic_write(path: Path, data: bytes) -> None:
    """Replace the contents of ``path`` (or of the file a link at ``path`` points to) with ``data``.

    Raises :class:`WriteRefusedError` when the file cannot be replaced without losing something, and
    ``OSError`` when writing fails; in both cases the file is as it was and no temporary file
    is left.
    """
    target = Path(os.path.realpath(path))
    before = os.stat(target)
    if not stat.S_ISREG(before.st_mode):
        raise WriteRefusedError("not a regular file")
    if before.st_nlink > 1:
        raise WriteRefusedError(
            f"it has {before.st_nlink} hard links and replacing it would split them; "
            "fix it by hand or remove the other links"
        )
    with _signals_held():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                _keep_owner(handle.fileno(), before)
                _keep_attributes(handle.fileno(), target)
                _keep_mode(handle.fileno(), tmp, before)
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
    _sync_folder(target.parent)


def _keep_owner(fd: int, before: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or refuse (as root, chown always works)."""
    now = os.fstat(fd)
    if (now.st_uid, now.st_gid) == (before.st_uid, before.st_gid) or not hasattr(os, "fchown"):
        return
    try:
        os.fchown(fd, before.st_uid, before.st_gid)
    except PermissionError:
        raise WriteRefusedError(
            "it belongs to another user or group, and a rewritten copy could not keep its owner"
        ) from None


def _keep_mode(fd: int, tmp: str, before: os.stat_result) -> None:
    """The old file's permission bits; set after the owner, since chown clears setuid and setgid."""
    if hasattr(os, "fchmod"):
        os.fchmod(fd, stat.S_IMODE(before.st_mode))
    else:
        os.chmod(tmp, stat.S_IMODE(before.st_mode))


def _keep_attributes(fd: int, target: Path) -> None:
    """Copy extended attributes (POSIX ACLs, security labels): best effort, where supported."""
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(target)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(fd, name, os.getxattr(target, name))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Defer interrupting signals until the block ends, then deliver them as they would have been.

    A handler that only records, rather than a blocked signal mask: native threads (a BLAS
    pool, say) do not block the signal, and the kernel may hand it to one of them, whose default
    action ends the whole process. Handlers can only be set from the main thread; elsewhere the
    block runs unguarded (the failure cleanup still applies).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous: dict[int, Any] = {}
    for signum in _HELD:
        handler = signal.getsignal(signum)
        if handler is signal.SIG_IGN or handler is None:
            continue  # ignored stays ignored; None: set outside Python, left alone
        previous[signum] = signal.signal(signum, lambda n, _frame: arrived.append(n))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(arrived):
            signal.raise_signal(signum)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a folder, which is fine."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
