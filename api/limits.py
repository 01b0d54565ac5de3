"""Request limits: body size (by Content-Length and by counting), message length, token-bucket rate limits."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable

from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class RateLimited(HTTPException):
    """429 with a Retry-After header naming the seconds to wait."""

    def __init__(self, scope: str, retry_after: float):
        seconds = max(1, math.ceil(retry_after))
        super().__init__(
            status_code=429,
            detail=f"rate limit exceeded for this {scope}; retry in {seconds} s",
            headers={"Retry-After": str(seconds)},
        )


class RateLimiter:
    """Token buckets per key: ``per_minute`` requests, refilled continuously, bursts up to ``per_minute``."""

    def __init__(self, per_minute: int, max_keys: int = 100_000, clock: Callable[[], float] = time.monotonic):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.max_keys = max_keys
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, last refill time)
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one token for ``key``: 0.0 when allowed, else the seconds until a token is back."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > self.max_keys:
                    self._prune(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _prune(self, now: float) -> None:
        """Forget buckets that have refilled completely: they hold no information (bounds memory)."""
        full = [k for k, (t, last) in self._buckets.items() if t + (now - last) * self.rate >= self.capacity]
        for k in full:
            del self._buckets[k]

    def __len__(self) -> int:
        return len(self._buckets)


class RateLimits:
    """The app's two limiters: turns per session and requests per client address."""

    def __init__(self, per_session: int, per_client: int):
        self.session = RateLimiter(per_session)
        self.client = RateLimiter(per_client)

    def check_session(self, session_id: str) -> None:
        """Raise 429 when this session has used up its turns."""
        wait = self.session.take(session_id)
        if wait:
            raise RateLimited("session", wait)

    def check_client(self, client: str) -> None:
        """Raise 429 when this client address has used up its requests."""
        wait = self.client.take(client)
        if wait:
            raise RateLimited("client", wait)


def check_message_length(message: str, limit: int, field: str = "message") -> None:
    """422 naming the body field when a message is longer than ``limit`` characters."""
    if len(message) > limit:
        raise RequestValidationError(
            [
                {
                    "type": "string_too_long",
                    "loc": ("body", field),
                    "msg": f"String should have at most {limit} characters (got {len(message)})",
                    "input": message[:40] + "…",  # enough to recognise, never the whole text
                    "ctx": {"max_length": limit},
                }
            ]
        )


class BodyTooLarge(HTTPException):
    """413 raised while a streamed body is counted past its limit."""

    def __init__(self, limit: int):
        super().__init__(status_code=413, detail=f"request body too large: the limit is {limit} bytes")


def _json_413(limit: int) -> tuple[Message, Message]:
    body = json.dumps({"detail": f"request body too large: the limit is {limit} bytes", "limit": limit}).encode()
    start = {
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    }
    return start, {"type": "http.response.body", "body": body}


class BodyLimitMiddleware:
    """Refuse bodies over the limit: at once by Content-Length, else while counting the chunks as they arrive.

    ``limit_for(path)`` picks the limit, so the catalog upload can be larger than a chat turn.
    """

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int]):
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            start, body = _json_413(limit)
            await send(start)
            await send(body)
            return

        counted = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal counted
            message = await receive()
            if message["type"] == "http.request":
                counted += len(message.get("body", b""))
                if counted > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            # Normally FastAPI turns it into a 413 itself; this covers bodies read outside its handlers.
            if started:
                raise
            start, body = _json_413(limit)
            await send(start)
            await send(body)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
