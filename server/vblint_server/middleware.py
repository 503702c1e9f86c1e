"""The ASGI layer every request passes through: body limit, headers, metrics, access log.

The body is read (up to the limit) before the app sees it, so an oversized request is refused
with 413 whether or not it declared its length. Our own access log records the route template,
never the path or query string, because a path can carry text (``/v1/rules/<anything>``);
uvicorn's access log is switched off for that reason. Anything that escapes the app becomes a
JSON 500 with only the exception's type logged.
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vblint_server import metrics

access_log = logging.getLogger("vblint.access")
log = logging.getLogger("vblint.server")

SECURITY_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"pragma", b"no-cache"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]
METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


def _error(status: int, code: str, message: str) -> tuple[Message, Message]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), *SECURITY_HEADERS],
    }
    return start, {"type": "http.response.body", "body": body}


class Envelope:
    """Wraps the app: limits, headers, metrics and a text-free access log."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one request or pass other ASGI traffic straight through."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state: dict[str, Any] = {"status": 500, "sent": False}

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["sent"] = True
                message["headers"] = [
                    *(h for h in message.get("headers", []) if h[0] != b"cache-control"),
                    *SECURITY_HEADERS,
                ]
            await send(message)

        try:
            replay = await self._read_body(scope, receive)
            if replay is None:
                for message in _error(
                    413, "payload_too_large", f"the body is over {self.max_body_bytes} bytes"
                ):
                    await send_wrapped(message)
            else:
                await self.app(scope, replay, send_wrapped)
        except Exception as exc:
            log.error("unhandled error: %s", type(exc).__name__)
            if not state["sent"]:
                for message in _error(500, "internal_error", "the request failed"):
                    await send_wrapped(message)
        finally:
            self._record(scope, state["status"], time.perf_counter() - started)

    async def _read_body(self, scope: Scope, receive: Receive) -> Receive | None:
        """A receive that replays the whole body, or None when the body is too large.

        Bytes are counted as they arrive, so a chunked body (no length declared) is refused
        as surely as one that declared its length. An oversized body is read on, and thrown
        away, up to :meth:`drain_bytes` more, so that the client, still sending, reads the 413
        instead of having its connection reset when ours closes with its bytes unread.
        """
        if scope["method"] not in METHODS_WITH_BODY:
            return receive
        for name, value in scope["headers"]:
            if (
                name == b"content-length"
                and value.isdigit()
                and int(value) > self.max_body_bytes + self.drain_bytes
            ):
                return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            more = message.get("more_body", False)
            if size > self.max_body_bytes:
                if more:
                    await self._drain(receive, size - self.max_body_bytes)
                return None
            chunks.append(chunk)
            if not more:
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay

    @property
    def drain_bytes(self) -> int:
        """How much of an oversized body is read and dropped before answering 413."""
        return max(self.max_body_bytes, 1_000_000)

    async def _drain(self, receive: Receive, already: int) -> None:
        """Read and drop the rest of an oversized body, up to :meth:`drain_bytes`."""
        dropped = already
        while dropped <= self.drain_bytes:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            dropped += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    @staticmethod
    def _record(scope: Scope, status: int, seconds: float) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        method = scope["method"]
        metrics.REQUESTS.labels(template, method, str(status)).inc()
        metrics.LATENCY.labels(template).observe(seconds)
        key = scope.get("state", {}).get("key_name", "-")
        access_log.info("%s %s %d %.1fms key=%s", method, template, status, seconds * 1000, key)
