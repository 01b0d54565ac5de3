"""The session store interface: conversation state persisted (SQLite or PostgreSQL, see agent.sql_store)."""

from __future__ import annotations

from contextlib import AbstractContextManager
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

    def lock(self, session_id: str) -> AbstractContextManager:
        """Hold the session's turn lock across every process sharing the store (load → decide → save)."""
        ...
