"""Benchmark: follow-ups per second for 1,000 orders (read, plan, render in three parts, write JSON lines).

The sample store's catalog and co-purchase rules; one product in six made a consumable (``replenish_days``) so
both kinds are planned; 1,000 orders of 1-4 items by 400 customers over 60 days; declines looked up per customer
in a SQLite session store that holds 400 linked sessions (as ``cartwise followups`` does). Retrieval is off (the
relations answer; a search would add one vector query per order the relations cannot serve).

Run: ``.venv/bin/python bench/bench_followups.py [--orders 1000] [--repeat 3] [--seed 7]``
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.followups.memory import SessionMemory  # noqa: E402
from agent.followups.plan import FollowUpPlanner  # noqa: E402
from agent.followups.service import run_batch  # noqa: E402
from agent.settings import Settings  # noqa: E402
from agent.sql_store import SQLSessionStore  # noqa: E402
from agent.types import SessionState  # noqa: E402
from knowledge.catalog import Catalog  # noqa: E402
from knowledge.copurchase import RuleBook, baskets_from_orders, mine_rules  # noqa: E402
from knowledge.importers import load_catalog  # noqa: E402
from knowledge.orders import load_orders  # noqa: E402
from knowledge.relations import Relations  # noqa: E402
from knowledge.store import sample_store_dir  # noqa: E402


def write_orders(path: Path, skus: list[str], n: int, seed: int) -> None:
    """``n`` orders of 1-4 distinct items by 400 customers over 60 days, some in other languages."""
    rng = random.Random(seed)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    locales = ["en", "en", "en", "es", "fr", "de", "ru", "vi", ""]
    rows = ["order_id,sku,quantity,customer_id,created_at,locale"]
    for i in range(n):
        at = (start + timedelta(minutes=rng.randrange(60 * 24 * 60))).isoformat()
        customer = f"C{rng.randrange(400):04d}"
        locale = locales[hash(customer) % len(locales)]
        for sku in rng.sample(skus, rng.randint(1, 4)):
            rows.append(f"O{i:05d},{sku},{rng.randint(1, 2)},{customer},{at},{locale}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main() -> None:
    """Print follow-ups per second for the batch, best of ``--repeat`` runs."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    settings = Settings(_env_file=None)
    store_dir = sample_store_dir()
    products = load_catalog(store_dir / "catalog.jsonl")
    rng = random.Random(args.seed)
    products = [p.model_copy(update={"replenish_days": rng.choice([21, 30, 60, 90])}) if rng.random() < 1 / 6 else p
                for p in products]
    catalog = Catalog(products, currency=settings.knowledge.store_currency)
    k = settings.knowledge
    rules = RuleBook(mine_rules(baskets_from_orders(load_orders(store_dir / "orders.csv"), catalog),
                                min_support=k.rules_min_support, min_confidence=k.rules_min_confidence,
                                min_lift=k.rules_min_lift, min_count=k.rules_min_count))
    relations = Relations.build(catalog, rules)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        orders = tmp_dir / "orders.csv"
        write_orders(orders, [p.sku for p in catalog if p.available], args.orders, args.seed)
        sessions = SQLSessionStore.from_url(f"sqlite:///{tmp_dir / 'sessions.sqlite3'}")
        some = [p.sku for p in catalog][:50]
        for c in range(400):
            sessions.save(SessionState(session_id=f"s{c}", customer_id=f"C{c:04d}", declined_skus=rng.sample(some, 2)))
        best = float("inf")
        summary = None
        for _ in range(args.repeat):
            # A fresh memory each run: the per-customer lookups are part of the work measured.
            planner = FollowUpPlanner(catalog, relations, settings.followups,
                                      addon_share=settings.policy.addon_share_need, memory=SessionMemory(sessions))
            started = time.perf_counter()
            summary = run_batch(planner, orders, tmp_dir / "followups.jsonl", as_of=None)
            best = min(best, time.perf_counter() - started)
        sessions.close()
    assert summary is not None
    print(f"orders                 {summary.orders}")
    print(f"follow-ups             {summary.followups} ({summary.cross_sell} cross-sell, {summary.replenish} replenish, "
          f"{summary.skipped} orders without one)")
    print(f"batch time (best of {args.repeat}) {best:.3f} s")
    print(f"orders per second      {summary.orders / best:,.0f}")
    print(f"follow-ups per second  {summary.followups / best:,.0f}")


if __name__ == "__main__":
    main()
