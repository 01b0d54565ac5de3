"""Load benchmark: N concurrent sessions x M turns against the real HTTP server on a loopback port.

Starts ``cartwise``'s app under uvicorn in a subprocess (offline reply mode, the bundled sample store), drives it
with concurrent sessions over ``POST /v1/chat`` and reports throughput, p50/p95 latency, errors and answers
delivered to the wrong session (checked on every response's ``session_id`` and, at the end, on each stored
session: it must hold exactly its own turns, each carrying the session's marker), and whether the offers per
session were exact (the stored offers are exactly those the replies carried, never more than the limit).

``--workers 2 --postgres`` runs two uvicorn workers over a throwaway PostgreSQL (sessions, events, rate limits,
turn locks) and a Chroma server, both started by the bench on loopback ports; each session then sends its turns
two at a time, so turns of one session run on both workers at once.

Run: ``.venv/bin/python bench/bench_load.py [--sessions 50] [--turns 20] [--embedder minilm|fake]
[--workers 2 --postgres]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import glob
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
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


def _wait_http(url: str, proc: subprocess.Popen, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not become ready")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=20)


@contextlib.contextmanager
def postgres():
    """A throwaway PostgreSQL on a loopback port (as the ``postgres`` user when run as root); yields its URL."""
    bindirs = [Path(d) for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    bindir = next((d for d in bindirs if (d / "initdb").exists()), None)
    if bindir is None and shutil.which("initdb"):
        bindir = Path(shutil.which("initdb")).parent
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not installed (apt-get install -y postgresql)")
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    workdir = Path(tempfile.mkdtemp(prefix="cartwise-bench-pg-"))  # its own: the server user must reach it
    os.chmod(workdir, 0o777)
    data, port = workdir / "data", _free_port()
    run = lambda *a: subprocess.run([*as_user, *a], check=True, capture_output=True, timeout=120)  # noqa: E731
    run(str(bindir / "initdb"), "-D", str(data), "-U", "cartwise", "--auth=trust", "-E", "UTF8")
    run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(workdir / "pg.log"), "-w", "-t", "60", "-o",
        f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={workdir} -c fsync=off "
        "-c max_connections=300", "start")
    try:
        yield f"postgresql://cartwise@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def chroma_server(path: Path):
    """``chroma run`` on a loopback port over ``path``; yields its URL."""
    port = _free_port()
    exe = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen([str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_http(f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, 60, "chroma server")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    idx = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[idx]


async def _turn(client: httpx.AsyncClient, sid: str, n: int, t: int, out: dict) -> None:
    marker = f"m{n:03d}x"
    message, context = SCRIPT[(n + t) % len(SCRIPT)]
    body = {"session_id": sid, "message": f"{message} ({marker})", "context": context}
    started = time.perf_counter()
    try:
        r = await client.post("/v1/chat", json=body, headers=out["tokens"].get(sid, {}))
    except httpx.HTTPError as exc:
        out["errors"].append(f"{sid} turn {t}: {type(exc).__name__}")
        return
    out["latencies"].append(time.perf_counter() - started)
    if r.status_code != 200:
        out["errors"].append(f"{sid} turn {t}: HTTP {r.status_code}")
        return
    if r.json().get("session_id") != sid:
        out["wrong_session"] += 1
    if r.json().get("session_token"):
        # The token from a session's first reply rides on its later turns (and events).
        out["tokens"][sid] = {"X-Session-Token": r.json()["session_token"]}
    offers = [o["sku"] for o in r.json().get("offers", [])]
    out["offers"] += len(offers)
    out["offers_by_session"][sid].extend(offers)


async def _session(client: httpx.AsyncClient, n: int, turns: int, run_id: str, out: dict, together: int) -> None:
    """One shopper's turns, ``together`` at a time (more than one: the same session on several workers at once)."""
    sid = f"bench-{run_id}-{n}"
    # The first turn alone: its reply carries the session token every later turn must send.
    await _turn(client, sid, n, 0, out)
    for first in range(1, turns, together):
        await asyncio.gather(*(_turn(client, sid, n, t, out) for t in range(first, min(turns, first + together))))


async def _verify(client: httpx.AsyncClient, sessions: int, turns: int, run_id: str, out: dict,
                  offers_limit: int) -> tuple[int, int]:
    """Sessions whose stored turns are not exactly their own (count and marker), and sessions whose stored
    offers differ from those the replies carried or exceed the per-session limit."""
    bad = inexact = 0
    for n in range(sessions):
        sid = f"bench-{run_id}-{n}"
        r = await client.get(f"/v1/sessions/{sid}", headers={"X-API-Key": ADMIN_KEY})
        state = r.json()
        marker = f"({'m%03dx' % n})"
        own = [t for t in state["turns"] if t["user"].endswith(marker)]
        if len(state["turns"]) != turns or len(own) != turns:
            bad += 1
        stored = sorted(o["sku"] for o in state["offers_made"])
        if stored != sorted(out["offers_by_session"][sid]) or len(stored) > offers_limit:
            inexact += 1
    return bad, inexact


