"""Load benchmark: N concurrent sessions x M turns against the real HTTP server on a loopback port.

Starts ``cartwise``'s app under uvicorn in a subprocess (offline reply mode, the bundled sample store), drives it
with concurrent sessions over ``POST /v1/chat`` and reports throughput, p50/p95 latency, errors and answers
delivered to the wrong session (checked on every response's ``session_id`` and, at the end, on each stored
session: it must hold exactly its own turns, each carrying the session's marker).

Run: ``.venv/bin/python bench/bench_load.py [--sessions 50] [--turns 20] [--embedder minilm|fake]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

ADMIN_KEY = "bench-admin-key"
# A shopper's turns on a phone page; every message carries the session's marker so mixed-up state shows.
SCRIPT = [
    ("I wish my battery lasted all day", {"page": "product", "product_sku": "NX8-128"}),
    ("my phone is always out of storage", {"page": "product", "product_sku": "NX8-128"}),
    ("no thanks", {"page": "product", "product_sku": "NX8-128"}),
    ("does it come with a charger?", {"page": "product", "product_sku": "NX8-128"}),
    ("I keep cracking my screen", {"page": "cart", "cart": [{"sku": "NX8-128", "qty": 1}]}),
    ("my budget is 800", {"page": "cart", "cart": [{"sku": "NX8-128", "qty": 1}]}),
    ("ok, ready to check out", {"page": "checkout", "cart": [{"sku": "NX8-128", "qty": 1}]}),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(data_dir: str, port: int) -> None:
    """Run the app (child process): settings from the CARTWISE_* environment the parent set."""
    import uvicorn

    from api.app import create_app
    from agent.settings import Settings

    settings = Settings(data_dir=Path(data_dir))
    uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_level="warning")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


async def _session(client: httpx.AsyncClient, n: int, turns: int, run_id: str, out: dict) -> None:
    sid = f"bench-{run_id}-{n}"
    marker = f"m{n:03d}x"
    headers: dict[str, str] = {}  # the session token from the first reply rides on every later turn
    for t in range(turns):
        message, context = SCRIPT[(n + t) % len(SCRIPT)]
        body = {"session_id": sid, "message": f"{message} ({marker})", "context": context}
        started = time.perf_counter()
        try:
            r = await client.post("/v1/chat", json=body, headers=headers)
        except httpx.HTTPError as exc:
            out["errors"].append(f"{sid} turn {t}: {type(exc).__name__}")
            continue
        out["latencies"].append(time.perf_counter() - started)
        if r.status_code != 200:
            out["errors"].append(f"{sid} turn {t}: HTTP {r.status_code}")
            continue
        if r.json().get("session_id") != sid:
            out["wrong_session"] += 1
        if r.json().get("session_token"):
            headers = {"X-Session-Token": r.json()["session_token"]}
        out["offers"] += len(r.json().get("offers", []))


async def _verify(client: httpx.AsyncClient, sessions: int, turns: int, run_id: str) -> int:
    """Sessions whose stored turns are not exactly their own (count and marker)."""
    bad = 0
    for n in range(sessions):
        r = await client.get(f"/v1/sessions/bench-{run_id}-{n}", headers={"X-API-Key": ADMIN_KEY})
        state = r.json()
        marker = f"({'m%03dx' % n})"
        own = [t for t in state["turns"] if t["user"].endswith(marker)]
        if len(state["turns"]) != turns or len(own) != turns:
            bad += 1
    return bad


async def _load(base: str, sessions: int, turns: int) -> dict:
    out: dict = {"latencies": [], "errors": [], "wrong_session": 0, "offers": 0}
    run_id = str(int(time.time()))
    limits = httpx.Limits(max_connections=sessions, max_keepalive_connections=sessions)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(_session(client, n, turns, run_id, out) for n in range(sessions)))
        wall = time.perf_counter() - started
        mixed = await _verify(client, sessions, turns, run_id)
    lat = out["latencies"]
    return {
        "sessions": sessions,
        "turns_per_session": turns,
        "requests": sessions * turns,
        "wall_seconds": round(wall, 2),
        "throughput_rps": round(len(lat) / wall, 1) if wall else None,
        "latency_p50_ms": round(_percentile(lat, 0.50) * 1000, 1),
        "latency_p95_ms": round(_percentile(lat, 0.95) * 1000, 1),
        "latency_max_ms": round(max(lat) * 1000, 1) if lat else None,
        "latency_mean_ms": round(statistics.fmean(lat) * 1000, 1) if lat else None,
        "errors": len(out["errors"]),
        "error_samples": out["errors"][:5],
        "wrong_session_responses": out["wrong_session"],
        "sessions_with_foreign_or_missing_turns": mixed,
        "offers_made": out["offers"],
    }


def main(argv: list[str] | None = None) -> int:
    """Start the server, run the load, print the figures (JSON); exit 1 on any error or mixed-up session."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--turns", type=int, default=20)
    ap.add_argument("--embedder", choices=["minilm", "fake"], default="minilm")
    ap.add_argument("--serve", nargs=2, metavar=("DATA_DIR", "PORT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.serve:
        serve(args.serve[0], int(args.serve[1]))
        return 0
    if not (1 <= args.sessions <= 500 and 1 <= args.turns <= 200):
        ap.error("--sessions must be 1..500 and --turns 1..200")

    from agent.settings import Settings
    from knowledge.store import KnowledgeStore

    with tempfile.TemporaryDirectory(prefix="cartwise-bench-") as data_dir:
        env = {
            **os.environ,
            "CARTWISE_EMBEDDING_BACKEND": args.embedder,
            "CARTWISE_MODEL_PROVIDER": "offline",
            "CARTWISE_ADMIN_API_KEY": ADMIN_KEY,
            # The load comes from one loopback client: lift the per-client limit, keep per-session limits.
            "CARTWISE_RATE_LIMIT_PER_CLIENT": "1000000",
            "CARTWISE_RATE_LIMIT_PER_SESSION": str(max(30, args.turns)),
        }
        started = time.perf_counter()
        KnowledgeStore(Settings(data_dir=Path(data_dir), embedding_backend=args.embedder).knowledge).ingest_sample()
        ingest_s = time.perf_counter() - started
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, __file__, "--serve", data_dir, str(port)], env=env, cwd=str(Path(__file__).parents[1])
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(base + "/readyz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    print("server did not become ready", file=sys.stderr)
                    return 1
                time.sleep(0.2)
            # One warm-up turn so model/embedder loading is not counted as latency.
            httpx.post(base + "/v1/chat", json={"session_id": "warmup", "message": "hello"}, timeout=60)
            result = asyncio.run(_load(base, args.sessions, args.turns))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
    result = {"embedder": args.embedder, "sample_store_ingest_seconds": round(ingest_s, 1), **result}
    print(json.dumps(result, indent=2))
    ok = result["errors"] == 0 and result["wrong_session_responses"] == 0
    ok = ok and result["sessions_with_foreign_or_missing_turns"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
