"""Sessions in any SQLAlchemy database named by URL: SQLite under the data dir by default, PostgreSQL too."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy import Column, Engine, Float, MetaData, String, Table, Text, create_engine, event, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

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

# Which shop customer a session belongs to (from the chat context or an event): follow-ups look up the
# customer's declines through it. A table of its own, so finding a customer's sessions is an index lookup.
session_customers_table = Table(
    "session_customers",
    metadata,
    Column("session_id", String(200), primary_key=True),
    Column("customer_id", String(200), primary_key=True, index=True),
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


def _link_customer(engine: Engine, session_id: str, customer_id: str):
    """An INSERT of the (session, customer) link that does nothing when it is there already."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(session_customers_table).values(session_id=session_id, customer_id=customer_id)
    return stmt.on_conflict_do_nothing()


_DDL_LOCK_KEY = 0x63617274776973  # "cartwis": serialises table creation by processes starting together


def create_tables(engine: Engine, meta: MetaData, tables: list[Table] | None = None) -> None:
    """``create_all`` that is safe when several processes start on one empty database at the same moment.

    Two workers both finding a table missing would both create it, and the slower one would fail to start.
    """
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _DDL_LOCK_KEY})
            meta.create_all(conn, tables=tables)
        return
    for attempt in range(10):
        try:
            with write_lock(engine):
                meta.create_all(engine, tables=tables)
            return
        except DBAPIError as exc:
            # "table … already exists": another process won the race; look again. "database is locked": two
            # starters on a new file both read the schema, then both try to write it, and SQLite refuses one at
            # once rather than wait (a deadlock its busy timeout does not cover); the loser tries again.
            transient = "already exists" in str(exc) or "database is locked" in str(exc)
            if attempt == 9 or not transient:
                raise
            time.sleep(0.05 * (attempt + 1))


def lock_key(session_id: str) -> int:
    """A stable signed 63-bit number for a session id: the same in every process (unlike ``hash``)."""
    return int.from_bytes(hashlib.blake2b(session_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "big") >> 1


class _FileRangeLocks:
    """Exclusive locks per key across the processes of one host: one byte of a lock file per key (POSIX lockf).

    For SQLite, where there is no row or advisory lock that outlives a statement without holding the whole
    database's write lock (which would serialise every session's turns, model calls included).
    POSIX record locks belong to the process, so threads of this process queue on an in-process lock per key
    first; the byte offset is the key itself (63 bits), so two sessions never share a byte in practice.
    """

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        # One descriptor for the store's life: closing any descriptor of the file would drop all our locks on it.
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        self._local: "weakref.WeakValueDictionary[int, threading.Lock]" = weakref.WeakValueDictionary()
        self._guard = threading.Lock()

    @contextmanager
    def hold(self, key: int) -> Iterator[None]:
        """Hold the lock of ``key`` in this process and on the file."""
        import fcntl

        with self._guard:
            local = self._local.get(key)
            if local is None:
                local = self._local[key] = threading.Lock()
        with local:
            while True:
                try:
                    fcntl.lockf(self._fd, fcntl.LOCK_EX, 1, key, os.SEEK_SET)
                    break
                except OSError as exc:
                    # The kernel sees processes, not threads: two processes each holding one key and waiting on
                    # the other's can look like a deadlock when it is not. Back off and try again.
                    if exc.errno != errno.EDEADLK:
                        raise
                    time.sleep(0.005)
            try:
                yield
            finally:
                fcntl.lockf(self._fd, fcntl.LOCK_UN, 1, key, os.SEEK_SET)

    def close(self) -> None:
        """Release the lock file."""
        os.close(self._fd)


def sqlite_file(engine: Engine) -> Path | None:
    """The engine's SQLite database file (None for other databases and in-memory SQLite)."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path)


class SQLSessionStore:
    """SessionState as JSON rows in any SQLAlchemy database (the ``SessionStore`` protocol)."""

    def __init__(self, engine: Engine):
        self.engine = engine
        path = sqlite_file(engine)
        existed = path is not None and path.exists()
        try:
            create_tables(engine, metadata, [sessions_table, session_customers_table])
            with engine.connect() as conn:  # a half-readable file fails here, at start, not in a turn
                conn.execute(select(sessions_table.c.session_id).limit(1)).all()
        except DBAPIError as exc:
            if path is None:
                raise
            from agent.db_identity import CorruptDatabaseError

            raise CorruptDatabaseError(path, str(exc.orig).splitlines()[0] if exc.orig else type(exc).__name__) from None
        #: The database file as it was at start, for readiness (None when not a SQLite file).
        self.file_watch = None
        if path is not None:
            from agent.db_identity import DatabaseFileWatch

            self.file_watch = DatabaseFileWatch(path, existed)
        self._file_locks: _FileRangeLocks | None = None
        self._lock_engine: Engine | None = None
        self._setup_guard = threading.Lock()

    def storage_problem(self) -> str | None:
        """What is wrong with the database file (deleted or replaced), or None."""
        return self.file_watch.problem() if self.file_watch is not None else None

    @contextmanager
    def lock(self, session_id: str) -> Iterator[None]:
        """Hold the session's turn lock across every process sharing this database (load → decide → save).

        PostgreSQL: a transaction-scoped advisory lock on a connection of a separate small pool, so a turn that
        holds a lock never waits for a pooled connection that other lock holders have taken (no pool deadlock);
        a crashed process's locks go with its connections. SQLite: a byte-range lock on ``<db>.locks``.
        Other databases, and SQLite in memory: this process only (the caller's in-process lock).
        """
        key = lock_key(session_id)
        dialect = self.engine.dialect.name
        if dialect == "postgresql":
            with self._locks_engine().begin() as conn:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
                yield
            return
        locks = self._sqlite_locks() if dialect == "sqlite" else None
        if locks is None:
            yield
            return
        with locks.hold(key):
            yield

    def _locks_engine(self) -> Engine:
        with self._setup_guard:
            if self._lock_engine is None:
                # Sized for the turns one process runs at once (the server's thread pool is 40).
                self._lock_engine = create_engine(self.engine.url, pool_size=5, max_overflow=60, pool_pre_ping=True)
            return self._lock_engine

    def _sqlite_locks(self) -> _FileRangeLocks | None:
        path = self.engine.url.database
        if not path or path == ":memory:" or path.startswith("file:"):
            return None
        with self._setup_guard:
            if self._file_locks is None:
                self._file_locks = _FileRangeLocks(Path(path + ".locks"))
            return self._file_locks

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
            if state.customer_id:
                conn.execute(_link_customer(self.engine, state.session_id, state.customer_id))

    def sessions_of_customer(self, customer_id: str) -> list[str]:
        """The ids of the sessions linked to a shop customer (by a chat context or an event)."""
        c = session_customers_table.c
        with self.engine.connect() as conn:
            rows = conn.execute(select(c.session_id).where(c.customer_id == customer_id).order_by(c.session_id))
            return [r[0] for r in rows]

    def count(self) -> int:
        """Number of stored sessions."""
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(sessions_table)).scalar_one())

    def close(self) -> None:
        """Release pooled connections and lock files."""
        self.engine.dispose()
        if self._lock_engine is not None:
            self._lock_engine.dispose()
        if self._file_locks is not None:
            self._file_locks.close()


def make_session_store(settings: KnowledgeSettings, engine: Engine | None = None) -> SQLSessionStore:
    """The session store named by settings (``database_url``, else SQLite under the data dir)."""
    return SQLSessionStore(engine or make_engine(database_url(settings)))
