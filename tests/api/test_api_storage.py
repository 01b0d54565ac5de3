"""Sessions and outcome events through a database URL: SQLite by default, a real throwaway PostgreSQL too."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from agent.sql_store import SQLSessionStore, database_url, make_engine, make_session_store
from agent.types import OfferRecord, SessionState
from api.events import EventStore, OutcomeEvent
from agent.settings import Settings


def _exercise_sessions(store) -> None:
    assert store.load("nobody") == SessionState(session_id="nobody")
    s = SessionState(session_id="s1", declined_skus=["PB-20K"], decline_count=1)
    s.offers_made.append(OfferRecord(sku="PB-20K", kind="cross_sell", turn=0))
    store.save(s)
    assert store.load("s1") == s
    s.decline_count = 2
    store.save(s)  # an update, not a second row
    assert store.load("s1").decline_count == 2
    assert store.count() == 1


def _exercise_events(events: EventStore) -> None:
    events.add(OutcomeEvent(session_id="a", type="shown", sku="X"), price=10.0)
    events.add(OutcomeEvent(session_id="a", type="accepted", sku="X"), price=10.0)
    events.add(OutcomeEvent(session_id="a", type="purchased", amount=110.0))
    events.add(OutcomeEvent(session_id="b", type="purchased", amount=50.0))
    assert [e.type for e in events.all()] == ["shown", "accepted", "purchased", "purchased"]
    m = events.summary()
    assert (m.offers_shown, m.offers_accepted, m.attributed_revenue) == (1, 1, 10.0)
    assert (m.average_order_value_with_offer, m.average_order_value_without_offer) == (110.0, 50.0)


def test_default_url_is_sqlite_under_the_data_dir(tmp_path):
    s = Settings(data_dir=tmp_path / "d", _env_file=None)
    assert database_url(s.knowledge) == f"sqlite:///{(tmp_path / 'd' / 'cartwise.sqlite3').resolve()}"
    assert database_url(s.updated(database_url="postgresql://u@h/db").knowledge) == "postgresql://u@h/db"
    store = make_session_store(s.knowledge)
    _exercise_sessions(store)
    assert (tmp_path / "d" / "cartwise.sqlite3").exists()


def test_sqlite_events_and_concurrent_session_writes(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'e.sqlite3'}")
    _exercise_events(EventStore(engine))
    store = SQLSessionStore(engine)
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(20):
                store.save(SessionState(session_id=f"w{n}", decline_count=i))
                assert store.load(f"w{n}").decline_count == i
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and store.count() == 8


# --- PostgreSQL -------------------------------------------------------------------------------------
def _pg_bin() -> Path | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(d, "initdb").exists() and Path(d, "pg_ctl").exists():
            return Path(d)
    found = shutil.which("pg_ctl")
    return Path(found).parent if found and shutil.which("initdb") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres_url():
    """A throwaway PostgreSQL cluster on a loopback port, run as a non-root user; skipped when absent."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not installed (apt-get install -y postgresql)")
    as_user: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        if shutil.which("runuser") is None:
            pytest.skip("running as root without runuser: cannot start PostgreSQL as a non-root user")
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and no 'postgres' user to run the server as")
        as_user = ["runuser", "-u", "postgres", "--"]
    tmp = Path(tempfile.mkdtemp(prefix="cartwise-pg-"))
    os.chmod(tmp, 0o777)
    data = tmp / "data"
    port = _free_port()
    log = tmp / "pg.log"

    def run(*args: str) -> None:
        subprocess.run([*as_user, *args], check=True, capture_output=True, timeout=120)

    try:
        run(str(bindir / "initdb"), "-D", str(data), "-U", "cartwise", "--auth=trust", "-E", "UTF8")
        run(
            str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
            f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={tmp} -c fsync=off",
            "start",
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        pytest.skip(f"could not start a throwaway PostgreSQL: {exc}")
    try:
        yield f"postgresql://cartwise@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.mark.postgres
def test_postgres_sessions_and_events(postgres_url):
    engine = make_engine(postgres_url)
    assert engine.dialect.name == "postgresql" and engine.dialect.driver == "psycopg"
    try:
        _exercise_sessions(SQLSessionStore(engine))
        _exercise_events(EventStore(engine))
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_app_runs_on_postgres(postgres_url, tmp_path):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.test_api import KEY, NEED, PHONE_CTX, write_catalog

    settings = Settings(data_dir=tmp_path / "d", embedding_backend="fake", multilingual_backend="none",
                        database_url=postgres_url, admin_api_key=KEY, _env_file=None)
    app = create_app(settings)
    app.state.agent.knowledge.ingest(write_catalog(tmp_path / "c.jsonl"))
    assert not (tmp_path / "d" / "cartwise.sqlite3").exists()  # nothing went to SQLite
    with TestClient(app) as client:
        sid = f"pg-{time.time_ns()}"
        r = client.post("/v1/chat", json={"session_id": sid, "message": NEED, "context": PHONE_CTX})
        assert r.status_code == 200 and r.json()["offers"]
        sku = r.json()["offers"][0]["sku"]
        token = {"X-Session-Token": r.json()["session_token"]}
        declined = {"session_id": sid, "type": "declined", "sku": sku}
        assert client.post("/v1/events", json=declined, headers=token).status_code == 201
        state = client.get(f"/v1/sessions/{sid}", headers={"X-API-Key": KEY}).json()
        assert len(state["turns"]) == 1 and sku in state["declined_skus"]
    reopened = SQLSessionStore.from_url(postgres_url)
    assert reopened.load(sid).declined_skus == [sku]
    reopened.close()
