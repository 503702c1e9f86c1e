"""vblint: finds victim-blaming language and harmful terminology in safeguarding writing.

>>> import vblint
>>> [f.rule for f in vblint.check("She put herself at risk by meeting him.")]
['VB101']
"""

from __future__ import annotations

from functools import lru_cache

from vblint.findings import Category, Finding, Placeholder, Severity, Suggestion, SuggestionKind
from vblint.linter import Checked, Linter, shared
from vblint.options import Options

__all__ = [
    "Category",
    "Checked",
    "Finding",
    "Linter",
    "Options",
    "Placeholder",
    "Severity",
    "Suggestion",
    "SuggestionKind",
    "check",
    "default_linter",
]
__version__ = "0.1.0"


@lru_cache(maxsize=1)
def default_linter() -> Linter:
    """One shared Linter per process, so the pipeline is never loaded twice."""
    return shared()


def check(text: str, options: Options | None = None) -> list[Finding]:
    """Findings for ``text`` with the default pipeline and the built-in rule packs."""
    return default_linter().check(text, options)
