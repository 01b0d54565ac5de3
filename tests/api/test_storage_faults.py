"""Storage faults are detected: deleted or replaced files show in /readyz, corrupt files end start-up with one
line, a data dir that had data never serves empty in silence, and a catalog another process ingests is served
without a restart (and without 500s)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from agent.settings import Settings
from api.app import create_app
from api.cli import main
from tests.api.test_api import ADMIN, CATALOG, KEY, PHONE_CTX, chat, write_catalog

ROOT = Path(__file__).resolve().parents[2]


def data_dir_of(client: TestClient) -> Path:
    return client.app.state.agent.knowledge.settings.data_dir


def problems(client: TestClient) -> list[str]:
    r = client.get("/readyz")
    assert r.status_code == (200 if r.json()["ready"] else 503)
    return r.json()["problems"]


def turn_status(client: TestClient, session: str) -> int:
    return client.post("/v1/chat", json={"session_id": session, "message": "I wish my battery lasted all day",
                                         "context": PHONE_CTX}).status_code


def restart(data_dir: Path, **overrides) -> TestClient:
    """A new app over the same data dir, as a new process would see it (no Chroma client cached in memory)."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    settings = Settings(data_dir=data_dir, embedding_backend="fake", multilingual_backend="none", _env_file=None,
                        admin_api_key=KEY, **overrides)
    return TestClient(create_app(settings))


@pytest.fixture
def served(make_client):
    client = make_client(multilingual_backend="none")
    assert chat(client, "s1")["reply"]
    assert problems(client) == []
    return client


# --- files deleted or replaced while serving -----------------------------------------------------------------
def test_readiness_reports_a_session_database_deleted_while_serving(served):
    db = data_dir_of(served) / "cartwise.sqlite3"
    db.unlink()
    found = problems(served)
    assert len(found) == 1 and str(db) in found[0] and "deleted while serving" in found[0]


def test_readiness_reports_a_session_database_replaced_while_serving(served, tmp_path):
    db = data_dir_of(served) / "cartwise.sqlite3"
    other = tmp_path / "other.sqlite3"
    shutil.copy(db, other)
    os.replace(other, db)
    found = problems(served)
    assert len(found) == 1 and str(db) in found[0] and "replaced" in found[0]


def test_readiness_reports_an_index_directory_deleted_while_serving(served):
    chroma = data_dir_of(served) / "chroma"
    shutil.rmtree(chroma)
    found = problems(served)
    assert any(str(chroma) in p and "re-ingest" in p for p in found), found


# --- a restart over a data dir that had data -------------------------------------------------------------------
def test_a_restart_without_the_index_directory_is_not_ready_and_says_to_reingest(served, caplog):
    data = data_dir_of(served)
    served.close()
    shutil.rmtree(data / "chroma")
    with caplog.at_level(logging.WARNING):
        client = restart(data)
        with client:  # runs the start-up (warm-up) as the server would
            found = problems(client)
            assert client.get("/readyz").json()["catalog_products"] == len(CATALOG)  # the catalog is there
    assert found and all("re-ingest" in p for p in found), found
    assert any("missing" in p for p in found)
    assert any("re-ingest" in r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)


def test_a_restart_without_the_session_database_is_not_ready_until_told(served):
    data = data_dir_of(served)
    served.close()
    db = data / "cartwise.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    client = restart(data)
    found = problems(client)
    assert len(found) == 1 and str(db) in found[0] and "missing at start" in found[0]
    assert "identity" in found[0]  # the marker to delete to accept empty sessions
    Path(str(db) + ".identity").unlink()
    assert problems(restart(data)) == []


# --- corrupt files at start: one line, exit 1 -------------------------------------------------------------------
@pytest.fixture
def ingested(tmp_path):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "ingest", str(write_catalog(tmp_path / "c.jsonl"))]) == 0
    return data


@pytest.fixture(autouse=True)
def _fake_backends(monkeypatch):
    monkeypatch.setenv("CARTWISE_EMBEDDING_BACKEND", "fake")
    monkeypatch.setenv("CARTWISE_MULTILINGUAL_BACKEND", "none")
    monkeypatch.setenv("CARTWISE_MODEL_PROVIDER", "offline")


def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Traceback" not in err[0], err
    return err[0]


