"""Conversation state persisted in SQLite, so a restart forgets nothing."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path
from typing import Protocol

from agent.types import SessionState


class SessionStore(Protocol):
    """Loads and saves one SessionState per session id."""

    def load(self, session_id: str) -> SessionState:
        """The session's state (a fresh one when unknown)."""
        ...

    def save(self, state: SessionState) -> None:
        """Persist the session's state."""
        ...


class SQLiteSessionStore:
    """SessionState as JSON rows in a SQLite file (WAL, one connection guarded by a lock)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # One shared connection: sqlite3 serialises writers anyway, and the lock keeps threads from
        # interleaving statements on it (uvicorn runs sync routes in a thread pool).
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS sessions ("
                " session_id TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at REAL NOT NULL)"
            )

    def load(self, session_id: str) -> SessionState:
        """The session's state (a fresh one when unknown)."""
        with self._lock:
            row = self._conn.execute("SELECT state FROM sessions WHERE session_id = ?", (session_id,)).fetchone()
        if row is None:
            return SessionState(session_id=session_id)
        return SessionState.model_validate_json(row[0])

    def save(self, state: SessionState) -> None:
        """Persist the session's state (insert or replace)."""
        payload = state.model_dump_json()
        with self._lock:
            self._conn.execute(
                "INSERT INTO sessions(session_id, state, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT(session_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (state.session_id, payload, time.time()),
            )

    def count(self) -> int:
        """Number of stored sessions."""
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0])

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
