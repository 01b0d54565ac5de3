"""Deadline benchmark: what a hung model costs a turn, and how fast /healthz answers while turns wait on it.

1. Turn time under a hung model (the local fake OpenAI server never answers in time), in process, for the judge
   path and the signals + phrasing path, streamed or not: with one deadline per turn a turn costs about one model
   timeout, whatever ``model_max_retries`` is (before: timeout x calls x (retries + 1)).
2. /healthz and /readyz latency under 30-60 turns waiting on the hung model: the real app under uvicorn on a
   loopback port, turns fired concurrently, probes sent while they wait.

Run: ``.venv/bin/python bench/bench_deadline.py [--timeout 1] [--retries 2] [--waiting 30 60]``
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.agent import build_agent  # noqa: E402
from agent.schemas import ChatRequest  # noqa: E402
from agent.settings import Settings  # noqa: E402
from tests.fake_openai import FakeOpenAI, slow  # noqa: E402
from tests.support import PRODUCTS, write_jsonl  # noqa: E402

PAGE = {"page": "product", "product_sku": "PH-128", "cart": [{"sku": "PH-128", "qty": 1}]}
NEED = "I wish my phone battery lasted all day"


def settings_for(tmp: Path, model: FakeOpenAI, timeout: float, retries: int, **extra) -> Settings:
    return Settings(data_dir=tmp / "data", embedding_backend="fake", _env_file=None, model_provider="openai",
                    openai_base_url=model.base_url, model_timeout=timeout, model_max_retries=retries, **extra)


def turn_times(timeout: float, retries: int, turns: int = 3) -> None:
    """Per-turn wall time under a hung model, per path."""
    print(f"== turn time under a hung model (model_timeout={timeout:g} s, model_max_retries={retries})")
    for judge in (True, False):
        for streamed in (False, True):
            with tempfile.TemporaryDirectory() as d, FakeOpenAI(default=slow(600)) as model:
                tmp = Path(d)
                agent = build_agent(settings_for(tmp, model, timeout, retries, model_judge=judge))
                agent.knowledge.ingest(write_jsonl(tmp / "c.jsonl", PRODUCTS))
                agent.warm_up()
                times = []
                for i in range(turns):
                    request = ChatRequest(session_id=f"s{i}", message=NEED, context=PAGE)
                    started = time.perf_counter()
                    if streamed:
                        list(agent.stream(request))
                    else:
                        agent.respond(request)
                    times.append(time.perf_counter() - started)
                calls = 1 if judge else 2
                label = ("judge" if judge else "signals+phrasing") + (" streamed" if streamed else "")
                print(f"  {label:28s} turn mean {statistics.mean(times):5.2f} s  max {max(times):5.2f} s  "
                      f"requests/turn {len(model.requests) / turns:.1f}  "
                      f"(without a turn deadline: {calls * (retries + 1)} requests, over {timeout * calls * (retries + 1):g} s)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _request(port: int, method: str, path: str, body: dict | None = None) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        data = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=data, headers={"Content-Type": "application/json"} if data else {})
        resp = conn.getresponse()
        resp.read()
        return resp.status, time.perf_counter() - started
    finally:
        conn.close()


def probes_under_load(waiting: int, timeout: float, retries: int) -> None:
    """/healthz and /readyz latency while ``waiting`` turns wait on the hung model."""
    import uvicorn

    from api.app import create_app

    with tempfile.TemporaryDirectory() as d, FakeOpenAI(default=slow(600)) as model:
        tmp = Path(d)
        app = create_app(settings_for(tmp, model, timeout, retries, rate_limit_per_client=10_000))
        app.state.agent.knowledge.ingest(write_jsonl(tmp / "c.jsonl", PRODUCTS))
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        workers = app.state.turn_pool.workers
        with ThreadPoolExecutor(waiting) as pool:
            turns = [pool.submit(_request, port, "POST", "/v1/chat",
                                 {"session_id": f"w{i}", "message": NEED, "context": PAGE}) for i in range(waiting)]
            ends = time.monotonic() + 30
            while len(model.requests) < min(waiting, workers) and time.monotonic() < ends:
                time.sleep(0.01)
            health, ready = [], []
            while not all(t.done() for t in turns) and len(health) < 200:
                health.append(_request(port, "GET", "/healthz")[1])
                ready.append(_request(port, "GET", "/readyz")[1])
                time.sleep(0.02)
            results = [t.result() for t in turns]
        server.should_exit = True
        model.stop()
        thread.join(timeout=15)
    turn_s = [t for _, t in results]
    errors = sum(status != 200 for status, _ in results)
    print(f"  {waiting:3d} waiting turns ({workers} turn workers): /healthz p50 {statistics.median(health) * 1000:6.1f} ms"
          f"  max {max(health) * 1000:6.1f} ms ({len(health)} probes) | /readyz max {max(ready) * 1000:6.1f} ms"
          f" | turns max {max(turn_s):5.2f} s, errors {errors}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--timeout", type=float, default=1.0, help="model timeout (seconds)")
    ap.add_argument("--retries", type=int, default=2, help="model_max_retries")
    ap.add_argument("--waiting", type=int, nargs="*", default=[30, 60], help="concurrent waiting turns")
    args = ap.parse_args(argv)
    logging.disable(logging.WARNING)  # one "judge overruled" line per timed-out turn would bury the figures
    turn_times(args.timeout, args.retries)
    probe_timeout = max(args.timeout, 3.0)  # long enough that the turns are still waiting while probed
    print(f"== probes while turns wait on a hung model (model_timeout={probe_timeout:g} s)")
    for n in args.waiting:
        probes_under_load(n, probe_timeout, args.retries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
