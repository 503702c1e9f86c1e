"""The checking engine as the service runs it: one ``Linter`` per worker, off the event loop.

Parsing is CPU-bound, so checks run on one dedicated thread (spaCy pipelines are not shared
between threads) and the event loop stays free for health checks and other requests. Each
check has a time limit; a check still queued when its caller gives up is cancelled before it
starts. ``Linter`` wraps every check in spaCy's ``memory_zone`` so a long-running worker does
not grow with every new word it sees.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from vblint import Linter, Options
from vblint.findings import Finding
from vblint.offsets import Encoding, LineIndex, OffsetMap
from vblint_server import markup, metrics
from vblint_server.errors import ApiError

log = logging.getLogger("vblint.server")
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Job:
    """One text to check, with its options, as the router resolved them."""

    text: str
    format: str
    options: Options
    encoding: Encoding


class Engine:
    """Loads the pipeline once and runs checks with a time limit."""

    def __init__(self, model: str | None, timeout: float, extra_packs: Sequence[str] = ()) -> None:
        self._model = model
        self._extra_packs = list(extra_packs)
        self._timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vblint-check")
        self.linter: Linter | None = None
        self.state = "loading"
        self.load_seconds = 0.0

    async def load(self) -> None:
        """Load the pipeline on the check thread; /readyz turns ready when this ends."""
        started = time.perf_counter()
        try:
            self.linter = await asyncio.get_running_loop().run_in_executor(
                self._pool, lambda: Linter(model=self._model, extra_packs=self._extra_packs)
            )
        except Exception as exc:  # the reason goes to the log; /readyz reports "failed"
            self.state = "failed"
            log.error("the spaCy pipeline could not be loaded: %s", type(exc).__name__)
            return
        self.load_seconds = time.perf_counter() - started
        self.state = "ready"
        log.info("pipeline %s loaded in %.2fs", self.model, self.load_seconds)

    def close(self) -> None:
        """Stop the check thread without waiting for a check that outlived its caller."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    @property
    def model(self) -> str:
        """Pipeline name and version, as reported in responses."""
        if self.linter is None:
            return ""
        return f"{self.linter.model}-{self.linter.model_version}"

    @property
    def rules_version(self) -> str:
        """The loaded rule packs' version."""
        return self.linter.rules.version if self.linter is not None else ""

    def ready_linter(self) -> Linter:
        """The linter, or a 503 while it is still loading."""
        if self.linter is None:
            raise ApiError(503, "not_ready", "the service is still loading its language model")
        return self.linter

    def unknown_selectors(self, options: Options) -> int:
        """How many select/ignore entries name no rule, rule name or category."""
        return len(options.unknown_keys(self.ready_linter().rules))

    async def run(self, jobs: Sequence[Job]) -> list[list[dict[str, Any]]]:
        """Findings (as JSON-ready dicts) for each job, within the time limit."""
        linter = self.ready_linter()
        return await self._call(lambda: [_check(linter, job) for job in jobs])

    async def _call(self, work: Callable[[], T]) -> T:
        future = asyncio.get_running_loop().run_in_executor(self._pool, work)
        started = time.perf_counter()
        try:
            return await asyncio.wait_for(future, self._timeout)
        except TimeoutError:
            metrics.CHECK_TIMEOUTS.inc()
            raise ApiError(
                503,
                "check_timeout",
                f"the check took longer than its {self._timeout:g}s limit; send a shorter "
                "text or try again",
                headers={"Retry-After": "5"},
            ) from None
        except ApiError:
            raise
        except Exception as exc:
            # Only the type: exception messages from parsing can quote the text.
            log.error("check failed: %s", type(exc).__name__)
            raise ApiError(500, "internal_error", "the check failed") from None
        finally:
            metrics.CHECK_SECONDS.observe(time.perf_counter() - started)


def _check(linter: Linter, job: Job) -> list[dict[str, Any]]:
    """Runs on the check thread: parse, map offsets back, convert units."""
    if job.format == "text":
        findings = linter.check(job.text, job.options)
    else:
        prose = (markup.html_prose if job.format == "html" else markup.markdown_prose)(job.text)
        lines = LineIndex(job.text)
        findings = [
            prose.to_source(f, job.text, lines) for f in linter.check(prose.text, job.options)
        ]
    metrics.count_findings(findings)
    return _to_units(job.text, findings, job.encoding)


def _to_units(text: str, findings: list[Finding], encoding: Encoding) -> list[dict[str, Any]]:
    offsets = OffsetMap(text)
    out = []
    for finding in findings:
        data = finding.to_dict()
        data["start"] = offsets.to_units(finding.start, encoding)
        data["end"] = offsets.to_units(finding.end, encoding)
        out.append(data)
    return out
