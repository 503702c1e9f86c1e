"""A throw-away PostgreSQL server for one test session, from Debian's ``postgresql`` programs.

``initdb`` makes a cluster in a temporary directory and ``pg_ctl`` starts it on a free port of
127.0.0.1 with trust authentication; it is stopped and removed afterwards. PostgreSQL refuses
to run as root, so as root the programs run as the ``postgres`` user the package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

INITDB = "/usr/lib/postgresql/*/bin/initdb"


def missing_reason() -> str | None:
    """Why no server can be started here, or None when one can."""
    if not glob.glob(INITDB):
        return "PostgreSQL is not installed ('python3 scripts/dev.py setup' installs it)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server as"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def server() -> Iterator[str]:
    """A running server; yields its SQLAlchemy URL (``postgresql://``, no password)."""
    bindir = Path(sorted(glob.glob(INITDB))[-1]).parent
    root = Path(tempfile.mkdtemp(prefix="vblint-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(root, user.pw_uid, user.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = root / "data", root / "server.log"
    port = _free_port()

    def run(*cmd: str | Path) -> None:
        subprocess.run([*as_user, *map(str, cmd)], check=True, capture_output=True, timeout=120)

    try:
        run(bindir / "initdb", "-D", data, "-U", "vblint", "--auth=trust", "-E", "UTF8")
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(bindir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start")
        try:
            yield f"postgresql://vblint@127.0.0.1:{port}/postgres"
        finally:
            run(bindir / "pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)
