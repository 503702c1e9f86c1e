"""The check process's own functions: offsets in the units asked for, batches, failures."""

from __future__ import annotations

import pytest

from vblint import Linter, Options
from vblint_server.checker import Job, check, check_all
from vblint_server.main import create_app
from vblint_server.settings import ServiceSettings


def test_check_converts_offsets_and_keeps_line_columns_in_code_points(linter: Linter) -> None:
    text = "🙂\n👩🏽 She put herself at risk by meeting him."
    (cp,) = [f for f in check(linter, Job(text, "text", Options(), "codepoint"))]
    (u16,) = [f for f in check(linter, Job(text, "text", Options(), "utf-16"))]
    assert text[cp["start"] : cp["end"]] == "She put herself at risk by meeting him"
    assert (u16["start"], u16["end"]) == (cp["start"] + 3, cp["end"] + 3)
    assert (u16["line"], u16["column"]) == (cp["line"], cp["column"]) == (2, 4)


def test_a_batch_gives_each_job_its_own_options_and_offsets(linter: Linter) -> None:
    note = "🙂 She put herself at risk by meeting him."
    jobs = [
        Job(note, "text", Options(), "utf-16"),
        Job(note, "text", Options.make(ignore=["VB101"]), "utf-16"),
        Job(note, "text", Options(), "codepoint"),
    ]
    outcomes = check_all(linter, jobs)
    assert [kind for kind, _ in outcomes] == ["ok", "ok", "ok"]
    assert [[f["rule"] for f in found] for _, found in outcomes] == [["VB101"], [], ["VB101"]]
    assert outcomes[0][1][0]["start"] == outcomes[2][1][0]["start"] + 1  # the emoji: 2 vs 1


def test_a_job_that_breaks_the_batch_fails_alone(linter: Linter) -> None:
    broken = Job(None, "text", Options(), "utf-16")  # type: ignore[arg-type]
    outcomes = check_all(
        linter, [Job("She put herself at risk.", "text", Options(), "utf-16"), broken]
    )
    assert outcomes[0][0] == "ok" and [f["rule"] for f in outcomes[0][1]] == ["VB101"]
    assert outcomes[1][0] == "error" and outcomes[1][1].endswith("Error")


def test_the_workers_setting_sizes_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VBLINT_WORKERS", "3")
    assert ServiceSettings().workers == 3
    assert create_app(ServiceSettings()).state.engine.workers == (0, 3)  # none loaded until started
    monkeypatch.setenv("VBLINT_WORKERS", "0")
    with pytest.raises(ValueError, match="workers"):
        ServiceSettings()
