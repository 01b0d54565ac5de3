"""One look at the rep outbox per poll for all the shopper streams a process holds.

Without it every open widget would query the database four times a second; with it the process asks once what
is new (ids and session ids only) and a stream reads its own session's messages only when one of the new rows is
its session. The database stays the only source: this is a per-app cache of the newest row ids, never a delivery
queue, so every worker sees every reply.
"""

from __future__ import annotations

import bisect
import time

import anyio

from agent.inbox_store import InboxStore

#: Newest rows kept (the list is trimmed to this when it doubles): far more than arrive between two polls.
KEEP = 5000


class OutboxWatch:
    """The newest rep message ids and their sessions, refreshed at most once per ``interval`` seconds."""

    def __init__(self, inbox: InboxStore, interval: float):
        self.inbox = inbox
        self.interval = interval
        self._ids: list[int] = []
        self._sessions: list[str] = []
        self._last_id: int | None = None
        self._fetched = 0.0
        self._lock: anyio.Lock | None = None

    async def _refresh(self) -> None:
        if self._lock is None:
            self._lock = anyio.Lock()
        async with self._lock:
            if self._last_id is not None and time.monotonic() - self._fetched < self.interval:
                return  # another stream refreshed while this one waited
            if self._last_id is None:
                self._last_id = await anyio.to_thread.run_sync(self.inbox.max_id)
            else:
                rows = await anyio.to_thread.run_sync(self.inbox.new_since, self._last_id)
                self._ids += [i for i, _ in rows]
                self._sessions += [s for _, s in rows]
                if rows:
                    self._last_id = rows[-1][0]
                if len(self._ids) > 2 * KEEP:
                    del self._ids[:-KEEP], self._sessions[:-KEEP]
            self._fetched = time.monotonic()

    async def start(self) -> int:
        """The newest id now: a stream reads its backlog after this, then asks ``changed`` from this mark on."""
        if self._last_id is None or time.monotonic() - self._fetched >= self.interval:
            await self._refresh()
        return self._last_id or 0

    async def changed(self, session_id: str, mark: int) -> tuple[bool, int]:
        """Whether the session got a message after ``mark`` (True when unsure), and the mark to pass next time."""
        if time.monotonic() - self._fetched >= self.interval:
            await self._refresh()
        last = self._last_id or 0
        if self._ids and mark < self._ids[0] - 1:
            return True, last  # older than what is kept: let the stream ask the database
        start = bisect.bisect_right(self._ids, mark)
        return session_id in self._sessions[start:], last
