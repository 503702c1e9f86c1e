"""``--format json``: one object, documented in the README and kept stable.

``{"files": [{"path", "findings": [...], "suppressions": [...]}], "errors": [{"path",
"message"}], "version", "rules_version"}``. Each finding has a ``location`` object (line and
column, or paragraph/table cell/page and snippet). Fields may be added; none are removed.
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
            {
                "path": item.path,
                "findings": [
                    {**f.to_dict(), "location": item.location(i)}
                    for i, f in enumerate(item.findings)
                ],
                "suppressions": [
                    {"line": n.line, "kind": n.kind, "message": n.message} for n in item.notices
                ],
            }
            for item in report.files
        ],
        "errors": [{"path": e.path, "message": e.message} for e in report.errors],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
