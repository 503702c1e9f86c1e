"""A finding's fingerprint: stable when the rest of the document changes, the same everywhere.

Baselines and code-scanning dashboards recognise a finding by it, so it must survive lines added
above and edits to other paragraphs, tell apart two occurrences in one sentence, and be the same
from the library, ``--format json`` and ``--format sarif`` (the service and the language server
are checked in ``tests/server/test_api.py`` and ``tests/lsp/test_server.py``).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from tests.conftest import Cli

from vblint import Linter
from vblint.findings import Finding
from vblint.formats.sarif import FINGERPRINT_KEY

GUIDANCE = (
    "Working with young people\n\n"
    "Staff should record concerns promptly.\n\n"
    "Jade put herself at risk by meeting him at the flat.\n\n"
    "The report on historic abuse and the review of historic abuse were late.\n"
)
REPEATED = "The report on historic abuse and the review of historic abuse were late.\n"


def prints(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.fingerprint) for f in findings]


def test_lines_added_above_and_other_paragraphs_edited_keep_every_fingerprint(
    linter: Linter,
) -> None:
    before = linter.check(GUIDANCE)
    edited = "Draft 2\nReviewed by the safeguarding lead.\n\n" + GUIDANCE.replace(
        "Staff should record concerns promptly.",
        "Staff must record every concern on the day, in the child's own words.",
    )
    edited += "\nHe was a rent boy.\n"
    after = linter.check(edited)
    assert len(before) == 3 and len(after) == 4
    assert [f.start for f in after[:3]] != [f.start for f in before]  # every offset moved
    assert prints(after[:3]) == prints(before)
    assert after[3].rule == "VB405" and after[3].fingerprint not in {f.fingerprint for f in before}


def test_two_occurrences_in_one_sentence_differ_and_repeat_in_another_sentence(
    linter: Linter,
) -> None:
    first, second = linter.check(REPEATED)
    assert first.text == second.text == "historic abuse"
    assert first.fingerprint != second.fingerprint
    # The same sentence again elsewhere gives the same two: a baseline counts them.
    twice = linter.check("Intro.\n\n" + REPEATED + "\n" + REPEATED)
    assert prints(twice) == prints([first, second]) * 2


def test_the_fingerprint_is_the_rule_the_words_and_their_occurrence(linter: Linter) -> None:
    """Pinned: changing how it is computed needs a new SARIF key and baseline version."""
    [finding] = linter.check("She put  herself at risk.")
    expected = hashlib.blake2b(b"VB101\x1fshe put herself at risk\x1f0", digest_size=8)
    assert finding.fingerprint == expected.hexdigest()
    assert FINGERPRINT_KEY == "vblintFingerprint/v1"


def test_library_json_and_sarif_give_the_same_fingerprints(
    linter: Linter, cli: Cli, tmp_path: Path
) -> None:
    note = tmp_path / "guidance.txt"
    note.write_text(GUIDANCE, encoding="utf-8")
    library = prints(linter.check(GUIDANCE))
    assert len(set(library)) == 3

    _, out, _ = cli("check", "--format", "json", str(note))
    [item] = json.loads(out)["files"]
    assert [(f["rule"], f["fingerprint"]) for f in item["findings"]] == library

    _, out, _ = cli("check", "--format", "sarif", str(note))
    results = json.loads(out)["runs"][0]["results"]
    sarif = [(r["ruleId"], r["partialFingerprints"][FINGERPRINT_KEY]) for r in results]
    assert Counter(sarif) == Counter(library)
