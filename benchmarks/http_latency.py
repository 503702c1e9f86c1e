"""HTTP latency and throughput of ``vblint serve`` beside the library's in-process throughput.

    .venv/bin/python benchmarks/http_latency.py [--workers 2] [--requests 400]

Starts the service with 2 workers, sends invented 250-word notes at concurrency 1, 8 and 32,
and prints p50/p95/p99 latency and requests per second; then checks the same notes in this
process with ``Linter`` on one core. Targets: p99 < 150 ms at concurrency 8; HTTP throughput
per worker core at least 80% of in-process throughput. The client runs on the same machine and
takes CPU from the server, so the HTTP figures are a floor.

Fairness: with two API keys, key A sends batches of 50 notes (and then batches of long
documents) without pause while key B sends single notes one after another; B's latency is
printed beside two notes' in-process checking time from the same run (target: p99 wait no
more), and beside two notes' checking time under the same load, from A's batches meanwhile.
The concurrency-8 p99 is printed beside its queueing floor, (8 / workers) x the in-process
time per note (target: within 1.25x).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time

import httpx
from local_server import local_server
from notes import notes

from vblint import Linter
from vblint_server.keys import hash_key

FAIR_KEYS = {
    "batch-system": "vbk_benchmark_batch_key_0001",
    "case-worker": "vbk_benchmark_note_0002",
}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def run_load(
    url: str, texts: list[str], concurrency: int, total: int, health: list[float] | None = None
) -> dict[str, float]:
    """Latency percentiles and requests/s for ``total`` requests, ``concurrency`` at a time.

    Like a case-management system, the client keeps its connections open: each level first
    sends a warm-up round on the same client (connections made, not measured), then the
    measured requests.
    """
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def send(queue: asyncio.Queue[str], record: bool) -> None:
            while not queue.empty():
                text = queue.get_nowait()
                started = time.perf_counter()
                r = await client.post("/v1/check", json={"text": text})
                if record:
                    latencies.append(time.perf_counter() - started)
                if r.status_code != 200:
                    raise RuntimeError(f"status {r.status_code}")

        async def probe(queue: asyncio.Queue[str]) -> None:
            async with httpx.AsyncClient(base_url=url, timeout=10) as own:
                while not queue.empty():
                    started = time.perf_counter()
                    await own.get("/healthz")
                    if health is not None:
                        health.append(time.perf_counter() - started)
                    await asyncio.sleep(0.05)

        def fill(count: int) -> asyncio.Queue[str]:
            queue: asyncio.Queue[str] = asyncio.Queue()
            for i in range(count):
                queue.put_nowait(texts[i % len(texts)])
            return queue

        warm = fill(concurrency * 3)
        await asyncio.gather(*(send(warm, False) for _ in range(concurrency)))
        queue = fill(total)
        started = time.perf_counter()
        probes = [probe(queue)] if health is not None else []
        await asyncio.gather(*(send(queue, True) for _ in range(concurrency)), *probes)
        elapsed = time.perf_counter() - started
    return {
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "rps": len(latencies) / elapsed,
    }


async def fairness(
    url: str, texts: list[str], documents: list[dict[str, str]], count: int, workers: int = 2
) -> dict[str, float]:
    """Key B's latency for ``count`` single notes while key A sends ``documents`` as batches.

    Also a note's checking time under the same load, at the same moment: the check processes'
    time over A's batches that ran while B sent notes, shared out over the documents and notes
    checked in it.
    """

    def client(name: str) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {FAIR_KEYS[name]}"}
        return httpx.AsyncClient(base_url=url, headers=headers, timeout=600)

    latencies: list[float] = []
    notes_done: list[float] = []
    spans: list[tuple[float, float]] = []
    done = asyncio.Event()

    async def batch_sender() -> None:
        async with client("batch-system") as a:
            while not done.is_set():
                started = time.perf_counter()
                r = await a.post("/v1/check/batch", json={"documents": documents})
                if r.status_code != 200:
                    raise RuntimeError(f"batch status {r.status_code}")
                spans.append((started, time.perf_counter()))

    async def note_sender() -> None:
        async with client("case-worker") as b:
            if documents:
                await asyncio.sleep(1.0)  # the batches are queued and being checked
            for i in range(count):
                started = time.perf_counter()
                r = await b.post("/v1/check", json={"text": texts[i % len(texts)]})
                latencies.append(time.perf_counter() - started)
                notes_done.append(time.perf_counter())
                if r.status_code != 200:
                    raise RuntimeError(f"status {r.status_code}")
        done.set()

    senders = [asyncio.create_task(batch_sender()) for _ in range(2 if documents else 0)]
    await note_sender()
    await asyncio.gather(*senders)
    # A's batches, each from when it began to be checked: the two senders' requests overlap
    # (the second waits for the first at the per-key gate for heavy requests), so a batch's
    # checking begins when it was sent or when the one before it ended, whichever is later.
    runs, previous = [], 0.0
    for a, b in sorted(spans, key=lambda span: span[1]):
        runs.append((max(a, previous), b))
        previous = b
    if notes_done:  # those checked wholly while B sent notes
        runs = [(a, b) for a, b in runs if a >= notes_done[0] - latencies[0]]
        runs = [(a, b) for a, b in runs if b <= notes_done[-1]]
    busy = sum(b - a for a, b in runs)
    checked = len(documents) * len(runs) + sum(
        any(a <= t <= b for a, b in runs) for t in notes_done
    )
    return {
        "p50": percentile(latencies, 50) * 1000,
        "p99": percentile(latencies, 99) * 1000,
        "batches": len(spans),
        "per_note": workers * busy / checked * 1000 if checked else float("nan"),
    }


def fairness_report(workers: int, texts: list[str], local: float, count: int) -> None:
    """Print key B's note latency while key A sends batches, beside two notes' check time."""
    stored = {name: hash_key(key) for name, key in FAIR_KEYS.items()}
    env = {"VBLINT_API_KEYS": json.dumps(stored)}
    long_doc = " ".join(texts[:26])  # about 39,000 characters, like the batches
    loads = {
        "batches of 50 notes": [{"id": str(i), "text": texts[i]} for i in range(50)],
        f"batches of 4 documents of {len(long_doc):,} chars": [
            {"id": str(i), "text": long_doc} for i in range(4)
        ],
    }
    two_notes = 2 * 1000 / local
    with local_server(workers, env) as (url, _):
        asyncio.run(fairness(url, texts, loads["batches of 50 notes"][:4], 10))  # warm-up
        print(f"fairness, {workers} workers: key B's single notes while key A sends batches")
        print(f"  two notes' in-process checking time (baseline, this run): {two_notes:.1f} ms")
        for label, documents in loads.items():
            # B alone just before, so that B's own time is measured under today's conditions
            alone = asyncio.run(fairness(url, texts, [], count // 2))
            s = asyncio.run(fairness(url, texts, documents, count, workers))
            # B's wait: its latency less one note of its own, unloaded
            wait50, wait99 = s["p50"] - alone["p50"], s["p99"] - alone["p50"]
            print(
                f"  {label}: B p50 {s['p50']:.1f} ms, p99 {s['p99']:.1f} ms; B alone just "
                f"before: p50 {alone['p50']:.1f} ms; A batches done {s['batches']:.0f}\n"
                f"    B's wait p50 {wait50:.1f} ms, p99 {wait99:.1f} ms = "
                f"{wait99 / two_notes:.2f}x two notes in-process, "
                f"{wait99 / (2 * alone['p50']):.2f}x two of B's own notes (target: at most 1)"
            )
            if len(documents) == 50:
                # The same figure against the load of this very moment: the machine's other
                # work slows the in-process baseline and the service alike.
                under = s["p99"] - s["per_note"]
                print(
                    f"    a note's checking time under this load: {s['per_note']:.1f} ms; "
                    f"B's p99 less one such note {under:.1f} ms = "
                    f"{under / (2 * s['per_note']):.2f}x two such notes (target: at most 1)"
                )


def in_process(texts: list[str], rounds: int) -> float:
    linter = Linter()
    for text in texts[:20]:
        linter.check(text)
    started = time.perf_counter()
    count = 0
    for _ in range(rounds):
        for text in texts:
            linter.check(text)
            count += 1
    return count / (time.perf_counter() - started)


def _in_process_worker(args: tuple[list[str], int]) -> float:
    return in_process(*args)


def in_process_parallel(texts: list[str], rounds: int, processes: int) -> float:
    """Total notes/s of ``processes`` Linters checking at once, every core busy as in HTTP."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        return sum(pool.map(_in_process_worker, [(texts, rounds)] * processes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=800, help="per concurrency level")
    parser.add_argument("--fair-notes", type=int, default=200, help="key B's notes per load")
    parser.add_argument(
        "--fairness-only", action="store_true", help="only the fairness figure (and its baseline)"
    )
    args = parser.parse_args()
    texts = notes(100)
    words = statistics.mean(len(t.split()) for t in texts)
    cores = os.cpu_count() or 1
    print(f"{len(texts)} invented notes, {words:.0f} words each on average; {cores} CPU cores")

    local = in_process(texts, rounds=3)
    print(f"in-process Linter (1 core): {local:.1f} notes/s ({1000 / local:.1f} ms per note)")
    if args.fairness_only:
        fairness_report(args.workers, texts, local, args.fair_notes)
        return
    both = in_process_parallel(texts, 3, args.workers)
    print(
        f"in-process, {args.workers} processes at once: {both:.1f} notes/s "
        f"({both / args.workers:.1f} per process)"
    )

    with local_server(args.workers) as (url, _):
        asyncio.run(run_load(url, texts, 8, 100))  # warm-up
        print(f"HTTP, {args.workers} workers, {args.requests} requests per level:")
        print(
            "concurrency    p50 ms    p95 ms    p99 ms    req/s   per core vs in-process "
            "(1 process / all at once)"
        )
        health: list[float] = []
        p99: dict[int, float] = {}
        for concurrency in (1, 8, 32):
            probe = health if concurrency == 32 else None
            s = asyncio.run(run_load(url, texts, concurrency, args.requests, probe))
            p99[concurrency] = s["p99"]
            busy = min(args.workers, cores, concurrency)
            per_core = s["rps"] / busy
            print(
                f"{concurrency:>11} {s['p50']:>9.1f} {s['p95']:>9.1f} {s['p99']:>9.1f} "
                f"{s['rps']:>8.1f}   {per_core / local:>6.0%} / {s['rps'] / both:>4.0%}"
            )
        # The queueing floor: 8 requests shared by the processes wait for 8 / processes notes.
        floor = 8 / args.workers * 1000 / local
        floor_busy = 8 / args.workers * 1000 / (both / args.workers)
        print(
            f"concurrency 8 p99 {p99[8]:.1f} ms against its floor, (8 / {args.workers}) x the "
            f"in-process time per note: {floor:.1f} ms (1 process) = {p99[8] / floor:.2f}x; "
            f"{floor_busy:.1f} ms ({args.workers} processes at once) = "
            f"{p99[8] / floor_busy:.2f}x (target: at most 1.25x)"
        )
        with httpx.Client(base_url=url) as client:
            healthz = []
            for _ in range(50):
                started = time.perf_counter()
                client.get("/healthz")
                healthz.append((time.perf_counter() - started) * 1000)
        print(f"/healthz idle: p50 {percentile(healthz, 50):.1f} ms")
        probes = [h * 1000 for h in health]
        print(
            f"/healthz during the concurrency-32 run ({len(probes)} probes): p50 "
            f"{percentile(probes, 50):.1f} ms, p99 {percentile(probes, 99):.1f} ms, "
            f"max {max(probes):.1f} ms"
        )
    fairness_report(args.workers, texts, local, args.fair_notes)


if __name__ == "__main__":
    main()  # the spawn pool re-imports this module; main() runs only here
