"""Peak memory of ``vblint check`` on long text files, beside the bare parse of the same text.

    .venv/bin/python benchmarks/memory.py [--sizes 0.48 1 5 10]

For each size (in MB) a text file of invented case notes (benchmarks/casenotes.py, one note a
paragraph) is written to a temporary folder, and each of these runs in its own process, whose
peak resident memory (``ru_maxrss``) is read when it ends:

- ``vblint check FILE`` (the text report, to /dev/null);
- the bare parse, blocks: the model as shipped, no vblint component, parsing the same text in
  the blocks vblint cuts it into, inside memory zones: the floor for a streaming check;
- the bare parse, whole: ``nlp(text)`` on the whole text in one Doc (up to 1 MB; beyond that
  it needs many GB), what a check that does not stream costs;
- the model loaded and nothing parsed.

Targets (issue 12): 480 KB within 1.3x the bare parse's memory; 10 MB under 500 MB peak.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from casenotes import corpus

WHOLE_LIMIT_MB = 1.0
BARE = """
import sys
import spacy
from vblint.blocks import blocks

nlp = spacy.load("en_core_web_sm")
text = open(sys.argv[2], encoding="utf-8").read() if sys.argv[1] != "load" else ""
if sys.argv[1] == "whole":
    nlp.max_length = len(text) + 1
    nlp(text)
elif sys.argv[1] == "blocks":
    pending = list(blocks(text))
    while pending:
        zone, size = [], 0
        while pending and size < 20_000:
            block = pending.pop(0)
            zone.append(text[block.lead : block.end])
            size += len(zone[-1])
        with nlp.memory_zone():
            for _ in nlp.pipe(zone):
                pass
"""


def write_notes(path: Path, megabytes: float) -> int:
    """A text file of about ``megabytes`` MB of case notes, a blank line between notes."""
    target = int(megabytes * 1_000_000)
    notes = corpus(target // 6)  # about six characters a word
    text = "\n\n".join(notes)
    while len(text) < target:
        text += "\n\n" + text
    text = text[:target]
    path.write_text(text[: text.rfind("\n\n")] + "\n", encoding="utf-8")
    return path.stat().st_size


def peak_mb(command: list[str]) -> tuple[float, float]:
    """(peak resident memory in MB, seconds) of ``command`` run in its own process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: findings were reported
        raise SystemExit(f"{command[:3]} failed with status {status}")
    return usage.ru_maxrss / 1024, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.48, 1.0, 5.0, 10.0])
    parser.add_argument(
        "--bare-up-to", type=float, default=100.0, help="measure the bare parse up to this size"
    )
    args = parser.parse_args()
    python = sys.executable
    vblint = str(Path(python).with_name("vblint"))
    load, _ = peak_mb([python, "-c", BARE, "load"])
    print(f"model loaded, nothing parsed: {load:.0f} MB")
    print(
        f"{'size':>8} {'vblint check':>18} {'bare, blocks':>18} {'bare, whole':>18} "
        f"{'check / blocks':>15} {'check / whole':>14}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"notes-{size}.txt"
            bytes_ = write_notes(path, size)
            check, check_s = peak_mb([vblint, "check", "--format", "text", str(path)])
            blocks_text = ratio_blocks = whole_text = ratio_whole = "-"
            if size <= args.bare_up_to:
                bare, bare_s = peak_mb([python, "-c", BARE, "blocks", str(path)])
                blocks_text = f"{bare:.0f} MB {bare_s:.0f} s"
                ratio_blocks = f"{check / bare:.2f}x"
            if size <= min(WHOLE_LIMIT_MB, args.bare_up_to):
                whole, whole_s = peak_mb([python, "-c", BARE, "whole", str(path)])
                whole_text = f"{whole:.0f} MB {whole_s:.0f} s"
                ratio_whole = f"{check / whole:.2f}x"
            print(
                f"{bytes_ / 1e6:>6.2f}MB {check:>9.0f} MB {check_s:>4.0f} s "
                f"{blocks_text:>18} {whole_text:>18} {ratio_blocks:>15} {ratio_whole:>14}",
                flush=True,
            )


if __name__ == "__main__":
    main()
