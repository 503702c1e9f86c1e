"""The checking engine as the service runs it: rules here, parsing in a pool of check processes.

The service keeps the rule packs (to validate selectors and serve ``/v1/rules``) and hands texts
to its check processes (:mod:`vblint_server.pool`). A document whose check outlasts its time
limit fails alone (503 for ``/v1/check``, an error entry in a batch) and the check process
working on it is ended, a loaded spare taking its place, so no runaway parse keeps a core busy
and the service stays ready. ``/readyz`` says ready once every check process has loaded, and
from then on while any of them is ready. A heavy request (a long document, or a batch that is
long in all) waits for one of its key's ``heavy_per_key`` places first.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vblint import Options
from vblint.rules import RuleSet, load_rules
from vblint_server import metrics
from vblint_server.checker import Job
from vblint_server.errors import ApiError
from vblint_server.limits import HeavyGate
from vblint_server.pool import Outcome, Pool

log = logging.getLogger("vblint.server")

__all__ = ["Engine", "Job"]


class Engine:
    """The rule packs and ``workers`` check processes, started in the app's lifespan."""

    def __init__(
        self,
        model: str | None,
        timeout: float,
        extra_packs: Sequence[str] = (),
        workers: int = 1,
        *,
        spares: int = 1,
        heavy_chars: int = 10_000,
        heavy_per_key: int = 1,
    ) -> None:
        self._extra_packs = list(extra_packs)
        self._pool = Pool(workers, model, self._extra_packs, timeout=timeout, spares=spares)
        self._heavy_chars = heavy_chars
        self._heavy = HeavyGate(heavy_per_key)
        self._starting: asyncio.Task[None] | None = None
        self._failed = False
        self._up = False  # every check process has loaded (or failed) once
        self.rules: RuleSet | None = None

    def start(self) -> None:
        """Begin loading in the background; the lifespan calls this."""
        self._starting = asyncio.get_running_loop().create_task(self._start())

    async def _start(self) -> None:
        started = time.perf_counter()
        try:
            self.rules = load_rules([Path(p) for p in self._extra_packs] or None)
        except Exception as exc:
            self._failed = True
            log.error("the rule packs could not be loaded: %s", type(exc).__name__)
            return
        self._pool.start()
        while self._pool.loading:
            await asyncio.sleep(0.05)
        self._up = True
        if self._pool.state == "ready":
            log.info("pipeline %s loaded in %.2fs", self.model, time.perf_counter() - started)

    def close(self) -> None:
        """End the check processes (and any start-up still under way)."""
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()
        self._pool.close()

    @property
    def state(self) -> str:
        """The state ``/readyz`` reports: "loading", "ready" or "failed".

        "loading" until every check process has loaded once; then "ready" while any of them can
        take work, so one restarting after a timeout leaves the others serving.
        """
        if self._failed:
            return "failed"
        return self._pool.state if self._up else "loading"

    @property
    def model(self) -> str:
        """The spaCy pipeline's name and version."""
        return self._pool.model

    @property
    def workers(self) -> tuple[int, int]:
        """(ready, total) check processes."""
        return self._pool.ready, len(self._pool.slots)

    @property
    def spares(self) -> int:
        """Loaded spare check processes, ready to replace one that is ended."""
        return self._pool.spares_ready

    @property
    def rules_version(self) -> str:
        """The loaded rule packs' version."""
        return self.rules.version if self.rules is not None else ""

    def ready_rules(self) -> RuleSet:
        """The rules, or a 503 while no check process is ready."""
        if self.state != "ready" or self.rules is None:
            raise ApiError(503, "not_ready", "the service is still loading its language model")
        return self.rules

    def unknown_selectors(self, options: Options) -> int:
        """How many select/ignore entries name no rule, rule name or category."""
        return len(options.unknown_keys(self.ready_rules()))

    def heavy(self, jobs: Sequence[Job]) -> bool:
        """A long document, or documents that are long together."""
        return sum(len(job.text) for job in jobs) >= self._heavy_chars

    async def run(self, jobs: Sequence[Job], key: str = "") -> list[list[dict[str, Any]]]:
        """Findings (as JSON-ready dicts) for each job; the first job's error if any failed."""
        findings = []
        for outcome in await self.run_each(jobs, key):
            if isinstance(outcome, ApiError):
                raise outcome
            findings.append(outcome)
        return findings

    async def run_each(self, jobs: Sequence[Job], key: str = "") -> list[Outcome]:
        """Findings, or the error (``check_timeout``, ``internal_error``), for each job.

        Heavy requests wait for one of their key's places; each long document goes to the
        heavy lane, which leaves a check process free for notes.
        """
        self.ready_rules()
        started = time.perf_counter()
        try:
            if not self.heavy(jobs):
                return await self._pool.check(jobs, key)
            async with self._heavy.enter(key):
                light = [i for i, job in enumerate(jobs) if len(job.text) < self._heavy_chars]
                long = [i for i, job in enumerate(jobs) if len(job.text) >= self._heavy_chars]
                outcomes: list[Outcome | None] = [None] * len(jobs)
                parts = await asyncio.gather(
                    self._pool.check([jobs[i] for i in light], key),
                    self._pool.check([jobs[i] for i in long], key, heavy=True),
                )
                for where, found in zip((light, long), parts, strict=True):
                    for i, outcome in zip(where, found, strict=True):
                        outcomes[i] = outcome
                return [o for o in outcomes if o is not None]
        finally:
            metrics.CHECK_SECONDS.observe(time.perf_counter() - started)
