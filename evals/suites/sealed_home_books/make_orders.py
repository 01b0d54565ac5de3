"""Writes orders.csv for the sealed_home_books store (deterministic: seed 20260214).

Base items are co-bought with their natural accessories so that "frequently bought together" rules exist;
a share of single-item and random orders keeps the rules from being perfect.
Run from this directory: python make_orders.py
"""
import csv
import datetime as dt
import json
import random
from pathlib import Path

HERE = Path(__file__).parent
rng = random.Random(20260214)
catalog = [json.loads(line) for line in (HERE / "catalog.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
buyable = [r["sku"] for r in catalog if r.get("active", True)]

# (weight, base choices, [(accessory choices, probability)])
PATTERNS = [
    (14, ["ER-LUMEN-6"], [(["CASE-L6-FOLIO"], 0.75), (["BOOK-SLEEVE"], 0.15), (["CHG-USBC-20W"], 0.2)]),
    (10, ["ER-LUMEN-7", "ER-LUMEN-7-SAND"], [(["CASE-L7-FOLIO"], 0.7), (["ER-DRYBAG"], 0.3), (["CHG-USBC-20W"], 0.2)]),
    (4, ["ER-LUMEN-COLOR"], [(["CASE-L7-FOLIO"], 0.6)]),
    (12, ["FP-ATL-STEEL"], [(["INK-BTL-BLK", "INK-BTL-BLU"], 0.7), (["PEN-CASE-LTH"], 0.35), (["NB-A5-120-BLK"], 0.3)]),
    (5, ["FP-ATL-PISTON", "FP-ATL-14K"], [(["INK-BTL-BLK", "INK-BTL-BLU", "INK-BTL-DOC"], 0.8), (["PEN-CASE-LTH"], 0.4)]),
    (16, ["FP-SCOUT-BLU", "FP-SCOUT-RED", "FP-SCOUT-DEMO"], [(["INK-CART-BLU", "INK-CART-BLK"], 0.8), (["CONV-STD"], 0.35),
                                                             (["NB-A5-120-BLK", "NB-A5-80-BLK"], 0.35)]),
    (12, ["TOP-MEM5-DBL", "TOP-MEM7-DBL"], [(["FS-DEEP-DBL-WHT"], 0.65), (["MPROT-DBL"], 0.55)]),
    (3, ["TOP-MEM10-DBL", "TOP-MEM5-KNG"], [(["MPROT-DBL"], 0.5)]),
    (14, ["DC-PERC-DBL-WHT", "DC-PERC-DBL-SAGE", "DC-SATN-DBL-WHT"], [(["FS-PERC-DBL-WHT", "FS-PERC-DBL-SAGE"], 0.7),
                                                                     (["PIL-MF-MED"], 0.3)]),
    (10, ["DUV-45-DBL", "DUV-105-DBL", "DUV-135-DBL"], [(["DC-PERC-DBL-WHT", "DC-FLAN-DBL-CHK"], 0.4), (["PIL-MF-MED"], 0.4)]),
    (10, ["PIL-CONT", "PIL-CONT-COOL", "PIL-MF-MED", "PIL-DOWN"], [(["PPROT-2PK"], 0.7)]),
    (14, ["TWL-500-WHT", "TWL-600-WHT", "TWL-600-SAGE", "TWL-500-NAVY"], [(["BMAT-WHT"], 0.55)]),
    (10, ["CUR-BLK-GRY", "CUR-BLK-NAVY", "CUR-DIM-GRY"], [(["ROD-EXT-210"], 0.6)]),
    (12, ["PLN-WK-A5-26-NAVY", "PLN-WK-A5-26-BLUSH", "PLN-DAY-A5-26", "PLN-WK-A6-26-NAVY"],
     [(["STK-PLANNER"], 0.55), (["PEN-FINELINER-4"], 0.45)]),
    (12, ["BL-FLEX", "BL-FLEX-ROSE", "BL-FLEX-PRO"], [(["BK-PRIDE-PB", "PAGE-HOLDER"], 0.3), (["CHG-USBC-20W"], 0.2)]),
    (8, ["THR-WOOL-130", "THR-WOOL-180", "ETHR-9"], [(["HWB-KNIT"], 0.35), (["PIL-READ"], 0.15)]),
    (5, ["WB-5KG", "WB-7KG"], [(["SLEEP-MASK-SILK"], 0.3)]),
]
SINGLE_SHARE = 0.2
N_ORDERS = 340

rows = []
start = dt.datetime(2025, 9, 1, 8, 0, tzinfo=dt.timezone.utc)
weights = [p[0] for p in PATTERNS]
for i in range(N_ORDERS):
    oid = f"HB-{10001 + i}"
    cust = f"c{rng.randint(1, 220):04d}"
    when = start + dt.timedelta(minutes=rng.randint(0, 150 * 24 * 60))
    if rng.random() < SINGLE_SHARE:
        items = [rng.choice(buyable)]
    else:
        _, bases, accs = rng.choices(PATTERNS, weights=weights)[0]
        items = [rng.choice(bases)]
        for choices, p in accs:
            if rng.random() < p:
                items.append(rng.choice(choices))
    for sku in dict.fromkeys(items):
        qty = rng.choice([2, 2, 4]) if sku.startswith("TWL-") else (rng.choice([1, 1, 2]) if sku.startswith("INK-") else 1)
        rows.append([oid, sku, qty, cust, when.isoformat()])

with open(HERE / "orders.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["order_id", "sku", "quantity", "customer_id", "created_at"])
    w.writerows(rows)
print(f"{N_ORDERS} orders, {len(rows)} rows")
