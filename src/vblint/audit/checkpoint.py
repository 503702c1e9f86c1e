"""``--checkpoint DIR``: each finished piece's counts saved, so a re-run carries on.

The directory holds a manifest with the run's fingerprint (a hash of the settings, the
pieces and the files' sizes and times) and one JSON file per finished piece: counts, row
positions, reasons and (with ``--export-ids``) record ids, never text. Files are written
whole then renamed, so a crash never leaves half a piece. A different audit is refused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from vblint import __version__
from vblint.audit.counts import PieceResult
from vblint.audit.pieces import Piece

MANIFEST = "vblint-audit.json"


class CheckpointError(Exception):
    """A checkpoint directory that belongs to another audit or cannot be written."""


def fingerprint(pieces: list[Piece], options: object, files: list[str]) -> str:
    """What the run depends on; any change gives a different hash, and nothing else does.

    Sets are sorted first: their order (and so their ``repr``) differs between processes.
    """
    digest = hashlib.sha256(json.dumps(options, default=_plain, sort_keys=True).encode())
    for piece in pieces:
        digest.update(piece.describe().encode())
    for name in files:
        stat = Path(name).stat()
        digest.update(f"{name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


class Checkpoint:
    """Finished pieces on disk."""

    def __init__(self, directory: Path, print_: str) -> None:
        self.directory = directory
        self.print = print_

    def load(self) -> dict[int, PieceResult]:
        """The pieces already done; creates the directory and manifest on a first run."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            manifest = self.directory / MANIFEST
            if manifest.exists():
                saved = json.loads(manifest.read_text(encoding="utf-8"))
                if saved.get("fingerprint") != self.print:
                    raise CheckpointError(
                        f"{self.directory}: holds another audit (the source, its files or the"
                        " options differ); use a new directory"
                    )
            else:
                self._write(manifest, {"vblint": __version__, "fingerprint": self.print})
        except (OSError, ValueError) as exc:
            if isinstance(exc, CheckpointError):
                raise
            raise CheckpointError(f"{self.directory}: cannot be used ({_why(exc)})") from None
        done: dict[int, PieceResult] = {}
        for path in sorted(self.directory.glob("piece-*.json")):
            try:
                result = PieceResult.from_json(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError, TypeError):
                continue  # unreadable: that piece simply runs again
            done[result.index] = result
        return done

    def save(self, result: PieceResult) -> None:
        """Keep one finished piece."""
        try:
            self._write(self.directory / f"piece-{result.index:07d}.json", result.to_json())
        except OSError as exc:
            raise CheckpointError(f"{self.directory}: cannot be written ({_why(exc)})") from None

    @staticmethod
    def _write(path: Path, data: object) -> None:
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_text(json.dumps(data), encoding="utf-8")
        os.replace(temporary, path)


def _plain(value: object) -> object:
    """Dataclasses, sets and enums as JSON, the same in every process."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, Path):
        return str(value)
    return str(value)


def _why(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or exc.__class__.__name__
