"""What the file readers raise or report about a source, shared by the readers and the planner.

Kept apart from :mod:`vblint.audit.sources.plan` so that the readers, which the planner calls,
do not import the planner back.
"""

from __future__ import annotations

from collections.abc import Iterable

from vblint.audit.pieces import Columns


class FileError(Exception):
    """A whole file that cannot be audited (a missing column, not the format it claims)."""


def missing(columns: Columns, present: Iterable[str]) -> str | None:
    """The problem phrase for columns the source does not have, or None."""
    have = set(present)
    absent = [c for c in columns.needed if c not in have]
    if not absent:
        return None
    names = ", ".join(f"'{c}'" for c in absent)
    return f"missing column{'s' if len(absent) > 1 else ''} {names}"
