"""Running the pieces on Dask: an embedded LocalCluster, an existing cluster, or synchronous.

The embedded cluster has one single-threaded worker process per core, listens on loopback
only, keeps its scratch space in a directory the audit removes, and never spills to disk.
On an existing cluster (``--scheduler ADDRESS``) a worker plugin switches spilling off and
loads the pipeline on every worker before the first piece. Results arrive as pieces finish.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import dask
from dask.delayed import delayed
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from vblint.audit.counts import PieceResult
from vblint.audit.pieces import Piece
from vblint.audit.tasks import TaskOptions, audit_piece, preload, switch_off_spilling

SYNCHRONOUS = "synchronous"
# Workers keep everything in memory and spend no time sampling their own stacks.
WORKER_CONFIG = {
    "distributed.worker.memory.target": False,
    "distributed.worker.memory.spill": False,
    "distributed.worker.memory.max-spill": False,
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.work-stealing": True,
    "distributed.worker.daemon": False,
}


@dataclass(frozen=True)
class EngineOptions:
    """Where pieces run: ``workers`` local processes, or a scheduler address/``synchronous``."""

    workers: int | None = None
    scheduler: str | None = None
    local_directory: str | None = None


def cores() -> int:
    """Cores this process may use (the affinity mask where there is one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


class AuditWorker(WorkerPlugin):
    """Readies each worker: spilling off, the pipeline loaded once, before any piece."""

    name = "vblint-audit"

    def __init__(self, options: TaskOptions) -> None:
        self.options = options

    def setup(self, worker: Any) -> None:
        """Runs on every worker when it joins."""
        switch_off_spilling(worker)
        preload(self.options.settings)


class Engine:
    """A context that starts (or joins) the cluster and yields results as pieces finish."""

    def __init__(self, options: EngineOptions, task: TaskOptions) -> None:
        self.options = options
        self.task = task
        self.client: Client | None = None
        self.cluster: LocalCluster | None = None
        self.workers = 0

    def __enter__(self) -> Engine:
        if self.options.scheduler == SYNCHRONOUS:
            self.workers = 1
            return self
        with dask.config.set(WORKER_CONFIG):
            if self.options.scheduler:
                self.client = Client(self.options.scheduler, set_as_default=False)
            else:
                self.workers = self.options.workers or cores()
                self.cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    scheduler_port=0,
                    dashboard_address="127.0.0.1:0",  # loopback, any free port
                    silence_logs=logging.ERROR,
                    local_directory=self.options.local_directory,
                )
                self.client = Client(self.cluster, set_as_default=False)
            self.client.register_plugin(AuditWorker(self.task))
            if self.cluster is None:
                self.workers = len(self.client.scheduler_info(n_workers=-1)["workers"])
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def results(self, pieces: Sequence[Piece]) -> Iterator[PieceResult]:
        """One result per piece, in the order they finish."""
        if self.client is None:
            for piece in pieces:
                task = delayed(audit_piece, pure=False)(
                    piece, self.task, dask_key_name=f"audit-piece-{piece.index}"
                )
                yield task.compute(scheduler="synchronous")
            return
        futures = self.client.map(
            audit_piece,
            list(pieces),
            options=self.task,
            key=[f"audit-piece-{p.index}" for p in pieces],
            pure=False,
        )
        index = {f.key: p.index for f, p in zip(futures, pieces, strict=True)}
        try:
            for future in as_completed(futures, loop=self.client.loop):
                try:
                    result: PieceResult = future.result()
                except Exception as exc:  # a worker that died: the piece is a named problem
                    result = PieceResult(index[future.key])
                    result.problem("piece", f"its worker stopped ({exc.__class__.__name__})")
                future.release()
                yield result
        finally:
            for future in futures:
                if not future.done():
                    future.cancel()