@pytest.mark.parametrize("verb", [["chat", "--jsonl"], ["serve", "--port", "1"]])
def test_a_truncated_catalog_snapshot_ends_start_up_with_one_line(ingested, verb, capsys):
    snapshot = ingested / "catalog.json"
    raw = snapshot.read_bytes()
    snapshot.write_bytes(raw[: len(raw) // 2])
    capsys.readouterr()
    assert main(["--data-dir", str(ingested), *verb]) == 1
    line = one_line_error(capsys)
    assert str(snapshot) in line and "corrupt" in line and "cartwise ingest" in line


def test_a_snapshot_with_a_bad_product_names_the_field(ingested, capsys):
    snapshot = ingested / "catalog.json"
    data = json.loads(snapshot.read_text())
    data["products"][1]["price"] = "lots"
    snapshot.write_text(json.dumps(data))
    capsys.readouterr()
    assert main(["--data-dir", str(ingested), "chat", "--jsonl"]) == 1
    line = one_line_error(capsys)
    assert str(snapshot) in line and "price" in line


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
@pytest.mark.parametrize("verb", [["chat", "--jsonl"], ["serve", "--port", "1"]])
def test_a_corrupt_session_database_ends_start_up_with_one_line(ingested, verb, damage, capsys, tmp_path):
    db = ingested / "cartwise.sqlite3"
    if damage == "garbage":
        db.write_bytes(b"this is not a database, just some bytes " * 200)
    else:
        import sqlite3

        con = sqlite3.connect(db)
        con.execute("CREATE TABLE sessions (session_id TEXT PRIMARY KEY, state TEXT, updated_at REAL)")
        con.executemany("INSERT INTO sessions VALUES (?, ?, 0)", [(f"s{i}", "x" * 3000) for i in range(200)])
        con.commit()
        con.close()
        raw = db.read_bytes()
        db.write_bytes(raw[:4096] + b"\0" * 4096 + raw[8192 : len(raw) // 3])
    capsys.readouterr()
    assert main(["--data-dir", str(ingested), *verb]) == 1
    line = one_line_error(capsys)
    assert str(db) in line and "corrupt" in line and "restore" in line


# --- another process's ingest into a live data dir ---------------------------------------------------------------
def test_a_live_server_serves_a_catalog_the_cli_ingested_without_500s(make_client, tmp_path):
    client = make_client(multilingual_backend="none", snapshot_check_ms=0, raise_server_exceptions=False)
    data = data_dir_of(client)
    assert chat(client, "before")["reply"]
    new = [dict(p, price=p["price"] + 1) for p in CATALOG[:3]] + [
        {"sku": "CHG-1", "name": "PowerCell wall charger", "price": 19.0, "category": "Electronics > Chargers",
         "description": "Fast charger for phone batteries.", "compatible_with": ["family:px8"], "stock": 9}
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARTWISE_")}
    env.update(PYTHONPATH=str(ROOT), CARTWISE_EMBEDDING_BACKEND="fake", CARTWISE_MULTILINGUAL_BACKEND="none")
    done = subprocess.run(
        [sys.executable, "-m", "api.cli", "--data-dir", str(data), "ingest", str(write_catalog(tmp_path / "n.jsonl", new))],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    statuses = [turn_status(client, f"after{i}") for i in range(10)]
    assert statuses == [200] * 10
    assert client.get("/v1/products/CHG-1").status_code == 200
    assert client.get("/v1/products/CASE-PX8").status_code == 404
    ready = client.get("/readyz").json()
    assert ready["ready"] and ready["catalog_products"] == 4 and ready["index_entries"] == 4
    # an admin upload after that CLI ingest, under turns: still no 500
    files = {"file": ("c.jsonl", write_catalog(tmp_path / "c.jsonl").read_bytes())}
    assert client.post("/v1/catalog", files=files, headers=ADMIN).status_code == 200
    assert [turn_status(client, f"again{i}") for i in range(5)] == [200] * 5
    assert client.get("/readyz").json()["catalog_products"] == len(CATALOG)


def test_an_upload_while_another_process_ingests_gets_a_409(client, tmp_path):
    import fcntl

    lock = data_dir_of(client) / "ingest.lock"
    with open(lock, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        files = {"file": ("c.jsonl", write_catalog(tmp_path / "c.jsonl").read_bytes())}
        r = client.post("/v1/catalog", files=files, headers=ADMIN)
    assert r.status_code == 409 and "another ingest" in r.json()["detail"]
    assert client.post("/v1/catalog", files=files, headers=ADMIN).status_code == 200
