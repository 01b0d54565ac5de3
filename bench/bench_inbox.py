"""Latency of the rep inbox's live paths, on a real server (uvicorn in a thread, SQLite under a temp dir):

    python bench/bench_inbox.py            # 20 rounds of each
    python bench/bench_inbox.py --rounds 50 --workers 2

- new conversation -> inbox stream: from the shopper's first turn being answered to the `sessions` event that
  lists it on an open GET /v1/sessions/stream;
- rep send -> shopper stream: from POST /v1/suggest/{id}/send returning to the `rep_message` event on an open
  GET /v1/chat/events.

With ``--workers 2`` two app instances share the SQLite file and every stream is held by the other instance than
the one written to, as with two uvicorn workers. Prints median, p95 and max in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agent.settings import Settings  # noqa: E402
from api.app import create_app  # noqa: E402
from tests.api.live_server import read_event, serve, stream_client  # noqa: E402
from tests.api.test_api import KEY, NEED, PHONE_CTX, write_catalog  # noqa: E402

ADMIN = {"X-API-Key": KEY}


def make_app(tmp: Path):
    settings = Settings(embedding_backend="fake", multilingual_backend="none", admin_api_key=KEY,
                        data_dir=tmp / "data", rate_limit_per_client=1_000_000, rate_limit_per_session=1_000_000,
                        _env_file=None)
    app = create_app(settings)
    app.state.agent.knowledge.ingest(write_catalog(tmp / "catalog.jsonl"))
    return app


def summary(name: str, ms: list[float]) -> None:
    ms = sorted(ms)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    print(f"{name:<34} n={len(ms):<3} median={statistics.median(ms):7.1f} ms  p95={p95:7.1f} ms  max={ms[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--workers", type=int, choices=(1, 2), default=1)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cartwise-bench-inbox-"))
    apps = [make_app(tmp) for _ in range(args.workers)]
    with serve(apps[0]) as write_base, serve(apps[-1]) as read_base, stream_client() as http:
        listed, delivered = [], []
        with http.stream("GET", f"{read_base}/v1/sessions/stream", headers=ADMIN) as inbox:
            lines = inbox.iter_lines()
            read_event(lines, "sessions")
            for n in range(args.rounds):
                sid = f"bench-{n}"
                r = http.post(f"{write_base}/v1/chat", json={"session_id": sid, "message": NEED, "context": PHONE_CTX})
                answered = time.perf_counter()
                while True:
                    page, _ = read_event(lines, "sessions")
                    if any(s["session_id"] == sid for s in page["sessions"]):
                        break
                listed.append((time.perf_counter() - answered) * 1000)
                token = r.json()["session_token"]
                with http.stream("GET", f"{read_base}/v1/chat/events",
                                 params={"session_id": sid, "token": token}) as shopper:
                    events = shopper.iter_lines()
                    sent = http.post(f"{write_base}/v1/suggest/{sid}/send", headers=ADMIN,
                                     json={"message": NEED, "context": PHONE_CTX, "reply": "Happy to help."})
                    assert sent.status_code == 200, sent.text
                    returned = time.perf_counter()
                    read_event(events, "rep_message")
                    delivered.append((time.perf_counter() - returned) * 1000)
    print(f"workers={args.workers} rounds={args.rounds} (streams poll every 250 ms)")
    summary("new conversation -> inbox stream", listed)
    summary("rep send -> shopper stream", delivered)


if __name__ == "__main__":
    main()
