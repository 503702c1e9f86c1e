"""The exit codes of every ``vblint`` command, defined once.

``0`` nothing at or above ``--fail-on``; ``1`` something is (or a suppression needs attention,
or ``--diff`` would change something); ``2`` a usage, configuration, input, model or rule-pack
error.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the process tells its caller (a shell, CI, pre-commit)."""

    OK = 0
    FINDINGS = 1
    ERROR = 2
