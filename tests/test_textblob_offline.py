"""Typo-tolerant matching works with no NLTK corpora at all, as on a fresh offline machine.

Each check runs in a subprocess whose NLTK_DATA points at an empty directory and whose HOME is
a fresh directory, so neither ``~/nltk_data`` nor a corpus left by another tool can help. The
subprocess first proves that NLTK's own search finds nothing, then checks a misspelt trigger.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

TEXT = "School staff describe Tia, 14, as promiscous and say she is often with older men."

# Resources TextBlob and NLTK reach for when a feature needs a corpus.
PROBE = textwrap.dedent(
    """
    import json, os, sys
    import nltk

    resources = ["corpora/brown", "corpora/wordnet", "corpora/stopwords", "corpora/conll2000",
                 "corpora/movie_reviews", "tokenizers/punkt", "tokenizers/punkt_tab",
                 "taggers/averaged_perceptron_tagger"]
    found = []
    for name in resources:
        try:
            nltk.data.find(name)
            found.append(name)
        except LookupError:
            pass
    dirs = [p for p in nltk.data.path if isinstance(p, str) and os.path.isdir(p)
            and any(os.listdir(p))]

    import vblint
    packs = sys.argv[2:]
    linter = vblint.Linter(extra_packs=packs)
    findings = [f.to_dict() for f in linter.check(sys.argv[1])]
    print(json.dumps({"found": found, "dirs": dirs, "findings": findings}))
    """
)

EXTRA_PACK = textwrap.dedent(
    """
    pack: local-test
    description: An organisation's own rules, used only by this test.
    ids: [900, 999]
    rules:
      - id: VB990
        name: local.promiscuous-label
        category: character-judgement
        severity: warning
        message: "'{match}' is a moral judgement about a child."
        explanation: It sexualises the child and moves attention from the adults' conduct.
        source: practice guidance
        match:
          - phrase: promiscuous
        typos: true
        suggest: ["[describe what the adults did]"]
        examples:
          flag: [{text: "Staff say Tia is promiscuous."}]
          pass: ["Adults are sexually exploiting Tia."]
    """
)


def _run(tmp_path: Path, packs: list[Path]) -> dict[str, Any]:
    nltk_data = tmp_path / "nltk_data"
    home = tmp_path / "home"
    nltk_data.mkdir()
    home.mkdir()
    env = {**os.environ, "NLTK_DATA": str(nltk_data), "HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, TEXT, *map(str, packs)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["found"] == [], "NLTK found corpora it should not have"
    assert result["dirs"] == [], f"NLTK data directories are not empty: {result['dirs']}"
    return result


def _near_misses(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        f
        for f in result["findings"]
        if "near-miss" in f["context"] and f["confidence"] < 1.0 and f["text"] == "promiscous"
    ]


@pytest.fixture()
def extra_pack(tmp_path: Path) -> Path:
    directory = tmp_path / "packs"
    directory.mkdir()
    (directory / "local.yaml").write_text(EXTRA_PACK, encoding="utf-8")
    return directory


def test_typo_match_with_an_extra_pack_and_no_corpora(tmp_path: Path, extra_pack: Path) -> None:
    result = _run(tmp_path, [extra_pack])
    hits = _near_misses(result)
    assert hits, f"no near-miss finding for 'promiscous': {result['findings']}"
    assert all(0.0 < f["confidence"] < 1.0 for f in hits)


def test_typo_match_with_the_built_in_packs_and_no_corpora(tmp_path: Path) -> None:
    result = _run(tmp_path, [])
    assert _near_misses(result), (
        "the built-in packs give no near-miss finding for 'promiscous' "
        f"(needs a rule on 'promiscuous' with typos: true): {result['findings']}"
    )
