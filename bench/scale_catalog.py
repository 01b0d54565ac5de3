"""Realistic synthetic catalogs for the scale benchmark: 60-120 word descriptions, families with tiers, stock.

``write_catalog(path, n, seed)`` streams JSONL (a million products never sit in memory as objects);
``realistic_products(n, seed)`` yields the same products. Deterministic by seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from bench.synthetic import _ADJ, _BRANDS, _EXTRA, _KINDS

# Sentences that make a description read like a shop's copy (benefits, materials, care, what is in the box).
_OPENERS = [
    "Meet the {name}, built for people who want {benefit}.",
    "The {name} is our answer to {benefit} without the usual compromises.",
    "If you are after {benefit}, the {name} is a dependable everyday choice.",
    "Designed around {benefit}, the {name} keeps things simple.",
]
_BENEFITS = ["reliable performance", "comfort over long sessions", "great value", "a premium feel", "low upkeep",
             "a compact footprint", "quiet operation", "long service life", "easy setup", "a clean modern look"]
_DETAILS = [
    "Every unit is checked by hand before it leaves the warehouse.",
    "The finish resists fingerprints and light scratches.",
    "Controls are laid out so you can use it without reading the manual.",
    "Replacement parts are available for at least five years.",
    "It has been tested by our team over several months of daily use.",
    "The materials were chosen to stay comfortable in warm and cold weather.",
    "Cleaning takes a minute with a damp cloth.",
    "It pairs well with the rest of the {brand} range.",
    "Most customers tell us setup took less than ten minutes.",
    "A detailed quick-start card is included in the box.",
    "The design was refined after feedback from hundreds of owners.",
    "Its weight is balanced so it feels solid without being heavy.",
    "Energy use is low enough to leave it running all day.",
    "Edges are rounded and seams are reinforced for durability.",
    "It fits easily on a shelf, in a drawer or in a travel bag.",
]
_BOX = ["In the box: the {noun}, a quick-start guide and a warranty card.",
        "Comes with a storage pouch and a cleaning cloth.",
        "Includes a USB-C cable where it needs power.",
        "Spare parts and accessories are sold separately."]


def _description(rng: random.Random, name: str, noun: str, brand: str, uses: list[str]) -> str:
    """A 60-120 word shop description: opener, use sentences, details, box contents, a service line."""
    parts = [rng.choice(_OPENERS).format(name=name, benefit=rng.choice(_BENEFITS))]
    parts += rng.sample(uses, k=rng.randint(2, len(uses)))
    target = rng.randint(60, 120)
    details = rng.sample(_DETAILS, k=len(_DETAILS))
    while len(" ".join(parts).split()) < target - 12 and details:
        parts.append(details.pop().format(brand=brand))
    parts.append(rng.choice(_BOX).format(noun=noun))
    parts.append(rng.choice(_EXTRA))
    return " ".join(parts)


def realistic_products(n: int, seed: int = 0, prefix: str = "SC") -> Iterator[dict]:
    """``n`` catalog rows (JSON-able dicts): varied names, 60-120 word descriptions, families of tiers, stock."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    rng = random.Random(seed)
    made = 0
    group = 0
    while made < n:
        category, noun, (lo, hi), attr_space, uses = _KINDS[rng.randrange(len(_KINDS))]
        brand = rng.choice(_BRANDS)
        model = f"{rng.choice(_ADJ)} {rng.randint(1, 999)}"
        members = rng.choice([2, 3, 4]) if rng.random() < 0.3 else 1
        family = f"{prefix}-fam-{group}" if members > 1 else None
        base = round(rng.uniform(lo, hi), 2)
        for tier in range(1, members + 1):
            if made >= n:
                break
            name = f"{brand} {model} {noun}" + (f" {['', 'Standard', 'Plus', 'Pro', 'Max'][tier]}" if family else "")
            roll = rng.random()
            row = {
                "sku": f"{prefix}-{group:07d}-{tier}",
                "name": name,
                "price": round(base * (1 + 0.3 * (tier - 1)), 2),
                "category": category,
                "description": _description(rng, name, noun, brand, uses),
                "brand": brand,
                "attributes": {k: rng.choice(v) for k, v in attr_space.items()},
                "stock": None if roll < 0.2 else 0 if roll < 0.32 else rng.randint(1, 500),
                "active": rng.random() > 0.03,
                "margin": round(rng.uniform(0.05, 0.6), 2),
            }
            if family:
                row["family"], row["tier"] = family, tier
            yield row
            made += 1
        group += 1


def write_catalog(path: Path, n: int, seed: int = 0, head: list[str] | None = None) -> Path:
    """Write ``head`` lines (e.g. the sample store's rows) then ``n`` realistic rows to ``path`` as JSONL."""
    with open(path, "w", encoding="utf-8") as f:
        for line in head or []:
            f.write(line.rstrip("\n") + "\n")
        for row in realistic_products(n, seed):
            f.write(json.dumps(row) + "\n")
    return path
