"""Benchmark: co-purchase mining over 100,000 synthetic orders and Relations.build over 20,000 products.

Run: ``.venv/bin/python bench/bench_mining.py [--orders 100000] [--skus 20000] [--seed 42]``
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge.catalog import Catalog  # noqa: E402
from knowledge.copurchase import RuleBook, baskets_from_orders, mine_rules  # noqa: E402
from knowledge.models import OrderLine, Product  # noqa: E402
from knowledge.settings import KNOWLEDGE_DEFAULTS  # noqa: E402

CATEGORIES = [
    "Electronics > Phones > Android",
    "Electronics > Phones > iOS",
    "Electronics > Laptops",
    "Electronics > Audio > Headphones",
    "Home > Kitchen",
    "Home > Garden",
    "Sports > Outdoor",
    "Books",
]


def generate_orders(n_orders: int, n_skus: int, seed: int) -> list[OrderLine]:
    """Orders with Zipf-like item popularity, ~2.5 items each, accessory pairs and a few bulk orders."""
    rng = random.Random(seed)
    skus = [f"SKU-{i:05d}" for i in range(n_skus)]
    # Popularity falls off with rank, as in real shops: a few bestsellers, a long tail.
    cum = list(accumulate(1.0 / (r + 1) ** 0.9 for r in range(n_skus)))
    # Each of the first 2,000 items has an accessory bought with it 35% of the time.
    n_bases = min(2000, n_skus // 10)
    accessory = {skus[i]: skus[n_skus - 1 - i] for i in range(n_bases)}
    lines: list[OrderLine] = []
    for o in range(n_orders):
        oid = f"O{o:06d}"
        if rng.random() < 0.001:
            size = rng.randint(60, 200)  # bulk/B2B order: must not drown the real pairs
        else:
            size = 1
            while size < 8 and rng.random() < 0.5:
                size += 1
        items = set(rng.choices(skus, cum_weights=cum, k=size))
        for base in list(items):
            acc = accessory.get(base)
            if acc is not None and rng.random() < 0.35:
                items.add(acc)
        for sku in sorted(items):
            lines.append(OrderLine(order_id=oid, sku=sku, quantity=rng.randint(1, 3)))
    return lines


def generate_products(n: int, seed: int) -> list[Product]:
    """Products with tiered families, curated links and accessories using each selector kind."""
    rng = random.Random(seed)
    out: list[Product] = []
    for i in range(n):
        sku = f"SKU-{i:05d}"
        category = CATEGORIES[i % len(CATEGORIES)]
        kw: dict = {}
        if i % 10 < 3:  # 30% in families of 3 consecutive skus, tiered
            kw["family"] = f"fam-{i // 3}"
            kw["tier"] = i % 3
        if i % 50 == 0:
            kw["upsells"] = [f"SKU-{(i + 1) % n:05d}", f"SKU-{(i + 7) % n:05d}"]
            kw["cross_sells"] = [f"SKU-{(i + 13) % n:05d}"]
        if i % 20 == 7:  # 5% accessories: sku, family and category selectors in turn
            kind = (i // 20) % 3
            if kind == 0:
                kw["compatible_with"] = [f"SKU-{rng.randrange(n):05d}", f"SKU-{rng.randrange(n):05d}"]
            elif kind == 1:
                member = rng.randrange(n // 10) * 10  # an sku with i % 10 == 0 is in a family
                kw["compatible_with"] = [f"family:fam-{member // 3}"]
            else:
                kw["compatible_with"] = [f"category:{rng.choice(CATEGORIES).rsplit(' > ', 1)[0]}"]
        out.append(Product(sku=sku, name=f"Product {i}", price=round(rng.uniform(5, 1500), 2), category=category, **kw))
    return out


def main(argv: list[str] | None = None) -> None:
    """Generate, time, print."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=100_000)
    ap.add_argument("--skus", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    # Defaults only, never the environment: a benchmark must be comparable between machines.
    defaults = {k: getattr(KNOWLEDGE_DEFAULTS, k) for k in
                ("rules_min_support", "rules_min_confidence", "rules_min_lift", "rules_min_count")}

    t = time.perf_counter()
    lines = generate_orders(args.orders, args.skus, args.seed)
    print(f"generated {len(lines):,} order lines for {args.orders:,} orders in {time.perf_counter() - t:.2f}s")
    known = {f"SKU-{i:05d}" for i in range(args.skus)}

    t0 = time.perf_counter()
    baskets = baskets_from_orders(lines, known_skus=known)
    t1 = time.perf_counter()
    mean = sum(map(len, baskets)) / len(baskets)
    print(f"baskets: {len(baskets):,} (mean {mean:.2f} items) in {t1 - t0:.2f}s")

    configs = {
        "settings defaults": dict(
            min_support=defaults["rules_min_support"], min_confidence=defaults["rules_min_confidence"],
            min_lift=defaults["rules_min_lift"], min_count=defaults["rules_min_count"],
        ),
        "loose (support 0)": dict(min_support=0.0, min_confidence=0.05, min_lift=1.5, min_count=3),
    }
    book = RuleBook()
    for label, limits in configs.items():
        t2 = time.perf_counter()
        rules = mine_rules(baskets, **limits)
        t3 = time.perf_counter()
        total = (t1 - t0) + (t3 - t2)
        print(
            f"mine [{label}]: {len(rules):,} rules in {t3 - t2:.2f}s; baskets+mining {total:.2f}s "
            f"= {args.orders / total:,.0f} orders/s"
        )
        book = RuleBook(rules)

    from knowledge.relations import Relations

    products = generate_products(args.skus, args.seed)
    t = time.perf_counter()
    catalog = Catalog(products)
    t_cat = time.perf_counter() - t
    t = time.perf_counter()
    rel = Relations.build(catalog, book)
    t_build = time.perf_counter() - t
    print(f"Catalog({len(catalog):,}) {t_cat:.3f}s; Relations.build {t_build:.3f}s (with {len(book):,} rules)")

    sample = [p.sku for p in products[:: max(1, len(products) // 1000)]]
    t = time.perf_counter()
    n_links = sum(len(rel.upgrades(s)) + len(rel.complements(s)) for s in sample)
    t_q = time.perf_counter() - t
    print(f"upgrades+complements for {len(sample):,} skus: {t_q * 1000 / len(sample):.3f} ms/sku ({n_links:,} links)")
    t = time.perf_counter()
    stats = rel.stats()
    print(f"stats {time.perf_counter() - t:.2f}s: {stats.model_dump()}")


if __name__ == "__main__":
    main()
