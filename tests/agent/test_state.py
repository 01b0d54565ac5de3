"""Session store (SQLite by URL): state survives a restart, sessions stay apart."""

from agent.sql_store import SQLSessionStore
from agent.types import OfferRecord


def test_state_survives_restart(tmp_path):
    path = tmp_path / "s.sqlite3"
    store = SQLSessionStore.from_url(f"sqlite:///{path}")
    st = store.load("a")
    assert st.turns == [] and st.decline_count == 0
    st.offers_made.append(OfferRecord(sku="PB-10K", kind="cross_sell", turn=0))
    st.declined_skus.append("PB-10K")
    st.decline_count = 1
    store.save(st)
    store.close()
    again = SQLSessionStore.from_url(f"sqlite:///{path}").load("a")
    assert again.declined_skus == ["PB-10K"] and again.offers_made[0].sku == "PB-10K"
    assert SQLSessionStore.from_url(f"sqlite:///{path}").load("b").declined_skus == []


# --- the turn lock across processes ---------------------------------------------------------------------
import subprocess  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from agent.sql_store import lock_key  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
HOLDER = """
import sys, time
from agent.sql_store import SQLSessionStore
store = SQLSessionStore.from_url(sys.argv[1])
with store.lock(sys.argv[2]):
    print("held", flush=True)
    time.sleep(float(sys.argv[3]))
"""


def _held_elsewhere(url: str, session_id: str, seconds: float) -> subprocess.Popen:
    """Another process holding the session's lock for ``seconds`` (returns once it holds it)."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, url, session_id, str(seconds)], cwd=str(ROOT),
                            stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert proc.stdout.readline().strip() == "held"
    return proc


def _check_lock_excludes_other_processes(url: str) -> None:
    store = SQLSessionStore.from_url(url)
    proc = _held_elsewhere(url, "s1", 1.0)
    try:
        started = time.monotonic()
        with store.lock("s2"):  # another session is not held up
            assert time.monotonic() - started < 0.5
        with store.lock("s1"):
            waited = time.monotonic() - started
        assert waited >= 0.7  # the other process let go after its second
    finally:
        proc.wait(timeout=30)
        store.close()


def test_sqlite_turn_lock_excludes_other_processes(tmp_path):
    _check_lock_excludes_other_processes(f"sqlite:///{tmp_path / 's.sqlite3'}")


@pytest.mark.postgres
def test_postgres_turn_lock_excludes_other_processes(postgres_url):
    _check_lock_excludes_other_processes(postgres_url)


def test_lock_keys_are_stable_and_63_bit():
    assert lock_key("abc") == lock_key("abc") != lock_key("abd")
    assert 0 <= lock_key("\ud800 lone surrogate") < 2**63


def test_tables_are_created_once_when_stores_start_together(tmp_path):
    url = f"sqlite:///{tmp_path / 'race.sqlite3'}"
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def start() -> None:
        try:
            barrier.wait()
            SQLSessionStore.from_url(url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


from tests.api.test_api_storage import postgres_url  # noqa: E402,F401  (the fixture, by name)


def test_a_locked_database_while_creating_tables_is_tried_again(tmp_path, monkeypatch):
    """Starters racing on a new SQLite file: the one SQLite refuses at once ("database is locked") tries again."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from agent import sql_store

    store = SQLSessionStore.from_url(f"sqlite:///{tmp_path / 'locked.sqlite3'}")
    calls = []
    real = sql_store.metadata.create_all

    def flaky(bind, tables=None, **kw):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("CREATE TABLE", {}, sqlite3.OperationalError("database is locked"))
        return real(bind, tables=tables, **kw)

    monkeypatch.setattr(sql_store.metadata, "create_all", flaky)
    sql_store.create_tables(store.engine, sql_store.metadata, [sql_store.sessions_table])
    assert len(calls) == 2
    store.close()
