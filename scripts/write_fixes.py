#!/usr/bin/env python3
"""Write each flag example's exact expected rewrite (or ``advice``) into the rule packs.

    .venv/bin/python scripts/write_fixes.py           # rewrite patterns/*.yaml in place
    .venv/bin/python scripts/write_fixes.py --check   # exit 1 if any pack is out of date

The engine's top verified rewrite, applied to the example, is what ``fix:`` records; a finding
with no verified rewrite records ``fix: advice``. Review the diff: these are the sentences a
practitioner would see, and the suite asserts them exactly.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from vblint import Options, default_linter
from vblint.rules import default_pack_dir, load_rules

ADVICE = "advice"


def expected(text: str, rule_id: str, options: Options | None) -> str | None:
    """The example with its top replacement applied, ``advice``, or None if not flagged."""
    found = [f for f in default_linter().check(text, options) if f.rule == rule_id]
    if not found:
        return None
    finding = found[0]
    top = next((s for s in finding.suggestions if s.kind.value == "replace"), None)
    if top is None:
        return ADVICE
    return text[: finding.start] + top.text + text[finding.end :]


def rewrite_pack(path: Path, fixes: dict[str, str]) -> str:
    """The pack's text with every listed flag example's ``fix:`` line set."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        out.append(line)
        match = re.match(r"^(\s*)- text: (.+?)\s*$", line)
        index += 1
        if match is None:
            continue
        indent, raw = match.groups()
        try:
            text = json.loads(raw) if raw.startswith('"') else raw.strip("'")
        except json.JSONDecodeError:
            continue
        if text not in fixes:
            continue
        while index < len(lines) and re.match(rf"^{indent}  fix: ", lines[index]):
            index += 1
        out.append(f"{indent}  fix: {json.dumps(fixes[text], ensure_ascii=False)}\n")
    return "".join(out)


def main(argv: list[str]) -> int:
    """Write or check the packs."""
    rules = load_rules()
    per_pack: dict[Path, dict[str, str]] = {}
    for rule in rules:
        options = Options.make(
            select=[rule.id], profile=rule.profiles[0] if rule.profiles else None
        )
        for example in rule.examples.flag:
            fix = expected(example.text, rule.id, options)
            if fix is not None:
                per_pack.setdefault(rules.origins[rule.id], {})[example.text] = fix
    stale = []
    for path, fixes in sorted(per_pack.items()):
        new = rewrite_pack(path, fixes)
        if new != path.read_text(encoding="utf-8"):
            stale.append(path.name)
            if "--check" not in argv:
                path.write_text(new, encoding="utf-8")
    if stale and "--check" in argv:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    done = "checked" if "--check" in argv else "wrote"
    print(f"{done} {len(per_pack)} packs in {default_pack_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
