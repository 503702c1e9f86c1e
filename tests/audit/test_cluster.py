"""A real Dask LocalCluster of two worker processes: same counts, pipeline loaded once each.

Marked slow: it starts worker processes, each loading the spaCy pipeline.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from tests.audit.conftest import NOTES, as_flagged, per_note
from tests.conftest import run_cli

from vblint.audit.aggregate import combine
from vblint.audit.engine import Engine, EngineOptions
from vblint.audit.pieces import Columns
from vblint.audit.settings import CheckSettings
from vblint.audit.sources.plan import plan_files
from vblint.audit.tasks import TaskOptions, audit_piece

pytestmark = pytest.mark.slow


def test_two_workers_equal_check_over_every_file_format(
    archive: Path, checked: dict[str, Counter[tuple[str, str]]], tmp_path: Path
) -> None:
    files = [str(archive / n) for n in ("notes.csv", "notes.jsonl", "notes.parquet")]
    proc = run_cli(
        "audit", *files, "--text-column", "note", "--group-by", "id", "--min-cell", "1",
        "--workers", "2", "--piece-notes", "20", "--json", "--local-directory", str(tmp_path),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    assert report["total"]["notes"] == 3 * NOTES
    audited = per_note(report)
    for note_id, found in checked.items():
        expected = as_flagged(found)
        assert audited[note_id] == Counter({k: 3 * n for k, n in expected.items()}), note_id
    run = report["run"]
    assert run["engine"] == "local" and run["workers"] == 2
    assert run["pieces"] >= 12
    loads = run["pipeline_loads"]
    assert len(loads) == 2 and set(loads.values()) == {1}  # once per worker, many pieces each
    assert len(run["memory"]) == 2


def test_engine_switches_spilling_off_and_matches_the_synchronous_scheduler(
    archive: Path, tmp_path: Path
) -> None:
    plan = plan_files([str(archive / "notes.csv")], Columns("note", ("team",)), piece_notes=25)
    task = TaskOptions(CheckSettings())
    with Engine(EngineOptions(workers=2, local_directory=str(tmp_path)), task) as engine:
        assert engine.client is not None
        state = engine.client.run(
            lambda dask_worker: (
                dask_worker.memory_manager.memory_spill_fraction,
                dask_worker.memory_manager.memory_target_fraction,
                type(dask_worker.data).__name__,
                dask_worker.state.nthreads,
            )
        )
        assert len(state) == 2
        assert set(state.values()) == {(False, False, "dict", 1)}
        distributed = list(engine.results(plan.pieces))
    synchronous = [audit_piece(p, task) for p in plan.pieces]
    a = combine(plan.pieces, distributed, [])
    b = combine(plan.pieces, synchronous, [])
    assert {k: c.to_json() for k, c in a.cells.items()} == {
        k: c.to_json() for k, c in b.cells.items()
    }
    assert not list(tmp_path.rglob("storage/*"))  # no spill files, ever


def test_an_existing_cluster_is_used_and_its_workers_stop_spilling(
    archive: Path, checked: dict[str, Counter[tuple[str, str]]], tmp_path: Path
) -> None:
    import logging

    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
            local_directory=str(tmp_path),
        ) as cluster,
        Client(cluster) as client,
    ):
        spilling = client.run(lambda dask_worker: dask_worker.memory_manager.memory_spill_fraction)
        assert set(spilling.values()) != {False}  # this cluster started with spilling on
        proc = run_cli(
            "audit", str(archive / "notes.parquet"), "--text-column", "note", "--group-by", "id",
            "--min-cell", "1", "--json", "--scheduler", cluster.scheduler_address,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        after = client.run(lambda dask_worker: dask_worker.memory_manager.memory_spill_fraction)
        assert set(after.values()) == {False}
    report = json.loads(proc.stdout)
    assert report["run"]["engine"] == "cluster" and report["run"]["workers"] == 1
    audited = per_note(report)
    assert {k: audited[k] for k in checked} == {k: as_flagged(v) for k, v in checked.items()}
