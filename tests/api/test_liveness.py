"""Probes stay live while shopper turns wait on a hung model: a real uvicorn on 127.0.0.1, concurrent requests.

Before: /healthz ran in the same thread pool as the turns, so sixty turns stuck on the model blocked it for
seconds. Now the probes answer on the event loop and turns run in their own bounded pool, each turn bounded
by one model timeout from the moment it arrived.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from agent.settings import Settings
from tests.fake_openai import FakeOpenAI, slow
from tests.support import PRODUCTS, write_jsonl

TURNS = 48  # more than anyio's 40 default worker threads, the pool the old sync routes shared
WORKERS = 16  # turn threads (settings.service.turn_workers)
MODEL_TIMEOUT = 5.0  # long enough that no turn can finish while the probes run, even on a loaded machine
PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live(tmp_path):
    """The real app (model = a hung fake OpenAI server) under uvicorn in a thread; yields its base URL."""
    import uvicorn

    from api.app import create_app

    with FakeOpenAI(default=slow(60.0)) as model:
        settings = Settings(
            data_dir=tmp_path / "data", embedding_backend="fake", _env_file=None, model_provider="openai",
            openai_base_url=model.base_url, model_timeout=MODEL_TIMEOUT, model_max_retries=2,
            rate_limit_per_client=1000, turn_workers=WORKERS,
        )
        app = create_app(settings)
        app.state.agent.knowledge.ingest(write_jsonl(tmp_path / "c.jsonl", PRODUCTS))
        port = _free_port()
        srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        ends = time.monotonic() + 20
        while not srv.started:
            if time.monotonic() > ends or not thread.is_alive():
                pytest.fail("uvicorn did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}", model
        srv.should_exit = True
        model.stop()  # release the hung answers so the server can drain
        thread.join(timeout=15)


def _request(base: str, method: str, path: str, body: dict | None = None) -> tuple[int, float, dict]:
    """One request on a fresh connection (stdlib: no per-client TLS set-up skewing the timings)."""
    host, port = base.removeprefix("http://").split(":")
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
        resp = conn.getresponse()
        payload = json.loads(resp.read() or b"{}")
        return resp.status, time.perf_counter() - started, payload
    finally:
        conn.close()


def _turn(base: str, i: int) -> tuple[int, float, dict]:
    message = {"session_id": f"hung-{i}", "message": "I wish my battery lasted all day", "context": PAGE}
    return _request(base, "POST", "/v1/chat", message)


def _probe(base: str, path: str) -> tuple[int, float]:
    status, took, _ = _request(base, "GET", path)
    return status, took


def test_probes_answer_while_turns_wait_on_a_hung_model(live):
    base, model = live
    with ThreadPoolExecutor(TURNS) as pool:
        turns = [pool.submit(_turn, base, i) for i in range(TURNS)]
        ends = time.monotonic() + 10
        while len(model.requests) < WORKERS and time.monotonic() < ends:
            time.sleep(0.02)  # until every turn worker is stuck on the model (the rest queue for a worker)
        health = [_probe(base, "/healthz") for _ in range(3)]
        ready = _probe(base, "/readyz")
        finished = sum(t.done() for t in turns)
        results = [t.result(timeout=60) for t in turns]
    assert len(model.requests) >= WORKERS, "the turns were not waiting on the model when the probes ran"
    assert all(status == 200 for status, _ in health) and ready[0] == 200
    # A probe queued behind the turns answers only once a turn lets go of its worker, at its model timeout (5 s);
    # the bound leaves half of that to a loaded machine (CI once took 0.7 s for a probe against a 2 s timeout).
    worst = max(took for _, took in [*health, ready])
    assert worst < MODEL_TIMEOUT / 2, f"a probe took {worst:.2f} s while turns waited on the model: {health} {ready}"
    assert finished == 0, f"{finished} turns had finished before the probes answered: {health} {ready}"
    assert [status for status, _, _ in results] == [200] * TURNS
    assert all(body.get("reply") for _, _, body in results)  # every shopper got a reply (the offline one)
    slowest = max(took for _, took, _ in results)
    # Each turn is bounded by one model timeout from arrival, retries included: max_retries=2 would make the
    # first turns take three timeouts, and the queued ones would add their wait for a worker to their own.
    assert slowest < MODEL_TIMEOUT * 1.8, f"a turn took {slowest:.2f} s for a {MODEL_TIMEOUT} s model timeout"
