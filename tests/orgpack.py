"""An organisation's own rule pack, written by tests: a safe terminology swap (VB9xx)."""

from __future__ import annotations

from pathlib import Path

PACK = """\
pack: example-org
description: An example organisation's own terminology rules.
ids: [900, 909]
rules:
  - id: VB901
    name: org.abuse-images
    category: outdated-terminology
    severity: warning
    message: "'{match}' is outdated; say child sexual abuse material."
    explanation: Children cannot consent to their own abuse; the images are abuse material.
    source: Example organisation style guide
    match:
      - phrase: child pornography
    suggest: ["child sexual abuse material"]
    safe_fix: true
    examples:
      flag:
        - text: "Officers found child pornography on the laptop."
          fix: "Officers found child sexual abuse material on the laptop."
      pass:
        - "Officers found child sexual abuse material on the laptop."
"""


def write_pack(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "example-org.yaml").write_text(PACK, encoding="utf-8")
    return directory
