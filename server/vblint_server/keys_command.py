"""``vblint keys create|list|revoke``: the service's API keys, from the command line.

The service reads keys as a JSON object of names and SHA-256 hashes (``VBLINT_API_KEYS``). With
``--file`` these commands keep that object in a file (what a Secret or the environment is made
from); without it, ``create`` prints the entry to add, and ``list`` and ``revoke`` read the
environment. A key itself is printed once, by ``create``, and stored nowhere.

The parser lives here, registered by :func:`register`, so the ``vblint`` command only names it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from vblint_server.keys import hash_key, new_key, parse_hash

EXIT_OK, EXIT_ERROR = 0, 2
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
NAME_RULE = "letters, digits, '.', '_' and '-', starting with a letter or digit"


class KeysError(Exception):
    """A keys command that cannot be carried out; the message says what to change."""


def register(sub: Any) -> None:
    """Add ``keys`` and its actions to the ``vblint`` command's subparsers."""
    keys = sub.add_parser("keys", help="make, list and revoke the service's API keys")
    keys.set_defaults(run=run)
    actions = keys.add_subparsers(
        dest="keys_action", required=True, metavar="ACTION", parser_class=type(keys)
    )
    create = actions.add_parser("create", help="make a key for a calling system")
    create.add_argument("name", metavar="NAME", help="the calling system, such as case-system")
    listing = actions.add_parser("list", help="the names that have keys, and which are revoked")
    revoke = actions.add_parser("revoke", help="stop a calling system's key working")
    revoke.add_argument("name", metavar="NAME", help="the calling system whose key to revoke")
    for action in (create, listing, revoke):
        action.add_argument(
            "--file",
            metavar="FILE",
            help="a JSON file of names and hashes, as VBLINT_API_KEYS holds them",
        )


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Carry out one action; errors are one line on stderr and exit 2."""
    out = out or sys.stdout
    try:
        if args.keys_action == "create":
            return _create(args.name, _path(args.file), out)
        if args.keys_action == "list":
            return _list(_path(args.file), out)
        return _revoke(args.name, _path(args.file), out)
    except KeysError as exc:
        print(f"vblint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _path(file: str | None) -> Path | None:
    return Path(file) if file else None


def _create(name: str, path: Path | None, out: TextIO) -> int:
    if not _NAME.match(name):
        raise KeysError(f"a key's name uses {NAME_RULE} (at most 100)")
    key = new_key()
    entry = {name: hash_key(key)}
    if path is not None:
        keys = _read(path)
        if name in keys:
            raise KeysError(f"{path}: '{name}' already has a key; revoke it first")
        _write(path, {**keys, **entry})
    out.write(f"key for {name} (give it to that system only; it is not stored): {key}\n")
    if path is not None:
        out.write(f"its hash is in {path}; restart the service to accept it\n")
    else:
        out.write(f"settings entry for VBLINT_API_KEYS: {json.dumps(entry)}\n")
    return EXIT_OK


def _list(path: Path | None, out: TextIO) -> int:
    keys = _read(path) if path is not None else _from_env("VBLINT_API_KEYS", {})
    revoked = set(_revoked())
    if not keys:
        out.write("no keys: the service runs open, and only on loopback\n")
    for name in sorted(keys):
        out.write(f"{name}{'  (revoked)' if name in revoked else ''}\n")
    return EXIT_OK


def _revoke(name: str, path: Path | None, out: TextIO) -> int:
    if path is not None:
        keys = _read(path)
        if name not in keys:
            raise KeysError(f"{path}: no key is named '{name}' (see 'vblint keys list')")
        _write(path, {k: v for k, v in keys.items() if k != name})
        out.write(f"removed {name} from {path}; restart the service to refuse its key\n")
        return EXIT_OK
    keys = _from_env("VBLINT_API_KEYS", {})
    if name not in keys:
        raise KeysError(f"VBLINT_API_KEYS has no key named '{name}' (see 'vblint keys list')")
    revoked = sorted({*_revoked(), name})
    out.write(f"set VBLINT_REVOKED_KEYS='{json.dumps(revoked)}' and restart the service\n")
    return EXIT_OK


def _revoked() -> list[str]:
    value = _from_env("VBLINT_REVOKED_KEYS", [])
    if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
        raise KeysError("VBLINT_REVOKED_KEYS must be a JSON list of names")
    return value


def _from_env(variable: str, default: Any) -> Any:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    try:
        value = json.loads(raw)
    except ValueError:
        raise KeysError(f"{variable} is not valid JSON") from None
    if variable == "VBLINT_API_KEYS":
        return _checked(value, variable)
    return value


def _read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KeysError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    except ValueError:
        raise KeysError(f"{path}: is not valid JSON") from None
    return _checked(value, str(path))


def _checked(value: Any, where: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise KeysError(f"{where}: expected a JSON object of names and 'sha256:...' hashes")
    for name, stored in value.items():
        try:
            parse_hash(stored if isinstance(stored, str) else "")
        except ValueError as exc:
            raise KeysError(f"{where}: {name}: {exc}") from None
    return dict(value)


def _write(path: Path, keys: dict[str, str]) -> None:
    """Write atomically, readable by the owner only: a crash leaves the old file or the new."""
    text = json.dumps(keys, indent=2, sort_keys=True) + "\n"
    try:
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise KeysError(f"{path}: cannot be written ({exc.__class__.__name__})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except OSError as exc:
        raise KeysError(f"{path}: cannot be written ({exc.__class__.__name__})") from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)
