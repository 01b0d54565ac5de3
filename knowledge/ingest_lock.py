"""One ingest at a time per data dir, across processes: an exclusive ``flock`` on ``<data dir>/ingest.lock``.

The kernel drops a ``flock`` when its holder dies (even by SIGKILL), so a crashed ingest never leaves the data
dir locked.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How often a waiting ingest tries the lock again.
POLL_S = 0.1


class IngestBusyError(RuntimeError):
    """Another ingest holds the data dir's lock."""

    def __init__(self, path: Path, waited: float):
        self.path = path
        super().__init__(
            f"another ingest is running into this data dir (lock {path} held"
            + (f" for {waited:g} s" if waited else "")
            + "); wait for it to finish and try again"
        )


# flock locks belong to an open file, so two threads of one process would each get their own; this keeps
# threads of one process in line too.
_LOCAL = threading.Lock()


@contextmanager
def ingest_lock(path: Path, wait_s: float = 0.0, on_wait=None) -> Iterator[None]:
    """Hold the ingest lock at ``path``, waiting up to ``wait_s`` (``on_wait()`` is called once if it has to)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_s
    got = _LOCAL.acquire(timeout=wait_s) if wait_s > 0 else _LOCAL.acquire(blocking=False)
    if not got:
        raise IngestBusyError(path, wait_s)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            told = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IngestBusyError(path, wait_s) from None
                    if not told and on_wait is not None:
                        on_wait()
                        told = True
                    time.sleep(POLL_S)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())  # who holds it, for a curious operator
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
    finally:
        _LOCAL.release()
