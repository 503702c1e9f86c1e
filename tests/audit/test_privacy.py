"""No note text anywhere: a sentinel in every note is in no output, log, checkpoint, temporary
file or Dask scratch (spill) directory after an audit on a real two-worker cluster.

Marked slow: it starts worker processes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.audit import archives
from tests.conftest import run_cli

pytestmark = pytest.mark.slow
SENTINEL = "Qzx7Sentinel9Wk"


def write_archive(folder: Path) -> list[Path]:
    records = archives.rows(80, seed=5, sentinel=SENTINEL)
    csv_path = archives.write_csv(folder / "notes.csv", records)
    with csv_path.open("a", encoding="utf-8") as handle:  # bad rows that hold the sentinel too
        handle.write(f'N9,North,2024-01-01,"{SENTINEL} " "broken\n')
        handle.write(f"N8,North,2024-01-01\n{SENTINEL},,,,,\n")
    jsonl = archives.write_jsonl(folder / "notes.jsonl", records)
    with jsonl.open("a", encoding="utf-8") as handle:
        handle.write(f'{{"id": "N7", "note": "{SENTINEL}\n')
        big = {"id": "N6", "team": "East", "date": "2024-02-02", "note": SENTINEL * 400}
        handle.write(json.dumps(big) + "\n")
    return [csv_path, jsonl, archives.write_parquet(folder / "notes.parquet", records)]


def test_sentinel_reaches_no_output_log_checkpoint_temp_file_or_spill(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    sources = write_archive(data)
    out, temp, scratch = tmp_path / "out", tmp_path / "tmp", tmp_path / "scratch"
    for folder in (out, temp, scratch):
        folder.mkdir()
    proc = run_cli(
        "audit", *map(str, sources), "--text-column", "note", "--group-by", "team",
        "--date-column", "date", "--id-column", "id", "--min-cell", "1",
        "--max-note-chars", "2000", "--workers", "2", "--piece-notes", "15", "--progress",
        "--local-directory", str(scratch), "--checkpoint", str(out / "ckpt"),
        "--json", str(out / "report.json"), "--csv", str(out / "report.csv"),
        "--html", str(out / "report.html"), "--export-ids", str(out / "ids.csv"),
        env={"TMPDIR": str(temp)},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["total"]["flagged"] > 0  # the notes really were read and checked
    assert report["bad_input"]["rows"] >= 3
    assert (out / "ids.csv").read_text().count("\n") > 1
    assert SENTINEL not in proc.stdout + proc.stderr
    scanned = 0
    for folder in (out, temp, scratch):
        for path in folder.rglob("*"):
            if path.is_file():
                scanned += 1
                assert SENTINEL.encode() not in path.read_bytes(), path
    assert scanned >= 6
    assert not list(scratch.rglob("storage/*")), "a worker spilled to disk"
    assert all(SENTINEL.encode() in p.read_bytes() for p in sources[:2])  # the test is honest
    leftovers = [p for p in temp.rglob("*") if p.is_file()]
    assert leftovers == [] or all(SENTINEL.encode() not in p.read_bytes() for p in leftovers)
    assert os.listdir(out / "ckpt")
