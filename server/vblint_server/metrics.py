"""Prometheus metrics: counts, latencies and findings by rule; never any text.

Labels are only route templates, methods, status codes, rule ids and categories, so nothing a
caller sends can appear in a metric. The service is one process (its check processes only
parse), so the default registry holds everything.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY

REQUESTS = Counter(
    "vblint_http_requests_total",
    "HTTP requests by route, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "vblint_http_request_duration_seconds",
    "HTTP request latency by route.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
FINDINGS = Counter(
    "vblint_findings_total", "Findings reported, by rule and category.", ["rule", "category"]
)
CHECK_SECONDS = Histogram(
    "vblint_check_duration_seconds",
    "Time spent waiting for and running checks.",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
CHECK_TIMEOUTS = Counter("vblint_check_timeouts_total", "Checks that outlasted the time limit.")


def count_findings(findings: Iterable[dict[str, Any]]) -> None:
    """Count findings by rule id and category (labels from the rule packs only)."""
    for finding in findings:
        FINDINGS.labels(finding["rule"], finding["category"]).inc()


def render() -> tuple[bytes, str]:
    """The exposition text and its content type."""
    return generate_latest(DEFAULT_REGISTRY), CONTENT_TYPE_LATEST
