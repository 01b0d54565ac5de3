"""Request limits: body size (by Content-Length and by counting), message length, token-bucket rate limits."""

from __future__ import annotations

import hashlib
import json
import math
import threading
import time
from collections.abc import Callable
from typing import Protocol

from fastapi import HTTPException
from fastapi.exceptions import RequestValidationError
from sqlalchemy import Boolean, Column, Engine, Float, MetaData, String, Table, case, delete
from sqlalchemy.dialects import postgresql, sqlite
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from agent.sql_store import create_tables, write_lock


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


_metadata = MetaData()
buckets_table = Table(
    "rate_limits",
    _metadata,
    Column("key", String(255), primary_key=True),
    # GCRA: the bucket is one time, the "theoretical arrival time"; it is full when that lies in the past.
    Column("tat", Float, nullable=False),
    Column("allowed", Boolean, nullable=False),  # the verdict of the last take, read back by RETURNING
)


class SharedRateLimiter:
    """Token buckets in a database table, shared by every worker and process using that database.

    The same bucket as :class:`RateLimiter` (``per_minute`` burst, continuous refill) in its GCRA form: one time
    per key, decided and updated by a single atomic ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` on SQLite
    and PostgreSQL alike, so two workers can never both spend the last token. Times are wall-clock seconds
    (``time.time``), the same in every process of a host.
    """

    def __init__(self, engine: Engine, scope: str, per_minute: int, clock: Callable[[], float] = time.time,
                 prune_every: float = 60.0):
        self.engine = engine
        self.scope = scope
        self.capacity = float(per_minute)
        self.interval = 60.0 / per_minute
        self._clock = clock
        self._prune_every = prune_every
        self._pruned_at = clock()
        self._dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
        create_tables(engine, _metadata, [buckets_table])

    def _key(self, key: str) -> str:
        full = f"{self.scope}:{key}"
        if len(full) <= 200:
            return full
        return f"{self.scope}:sha256:" + hashlib.sha256(full.encode("utf-8", "surrogatepass")).hexdigest()

    def take(self, key: str) -> float:
        """Spend one token for ``key``: 0.0 when allowed, else the seconds until a token is back."""
        now = self._clock()
        t = buckets_table.c
        start = case((t.tat > now, t.tat), else_=now)
        # A hair of slack so the last token of a burst is not lost to float rounding of large epoch times.
        ok = start + self.interval - now <= self.capacity * self.interval + 1e-6
        stmt = self._dialect.insert(buckets_table).values(key=self._key(key), tat=now + self.interval, allowed=True)
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"], set_={"tat": case((ok, start + self.interval), else_=t.tat), "allowed": ok}
        ).returning(t.tat, t.allowed)
        with write_lock(self.engine), self.engine.begin() as conn:
            tat, allowed = conn.execute(stmt).one()
            if now - self._pruned_at > self._prune_every:
                # Full buckets hold no information: dropping them bounds the table by the keys active lately.
                self._pruned_at = now
                conn.execute(delete(buckets_table).where(t.tat < now))
        if allowed:
            return 0.0
        return max(1e-3, max(tat, now) + self.interval - now - self.capacity * self.interval)

    def __len__(self) -> int:
        from sqlalchemy import func, select

        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(buckets_table)).scalar_one())


class Limiter(Protocol):
    """Spends one token per call for a key; 0.0 when allowed, else the seconds to wait."""

    def take(self, key: str) -> float:
        """Spend one token for ``key``."""
        ...


class RateLimits:
    """The app's two limiters: turns per session and requests per client address.

    With an engine the buckets live in its database, shared by every worker and process on it; without one,
    in this process's memory (one process only).
    """

    def __init__(self, per_session: int, per_client: int, engine: Engine | None = None):
        self.session: Limiter
        self.client: Limiter
        if engine is None:
            self.session, self.client = RateLimiter(per_session), RateLimiter(per_client)
        else:
            self.session = SharedRateLimiter(engine, "session", per_session)
            self.client = SharedRateLimiter(engine, "client", per_client)

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
