"""Every rewrite vblint offers on the rewrite corpus is one a careful writer would accept.

tests/rewrites/corpus.yaml holds flagged sentences (half from the real-world corpus, half
invented) with the facts each must keep. Every ``replace`` suggestion is applied where the
finding says and the result is read again: facts verbatim, no new warning or error, the rule
itself gone from the replaced words, placeholders neither nested nor several, quotation marks
balanced, no word doubled at the join, capitals only where they belong.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from vblint import Finding, Linter, Severity
from vblint.findings import SuggestionKind

CORPUS = Path(__file__).resolve().parent / "rewrites" / "corpus.yaml"
_COMMON_CAPITALS = re.compile(r"(?<=[a-z,;] )(She|He|They|Her|His|Their|The|It|A|An)\b")


def _items() -> list[dict[str, Any]]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = data["items"]
    return items


def test_the_rewrite_corpus_is_big_enough_and_half_real() -> None:
    items = _items()
    sources = Counter(i["source"] for i in items)
    assert len(items) >= 200 and sources["real"] >= len(items) // 2 - 10, sources


def _blocking(findings: list[Finding]) -> Counter[str]:
    return Counter(f.rule for f in findings if f.severity.rank >= Severity.WARNING.rank)


def _problems(linter: Linter, text: str, item: dict[str, Any], finding: Finding) -> list[str]:
    problems = []
    before = _blocking(linter.check(text))
    for suggestion in finding.suggestions:
        if suggestion.kind is not SuggestionKind.REPLACE:
            continue
        new = text[: finding.start] + suggestion.text + text[finding.end :]
        where = f"{finding.rule}: {new!r}"
        missing = [f for f in item["facts"] if f not in new]
        if missing:
            problems.append(f"{where} loses {missing}")
        after = linter.check(new)
        added = _blocking(after) - before
        if added:
            problems.append(f"{where} is flagged {sorted(added)}")
        end = finding.start + len(suggestion.text)
        if any(f.rule == finding.rule and f.start < end and f.end > finding.start for f in after):
            problems.append(f"{where} still gets {finding.rule}")
        if len(suggestion.placeholders) > 1 or re.search(r"\[[^\]]*\[", suggestion.text):
            problems.append(f"{where} has nested or several placeholders")
        if new.count('"') % 2 or new.count("\u201c") != new.count("\u201d"):
            problems.append(f"{where} leaves a quotation mark open")
        doubled = {m.group(0).lower() for m in re.finditer(r"\b(\w+) \1\b", new, re.I)}
        if doubled - {m.group(0).lower() for m in re.finditer(r"\b(\w+) \1\b", text, re.I)}:
            problems.append(f"{where} doubles a word")
        capitals = set(_COMMON_CAPITALS.findall(new)) - set(_COMMON_CAPITALS.findall(text))
        opens = "\"'\u201c(["
        if capitals or new.lstrip(opens)[:1].isupper() != text.lstrip(opens)[:1].isupper():
            problems.append(f"{where} has a capital out of place")
    return problems


@pytest.mark.parametrize("item", _items(), ids=lambda i: i["text"][:50])
def test_every_offered_rewrite_passes_the_checks(linter: Linter, item: dict[str, Any]) -> None:
    text = item["text"]
    problems = []
    for finding in linter.check(text):
        problems += _problems(linter, text, item, finding)
    assert not problems, "\n".join(problems)


def test_findings_without_a_rewrite_say_what_to_write_instead(linter: Linter) -> None:
    for item in _items():
        for finding in linter.check(item["text"]):
            if finding.severity is Severity.INFO or "quoted" in finding.context:
                continue
            replace = [s for s in finding.suggestions if s.kind is SuggestionKind.REPLACE]
            assert replace or finding.advice, f"{finding.rule} on {item['text']!r}"
