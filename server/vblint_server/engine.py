"""The checking engine as the service runs it: rules here, parsing in a pool of check processes.

The service keeps the rule packs (to validate selectors and serve ``/v1/rules``) and hands texts
to its check processes (:mod:`vblint_server.pool`). A request that outlasts its time limit gets
503 and the check process working on it is ended and started again, so no runaway parse keeps a
core busy. ``/readyz`` says ready once every check process has loaded, and from then on while
any of them is ready.
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
from vblint_server.pool import Pool

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
    ) -> None:
        self._timeout = timeout
        self._extra_packs = list(extra_packs)
        self._pool = Pool(workers, model, self._extra_packs)
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

    async def run(self, jobs: Sequence[Job]) -> list[list[dict[str, Any]]]:
        """Findings (as JSON-ready dicts) for each job, within the time limit."""
        self.ready_rules()
        started = time.perf_counter()
        try:
            return await self._pool.check(jobs, self._timeout)
        except TimeoutError:
            metrics.CHECK_TIMEOUTS.inc()
            raise ApiError(
                503,
                "check_timeout",
                f"the check took longer than its {self._timeout:g}s limit; send a shorter "
                "text or try again",
                headers={"Retry-After": "5"},
            ) from None
        finally:
            metrics.CHECK_SECONDS.observe(time.perf_counter() - started)
