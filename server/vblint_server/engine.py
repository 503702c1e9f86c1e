"""The checking engine as a service worker runs it: rules here, parsing in a check process.

The worker keeps the rule packs (to validate selectors and serve ``/v1/rules``) and hands texts
to its check process (:mod:`vblint_server.checker`) one request at a time. A request that
outlasts its time limit gets 503 and the check process is ended and started again, so no
runaway parse keeps a core busy; ``/readyz`` reports "loading" until the new one is ready.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from vblint import Options
from vblint.rules import RuleSet, load_rules
from vblint_server import checker, metrics
from vblint_server.checker import Job
from vblint_server.errors import ApiError

log = logging.getLogger("vblint.server")

__all__ = ["Engine", "Job"]


class Engine:
    """One check process per worker, started in the lifespan and restarted after a timeout."""

    def __init__(self, model: str | None, timeout: float, extra_packs: Sequence[str] = ()) -> None:
        self._model = model
        self._timeout = timeout
        self._extra_packs = list(extra_packs)
        self._lock = asyncio.Lock()
        self._process: Any = None
        self._loading: asyncio.Task[None] | None = None
        self._conn: Connection | None = None
        self.rules: RuleSet | None = None
        self.model = ""
        self.state = "loading"

    def start(self) -> None:
        """Begin loading in the background; the lifespan calls this."""
        self._loading = asyncio.get_running_loop().create_task(self.load())

    async def load(self) -> None:
        """Load the rules here and the pipeline in a new check process."""
        started = time.perf_counter()
        self.state = "loading"
        try:
            if self.rules is None:
                self.rules = load_rules([*map(_path, self._extra_packs)] or None)
            self._process, conn = checker.start(self._model, self._extra_packs)
            kind, detail = await asyncio.to_thread(_receive, conn)
        except Exception as exc:
            kind, detail = "failed", type(exc).__name__
        if kind != "ready":
            self.state = "failed"
            log.error("the spaCy pipeline could not be loaded: %s", detail)
            return
        self._conn, self.model, self.state = conn, str(detail), "ready"
        log.info("pipeline %s loaded in %.2fs", self.model, time.perf_counter() - started)

    def close(self) -> None:
        """End the check process (and any load still under way)."""
        if self._loading is not None and not self._loading.done():
            self._loading.cancel()
        self._kill()

    def _kill(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(5)

    @property
    def rules_version(self) -> str:
        """The loaded rule packs' version."""
        return self.rules.version if self.rules is not None else ""

    def ready_rules(self) -> RuleSet:
        """The rules, or a 503 while the worker is still loading."""
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
            return await asyncio.wait_for(self._exchange(list(jobs)), self._timeout)
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

    async def _exchange(self, jobs: list[Job]) -> list[list[dict[str, Any]]]:
        async with self._lock:
            conn = self._conn
            if self.state != "ready" or conn is None:
                raise ApiError(503, "not_ready", "the service is restarting its checker")
            try:
                conn.send(jobs)
                kind, result = await asyncio.to_thread(_receive, conn)
            except asyncio.CancelledError:
                self._restart()  # over time: stop the parse, not just stop waiting for it
                raise
            except (EOFError, OSError):
                self._restart()
                raise ApiError(500, "internal_error", "the check process stopped") from None
        if kind != "ok":
            log.error("check failed: %s", result)
            raise ApiError(500, "internal_error", "the check failed")
        for findings in result:
            metrics.count_findings(findings)
        return list(result)

    def _restart(self) -> None:
        log.warning("restarting the check process")
        self.state = "loading"
        self._conn = None
        self._kill()
        self._loading = asyncio.get_running_loop().create_task(self.load())


def _receive(conn: Connection) -> tuple[str, Any]:
    message: tuple[str, Any] = conn.recv()
    return message


def _path(value: str) -> Any:
    from pathlib import Path

    return Path(value)
