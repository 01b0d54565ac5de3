"""The bounded thread pool shopper turns run in, apart from the event loop and from anyio's shared pool.

A turn is blocking work (embedding search, model calls, SQL). Run in anyio's default pool it competed with
every other sync handler: sixty turns waiting on a hung model held all forty threads and /healthz waited
12.6 s. Here turns get their own ``workers`` threads; the event loop stays free for the probes, and a turn
that queues for a worker spends its own deadline (started on arrival) doing so.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

R = TypeVar("R")


class TurnPool:
    """A fixed number of worker threads for shopper turns (and a small separate one for readiness checks)."""

    def __init__(self, workers: int, probe_workers: int = 2):
        if workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        self._turns = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="cartwise-turn")
        # Readiness touches the index and the database: blocking, but it must never queue behind turns.
        self._probes = ThreadPoolExecutor(max_workers=probe_workers, thread_name_prefix="cartwise-probe")

    async def run(self, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        """Run ``fn`` in a turn worker and await its result (context variables travel with it)."""
        return await self._submit(self._turns, fn, *args, **kwargs)

    async def probe(self, fn: Callable[..., R], *args: Any) -> R:
        """Run a readiness check in the probe workers."""
        return await self._submit(self._probes, fn, *args)

    @staticmethod
    async def _submit(executor: ThreadPoolExecutor, fn: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        ctx = contextvars.copy_context()
        call = functools.partial(ctx.run, fn, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(executor, call)

    def shutdown(self) -> None:
        """Stop taking work; queued turns are cancelled, running ones finish on their own."""
        self._turns.shutdown(wait=False, cancel_futures=True)
        self._probes.shutdown(wait=False, cancel_futures=True)