async def _load(base: str, sessions: int, turns: int, together: int = 1, offers_limit: int = 3) -> dict:
    out: dict = {"latencies": [], "errors": [], "wrong_session": 0, "offers": 0,
                 "offers_by_session": defaultdict(list), "tokens": {}}
    run_id = str(int(time.time()))
    limits = httpx.Limits(max_connections=sessions, max_keepalive_connections=sessions)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(_session(client, n, turns, run_id, out, together) for n in range(sessions)))
        wall = time.perf_counter() - started
        mixed, inexact = await _verify(client, sessions, turns, run_id, out, offers_limit)
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
        "sessions_with_inexact_offers": inexact,
        "offers_per_session_exact": inexact == 0,
    }


def main(argv: list[str] | None = None) -> int:
    """Start the server(s), run the load, print the figures (JSON); exit 1 on any error or mixed-up session."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=50)
    ap.add_argument("--turns", type=int, default=20)
    ap.add_argument("--embedder", choices=["minilm", "fake"], default="minilm")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn workers over one data store")
    ap.add_argument("--postgres", action="store_true",
                    help="sessions in a throwaway PostgreSQL and the index in a Chroma server (both started here)")
    ap.add_argument("--together", type=int, default=None,
                    help="turns of one session sent at once (default: 2 with several workers, else 1)")
    args = ap.parse_args(argv)
    if not (1 <= args.sessions <= 500 and 1 <= args.turns <= 200 and 1 <= args.workers <= 8):
        ap.error("--sessions must be 1..500, --turns 1..200 and --workers 1..8")
    together = args.together or (2 if args.workers > 1 else 1)

    from agent.settings import Settings
    from knowledge.store import KnowledgeStore

    with tempfile.TemporaryDirectory(prefix="cartwise-bench-") as tmp, contextlib.ExitStack() as stack:
        data_dir = Path(tmp) / "data"
        env = {
            **os.environ,
            "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
            "CARTWISE_DATA_DIR": str(data_dir),
            "CARTWISE_EMBEDDING_BACKEND": args.embedder,
            "CARTWISE_MODEL_PROVIDER": "offline",
            "CARTWISE_ADMIN_API_KEY": ADMIN_KEY,
            # The load comes from one loopback client: lift the per-client limit, keep per-session limits.
            "CARTWISE_RATE_LIMIT_PER_CLIENT": "1000000",
            "CARTWISE_RATE_LIMIT_PER_SESSION": str(max(30, args.turns)),
        }
        extra: dict = {}
        if args.postgres:
            extra["database_url"] = stack.enter_context(postgres())
            extra["chroma_url"] = stack.enter_context(chroma_server(Path(tmp) / "chroma"))
            env["CARTWISE_DATABASE_URL"], env["CARTWISE_CHROMA_URL"] = extra["database_url"], extra["chroma_url"]
        settings = Settings(data_dir=data_dir, embedding_backend=args.embedder, _env_file=None, **extra)
        started = time.perf_counter()
        KnowledgeStore(settings.knowledge).ingest_sample()
        ingest_s = time.perf_counter() - started
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.app:app_from_env", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(args.workers), "--log-level", "warning"]
        proc = subprocess.Popen(cmd, env=env, cwd=str(Path(__file__).resolve().parents[1]))
        stack.callback(_stop, proc)
        try:
            _wait_http(base + "/readyz", proc, 120, "server")
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
        # Warm-up turns (several, so every worker gets some) keep model/embedder loading out of the latencies.
        for i in range(4 * args.workers):
            httpx.post(base + "/v1/chat", json={"session_id": f"warmup-{i}", "message": "hello"}, timeout=60)
        result = asyncio.run(_load(base, args.sessions, args.turns, together, settings.policy.offers_per_session))
    result = {
        "embedder": args.embedder,
        "workers": args.workers,
        "store": "postgresql + chroma server" if args.postgres else "sqlite + embedded chroma",
        "turns_of_a_session_at_once": together,
        "sample_store_ingest_seconds": round(ingest_s, 1),
        **result,
    }
    print(json.dumps(result, indent=2))
    ok = result["errors"] == 0 and result["wrong_session_responses"] == 0
    ok = ok and result["sessions_with_foreign_or_missing_turns"] == 0 and result["offers_per_session_exact"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
