"""Memory soak: many requests full of never-seen words; resident memory must stay flat.

    .venv/bin/python benchmarks/soak.py [--requests 20000] [--concurrency 4]

Starts the service with one check process, warms it up, then sends requests whose words were
never seen before (each would grow spaCy's string store without ``memory_zone``). Prints the
resident memory of the check process (the one parsing) and of the service process after warm-up
and at the end; the target is under 10% growth.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time
from pathlib import Path

import httpx
from local_server import local_server
from notes import note


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def check_process(worker: int) -> int:
    """The worker's child that holds the pipeline (the largest child)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == worker:
            children.append(int(stat.parent.name))
    if not children:
        raise RuntimeError("no check process found")
    return max(children, key=rss_mb)


def memory(worker: int) -> tuple[float, float]:
    return rss_mb(check_process(worker)), rss_mb(worker)


async def send(url: str, total: int, concurrency: int, seed: int) -> int:
    rng = random.Random(seed)
    sent = 0
    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def worker() -> None:
            nonlocal sent
            while sent < total:
                sent += 1
                text = note(rng, words=40, fresh_words=6)
                r = await client.post("/v1/check", json={"text": text})
                if r.status_code != 200:
                    raise RuntimeError(f"status {r.status_code}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--warmup", type=int, default=1_000)
    args = parser.parse_args()
    with local_server(workers=1) as (url, pid):
        asyncio.run(send(url, args.warmup, args.concurrency, seed=1))
        start, worker_start = memory(pid)
        print(
            f"RSS after {args.warmup} warm-up requests: check process {start:.1f} MB, "
            f"service {worker_start:.1f} MB"
        )
        started = time.perf_counter()
        checkpoint = max(1, args.requests // 4)
        done = 0
        seed = 2
        while done < args.requests:
            batch = min(checkpoint, args.requests - done)
            done += asyncio.run(send(url, batch, args.concurrency, seed=seed))
            seed += 1
            check_mb, worker_mb = memory(pid)
            print(f"  after {done:>6} requests: {check_mb:.1f} MB, service {worker_mb:.1f} MB")
        end, worker_end = memory(pid)
        elapsed = time.perf_counter() - started
    growth = (end - start) / start
    print(
        f"RSS at the end: check process {end:.1f} MB, service {worker_end:.1f} MB, after "
        f"{done} requests in {elapsed:.0f}s"
    )
    print(
        f"growth: check process {growth:+.1%}, service "
        f"{(worker_end - worker_start) / worker_start:+.1%} (target under +10%)"
    )


if __name__ == "__main__":
    main()
