"""Two real server processes over one data store: turns of one session stay serialised, limits stay shared.

Two ``cartwise serve`` processes on loopback ports share one data dir (catalog, index) and one sessions database
(SQLite, and PostgreSQL when installed). Turns of one session arrive on both at once: the offers-per-session limit
and decline memory must stay exact, no turn may be lost or land in another session, and the per-session rate
limit must count the requests of both processes together.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from agent.settings import Settings
from knowledge.store import KnowledgeStore
from tests.api.test_api import KEY, NEED, PHONE_CTX, write_catalog
from tests.api.test_api_storage import _free_port, postgres_url  # noqa: F401  (the fixture, by name)

ROOT = Path(__file__).resolve().parents[2]
RATE_PER_SESSION = 12  # tokens per minute: one back every 5 s
TURNS = 12  # turns of the shared session: exactly the per-session burst, so none is refused
MESSAGES = [NEED, "I keep cracking my screen", "no thanks", "does it come with a charger?"]


def _start(data_dir: Path, db_url: str | None, log: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CARTWISE_EMBEDDING_BACKEND": "fake",
        "CARTWISE_MODEL_PROVIDER": "offline",
        "CARTWISE_ADMIN_API_KEY": KEY,
        "CARTWISE_OFFERS_PER_SESSION": "1",
        # Declines must not silence the session: whichever order the turns commit in, one offer is due.
        "CARTWISE_DECLINES_BEFORE_SILENCE": "100",
        "CARTWISE_RATE_LIMIT_PER_SESSION": str(RATE_PER_SESSION),
        "CARTWISE_RATE_LIMIT_PER_CLIENT": "1000000",
    }
    env.pop("CARTWISE_DATABASE_URL", None)
    if db_url:
        env["CARTWISE_DATABASE_URL"] = db_url
    cmd = [sys.executable, "-m", "api.cli", "--data-dir", str(data_dir), "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, env=env, cwd=str(ROOT), stdout=out, stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}"


def _wait_ready(procs: list[subprocess.Popen], bases: list[str], logs: list[Path]) -> None:
    deadline = time.monotonic() + 90
    pending = list(bases)
    while pending:
        for p, log in zip(procs, logs):
            if p.poll() is not None:
                pytest.fail(f"server exited with {p.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(pending[0] + "/readyz", timeout=2).status_code == 200:
                pending.pop(0)
                continue
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            pytest.fail("servers did not become ready in 90 s")
        time.sleep(0.2)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def servers(request, tmp_path_factory):
    """Two server processes over one data dir and one sessions database (shared by this module's tests)."""
    tmp_path = tmp_path_factory.mktemp(f"workers-{request.param}")
    db_url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir, embedding_backend="fake", database_url=db_url, _env_file=None)
    KnowledgeStore(settings.knowledge).ingest(write_catalog(tmp_path / "catalog.jsonl"))
    started = [_start(data_dir, db_url, tmp_path / f"server{i}.log") for i in range(2)]
    procs = [p for p, _ in started]
    try:
        bases = [b for _, b in started]
        _wait_ready(procs, bases, [tmp_path / f"server{i}.log" for i in range(2)])
        yield bases
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=15)


def _post(base: str, path: str, body: dict, headers: dict | None = None) -> httpx.Response:
    return httpx.post(base + path, json=body, headers=headers, timeout=60)


def _first_turn(base: str, sid: str, message: str, context: dict | None = None) -> tuple[dict, dict]:
    """A session's first turn, alone: its reply carries the token every later turn and event must send."""
    body = {"session_id": sid, "message": message} | ({"context": context} if context else {})
    r = _post(base, "/v1/chat", body)
    assert r.status_code == 200, r.text
    return {"X-Session-Token": r.json()["session_token"]}, r.json()


