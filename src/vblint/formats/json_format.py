"""``--format json``: one object, documented in the README and kept stable.

``{"files": [{"path", "findings": [...]}], "errors": [{"path", "message"}], "version",
"rules_version"}``. Fields may be added; none are removed or renamed.
"""

from __future__ import annotations

import json

from vblint import __version__
from vblint.formats import Report


def render(report: Report, color: bool = False) -> str:
    """The JSON document for a run."""
    data = {
        "version": __version__,
        "rules_version": report.rules.version,
        "files": [
            {"path": item.path, "findings": [f.to_dict() for f in item.findings]}
            for item in report.files
        ],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
