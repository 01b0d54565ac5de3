"""Sessions in any SQLAlchemy database named by URL: SQLite under the data dir by default, PostgreSQL too."""

from __future__ import annotations

import json
import threading
import time
import weakref
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import Column, Engine, Float, MetaData, String, Table, Text, create_engine, event, select
from sqlalchemy.dialects import postgresql, sqlite

from agent.types import SessionState
from knowledge.settings import KnowledgeSettings

metadata = MetaData()

sessions_table = Table(
    "sessions",
    metadata,
    Column("session_id", String(200), primary_key=True),
    Column("state", Text, nullable=False),
    Column("updated_at", Float, nullable=False),
)


def database_url(settings: KnowledgeSettings) -> str:
    """``settings.database_url``, or a SQLite file under the data dir when unset."""
    if settings.database_url:
        return settings.database_url
    return f"sqlite:///{Path(settings.sqlite_path).resolve()}"


def make_engine(url: str) -> Engine:
    """An engine for ``sqlite:///…`` or ``postgresql://…`` (psycopg 3), tuned for a threaded web server."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        # Plain postgresql:// would pick psycopg2; psycopg 3 is what we ship.
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=False)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # WAL lets readers run while one writer commits
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


_SQLITE_WRITE_LOCKS: "weakref.WeakKeyDictionary[Engine, threading.Lock]" = weakref.WeakKeyDictionary()
_LOCKS_GUARD = threading.Lock()


def write_lock(engine: Engine) -> AbstractContextManager:
    """Serialises writes to a SQLite engine inside this process; a no-op for servers such as PostgreSQL.

    SQLite allows one writer at a time and makes the others sleep and retry with growing back-off, which under
    50 concurrent sessions gave a few turns multi-second waits (measured). Queueing writers on a lock instead
    hands the file over as soon as it is free.
    """
    if engine.dialect.name != "sqlite":
        return nullcontext()
    with _LOCKS_GUARD:
        lock = _SQLITE_WRITE_LOCKS.get(engine)
        if lock is None:
            lock = _SQLITE_WRITE_LOCKS[engine] = threading.Lock()
    return lock


def _upsert(engine: Engine, table: Table, values: dict, key: str):
    """An INSERT … ON CONFLICT DO UPDATE for the engine's dialect."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(table).values(**values)
    return stmt.on_conflict_do_update(
        index_elements=[key], set_={k: stmt.excluded[k] for k in values if k != key}
    )


class SQLSessionStore:
    """SessionState as JSON rows in any SQLAlchemy database (the ``SessionStore`` protocol)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        metadata.create_all(engine, tables=[sessions_table])

    @classmethod
    def from_url(cls, url: str) -> "SQLSessionStore":
        """Open (and create if needed) the sessions table at ``url``."""
        return cls(make_engine(url))

    def load(self, session_id: str) -> SessionState:
        """The session's state (a fresh one when unknown)."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(sessions_table.c.state).where(sessions_table.c.session_id == session_id)
            ).first()
        if row is None:
            return SessionState(session_id=session_id)
        try:
            return SessionState.model_validate_json(row[0])
        except ValidationError:
            # Rows saved before context extras were dropped can nest past the JSON parser's depth limit; the
            # standard reader takes them, and validation drops the extras.
            return SessionState.model_validate(json.loads(row[0]))

    def save(self, state: SessionState) -> None:
        """Persist the session's state (insert or replace)."""
        values = {"session_id": state.session_id, "state": state.model_dump_json(), "updated_at": time.time()}
        with write_lock(self.engine), self.engine.begin() as conn:
            conn.execute(_upsert(self.engine, sessions_table, values, "session_id"))

    def count(self) -> int:
        """Number of stored sessions."""
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(sessions_table)).scalar_one())

    def close(self) -> None:
        """Release pooled connections."""
        self.engine.dispose()


def make_session_store(settings: KnowledgeSettings, engine: Engine | None = None) -> SQLSessionStore:
    """The session store named by settings (``database_url``, else SQLite under the data dir)."""
    return SQLSessionStore(engine or make_engine(database_url(settings)))
