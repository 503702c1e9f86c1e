"""One task, in this process: one memory zone around it, and memory that does not grow."""

from __future__ import annotations

import random
from pathlib import Path

from tests.audit import archives

from vblint.audit.pieces import Columns
from vblint.audit.settings import CheckSettings
from vblint.audit.sources.plan import plan_files
from vblint.audit.tasks import TaskOptions, audit_piece, linter_for
from vblint.documents import Document


def fresh_words(seed: int, count: int) -> list[dict[str, str]]:
    r = random.Random(seed)
    rows = []
    for i in range(count):
        word = "".join(r.choice("bcdfgklmnprstvz") + r.choice("aeiou") for _ in range(5))
        rows.append({"note": f"Maya met {word.title()} near {word}ville and put herself at risk."})
        rows[-1]["id"] = str(i)
    return rows


def test_a_caller_s_zone_is_not_ended_by_the_linter() -> None:
    linter = linter_for(CheckSettings())
    with linter.nlp.memory_zone():
        found = list(
            linter.check_documents(
                [Document("n", "text", "She put herself at risk.", "She put herself at risk.")]
            )
        )
        assert linter.nlp.vocab.in_memory_zone  # still inside the task's own zone
    assert [f.rule for f in found[0].findings] == ["VB101"]


def test_never_seen_words_do_not_stay_in_the_vocabulary(tmp_path: Path) -> None:
    columns = Columns("note", id="id")
    task = TaskOptions(CheckSettings())
    linter = linter_for(task.settings)
    first = archives.write_csv(tmp_path / "a.csv", fresh_words(1, 200))
    for piece in plan_files([str(first)], columns).pieces:
        audit_piece(piece, task)
    before = len(linter.nlp.vocab.strings)
    second = archives.write_csv(tmp_path / "b.csv", fresh_words(2, 400))
    results = [audit_piece(p, task) for p in plan_files([str(second)], columns).pieces]
    assert sum(c.notes for r in results for c in r.cells.values()) == 400
    assert len(linter.nlp.vocab.strings) == before
