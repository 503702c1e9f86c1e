"""Notes per second of ``vblint audit`` on Dask beside the in-process Linter, in one run.

    nice .venv/bin/python benchmarks/audit_throughput.py                 # 200,000 notes
    nice .venv/bin/python benchmarks/audit_throughput.py --notes 5000    # a quick look

Generates an archive of invented case notes (``casenotes.py``, about 50 words each, so
200,000 notes is about 10 million words) as Parquet with row groups of ``--piece-notes``,
with a team and a date for every note. Then, in turn:

(a) the in-process ``Linter.check_many`` over the notes already in memory (the baseline);
(b) ``run_audit`` on an embedded LocalCluster of 1 worker, then (c) of 2 workers, each timed
    from the start of the cluster to the last piece (start-up and model loading included);
(d) the audit as a command, killed with SIGKILL once half its pieces are in its checkpoint,
    then run again with the same checkpoint: its totals must equal (c)'s.

Printed: notes/s of each, (b)/(a) and (c)/(b) against the targets (within 10%; at least 1.8x
on 2 cores), each worker's peak memory by quarter of the run (target: under 10% growth from
the first quarter to the last) and whether the resumed totals are identical. Figures only:
this never fails on speed, and a busy shared machine moves them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casenotes import note

from vblint import Linter
from vblint.audit.engine import EngineOptions
from vblint.audit.pieces import Columns
from vblint.audit.run import AuditSpec, run_audit

TEAMS = ("North", "South", "East", "West", "Duty", "Leaving care")
COLUMNS = Columns(text="note", group_by=("team",), date="date", id="id")


def write_archive(path: Path, count: int, row_group: int, seed: int = 20240601) -> int:
    """The archive as Parquet; returns its word count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    r = random.Random(seed)
    schema = pa.schema(
        [("id", pa.string()), ("team", pa.string()), ("date", pa.string()), ("note", pa.string())]
    )
    words = 0
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, count, row_group):
            rows = []
            for i in range(start, min(count, start + row_group)):
                text = note(r)
                words += len(text.split())
                quarter = r.randrange(16)
                rows.append(
                    {
                        "id": f"C{i:07d}",
                        "team": r.choice(TEAMS),
                        "date": f"{2022 + quarter // 4}-{3 * (quarter % 4) + 1:02d}-01",
                        "note": text,
                    }
                )
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return words


def baseline(path: Path) -> tuple[float, float, int]:
    """(wall s, CPU s, notes) of check_many over every note, after a warm-up."""
    import pyarrow.parquet as pq

    texts = pq.read_table(path, columns=["note"]).column("note").to_pylist()
    linter = Linter()
    for _ in linter.check_many(texts[:500]):
        pass
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in linter.check_many(texts, batch_size=64):
        pass
    return time.perf_counter() - wall, time.process_time() - cpu, len(texts)


def audit(path: Path, workers: int, piece_notes: int) -> tuple[float, dict[str, Any]]:
    """(wall s, report) of the audit on a fresh LocalCluster of ``workers``."""
    with tempfile.TemporaryDirectory(prefix="vblint-bench-") as scratch:
        spec = AuditSpec(
            columns=COLUMNS,
            sources=(str(path),),
            period="quarter",
            piece_notes=piece_notes,
            engine=EngineOptions(workers=workers, local_directory=scratch),
        )
        started = time.perf_counter()
        outcome = run_audit(spec)
        return time.perf_counter() - started, outcome.report


def killed_and_resumed(path: Path, pieces: int, piece_notes: int) -> dict[str, Any]:
    """The command's report after a SIGKILL half-way and a second run on its checkpoint."""
    vblint = Path(sys.executable).parent / "vblint"
    with tempfile.TemporaryDirectory(prefix="vblint-bench-") as work:
        checkpoint = Path(work) / "checkpoint"
        command = [
            str(vblint), "audit", str(path), "--text-column", "note", "--group-by", "team",
            "--date-column", "date", "--workers", "2", "--piece-notes", str(piece_notes),
            "--checkpoint", str(checkpoint), "--local-directory", work, "--no-progress",
        ]  # fmt: skip
        first = subprocess.Popen(command, stdout=subprocess.DEVNULL, start_new_session=True)
        while len(list(checkpoint.glob("piece-*.json"))) < pieces // 2 and first.poll() is None:
            time.sleep(0.2)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        saved = len(list(checkpoint.glob("piece-*.json")))
        print(f"(d) killed with {saved} of {pieces} pieces in the checkpoint")
        second = subprocess.run([*command, "--json"], capture_output=True, text=True, check=True)
        report: dict[str, Any] = json.loads(second.stdout)
        print(f"(d) resumed: {report['run']['from_checkpoint']} pieces from the checkpoint")
        return report


def figures(report: dict[str, Any]) -> dict[str, Any]:
    """The counts a resumed run must reproduce exactly."""
    return {k: report[k] for k in ("total", "groups", "periods", "cells", "bad_input")}


def main(argv: list[str] | None = None) -> int:
    """Generate, time (a) to (d), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200_000)
    parser.add_argument("--piece-notes", type=int, default=1_000)
    parser.add_argument("--skip-resume", action="store_true", help="leave out (d)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="vblint-archive-") as folder:
        path = Path(folder) / "notes.parquet"
        words = write_archive(path, args.notes, args.piece_notes)
        print(f"archive: {args.notes:,} notes, {words:,} words, {os.cpu_count()} cores")
        wall, cpu, notes = baseline(path)
        rate_a = notes / wall
        print(
            f"(a) in-process Linter:   {rate_a:8.0f} notes/s  ({wall:.0f} s wall; "
            f"{notes / cpu:.0f} notes per CPU second)"
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"    peak memory of this process: {peak:.0f} MB")
        rates = {}
        reports = {}
        for workers in (1, 2):
            seconds, report = audit(path, workers, args.piece_notes)
            assert report["total"]["notes"] == notes, "the audit did not see every note"
            rates[workers], reports[workers] = notes / seconds, report
            label = f"({'bc'[workers - 1]}) audit, {workers} worker{'s' if workers > 1 else ''}:"
            cpu_rate = notes / report["run"]["cpu_seconds"]
            print(
                f"{label:<25}{rates[workers]:8.0f} notes/s  ({seconds:.0f} s wall; "
                f"{cpu_rate:.0f} notes per CPU second of the workers' tasks)"
            )
            for worker, quarters in sorted(report["run"]["memory"].items()):
                growth = 100 * (quarters[-1] - quarters[0]) / quarters[0] if quarters[0] else 0.0
                shown = " ".join(f"{q:.0f}" for q in quarters)
                print(f"    {worker}: MB by quarter {shown}  ({growth:+.1f}%, target < 10%)")
        print(f"(b)/(a): {rates[1] / rate_a:.2f} (target at least 0.90)")
        print(f"(c)/(b): {rates[2] / rates[1]:.2f} (target at least 1.8 on 2 cores)")
        if not args.skip_resume:
            resumed = killed_and_resumed(path, reports[2]["run"]["pieces"], args.piece_notes)
            same = figures(resumed) == figures(reports[2])
            print(f"(d) resumed totals identical to (c): {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
