"""Import speed: generates a 20,000-product JSONL and native CSV catalog in a temp dir and loads each.

Run: ``python bench/bench_import.py [N]``; prints products/s per format.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from knowledge.importers import load_catalog  # noqa: E402

_CATEGORIES = ["Electronics > Phones", "Electronics > Phones > Cases", "Electronics > Power", "Audio > Earbuds"]


def product(i: int) -> dict[str, object]:
    """A plausible product row; every tenth links to its neighbour so link checks do real work."""
    row: dict[str, object] = {
        "sku": f"SKU-{i:06d}",
        "name": f"Product {i} Deluxe Edition",
        "price": round(5 + (i % 500) * 1.37, 2),
        "category": _CATEGORIES[i % len(_CATEGORIES)],
        "description": f"<p>Everyday item {i}, with a <strong>two-year</strong> warranty &amp; free returns.</p>",
        "brand": f"Brand {i % 40}",
        "attributes": {"color": ["black", "white", "blue"][i % 3], "weight_g": 100 + i % 300},
        "family": f"fam-{i // 4}",
        "tier": i % 4 + 1,
        "stock": i % 50,
    }
    if i % 10 == 1:
        row["upsells"] = [f"SKU-{i - 1:06d}"]
        row["cross_sells"] = [f"SKU-{i + 1:06d}"]
    return row


def _cell(value: object) -> object:
    """Native CSV cell: lists ``|``-joined, objects as JSON text."""
    if isinstance(value, list):
        return "|".join(value)
    return json.dumps(value) if isinstance(value, dict) else value


def write_files(directory: Path, n: int) -> tuple[Path, Path]:
    """The same n products as JSONL and as native CSV."""
    rows = [product(i) for i in range(n)]
    jsonl = directory / "catalog.jsonl"
    jsonl.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    csv_path = directory / "catalog.csv"
    columns = ["sku", "name", "price", "category", "description", "brand", "attributes", "family", "tier", "stock",
               "upsells", "cross_sells"]
    with csv_path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c, "")) for c in columns])
    return jsonl, csv_path


def main() -> None:
    """Time load_catalog on each generated file."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        for path in write_files(Path(tmp), n):
            start = time.perf_counter()
            products = load_catalog(path)
            elapsed = time.perf_counter() - start
            assert len(products) == n
            print(f"{path.suffix[1:]:>5}: {n} products in {elapsed:.2f} s = {n / elapsed:,.0f} products/s")


if __name__ == "__main__":
    main()
