"""Merchant series benchmark: how long ``/v1/metrics/series`` takes to compute over many events, chats and follow-ups.

Seeds a SQLite database (events over 30 days, session rows, a followups table), then times ``load_series`` (the
whole read and computation behind the endpoint and the /admin page) for 7, 30 and 90 days.

Run: ``.venv/bin/python bench/bench_series.py [--events 100000] [--sessions 20000] [--followups 5000]``
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Column, Float, MetaData, String, Table, insert  # noqa: E402

from agent.sql_store import SQLSessionStore, make_engine, sessions_table  # noqa: E402
from api.events import EventStore, events_table  # noqa: E402
from api.metrics_sources import load_series  # noqa: E402

DAY = 86400.0


def seed(engine, events: int, sessions: int, followups: int, now: float) -> None:
    """Random but plausible traffic: shown offers, some accepted, some purchases with customers."""
    rng = random.Random(7)
    SQLSessionStore(engine)  # creates the sessions table
    rows, chats = [], []
    for i in range(sessions):
        at = now - rng.random() * 90 * DAY
        offered = rng.random() < 0.6
        state = {"session_id": f"s{i}", "offers_made": [{"sku": "X", "kind": "cross_sell", "turn": 0}] if offered
                 else []}
        chats.append({"session_id": f"s{i}", "state": json.dumps(state), "updated_at": at})
    for _ in range(events):
        s = rng.randrange(sessions)
        at = now - rng.random() * 90 * DAY
        kind = rng.choice(["upsell", "cross_sell", "bundle"])
        type_ = rng.choices(["shown", "accepted", "declined", "purchased"], [6, 1, 2, 1])[0]
        rows.append({"session_id": f"s{s}", "type": type_, "sku": None if type_ == "purchased" else f"K{s % 50}",
                     "amount": 100.0 if type_ == "purchased" else None, "price": 20.0, "order_id": None, "at": at,
                     "customer_id": f"c{s % 3000}" if type_ == "purchased" else None, "kind": kind})
    table = Table("followups", MetaData(), Column("order_id", String, primary_key=True), Column("customer_id", String),
                  Column("sku", String), Column("kind", String), Column("send_at", String), Column("created_at", Float))
    table.create(engine)
    fus = [{"order_id": f"o{i}", "customer_id": f"c{i % 3000}", "sku": "X", "kind": "replenish",
            "send_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(now - rng.random() * 60 * DAY)),
            "created_at": now} for i in range(followups)]
    with engine.begin() as conn:
        conn.execute(insert(sessions_table), chats)
        conn.execute(insert(events_table), rows)
        conn.execute(insert(table), fus)


def main() -> None:
    """Seed, then time the series for three windows."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--sessions", type=int, default=20_000)
    ap.add_argument("--followups", type=int, default=5_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        store = EventStore(engine)
        now = time.time()
        seed(engine, args.events, args.sessions, args.followups, now)
        print(f"{args.events} events, {args.sessions} sessions, {args.followups} follow-ups over 90 days")
        for days in (7, 30, 90):
            start = time.perf_counter()
            series = load_series(store, days, now)
            took = time.perf_counter() - start
            print(f"days={days:3d}: {took * 1000:8.1f} ms  (offers shown {series.totals.offers_shown}, "
                  f"orders {series.totals.orders}, repeat purchases {series.totals.repeat_purchases})")


if __name__ == "__main__":
    main()