def _session(base: str, sid: str) -> dict:
    r = httpx.get(f"{base}/v1/sessions/{sid}", headers={"X-API-Key": KEY}, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()


def test_concurrent_turns_of_one_session_on_two_processes(servers):
    a, b = servers
    sid, other = f"w-{time.time_ns()}", f"o-{time.time_ns()}"
    (sid_token, first), (other_token, _) = _first_turn(a, sid, f"{MESSAGES[0]} (t00)", PHONE_CTX), _first_turn(
        b, other, "hello (u00)"
    )
    tokens = {sid: sid_token, other: other_token}
    jobs = []
    for i in range(1, TURNS):
        msg = f"{MESSAGES[i % len(MESSAGES)]} (t{i:02d})"
        jobs.append((servers[i % 2], "/v1/chat", {"session_id": sid, "message": msg, "context": PHONE_CTX}))
        jobs.append((servers[(i + 1) % 2], "/v1/chat", {"session_id": other, "message": f"hello (u{i:02d})"}))
    # Declines reported by the widget while turns run: decline memory must keep every one of them.
    declines = ["CASE-PX8", "PB-10K"]
    for i, sku in enumerate(declines):
        jobs.insert(3 + 5 * i, (servers[i % 2], "/v1/events", {"session_id": sid, "type": "declined", "sku": sku}))
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        responses = list(pool.map(lambda j: _post(*j, tokens[j[2]["session_id"]]), jobs))

    errors = [(j[2], r.status_code, r.text[:200]) for j, r in zip(jobs, responses) if r.status_code >= 300]
    assert errors == []
    chats = [(j[2], r.json()) for j, r in zip(jobs, responses) if j[1] == "/v1/chat"]
    chats.insert(0, ({"session_id": sid}, first))
    assert [body["session_id"] for body, _ in chats] == [resp["session_id"] for _, resp in chats]

    state = _session(a, sid)
    # Every turn is stored once, in this session (a lost update drops turns that ran on the other process).
    users = sorted(t["user"] for t in state["turns"])
    assert users == sorted(f"{MESSAGES[i % len(MESSAGES)]} (t{i:02d})" for i in range(TURNS))
    assert len(_session(b, other)["turns"]) == TURNS
    # Offers per session: exactly what the replies carried, never more than the limit of one.
    offered = [o["sku"] for body, resp in chats if body["session_id"] == sid for o in resp["offers"]]
    assert [o["sku"] for o in state["offers_made"]] == offered and len(offered) <= 1
    assert len(offered) == 1  # the first battery need to commit gets the one offer, whatever the order
    # Decline memory: every widget decline survived the concurrent turns, and nothing declined is offered later.
    assert set(declines) <= set(state["declined_skus"])
    declined_so_far: set[str] = set()
    for turn in state["turns"]:
        assert not {o["sku"] for o in turn["offers"]} & declined_so_far & set(state["declined_skus"])
        if any(s["type"] == "decline" for s in turn["signals"]) and state["offers_made"]:
            declined_so_far |= {o["sku"] for o in state["offers_made"] if o["turn"] < turn["index"]}


def test_rate_limit_per_session_is_shared_by_both_processes(servers):
    sid = f"r-{time.time_ns()}"
    sends = 20
    started = time.monotonic()
    token, _ = _first_turn(servers[0], sid, "hello (0)")
    with ThreadPoolExecutor(max_workers=sends) as pool:
        codes = [200] + list(pool.map(
            lambda i: _post(servers[i % 2], "/v1/chat", {"session_id": sid, "message": f"hello ({i})"}, token).status_code,
            range(1, sends),
        ))
    elapsed = time.monotonic() - started
    allowed = codes.count(200)
    assert set(codes) <= {200, 429}
    # One bucket for both processes: the burst, plus whatever refilled while the requests were checked.
    assert RATE_PER_SESSION <= allowed <= RATE_PER_SESSION + int(elapsed * RATE_PER_SESSION / 60)


def test_shared_token_bucket_is_one_bucket_for_every_engine_on_the_database(tmp_path):
    from agent.sql_store import make_engine
    from api.limits import SharedRateLimiter

    now = [1_700_000_000.0]  # epoch-sized times: float rounding must not lose the last token of a burst
    url = f"sqlite:///{tmp_path / 'limits.sqlite3'}"
    first, second = (SharedRateLimiter(make_engine(url), "session", 6, clock=lambda: now[0]) for _ in range(2))
    assert [(first if i % 2 else second).take("k") for i in range(6)] == [0.0] * 6
    assert first.take("k") == pytest.approx(10.0) and second.take("k") == pytest.approx(10.0)
    assert first.take("other") == 0.0
    now[0] += 10.0
    assert second.take("k") == 0.0 and first.take("k") > 0
